"""Plain helpers the tests import: write workbooks and CSV files from plain rows, run the CLI,
find the repository and its sample data.

Fixtures live in conftest.py (pytest finds them there); what a test imports by name lives here.
"""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
from hypothesis import settings
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data"


def examples(share: float) -> int:
    """Hypothesis examples for one test: `share` of the loaded profile's max_examples (see
    conftest.py: 100 in CI, 10 locally), so `examples(4)` is 400 in CI and 40 locally. A test
    whose examples are slow asks for less than 1, one whose examples are cheap for more."""
    return max(1, round(settings.default.max_examples * share))


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def write_book(path: Path, sheets: dict[str, tuple[int, int, list[list]]]) -> Path:
    """A workbook written by xlsxwriter (as big exports are): each sheet's rows placed from
    (top, left), zero-based, and dates written as dates."""
    import datetime as dt

    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    for name, (top, left, rows) in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, dt.date):
                    ws.write_datetime(top + r, left + c, dt.datetime.combine(v, dt.time()),
                                      wb.add_format({"num_format": "dd/mm/yyyy"}))
                else:
                    ws.write(top + r, left + c, v)
    wb.close()
    return path


def import_and_read(path: Path, store, table):
    """(what the import said, the table's stored rows, sorted)."""
    import sqlalchemy as sa

    from socius_cli.importing import run_import
    from socius_cli.problems import ImportRejected

    try:
        result = run_import([path], store)
        outcome = ("ok", result.batch.warnings, {k: vars(v) for k, v in result.summary.items()})
    except ImportRejected as exc:
        outcome = ("rejected", [str(p) for p in exc.problems], None)
    with store.engine.connect() as conn:
        return outcome, sorted(tuple(r) for r in conn.execute(sa.select(table)))


def years_cached_equal_live(db: str) -> set[int]:
    """The years of the store, after checking that each has cached figures equal to the figures
    computed from its rows now (and that no other year has cached figures)."""
    import json

    import sqlalchemy as sa

    from socius_cli.figures.indicators import compute_live
    from socius_cli.store.schema import year_figures
    from socius_cli.store.store import Store

    store = Store(db, create=False)
    with store.engine.connect() as conn:
        years = set(store.years())
        rows = dict(conn.execute(sa.select(year_figures.c.year, year_figures.c.json)).all())
        assert set(rows) == years, "a year with data has no cached figures, or a year without has"
        for y in years:
            assert json.loads(rows[y]) == json.loads(json.dumps(compute_live(conn, y))), y
    store.engine.dispose()
    return years


def small_book(folder: Path, name: str, acts: list[list], regs: list[list], orgs: list[list] | None = None) -> Path:
    """A workbook of activities and registrations (and the register, when given) under the
    usual Dutch headers."""
    sheets = {"activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema"], *acts],
              "inschrijvingen": [["Activiteit", "E-mail", "Organisatie", "Aanwezig"], *regs]}
    if orgs is not None:
        sheets["organisaties"] = [["Naam", "Erkend"], *orgs]
    return write_xlsx(folder / name, sheets)


def write_csv(path: Path, rows: list[list], delimiter: str = ";", encoding: str = "utf-8") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if c is None else c for c in r] for r in rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


class Cli:
    """Runs socius through Typer's runner against one store."""

    def __init__(self, db: str):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, db: bool = True):
        from socius_cli.cli import app

        argv = [str(a) for a in args] + (["--db", self.db] if db else [])
        return self.runner.invoke(app, argv, catch_exceptions=False)

    def store(self):
        from socius_cli.store.store import Store

        return Store(self.db, create=False)

    def json(self, year: int) -> dict:
        import json

        res = self("stats", str(year), "--format", "json")
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)


def subprocess_pythonpath() -> str:
    """PYTHONPATH for a child `python -m socius_cli...`: the package the tests import.

    In CI that is the installed (non-editable) package, so the children test what a user
    installs; when running from a checkout with PYTHONPATH=src, it is the source tree."""
    import socius_cli

    package_parent = str(Path(socius_cli.__file__).resolve().parents[1])
    return os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH", "")) if p)
