"""Personal data on request: erase one person (`socius forget`), purge older years (`socius purge`).

The store keeps participants only as a keyed hash, but a hash that still links one
person's registrations is personal data under the GDPR: a person may ask for it to be
erased, and participant-level rows need not be kept once a year's figures are published.

- `forget(store, address)` hashes the address with the store's key (exactly as an import
  does) and deletes that person's registrations. The address is never stored or printed.
- `purge(store, before)` first freezes the indicators of every year before `before` that
  still has participant-level rows (the table `frozen_stats`), then deletes the
  registrations and evaluations of those years' activities. Activities, requests and the
  register stay. From then on `figures.lookup` gives the frozen figures for such a year,
  so stats and reports of a purged year show what was published.

Both change the store through its one write transaction (`Store.writing`), so they wait for
a running import as imports wait for each other, and refresh the figures they change in it.
On SQLite they run with `secure_delete`, so the deleted hashes are overwritten in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from .figures import lookup
from .figures.indicators import compute_live
from .store import cache
from .store.schema import activities, evaluations, registrations
from .store.store import Store


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
    if store.has_no_key_yet():
        return 0  # the store has no key yet, so it holds no registration at all
    with store.writing(secure_delete=True) as conn:
        mine = registrations.c.participant == hashed
        years = set(conn.execute(sa.select(activities.c.year).distinct().where(
            activities.c.code.in_(sa.select(registrations.c.activity).where(mine)))).scalars())
        n = conn.execute(registrations.delete().where(mine)).rowcount or 0
        if n:
            lookup.refresh(conn, years)  # the cached figures of those years, recomputed
        return n


def purge_counts(store: Store, before: int) -> tuple[int, int]:
    """(registrations, evaluations) that `purge(store, before)` would remove, to ask first."""
    old = sa.select(activities.c.code).where(activities.c.year < before)
    with store.engine.connect() as conn:
        regs = conn.execute(sa.select(sa.func.count()).select_from(registrations)
                            .where(registrations.c.activity.in_(old))).scalar_one()
        evals = conn.execute(sa.select(sa.func.count()).select_from(evaluations)
                             .where(evaluations.c.activity.in_(old))).scalar_one()
    return int(regs), int(evals)


def purge(store: Store, before: int) -> Purged:
    """Freeze the figures of the years before `before`, then delete their participant-level rows."""
    done = Purged()
    with store.writing(secure_delete=True) as conn:
        old = sa.select(activities.c.code).where(activities.c.year < before)
        years = sorted(set(conn.execute(
            sa.select(activities.c.year).where(activities.c.year < before).where(sa.or_(
                activities.c.code.in_(sa.select(registrations.c.activity)),
                activities.c.code.in_(sa.select(evaluations.c.activity))))).scalars()))
        already = cache.frozen_years(conn)
        for year in years:
            if year in already:
                continue
            cache.freeze(conn, year, compute_live(conn, year))
            done.frozen.append(year)
        done.registrations = conn.execute(
            registrations.delete().where(registrations.c.activity.in_(old))).rowcount or 0
        done.evaluations = conn.execute(
            evaluations.delete().where(evaluations.c.activity.in_(old))).rowcount or 0
        cache.drop(conn, set(years))  # frozen figures answer for these years from now on
    return done
