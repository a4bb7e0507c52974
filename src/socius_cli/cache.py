"""Each year's indicators, computed at import time, so that `socius stats` costs one row read.

`Store.apply` calls `refresh` inside the import's transaction for every year whose figures
the import can change: the years of the activities and requests it touches, before and
after (an activity can move to another year), and all years when the register of
organisations changed (it decides target groups and reach everywhere). The figures are
`indicators.compute_live`'s, so a cached year is exactly a recomputed one (tested).

Reading (`read_sqlite`) uses the standard library's sqlite3 only: `socius stats` on a
SQLite store then starts as fast as `socius --version`, without importing SQLAlchemy.
Any code that changes stored rows outside `Store.apply` must call `refresh` (or `forget`)
for the years it touched, in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

# Bump when the indicators' definitions or the JSON shape change: older rows are then
# ignored (recomputed from the rows) until the next import refreshes them.
VERSION = "1"
# store.SCHEMA_VERSION, repeated so that reading needs no SQLAlchemy (a test keeps them equal).
SCHEMA_VERSION = "1"


def touched_years(conn, records: dict) -> set[int]:
    """The years, as stored now, of the activities and requests an import names."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import sqlalchemy as sa

    from .store import _chunks, activities, requests

    codes = {r["code"] for r in records.get("activities", [])}
    for name in ("registrations", "evaluations"):
        rows = records.get(name, [])
        if isinstance(rows, pa.Table):
            codes |= set(pc.unique(rows["activity"]).to_pylist())
        else:
            codes |= {r["activity"] for r in rows}
    ids = {r["id"] for r in records.get("requests", [])}
    years: set[int] = set()
    for table, col, keys in ((activities, activities.c.code, codes), (requests, requests.c.id, ids)):
        for chunk in _chunks(sorted(keys), 500):
            years.update(conn.execute(sa.select(table.c.year).where(col.in_(chunk)).distinct()).scalars())
    return years


def register_changed(summary: dict) -> bool:
    c = summary.get("organisations")
    return bool(c and (c.added or c.updated or c.removed))


def refresh(conn, years: set[int], all_years: bool = False, imported=None) -> None:
    """Recompute the cached figures of `years` (or of every year) from the stored rows.

    `imported`: the registrations this import has just stored, as `indicators.compute_live`
    takes them (counted from memory rather than read back)."""
    import sqlalchemy as sa

    from .indicators import compute_live
    from .store import activities, requests, year_figures

    year_figures.create(conn, checkfirst=True)  # a store made before this table existed
    have = set(conn.execute(sa.select(activities.c.year).distinct()).scalars())
    have |= set(conn.execute(sa.select(requests.c.year).distinct()).scalars())
    if all_years:
        years = set(years) | have | set(conn.execute(sa.select(year_figures.c.year)).scalars())
    for year in sorted(years):
        conn.execute(year_figures.delete().where(year_figures.c.year == year))
        if year in have:
            figures = compute_live(conn, year, imported)
            conn.execute(year_figures.insert().values(year=year, version=VERSION, json=json.dumps(figures)))


def forget(conn, years: set[int] | None = None) -> None:
    """Drop cached figures (all when years is None): they are recomputed on demand."""
    import sqlalchemy as sa

    from .store import year_figures

    if not sa.inspect(conn).has_table(year_figures.name):
        return
    q = year_figures.delete()
    conn.execute(q if years is None else q.where(year_figures.c.year.in_(sorted(years))))


def cached(conn, year: int) -> dict | None:
    """The cached figures of `year` through SQLAlchemy (any store), or None."""
    import sqlalchemy as sa

    from .store import year_figures

    try:
        row = conn.execute(sa.select(year_figures.c.version, year_figures.c.json)
                           .where(year_figures.c.year == year)).first()
    except sa.exc.SQLAlchemyError:
        return None  # no such table yet
    return json.loads(row[1]) if row and row[0] == VERSION else None


def read_sqlite(db: str, year: int | None) -> tuple[int, dict] | None:
    """(year, figures) straight from a SQLite store's cache, or None to take the long way.

    The long way also gives every message (no store, no such year, a purged year ...):
    this only answers when the answer is plainly there.
    """
    if "://" in db:
        if not db.startswith("sqlite:///"):
            return None
        db = db.removeprefix("sqlite:///")
    path = Path(db).expanduser()
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "year_figures" not in tables or "socius_meta" not in tables:
            con.close()
            return None
        version = con.execute("SELECT value FROM socius_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error:
        con.close()
        return None
    if not version or version[0] != SCHEMA_VERSION:
        con.close()  # an older or newer store: indicators.compute decides
        return None
    try:
        if year is None:
            row = con.execute("SELECT max(y) FROM (SELECT max(year) AS y FROM activities "
                              "UNION ALL SELECT max(year) FROM requests)").fetchone()
            if not row or row[0] is None:
                return None
            year = int(row[0])
        if "frozen_stats" in tables:  # a purged year: the figures as they were frozen
            row = con.execute("SELECT json FROM frozen_stats WHERE year = ?", (year,)).fetchone()
            if row:
                return year, json.loads(row[0])
        row = con.execute("SELECT version, json FROM year_figures WHERE year = ?", (year,)).fetchone()
        if not row or row[0] != VERSION:
            return None
        return year, json.loads(row[1])
    except sqlite3.Error:
        return None
    finally:
        con.close()
