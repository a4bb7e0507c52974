"""The figures of a span of years, a policy period (contract section 4, "Figures over a span
of years"): the years' own objects, and a total over the whole span.

The total is built from two sources, each where it is exact:
- from the years' objects as every command sees them (`lookup.figures_on`): the counts, and
  the pooled target-group shares and nps, whose whole-number parts (primary participations,
  promoters minus detractors) the year objects hold exactly;
- from the stored rows: what cannot be added up over years, because one person, one
  organisation or one evaluation would count in several years (persons reached, recognised
  organisations, satisfaction). A year whose participant rows were purged (`socius purge`)
  leaves these unknown (null) in the total, rather than a figure that silently counts less.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from ..contract import FORMAT_KEYS, Period, period_text
from ..errors import SociusError
from ..i18n import _
from ..store import cache
from ..store.cache import Figures
from ..store.schema import activities, evaluations, requests
from ..store.store import Store, years_with_data
from .indicators import group_text, nps_of, pct, register, span_people, whole
from .lookup import figures_on
from .targets import Target, assess, with_targets

# Counts that add up over the years (the sum is the span's figure).
OPEN_SUMS = ("activities", "half_days", "participations", "unknown_target_group", "recommend_answers")
DEMAND_SUMS = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
               "requests_supported", "supported_primary", "supported_secondary", "support_participants")


def span_figures(store: Store, period: Period, targets: list[Target] | None = None) -> Figures:
    """The contract's JSON object of a span; SociusError when no year of it has data.

    `targets`: the stored targets in table order; each year gets its own, the span those whose
    period is exactly the span."""
    first, last = period
    with store.engine.connect() as conn:
        years: dict[str, Figures] = {}
        for year in range(first, last + 1):
            figures = figures_on(conn, year)
            if figures is not None:
                years[str(year)] = figures
        if not years:
            have = sorted(years_with_data(conn))
            raise SociusError(_("no data for {year} in the store; years with data: {years}").format(
                year=period_text(period),
                years=", ".join(map(str, have)) if have else _("none yet (run socius import)")))
        total = span_total(conn, period, list(years.values()))
    targets = targets or []
    # A year of the span without data has no object, but its targets are still part of the
    # plan: kept (unassessed, realised and met null) so that a report can list them.
    without_data = [t for y in range(first, last + 1) if str(y) not in years for t in assess(targets, (y, y), {})]
    years = {y: with_targets(figures, targets) for y, figures in years.items()}
    return {"period": period_text(period), "years": years, "total": total,
            "targets": assess(targets, period, total), "targets_of_years_without_data": without_data}


def totals_unknown(span: Figures) -> bool:
    """Whether a total that counts persons once over the span (persons reached, satisfaction)
    is unknown while some year has it: a year's participant rows were purged."""
    total = span["total"]["open_offering"]
    return any(total.get(k) is None and any(y["open_offering"].get(k) is not None for y in span["years"].values())
               for k in ("persons_reached", "satisfaction_pct"))


def span_total(conn: sa.Connection, period: Period, years: list[Figures]) -> Figures:
    """`total` of a span whose years with data have the objects `years`."""
    first, last = period
    purged = bool(cache.frozen_years(conn) & set(range(first, last + 1)))
    return {"open_offering": _open_offering(conn, period, [y["open_offering"] for y in years], purged),
            "demand_driven": _demand_driven(conn, period, [y["demand_driven"] for y in years])}


def _sum(parts: Iterable[dict[str, Any]], key: str) -> int | float:
    return whole(sum(p.get(key) or 0 for p in parts))


def _part(share: float | None, whole: int) -> int:
    """The whole number a year's percentage was made of: 100 x part / whole, turned back."""
    return 0 if share is None else round(share * whole / 100)


def _open_offering(conn: sa.Connection, period: Period, years: list[dict[str, Any]], purged: bool) -> dict[str, Any]:
    total: dict[str, Any] = {key: _sum(years, key) for key in OPEN_SUMS}
    known = [y["participations"] - y["unknown_target_group"] for y in years]
    primary = sum(_part(y["primary_share_pct"], k) for y, k in zip(years, known, strict=True))
    secondary = sum(_part(y["secondary_share_pct"], k) for y, k in zip(years, known, strict=True))
    net = sum(_part(y.get("nps"), y.get("recommend_answers") or 0) for y in years)  # promoters - detractors
    registers = {year: register(conn, year) for year in range(period[0], period[1] + 1)}  # read once
    people = None if purged else span_people(conn, period, registers)
    orgs_total, orgs_reached = _recognised(registers, people)
    total.update({
        "persons_reached": people.persons if people else None,
        "primary_share_pct": pct(primary, primary + secondary),
        "secondary_share_pct": pct(secondary, primary + secondary),
        "satisfaction_pct": _satisfaction(conn, period) if not purged else None,
        "nps": nps_of(net, 0, total["recommend_answers"]),
        "recognised_orgs_total": orgs_total,
        "recognised_orgs_reached": orgs_reached,
        "recognised_reach_pct": pct(orgs_reached, orgs_total) if orgs_reached is not None else None,
        "formats": {f: sum(y["formats"].get(f, 0) for y in years) for f in FORMAT_KEYS},
        "themes": _themes(conn, period, years),
    })
    order = ("activities", "half_days", "participations", "persons_reached", "primary_share_pct",
             "secondary_share_pct", "unknown_target_group", "satisfaction_pct", "nps", "recommend_answers",
             "recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct", "formats", "themes")
    return {key: total[key] for key in order}


def _recognised(registers: dict[int, dict[str, bool]], people: Any) -> tuple[int, int | None]:
    """Organisations recognised in the register of at least one year of the span, and of
    those the ones a participation named in a year in whose register they are recognised."""
    recognised = {key for reg in registers.values() for key, yes in reg.items() if yes}
    return len(recognised), len(people.reached) if people else None


def _satisfaction(conn: sa.Connection, period: Period) -> float | None:
    """The mean over every evaluation of the span's activities, not a mean of the years' means."""
    a, e = activities, evaluations
    mean = conn.execute(
        sa.select(sa.func.avg(100.0 * e.c.score / e.c.scale)).select_from(e.join(a, a.c.code == e.c.activity))
        .where(a.c.year.between(*period))).scalar_one()
    return float(mean) if mean is not None else None


def _key(text: str | None) -> str | None:
    """How `group_text` groups a theme or topic: case and spacing free."""
    return " ".join(text.split()).casefold() if text else None


def _themes(conn: sa.Connection, period: Period, years: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The themes over the span's activities, spelled as the span spells them most; their
    participations added up from the years' objects (which a purge leaves in place)."""
    a = activities
    rows = conn.execute(sa.select(a.c.theme, sa.func.count(), sa.func.sum(a.c.half_days))
                        .where(a.c.year.between(*period)).group_by(a.c.theme)).all()
    themes = group_text([(t, n, h) for t, n, h in rows], "theme", ("activities", "half_days"))
    participations: dict[str | None, int] = {}
    for y in years:
        for t in y["themes"]:
            participations[_key(t["theme"])] = participations.get(_key(t["theme"]), 0) + t["participations"]
    for t in themes:
        t["participations"] = participations.get(_key(t["theme"]), 0)
    return themes


def _demand_driven(conn: sa.Connection, period: Period, years: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {key: int(_sum(years, key)) for key in DEMAND_SUMS}
    q = requests
    total["topics"] = group_text(
        conn.execute(sa.select(q.c.topic, sa.func.count()).where(q.c.year.between(*period)).group_by(q.c.topic)).all(),
        "topic", ("requests",))
    return total

