"""`socius explain` for people and programs: the rows behind a figure as a terminal table,
CSV or JSON (the workbook is `report/annex.py`), each ending with the sum line.

The rows come from `figures/explain.py`: activities, organisations and requests, and for
figures about people counts per activity, never a person. Labels and the sum line are in
the language of the tables (`labels.py`); numbers the Flemish way (1.440; 55%; NPS +34).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .formatting import amount, nps, number, percent
from .labels import catalogue
from .output import ROW

if TYPE_CHECKING:
    from .figures.explain import Explanation

# How each column's value is shown: the kind decides the formatting (and the workbook's format).
KINDS: dict[str, str] = {
    "code": "text", "title": "text", "theme": "theme", "organisation": "text", "sector": "text",
    "id": "text", "topic": "topic", "decline_reason": "text", "period": "period",
    "date": "date", "received": "date",
    "format": "format", "status": "status", "target_group": "target_group",
    "reached": "yesno", "supported": "yesno",
    "half_days": "amount", "satisfaction_pct": "percent", "nps": "nps",
}  # every other column is a count

# the label of each indicator, as the stats tables name it; the lists by their table's title
LABEL = {**ROW, "formats": "tbl_formats", "themes": "tbl_themes", "topics": "tbl_topics"}


def kind(column: str) -> str:
    return KINDS.get(column, "count")


def indicator_label(indicator: str, lang: str) -> str:
    return catalogue(lang)[LABEL[indicator]]


def cell_text(column: str, value: Any, lang: str) -> str:
    """One cell as a reader sees it."""
    L = catalogue(lang)
    k = kind(column)
    if k == "date":
        return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""
    if k == "format":
        return L[f"row_{value}"]
    if k == "status":
        return L[f"row_{value}"]
    if k == "target_group":
        return L[f"row_{value}"] if value else L["row_unknown"]
    if k == "yesno":
        return L["yes"] if value else L["no"]
    if k == "period":
        return value or L["every_year"]
    if k == "theme":
        return value if value is not None else L["no_theme"]
    if k == "topic":
        return value if value is not None else L["no_topic"]
    if k == "amount":
        return amount(value, lang)
    if k == "percent":
        return percent(value, lang)
    if k == "nps":
        return nps(value, lang)
    if k == "count":
        return number(value, lang)
    return "" if value is None else str(value)


def value_text(ex: Explanation, lang: str) -> str:
    """The figure itself, as the stats tables show it (lists as their total)."""
    v = ex.value
    if ex.indicator in ("formats", "themes"):
        return number(ex.sum["activities"], lang)
    if ex.indicator == "topics":
        return number(ex.sum["received"], lang)
    if ex.indicator.endswith("_pct"):
        return percent(v, lang)
    if ex.indicator == "nps":
        return nps(v, lang)
    return amount(v, lang) if ex.indicator == "half_days" else number(v, lang)


def sum_line(ex: Explanation, lang: str) -> str:
    """How the rows add up to the figure (or why a distinct count is less than the sum)."""
    L = catalogue(lang)
    s = ex.sum
    n = lambda v: number(v, lang)  # noqa: E731
    i = ex.indicator
    if i in ("activities", "half_days", "formats"):
        text = L[f"sum_{i}"].format(year=ex.year, activities=n(s["activities"]),
                                    half_days=amount(s.get("half_days"), lang),
                                    **{f: n(s.get(f)) for f in ("onsite", "online", "blended")})
    elif i == "annex_activities":
        text = L["sum_annex_activities"].format(activities=n(s["activities"]), half_days=amount(s["half_days"], lang),
                                                participations=n(s["participations"]))
    elif i == "themes":
        items = ", ".join(f"{t['theme'] if t['theme'] is not None else L['no_theme']} {n(t['activities'])}"
                          for t in s["themes"])
        text = L["sum_themes"].format(items=items, activities=n(s["activities"]),
                                      half_days=amount(s["half_days"], lang), participations=n(s["participations"]))
    elif i == "participations":
        text = L["sum_participations"].format(**{k: n(v) for k, v in s.items()})
    elif i == "persons_reached":
        hist = s["by_activities"]
        items = " + ".join(f"{n(people)} × {n(times)}" for times, people in hist.items())
        items = f"{items or '0'} = {n(s['participations'])}"
        text = L["sum_persons_reached"].format(participations=n(s["participations"]), persons=n(s["persons"]),
                                               items=items)
    elif i in ("primary_share_pct", "secondary_share_pct"):
        text = L[f"sum_{i}"].format(primary=n(s["primary"]), secondary=n(s["secondary"]),
                                    pct=percent(ex.value, lang))
        if s["unknown"]:
            text += L["sum_unknown_part"].format(unknown=n(s["unknown"]))
    elif i == "unknown_target_group":
        text = L["sum_unknown_target_group"].format(unknown=n(s["unknown"]), participations=n(s["participations"]))
    elif i == "satisfaction_pct":
        text = L["sum_satisfaction_pct"].format(answers=n(s["answers"]), points=amount(s["points"], lang),
                                                pct=percent(s["satisfaction_pct"], lang))
    elif i in ("nps", "recommend_answers"):
        text = L[f"sum_{i}"].format(answers=n(s["answers"]), promoters=n(s["promoters"]),
                                    passives=n(s["passives"]), detractors=n(s["detractors"]),
                                    nps=nps(s["nps"], lang))
    elif i.startswith("recognised_"):
        periods = ", ".join(L["period_of"].format(period=p) if p else L["every_year"] for p in s["periods"])
        text = L[f"sum_{i}"].format(total=n(s["total"]), reached=n(s["reached"]),
                                    not_reached=n(s["not_reached"]), year=ex.year,
                                    periods=periods or L["every_year"], pct=percent(s["recognised_reach_pct"], lang))
    elif i == "requests_received":
        text = L["sum_requests_received"].format(**{k: n(v) for k, v in s.items()})
    elif i in ("requests_declined", "requests_accepted", "requests_pending"):
        text = L["sum_requests_status"].format(n=n(ex.value), received=n(s["received"]))
    elif i == "requests_supported":
        unknown = L["sum_supported_unknown"].format(unknown=n(s["unknown"])) if s["unknown"] else ""
        text = L["sum_requests_supported"].format(supported=n(s["supported"]), accepted=n(s["accepted"]),
                                                  primary=n(s["primary"]), secondary=n(s["secondary"]),
                                                  unknown=unknown)
    elif i in ("supported_primary", "supported_secondary"):
        text = L["sum_supported_group"].format(n=n(ex.value), supported=n(s["supported"]))
    elif i == "support_participants":
        text = L["sum_support_participants"].format(supported=n(s["supported"]), participants=n(s["participants"]))
    else:  # topics
        items = ", ".join(f"{t['topic'] if t['topic'] is not None else L['no_topic']} {n(t['requests'])}"
                          for t in s["topics"])
        text = L["sum_topics"].format(items=items, received=n(s["received"]))
    if ex.purged:
        text += " " + L["sum_purged"].format(year=ex.year, frozen=_frozen_text(ex, lang))
    return text


def _frozen_text(ex: Explanation, lang: str) -> str:
    v = ex.frozen
    if isinstance(v, (dict, list)) or v is None:
        return "–" if v is None else json.dumps(v, ensure_ascii=False)
    if ex.indicator.endswith("_pct"):
        return percent(v, lang)
    return nps(v, lang) if ex.indicator == "nps" else amount(v, lang)


def title(ex: Explanation, lang: str) -> str:
    return catalogue(lang)["ex_title"].format(indicator=indicator_label(ex.indicator, lang), year=ex.year,
                                              value=value_text(ex, lang))


def table(ex: Explanation, lang: str = "nl") -> Group:
    """The rows as a terminal table, its title naming the figure, the sum line under it."""
    L = catalogue(lang)
    t = Table(title=title(ex, lang), title_justify="left", title_style="bold")
    for c in ex.columns:
        right = kind(c) in ("count", "amount", "percent", "nps")
        t.add_column(L[f"ex_col_{c}"], justify="right" if right else "left")
    for row in ex.rows:
        t.add_row(*[cell_text(c, row.get(c), lang) for c in ex.columns])
    return Group(t, Text(sum_line(ex, lang)))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_json(ex: Explanation, lang: str = "nl") -> dict[str, Any]:
    """The explanation as JSON: the rows with canonical values (ISO dates, the contract's keys),
    the figure as the rows give it, the numbers of the sum line and the line itself."""
    return {"year": ex.year, "indicator": ex.indicator, "section": ex.section, "value": ex.value,
            "columns": list(ex.columns),
            "rows": [{c: _plain(row.get(c)) for c in ex.columns} for row in ex.rows],
            "sum": {str(k): v for k, v in ex.sum.items()} | (
                {"by_activities": {str(k): v for k, v in ex.sum["by_activities"].items()}}
                if "by_activities" in ex.sum else {}),
            "sum_line": sum_line(ex, lang), "purged": ex.purged, "frozen": ex.frozen}


def to_json(ex: Explanation, lang: str = "nl") -> str:
    return json.dumps(as_json(ex, lang), ensure_ascii=False, indent=2)


def to_csv(ex: Explanation, lang: str = "nl") -> str:
    """A header of column keys, one line per row (unrounded, canonical values), and last the
    sum line (first cell `total`)."""
    from .output import safe_cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(ex.columns)
    for row in ex.rows:
        w.writerow(["" if row.get(c) is None else safe_cell(_plain(row.get(c))) for c in ex.columns])
    w.writerow(["total", safe_cell(sum_line(ex, lang))])
    return buf.getvalue()
