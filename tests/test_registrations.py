"""ingest/registrations.py: registrations sheets in bulk (read to Arrow by ingest/arrow.py,
typed column by column, de-duplicated, loaded at once) give what the per-row route gives.

Big sheets take the fast route; here the threshold is lowered so that small, tricky sheets
take it too, and the stored rows, problems, warnings and counts are compared with the
per-row route on the very same files.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from helpers import import_and_read, write_book

from socius_cli.importing import run_import
from socius_cli.ingest import arrow as fastread
from socius_cli.ingest.read import read_file
from socius_cli.ingest.sheet import ArrowRows
from socius_cli.store.schema import registrations
from socius_cli.store.store import Store

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
    path = write_book(tmp_path / f"{tag}.xlsx", {"activiteiten": ACTS, **sheets})
    outcome, rows = import_and_read(path, Store(str(tmp_path / f"{tag}-{fast}.db")), registrations)
    return outcome, rows, read_file(path)


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
            path = write_book(tmp_path / f"seq-{fast}-{i}.xlsx", {"activiteiten": ACTS, "inschrijvingen": b})
            summaries.append(vars(run_import([path], store).summary["registrations"]))
        with store.engine.connect() as conn:
            results[fast] = (summaries, sorted(tuple(r) for r in conn.execute(sa.select(registrations))))
    assert results[True] == results[False]
    assert results[True][0][1] == {"added": 0, "updated": 0, "removed": 0, "unchanged": 3}


def test_first_of_pairs_equals_joined_key_encoding():
    """registrations._first_of_pairs (two encodings, int64 pairs) finds the same repeats as joined strings."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from socius_cli.ingest.registrations import _encode, _first_of_pairs

    rng = np.random.default_rng(5)
    acts = [f"A{i}" for i in rng.integers(0, 30, 3000)] + ["A\x00", "A", "", "A"]
    parts = [f"p{i}" for i in rng.integers(0, 200, 3000)] + ["x", "\x00x", "A\x00x", "\x00x"]
    a, p = pa.array(acts, pa.string()), pa.array(parts, pa.string())
    first, pair = _first_of_pairs(a, p)
    pairs = list(zip(acts, parts, strict=False))
    seen: dict = {}
    want_first = [seen.setdefault(k, i) for i, k in enumerate(pairs)]
    assert sorted(first.tolist()) == sorted(set(want_first))
    assert [int(first[pair[i]]) for i in range(len(pairs))] == want_first
    # with a null, the joined-string route
    first2, pair2 = _first_of_pairs(pa.array(acts[:5] + [None]), pa.array(parts[:6]))
    _, idx = _encode(pc.binary_join_element_wise(pa.array(acts[:5] + [None]), pa.array(parts[:6]), "\x00"))
    assert first2.tolist() == np.unique(idx, return_index=True)[1].tolist()


def test_person_numbers_follow_the_hashes_over_every_sheet():
    """`combine` numbers the participants (`PERSON`) over every sheet: equal hashes (two
    spellings of one address, or one person on two sheets) get one number, a null none;
    frames of plain strings (not dictionary arrays) are numbered alike."""
    import pyarrow as pa

    from socius_cli.ingest.records import PERSON, Batch
    from socius_cli.ingest.registrations import _people

    def frame(participants, dictionary):
        col = pa.array(participants, pa.string())
        if dictionary:
            col = col.dictionary_encode()
        return pa.table({"activity": pa.array(["A"] * len(participants)), "participant": col})

    for dictionary in (True, False):
        out = _people([frame(["h1", "h2", "h1", None], dictionary), frame(["h3", "h2"], dictionary)])
        assert [t["participant"].to_pylist() for t in out] == [["h1", "h2", "h1", None], ["h3", "h2"]]
        assert [t[PERSON].to_pylist() for t in out] == [[0, 1, 0, None], [2, 1]]
    assert _people([frame([None, None], True)])[0][PERSON].to_pylist() == [None, None]
    assert Batch().registrations.num_rows == 0


def test_plain_texts_in_arrow_equal_the_python_rule():
    """`_plain_texts` (Arrow) says of each text what `_plain_text` says, and `_plain_keys` gives
    `identity_key` of each plain one: every code point below 0x300 at either end, and mixes."""
    import pyarrow as pa

    from socius_cli.ingest.registrations import _plain_keys, _plain_text, _plain_texts
    from socius_cli.ingest.values import identity_key

    texts = [None, "", " ", "#", "a", "a b", "A  B", " a", "a ", "#N/A", "x@Y.be", "Ab\tc", "é", "Ｆ"]
    texts += [f"{chr(i)}Ab c" for i in range(0x300)] + [f"aB c{chr(i)}" for i in range(0x300)]
    texts += [f"a{chr(i)}B" for i in range(0x300)]
    values = pa.array(texts, pa.string())
    plain = _plain_texts(values)
    assert plain == [_plain_text(t) for t in texts]
    assert sum(plain) > 200
    assert all(k == identity_key(t) for t, p, k in zip(texts, plain, _plain_keys(values), strict=True) if p)


def test_a_plain_text_is_what_typed_returns_for_it():
    """The shortcut of `_plain_text` (registrations, and every text field of the other tables
    in check._Typer) gives what `values.typed` gives: the cell itself."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from socius_cli.contract import ACTIVITIES, Kind
    from socius_cli.ingest.registrations import _plain_text
    from socius_cli.ingest.values import typed

    fields = [f for f in ACTIVITIES.fields if f.kind is Kind.TEXT and not f.words]

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=0x7F))))
    def check(text):
        if _plain_text(text):
            for f in fields:
                assert typed(f, text) == text

    check()
