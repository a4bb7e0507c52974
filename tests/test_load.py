"""store/load.py: registrations loaded in bulk, with COPY on PostgreSQL."""

from __future__ import annotations

from helpers import Cli, small_book


def test_postgresql_loads_registrations_with_copy(pg_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    from socius_cli.store import load as bulk

    calls = []
    real = bulk.insert

    def spy(conn, name, table, order=None):
        calls.append(conn.dialect.name)
        return real(conn, name, table, order)

    monkeypatch.setattr(bulk, "insert", spy)
    book = small_book(tmp_path, "p.xlsx", [["A1", "a", "01/02/2022", "fysiek", 2, "Taal"]],
                      [["A1", "x@y.be", None, "ja"]])
    assert Cli(pg_db)("import", str(book)).exit_code == 0
    assert calls == ["postgresql"]


def test_compare_counts_as_a_dict_of_the_stored_rows_would():
    """load.compare (int64 keys, binary search, null-aware equality) counts added, updated,
    removed and unchanged registrations exactly as comparing with a dict of the stored rows."""
    import random

    import pyarrow as pa

    from socius_cli.ingest.records import COLUMNS, arrow_schema
    from socius_cli.store.load import compare

    schema = arrow_schema()
    rng = random.Random(7)

    def rows(n):
        out = {}
        for _ in range(n):
            key = (rng.choice(["A1", "A2", "A3", "B"]), f"p{rng.randrange(30)}")
            out[key] = (rng.choice([None, "Org", "org b"]), rng.choice([None, "org"]),
                        rng.choice([None, "primary"]), rng.random() < 0.7)
        return out

    def table(d):
        cols = list(zip(*[(*k, *v) for k, v in d.items()], strict=True)) if d else [()] * len(COLUMNS)
        return pa.table([pa.array(list(c), schema.field(i).type) for i, c in enumerate(cols)], schema=schema)

    for _ in range(300):
        new, old = rows(rng.randrange(0, 60)), rows(rng.randrange(1, 60))
        if rng.random() < 0.5:  # many unchanged rows
            new.update({k: v for k, v in old.items() if rng.random() < 0.6})
        if not new:
            continue
        seen = [k for k in new if k in old]
        unchanged = sum(new[k] == old[k] for k in seen)
        want = (len(new) - len(seen), len(seen) - unchanged, len(old) - len(seen), unchanged)
        assert compare(table(new), table(old)) == want


def test_compare_stored_over_chunks_of_activities(store_db):
    """load.compare_stored (the stored rows read CHUNK activities at a time, straight into
    Arrow) counts as a dict of every stored row would, on both stores, with activities that
    have stored rows, new rows or both, over more than one chunk."""
    import datetime as dt
    import random

    import pyarrow as pa
    import sqlalchemy as sa

    from socius_cli.ingest.records import COLUMNS, arrow_schema
    from socius_cli.store.load import CHUNK, compare_stored
    from socius_cli.store.schema import activities, registrations
    from socius_cli.store.store import Store

    rng = random.Random(3)
    codes = [f"A{i:04d}" for i in range(CHUNK * 2 + 37)]
    stored, new = {}, {}
    for code in codes:
        for p in range(rng.randrange(0, 4)):
            stored[(code, f"p{p}")] = (rng.choice([None, "Org"]), None, rng.choice([None, "primary"]), True)
        for p in range(rng.randrange(0, 4)):
            new[(code, f"p{p}")] = stored.get((code, f"p{p}")) if rng.random() < 0.6 else ("Other", "other", None, False)
    new = {k: v or (None, None, None, True) for k, v in new.items()}
    seen = [k for k in new if k in stored]
    unchanged = sum(new[k] == stored[k] for k in seen)
    want = (len(new) - len(seen), len(seen) - unchanged, sum(1 for k in stored if k[0] in {a for a, _ in new}) - len(seen),
            unchanged)
    store = Store(store_db)
    schema = arrow_schema()
    table = pa.table([pa.array(list(c), schema.field(i).type)
                      for i, c in enumerate(zip(*[(*k, *v) for k, v in new.items()], strict=True))], schema=schema)
    try:
        with store.engine.begin() as conn:
            conn.execute(activities.insert(), [{"code": c, "title": "t", "date": dt.date(2022, 3, 1), "year": 2022, "format": "fysiek",
                                             "half_days": 1.0} for c in codes])
            conn.execute(registrations.insert(), [dict(zip(COLUMNS, (*k, *v), strict=True)) for k, v in stored.items()])
            r = registrations
            got = compare_stored(conn, sa.select(*[r.c[c] for c in COLUMNS]), r.c.activity, table,
                                 sorted({a for a, _ in new}))
        assert got == want
    finally:
        store.engine.dispose()
