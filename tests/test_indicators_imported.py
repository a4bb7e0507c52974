"""The year's figures counted partly from the just-imported registrations (Arrow, in memory)
equal the figures read wholly from the store, on random stores and random imports."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
import sqlalchemy as sa
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from socius_cli.figures.indicators import compute_live
from socius_cli.ingest.records import COLUMNS, arrow_schema
from socius_cli.store.schema import activities, organisations, registrations
from socius_cli.store.store import Store

SCHEMA = arrow_schema()

ORGS = [("org a", True), ("org b", False), ("org c", True)]
KEYS = ["org a", "org b", "org c", "org x", None]  # org x: not in the register


@st.composite
def store_rows(draw):
    acts = []
    for i in range(draw(st.integers(1, 8))):
        acts.append({"code": f"A{i}", "title": "t", "date": dt.date(draw(st.sampled_from([2022, 2023])), 3, 1),
                     "format": "fysiek", "half_days": 1.0, "theme": draw(st.sampled_from(["Taal", "taal ", None])),
                     "kind": None, "planned": None})
    for a in acts:
        a["year"] = a["date"].year
    regs = {}
    for _ in range(draw(st.integers(0, 40))):
        a = draw(st.sampled_from(acts))["code"]
        p = f"p{draw(st.integers(0, 9))}"
        key = draw(st.sampled_from(KEYS))
        regs[(a, p)] = {"activity": a, "participant": p, "organisation": key, "org_key": key,
                        "target_group": draw(st.sampled_from([None, None, "primary", "secondary"])),
                        "attended": draw(st.booleans())}
    imported = draw(st.sets(st.sampled_from([a["code"] for a in acts])))
    return acts, list(regs.values()), imported


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One SQLite store for every example: each fills it in a transaction that is rolled back."""
    store = Store(str(tmp_path_factory.mktemp("s") / "s.db"))
    yield store
    store.engine.dispose()


@settings(max_examples=examples(0.6), deadline=None)
@given(store_rows())
def test_imported_rows_counted_in_memory_equal_the_store(store, data):
    acts, regs, imported_codes = data
    with store.engine.connect() as conn, conn.begin() as transaction:
        assert all(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() == 0
                   for t in (activities, organisations, registrations)), "the store is not empty"
        conn.execute(activities.insert(), acts)
        conn.execute(organisations.insert(), [{"key": k, "name": k, "recognised": r, "sector": None} for k, r in ORGS])
        if regs:
            conn.execute(registrations.insert(), regs)
        mine = [r for r in regs if r["activity"] in imported_codes]
        table = pa.table({c: pa.array([r[c] for r in mine], SCHEMA.field(c).type) for c in COLUMNS})
        for year in (2022, 2023):
            assert compute_live(conn, year, table) == compute_live(conn, year)
        transaction.rollback()  # the next example starts from the empty store again
