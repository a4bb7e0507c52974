"""The indicators for the terminal (rich tables), and as JSON or CSV for other programs.

Tables round half up and format the Flemish way (1.440; 55%); JSON and CSV keep the
unrounded values under the contract's keys.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table

from .figures.compare import Difference, PublishedStatus
from .formatting import amount, change, nps, number, percent, round_half_up, spreadsheet_safe
from .labels import ROW, TARGET_ROW, catalogue

if TYPE_CHECKING:  # the store (and SQLAlchemy) is not needed to print figures
    from .changes import PublishedChange
    from .importing import ImportResult
    from .store.cache import Figures
    from .store.history import Entry
    from .store.store import Counts

# ROW (from labels.py): the catalogue's word for each indicator, so the terminal and the
# report name a figure alike.
POINTS = " pp"  # percentage points, as in the report

OPEN_KEYS = ("activities", "half_days", "participations", "persons_reached", "satisfaction_pct",
             "nps", "recommend_answers",
             "recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct")
DEMAND_KEYS = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
               "requests_supported", "supported_primary", "supported_secondary", "support_participants")


def _fmt(key: str, value: float | None, lang: str) -> str:
    if key.endswith("_pct"):
        return percent(value, lang)
    if key == "nps":
        return nps(value, lang)
    return amount(value, lang) if key == "half_days" else number(value, lang)


def _delta(key: str, new: float | None, old: float | None, lang: str) -> str:
    if new is None or old is None:
        return "–"
    if key.endswith("_pct"):  # between the percentages as shown: 55% and 55% is 0 pp
        return change(float(round_half_up(new) - round_half_up(old)), lang, POINTS)
    if key == "nps":  # between the scores as shown
        return change(float(round_half_up(new) - round_half_up(old)), lang)
    return change(new - old, lang)


def _table(title: str, columns: list[str]) -> Table:
    """A table whose first column names the rows. The figures never wrap; on a narrow terminal
    a name that does not fit folds onto the next line instead of being cut off."""
    t = Table(title=title, title_justify="left", title_style="bold")
    for i, c in enumerate(columns):
        if i == 0:
            t.add_column(c, justify="left", overflow="fold")
        else:
            t.add_column(c, justify="right", no_wrap=True)
    return t


def _figure_tables(objs: list[Figures], head: list[str], lang: str, change: bool = False) -> dict[str, Table]:
    """The tables of figures, a column per object (a year, or a span's total): open offering,
    target groups, formats and demand-driven work; with `change`, a last column with the
    first object minus the last."""
    c = catalogue(lang)

    def table(title: str, first: str, section: str, keys: Iterable[str],
              get: Callable[[Figures, str, str], Any] = lambda s, k, sec: s[sec].get(k)) -> Table:
        t = _table(title, [first, *head])
        for k in keys:
            vals = [get(s, k, section) for s in objs]
            cells = [_fmt(k, v, lang) for v in vals]
            if change:
                cells.append(_delta(k, vals[0], vals[-1], lang))
            t.add_row(c[ROW[k]], *cells)
        return t

    return {
        "open_offering": table(c["open_offering"], c["col_indicator"], "open_offering", OPEN_KEYS),
        "target_groups": table(c["tbl_target_groups"], c["col_target_group"], "open_offering",
                               ("primary_share_pct", "secondary_share_pct", "unknown_target_group")),
        "formats": table(c["tbl_formats"], c["col_format"], "open_offering", ("onsite", "online", "blended"),
                         get=lambda s, k, sec: s[sec]["formats"][k]),
        "demand_driven": table(c["demand_driven"], c["col_indicator"], "demand_driven", DEMAND_KEYS),
    }


def stats_tables(stats: Figures, lang: str = "nl", other: Figures | None = None) -> Group:
    """Rich tables for one year, or two years side by side with the change. Compared, the
    years stand as in the report: the later year first, then the earlier, then the change
    (later minus earlier)."""
    c = catalogue(lang)
    years = [stats] if other is None else sorted([stats, other], key=lambda s: s["year"], reverse=True)
    head = [str(s["year"]) for s in years] + ([c["col_change"]] if other else [])
    t = _figure_tables(years, head, lang, change=other is not None)
    return Group(
        t["open_offering"], t["target_groups"], t["formats"],
        _list_table(years, "open_offering", "themes", "theme",
                    ("activities", "half_days", "participations"), lang),
        t["demand_driven"],
        _list_table(years, "demand_driven", "topics", "topic", ("requests",), lang),
        # the targets of each year that has any (`figures.targets.assess`, added by `stats`)
        *[targets_table(s["targets"], c["tbl_targets"].format(year=s["year"]), lang)
          for s in years if s.get("targets")],
    )


# --------------------------------------------------------------------------- targets
# A target as tables and reports show it: its indicator's label, the target with its direction
# (≥ 55%, ≤ 10), the figure as the tables show it, and whether it was met as a word and a mark.

DIRECTION_SIGN = {"at_least": "≥", "at_most": "≤"}


def indicator_name(indicator: str, lang: str = "nl") -> str:
    """`Personen bereikt`: an indicator as the targets table names it."""
    return catalogue(lang)[TARGET_ROW[indicator]]


def target_number(indicator: str, value: float, lang: str = "nl") -> str:
    """A target's number as typed, its decimals kept (`75,5%`, `1,4`): the figure is compared with
    it as the tables show the figure, so a target of 54,4% shown as 54% would look met by 54%."""
    if float(value).is_integer():
        return _fmt(indicator, value, lang)
    if indicator.endswith("_pct"):
        return amount(value, lang) + "%"
    if indicator == "nps":
        return ("+" if value > 0 else "−") + amount(abs(value), lang)
    return amount(value, lang)


def target_text(target: dict[str, Any], lang: str = "nl") -> str:
    """`≥ 55%`, `≤ 10`, `≥ +20` (an nps), `≥ 75,5%`."""
    return f"{DIRECTION_SIGN[target['direction']]} {target_number(target['indicator'], target['target'], lang)}"


def realised_text(target: dict[str, Any], lang: str = "nl") -> str:
    """The figure as the tables show it (55%, 1.440); a dash when there is none."""
    return _fmt(target["indicator"], target["realised"], lang)


def met_text(met: bool | None, lang: str = "nl") -> str:
    """`ja ✓`, `nee ✗`, or a dash when there is no figure: a word and a mark, never colour alone."""
    c = catalogue(lang)
    return "–" if met is None else c["met_yes"] if met else c["met_no"]


def targets_table(targets: list[dict[str, Any]], title: str, lang: str = "nl") -> Table:
    """The assessed targets (`figures.targets.assess`) as a terminal table, in their order."""
    c = catalogue(lang)
    t = _table(title, [c["col_indicator"], c["col_goal"], c["col_target"], c["col_realised"], c["col_met"]])
    t.columns[1].justify = "left"
    t.columns[1].no_wrap = False
    t.columns[1].overflow = "fold"
    for target in targets:
        t.add_row(indicator_name(target["indicator"], lang), target["goal"] or "", target_text(target, lang),
                  realised_text(target, lang), met_text(target["met"], lang))
    return t


def _list_table(years: list[Figures], section: str, key: str, label: str, fields: tuple[str, ...],
                lang: str) -> Table:
    """Themes or topics: one row per name. With two years, as the report shows them: each
    field of the later year, then the first field (activities, requests) of the earlier
    year and the change; names of the earlier year only come last, with zeros."""
    c = catalogue(lang)
    blank = c[f"no_{label}"]
    if len(years) == 1:
        entries = years[0][section][key]
        t = _table(c[f"tbl_{key}"], [c[f"col_{label}"], *[c[f"col_{f}"] for f in fields]])
        for entry in entries:
            t.add_row(entry[label] or blank, *[_fmt(f, entry[f], lang) for f in fields])
        return t
    later, earlier = years
    first = fields[0]
    order: dict[str | None, None] = {}  # the names in order of first appearance, later year first
    for s in years:
        for entry in s[section][key]:
            order.setdefault(entry[label], None)
    t = _table(c[f"tbl_{key}"],
               [c[f"col_{label}"], *[f"{c[f'col_{f}']}\n{later['year']}" for f in fields],
                f"{c[f'col_{first}']}\n{earlier['year']}", c["col_change"]])
    now = {e[label]: e for e in later[section][key]}
    before = {e[label]: e for e in earlier[section][key]}
    for name in order:
        cur, prev = now.get(name, {}), before.get(name, {})
        t.add_row(name or blank, *[_fmt(f, cur.get(f, 0), lang) for f in fields],
                  _fmt(first, prev.get(first, 0), lang),
                  _delta(first, cur.get(first, 0), prev.get(first, 0), lang))
    return t


def span_columns(span: Figures, lang: str = "nl") -> list[tuple[str, Figures]]:
    """A span's columns as the tables show them: each year with data, in order, then the total
    over the span (`Totaal 2016-2020`)."""
    c = catalogue(lang)
    return [*((y, span["years"][y]) for y in sorted(span["years"])),
            (f"{c['row_total']} {span['period']}", span["total"])]


def span_tables(span: Figures, lang: str = "nl") -> Group:
    """Rich tables for a span of years: a column per year and the total over the span, in
    which persons count once and percentages are pooled (not the sum or mean of the years)."""
    c = catalogue(lang)
    columns = span_columns(span, lang)
    head = [h for h, _ in columns]
    t = _figure_tables([obj for _, obj in columns], head, lang)

    def listed(section: str, key: str, label: str, field: str) -> Table:
        t = _table(c[f"tbl_{key}"], [c[f"col_{label}"], *head])
        total = columns[-1][1]
        per_column = [{name_key(e[label]): e[field] for e in obj[section][key]} for _, obj in columns]
        for entry in total[section][key]:
            name = name_key(entry[label])
            t.add_row(entry[label] or c[f"no_{label}"], *[_fmt(field, p.get(name, 0), lang) for p in per_column])
        return t

    return Group(
        t["open_offering"], t["target_groups"], t["formats"],
        listed("open_offering", "themes", "theme", "activities"),
        t["demand_driven"],
        listed("demand_driven", "topics", "topic", "requests"),
        # the span's own targets (measured against the total), then each year's
        *(targets_table(targets, c["tbl_targets"].format(year=period), lang)
          for period, targets in [(span["period"], span.get("targets") or []),
                                  *((y, span["years"][y].get("targets") or []) for y in sorted(span["years"]))]
          if targets),
    )


def span_notes(span: Figures, lang: str = "nl") -> list[str]:
    """What a reader of the span's tables must know: how the total counts, and which years of
    the span have no data."""
    from .contract import period_years
    from .figures.span import totals_unknown
    from .i18n import _, join, ngettext

    missing = [str(y) for y in period_years(span["period"]) if str(y) not in span["years"]]
    lines = [_("The total counts each person and each recognised organisation once over the span, and its "
               "percentages are over all the participations, evaluations and answers of the span: it is not "
               "the sum or the mean of the years.")]
    if missing:
        lines.append(ngettext("{years} has no data in the store.", "{years} have no data in the store.",
                              len(missing)).format(years=join(missing)))
    if totals_unknown(span):
        lines.append(_("Some totals are unknown (–): the participant rows of a year of the span were removed "
                       "with socius purge, so persons can no longer be counted once over the span."))
    return lines


LISTS = (("open_offering", "themes", "theme"), ("demand_driven", "topics", "topic"))


def name_key(text: str | None) -> str | None:
    """A theme or topic as the figures group it (`indicators.group_text`): case and spacing free."""
    return " ".join(text.split()).casefold() if text else None


def span_objects(span: Figures) -> list[Figures]:
    """The objects of a span's columns, for rows keyed by name (CSV, Excel): each year's, with
    its themes and topics spelled as the total spells them (so that `Taal` in one year and
    `taal` in another are one row, as in the tables), then the total with the targets of the
    span (which are measured against it)."""
    total = {**span["total"], "targets": span.get("targets") or []}
    spelled = {key: {name_key(e[label]): e[label] for e in total[section][key]} for section, key, label in LISTS}

    def respelled(year: Figures) -> Figures:
        out = dict(year)
        for section, key, label in LISTS:
            names = spelled[key]
            out[section] = {**year[section], key: [{**e, label: names.get(name_key(e[label]), e[label])}
                                                   for e in year[section][key]]}
        return out

    return [*(respelled(span["years"][y]) for y in sorted(span["years"])), total]


def span_row_order(keys: Iterable[tuple[str, str, str]], targets: str, target: Callable[[tuple[str, str, str]], str],
                   rank: Callable[[tuple[str, str, str]], int]) -> list[tuple[str, str, str]]:
    """The rows of a span's columns in the order of the tables, the rows of the section
    `targets` last, the rows of one target's indicator (`target(key)`) together, in `rank`."""
    keys = list(dict.fromkeys(keys))
    rest = [k for k in keys if k[0] != targets]
    mine = [k for k in keys if k[0] == targets]
    indicators = list(dict.fromkeys(target(k) for k in mine))
    return rest + sorted(mine, key=lambda k: (indicators.index(target(k)), rank(k)))


TARGET_FIELDS = ("goal", "direction", "target", "realised", "met")


def span_csv(span: Figures) -> str:
    """A span as `to_csv` writes a year: a value column per year, then one for the total (with
    the span's targets). A theme or topic missing in one year counts 0 there; a target of
    another period is blank."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    heads = [*sorted(span["years"]), span["period"]]
    values = [{r[:3]: r[3] for r in _flatten(obj)} for obj in span_objects(span)]
    w.writerow(["section", "indicator", "item", *heads])
    keys = span_row_order((k for v in reversed(values) for k in v), "targets", lambda k: k[2],
                          lambda k: TARGET_FIELDS.index(k[1].removeprefix("targets.")))
    for k in keys:
        absent = 0 if "." in k[1] and k[0] != "targets" else None
        w.writerow([safe_cell(x) for x in k] + [_csv_value(v.get(k, absent)) for v in values])
    return buf.getvalue()


def render_text(renderable: Any, width: int = 100) -> str:
    """A rich renderable as plain text, `width` columns wide (a table written to a file)."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


def to_json(stats: Figures, other: Figures | None = None) -> str:
    obj = dict(stats)
    if other is not None:
        obj["compare"] = other
    return json.dumps(obj, ensure_ascii=False, indent=2)


def _flatten(stats: Figures) -> Iterator[tuple[str, str, str, Any]]:
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
    # the targets of the year (added by `stats`): like the themes, one row per field, the
    # item naming the target's indicator
    for target in stats.get("targets") or ():
        for f in ("goal", "direction", "target", "realised", "met"):
            yield "targets", f"targets.{f}", target["indicator"], target[f]


def _csv_value(value: Any) -> Any:
    """A CSV cell: blank for None, true/false for a yes/no (whether a target was met)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet program will not run as a formula (text only)."""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def to_csv(stats: Figures, other: Figures | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if other is None:
        w.writerow(["section", "indicator", "item", str(stats["year"])])
        for row in _flatten(stats):
            w.writerow([safe_cell(c) for c in row[:3]] + [_csv_value(row[3])])
        return buf.getvalue()
    # as the report: the later year first, then the earlier, then the change (later minus earlier)
    last, first = sorted([stats, other], key=lambda s: s["year"], reverse=True)
    a = {r[:3]: r[3] for r in _flatten(first)}
    b = {r[:3]: r[3] for r in _flatten(last)}
    keys = list(dict.fromkeys([*b, *a]))
    w.writerow(["section", "indicator", "item", str(last["year"]), str(first["year"]), "change"])
    for k in keys:
        absent = 0 if "." in k[1] else None  # a theme or topic missing in one year counts 0 there
        if k[0] == "targets":  # each year has its own targets: no change between them
            absent = None
        va, vb = a.get(k, absent), b.get(k, absent)
        delta = (vb - va if k[0] != "targets" and isinstance(va, (int, float)) and isinstance(vb, (int, float))
                 else None)
        w.writerow([safe_cell(c) for c in k] + [_csv_value(v) for v in (vb, va, delta)])
    return buf.getvalue()


def summary_table(summary: dict[str, Counts], lang: str = "nl", dry_run: bool = False) -> Table:
    c = catalogue(lang)
    t = _table(c["imp_dry_run"] if dry_run else c["imp_title"],
               [c["imp_table"], c["imp_added"], c["imp_updated"], c["imp_removed"], c["imp_unchanged"]])
    for name in ("activities", "registrations", "evaluations", "organisations", "requests", "targets"):
        n = summary.get(name)
        counts = (n.added, n.updated, n.removed, n.unchanged) if n else (0, 0, 0, 0)
        if name == "targets" and not any(counts):
            continue  # the targets row only for an import that has targets
        t.add_row(c[f"imp_{name}"], *[number(x, lang) for x in counts])
    return t


# --------------------------------------------------------------------------- traced figures
# Figures named in messages and notes (a moved activity, published figures that differ):
# with the tables' labels, values formatted like the tables.

def figure_name(d: Difference, lang: str = "nl") -> str:
    """The label of one figure: `Personen bereikt`, `Activiteiten per werkvorm: Online`,
    `Activiteiten per thema: Diversiteit (deelnames)`."""
    c = catalogue(lang)
    if d.item is None and "." not in d.indicator:  # a theme or topic may be blank (item None)
        return c[ROW[d.indicator]] if d.indicator in ROW else d.indicator
    if d.indicator == "formats":
        return f"{c['tbl_formats']}: {c[ROW.get(d.item or '', 'row_other')]}"
    listed, _, field = d.indicator.partition(".")
    name = d.item or c["no_theme" if listed == "themes" else "no_topic"]
    return f"{c[f'tbl_{listed}']}: {name} ({c.get(f'col_{field}', field).lower()})"


def figure_value(d: Difference, value, lang: str = "nl") -> str:
    key = d.indicator.partition(".")[2] or d.indicator
    return _fmt(key, value, lang)


def figure_values(d: Difference, lang: str = "nl") -> tuple[str, str]:
    """The old and the new value as tables show them; when both would show alike (55,04% and
    54,96% are both 55%), with two decimals, so that the difference can be seen."""
    old, new = figure_value(d, d.old, lang), figure_value(d, d.new, lang)
    if old == new and isinstance(d.old, (int, float)) and isinstance(d.new, (int, float)):
        suffix = "%" if d.indicator.endswith("_pct") else ""
        old, new = (number(v, lang, digits=2) + suffix for v in (d.old, d.new))
    return old, new


def day_text(at: str, lang: str) -> str:
    import datetime as dt

    from .formatting import date

    return date(dt.date.fromisoformat(at[:10]), lang)


def published_lines(status: PublishedStatus, lang: str = "nl") -> list[str]:
    """What `stats` says of a published year: when, and each figure that differs now."""
    c = catalogue(lang)
    day = day_text(status.at, lang)
    if not status.differences:
        return [c["published_same"].format(year=status.year, date=day)]
    lines = [c["published_note"].format(year=status.year, date=day, n=number(len(status.differences), lang))]
    for d in status.differences:
        was, now = figure_values(d, lang)
        lines.append(f"  {figure_name(d, lang)}: {c['col_published'].lower()} {was}, {c['col_now'].lower()} {now}")
    return lines


def import_warnings(result: ImportResult, lang: str = "nl") -> list[str]:
    """The warnings of a stored (or dry-run) import, in order: moved activities and requests
    with what each year gains and loses, dates that look like typos, published figures changed."""
    from .i18n import _, ngettext

    lines: list[str] = []
    for m in result.moves:
        if m.table == "activities":
            text = _("activity {code} ('{title}') moves from {old} to {new}: its date is now {date}").format(
                code=m.key, title=m.title, old=m.old_year, new=m.new_year, date=m.new_date.strftime("%d/%m/%Y"))
            if m.registrations:
                text += ngettext(", with its {n} participation", ", with its {n} participations",
                                 m.registrations).format(n=number(m.registrations, lang))
        else:
            text = _("request {id} moves from {old} to {new}: it is now received on {date}").format(
                id=m.key, old=m.old_year, new=m.new_year, date=m.new_date.strftime("%d/%m/%Y"))
        lines.append(text)
    for year, diffs in result.year_changes.items():
        shown = [d for d in diffs if d.indicator not in ("themes.activities", "themes.half_days",
                                                         "themes.participations", "topics.requests")]
        if shown:
            lines.append(_("the figures of {year} with this import: {changes}").format(
                year=year, changes="; ".join(f"{figure_name(d, lang)} {' → '.join(figure_values(d, lang))}"
                                             for d in shown)))
    for found in result.implausible:
        by_place: dict[str, list[str]] = {}
        for _date, (file, sheet, row) in found.rows:
            place = file + (f", sheet '{sheet}'" if sheet else "")
            by_place.setdefault(place, []).append(str(row))
        where = "; ".join(f"{place}, " + ngettext("row {rows}", "rows {rows}", len(rows)).format(
            rows=", ".join(rows[:10]) + (" ..." if len(rows) > 10 else "")) for place, rows in by_place.items())
        n = len(found.rows)
        if found.reason == "early":
            text = ngettext("{where}: a date in {year}, more than five years before {bound}, the earliest other "
                            "year: a typo? It is stored as it is",
                            "{where}: {n} dates in {year}, more than five years before {bound}, the earliest "
                            "other year: typos? They are stored as they are", n)
        else:
            text = ngettext("{where}: a date in {year}, after next year ({bound}): a typo? It is stored as it is",
                            "{where}: {n} dates in {year}, after next year ({bound}): typos? They are stored "
                            "as they are", n)
        lines.append(text.format(where=where, n=n, year=found.year, bound=found.bound))
    for published in result.published_changes:
        lines.append(_("published figure changed (allowed): {line}").format(line=published_change(published, lang)))
    return lines


def published_change(change: PublishedChange, lang: str = "nl") -> str:
    """One published figure an import changes: `2020, Activiteiten: published 50, new 49`."""
    from .i18n import _

    d = change.figure
    published, new = figure_values(d, lang)
    return _("{year} (published {date}), {figure}: published {published}, new {new}").format(
        year=change.year, date=day_text(change.published_at, lang), figure=figure_name(d, lang),
        published=published, new=new)


def history_table(entries: list[Entry], lang: str = "nl") -> Table | str:
    """`socius history` as a table: one line per import or publication, oldest first."""
    c = catalogue(lang)
    if not entries:
        return c["hist_empty"]
    t = _table(c["hist_title"], ["#", c["hist_when"], c["hist_user"], c["hist_action"], c["hist_what"]])
    for col in t.columns[1:]:
        col.justify = "left"
    t.columns[0].no_wrap = True  # on a narrow terminal the files and counts wrap, not the others
    t.columns[4].no_wrap = False
    t.columns[4].overflow = "fold"
    for e in entries:
        d = e.details
        if e.action == "publish":
            what = c["hist_published_year"].format(year=d.get("year"))
        else:
            lines = [f"{f['name']} ({number(f['size'], lang)} B, sha256 {f['sha256'][:12]})"
                     for f in d.get("files", [])]
            for name, counts in d.get("summary", {}).items():
                if any(counts.get(k) for k in ("added", "updated", "removed")):
                    lines.append(f"{c[f'imp_{name}']}: " + c["hist_counts"].format(
                        **{k: number(counts.get(k, 0), lang) for k in ("added", "updated", "removed")}))
            what = "\n".join(lines)
            if d.get("published_changes"):
                what += "\n" + c["hist_published_changes"].format(n=number(len(d["published_changes"]), lang))
        t.add_row(str(e.id), e.at.replace("T", " ").removesuffix("+00:00"), e.os_user,
                  c[f"hist_{e.action}"] if f"hist_{e.action}" in c else e.action, what)
    return t


def history_json(entries: list[Entry]) -> str:
    return json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2)
