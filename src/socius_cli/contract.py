"""The data contract as data: tables, fields, header aliases and value kinds.

Reader, checker, store and the README's input reference all work from these definitions,
so an alias added here is accepted everywhere at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .i18n import N_


class Kind(StrEnum):
    """How a cell's value is read (see `values.py`)."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    COUNT = "count"  # whole number >= 0
    YESNO = "yes/no"
    FORMAT = "format"
    TARGET_GROUP = "target group"
    STATUS = "status"
    PERIOD = "period"  # a year or a span of years: (first, last)
    INDICATOR = "indicator"  # a numeric indicator: its key or its label as socius shows it (v2)
    TARGET = "target"  # a target's number: 55, 55%, 55,0, +20 (v2)
    DIRECTION = "direction"  # at least / at most (v2)


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    aliases: tuple[str, ...]
    kind: Kind
    expected: str  # what a user is told when a value does not fit (an English msgid, see i18n.py)
    # Extra words of a closed list from socius.toml ([values.LIST], see names.py): (normalised
    # word, the value it means), tried before the contract's own words.
    words: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    sheet_names: tuple[str, ...]
    fields: tuple[Field, ...]
    key: tuple[str, ...] = field(default_factory=tuple)

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def normalise_name(text: object) -> str:
    """Normalise a header, sheet or organisation name for matching.

    Trim, lower-case, strip accents, turn `_`, `-` and runs of white space into one space,
    drop a trailing parenthesised part: `Score (1-10)` is `score`, `E_mail` is `e mail`.
    """
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u00a0", " ").strip().lower()
    s = re.sub(r"\s*\([^()]*\)\s*$", "", s)
    s = re.sub(r"[\s_\-]+", " ", s)
    return s.strip()


def org_key(organisation: str | None) -> str | None:
    """How an organisation is matched against the register: its name, normalised."""
    return normalise_name(organisation) if organisation else None


Period = tuple[int, int]  # (first year, last year), both included


def period_text(period: Period | None) -> str:
    """How a period is stored and shown: '' (blank: every year), '2020', or '2016-2020'."""
    if period is None:
        return ""
    first, last = period
    return str(first) if first == last else f"{first}-{last}"


def period_years(text: str) -> range:
    """The years of a period as `period_text` writes it ('2020', '2016-2020')."""
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def periods_overlap(a: Period | None, b: Period | None) -> bool:
    """Two register rows of one name may not overlap: two blank periods, or two that share a year.
    A blank period and a year or span do not overlap (the blank row is the fallback)."""
    if a is None or b is None:
        return a is None and b is None
    return a[0] <= b[1] and b[0] <= a[1]


def attended(value: bool | None) -> bool:
    """A registration's attended cell: blank means yes."""
    return True if value is None else value


ACTIVITY_ALIASES = ("activiteit", "activiteitscode", "activity", "activity code")
ORG_ALIASES = ("organisatie", "organisation", "organization")
TARGET_ALIASES = ("doelgroep", "target group")

ACTIVITIES = Table(
    name="activities",
    sheet_names=("activities", "activiteiten", "aanbod", "open aanbod"),
    key=("code",),
    fields=(
        Field("code", True, ("code", "activiteit", "activiteitscode", "activity code", "id"),
              Kind.TEXT, N_("an activity code")),
        Field("title", True, ("titel", "title", "naam", "name"), Kind.TEXT, N_("a title")),
        Field("date", True, ("datum", "startdatum", "date", "start date"), Kind.DATE,
              N_("a date (15/05/2020 or 2020-05-15)")),
        Field("format", True, ("vorm", "werkvorm", "format"), Kind.FORMAT,
              N_("fysiek, online or blended")),
        Field("half_days", True, ("dagdelen", "aantal dagdelen", "half days"), Kind.NUMBER,
              N_("a number of half-day sessions greater than 0")),
        Field("theme", False, ("thema", "theme"), Kind.TEXT, N_("text")),
        Field("kind", False, ("soort", "type", "kind"), Kind.TEXT, N_("text")),
        Field("planned", False, ("gepland", "planned"), Kind.YESNO, N_("ja or nee")),
    ),
)

REGISTRATIONS = Table(
    name="registrations",
    sheet_names=("registrations", "inschrijvingen", "deelnemers", "deelnames"),
    key=("activity", "participant"),
    fields=(
        Field("activity", True, ACTIVITY_ALIASES, Kind.TEXT,
              N_("an activity code that is in the store or in this import")),
        Field("participant", True, ("e-mail", "email", "e-mailadres", "deelnemer", "participant"), Kind.TEXT,
              N_("the participant's e-mail address or name")),
        Field("organisation", False, ORG_ALIASES, Kind.TEXT, N_("text")),
        Field("target_group", False, TARGET_ALIASES, Kind.TARGET_GROUP,
              N_("primair or secundair")),
        Field("attended", False, ("aanwezig", "attended"), Kind.YESNO, N_("ja or nee")),
    ),
)

EVALUATIONS = Table(
    name="evaluations",
    sheet_names=("evaluations", "evaluaties", "tevredenheid"),
    fields=(
        Field("activity", True, ACTIVITY_ALIASES, Kind.TEXT,
              N_("an activity code that is in the store or in this import")),
        Field("score", True, ("score", "tevredenheid", "cijfer", "satisfaction"), Kind.NUMBER,
              N_("a number from 0 to the scale")),
        Field("scale", False, ("schaal", "scale", "max"), Kind.NUMBER,
              N_("a number greater than 0 (blank means 10)")),
        Field("recommend", False, ("aanbeveling", "aanraden", "nps", "recommend", "would recommend"),
              Kind.COUNT, N_("a whole number from 0 to 10 (would you recommend this activity?)")),
    ),
)

ORGANISATIONS = Table(
    name="organisations",
    sheet_names=("organisations", "organizations", "organisaties", "erkende organisaties"),
    key=("name", "period"),
    fields=(
        Field("name", True, ("naam", "organisatie", "name", "organisation"), Kind.TEXT,
              N_("an organisation name")),
        Field("recognised", True, ("erkend", "recognised", "recognized"), Kind.YESNO,
              N_("ja or nee")),
        Field("sector", False, ("sector",), Kind.TEXT, N_("text")),
        Field("period", False, ("periode", "beleidsperiode", "period", "erkend in"), Kind.PERIOD,
              N_("a year (2020) or a span of years (2016-2020); blank means every year")),
    ),
)

REQUESTS = Table(
    name="requests",
    sheet_names=("requests", "vragen", "vraaggestuurde werking"),
    key=("id",),
    fields=(
        Field("id", True, ("nummer", "nr", "id", "vraag"), Kind.TEXT, N_("a request number")),
        Field("received", True, ("ontvangen", "datum ontvangen", "datum", "received", "date"),
              Kind.DATE, N_("a date (15/05/2020 or 2020-05-15)")),
        Field("status", True, ("status", "beslissing", "decision"), Kind.STATUS,
              N_("aanvaard, afgewezen or in behandeling")),
        Field("organisation", False, ORG_ALIASES, Kind.TEXT, N_("text")),
        Field("target_group", False, TARGET_ALIASES, Kind.TARGET_GROUP,
              N_("primair or secundair")),
        Field("topic", False, ("onderwerp", "thema", "topic"), Kind.TEXT, N_("text")),
        Field("decline_reason", False, ("reden", "reden afwijzing", "reason"), Kind.TEXT, N_("text")),
        Field("supported", False, ("ondersteuning", "gerealiseerd", "supported"), Kind.YESNO,
              N_("ja or nee")),
        Field("participants", False, ("deelnemers", "aantal deelnemers", "participants"),
              Kind.COUNT, N_("a whole number of 0 or more")),
    ),
)

# The policy plan's targets (v2): one row per indicator and period (a year or a span of years).
TARGETS = Table(
    name="targets",
    sheet_names=("targets", "doelen", "streefcijfers", "doelstellingen"),
    key=("indicator", "period"),
    fields=(
        Field("indicator", True, ("indicator", "kerncijfer", "cijfer"), Kind.INDICATOR,
              N_("an indicator: its label as socius shows it (Personen bereikt) or its key (persons_reached)")),
        Field("period", True, ("periode", "jaar", "period", "year"), Kind.PERIOD,
              N_("a year (2020) or a span of years (2016-2020)")),
        Field("target", True, ("streefcijfer", "doel", "target"), Kind.TARGET,
              N_("a number (for a percentage: 55 or 55%)")),
        Field("direction", False, ("richting", "direction"), Kind.DIRECTION,
              N_("minstens or hoogstens (blank means minstens)")),
        Field("goal", False, ("doelstelling", "goal"), Kind.TEXT, N_("text")),
    ),
)

TABLES: tuple[Table, ...] = (ACTIVITIES, REGISTRATIONS, EVALUATIONS, ORGANISATIONS, REQUESTS, TARGETS)
TABLES_BY_NAME = {t.name: t for t in TABLES}

# Value vocabularies, compared after `normalise_name` (so `On-site` is `on site`).
YES = {"ja", "yes", "true", "waar", "1", "x", "1.0"}
NO = {"nee", "no", "false", "onwaar", "0", "0.0"}
FORMAT_WORDS = {  # the words of a format cell -> the format's key
    **dict.fromkeys(("fysiek", "ter plaatse", "offline", "on site", "onsite", "live"), "onsite"),
    **dict.fromkeys(("online", "digitaal", "virtueel"), "online"),
    **dict.fromkeys(("blended", "hybride", "hybrid", "gemengd"), "blended"),
}
TARGET_GROUPS = {
    **dict.fromkeys(("primair", "primaire", "primaire doelgroep", "primary"), "primary"),
    **dict.fromkeys(("secundair", "secundaire", "secundaire doelgroep", "secondary"), "secondary"),
}
STATUSES = {
    **dict.fromkeys(("aanvaard", "positief", "ja", "accepted", "yes"), "accepted"),
    **dict.fromkeys(("afgewezen", "geweigerd", "nee", "declined", "no"), "declined"),
    **dict.fromkeys(("", "in behandeling", "pending"), "pending"),
}
FORMAT_KEYS = ("onsite", "online", "blended")
DIRECTIONS = {  # the words of a target's direction -> figures.targets.AT_LEAST / AT_MOST
    **dict.fromkeys(("minstens", "minimum", "minimaal", "ten minste", "tenminste", "min", "at least",
                     ">=", "\u2265"), "at_least"),
    **dict.fromkeys(("hoogstens", "maximum", "maximaal", "ten hoogste", "hooguit", "max", "at most",
                     "<=", "\u2264"), "at_most"),
}


def table_for_sheet(name: str, tables: tuple[Table, ...] = TABLES) -> Table | None:
    """The table a sheet (or CSV file stem) names, if any."""
    n = normalise_name(name)
    for t in tables:
        if n in {normalise_name(s) for s in t.sheet_names}:
            return t
    return None


def field_for_header(table: Table, header: str) -> Field | None:
    n = normalise_name(header)
    for f in table.fields:
        if n in {normalise_name(a) for a in f.aliases}:
            return f
    return None


def table_for_headers(headers: list[str], tables: tuple[Table, ...] = TABLES) -> Table | None:
    """The one table whose required columns are all present, else None."""
    matches = [
        t for t in tables
        if all(any(field_for_header(t, h) is f for h in headers) for f in t.required)
    ]
    return matches[0] if len(matches) == 1 else None
