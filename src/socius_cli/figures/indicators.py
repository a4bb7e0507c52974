"""The indicators of a year, exactly as the contract's section 4 defines them.

The database does the counting (GROUP BY over the year's rows); this module only combines
the counts. The target group of a registration or request is derived here, at query time,
from the register of its year as it is now (`register`), so importing the register later
still corrects every year of its period, and a register for a new period changes no year
before it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa

from ..contract import FORMAT_KEYS
from ..ingest.records import PERSON
from ..store.cache import Figures
from ..store.schema import activities, evaluations, organisations, registrations, requests
from ..store.store import chunks

if TYPE_CHECKING:
    import sqlite3

    import pyarrow as pa

# (target group cell, organisation key, theme, attended registrations): one group of
# `_participations`, from a GROUP BY row or from Arrow.
Group = Sequence[Any]


def pct(part: float, whole: float) -> float | None:
    return None if not whole else 100.0 * part / whole


def whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def target_group(cell: str | None, org_key: str | None, register: dict[str, bool]) -> str | None:
    """The contract's rule: the cell if given; else the register (recognised -> primary, not
    recognised -> secondary); else a named organisation -> secondary; else unknown (None)."""
    if cell is not None:
        return cell
    if org_key is None:
        return None
    return "primary" if register.get(org_key) else "secondary"


def register(conn: sa.Connection, year: int) -> dict[str, bool]:
    """The register of `year`: normalised organisation name -> recognised.

    Per name its row whose period holds `year`, else its row with a blank period (every
    year); a name with neither is not in the register of that year."""
    o = organisations
    blank: dict[str, bool] = {}
    specific: dict[str, bool] = {}
    for key, recognised, first in conn.execute(
            sa.select(o.c.key, o.c.recognised, o.c.period_from).where(sa.or_(
                o.c.period_from.is_(None), sa.and_(o.c.period_from <= year, o.c.period_until >= year)))):
        (blank if first is None else specific)[key] = bool(recognised)
    return {**blank, **specific}


def nps_of(promoters: int, detractors: int, answers: int) -> float | None:
    """100 x (answers 9 or 10 - answers 0 to 6) / answers; None without answers."""
    return None if not answers else 100.0 * (promoters - detractors) / answers


def group_text(rows: Iterable[Sequence[Any]], label: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Merge groups whose text differs only in case or spacing; show the most used spelling.

    Sorted by the first count, largest first, then by name; blanks (None) last.
    """
    merged: dict[str | None, dict[str, Any]] = {}
    spellings: dict[str | None, dict[str, int]] = defaultdict(dict)
    for text, *values in rows:
        key = " ".join(text.split()).casefold() if text else None
        entry = merged.setdefault(key, {label: None, **{f: 0 for f in fields}})
        for f, v in zip(fields, values, strict=True):
            entry[f] += v or 0
        if text:
            spelled = " ".join(text.split())
            spellings[key][spelled] = spellings[key].get(spelled, 0) + (values[0] or 0)
    for key, entry in merged.items():
        if key is not None:
            # the most used spelling; of equally used ones, the first in alphabetical order
            entry[label] = min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for f in fields:
            entry[f] = whole(entry[f])
    return sorted(merged.values(),
                  key=lambda e: (-e[fields[0]], e[label] is None, (e[label] or "").casefold()))


def compute_live(conn: sa.Connection, year: int, imported: pa.Table | None = None) -> Figures:
    """The indicators from the rows as stored now (what `lookup.year_figures` gives for a year
    that was not purged).

    `imported`: the registrations the current import has just stored (the Arrow table of
    `ingest.records`), which are then all the stored registrations of their activities; those
    are counted from the table instead of read back (`_participations`).
    """
    return {"year": year,
            "open_offering": _open_offering(conn, year, imported),
            "demand_driven": _demand_driven(conn, year)}


def _open_offering(conn: sa.Connection, year: int, imported: pa.Table | None = None) -> dict[str, Any]:
    a, e = activities, evaluations
    in_year = a.c.year == year
    n_act, half_days = conn.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(a.c.half_days), 0)).where(in_year)).one()

    formats = dict.fromkeys(FORMAT_KEYS, 0)
    for fmt, n in conn.execute(sa.select(a.c.format, sa.func.count()).where(in_year).group_by(a.c.format)):
        formats[fmt] = n

    by_tg, persons, reached_keys, part_by_theme = _participations(conn, year, imported)
    n_part = sum(by_tg.values())
    primary, secondary, unknown = by_tg.get("primary", 0), by_tg.get("secondary", 0), by_tg.get(None, 0)

    mean = conn.execute(
        sa.select(sa.func.avg(100.0 * e.c.score / e.c.scale))
        .select_from(e.join(a, a.c.code == e.c.activity)).where(in_year)).scalar_one()
    answers, promoters, detractors = conn.execute(
        sa.select(sa.func.count(e.c.recommend),
                  sa.func.coalesce(sa.func.sum(sa.case((e.c.recommend >= 9, 1), else_=0)), 0),
                  sa.func.coalesce(sa.func.sum(sa.case((e.c.recommend <= 6, 1), else_=0)), 0))
        .select_from(e.join(a, a.c.code == e.c.activity)).where(in_year)).one()

    orgs_total = sum(register(conn, year).values())
    reached = len(reached_keys)

    theme_rows = conn.execute(
        sa.select(a.c.theme, sa.func.count(), sa.func.sum(a.c.half_days)).where(in_year).group_by(a.c.theme)).all()
    themes = group_text(
        [(t, n, h, part_by_theme.get(t, 0)) for t, n, h in theme_rows],
        "theme", ("activities", "half_days", "participations"))

    known = primary + secondary
    return {
        "activities": n_act,
        "half_days": whole(half_days),
        "participations": n_part,
        "persons_reached": persons,
        "primary_share_pct": pct(primary, known),
        "secondary_share_pct": pct(secondary, known),
        "unknown_target_group": unknown,
        "satisfaction_pct": float(mean) if mean is not None else None,
        "nps": nps_of(int(promoters), int(detractors), int(answers)),
        "recommend_answers": int(answers),
        "recognised_orgs_total": orgs_total,
        "recognised_orgs_reached": reached,
        "recognised_reach_pct": pct(reached, orgs_total),
        "formats": formats,
        "themes": themes,
    }


def _participations(conn: sa.Connection, year: int, imported: pa.Table | None = None
                    ) -> tuple[dict[str | None, int], int, set[str], dict[str | None, int]]:
    """The year's attended registrations: (count per target group, distinct persons,
    recognised organisations reached, count per theme), in one grouped scan.

    The rows are grouped by (target group cell, organisation key, theme); the contract's
    target-group rule (`target_group`) is then applied per group.
    """
    a, r = activities, registrations
    where = sa.and_(a.c.year == year, r.c.attended == sa.true())
    joined = r.join(a, a.c.code == r.c.activity)
    groups: Sequence[Group]
    persons: int | None
    if imported is not None:
        groups, persons = _participations_imported(conn, year, imported, joined, where)
    else:
        groups = conn.execute(_grouped(joined, where)).all()
        persons = None
    register_y = register(conn, year)
    by_tg: dict[str | None, int] = {}
    by_theme: dict[str | None, int] = {}
    reached: set[str] = set()
    for cell, org_key, theme, n in groups:
        tg = target_group(cell, org_key, register_y)
        by_tg[tg] = by_tg.get(tg, 0) + n
        by_theme[theme] = by_theme.get(theme, 0) + n
        if org_key is not None and register_y.get(org_key):
            reached.add(org_key)
    return by_tg, _persons(conn, joined, where) if persons is None else persons, reached, by_theme


def _grouped(joined: sa.Join, where: sa.ColumnElement[bool]) -> sa.Select[Any, Any, Any, int]:
    """The registrations `where` selects, counted per `Group`: one GROUP BY for both callers."""
    a, r = activities, registrations
    return (sa.select(r.c.target_group, r.c.org_key, a.c.theme, sa.func.count())
            .select_from(joined).where(where).group_by(r.c.target_group, r.c.org_key, a.c.theme))


def _participations_imported(conn: sa.Connection, year: int, imported: pa.Table, joined: sa.Join,
                             where: sa.ColumnElement[bool]) -> tuple[list[Group], int]:
    """(groups, persons) as `_participations` finds them, with the activities of this import
    counted from `imported` (Arrow, in C) and only the year's other activities read back.

    Each imported row's activity is looked up once (`index_in`) among the year's activities
    the import holds; the rows are grouped by (target group, organisation key, theme number),
    and the distinct persons are counted by Arrow too: in the usual case (the import holds
    every activity of the year) nothing of the registrations is read back."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    a, r = activities, registrations
    theme_of: dict[str, str | None] = dict(_rows(conn, sa.select(a.c.code, a.c.theme).where(a.c.year == year)))
    imported_codes = set(pc.unique(imported["activity"]).to_pylist())
    groups: list[Group] = []
    others: list[str | None] = []
    for chunk in chunks(sorted(set(theme_of) - imported_codes), 500):
        in_chunk = sa.and_(where, r.c.activity.in_(chunk))
        groups += conn.execute(_grouped(joined, in_chunk)).all()
        others += conn.execute(sa.select(r.c.participant).select_from(joined).where(in_chunk)).scalars()
    codes = sorted(set(theme_of) & imported_codes)
    participants: list[pa.Array | pa.ChunkedArray] = [pa.array(others, pa.string())]
    if codes:
        themes = list(dict.fromkeys(theme_of[c] for c in codes))  # each distinct theme once
        number = {t: i for i, t in enumerate(themes)}
        at = pc.index_in(imported["activity"], value_set=pa.array(codes, pa.string()))
        rows = pc.and_(pc.is_valid(at), pc.fill_null(imported["attended"], False))
        at = pc.filter(at, rows)
        theme = pa.array([number[theme_of[c]] for c in codes], pa.int32()).take(at)
        counted = pa.table({"g": pc.filter(imported["target_group"], rows),
                            "k": pc.filter(imported["org_key"], rows), "t": theme}).group_by(
            ["g", "k", "t"]).aggregate([("t", "count", pc.CountOptions(mode="all"))])
        groups += zip(counted["g"].to_pylist(), counted["k"].to_pylist(),
                      [themes[t] for t in counted["t"].to_pylist()], counted["t_count"].to_pylist(), strict=True)
        if not others and PERSON in imported.column_names and not imported[PERSON].null_count:
            # the participants' numbers (`PERSON`): equal numbers for equal hashes
            numbers = pc.filter(imported[PERSON], rows).to_numpy()
            seen = np.zeros(int(numbers.max()) + 1 if len(numbers) else 0, dtype=bool)
            seen[numbers] = True
            return groups, int(seen.sum())
        participants.append(pc.filter(imported["participant"], rows))
    distinct = pc.unique(pa.chunked_array(
        [c for p in participants for c in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])], pa.string()))
    return groups, len(distinct) - distinct.null_count


def _rows(conn: sa.Connection, query: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a query of plain columns (no dates, no booleans); on SQLite through sqlite3's
    own cursor on the same connection (so in the same transaction), without SQLAlchemy's
    per-row result processing."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(query)]
    compiled = query.compile(dialect=conn.dialect)
    cur = cast("sqlite3.Connection", conn.connection.dbapi_connection).cursor()
    try:
        return cur.execute(str(compiled), [compiled.params[k] for k in compiled.positiontup or ()]).fetchall()
    finally:
        cur.close()


def _persons(conn: sa.Connection, joined: sa.Join, where: sa.ColumnElement[bool]) -> int:
    """count(DISTINCT participant): on SQLite a set in Python beats its temporary B-tree."""
    query = sa.select(registrations.c.participant).select_from(joined).where(where)
    if conn.dialect.name != "sqlite":
        return conn.execute(sa.select(sa.func.count(sa.distinct(query.subquery().c.participant)))).scalar_one()
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
    # sqlite3's own cursor on the same connection, so in the same transaction
    cur = cast("sqlite3.Connection", conn.connection.dbapi_connection).cursor()
    try:
        cur.execute(str(compiled))
        seen: set[str | None] = set()
        while part := cur.fetchmany(65_536):
            seen.update(p for (p,) in part)
        seen.discard(None)
        return len(seen)
    finally:
        cur.close()


def _demand_driven(conn: sa.Connection, year: int) -> dict[str, Any]:
    q = requests
    in_year = q.c.year == year
    by_status: dict[str, int] = dict(conn.execute(
        sa.select(q.c.status, sa.func.count()).where(in_year).group_by(q.c.status)).all())
    # supported requests grouped by what decides their target group; the rule applied per group
    groups = conn.execute(
        sa.select(q.c.target_group, q.c.org_key, sa.func.count(), sa.func.coalesce(sa.func.sum(q.c.participants), 0))
        .where(in_year, q.c.status == "accepted", q.c.supported == sa.true())
        .group_by(q.c.target_group, q.c.org_key)).all()
    register_y = register(conn, year) if groups else {}
    by_tg: dict[str | None, int] = {}
    participants = 0
    for cell, org_key, n, people in groups:
        tg = target_group(cell, org_key, register_y)
        by_tg[tg] = by_tg.get(tg, 0) + n
        participants += int(people)
    topics = group_text(
        conn.execute(sa.select(q.c.topic, sa.func.count()).where(in_year).group_by(q.c.topic)).all(),
        "topic", ("requests",))
    return {
        "requests_received": sum(by_status.values()),
        "requests_declined": by_status.get("declined", 0),
        "requests_accepted": by_status.get("accepted", 0),
        "requests_pending": by_status.get("pending", 0),
        "requests_supported": sum(by_tg.values()),
        "supported_primary": by_tg.get("primary", 0),
        "supported_secondary": by_tg.get("secondary", 0),
        "support_participants": int(participants),
        "topics": topics,
    }


@dataclass(frozen=True)
class People:
    """What a span's total counts once over its years: the distinct persons of its
    participations, and the recognised organisations they reached (each year by its register)."""

    persons: int
    reached: frozenset[str]


def span_people(conn: sa.Connection, period: tuple[int, int], registers: dict[int, dict[str, bool]]) -> People:
    """People over a span of years (contract section 4, "Figures over a span of years"): a
    person who came in two years counts once; an organisation counts as reached when a
    participation of a year names it and the register of that year (`registers`, per year
    of the span) recognises it."""
    a, r = activities, registrations
    where = sa.and_(a.c.year.between(*period), r.c.attended == sa.true())
    joined = r.join(a, a.c.code == r.c.activity)
    named = conn.execute(sa.select(a.c.year, r.c.org_key).select_from(joined)
                         .where(where, r.c.org_key.is_not(None)).distinct()).all()
    reached = {key for year, key in named if registers.get(year, {}).get(key)}
    return People(_persons(conn, joined, where), frozenset(reached))
