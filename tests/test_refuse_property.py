"""Property-based tests (hypothesis): random valid and invalid cells through the readers and
the checker either import exactly as meant or fail cleanly, each problem located."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import corpus
from helpers import examples
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from socius_cli.errors import SociusError
from socius_cli.ingest.check import check_import
from socius_cli.ingest.read import read_file
from socius_cli.ingest.values import EXCEL_ERRORS, clean_text

SETTINGS = settings(max_examples=examples(0.6), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

FORMATS = {"fysiek": "onsite", "On-site": "onsite", "ter plaatse": "onsite", "ONLINE": "online",
           "digitaal": "online", "Hybride": "blended", "blended": "blended"}

# Printable text without control characters (openpyxl refuses them) and not a formula.
text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=30).filter(
    lambda s: clean_text(s) != "" and clean_text(s).upper() not in EXCEL_ERRORS and not s.startswith("="))


@st.composite
def cell(draw, column: str, as_csv: bool):
    """(the cell as written, its canonical value, valid?)"""
    bad = draw(st.booleans()) and draw(st.booleans())  # about one cell in four is bad
    if column == "title":
        if bad:
            return draw(st.sampled_from([None, "   ", "#N/A"])), None, False
        t = draw(text)
        return t, clean_text(t), True
    if column == "date":
        if bad:
            return draw(st.sampled_from(["31/02/2020", "2020/13/01", "morgen", None, "15-5-20"])), None, False
        d = draw(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
        if as_csv:
            shape = draw(st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]))
            return d.strftime(shape), d, True
        return draw(st.sampled_from([d, dt.datetime.combine(d, dt.time(14, 30)), d.strftime("%d/%m/%Y")])), d, True
    if column == "format":
        if bad:
            return draw(st.sampled_from(["zwemmen", None, "on line", "1"])), None, False
        k = draw(st.sampled_from(sorted(FORMATS)))
        return k, FORMATS[k], True
    if column == "half_days":
        if bad:
            return draw(st.sampled_from([0, -1, "twee", None, "1,2,3", "-0,5"])), None, False
        n = draw(st.integers(1, 40)) / draw(st.sampled_from([1, 2, 4]))
        if as_csv or draw(st.booleans()):
            return f"{n:g}".replace(".", draw(st.sampled_from([",", "."]))), n, True
        return n, n, True
    raise AssertionError(column)


@st.composite
def activity_rows(draw, as_csv: bool):
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        code = draw(st.sampled_from([f"A{i}", f"00{i}", f"act-{i}"]))
        cells = {c: draw(cell(c, as_csv)) for c in ("title", "date", "format", "half_days")}
        out.append((code, cells))
    return out


def _check(paths: list[Path]):
    sheets = [s for p in paths for s in read_file(p)]
    return check_import(sheets, known_codes=lambda codes: set(), hasher=lambda p: "h" + p)


def _verify(rows, batch, name: str):
    bad_rows = {i + 2 for i, (_, cells) in enumerate(rows) if not all(ok for _, _, ok in cells.values())}
    if not bad_rows:
        assert batch.problems == [], [str(p) for p in batch.problems]
        got = {r["code"]: r for r in batch.records["activities"]}
        assert len(got) == len(rows)
        for code, cells in rows:
            rec = got[code]
            for column, (_, want, _) in cells.items():
                assert rec[column] == want, (column, rec[column], want)
    else:
        assert batch.problems
        located = {p.row for p in batch.problems}
        assert located == bad_rows, ([str(p) for p in batch.problems], bad_rows)
        for p in batch.problems:
            assert str(p).startswith(name) and p.column


@SETTINGS
@given(activity_rows(as_csv=True), st.sampled_from([";", ",", "\t"]),
       st.sampled_from(["utf-8", "cp1252", "utf-16-le"]))
def test_random_csv_cells_import_or_fail_cleanly(rows, delimiter, encoding):
    if encoding == "cp1252":
        for _, cells in rows:
            for value, _, _ in cells.values():
                assume(not isinstance(value, str) or _encodable(value, "cp1252"))
    data = [corpus.ACT_HEAD[:5]] + [[code] + [c[0] for c in cells.values()] for code, cells in rows]
    with tempfile.TemporaryDirectory() as d:
        path = corpus.write_csv(Path(d) / "activiteiten.csv", data, delimiter=delimiter, encoding=encoding,
                                bom=encoding == "utf-16-le")
        batch = _check([path])
    _verify(rows, batch, "activiteiten.csv")


@settings(SETTINGS, max_examples=examples(0.3))
@given(activity_rows(as_csv=False))
def test_random_workbook_cells_import_or_fail_cleanly(rows):
    data = [corpus.ACT_HEAD[:5]] + [[code] + [c[0] for c in cells.values()] for code, cells in rows]
    with tempfile.TemporaryDirectory() as d:
        path = corpus.write_xlsx(Path(d) / "boek.xlsx", {"Activiteiten": data})
        batch = _check([path])
    _verify(rows, batch, "boek.xlsx")


def _encodable(s: str, enc: str) -> bool:
    try:
        s.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


_GOOD = None


def _good_xlsx() -> bytes:
    global _GOOD
    if _GOOD is None:
        with tempfile.TemporaryDirectory() as d:
            _GOOD = corpus.write_xlsx(Path(d) / "g.xlsx", corpus.good_sheets()).read_bytes()
    return _GOOD


@settings(SETTINGS, max_examples=examples(0.8))
@given(st.data())
def test_damaged_workbooks_and_random_bytes_fail_cleanly(data):
    """Truncated, bit-flipped or random files: a one-line SociusError or a clean read, nothing else."""
    good = _good_xlsx()
    how = data.draw(st.sampled_from(["cut", "flip", "random", "text"]))
    if how == "cut":
        blob = good[: data.draw(st.integers(0, len(good) - 1))]
    elif how == "flip":
        blob = bytearray(good)
        for _ in range(data.draw(st.integers(1, 8))):
            i = data.draw(st.integers(0, len(blob) - 1))
            blob[i] ^= data.draw(st.integers(1, 255))
        blob = bytes(blob)
    elif how == "random":
        blob = data.draw(st.binary(min_size=0, max_size=2000))
    else:
        blob = data.draw(st.text(max_size=400)).encode("utf-8", "surrogatepass")
    name = data.draw(st.sampled_from(["x.xlsx", "activiteiten.csv", "x.ods", "x.xls"]))
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(blob)
        try:
            _check([path])
        except SociusError as exc:
            assert "\n" not in str(exc) and name in str(exc)
