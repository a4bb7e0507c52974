"""Stored figures: each year's indicators as computed at the last change (`year_figures`),
and the frozen indicators of purged years (`frozen_stats`).

Nothing here computes a figure: `figures.lookup` decides which years to recompute and
writes them through `put` inside the write transaction that changed their rows.
`quick.py` reads the same rows without SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

from .schema import frozen_stats, year_figures
from .versions import FIGURES_VERSION as VERSION

Figures = dict[str, Any]  # a year's indicators: the contract's JSON object


def cached(conn: sa.Connection, year: int) -> Figures | None:
    """The cached figures of `year` through SQLAlchemy (any store), or None."""
    try:
        row = conn.execute(sa.select(year_figures.c.version, year_figures.c.json)
                           .where(year_figures.c.year == year)).first()
    except sa.exc.SQLAlchemyError:
        return None  # no such table yet
    return json.loads(row[1]) if row and row[0] == VERSION else None


def put(conn: sa.Connection, year: int, figures: Figures | None) -> None:
    """Replace the cached figures of `year` (None: the year has no data any more)."""
    year_figures.create(conn, checkfirst=True)  # a store made before this table existed
    conn.execute(year_figures.delete().where(year_figures.c.year == year))
    if figures is not None:
        conn.execute(year_figures.insert().values(year=year, version=VERSION, json=json.dumps(figures)))


def cached_years(conn: sa.Connection) -> set[int]:
    if not sa.inspect(conn).has_table(year_figures.name):
        return set()
    return set(conn.execute(sa.select(year_figures.c.year)).scalars())


def current_years(conn: sa.Connection) -> set[int]:
    """The years whose cached figures are of this version of the figures."""
    if not sa.inspect(conn).has_table(year_figures.name):
        return set()
    return set(conn.execute(sa.select(year_figures.c.year).where(year_figures.c.version == VERSION)).scalars())


def drop(conn: sa.Connection, years: set[int]) -> None:
    """Drop the cached figures of `years`: they are recomputed on demand."""
    if sa.inspect(conn).has_table(year_figures.name):
        conn.execute(year_figures.delete().where(year_figures.c.year.in_(sorted(years))))


def frozen(conn: sa.Connection, year: int) -> Figures | None:
    """The frozen indicators of a purged year, or None."""
    if not sa.inspect(conn).has_table(frozen_stats.name):
        return None
    text = conn.execute(sa.select(frozen_stats.c.json).where(frozen_stats.c.year == year)).scalar()
    return json.loads(text) if text is not None else None


def frozen_years(conn: sa.Connection) -> set[int]:
    """Years whose participant-level rows were purged; their figures are frozen."""
    if not sa.inspect(conn).has_table(frozen_stats.name):
        return set()
    return set(conn.execute(sa.select(frozen_stats.c.year)).scalars())


def freeze(conn: sa.Connection, year: int, figures: Figures) -> None:
    frozen_stats.create(conn, checkfirst=True)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute(frozen_stats.insert().values(year=year, json=json.dumps(figures), frozen_at=now))
