"""Benchmark: `socius import` and `socius stats` against the bare readers, side by side.

    python bench/run.py                          # 10k, 100k and 1M registrations
    python bench/run.py --sizes 10000,100000 --skip-naive-above 100000
    python bench/run.py --sizes 1000000 --skip-naive-above 0 --csv --oversize   # CSV and oversize CSV too

For each size it writes one contract-format workbook (sheets activiteiten, inschrijvingen,
organisaties) with xlsxwriter in constant-memory mode, then measures on that same file, each
in a fresh child process (wall time, and peak memory as the child's max RSS from wait4):

- import:  `socius import FILE --db NEW.db` (read, check, store; a fresh store each time)
- fastest: fastexcel reading every sheet to Arrow (the bare parser, no checking, no storing)
- naive:   pandas.read_excel(sheet_name=None, engine="openpyxl")
- stats:   `socius stats YEAR --format json` on the imported store, against `socius --version`
- csv:     (--csv) `socius import` of the same data as three CSV files, against the xlsx import
- oversize (--oversize): refusing a 6.4M-row CSV (300 MB) and a 450 MB CSV on one line

and prints a Markdown table with the ratios and the growth from one size to the next.
Needs the `bench` extra: pip install '.[bench]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEAR = 2023
ORGS = [f"Vereniging {i:03d}" for i in range(130)]
THEMES = ["Gezondheid", "Digitale inclusie", "Taal", "Cultuur", "Vrijwilligerswerk", "Natuur"]
FORMATS = ["fysiek", "online", "blended"]


def tables(n_regs: int, seed: int = 5):
    """(sheet name, header, rows) of the benchmark data: n_regs registrations over n_regs/20
    activities of YEAR and a register of 130 organisations. Rows are generated lazily, in
    order, so consume each table before the next (the same seed gives the same data)."""
    rng = random.Random(seed)
    per_activity = 20
    n_act = max(1, n_regs // per_activity)
    persons = max(per_activity * 2, n_regs // 3)
    start = dt.datetime(YEAR, 1, 1)

    def activities():
        for i in range(n_act):
            yield [f"A{i:07d}", f"Vorming {i}", start + dt.timedelta(days=rng.randrange(365)),
                   rng.choice(FORMATS), rng.choice((1, 2, 2, 4)), rng.choice(THEMES), "vorming"]

    def registrations():
        for a in range(n_act):
            offset = rng.randrange(persons)
            for k in range(min(per_activity, n_regs - a * per_activity) if a < n_act - 1
                           else n_regs - a * per_activity):
                person = (offset + k * 7919) % persons
                org = ORGS[person % len(ORGS)] if rng.random() < 0.9 else None
                r = rng.random()
                group = ("primair" if r < 0.06 else "secundair") if r < 0.1 else None
                yield [f"A{a:07d}", f"deelnemer{person}@example.be", org, group,
                       "nee" if rng.random() < 0.08 else "ja"]

    def organisations():
        for i, name in enumerate(ORGS):
            yield [name, "ja" if i % 5 else "nee", "sociaal-cultureel"]

    return [("activiteiten", ["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema", "Soort"], activities()),
            ("inschrijvingen", ["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"], registrations()),
            ("organisaties", ["Naam", "Erkend", "Sector"], organisations())]


def generate(path: Path, n_regs: int, seed: int = 5) -> None:
    """A workbook of `tables(n_regs)`, written with xlsxwriter in constant-memory mode."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name, header, rows in tables(n_regs, seed):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, date_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
    wb.close()


def generate_csv(folder: Path, n_regs: int, seed: int = 5) -> list[Path]:
    """The same data as `generate`, as one CSV file per table (`;`, dates as dd/mm/yyyy, UTF-8
    with a byte-order mark: what Excel's "CSV UTF-8" writes)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, header, rows in tables(n_regs, seed):
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow(header)
            w.writerows([v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else "" if v is None else v
                         for v in row] for row in rows)
        paths.append(path)
    return paths


def oversize_csv(path: Path, kind: str) -> Path:
    """Oversize CSV input: 'rows' is 6.4M short registration lines (about 300 MB), 'line' is
    450 MB on one line; both must be refused early and in little memory."""
    if path.exists():
        return path
    with path.open("w", encoding="utf-8", newline="") as fh:
        if kind == "rows":
            fh.write("Activiteit;E-mail;Organisatie;Doelgroep;Aanwezig\r\n")
            block = "".join(f"A{i % 50000:07d};deelnemer{i}@example.be;Vereniging {i % 130:03d};;ja\r\n"
                            for i in range(100_000))
            for _ in range(64):
                fh.write(block)
        else:
            fh.write("Activiteit;E-mail;")
            chunk = "x" * (1024 * 1024)
            for _ in range(450):
                fh.write(chunk)
            fh.write("\r\n")
    return path


def measure(cmd: list[str], env: dict | None = None, cwd: Path | None = None,
            expect: int = 0) -> tuple[float, float]:
    """(seconds, peak MB) of one child process; fails loudly when its exit status is not `expect`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != expect:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


FASTEST = ("import sys, fastexcel\n"
           "r = fastexcel.read_excel(sys.argv[1])\n"
           "for name in r.sheet_names:\n"
           "    r.load_sheet(name).to_arrow()\n")
NAIVE = "import sys, pandas\npandas.read_excel(sys.argv[1], sheet_name=None, engine='openpyxl')\n"


def best(cmd: list[str], repeat: int, env: dict | None = None, before=None) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(measure(cmd, env))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def run_size(n: int, work: Path, repeat: int, naive: bool, with_csv: bool = False) -> dict:
    xlsx = work / f"registrations-{n}.xlsx"
    if not xlsx.exists():
        t0 = time.perf_counter()
        generate(xlsx, n)
        print(f"  generated {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    py = sys.executable
    db = work / f"store-{n}.db"
    src = str(Path(__file__).resolve().parents[1] / "src")  # this checkout's socius, installed or not
    env = {**os.environ, "SOCIUS_KEY": "bench-key",
           "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    env.pop("SOCIUS_DB", None)

    def fresh_store():
        for p in work.glob(f"store-{n}.db*"):
            p.unlink()

    res: dict = {"n": n, "size_mb": xlsx.stat().st_size / 1e6}
    res["fastest"] = best([py, "-c", FASTEST, str(xlsx)], repeat)
    res["import"] = best([py, "-m", "socius_cli.cli", "import", str(xlsx), "--db", str(db)], repeat,
                         env, before=fresh_store)
    res["naive"] = best([py, "-c", NAIVE, str(xlsx)], 1 if n >= 1_000_000 else repeat) if naive else None
    stats_repeat = max(repeat, 5)
    res["version"] = best([py, "-m", "socius_cli.cli", "--version"], stats_repeat, env)
    res["stats"] = best([py, "-m", "socius_cli.cli", "stats", str(YEAR), "--format", "json", "--db", str(db)],
                        stats_repeat, env)
    if with_csv:
        folder = work / f"csv-{n}"
        csvs = sorted(folder.glob("*.csv")) if folder.is_dir() else generate_csv(folder, n)
        res["csv_mb"] = sum(c.stat().st_size for c in csvs) / 1e6
        res["csv_import"] = best([py, "-m", "socius_cli.cli", "import", *map(str, csvs), "--db", str(db)],
                                 repeat, env, before=fresh_store)
    return res


def run_oversize(work: Path) -> list[tuple[str, float, float, float]]:
    """(case, file MB, seconds, peak MB) of refusing each oversize CSV (exit status 1)."""
    py = sys.executable
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "SOCIUS_KEY": "bench-key",
           "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    out = []
    for kind, label in (("rows", "6.4M rows"), ("line", "450 MB on one line")):
        folder = work / f"oversize-{kind}"
        folder.mkdir(parents=True, exist_ok=True)
        path = oversize_csv(folder / "inschrijvingen.csv", kind)
        db = folder / "store.db"
        seconds, peak = measure([py, "-m", "socius_cli.cli", "import", str(path), "--db", str(db)], env, expect=1)
        out.append((label, path.stat().st_size / 1e6, seconds, peak))
    return out


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB memory"
    except (OSError, ValueError, IndexError):
        pass
    cpu = platform.processor() or platform.machine()
    return (f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def table(results: list[dict]) -> str:
    def t(x):
        return "n/a" if x is None else f"{x[0]:.2f} s"

    def m(x):
        return "n/a" if x is None else f"{x[1]:.0f} MB"

    def ratio(a, b, i=0):
        return "n/a" if a is None or b is None else f"{a[i] / b[i]:.2f}x"

    lines = [
        "| registrations | file | fastest read (fastexcel) | `socius import` | import / fastest "
        "| naive (pandas+openpyxl) | naive / import | peak MB fastest | peak MB import | "
        "import / fastest (memory) | `--version` | `stats --format json` | stats / start-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['size_mb']:.1f} MB | {t(r['fastest'])} | {t(r['import'])} | "
            f"{ratio(r['import'], r['fastest'])} | {t(r['naive'])} | {ratio(r['naive'], r['import'])} | "
            f"{m(r['fastest'])} | {m(r['import'])} | {ratio(r['import'], r['fastest'], 1)} | "
            f"{t(r['version'])} | {t(r['stats'])} | {ratio(r['stats'], r['version'])} |")
    if len(results) > 1:
        lines += ["", "Growth from one size to the next (time ratio; 10x the rows growing 10x is linear):", "",
                  "| from → to | rows | fastest read | import | naive | stats |",
                  "|---|---:|---:|---:|---:|---:|"]
        for a, b in itertools.pairwise(results):
            lines.append(f"| {a['n']:,} → {b['n']:,} | {b['n'] / a['n']:.0f}x | {ratio(b['fastest'], a['fastest'])} | "
                         f"{ratio(b['import'], a['import'])} | {ratio(b['naive'], a['naive'])} | "
                         f"{ratio(b['stats'], a['stats'])} |")
    csv_rows = [r for r in results if "csv_import" in r]
    if csv_rows:
        lines += ["", "The same data as CSV files (one per table, `;`, UTF-8 with BOM), imported in one run:", "",
                  "| registrations | CSV files | `socius import` CSV | peak MB CSV | time CSV / xlsx import "
                  "| memory CSV / xlsx import |", "|---:|---:|---:|---:|---:|---:|"]
        for r in csv_rows:
            lines.append(f"| {r['n']:,} | {r['csv_mb']:.1f} MB | {t(r['csv_import'])} | {m(r['csv_import'])} | "
                         f"{ratio(r['csv_import'], r['import'])} | {ratio(r['csv_import'], r['import'], 1)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="registrations per workbook")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement below 1M rows (best time kept)")
    ap.add_argument("--skip-naive-above", type=int, default=None,
                    help="skip pandas+openpyxl for sizes above this (it takes minutes at 1M)")
    ap.add_argument("--workdir", type=Path, default=None, help="where files go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    ap.add_argument("--csv", action="store_true", help="also import the same data as CSV files")
    ap.add_argument("--oversize", action="store_true",
                    help="also time the refusal of a 6.4M-row CSV and of a 450 MB one-line CSV")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="socius-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            print(f"{n:,} registrations ...", file=sys.stderr)
            naive = args.skip_naive_above is None or n <= args.skip_naive_above
            results.append(run_size(n, work, args.repeat if n < 1_000_000 else 1, naive, args.csv))
        oversize = run_oversize(work) if args.oversize else []
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    naive_flag = f" --skip-naive-above {args.skip_naive_above}" if args.skip_naive_above else ""
    naive_flag += (" --csv" if args.csv else "") + (" --oversize" if args.oversize else "")
    print(f"Measured on {machine()}, {dt.date.today().isoformat()}; "
          f"`python bench/run.py --sizes {args.sizes}{naive_flag}`.\n")
    print(table(results))
    if oversize:
        print("\nOversize CSV input, refused (exit status 1):\n")
        print("| input | file | refused after | peak MB |\n|---|---:|---:|---:|")
        for label, mb, seconds, peak in oversize:
            print(f"| {label} | {mb:.0f} MB | {seconds:.2f} s | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
