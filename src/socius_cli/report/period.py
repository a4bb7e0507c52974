"""The progress report of a span of years, a policy period (`socius report 2016-2020`).

Built from the span's object (`figures.span.span_figures`: the years with data, the total
over the span and the assessed targets) into the same `ReportContext` the year report has,
so that the same templates, print layout (cover, contents with page numbers, running header
and footer), Markdown and workbook writers serve both. Reading order:

1. the key figures: a card per figure with the span's total (persons counted once over the
   span, percentages pooled) and a sparkline of its years, and a note that says how the
   total counts and which years have no data;
2. "Cijfers per jaar": a chart per indicator, a bar per year with the year's target drawn
   in, the span's target in the chart's caption (it is for the total, not for each year),
   each chart with its table;
3. "Streefcijfers": every target of the span and of its years, grouped by goal
   (`context.targets_table`);
4. "De jaren": the figures with a column per year and the total, then the themes and the
   topics per year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from socius_cli import formatting
from socius_cli.contract import FORMAT_KEYS, period_years
from socius_cli.figures.span import totals_unknown
from socius_cli.figures.targets import SECTION
from socius_cli.labels import catalogue
from socius_cli.output import indicator_name, met_text, target_text
from socius_cli.report import charts as drawing
from socius_cli.report.context import (
    COUNT,
    PERCENT,
    Cell,
    Chart,
    Fmt,
    KeyFigure,
    ReportContext,
    Section,
    Table,
    chart_file,
    indicator_kind,
    merge_editorial,
    published_differences,
    targets_section,
)
from socius_cli.report.editorial import Editorial
from socius_cli.report.style import HouseStyle
from socius_cli.store.cache import Figures

# The cards: (indicator, label); the NPS card joins them when the span has answers.
CARDS = (("activities", "kf_activities"), ("half_days", "kf_half_days"),
         ("persons_reached", "kf_persons_reached"), ("satisfaction_pct", "kf_satisfaction"),
         ("nps", "kf_nps"), ("recognised_reach_pct", "kf_reach"), ("requests_supported", "kf_supported"))
# The indicators that always get a chart over the years, in reading order; any other
# indicator with a target gets one too, after them.
CHARTED = ("activities", "half_days", "participations", "persons_reached", "satisfaction_pct", "nps",
           "recognised_reach_pct", "requests_received", "requests_supported")
# The rows of the "De jaren" tables.
YEAR_ROWS_OPEN = ("activities", "half_days", "participations", "persons_reached", "satisfaction_pct", "nps",
                  "recommend_answers", "recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct")
YEAR_ROWS_GROUPS = ("primary_share_pct", "secondary_share_pct", "unknown_target_group")
YEAR_ROWS_DEMAND = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
                    "requests_supported", "supported_primary", "supported_secondary", "support_participants")


def span_years(span: Figures) -> list[int]:
    """Every year of the span, with data or not."""
    return list(period_years(str(span["period"])))


def join_words(items: list[str], lang: str) -> str:
    """"2016, 2017 en 2018"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {catalogue(lang)['and']} " + items[-1]


def _value(figures: Figures, indicator: str) -> Any:
    return (figures.get(SECTION.get(indicator, "open_offering")) or {}).get(indicator)


def _has_answers(span: Figures) -> bool:
    return bool(span["total"]["open_offering"].get("recommend_answers"))


def build_period_context(*, span: Figures, lang: str, organisation: str, editorial: Editorial | None = None,
                         asset_dir: str = "", today: date | None = None, draw_charts: bool = True,
                         style: HouseStyle | None = None, published: dict[int, Any] | None = None) -> ReportContext:
    """The context of the period report of `span` (the contract's object of a span).
    `published`: per published year of the span whose figures now differ, its `PublishedStatus`."""
    L = catalogue(lang)
    fmt = Fmt(lang)
    style = style or HouseStyle()
    palette = drawing.Palette(style.colour, style.accent, style.tint)
    period = str(span["period"])
    years = span_years(span)
    have = sorted(span["years"])
    missing = [str(y) for y in years if str(y) not in span["years"]]
    charts: dict[str, Chart] = {}

    def chart(key: str, title: str, alt: str, table: Table, draw: Any, caption: str | None = None) -> Chart:
        c = Chart(key, title, alt, draw() if draw_charts else "", chart_file(key, asset_dir), table, caption)
        charts[key] = c
        return c

    key_figures = _cards(span, years, lang, fmt, palette, draw_charts)
    the_years = _the_years(span, lang, fmt)
    for year, status in sorted((published or {}).items(), reverse=True):  # the earliest first
        published_differences(the_years, year, status, lang, in_period=True)
    sections = [
        _by_year(span, years, lang, fmt, palette, chart),
        _targets(span, lang),
        the_years,
    ]
    sections = merge_editorial(sections, editorial, L)
    notes = [L["dash_note"]]
    note = L["period_note"].format(period=period)
    facts = [L["period_years"].format(years=join_words(have, lang))]
    if missing:
        facts.append(L["period_missing"].format(years=join_words(missing, lang)))
    if totals_unknown(span):
        facts.append(L["period_purged"])
    return ReportContext(
        year=years[-1],
        previous_year=None,
        organisation=organisation,
        lang=lang,
        labels=L,
        title=L["period_title"].format(period=period),
        subtitle=L["period_subtitle"].format(period=period, organisation=organisation),
        made_on=L["made_on"].format(date=formatting.date(today, lang)),
        key_figures=key_figures,
        key_figures_note=" ".join([note, *facts]),
        key_figures_note_md=" ".join([L["period_note_md"].format(period=period), *facts]),
        sections=sections,
        charts=charts,
        photos=list(editorial.photos) if editorial is not None else [],
        notes=notes,
        stats=span,
        previous=None,
        style=style,
        period=period,
    )


# --- the cards -----------------------------------------------------------------------------


def _cards(span: Figures, years: list[int], lang: str, fmt: Fmt, palette: drawing.Palette,
           draw: bool) -> list[KeyFigure]:
    L = catalogue(lang)
    cards = []
    for indicator, label in CARDS:
        if indicator == "nps" and not _has_answers(span):
            continue
        kind = indicator_kind(indicator)
        total = _value(span["total"], indicator)
        per_year = [(str(y), _value(span["years"][str(y)], indicator) if str(y) in span["years"] else None)
                    for y in years]
        words = "; ".join(f"{y}: {fmt.cell(v, kind).text}" for y, v in per_year if str(y) in span["years"])
        cards.append(KeyFigure(
            indicator, L[label], total, fmt.cell(total, kind).text,
            spark=drawing.sparkline(per_year, kind == PERCENT, palette) if draw else "",
            years_text=words))
    return cards


# --- a chart per indicator -----------------------------------------------------------------


def _charted(span: Figures) -> list[str]:
    wanted = [k for k in CHARTED if k != "nps" or _has_answers(span)]
    targeted = [t["indicator"] for y in span["years"].values() for t in y.get("targets", [])]
    targeted += [t["indicator"] for t in span.get("targets", [])]
    targeted += [t["indicator"] for t in span.get("targets_of_years_without_data", [])]
    for k in targeted:
        if k not in wanted and k in SECTION:
            wanted.append(k)
    return wanted


def _by_year(span: Figures, years: list[int], lang: str, fmt: Fmt, palette: drawing.Palette,
             chart: Any) -> Section:
    L = catalogue(lang)
    period = str(span["period"])
    section = Section("indicators", L["indicators_by_year"], "per-jaar")
    total_label = f"{L['row_total']} {period}"
    for indicator in _charted(span):
        kind = indicator_kind(indicator)
        name = indicator_name(indicator, lang)
        year_targets = {y: [t for t in span["years"][y].get("targets", []) if t["indicator"] == indicator]
                        for y in span["years"]}
        # a year without data keeps its targets, unassessed: its row says so with dashes
        for t in span.get("targets_of_years_without_data", []):
            if t["indicator"] == indicator:
                year_targets.setdefault(t["period"], []).append(t)
        span_targets = [t for t in span.get("targets", []) if t["indicator"] == indicator]
        with_targets = bool(span_targets) or any(year_targets.values())
        header = [L["col_year"], name] + ([L["col_target"], L["col_met"]] if with_targets else [])
        rows = []
        for y in sorted(set(span["years"]) | {y for y, ts in year_targets.items() if ts}):
            row = [Cell(y), fmt.cell(_value(span["years"][y], indicator) if y in span["years"] else None, kind)]
            if with_targets:
                row += _target_cells(year_targets[y], lang)
            rows.append(row)
        row = [Cell(total_label), fmt.cell(_value(span["total"], indicator), kind)]
        if with_targets:
            row += _target_cells(span_targets, lang)
        rows.append(row)
        table = Table(f"by_year_{indicator}", L["ch_by_year"].format(indicator=name), header, rows)
        values = [_value(span["years"][str(y)], indicator) if str(y) in span["years"] else None for y in years]
        # a year's target beside its bar; with several (at least and at most) the first
        marks = [float(year_targets[str(y)][0]["target"]) if year_targets.get(str(y)) else None for y in years]
        items = "; ".join(f"{y} {fmt.cell(v, kind).text}" for y, v in zip(years, values, strict=True)
                          if str(y) in span["years"])
        alt = L["ch_by_year_alt"].format(indicator=name, items=items)
        if any(m is not None for m in marks):
            alt += L["ch_by_year_targets_alt"].format(items="; ".join(
                f"{y} {target_text(ts[0], lang)}" for y, ts in sorted(year_targets.items()) if ts))
        caption = " ".join(L["span_target"].format(
            period=period, target=target_text(t, lang), realised=fmt.cell(t.get("realised"), kind).text,
            met=L["met_said_unknown" if t.get("met") is None else "met_said_yes" if t["met"] else "met_said_no"])
            for t in span_targets) or None
        key = f"by_year_{indicator}"
        axis = name.lower() if kind == COUNT else name
        section.charts.append(chart(
            key, L["ch_by_year"].format(indicator=name), alt + (f" {caption}" if caption else ""), table,
            lambda values=values, marks=marks, axis=axis, kind=kind, key=key: drawing.by_year(
                key.replace("_", "-"), [str(y) for y in years], values, marks, axis, kind, lang,
                L["no_data"], L["legend_year_target"], palette,
                missing=tuple(str(y) for y in years if str(y) not in span["years"])),
            caption))
    return section


def _target_cells(targets: list[dict[str, Any]], lang: str) -> list[Cell]:
    """The target and whether it was met, for a row of a chart's table ("–" without one)."""
    if not targets:
        return [Cell(formatting.DASH), Cell(formatting.DASH)]
    return [Cell(" / ".join(target_text(t, lang) for t in targets)),
            Cell(" / ".join(met_text(t.get("met"), lang) for t in targets))]


# --- the targets ---------------------------------------------------------------------------


def period_targets(span: Figures) -> list[dict[str, Any]]:
    """The span's targets and its years' targets in one list: per goal (in order of first
    appearance) and per indicator, the years in order and then the span."""
    every = [t for y in sorted(span["years"]) for t in span["years"][y].get("targets", [])]
    every += list(span.get("targets_of_years_without_data", []))  # listed with a dash
    every.sort(key=lambda t: t["period"])  # the years in order (those without data among them)
    every += list(span.get("targets", []))
    goals: dict[Any, None] = dict.fromkeys(t.get("goal") for t in every)
    out = []
    for goal in goals:
        mine = [t for t in every if t.get("goal") == goal]
        for indicator in dict.fromkeys(t["indicator"] for t in mine):
            out += [t for t in mine if t["indicator"] == indicator]
    return out


def _targets(span: Figures, lang: str) -> Section:
    """The targets of the span and of its years (`context.targets_section`, as the year report
    shows a year's), or a sentence saying there are none."""
    L = catalogue(lang)
    section = targets_section(period_targets(span), lang, span["period"])
    return section or Section("targets", L["targets"], "streefcijfers", facts=[L["no_targets"]])


# --- the years -----------------------------------------------------------------------------


def _the_years(span: Figures, lang: str, fmt: Fmt) -> Section:
    L = catalogue(lang)
    from socius_cli.output import ROW

    section = Section("years", L["the_years"], "de-jaren")
    columns = [(y, span["years"][y]) for y in sorted(span["years"])]
    columns.append((f"{L['row_total']} {span['period']}", span["total"]))
    head = [c for c, _ in columns]

    def table(key: str, caption: str, first: str, keys: tuple[str, ...], get: Any = _value) -> Table:
        rows = []
        for k in keys:
            if k in ("nps", "recommend_answers") and not _has_answers(span):
                continue
            if k == "requests_pending" and not any(get(f, k) for _, f in columns):
                continue
            kind = indicator_kind(k)
            rows.append([Cell(L[ROW[k]]), *(fmt.cell(get(f, k), kind) for _, f in columns)])
        return Table(key, caption, [first, *head], rows)

    section.tables += [
        table("years_open", L["tbl_years_open"], L["col_indicator"], YEAR_ROWS_OPEN),
        table("years_target_groups", L["tbl_years_target_groups"], L["col_target_group"], YEAR_ROWS_GROUPS),
        table("years_formats", L["tbl_years_formats"], L["col_format"], FORMAT_KEYS,
              get=lambda f, k: (f["open_offering"].get("formats") or {}).get(k, 0)),
        table("years_demand", L["tbl_years_demand"], L["col_indicator"], YEAR_ROWS_DEMAND),
        _listed(L, fmt, columns, "open_offering", "themes", "theme", "activities", "years_themes"),
        _listed(L, fmt, columns, "demand_driven", "topics", "topic", "requests", "years_topics"),
    ]
    return section


def _listed(L: dict[str, str], fmt: Fmt, columns: list[tuple[str, Figures]], part: str, key: str, name: str,
            field: str, table_key: str) -> Table:
    """Themes or topics: a row per name of the span's total (largest first, a blank name
    last), a column per year and the total."""
    total = columns[-1][1]
    per_column = [{_name_key(e.get(name)): e.get(field) or 0 for e in (f[part].get(key) or [])}
                  for _, f in columns]
    entries = sorted(total[part].get(key) or [], key=lambda e: (e.get(name) is None, -(e.get(field) or 0),
                                                                str(e.get(name) or "")))
    rows = [[Cell(str(e[name]) if e.get(name) is not None else L[f"no_{name}"]),
             *(fmt.count(p.get(_name_key(e.get(name)), 0)) for p in per_column)] for e in entries]
    return Table(table_key, L[f"tbl_{table_key}"], [L[f"col_{name}"], *(c for c, _ in columns)], rows)



def _name_key(text: str | None) -> str:
    """A theme or topic as the figures group it: case and spacing free."""
    return " ".join(str(text).split()).casefold() if text is not None else ""
