"""ingest/check.py: checking raw sheets against the contract. Big activities sheets are
typed column by column (with remembered cell values, in batches) and must give what the
per-row loop gives: the same records, problems and stored rows."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import import_and_read, write_book

from socius_cli.ingest import arrow as fastread
from socius_cli.ingest.read import read_file
from socius_cli.ingest.sheet import ArrowRows
from socius_cli.store.store import Store

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
    path = write_book(tmp_path / "acts.xlsx", {"activiteiten": (top, left, rows), "inschrijvingen": regs})
    results = {}
    for fast, memo in ((False, 4096), (True, 4096), (True, 1)):
        monkeypatch.setattr(fastread, "MIN_BYTES", 0 if fast else 10**12)
        monkeypatch.setattr(check, "MEMO", memo)
        monkeypatch.setattr(check, "CHUNK", 3 if memo == 1 else 4096)
        raw = read_file(path)[0]
        assert isinstance(raw.rows, ArrowRows) == fast
        batch = check.Batch()
        check.check_sheet(raw, check.ACTIVITIES, batch, lambda p: p)
        outcome, stored = import_and_read(path, Store(str(tmp_path / f"a-{fast}-{memo}.db")), activities)
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
