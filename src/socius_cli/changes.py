"""What an import changes, beyond its summary: the warnings and the refusal of section 2 and 3.

Inside the import's write transaction (`importing.run_import`), around `Store.apply`:

- `moves`: an update by key that gives a stored activity or request a date in another year
  (an activity code re-used with a 2021 date moves the activity and its registrations);
  the warning says what the figures of both years gain and lose (`year_changes`).
- `implausible`: a new or changed date far from the others: more than five years before
  the earliest year of the rest of the store and the import, or after next year (a 2002
  typed for 2022). Warnings never block an import.
- `published_changes`: the figures of a published year (`socius publish`) that the import
  would change, each with its published and its new value. The import is refused with
  them (`PublishedChangesRefused`) unless given `--allow-published-changes`; then they are
  stored and recorded in the history.

Everything here is data; `output.py` words it for the terminal in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from .errors import SociusError
from .figures.compare import Difference, Figures, differences, flatten
from .i18n import ngettext
from .store.schema import activities, registrations, requests
from .store.store import chunks

EARLY_YEARS = 5  # a date more than this many years before the earliest other year is implausible
Where = tuple[str, "str | None", int]


@dataclass(frozen=True)
class Move:
    """A stored activity (`table` activities, `key` its code, `title`) or request (requests,
    its number, its topic) whose date now falls in another year."""

    table: str
    key: str
    title: str | None
    old_date: dt.date
    new_date: dt.date
    registrations: int = 0  # the activity's attended registrations, which move with it

    @property
    def old_year(self) -> int:
        return self.old_date.year

    @property
    def new_year(self) -> int:
        return self.new_date.year


@dataclass(frozen=True)
class Implausible:
    """Dates of one table in one year that look like typos: `reason` early (more than five
    years before `bound`, the earliest other year) or late (after `bound`, next year)."""

    table: str
    year: int
    reason: str
    bound: int
    rows: list[tuple[dt.date, Where]] = field(default_factory=list)


@dataclass(frozen=True)
class PublishedChange:
    """A figure of a published year that the import changes: `figure.old` is the published
    value, `figure.new` the value after the import."""

    year: int
    published_at: str
    figure: Difference

    def as_json(self) -> dict[str, Any]:
        return {"year": self.year, "published_at": self.published_at, "section": self.figure.section,
                "indicator": self.figure.indicator, "item": self.figure.item,
                "published": self.figure.old, "new": self.figure.new}


class PublishedChangesRefused(SociusError):
    """An import that would change published figures, without --allow-published-changes:
    nothing of it was stored."""

    def __init__(self, changes: list[PublishedChange], dry_run: bool = False) -> None:
        self.changes = changes
        self.dry_run = dry_run
        years = sorted({c.year for c in changes})
        from .i18n import _

        super().__init__(_(
            "this import would change {n} published {figures} of {years}; nothing was imported. "
            "Check the changes above; to store them anyway, import again with "
            "--allow-published-changes (the change is then recorded in `socius history`)").format(
            n=len(changes), figures=ngettext("figure", "figures", len(changes)),
            years=", ".join(map(str, years))))


def stored_dates(conn: sa.Connection, records: dict[str, list[dict[str, Any]]]
                 ) -> dict[tuple[str, str], dt.date]:
    """(table, key) -> stored date, for the imported activities and requests the store has."""
    found: dict[tuple[str, str], dt.date] = {}
    for name, table, key, date in (("activities", activities, "code", "date"),
                                   ("requests", requests, "id", "received")):
        keys = sorted({r[key] for r in records.get(name, [])})
        for chunk in chunks(keys, 500):
            for k, d in conn.execute(sa.select(table.c[key], table.c[date]).where(table.c[key].in_(chunk))):
                found[(name, k)] = d
    return found


def moves(stored: dict[tuple[str, str], dt.date], records: dict[str, list[dict[str, Any]]]) -> list[Move]:
    """The imported activities and requests whose stored date is in another year."""
    out: list[Move] = []
    for name, key, date, title in (("activities", "code", "date", "title"),
                                   ("requests", "id", "received", "topic")):
        for r in records.get(name, []):
            before = stored.get((name, r[key]))
            if before is not None and before.year != r[date].year:
                out.append(Move(name, r[key], r[title], before, r[date]))
    return out


def with_registrations(conn: sa.Connection, found: list[Move]) -> list[Move]:
    """The moves of activities with their attended registrations as stored now."""
    codes = sorted({m.key for m in found if m.table == "activities"})
    n: dict[str, int] = {}
    r = registrations
    for chunk in chunks(codes, 500):
        n.update(conn.execute(sa.select(r.c.activity, sa.func.count()).where(
            r.c.activity.in_(chunk), r.c.attended == sa.true()).group_by(r.c.activity)).all())
    return [Move(m.table, m.key, m.title, m.old_date, m.new_date, n.get(m.key, 0)) for m in found]


def year_rows(conn: sa.Connection) -> Counter[int]:
    """Activities and requests per year, as stored."""
    rows: Counter[int] = Counter()
    for table in (activities, requests):
        for year, n in conn.execute(sa.select(table.c.year, sa.func.count()).group_by(table.c.year)):
            rows[year] += n
    return rows


def implausible(records: dict[str, list[dict[str, Any]]], stored: dict[tuple[str, str], dt.date],
                stored_rows: Counter[int], this_year: int) -> list[Implausible]:
    """New or changed dates that look like typos.

    Early: more than EARLY_YEARS before the earliest year of the rest of the data. The rest
    is found from the years of the store and the import together (up to next year): split
    where two years with data lie more than EARLY_YEARS apart; the group with the most
    activities and requests (of equal ones, the later) is the body, and the years of groups
    before it are early (so two typos in one import do not vouch for each other). Late:
    after `this_year` + 1.
    """
    dated: list[tuple[str, dt.date, Where]] = []
    weight = Counter(stored_rows)
    for name, key, field_name in (("activities", "code", "date"), ("requests", "id", "received")):
        for r in records.get(name, []):
            weight[r[field_name].year] += 1
            if stored.get((name, r[key])) != r[field_name]:
                dated.append((name, r[field_name], r["_where"]))
    if not dated:
        return []
    groups: list[list[int]] = []
    for year in sorted(y for y in weight if y <= this_year + 1):  # later years are implausible anyway
        if groups and year - groups[-1][-1] <= EARLY_YEARS:
            groups[-1].append(year)
        else:
            groups.append([year])
    body = max(groups, key=lambda g: (sum(weight[y] for y in g), g[-1]), default=[this_year])
    earliest = body[0]
    found: dict[tuple[str, int], Implausible] = {}
    for name, day, where in sorted(dated, key=lambda t: (t[2][0], str(t[2][1]), t[2][2])):
        year = day.year
        if year < earliest - EARLY_YEARS:
            reason, bound = "early", earliest
        elif year > this_year + 1:
            reason, bound = "late", this_year + 1
        else:
            continue
        found.setdefault((name, year), Implausible(name, year, reason, bound)).rows.append((day, where))
    return list(found.values())


def year_changes(before: dict[int, Figures], after: dict[int, Figures], years: set[int]
                 ) -> dict[int, list[Difference]]:
    """Per year, the figures that differ between before and after the import."""
    return {y: differences(before[y], after[y]) for y in sorted(years) if y in before and y in after}


def published_changes(published: dict[int, Any], before: dict[int, Figures], after: dict[int, Figures]
                      ) -> list[PublishedChange]:
    """The figures of published years that the import changes: published value -> new value."""
    out: list[PublishedChange] = []
    for year in sorted(published):
        if year not in before or year not in after:
            continue
        record = published[year]
        was = dict(flatten(record.figures))
        for d in differences(before[year], after[year]):
            path = (d.section, d.indicator, d.item)
            old = was.get(path, 0 if d.item is not None else None)
            out.append(PublishedChange(year, record.at, Difference(d.section, d.indicator, d.item, old, d.new)))
    return out
