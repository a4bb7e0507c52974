"""Benchmark: `socius import` and `socius stats` against the bare readers, side by side.

    python bench/run.py                          # 10k, 100k and 1M registrations
    python bench/run.py --sizes 10000,100000 --skip-naive-above 100000

For each size it writes one contract-format workbook (sheets activiteiten, inschrijvingen,
organisaties) with xlsxwriter in constant-memory mode, then measures on that same file, each
in a fresh child process (wall time, and peak memory as the child's max RSS from wait4):

- import:  `socius import FILE --db NEW.db` (read, check, store; a fresh store each time)
- fastest: fastexcel reading every sheet to Arrow (the bare parser, no checking, no storing)
- naive:   pandas.read_excel(sheet_name=None, engine="openpyxl")
- stats:   `socius stats YEAR --format json` on the imported store, against `socius --version`

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


def generate(path: Path, n_regs: int, seed: int = 5) -> None:
    """A workbook with n_regs registrations over n_regs/20 activities of YEAR."""
    import xlsxwriter

    rng = random.Random(seed)
    per_activity = 20
    n_act = max(1, n_regs // per_activity)
    persons = max(per_activity * 2, n_regs // 3)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})

    ws = wb.add_worksheet("activiteiten")
    ws.write_row(0, 0, ["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema", "Soort"])
    start = dt.datetime(YEAR, 1, 1)
    for i in range(n_act):
        ws.write_string(i + 1, 0, f"A{i:07d}")
        ws.write_string(i + 1, 1, f"Vorming {i}")
        ws.write_datetime(i + 1, 2, start + dt.timedelta(days=rng.randrange(365)), date_fmt)
        ws.write_string(i + 1, 3, rng.choice(FORMATS))
        ws.write_number(i + 1, 4, rng.choice((1, 2, 2, 4)))
        ws.write_string(i + 1, 5, rng.choice(THEMES))
        ws.write_string(i + 1, 6, "vorming")

    ws = wb.add_worksheet("inschrijvingen")
    ws.write_row(0, 0, ["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"])
    row = 1
    for a in range(n_act):
        offset = rng.randrange(persons)
        for k in range(min(per_activity, n_regs - a * per_activity) if a < n_act - 1
                       else n_regs - a * per_activity):
            person = (offset + k * 7919) % persons
            ws.write_string(row, 0, f"A{a:07d}")
            ws.write_string(row, 1, f"deelnemer{person}@example.be")
            if rng.random() < 0.9:
                ws.write_string(row, 2, ORGS[person % len(ORGS)])
            r = rng.random()
            if r < 0.1:
                ws.write_string(row, 3, "primair" if r < 0.06 else "secundair")
            ws.write_string(row, 4, "nee" if rng.random() < 0.08 else "ja")
            row += 1

    ws = wb.add_worksheet("organisaties")
    ws.write_row(0, 0, ["Naam", "Erkend", "Sector"])
    for i, name in enumerate(ORGS):
        ws.write_row(i + 1, 0, [name, "ja" if i % 5 else "nee", "sociaal-cultureel"])
    wb.close()


def measure(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one child process; fails loudly when it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
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


def run_size(n: int, work: Path, repeat: int, naive: bool) -> dict:
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
    return res


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
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="registrations per workbook")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement below 1M rows (best time kept)")
    ap.add_argument("--skip-naive-above", type=int, default=None,
                    help="skip pandas+openpyxl for sizes above this (it takes minutes at 1M)")
    ap.add_argument("--workdir", type=Path, default=None, help="where files go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="socius-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            print(f"{n:,} registrations ...", file=sys.stderr)
            naive = args.skip_naive_above is None or n <= args.skip_naive_above
            results.append(run_size(n, work, args.repeat if n < 1_000_000 else 1, naive))
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    naive_flag = f" --skip-naive-above {args.skip_naive_above}" if args.skip_naive_above else ""
    print(f"Measured on {machine()}, {dt.date.today().isoformat()}; "
          f"`python bench/run.py --sizes {args.sizes}{naive_flag}`.\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
