"""Personal data on request: erase one person (`socius forget`), purge older years (`socius purge`).

The store keeps participants only as a keyed hash, but a hash that still links one
person's registrations is personal data under the GDPR: a person may ask for it to be
erased, and participant-level rows need not be kept once a year's figures are published.

- `forget(store, address)` hashes the address with the store's key (exactly as an import
  does) and deletes that person's registrations. The address is never stored or printed.
- `purge(store, before)` first freezes the indicators of every year before `before` that
  still has participant-level rows (the table `frozen_stats`), then deletes the
  registrations and evaluations of those years' activities. Activities, requests and the
  register stay. From then on `indicators.compute` returns the frozen figures for such a
  year, so stats and reports of a purged year show what was published.

On SQLite both run with `secure_delete`, so the deleted hashes are overwritten in the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from . import cache
from .store import Store, activities, evaluations, frozen_stats, registrations


@dataclass
class Purged:
    frozen: list[int] = field(default_factory=list)  # years whose figures were frozen now
    registrations: int = 0
    evaluations: int = 0


def forget(store: Store, address: str) -> int:
    """Delete the registrations of the person with this e-mail address (or name); return how many."""
    if not address.strip():
        return 0
    hashed = store.hasher()(address)
    if store._pending_meta.get("participant_key"):
        return 0  # the store has no key yet, so it holds no registration at all
    with _writing(store) as conn:
        mine = registrations.c.participant == hashed
        years = set(conn.execute(sa.select(activities.c.year).distinct().where(
            activities.c.code.in_(sa.select(registrations.c.activity).where(mine)))).scalars())
        n = conn.execute(registrations.delete().where(mine)).rowcount or 0
        if n:
            cache.refresh(conn, years)  # the cached figures of those years, recomputed
        return n


def purge(store: Store, before: int) -> Purged:
    """Freeze the figures of the years before `before`, then delete their participant-level rows."""
    from . import indicators

    done = Purged()
    with _writing(store) as conn:
        frozen_stats.create(conn, checkfirst=True)
        old = sa.select(activities.c.code).where(activities.c.year < before)
        years = sorted(set(conn.execute(
            sa.select(activities.c.year).where(activities.c.year < before).where(sa.or_(
                activities.c.code.in_(sa.select(registrations.c.activity)),
                activities.c.code.in_(sa.select(evaluations.c.activity))))).scalars()))
        already = set(conn.execute(sa.select(frozen_stats.c.year)).scalars())
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        for year in years:
            if year in already:
                continue
            figures = indicators.compute_live(conn, year)
            conn.execute(frozen_stats.insert().values(year=year, json=json.dumps(figures), frozen_at=now))
            done.frozen.append(year)
        done.registrations = conn.execute(
            registrations.delete().where(registrations.c.activity.in_(old))).rowcount or 0
        done.evaluations = conn.execute(
            evaluations.delete().where(evaluations.c.activity.in_(old))).rowcount or 0
        cache.forget(conn, set(years))  # frozen figures answer for these years from now on
    return done


def frozen_figures(conn: sa.Connection, year: int) -> dict | None:
    """The frozen indicators of a purged year, or None."""
    if not sa.inspect(conn).has_table(frozen_stats.name):
        return None
    text = conn.execute(sa.select(frozen_stats.c.json).where(frozen_stats.c.year == year)).scalar()
    return json.loads(text) if text is not None else None


class _writing:
    """One write transaction; on SQLite taken up front and with secure_delete on."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> sa.Connection:
        self.conn = self.store.engine.connect()
        self.trans = self.conn.begin()
        if self.store.is_sqlite:
            self.conn.exec_driver_sql("PRAGMA secure_delete = ON")
            self.conn.exec_driver_sql("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if kind is None:
                self.trans.commit()
            else:
                self.trans.rollback()
        finally:
            self.conn.close()
