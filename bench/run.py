"""Benchmark: `socius import` and `socius stats` against the bare readers, side by side.

    python bench/run.py                          # 10k, 100k and 1M registrations, every input
    python bench/run.py --sizes 10000,100000 --skip-naive-above 100000
    python bench/run.py --sizes 1000000 --skip-naive-above 0 --oversize   # and oversize CSV
    python bench/run.py --baseline-src ../other/src   # another checkout's imports in the same rounds

For each size it writes the same contract-format data (sheets activiteiten, inschrijvingen,
organisaties) as a workbook with inline strings (xlsxwriter's constant-memory mode), as a
workbook with a shared strings table (as Excel saves it), and as three CSV files; then it
measures, each command in a fresh child process (wall time, and peak memory as the child's
max RSS from wait4), in interleaved rounds: every command once per round, in turn, so that
a slow moment of the shared machine falls on all of them alike. It prints medians with the
min and max, and the ratios round by round:

- read:    fastexcel reading every sheet to Arrow (the bare parser: no checks, no storing);
           for CSV, pyarrow.csv reading the three files
- import:  `socius import FILE --db NEW.db` (container checks, read, check, hash, store and
           the year figures; a fresh store each round), of each input
- re-import: the inline-string workbook into a store that already holds the same rows
- naive:   pandas.read_excel(sheet_name=None, engine="openpyxl") (--skip-naive-above)
- stats:   `socius stats YEAR --format json` on the imported store, against `socius --version`
- report:  `socius report 2020 --format html` on the sample data, against `socius --version`
           (--report-rounds; with --baseline-src, that checkout's report too)
- oversize (--oversize): refusing a 6.4M-row CSV (300 MB) and a 450 MB CSV on one line

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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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


def generate(path: Path, n_regs: int, seed: int = 5, shared_strings: bool = False) -> None:
    """A workbook of `tables(n_regs)`, written with xlsxwriter.

    By default in constant-memory mode, which writes every text inline (`t="inlineStr"`);
    with `shared_strings` in xlsxwriter's normal mode, which writes the texts once into a
    shared strings table and the cells as indices into it, as Excel itself saves a workbook
    (slower to write and held in memory while writing)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": not shared_strings})
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
# The bare read of CSV files: Arrow's own CSV reader, every column as it guesses it.
FASTEST_CSV = ("import sys, pyarrow.csv as c\n"
               "for p in sys.argv[1:]:\n"
               "    c.read_csv(p, parse_options=c.ParseOptions(delimiter=';'))\n")
NAIVE = "import sys, pandas\npandas.read_excel(sys.argv[1], sheet_name=None, engine='openpyxl')\n"


@dataclass
class Case:
    """One command measured once per round: a fresh process each time."""

    key: str
    cmd: list[str]
    env: dict | None = None
    before: Callable[[], None] | None = None
    runs: list[tuple[float, float]] = field(default_factory=list)


def socius_env(src: Path) -> dict:
    """The environment of a socius command: a fixed participant key, `src` first on the path,
    and bytecode cached as an installed package has it (pip compiles it when installing):
    without PYTHONDONTWRITEBYTECODE, which would make every run compile socius's modules
    anew (about 0.08 s of each command)."""
    env = {**os.environ, "SOCIUS_KEY": "bench-key",
           "PYTHONPATH": os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH")) if p)}
    env.pop("SOCIUS_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


SRC = Path(__file__).resolve().parents[1] / "src"  # this checkout's socius, installed or not
VARIANTS = ("inline", "shared", "reimport", "csv")


def prepare(n: int, work: Path, variants: tuple[str, ...]) -> dict:
    """The files of size `n` (made once, kept in `work`): their paths and sizes."""
    files: dict = {}
    for shared in (False, True):
        if shared and "shared" not in variants:
            continue
        xlsx = work / f"registrations-{n}{'-shared' if shared else ''}.xlsx"
        if not xlsx.exists():
            t0 = time.perf_counter()
            generate(xlsx, n, shared_strings=shared)
            print(f"  generated {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB) in "
                  f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
        files["shared" if shared else "inline"] = [xlsx]
    if "csv" in variants:
        folder = work / f"csv-{n}"
        files["csv"] = sorted(folder.glob("*.csv")) if folder.is_dir() else generate_csv(folder, n)
    return files


def cases_for(n: int, work: Path, files: dict, variants: tuple[str, ...], naive: bool,
              baseline: Path | None) -> list[Case]:
    py = sys.executable
    env = socius_env(SRC)

    def fresh(db: Path) -> Callable[[], None]:
        def clear() -> None:
            for p in db.parent.glob(db.name + "*"):
                p.unlink()
        return clear

    def imports(key: str, paths: list[Path], db: Path, before: Callable[[], None] | None) -> list[Case]:
        out = [Case(key, [py, "-m", "socius_cli.cli", "import", *map(str, paths), "--db", str(db)], env, before)]
        if baseline is not None:
            base_db = db.with_name("base-" + db.name)
            before_base = fresh(base_db) if before is not None else None
            out.append(Case(key + "@base", [py, "-m", "socius_cli.cli", "import", *map(str, paths),
                                            "--db", str(base_db)], socius_env(baseline), before_base))
        return out

    inline = files["inline"][0]
    cases = [Case("read", [py, "-c", FASTEST, str(inline)])]
    cases += imports("import", [inline], work / f"store-{n}.db", fresh(work / f"store-{n}.db"))
    if "shared" in files:
        cases.append(Case("read:shared", [py, "-c", FASTEST, str(files["shared"][0])]))
        cases += imports("import:shared", files["shared"], work / f"store-{n}-shared.db",
                         fresh(work / f"store-{n}-shared.db"))
    full = work / f"store-{n}-full.db"  # a store that already holds the same rows
    for p in work.glob(full.name + "*"):
        p.unlink()
    measure([py, "-m", "socius_cli.cli", "import", str(inline), "--db", str(full)], env)
    if baseline is not None:
        for p in work.glob("base-" + full.name + "*"):
            p.unlink()
        measure([py, "-m", "socius_cli.cli", "import", str(inline), "--db", str(work / ("base-" + full.name))],
                socius_env(baseline))
    if "reimport" in variants:
        cases += imports("import:reimport", [inline], full, None)
    if "csv" in files:
        cases.append(Case("read:csv", [py, "-c", FASTEST_CSV, *map(str, files["csv"])]))
        cases += imports("import:csv", files["csv"], work / f"store-{n}-csv.db", fresh(work / f"store-{n}-csv.db"))
    if naive:
        cases.append(Case("naive", [py, "-c", NAIVE, str(inline)]))
    cases.append(Case("version", [py, "-m", "socius_cli.cli", "--version"], env))
    cases.append(Case("stats", [py, "-m", "socius_cli.cli", "stats", str(YEAR), "--format", "json",
                                "--db", str(full)], env))
    return cases


def run_size(n: int, work: Path, rounds: int, naive: bool, variants: tuple[str, ...],
             baseline: Path | None = None) -> dict:
    """Every command of size `n`, in `rounds` interleaved rounds (each command once per round,
    in turn, so a slow moment of the machine falls on all of them alike)."""
    files = prepare(n, work, variants)
    cases = cases_for(n, work, files, variants, naive, baseline)
    for r in range(rounds):
        print(f"  round {r + 1}/{rounds}", file=sys.stderr)
        for case in cases:
            if case.before:
                case.before()
            case.runs.append(measure(case.cmd, case.env))
    return {"n": n, "rounds": rounds, "cases": {c.key: c.runs for c in cases},
            "mb": {k: sum(p.stat().st_size for p in v) / 1e6 for k, v in files.items()}}


def run_oversize(work: Path) -> list[tuple[str, float, float, float]]:
    """(case, file MB, seconds, peak MB) of refusing each oversize CSV (exit status 1)."""
    py = sys.executable
    env = socius_env(SRC)
    out = []
    for kind, label in (("rows", "6.4M rows"), ("line", "450 MB on one line")):
        folder = work / f"oversize-{kind}"
        folder.mkdir(parents=True, exist_ok=True)
        path = oversize_csv(folder / "inschrijvingen.csv", kind)
        db = folder / "store.db"
        seconds, peak = measure([py, "-m", "socius_cli.cli", "import", str(path), "--db", str(db)], env, expect=1)
        out.append((label, path.stat().st_size / 1e6, seconds, peak))
    return out


SAMPLE = SRC.parent / "sample_data"


def run_report(work: Path, rounds: int, baseline: Path | None) -> dict:
    """`socius report 2020 --format html` on the sample data (as the README's first command
    writes it, with the staff's text) against `socius --version`, in interleaved rounds; with
    `baseline`, that checkout's report too, from a store it imported itself."""
    py = sys.executable
    out = work / "report"
    out.mkdir(parents=True, exist_ok=True)
    cases = []
    for key, src in (("report", SRC), ("report@base", baseline)):
        if src is None:
            continue
        db = out / f"sample-{key.replace('@', '-')}.db"
        for p in out.glob(db.name + "*"):
            p.unlink()
        measure([py, "-m", "socius_cli.cli", "import", str(SAMPLE), "--db", str(db)], socius_env(src))
        cases.append(Case(key, [py, "-m", "socius_cli.cli", "report", "2020", "--format", "html", "--text",
                                str(SAMPLE / "tekst-2020.md"), "--db", str(db), "--output",
                                str(out / f"{key.replace('@', '-')}.html")], socius_env(src)))
    cases.append(Case("version", [py, "-m", "socius_cli.cli", "--version"], socius_env(SRC)))
    for r in range(rounds):
        print(f"  report round {r + 1}/{rounds}", file=sys.stderr)
        for case in cases:
            case.runs.append(measure(case.cmd, case.env))
    return {"rounds": rounds, "cases": {c.key: c.runs for c in cases}}


def report_table(result: dict) -> str:
    """The report's row: median (min-max), peak memory, against start-up and the baseline."""
    c = result["cases"]
    base = c.get("report@base")
    lines = ["| `socius report 2020 --format html` (sample data) | peak MB | `--version` | report / start-up |"
             + (" before | peak MB before | now / before |" if base else ""),
             "|---:|---:|---:|---:|" + ("---:|---:|---:|" if base else "")]
    line = f"| {secs(c['report'])} | {peak(c['report'])} | {secs(c['version'])} | {ratio(c['report'], c['version'])} |"
    if base:
        line += f" {secs(base)} | {peak(base)} | {ratio(c['report'], base)} |"
    return "\n".join(lines + [line])


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


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def secs(runs: list[tuple[float, float]]) -> str:
    """The median time of `runs` (seconds, peak MB), with its min and max."""
    m, lo, hi = _stats([r[0] for r in runs])
    return f"{m:.2f} s ({lo:.2f}-{hi:.2f})"


def peak(runs: list[tuple[float, float]]) -> str:
    return f"{statistics.median([r[1] for r in runs]):.0f} MB"


def ratio(a: list[tuple[float, float]] | None, b: list[tuple[float, float]] | None, i: int = 0) -> str:
    """The median ratio a/b of time (i=0, bold) or peak memory (i=1), round by round."""
    if not a or not b:
        return "n/a"
    m, lo, hi = _stats([x[i] / y[i] for x, y in zip(a, b, strict=False)])
    return f"**{m:.2f}x** ({lo:.2f}-{hi:.2f})" if i == 0 else f"{m:.2f}x ({lo:.2f}-{hi:.2f})"


def table(results: list[dict]) -> str:
    """Markdown tables: per input and size the medians of the rounds (min-max), and the ratios
    round by round (each import against the bare read of the same round)."""
    rows = {"inline": ("xlsx, inline strings", "read", "import", "inline"),
            "shared": ("xlsx, shared strings (as Excel saves)", "read:shared", "import:shared", "shared"),
            "reimport": ("xlsx, re-import into a store holding the same rows", "read", "import:reimport", "inline"),
            "csv": ("CSV (three files, `;`)", "read:csv", "import:csv", "csv")}
    base = any(k.endswith("@base") for r in results for k in r["cases"])
    lines = ["| input | registrations | file | bare read | `socius import` | import / bare read | "
             "peak MB bare read | peak MB import | memory import / bare read |"
             + (" import before | now / before |" if base else ""),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if base else "")]
    for label, read_key, import_key, files in rows.values():
        for r in results:
            c = r["cases"]
            if import_key not in c:
                continue
            line = (f"| {label} | {r['n']:,} | {r['mb'][files]:.1f} MB | {secs(c[read_key])} | "
                    f"{secs(c[import_key])} | {ratio(c[import_key], c[read_key])} | {peak(c[read_key])} | "
                    f"{peak(c[import_key])} | {ratio(c[import_key], c[read_key], 1)} |")
            if base:
                b = c.get(import_key + "@base")
                line += f" {secs(b) if b else 'n/a'} | {ratio(c[import_key], b)} |"
            lines.append(line)
    lines += ["", "| registrations | `--version` | `stats --format json` | stats / start-up | "
              "naive (pandas+openpyxl) | naive / import |", "|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        c = r["cases"]
        naive = c.get("naive")
        lines.append(f"| {r['n']:,} | {secs(c['version'])} | {secs(c['stats'])} | "
                     f"{ratio(c['stats'], c['version'])} | {secs(naive) if naive else 'n/a'} | "
                     f"{ratio(naive, c['import']) if naive else 'n/a'} |")
    if len(results) > 1:
        lines += ["", "Growth from one size to the next (medians; 10x the rows growing 10x is linear):", "",
                  "| from → to | rows | bare read | import |", "|---|---:|---:|---:|"]
        for a, b in itertools.pairwise(results):
            def med(res, key):
                return statistics.median([x[0] for x in res["cases"][key]])
            lines.append(f"| {a['n']:,} → {b['n']:,} | {b['n'] / a['n']:.0f}x | "
                         f"{med(b, 'read') / med(a, 'read'):.2f}x | {med(b, 'import') / med(a, 'import'):.2f}x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="registrations per workbook")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds below 1M rows")
    ap.add_argument("--big-rounds", type=int, default=3, help="interleaved rounds at 1M rows and more")
    ap.add_argument("--variants", default=",".join(VARIANTS),
                    help="inputs besides the inline-string workbook: shared, reimport, csv")
    ap.add_argument("--skip-naive-above", type=int, default=None,
                    help="skip pandas+openpyxl for sizes above this (it takes minutes at 1M)")
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="another socius checkout's src/ folder: its imports run in the same rounds")
    ap.add_argument("--workdir", type=Path, default=None, help="where files go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    ap.add_argument("--report-rounds", type=int, default=10,
                    help="interleaved rounds of `socius report 2020 --format html` on the sample data (0: none)")
    ap.add_argument("--oversize", action="store_true",
                    help="also time the refusal of a 6.4M-row CSV and of a 450 MB one-line CSV")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    variants = tuple(v for v in args.variants.split(",") if v in VARIANTS)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="socius-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in sizes:
            print(f"{n:,} registrations ...", file=sys.stderr)
            naive = args.skip_naive_above is None or n <= args.skip_naive_above
            rounds = args.rounds if n < 1_000_000 else args.big_rounds
            results.append(run_size(n, work, rounds, naive, variants, args.baseline_src))
        oversize = run_oversize(work) if args.oversize else []
        report = run_report(work, args.report_rounds, args.baseline_src) if args.report_rounds > 0 else None
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    flags = f" --skip-naive-above {args.skip_naive_above}" if args.skip_naive_above is not None else ""
    flags += " --oversize" if args.oversize else ""
    flags += f" --report-rounds {args.report_rounds}" if args.report_rounds != 10 else ""
    rounds = ", ".join([f"{r['n']:,}: {r['rounds']}" for r in results]
                       + ([f"report: {report['rounds']}"] if report else []))
    print(f"Measured on {machine()}, {dt.date.today().isoformat()}; "
          f"`python bench/run.py --sizes {args.sizes or chr(34) * 2}{flags}`; interleaved rounds ({rounds}), "
          "each command a fresh process; times are medians (min-max), ratios are taken round by round.\n")
    if results:
        print(table(results))
    if report:
        print("\nThe HTML report of 2020 on the sample data, with the staff's text:\n")
        print(report_table(report))
    if oversize:
        print("\nOversize CSV input, refused (exit status 1):\n")
        print("| input | file | refused after | peak MB |\n|---|---:|---:|---:|")
        for label, mb, seconds, peak in oversize:
            print(f"| {label} | {mb:.0f} MB | {seconds:.2f} s | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
