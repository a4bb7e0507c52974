"""A year's figures, one lookup order for every command: frozen, then cached, then computed.

- frozen: a purged year's figures as they were when its participant rows were removed
  (`socius purge`), so they stay as published;
- cached: the figures the last write transaction that changed the year computed (`refresh`);
- computed: from the stored rows (`indicators.compute_live`), for a store or year without a
  cached row (an older store, or a changed definition: `store.versions.FIGURES_VERSION`).

`refresh` is called by whoever owns a write transaction (an import, forget, purge), inside
it, for the years whose rows it changed: the store itself knows nothing about figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..errors import SociusError
from ..i18n import _
from ..store import cache
from ..store.schema import activities, requests
from ..store.store import Counts, Store, chunks, years_with_data
from .indicators import compute_live

if TYPE_CHECKING:
    import pyarrow as pa

Figures = dict[str, Any]


def year_figures(store: Store, year: int) -> Figures:
    """The contract's JSON object for `year`; SociusError when the store has no data for it."""
    with store.engine.connect() as conn:
        frozen = cache.frozen(conn, year)  # a purged year: the figures as published
        if frozen is not None:
            return frozen
        figures = cache.cached(conn, year)  # computed by the last change to this year
        if figures is not None:
            return figures
        if year not in years_with_data(conn, {year}):
            years = store.years()
            have = ", ".join(map(str, years)) if years else _("none yet (run socius import)")
            raise SociusError(_("no data for {year} in the store; years with data: {years}").format(
                year=year, years=have))
        return compute_live(conn, year)


def previous_year(store: Store, year: int) -> Figures | None:
    """The figures of year - 1, or None when the store has no data for it."""
    try:
        return year_figures(store, year - 1)
    except SociusError:
        return None


def touched_years(conn: sa.Connection, records: dict[str, list[dict[str, Any]]],
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
        for chunk in chunks(sorted(keys), 500):
            years.update(conn.execute(sa.select(table.c.year).where(col.in_(chunk)).distinct()).scalars())
    return years


def register_changed(summary: dict[str, Counts]) -> bool:
    """The register decides target groups and reach in every year: all years are refreshed."""
    c = summary.get("organisations")
    return bool(c and (c.added or c.updated or c.removed))


def refresh(conn: sa.Connection, years: set[int], all_years: bool = False,
            imported: pa.Table | None = None) -> None:
    """Recompute the cached figures of `years` (or of every year) from the stored rows, on the
    connection of the write transaction that changed them.

    `imported`: the registrations this import has just stored, as `compute_live` takes them
    (counted from memory rather than read back)."""
    have = years_with_data(conn)
    if all_years:
        years = set(years) | have | cache.cached_years(conn)
    for year in sorted(years):
        cache.put(conn, year, compute_live(conn, year, imported) if year in have else None)
