"""Registrations loaded in bulk: multi-row INSERTs on SQLite, `COPY ... FROM STDIN` on
PostgreSQL, on the connection (and so inside the write transaction) of the import.

On SQLite one INSERT carries ROWS_PER_INSERT rows (`VALUES (...), (...), ...`): the
statement is stepped once per 150 rows instead of once per row, which with the WITHOUT ROWID
table (schema v4) and rows in key order halves the load of a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from ..ingest.records import COLUMNS, arrow_schema

if TYPE_CHECKING:
    import sqlite3

    import psycopg


BATCH = 65_536  # rows turned into Python values at a time


def batches(table: pa.Table, order: pa.Array | None = None) -> Iterator[pa.RecordBatch | pa.Table]:
    """The rows of `table` (in `order`, indices into it, when given), BATCH at a time: a
    sorted copy of the whole table is never made, only of one batch."""
    if order is None:
        yield from table.to_batches(max_chunksize=BATCH)
        return
    for start in range(0, len(order), BATCH):
        yield table.take(order.slice(start, BATCH))


def iter_rows(table: pa.Table, bool_as_int: bool, order: pa.Array | None = None) -> Iterator[tuple[Any, ...]]:
    for batch in batches(table, order):
        cols = [batch.column(c).to_pylist() for c in COLUMNS]
        if bool_as_int:
            cols[5] = [int(v) for v in cols[5]]
        yield from zip(*cols, strict=True)


ROWS_PER_INSERT = 150  # 900 parameters: within the 999 of SQLite builds before 3.32


def _groups(table: pa.Table, size: int, rest: list[Any], order: pa.Array | None = None) -> Iterator[list[Any]]:
    """The parameters of the rows, `size` rows at a time, flattened (row by row, column by
    column) with slice assignments rather than a tuple per row; the parameters of the last,
    shorter group are left in `rest`."""
    width = len(COLUMNS)
    carry: list[Any] = []
    for batch in batches(table, order):
        cols = [batch.column(c).to_pylist() for c in COLUMNS]
        cols[5] = [int(v) for v in cols[5]]
        flat: list[Any] = [None] * (width * batch.num_rows)
        for j, col in enumerate(cols):
            flat[j::width] = col
        if carry:
            flat = carry + flat
        step = size * width
        full = len(flat) // step * step
        for i in range(0, full, step):
            yield flat[i:i + step]
        carry = flat[full:]
    rest.extend(carry)


def _values(n: int) -> str:
    return ", ".join(["(" + ", ".join("?" * len(COLUMNS)) + ")"] * n)


def insert(conn: sa.Connection, name: str, table: pa.Table, order: pa.Array | None = None) -> None:
    """Append rows in bulk on the import's connection (and so in its transaction); in `order`
    (indices into `table`) when given."""
    dialect = conn.dialect.name
    cols = ", ".join(COLUMNS)
    # The driver's own connection: SQLAlchemy types it as the DBAPI protocol, which knows
    # neither sqlite3's iterable executemany nor psycopg's COPY.
    raw = conn.connection.dbapi_connection
    if dialect == "sqlite":
        cur = cast("sqlite3.Connection", raw).cursor()
        try:
            cur.execute("PRAGMA cache_size = -65536")  # 64 MB page cache while loading
            rest: list[Any] = []
            cur.executemany(f"INSERT INTO {name} ({cols}) VALUES {_values(ROWS_PER_INSERT)}",
                            _groups(table, ROWS_PER_INSERT, rest, order))
            if rest:
                cur.execute(f"INSERT INTO {name} ({cols}) VALUES {_values(len(rest) // len(COLUMNS))}", rest)
        finally:
            cur.close()
    elif dialect == "postgresql":
        with cast("psycopg.Connection[Any]", raw).cursor() as pg, pg.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
            for row in iter_rows(table, False, order):
                copy.write_row(row)
    else:  # any other database SQLAlchemy speaks: plain executemany
        for part in batches(table, order):
            conn.execute(sa.table(name, *[sa.column(c) for c in COLUMNS]).insert(), part.to_pylist())


CHUNK = 500  # activities asked for at a time (an IN list within every database's limits)


def compare_stored(conn: sa.Connection, query: sa.Select[Any], column: sa.ColumnElement[Any],
                   new: pa.Table, affected: list[str]) -> tuple[int, int, int, int]:
    """`compare` of the registrations `new` against the stored rows of their activities
    (`affected`, sorted; `query` selects COLUMNS, `column` is its activity), CHUNK activities
    at a time: the stored rows of a chunk are read straight into Arrow columns and compared
    with the new rows of the same activities, so that neither all the stored rows nor a
    Python object per row is ever held. On SQLite through sqlite3's own cursor (the same
    connection and transaction)."""
    schema = arrow_schema()
    position = pc.index_in(new["activity"], value_set=pa.array(affected, pa.string()))
    chunk_of = position.to_numpy(zero_copy_only=False) // CHUNK  # every new activity is affected
    by_chunk = np.argsort(chunk_of, kind="stable")
    bounds = np.searchsorted(chunk_of[by_chunk], np.arange((len(affected) + CHUNK - 1) // CHUNK + 1))
    del position, chunk_of
    total = [0, 0, 0, 0]
    sqlite = conn.dialect.name == "sqlite"
    raw = cast("sqlite3.Connection", conn.connection.dbapi_connection).cursor() if sqlite else None
    try:
        for k, start in enumerate(range(0, len(affected), CHUNK)):
            q = query.where(column.in_(affected[start:start + CHUNK]))
            if raw is not None:
                compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
                params = compiled.params  # a property that builds the dict anew on each use
                rows = raw.execute(str(compiled), [params[name] for name in compiled.positiontup or ()]).fetchall()
            else:
                rows = [tuple(r) for r in conn.execute(q)]
            mine = new.take(pa.array(by_chunk[bounds[k]:bounds[k + 1]]))
            if not rows:
                total[0] += mine.num_rows
                continue
            cols = list(zip(*rows, strict=True))
            del rows
            cols[5] = tuple(bool(v) for v in cols[5])
            old = pa.table([pa.array(c, schema.field(i).type) for i, c in enumerate(cols)], schema=schema)
            del cols
            for i, n in enumerate(compare(mine, old)):
                total[i] += n
    finally:
        if raw is not None:
            raw.close()
    return total[0], total[1], total[2], total[3]


def compare(new: pa.Table, old: pa.Table) -> tuple[int, int, int, int]:
    """(added, updated, removed, unchanged): the registrations `new` against the stored `old`,
    both keyed (activity, participant), each key once on either side. Added: keys only in
    new; removed: only in old; unchanged: in both with every other column equal (a null
    equal to a null); updated: the other keys in both.

    In Arrow and numpy, without joining strings: each key becomes one int64 (the numbers of
    its activity and its participant among new's distinct ones; an old key with a value new
    does not have matches nothing), looked up by binary search in the sorted new keys."""
    if not new.num_rows or not old.num_rows:
        return new.num_rows, 0, old.num_rows, 0
    new_key = np.zeros(new.num_rows, dtype=np.int64)
    old_key = np.zeros(old.num_rows, dtype=np.int64)
    unmatched = np.zeros(old.num_rows, dtype=bool)
    for c in ("activity", "participant"):
        enc = pc.dictionary_encode(new[c].combine_chunks())
        found = pc.index_in(old[c], value_set=enc.dictionary)
        unmatched |= ~found.is_valid().to_numpy(zero_copy_only=False)
        size = max(len(enc.dictionary), 1)
        new_key = new_key * size + enc.indices.to_numpy(zero_copy_only=False)
        old_key = old_key * size + pc.fill_null(found, 0).to_numpy(zero_copy_only=False)
        del enc, found
    order = np.argsort(new_key, kind="stable")
    sorted_new = new_key[order]
    del new_key
    pos = np.minimum(np.searchsorted(sorted_new, old_key), len(sorted_new) - 1)
    matched = (sorted_new[pos] == old_key) & ~unmatched  # old rows whose key new has
    n_matched = int(matched.sum())
    same = np.ones(n_matched, dtype=bool)
    if n_matched:
        at_new = pa.array(order[pos[matched]])
        mask = pa.array(matched)
        for c in COLUMNS[2:]:
            x = pc.take(new[c], at_new)
            y = pc.filter(old[c], mask)
            eq = pc.or_(pc.fill_null(pc.equal(x, y), False), pc.and_(pc.is_null(x), pc.is_null(y)))
            same &= eq.to_numpy(zero_copy_only=False)
    unchanged = int(same.sum())
    return new.num_rows - n_matched, n_matched - unchanged, old.num_rows - n_matched, unchanged
