"""Published figures (`socius publish YEAR`) and what the history holds (`socius history`).

`publish(store, year)` records the year's figures, as `stats` shows them (frozen, cached or
computed: `figures.lookup`), as published, with the date and the user, in the store's one
write transaction, and adds the publication to the history. From then on an import that
would change a figure of that year is refused unless allowed (`changes.py`), and `stats`
and `report` of the year say which figures differ from what was published (`status`).

Published figures are a record to compare against, never a replacement: the figures
socius shows are always those of the stored rows (or the frozen figures of a purged year).
"""

from __future__ import annotations

from typing import Any

from .errors import SociusError
from .figures import lookup
from .figures.compare import PublishedStatus, published_status
from .i18n import _
from .store import history
from .store.store import Store, years_with_data


def publish(store: Store, year: int) -> tuple[history.Published, history.Published | None]:
    """Record the figures of `year` as published; return the new record and the one it replaces."""
    with store.writing() as conn:
        figures = lookup.figures_on(conn, year)
        if figures is None:
            years = ", ".join(map(str, sorted(years_with_data(conn)))) or _("none yet (run socius import)")
            raise SociusError(_("no data for {year} in the store; years with data: {years}").format(
                year=year, years=years))
        earlier = history.published_year(conn, year)
        record = history.publish(conn, year, figures)
        history.record(conn, "publish", {"year": year, "figures": figures,
                                         "replaces": earlier.at if earlier else None})
    return record, earlier


def status(store: Store, year: int, figures: dict[str, Any]) -> PublishedStatus | None:
    """How `figures` (as shown now) compare with the published figures of `year`; None when
    the year was never published."""
    with store.engine.connect() as conn:
        record = history.published_year(conn, year)
    if record is None:
        return None
    return published_status(year, record.figures, record.at, record.os_user, figures)


def span_statuses(store: Store, span: dict[str, Any]) -> dict[int, PublishedStatus]:
    """The published years of a span's object (`figures.span.span_figures`), each with how its
    figures as shown now compare with what was published (a year's targets are no figure)."""
    out = {}
    for y, figures in span["years"].items():
        found = status(store, int(y), {k: v for k, v in figures.items() if k != "targets"})
        if found is not None:
            out[int(y)] = found
    return out


def entries(store: Store) -> list[history.Entry]:
    with store.engine.connect() as conn:
        return history.entries(conn)
