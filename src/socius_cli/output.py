"""The indicators for the terminal (rich tables), and as JSON or CSV for other programs.

Tables round half up and format the Flemish way (1.440; 55%); JSON and CSV keep the
unrounded values under the contract's keys.
"""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console, Group
from rich.table import Table

from .formatting import amount, change, number, percent
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store (and SQLAlchemy) is not needed to print figures
    from .store import Counts

LABELS = {
    "nl": {
        "open_offering": "Open aanbod", "demand_driven": "Vraaggestuurde werking",
        "activities": "Activiteiten", "half_days": "Dagdelen", "participations": "Deelnames",
        "persons_reached": "Bereikte personen", "primary_share_pct": "Primaire doelgroep",
        "secondary_share_pct": "Secundaire doelgroep", "unknown_target_group": "Deelnames met onbekende doelgroep",
        "satisfaction_pct": "Gemiddelde tevredenheid", "recognised_orgs_total": "Erkende organisaties (register)",
        "recognised_orgs_reached": "Erkende organisaties bereikt", "recognised_reach_pct": "Bereik erkende organisaties",
        "formats": "Werkvormen", "onsite": "Fysiek", "online": "Online", "blended": "Blended",
        "themes": "Thema's", "theme": "Thema", "target_groups": "Doelgroepen", "target_group": "Doelgroep",
        "primary": "Primair", "secondary": "Secundair", "unknown": "Onbekend", "share": "Aandeel",
        "requests_received": "Vragen ontvangen", "requests_declined": "Afgewezen",
        "requests_accepted": "Aanvaard", "requests_pending": "In behandeling",
        "requests_supported": "Resulteerden in ondersteuning", "supported_primary": "Ondersteuning primaire doelgroep",
        "supported_secondary": "Ondersteuning secundaire doelgroep", "support_participants": "Deelnemers aan ondersteuning",
        "topics": "Onderwerpen van vragen", "topic": "Onderwerp", "requests": "Vragen",
        "indicator": "Indicator", "change": "Verschil", "no_theme": "(geen thema)", "no_topic": "(geen onderwerp)",
        "points": " %-punt", "table": "Tabel", "added": "Toegevoegd", "updated": "Bijgewerkt",
        "removed": "Verwijderd", "unchanged": "Ongewijzigd", "registrations": "Inschrijvingen",
        "evaluations": "Evaluaties", "organisations": "Organisaties",
    },
    "en": {
        "open_offering": "Open offering", "demand_driven": "Demand-driven work",
        "activities": "Activities", "half_days": "Half-day sessions", "participations": "Participations",
        "persons_reached": "Persons reached", "primary_share_pct": "Primary target group",
        "secondary_share_pct": "Secondary target group", "unknown_target_group": "Participations, target group unknown",
        "satisfaction_pct": "Average satisfaction", "recognised_orgs_total": "Recognised organisations (register)",
        "recognised_orgs_reached": "Recognised organisations reached", "recognised_reach_pct": "Reach of recognised organisations",
        "formats": "Formats", "onsite": "On site", "online": "Online", "blended": "Blended",
        "themes": "Themes", "theme": "Theme", "target_groups": "Target groups", "target_group": "Target group",
        "primary": "Primary", "secondary": "Secondary", "unknown": "Unknown", "share": "Share",
        "requests_received": "Requests received", "requests_declined": "Declined",
        "requests_accepted": "Accepted", "requests_pending": "Pending",
        "requests_supported": "Resulted in support", "supported_primary": "Support for the primary target group",
        "supported_secondary": "Support for the secondary target group", "support_participants": "Participants in support",
        "topics": "Topics of requests", "topic": "Topic", "requests": "Requests",
        "indicator": "Indicator", "change": "Change", "no_theme": "(no theme)", "no_topic": "(no topic)",
        "points": " pp", "table": "Table", "added": "Added", "updated": "Updated",
        "removed": "Removed", "unchanged": "Unchanged", "registrations": "Registrations",
        "evaluations": "Evaluations", "organisations": "Organisations",
    },
}

OPEN_KEYS = ("activities", "half_days", "participations", "persons_reached", "satisfaction_pct",
             "recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct")
DEMAND_KEYS = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
               "requests_supported", "supported_primary", "supported_secondary", "support_participants")


def _fmt(key: str, value, lang: str) -> str:
    if key.endswith("_pct"):
        return percent(value, lang)
    return amount(value, lang) if key == "half_days" else number(value, lang)


def _delta(key: str, new, old, lang: str) -> str:
    if new is None or old is None:
        return "–"
    return change(new - old, lang, LABELS[lang]["points"] if key.endswith("_pct") else "")


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold")
    for i, c in enumerate(columns):
        t.add_column(c, justify="left" if i == 0 else "right")
    return t


def stats_tables(stats: dict, lang: str = "nl", other: dict | None = None) -> Group:
    """Rich tables for one year, or two years side by side with the change."""
    L = LABELS[lang]
    years = [stats] if other is None else sorted([stats, other], key=lambda s: s["year"])
    head = [str(s["year"]) for s in years] + ([L["change"]] if other else [])

    def rows(section: str, keys, get=lambda s, k, sec: s[sec][k]):
        out = []
        for k in keys:
            vals = [get(s, k, section) for s in years]
            cells = [_fmt(k, v, lang) for v in vals]
            if other:
                cells.append(_delta(k, vals[-1], vals[0], lang))
            out.append((L.get(k, k), cells))
        return out

    tables = []
    t = _table(f"{L['open_offering']}", [L["indicator"], *head])
    for label, cells in rows("open_offering", OPEN_KEYS):
        t.add_row(label, *cells)
    tables.append(t)

    t = _table(L["target_groups"], [L["target_group"], *head])
    for label, cells in rows("open_offering", ("primary_share_pct", "secondary_share_pct", "unknown_target_group")):
        t.add_row(label, *cells)
    tables.append(t)

    t = _table(L["formats"], [L["formats"], *head])
    for label, cells in rows("open_offering", ("onsite", "online", "blended"),
                             get=lambda s, k, sec: s[sec]["formats"][k]):
        t.add_row(label, *cells)
    tables.append(t)

    tables.append(_list_table(years, "open_offering", "themes", "theme",
                              ("activities", "half_days", "participations"), L["no_theme"], lang))

    t = _table(L["demand_driven"], [L["indicator"], *head])
    for label, cells in rows("demand_driven", DEMAND_KEYS):
        t.add_row(label, *cells)
    tables.append(t)
    tables.append(_list_table(years, "demand_driven", "topics", "topic", ("requests",), L["no_topic"], lang))
    return Group(*tables)


def _list_table(years: list[dict], section: str, key: str, label: str, fields: tuple[str, ...],
                blank: str, lang: str) -> Table:
    """Themes or topics: one row per name; with two years, each field per year."""
    L = LABELS[lang]
    if len(years) == 1:
        t = _table(L[key], [L[label], *[L[f] for f in fields]])
        for entry in years[0][section][key]:
            t.add_row(entry[label] or blank, *[_fmt(f, entry[f], lang) for f in fields])
        return t
    t = _table(L[key], [L[label], *[f"{L[f]} {s['year']}" for f in fields for s in years]])
    order: dict = {}
    for s in reversed(years):
        for entry in s[section][key]:
            order.setdefault(entry[label], None)
    by_year = [{e[label]: e for e in s[section][key]} for s in years]
    for name in order:
        t.add_row(name or blank, *[_fmt(f, b.get(name, {}).get(f, 0), lang) for f in fields for b in by_year])
    return t


def to_json(stats: dict, other: dict | None = None) -> str:
    obj = dict(stats)
    if other is not None:
        obj["compare"] = other
    return json.dumps(obj, ensure_ascii=False, indent=2)


def _flatten(stats: dict):
    """(section, indicator, item, value) rows; item names the theme, topic or format."""
    for section in ("open_offering", "demand_driven"):
        for k, v in stats[section].items():
            if k == "formats":
                for fmt, n in v.items():
                    yield section, "formats", fmt, n
            elif k in ("themes", "topics"):
                label = "theme" if k == "themes" else "topic"
                for entry in v:
                    for f, n in entry.items():
                        if f != label:
                            yield section, f"{k}.{f}", entry[label] or "", n
            else:
                yield section, k, "", v


def safe_cell(value):
    """Neutralise text a spreadsheet program would run as a formula (= + - @, tab, CR)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(stats: dict, other: dict | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if other is None:
        w.writerow(["section", "indicator", "item", str(stats["year"])])
        for row in _flatten(stats):
            w.writerow([safe_cell(c) for c in row[:3]] + ["" if row[3] is None else row[3]])
        return buf.getvalue()
    first, last = sorted([stats, other], key=lambda s: s["year"])
    a = {r[:3]: r[3] for r in _flatten(first)}
    b = {r[:3]: r[3] for r in _flatten(last)}
    keys = list(dict.fromkeys([*a, *b]))
    w.writerow(["section", "indicator", "item", str(first["year"]), str(last["year"]), "change"])
    for k in keys:
        absent = 0 if "." in k[1] else None  # a theme or topic missing in one year counts 0 there
        va, vb = a.get(k, absent), b.get(k, absent)
        delta = vb - va if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else None
        w.writerow([safe_cell(c) for c in k] + ["" if v is None else v for v in (va, vb, delta)])
    return buf.getvalue()


def _no_change():
    from .store import Counts

    return Counts()


def summary_table(summary: dict[str, Counts], lang: str = "nl", dry_run: bool = False) -> Table:
    L = LABELS[lang]
    title = ("Wat de import zou veranderen (--dry-run: niets opgeslagen)" if lang == "nl"
             else "What the import would change (--dry-run: nothing stored)") if dry_run else (
        "Geïmporteerd" if lang == "nl" else "Imported")
    t = _table(title, [L["table"], L["added"], L["updated"], L["removed"], L["unchanged"]])
    for name in ("activities", "registrations", "evaluations", "organisations", "requests"):
        c = summary.get(name) or _no_change()
        label = L.get(name, name) if name != "requests" else L["requests"]
        t.add_row(label, *[number(x, lang) for x in (c.added, c.updated, c.removed, c.unchanged)])
    return t


def render_text(renderable, width: int = 100) -> str:
    """A renderable as plain text (for tests and for piping)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()
