"""The fast route (fastexcel + column-wise typing + bulk load) equals the per-row route.

Big sheets take the fast route; here the threshold is lowered so that small, tricky sheets
take it too, and the stored rows, problems, warnings and counts are compared with the
per-row route on the very same files.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import xlsxwriter

from socius_cli.ingest import arrow as fastread
from socius_cli.ingest.sheet import ArrowRows
from socius_cli.errors import ImportRejected
from socius_cli.importing import run_import
from socius_cli.ingest.read import read_file
from socius_cli.store.schema import registrations
from socius_cli.store.store import Store


def _write(path, sheets):
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


ACTS = (0, 0, [["Code", "Titel", "Datum", "Vorm", "Dagdelen"],
               ["A1", "Een", dt.date(2023, 3, 1), "fysiek", 2],
               ["A2", "Twee", dt.date(2023, 4, 1), "online", 1],
               ["012", "Drie", dt.date(2022, 5, 1), "blended", 1]])

TRICKY = (2, 1, [  # header on row 3, from column B
    ["Activiteit", "E-mail", "Organisatie", " Doelgroep ", "Aanwezig", "Opmerking"],
    ["A1", "Jan@Example.be", "Vereniging X", "primair", "ja", "x"],
    ["A1", " jan@example.be ", "Vereniging X", None, "nee", None],   # same person: warning
    [None, None, None, None, None, None],                              # empty row: skipped
    ["A2", "an\u00a0@example.be", "  Vereniging  x ", "Secundaire doelgroep", None, None],
    ["A2", "piet@example.be", None, "tertiair", "misschien", None],    # two problems
    ["A9", "piet@example.be", None, None, "ja", None],                 # unknown activity
    ["012", "Ümit@example.be", "Ça va (vzw)", "PRIMARY", "X", None],
    ["A2", None, None, None, "ja", None],                              # participant missing
    ["   ", "  ", None, None, None, None],                             # white space only: skipped
    ["A1", "zoë@example.be", None, None, "0", None],
])
MIXED = (0, 0, [["Activiteit", "E-mail", "Aanwezig"],
                ["A1", "a@b.be", True], ["A2", "c@d.be", 1], ["A1", "e@f.be", False]])


def _run(tmp_path, monkeypatch, fast: bool, sheets, tag):
    monkeypatch.setattr(fastread, "MIN_BYTES", 0 if fast else 10**12)
    monkeypatch.setenv("SOCIUS_KEY", "test-key")
    path = _write(tmp_path / f"{tag}.xlsx", {"activiteiten": ACTS, **sheets})
    outcome, rows = _import_and_read(path, Store(str(tmp_path / f"{tag}-{fast}.db")), registrations)
    return outcome, rows, read_file(path)


def _import_and_read(path, store, table):
    """(what the import said, the table's stored rows, sorted)."""
    try:
        result = run_import([path], store)
        outcome = ("ok", result.batch.warnings, {k: vars(v) for k, v in result.summary.items()})
    except ImportRejected as exc:
        outcome = ("rejected", [str(p) for p in exc.problems], None)
    with store.engine.connect() as conn:
        return outcome, sorted(tuple(r) for r in conn.execute(sa.select(table)))


@pytest.mark.parametrize("sheet", ["tricky", "clean", "mixed"])
def test_fast_and_per_row_routes_agree(tmp_path, monkeypatch, sheet):
    body = {"tricky": TRICKY, "mixed": MIXED,
            "clean": (0, 0, [r for i, r in enumerate(TRICKY[2]) if i in (0, 1, 4, 7, 10)])}[sheet]
    slow = _run(tmp_path, monkeypatch, False, {"inschrijvingen": body}, sheet)
    fast = _run(tmp_path, monkeypatch, True, {"inschrijvingen": body}, sheet)
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    if sheet == "mixed":  # a column with text and numbers or booleans goes the per-row way
        assert isinstance(fast[2][1].rows, list)
    else:
        assert isinstance(fast[2][1].rows, ArrowRows)
        assert list(fast[2][1].rows) != [] and [
            (n, [c if c not in ("",) else None for c in cells]) for n, cells in fast[2][1].rows] == [
            (n, [c if c not in ("",) else None for c in cells]) for n, cells in slow[2][1].rows]
    if sheet == "tricky":
        assert slow[0][0] == "rejected"
    else:
        assert slow[0][0] == "ok" and slow[1]


def test_reimport_and_correction_counts_agree(tmp_path, monkeypatch):
    body = (0, 0, [r for i, r in enumerate(TRICKY[2]) if i in (0, 1, 4, 10)])
    fixed = (0, 0, [r for i, r in enumerate(TRICKY[2]) if i in (0, 1, 10)] + [["A2", "nieuw@example.be", None, None, "ja", None]])
    results = {}
    for fast in (False, True):
        monkeypatch.setattr(fastread, "MIN_BYTES", 0 if fast else 10**12)
        monkeypatch.setenv("SOCIUS_KEY", "test-key")
        store = Store(str(tmp_path / f"seq-{fast}.db"))
        summaries = []
        for i, b in enumerate((body, body, fixed)):
            path = _write(tmp_path / f"seq-{fast}-{i}.xlsx", {"activiteiten": ACTS, "inschrijvingen": b})
            summaries.append(vars(run_import([path], store).summary["registrations"]))
        with store.engine.connect() as conn:
            results[fast] = (summaries, sorted(tuple(r) for r in conn.execute(sa.select(registrations))))
    assert results[True] == results[False]
    assert results[True][0][1] == {"added": 0, "updated": 0, "removed": 0, "unchanged": 3}


def test_bench_smoke(tmp_path):
    """The benchmark's generator writes a workbook socius imports."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import run as bench

    path = tmp_path / "b.xlsx"
    bench.generate(path, 2000)
    store = Store(str(tmp_path / "b.db"))
    result = run_import([path], store)
    assert result.summary["registrations"].added == 2000


def test_blank_rows_mask_equals_fill_rule():
    """fastread._blank_rows (Arrow, with a Python fallback) skips exactly the rows `_fill` skips."""
    import pyarrow as pa

    from socius_cli.ingest.arrow import _blank_rows

    cells = [None, "", " ", "\t", "\u00a0", "\u3000x", "\u2003", "\x1c", "\x1f ", "x", " x", "Ümit", "\u200b",
             "\ufeff", "0", "\n\r", "\x85", "a ", "\u00a0\u00a0b"]
    import itertools

    rows = list(itertools.product(cells, [None, " ", "y", "\u2028"]))
    table = pa.table({"0": pa.array([r[0] for r in rows], pa.string()),
                      "1": pa.array([r[1] for r in rows], pa.string()),
                      "2": pa.array([None if i % 3 else 1.5 for i in range(len(rows))], pa.float64())})
    expected = [all(c is None or (isinstance(c, str) and not c.strip()) for c in (r[0], r[1], None if i % 3 else 1.5))
                for i, r in enumerate(rows)]
    assert _blank_rows(table).tolist() == expected


def test_first_of_pairs_equals_joined_key_encoding():
    """bulk._first_of_pairs (two encodings, int64 pairs) finds the same repeats as joined strings."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from socius_cli.ingest.registrations import _encode, _first_of_pairs

    rng = np.random.default_rng(5)
    acts = [f"A{i}" for i in rng.integers(0, 30, 3000)] + ["A\x00", "A", "", "A"]
    parts = [f"p{i}" for i in rng.integers(0, 200, 3000)] + ["x", "\x00x", "A\x00x", "\x00x"]
    a, p = pa.array(acts, pa.string()), pa.array(parts, pa.string())
    first, pair = _first_of_pairs(a, p)
    pairs = list(zip(acts, parts))
    seen: dict = {}
    want_first = [seen.setdefault(k, i) for i, k in enumerate(pairs)]
    assert sorted(first.tolist()) == sorted(set(want_first))
    assert [int(first[pair[i]]) for i in range(len(pairs))] == want_first
    # with a null, the joined-string route
    first2, pair2 = _first_of_pairs(pa.array(acts[:5] + [None]), pa.array(parts[:6]))
    _, idx = _encode(pc.binary_join_element_wise(pa.array(acts[:5] + [None]), pa.array(parts[:6]), "\x00"))
    assert first2.tolist() == np.unique(idx, return_index=True)[1].tolist()


TRICKY_ACTS = (1, 2, [  # header on row 2, from column C
    ["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema", "Opmerking"],
    ["A1", "Een", dt.date(2023, 3, 1), "fysiek", 2, "taal", "x"],
    ["A2", "Twee", dt.date(2023, 3, 1), "online", 2, "taal", None],         # same date, theme, number
    [None, None, None, None, None, None, None],                              # empty row: skipped
    ["A3", "Drie", dt.date(2023, 3, 1), "per duif", 0, " taal ", None],     # two problems
    ["A4", "Vier", dt.date(2023, 3, 1), "per duif", -0.0, None, None],      # the same bad format again
    ["A1", "Een bis", dt.date(2022, 5, 1), "blended", 1.5, "Taal", None],   # the same code again
    ["012", None, dt.date(2022, 5, 1), "online", 2, None, None],            # title missing
    ["A5", "Vijf", dt.date(2024, 1, 2), "fysiek", 1, "taal", None],
])


@pytest.mark.parametrize("clean", [False, True])
def test_activities_column_wise_equals_per_row(tmp_path, monkeypatch, clean):
    """A big activities sheet (typed by check._check_columns, with remembered cell values)
    gives the same records, problems and stored rows as the per-row loop."""
    import socius_cli.ingest.check as check
    from socius_cli.store.schema import activities

    top, left, rows = TRICKY_ACTS
    if clean:
        rows = [r for i, r in enumerate(rows) if i in (0, 1, 2, 3, 8)]
    regs = (0, 0, [["Activiteit", "E-mail"], ["A1", "a@b.be"], ["A2", "c@d.be"]])
    monkeypatch.setenv("SOCIUS_KEY", "test-key")
    path = _write(tmp_path / "acts.xlsx", {"activiteiten": (top, left, rows), "inschrijvingen": regs})
    results = {}
    for fast, memo in ((False, 4096), (True, 4096), (True, 1)):
        monkeypatch.setattr(fastread, "MIN_BYTES", 0 if fast else 10**12)
        monkeypatch.setattr(check, "MEMO", memo)
        monkeypatch.setattr(check, "CHUNK", 3 if memo == 1 else 4096)
        raw = read_file(path)[0]
        assert isinstance(raw.rows, ArrowRows) == fast
        batch = check.Batch()
        check.check_sheet(raw, check.ACTIVITIES, batch, lambda p: p)
        outcome, stored = _import_and_read(path, Store(str(tmp_path / f"a-{fast}-{memo}.db")), activities)
        results[(fast, memo)] = ([str(p) for p in batch.problems], batch.records["activities"],
                                 sorted(batch.rejected_codes), batch.sheets, outcome, stored)
    assert results[(True, 4096)] == results[(False, 4096)]
    assert results[(True, 1)] == results[(False, 4096)]
    problems, records, _, _, outcome, stored = results[(False, 4096)]
    if clean:
        assert not problems and outcome[0] == "ok" and len(stored) == 3  # row 3 is the empty one
    else:
        assert len(problems) == 5 and outcome[0] == "rejected"
        assert [r["code"] for r in records] == ["A1", "A2", "A1", "A5"]
