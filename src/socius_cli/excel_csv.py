"""`socius stats --format excel`: the figures as a CSV file that Excel in Belgium opens as it is.

Excel set to Belgian regional settings (Dutch or French) reads `;` as the separator and the
comma as the decimal sign, and reads UTF-8 only after a byte-order mark (the CLI writes one
when the output goes to a file). So: `;`, decimal commas, no thousands separators (Excel
would take 1.440 for text or for 1,44 elsewhere), labels in the report's words (`labels.py`),
and numbers rounded as the tables round them: percentages to a whole number, in a row whose
label says (%), with changes in percentage points. The machine form (`--format csv`,
`output.to_csv`) is unchanged: commas, decimal points, unrounded, the contract's keys.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .formatting import round_half_up
from .i18n import _
from .labels import catalogue
from .output import DEMAND_KEYS, OPEN_KEYS, ROW, indicator_name, safe_cell, span_columns, span_objects, span_row_order

TEXT = "_text"  # a row whose value is a word (whether a target was met), not a number
TARGET = "_target"  # a target's number: its decimals kept (75,5 for a percentage), as typed


def _number(value: Any, key: str) -> str:
    """A number as Belgian Excel reads it: 77, 3,5, -12; None is an empty cell."""
    if value is None:
        return ""
    if key == TEXT:
        return safe_cell(str(value))
    if key.endswith("_pct"):
        return str(round_half_up(value))
    if key in ("half_days", TARGET):
        q = round_half_up(value, 2).normalize()
        text = format(q, "f")
        return text.replace(".", ",")
    return str(round_half_up(value))


def _change(new: Any, old: Any, key: str) -> str:
    if new is None or old is None or key == TEXT:
        return ""
    if key.endswith("_pct"):  # between the percentages as shown, in points
        return str(round_half_up(new) - round_half_up(old))
    return _number(new - old, key)


def _rows(stats: dict, lang: str) -> list[tuple[str, str, str, str, Any]]:
    """(section, indicator, item, key for formatting, value) in the order of the tables."""
    c = catalogue(lang)
    pct = " (%)"
    out: list[tuple[str, str, str, str, Any]] = []
    oo, dd = stats["open_offering"], stats["demand_driven"]
    for k in OPEN_KEYS:
        out.append((c["open_offering"], c[ROW[k]] + (pct if k.endswith("_pct") else ""), "", k, oo[k]))
    for k in ("primary_share_pct", "secondary_share_pct", "unknown_target_group"):
        out.append((c["tbl_target_groups"], c[ROW[k]] + (pct if k.endswith("_pct") else ""), "", k, oo[k]))
    for k in ("onsite", "online", "blended"):
        out.append((c["tbl_formats"], c[ROW[k]], "", k, oo["formats"][k]))
    for entry in oo["themes"]:
        for f in ("activities", "half_days", "participations"):
            out.append((c["tbl_themes"], c[f"col_{f}"], entry["theme"] or c["no_theme"], f, entry[f]))
    for k in DEMAND_KEYS:
        out.append((c["demand_driven"], c[ROW[k]], "", k, dd[k]))
    for entry in dd["topics"]:
        out.append((c["tbl_topics"], c["col_requests"], entry["topic"] or c["no_topic"], "requests", entry["requests"]))
    for t in stats.get("targets") or ():  # the year's targets (added by `stats`)
        k = t["indicator"]
        label = indicator_name(k, lang) + (pct if k.endswith("_pct") else "")
        if t["goal"]:
            out.append((c["targets"], label, c["col_goal"], TEXT, t["goal"]))
        out.append((c["targets"], label, f"{c['col_target']} ({c['dir_' + t['direction']]})", TARGET, t["target"]))
        out.append((c["targets"], label, c["col_realised"], k, t["realised"]))
        out.append((c["targets"], label, c["col_met"], TEXT,
                    None if t["met"] is None else c["yes"] if t["met"] else c["no"]))
    return out


def to_excel_csv(stats: dict, lang: str = "nl", other: dict | None = None) -> str:
    """The figures of one year (or two, with the change) as a Belgian Excel CSV."""
    c = catalogue(lang)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    head = [_("Section"), c["col_indicator"], _("Item")]
    if other is None:
        w.writerow([*head, str(stats["year"])])
        for section, label, item, key, value in _rows(stats, lang):
            w.writerow([safe_cell(section), safe_cell(label), safe_cell(item), _number(value, key)])
        return buf.getvalue()
    first, last = sorted([stats, other], key=lambda s: s["year"])
    a = {r[:3]: r for r in _rows(first, lang)}
    b = {r[:3]: r for r in _rows(last, lang)}
    w.writerow([*head, str(first["year"]), str(last["year"]), c["col_change"]])
    for k in dict.fromkeys([*b, *a]):
        key = (b.get(k) or a[k])[3]
        absent = 0 if k[2] and k[0] != c["targets"] else None  # a theme or topic missing in one year counts 0
        va = a[k][4] if k in a else absent
        vb = b[k][4] if k in b else absent
        w.writerow([safe_cell(x) for x in k] + [_number(va, key), _number(vb, key), _change(vb, va, key)])
    return buf.getvalue()


def span_excel_csv(span: dict, lang: str = "nl") -> str:
    """The figures of a span of years as a Belgian Excel CSV: a column per year, then the
    total over the span (persons counted once, percentages pooled)."""
    c = catalogue(lang)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    heads = [h for h, _ in span_columns(span, lang)]
    rows = [{r[:3]: r for r in _rows(obj, lang)} for obj in span_objects(span)]
    w.writerow([_("Section"), c["col_indicator"], _("Item"), *heads])
    # a target's rows: its goal, the target (per direction), the figure, met
    fields = [c["col_goal"], *(f"{c['col_target']} ({c['dir_' + d]})" for d in ("at_least", "at_most")),
              c["col_realised"], c["col_met"]]
    keys = span_row_order((k for r in reversed(rows) for k in r), c["targets"], lambda k: k[1],
                          lambda k: fields.index(k[2]) if k[2] in fields else len(fields))
    for k in keys:
        key = next(r[k][3] for r in rows if k in r)
        # a theme or topic missing in one year counts 0 there; a target of another period is blank
        absent = 0 if k[2] and k[0] != c["targets"] else None
        w.writerow([safe_cell(x) for x in k] + [_number(r[k][4] if k in r else absent, key) for r in rows])
    return buf.getvalue()
