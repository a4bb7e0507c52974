"""The rows behind one figure of a year (`socius explain YEAR INDICATOR`), and how they add up.

Every indicator of the contract's section 4 can be explained:

- the counts of the offer (activities, half_days, formats, themes): the year's activities;
- figures about people (participations, persons_reached, the target-group shares,
  unknown_target_group, satisfaction_pct, nps, recommend_answers): per activity its
  counts (registrations, participations, per target group, evaluations, recommendation
  answers), never a person: no participant key, name or address leaves this module;
- the reach (recognised_orgs_total, recognised_orgs_reached, recognised_reach_pct): the
  recognised organisations of the year's register, reached or not, with their participations;
- the demand-driven work (requests_*, supported_*, support_participants, topics): the
  year's requests with their status.

An `Explanation` holds the rows, the figure as the rows give it (`value`) and the numbers of
its sum line (`sum`): how the rows add up to the figure, or why a distinct count is less
than the sum (a person who came to two activities is one person reached). The figure is
computed from the rows here, independently of `indicators.py`; a test compares both on
generated stores. `output.py` and `report/annex.py` show it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..contract import FORMAT_KEYS
from ..errors import SociusError, UsageError
from ..i18n import _
from ..store import cache
from ..store.schema import activities, evaluations, organisations, registrations, requests
from ..store.store import years_with_data
from .indicators import group_text, register, target_group, whole

OFFER = ("activities", "half_days", "formats", "themes")
PEOPLE = ("participations", "persons_reached", "primary_share_pct", "secondary_share_pct",
          "unknown_target_group", "satisfaction_pct", "nps", "recommend_answers")
REACH = ("recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct")
DEMAND = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
          "requests_supported", "supported_primary", "supported_secondary", "support_participants",
          "topics")
INDICATORS = (*OFFER, *PEOPLE, *REACH, *DEMAND)

_ACT = ("code", "date", "title")
COLUMNS: dict[str, tuple[str, ...]] = {
    "activities": (*_ACT, "format", "half_days", "theme"),
    "half_days": (*_ACT, "half_days"),
    "formats": (*_ACT, "format"),
    "themes": ("theme", *_ACT, "half_days", "participations"),
    "participations": (*_ACT, "registrations", "absent", "participations"),
    "persons_reached": (*_ACT, "participations"),
    "primary_share_pct": (*_ACT, "participations", "primary", "secondary", "unknown"),
    "unknown_target_group": (*_ACT, "participations", "primary", "secondary", "unknown"),
    "satisfaction_pct": (*_ACT, "evaluations", "satisfaction_pct"),
    "nps": (*_ACT, "recommend_answers", "promoters", "passives", "detractors", "nps"),
    "recognised_orgs_total": ("organisation", "sector", "period", "reached", "participations"),
    "requests_received": ("id", "received", "status", "supported", "target_group", "organisation", "topic",
                          "participants"),
    "requests_declined": ("id", "received", "status", "organisation", "topic", "decline_reason"),
    "requests_supported": ("id", "received", "target_group", "organisation", "topic", "participants"),
    "topics": ("topic", "id", "received", "status"),
    # the report's annex: every count per activity at once
    "annex_activities": (*_ACT, "format", "half_days", "theme", "participations", "primary", "secondary",
                         "unknown", "evaluations", "satisfaction_pct", "recommend_answers", "nps"),
}
COLUMNS["secondary_share_pct"] = COLUMNS["primary_share_pct"]
COLUMNS["recommend_answers"] = COLUMNS["nps"]
COLUMNS["recognised_orgs_reached"] = COLUMNS["recognised_reach_pct"] = COLUMNS["recognised_orgs_total"]
for _k in ("requests_accepted", "requests_pending"):
    COLUMNS[_k] = COLUMNS["requests_received"]
for _k in ("supported_primary", "supported_secondary", "support_participants"):
    COLUMNS[_k] = COLUMNS["requests_supported"]


@dataclass
class Explanation:
    """The rows behind one figure.

    `year`, `indicator` (the contract's key), `section` (open_offering or demand_driven),
    `columns` (the keys of each row shown, in order), `rows` (dicts of canonical values:
    dates, format / status / target-group keys, booleans, counts), `value` (the figure as
    the rows give it), `sum` (the numbers of the sum line, by name) and `frozen` (for a
    year purged with `socius purge`, the figure as frozen, which stats shows; else None).
    """

    year: int
    indicator: str
    section: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    value: Any
    sum: dict[str, Any] = field(default_factory=dict)
    frozen: Any = None
    purged: bool = False


def _pct(part: float, whole: float) -> float | None:
    return None if not whole else 100.0 * part / whole


def section_of(indicator: str) -> str:
    return "demand_driven" if indicator in DEMAND else "open_offering"


def check_indicator(indicator: str) -> str:
    key = indicator.strip().lower()
    if key not in INDICATORS:
        raise UsageError(_("unknown indicator '{indicator}'; choose one of: {keys}").format(
            indicator=indicator, keys=", ".join(INDICATORS)))
    return key


def explain(conn: sa.Connection, year: int, indicator: str) -> Explanation:
    """The rows behind `indicator` of `year`; SociusError when the store has no data for it."""
    indicator = check_indicator(indicator)
    if year not in years_with_data(conn, {year}):
        have = ", ".join(map(str, sorted(years_with_data(conn)))) or _("none yet (run socius import)")
        raise SociusError(_("no data for {year} in the store; years with data: {years}").format(year=year, years=have))
    if indicator in DEMAND:
        ex = _demand(conn, year, indicator)
    elif indicator in REACH:
        ex = _reach(conn, year, indicator)
    else:
        ex = _offer_and_people(conn, year, indicator)
    frozen = cache.frozen(conn, year)
    if frozen is not None:
        ex.purged = True
        item = frozen.get(ex.section, {}).get(indicator)
        ex.frozen = item
    return ex


def annex(conn: sa.Connection, year: int) -> dict[str, Explanation]:
    """The report's annex: per section the rows behind its figures (activities with every
    count, the recognised organisations, the activities by format, the requests)."""
    offer = _offer_and_people(conn, year, "annex_activities")
    return {
        "open_offering": offer,
        "reach": _reach(conn, year, "recognised_orgs_reached"),
        "digital_shift": _offer_and_people(conn, year, "formats"),
        "demand_driven": _demand(conn, year, "requests_received"),
    }


# --------------------------------------------------------------------------- activities

def _activity_rows(conn: sa.Connection, year: int) -> list[dict[str, Any]]:
    a = activities
    rows = conn.execute(sa.select(a.c.code, a.c.date, a.c.title, a.c.format, a.c.half_days, a.c.theme)
                        .where(a.c.year == year).order_by(a.c.date, a.c.code)).mappings()
    return [{**r, "half_days": whole(r["half_days"])} for r in rows]


def _people_counts(conn: sa.Connection, year: int, rows: list[dict[str, Any]], persons: bool) -> dict[str, Any]:
    """Fill in per activity its registration, target-group and evaluation counts; with
    `persons`, return how many activities each person came to, as counts of persons."""
    a, r, e = activities, registrations, evaluations
    reg = register(conn, year)
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        row.update(registrations=0, absent=0, participations=0, primary=0, secondary=0, unknown=0,
                   evaluations=0, satisfaction_pct=None, recommend_answers=0, promoters=0, passives=0,
                   detractors=0, nps=None, _points=0.0)
    groups = conn.execute(
        sa.select(r.c.activity, r.c.attended, r.c.target_group, r.c.org_key, sa.func.count())
        .select_from(r.join(a, a.c.code == r.c.activity)).where(a.c.year == year)
        .group_by(r.c.activity, r.c.attended, r.c.target_group, r.c.org_key))
    for code, attended, cell, org_key, n in groups:
        row = by_code[code]
        row["registrations"] += n
        if not attended:
            row["absent"] += n
            continue
        row["participations"] += n
        row[target_group(cell, org_key, reg) or "unknown"] += n
    answers = conn.execute(
        sa.select(e.c.activity, sa.func.count(), sa.func.sum(100.0 * e.c.score / e.c.scale),
                  sa.func.count(e.c.recommend),
                  sa.func.sum(sa.case((e.c.recommend >= 9, 1), else_=0)),
                  sa.func.sum(sa.case((e.c.recommend <= 6, 1), else_=0)))
        .select_from(e.join(a, a.c.code == e.c.activity)).where(a.c.year == year).group_by(e.c.activity))
    for code, n, points, rec_n, promoters, detractors in answers:
        row = by_code[code]
        points = float(points or 0)
        row.update(evaluations=n, _points=points, satisfaction_pct=points / n if n else None,
                   recommend_answers=rec_n, promoters=int(promoters or 0), detractors=int(detractors or 0))
        row["passives"] = rec_n - row["promoters"] - row["detractors"]
        row["nps"] = _pct(row["promoters"] - row["detractors"], rec_n)
    if not persons:
        return {}
    # how many of the year's activities each person took part in, as a count of persons per
    # number of activities: never the persons themselves
    per_person = conn.execute(
        sa.select(sa.func.count()).select_from(r.join(a, a.c.code == r.c.activity))
        .where(a.c.year == year, r.c.attended == sa.true()).group_by(r.c.participant)).scalars()
    return {"by_activities": dict(sorted(Counter(per_person).items()))}


def _offer_and_people(conn: sa.Connection, year: int, indicator: str) -> Explanation:
    rows = _activity_rows(conn, year)
    extra = (_people_counts(conn, year, rows, indicator == "persons_reached")
             if indicator not in ("activities", "half_days", "formats") else {})
    ex = Explanation(year, indicator, "open_offering", COLUMNS[indicator], rows, None)
    total = lambda k: sum(row[k] for row in rows)  # noqa: E731
    if indicator == "activities":
        ex.value = len(rows)
        ex.sum = {"activities": len(rows)}
    elif indicator == "annex_activities":
        ex.value = len(rows)
        ex.sum = {"activities": len(rows), "half_days": whole(sum(row["half_days"] for row in rows)),
                  "participations": total("participations")}
    elif indicator == "half_days":
        ex.value = whole(sum(row["half_days"] for row in rows))
        ex.sum = {"activities": len(rows), "half_days": ex.value}
    elif indicator == "formats":
        counts = Counter(row["format"] for row in rows)
        ex.value = {f: counts.get(f, 0) for f in FORMAT_KEYS}
        ex.sum = {**ex.value, "activities": len(rows)}
    elif indicator == "themes":
        rows.sort(key=lambda row: (row["theme"] is None, " ".join((row["theme"] or "").split()).casefold(),
                                   row["date"], row["code"]))
        themes = group_text([(row["theme"], 1, row["half_days"], row["participations"]) for row in rows],
                             "theme", ("activities", "half_days", "participations"))
        ex.value = themes
        ex.sum = {"themes": themes, "activities": len(rows), "half_days": whole(total("half_days")),
                  "participations": total("participations")}
    elif indicator == "participations":
        ex.value = total("participations")
        ex.sum = {"registrations": total("registrations"), "absent": total("absent"),
                  "participations": ex.value}
    elif indicator == "persons_reached":
        hist = extra["by_activities"]
        ex.value = sum(hist.values())
        ex.sum = {"participations": total("participations"), "persons": ex.value, "by_activities": hist}
    elif indicator in ("primary_share_pct", "secondary_share_pct", "unknown_target_group"):
        primary, secondary, unknown = total("primary"), total("secondary"), total("unknown")
        ex.value = {"primary_share_pct": _pct(primary, primary + secondary),
                    "secondary_share_pct": _pct(secondary, primary + secondary),
                    "unknown_target_group": unknown}[indicator]
        ex.sum = {"primary": primary, "secondary": secondary, "known": primary + secondary, "unknown": unknown,
                  "participations": total("participations"), indicator: ex.value}
    elif indicator == "satisfaction_pct":
        answers, points = total("evaluations"), sum(row["_points"] for row in rows)
        ex.value = None if not answers else points / answers
        ex.sum = {"answers": answers, "points": points, "satisfaction_pct": ex.value,
                  "activities_with_answers": sum(1 for row in rows if row["evaluations"])}
    elif indicator in ("nps", "recommend_answers"):
        answers, promoters, detractors = total("recommend_answers"), total("promoters"), total("detractors")
        ex.value = answers if indicator == "recommend_answers" else _pct(promoters - detractors, answers)
        ex.sum = {"answers": answers, "promoters": promoters, "passives": total("passives"),
                  "detractors": detractors, "nps": _pct(promoters - detractors, answers)}
    for row in rows:
        row.pop("_points", None)
    return ex


# --------------------------------------------------------------------------- the register

def _reach(conn: sa.Connection, year: int, indicator: str) -> Explanation:
    a, r, o = activities, registrations, organisations
    reg = register(conn, year)
    recognised = {k for k, v in reg.items() if v}
    # the register row that holds the year (or the blank one) gives the name shown
    shown: dict[str, dict[str, Any]] = {}
    for key, period, first, name, sector in conn.execute(
            sa.select(o.c.key, o.c.period, o.c.period_from, o.c.name, o.c.sector).where(sa.or_(
                o.c.period_from.is_(None), sa.and_(o.c.period_from <= year, o.c.period_until >= year)))):
        if key in recognised and (key not in shown or first is not None):
            shown[key] = {"organisation": name, "sector": sector, "period": period}
    named: dict[str, int] = dict(conn.execute(
        sa.select(r.c.org_key, sa.func.count()).select_from(r.join(a, a.c.code == r.c.activity))
        .where(a.c.year == year, r.c.attended == sa.true(), r.c.org_key.is_not(None))
        .group_by(r.c.org_key)).all())
    rows = [{**shown[k], "reached": bool(named.get(k)), "participations": int(named.get(k, 0))}
            for k in recognised]
    rows.sort(key=lambda row: (not row["reached"], -row["participations"], row["organisation"].casefold()))
    reached = sum(1 for row in rows if row["reached"])
    value = {"recognised_orgs_total": len(rows), "recognised_orgs_reached": reached,
             "recognised_reach_pct": _pct(reached, len(rows))}[indicator]
    periods = sorted({row["period"] for row in rows})
    return Explanation(year, indicator, "open_offering", COLUMNS[indicator], rows, value, {
        "total": len(rows), "reached": reached, "not_reached": len(rows) - reached,
        "recognised_reach_pct": _pct(reached, len(rows)), "periods": periods,
        "participations": sum(row["participations"] for row in rows)})


# --------------------------------------------------------------------------- requests

def _demand(conn: sa.Connection, year: int, indicator: str) -> Explanation:
    q = requests
    reg = register(conn, year)
    rows: list[dict[str, Any]] = []
    for rec in conn.execute(sa.select(q.c.id, q.c.received, q.c.status, q.c.supported, q.c.target_group,
                                      q.c.org_key, q.c.organisation, q.c.topic, q.c.decline_reason,
                                      q.c.participants).where(q.c.year == year)
                            .order_by(q.c.received, q.c.id)).mappings():
        row = dict(rec)
        row["supported"] = bool(row["supported"]) and row["status"] == "accepted"
        row["target_group"] = target_group(row["target_group"], row.pop("org_key"), reg)
        rows.append(row)
    by_status = Counter(row["status"] for row in rows)
    supported = [row for row in rows if row["supported"]]
    groups = Counter(row["target_group"] for row in supported)
    status_sum = {"received": len(rows), "declined": by_status["declined"], "accepted": by_status["accepted"],
                  "pending": by_status["pending"]}
    support_sum = {"supported": len(supported), "primary": groups["primary"], "secondary": groups["secondary"],
                   "unknown": groups[None], "participants": sum(row["participants"] for row in supported),
                   "accepted": by_status["accepted"]}
    ex = Explanation(year, indicator, "demand_driven", COLUMNS[indicator], rows, None)
    if indicator == "requests_received":
        ex.value, ex.sum = len(rows), status_sum
    elif indicator in ("requests_declined", "requests_accepted", "requests_pending"):
        status = indicator.removeprefix("requests_")
        ex.rows = [row for row in rows if row["status"] == status]
        ex.value, ex.sum = len(ex.rows), {**status_sum, "status": status}
    elif indicator == "topics":
        ex.rows = sorted(rows, key=lambda row: (row["topic"] is None,
                                                " ".join((row["topic"] or "").split()).casefold(),
                                                row["received"], row["id"]))
        topics = group_text([(row["topic"], 1) for row in rows], "topic", ("requests",))
        ex.value, ex.sum = topics, {"topics": topics, "received": len(rows)}
    else:
        ex.rows = supported
        if indicator == "supported_primary":
            ex.rows = [row for row in supported if row["target_group"] == "primary"]
        elif indicator == "supported_secondary":
            ex.rows = [row for row in supported if row["target_group"] == "secondary"]
        ex.value = {"requests_supported": len(supported), "supported_primary": groups["primary"],
                    "supported_secondary": groups["secondary"],
                    "support_participants": support_sum["participants"]}[indicator]
        ex.sum = support_sum
    return ex
