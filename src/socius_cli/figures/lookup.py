"""A year's figures, one lookup order for every command: frozen, then cached, then computed.

- frozen: a purged year's figures as they were when its participant rows were removed
  (`socius purge`), so they stay as they were;
- cached: the figures the last write transaction that changed the year computed (`refresh`);
- computed: from the stored rows (`indicators.compute_live`), for a store or year without a
  cached row (an older store, or a changed definition: `store.versions.FIGURES_VERSION`).

`refresh` is called by whoever owns a write transaction (an import, forget, purge), inside
it, for the years whose rows it changed: the store itself knows nothing about figures.

Published figures (`socius publish`, `store/history.py`) are not part of this order: they
are a record to compare against, never a replacement of the figures above. An import that
would change a published year is refused unless allowed (`changes.py`); `stats` and
`report` of a published year say which figures differ from what was published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from ..errors import SociusError
from ..i18n import _
from ..store import cache
from ..store.cache import Figures
from ..store.schema import activities, requests, targets
from ..store.store import Counts, Record, Store, select_in, years_with_data
from .indicators import compute_live
from .targets import COLUMNS as TARGET_COLUMNS
from .targets import Target, from_rows

if TYPE_CHECKING:
    import pyarrow as pa


def year_figures(store: Store, year: int) -> Figures:
    """The contract's JSON object for `year`; SociusError when the store has no data for it."""
    with store.engine.connect() as conn:
        figures = figures_on(conn, year)
        if figures is None:
            years = store.years()
            have = ", ".join(map(str, years)) if years else _("none yet (run socius import)")
            raise SociusError(_("no data for {year} in the store; years with data: {years}").format(
                year=year, years=have))
        return figures


def figures_on(conn: sa.Connection, year: int) -> Figures | None:
    """The figures of `year` in the lookup order, on a connection (a write transaction sees its
    own changes); None when the year has no data."""
    frozen = cache.frozen(conn, year)  # a purged year: the figures as they were frozen
    if frozen is not None:
        return frozen
    figures = cache.cached(conn, year)  # computed by the last change to this year
    if figures is not None:
        return figures
    if year not in years_with_data(conn, {year}):
        return None
    return compute_live(conn, year)


def stored_targets(conn: sa.Connection) -> list[Target]:
    """Every stored target, in the order of the targets table (per period, as imported); pass
    them to `figures.targets.assess(targets, (first, last), figures)` for a year or a span."""
    t = targets
    if not sa.inspect(conn).has_table(t.name):
        return []  # a store of an older schema, opened without migrating
    return from_rows(conn.execute(sa.select(*[t.c[c] for c in TARGET_COLUMNS])
                                  .order_by(t.c.period_from, t.c.period_until, t.c.position, t.c.indicator)))


def previous_year(store: Store, year: int) -> Figures | None:
    """The figures of year - 1, or None when the store has no data for it."""
    try:
        return year_figures(store, year - 1)
    except SociusError:
        return None


def touched_years(conn: sa.Connection, records: dict[str, list[Record]],
                  registrations: pa.Table | None = None) -> set[int]:
    """The years, as stored now, of the activities and requests an import names."""
    codes = {r["code"] for r in records.get("activities", [])}
    codes |= {r["activity"] for r in records.get("evaluations", [])}
    if registrations is not None and registrations.num_rows:
        import pyarrow.compute as pc

        codes |= set(pc.unique(registrations["activity"]).to_pylist())
    ids = {r["id"] for r in records.get("requests", [])}
    years: set[int] = set()
    for table, col, keys in ((activities, activities.c.code, codes), (requests, requests.c.id, ids)):
        years.update(year for (year,) in select_in(conn, sa.select(table.c.year).distinct(), col, keys))
    return years


def imported_years(records: dict[str, list[Record]]) -> set[int]:
    """The years of the imported activities and requests: once they are stored, what
    `touched_years` adds to the years it gave before (the other activities an import names, by
    its registrations and evaluations, keep their stored year), without asking the store."""
    return {r["year"] for name in ("activities", "requests") for r in records.get(name, [])}


def register_changed(summary: dict[str, Counts]) -> bool:
    """The register decides target groups and reach in every year: all years are refreshed."""
    c = summary.get("organisations")
    return bool(c and (c.added or c.updated or c.removed))


def refresh(conn: sa.Connection, years: set[int], all_years: bool = False,
            imported: pa.Table | None = None) -> dict[int, Figures | None]:
    """Recompute the cached figures of `years` (or of every year) from the stored rows, on the
    connection of the write transaction that changed them; return them (None: no data left).

    `imported`: the registrations this import has just stored, as `compute_live` takes them
    (counted from memory rather than read back)."""
    have = years_with_data(conn)
    if all_years:
        years = set(years) | have | cache.cached_years(conn)
    done: dict[int, Figures | None] = {}
    for year in sorted(years):
        done[year] = compute_live(conn, year, imported) if year in have else None
        cache.put(conn, year, done[year])
    return done
