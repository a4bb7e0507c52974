"""Registrations loaded in bulk: multi-row INSERTs on SQLite, `COPY ... FROM STDIN` on
PostgreSQL, on the connection (and so inside the write transaction) of the import.

On SQLite one INSERT carries ROWS_PER_INSERT rows (`VALUES (...), (...), ...`): the
statement is stepped once per 150 rows instead of once per row, which with the WITHOUT ROWID
table (schema v4) and rows in key order halves the load of a million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa
import sqlalchemy as sa

from ..ingest.records import COLUMNS

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
