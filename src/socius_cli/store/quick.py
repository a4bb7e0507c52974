"""`socius stats` the quick way: a SQLite store's cached figures read with sqlite3 alone.

SQLAlchemy, pyarrow and the rest are not imported, so `socius stats` on a SQLite store
starts as fast as `socius --version`. Anything unusual (no such file, another schema
version, no cached row) answers None, and the caller takes the long way, which also gives
every message.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .location import sqlite_file
from .versions import FIGURES_VERSION as VERSION
from .versions import SCHEMA_VERSION as _SCHEMA

SCHEMA_VERSION = str(_SCHEMA)  # as socius_meta stores it


def _open_read_only(db: str) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite store `db`, or None (not a SQLite file, or none)."""
    path = sqlite_file(db)
    if path is None or not path.is_file():
        return None
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None


def read_sqlite(db: str, year: int | None) -> tuple[int, dict[str, Any]] | None:
    """(year, figures) straight from a SQLite store's cache, or None to take the long way.

    The long way also gives every message (no store, no such year, a purged year ...):
    this only answers when the answer is plainly there.
    """
    con = _open_read_only(db)
    if con is None:
        return None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "year_figures" not in tables or "socius_meta" not in tables:
            return None
        version = con.execute("SELECT value FROM socius_meta WHERE key = 'schema_version'").fetchone()
        if not version or version[0] != SCHEMA_VERSION:
            return None  # an older or newer store: the long way decides
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


def published_sqlite(db: str, year: int) -> tuple[dict[str, Any], str, str] | None:
    """The published figures of `year` in a SQLite store (figures, published at, by whom), or
    None: not published, or not a SQLite store this version reads (the long way decides)."""
    con = _open_read_only(db)
    if con is None:
        return None
    try:
        row = con.execute("SELECT json, published_at, os_user FROM published WHERE year = ?", (year,)).fetchone()
        return (json.loads(row[0]), row[1], row[2]) if row else None
    except sqlite3.Error:
        return None
    finally:
        con.close()


# The targets in the order of the targets table, as `figures.lookup.stored_targets` reads them.
TARGETS_SQL = ("SELECT indicator, period_from, period_until, target, direction, goal FROM targets "
               "ORDER BY period_from, period_until, position, indicator")


def targets_sqlite(db: str) -> list[tuple[Any, ...]] | None:
    """The stored targets of a SQLite store of this schema version, as rows of
    `figures.targets.COLUMNS` (`figures.targets.from_rows` makes them Targets), or None:
    take the long way."""
    con = _open_read_only(db)
    if con is None:
        return None
    try:
        version = con.execute("SELECT value FROM socius_meta WHERE key = 'schema_version'").fetchone()
        if not version or version[0] != SCHEMA_VERSION:
            return None
        return [tuple(r) for r in con.execute(TARGETS_SQL)]
    except sqlite3.Error:
        return None
    finally:
        con.close()
