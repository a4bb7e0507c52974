"""The one typed object every report template receives, and how it is built from the figures.

The HTML, Markdown and workbook outputs are all made from the same `ReportContext`, so they
hold the same sections, tables and numbers. Numbers arrive in two forms on every `Cell`: the
raw value (for the workbook and for custom templates) and the text formatted for the
report's language (1.440 and 55% in Dutch, 1,440 and 55% in English).

`build_context` assembles it from one builder per section (`_year_in_short`,
`_open_offering`, `_digital_shift`, `_demand_driven`, after `_key_figures` for the cards)
and then merges the staff's text into the sections (`merge_editorial`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from socius_cli import formatting
from socius_cli.contract import FORMAT_KEYS
from socius_cli.labels import catalogue
from socius_cli.report import charts as drawing
from socius_cli.report.editorial import Editorial, Photo
from socius_cli.report.style import HouseStyle

# Cell kinds: how a raw value is shown (and which display format the workbook gives it).
TEXT, COUNT, PERCENT, CHANGE, POINTS = "text", "count", "percent", "change", "points"
NPS = "nps"  # a Net Promoter Score: a signed whole number (+34)


@dataclass(frozen=True)
class Cell:
    """One table cell.

    `text` is what a reader sees; `value` the raw value (an int or unrounded float, a
    percentage as 0-100, None for "cannot be computed"); `kind` one of text, count,
    percent, change (a signed difference of counts), points (a difference of two
    percentages, in percentage points) or nps (a Net Promoter Score, shown +34).
    """

    text: str
    value: Any = None
    kind: str = TEXT
    prefix: str = ""  # shown before the number (a target's direction: "≥ "), part of `text` too


@dataclass
class Table:
    """A table of figures: `caption`, `header` (column titles), `rows` (lists of `Cell`;
    the first cell of a row names it) and `notes` (short lines printed under it)."""

    key: str
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)


@dataclass
class Chart:
    """A chart: `title`, `alt` (a text alternative that states its numbers), `svg` (the
    chart as inline SVG markup, for HTML), `file` (its SVG file relative to the Markdown
    report) and `table` (the table with the chart's numbers)."""

    key: str
    title: str
    alt: str
    svg: str
    file: str
    table: Table
    caption: str | None = None  # a line under the title (a period report: the span's target)


@dataclass
class KeyFigure:
    """A key-figure card: `label`, `value` (raw) and `text` (formatted); with a previous
    year also `previous_text` and `change_text` (else None). In a period report `text` is
    the span's total, `spark` a small inline SVG of the years' values and `years_text` those
    values in words ("2021: 48; 2022: 50"), its text alternative."""

    key: str
    label: str
    value: Any
    text: str
    previous_text: str | None = None
    change_text: str | None = None
    spark: str | None = None
    years_text: str | None = None


@dataclass
class Section:
    """One section of the report, in reading order.

    `key` is year_in_short, targets (the year's targets, when it has any), open_offering,
    digital_shift, demand_driven, communication,
    photos, annex (the activities of the year, when the report has its rows), or text-N for
    a free section of the editorial text; `heading` its title;
    `anchor` its HTML id; `text_html` / `text_md` the staff's text for this section (or
    None); `facts` sentences stating its figures; `charts` its charts (each with its own
    table); `tables` further tables; `photos` the photo gallery (photos section only).
    """

    key: str
    heading: str
    anchor: str
    text_html: str | None = None
    text_md: str | None = None
    facts: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    targets: TargetsTable | None = None  # assessed targets, grouped by goal (`targets_table`)


@dataclass
class TargetRow:
    """One assessed target as a row: `indicator` (its label), `period`, `target` (text "≥ 55%",
    value 55, kind of the figure), `direction` ("≥" or "≤"), `realised` (the figure, formatted
    as the report formats it) and `met` (text "ja ✓" / "nee ✗" / "–", value True/False/None)."""

    indicator: Cell
    period: Cell
    target: Cell
    direction: str
    realised: Cell
    met: Cell

    @property
    def cells(self) -> list[Cell]:
        return [self.indicator, self.period, self.target, self.realised, self.met]


@dataclass
class TargetGroup:
    """The targets of one goal (doelstelling); `goal` is None for "Zonder doelstelling"."""

    goal: str | None
    heading: str
    rows: list[TargetRow]


@dataclass
class TargetsTable:
    """Assessed targets grouped by goal, in the order of first appearance: `caption`,
    `header` (indicator, period, target, realised, met), `groups` and `notes`."""

    key: str
    caption: str
    header: list[str]
    groups: list[TargetGroup]
    notes: list[str] = field(default_factory=list)


@dataclass
class ReportContext:
    """Everything a report template gets, as the single variable `report`.

    Fields:
      year            the report's year (int)
      previous_year   the year compared with (year - 1), or None when the store has no data
      organisation    the organisation's name as given (escaped by the templates)
      lang            "nl" or "en"
      labels          the language's label catalogue (dict; see `labels.py`)
      title           "Voortgangsrapport 2020" / "Progress report 2020"
      subtitle        one line under the title
      made_on         "Gemaakt op 27 november 2025 met socius." (date via Babel)
      key_figures     list of KeyFigure: the cards at the top
      key_figures_note  the line under the cards that says what their second line holds
                      (the previous year and the change), or None without a previous year;
      key_figures_note_md  the same for the Markdown list, where they stand in brackets
      sections        list of Section, in reading order
      charts          dict chart key -> Chart (key_figures, themes, target_groups,
                      formats, funnel, topics; only those that were drawn)
      photos          every Photo of the editorial text, in order of appearance
      notes           footnotes (what a dash means; what pp means)
      stats, previous the raw figures (the contract's JSON shape), previous may be None
      style           the house style (`style.HouseStyle`): logo (a data URI or None) and
                      colours (`colour`, `accent`, `tint`, `wash`), from `[report]` in socius.toml
      period          a period report (`socius report 2016-2020`): "2016-2020", with `year` its
                      last year and `stats` the span's object (`figures.span`); None for a year
    """

    year: int
    previous_year: int | None
    organisation: str
    lang: str
    labels: dict[str, str]
    title: str
    subtitle: str
    made_on: str
    key_figures: list[KeyFigure]
    key_figures_note: str | None
    key_figures_note_md: str | None
    sections: list[Section]
    charts: dict[str, Chart]
    photos: list[Photo]
    notes: list[str]
    stats: dict[str, Any]
    previous: dict[str, Any] | None
    style: HouseStyle = field(default_factory=HouseStyle)
    period: str | None = None


# ----------------------------------------------------------------------------- builder


class Fmt:
    """Formatting bound to one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def count(self, v: Any) -> Cell:
        if v is None:
            return Cell(formatting.DASH, None, COUNT)
        if float(v).is_integer():
            return Cell(formatting.number(v, self.lang), v, COUNT)
        return Cell(formatting.amount(v, self.lang), v, COUNT)  # half days: 3,5

    def pct(self, v: Any) -> Cell:
        return Cell(formatting.percent(v, self.lang), v, PERCENT)

    def diff(self, cur: Any, prev: Any, kind: str) -> Cell:
        if cur is None or prev is None:
            return Cell(formatting.DASH, None, POINTS if kind == PERCENT else CHANGE)
        if kind == PERCENT:
            # the change between the percentages as shown (55% and 55% is 0 pp, not +1 pp)
            d = float(formatting.round_half_up(cur) - formatting.round_half_up(prev))
            return Cell(formatting.change(d, self.lang, " pp"), d, POINTS)
        if kind == NPS:  # between the scores as shown
            d = float(formatting.round_half_up(cur) - formatting.round_half_up(prev))
            return Cell(formatting.change(d, self.lang), d, CHANGE)
        d = cur - prev
        if float(d).is_integer():
            return Cell(formatting.change(d, self.lang), d, CHANGE)
        sign = "+" if d > 0 else "−"
        return Cell(sign + formatting.amount(abs(d), self.lang), d, CHANGE)

    def cell(self, v: Any, kind: str) -> Cell:
        if kind == NPS:
            return Cell(formatting.nps(v, self.lang), v, NPS)
        return self.pct(v) if kind == PERCENT else self.count(v)


@dataclass
class _Report:
    """What every section builder shares: the language, the years, and the charts drawn so far
    (in drawing order, which is the order of `ReportContext.charts`)."""

    L: dict[str, str]
    fmt: Fmt
    year: int
    pyear: int | None  # None: no previous year to compare with
    organisation: str
    asset_dir: str
    draw_charts: bool
    palette: drawing.Palette
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def compare(self) -> bool:
        return self.pyear is not None

    def header(self, first: str) -> list[str]:
        """A table header: `first`, this year, and with a previous year that year and the change."""
        h = [first, str(self.year)]
        if self.compare:
            h += [str(self.pyear), self.L["col_change"]]
        return h

    def row(self, label: str, cur: Any, prev: Any, kind: str) -> list[Cell]:
        """A table row under `header`: `label`, this year's value, and (compared) the previous one
        and the change."""
        cells = [Cell(label), self.fmt.cell(cur, kind)]
        if self.compare:
            cells += [self.fmt.cell(prev, kind), self.fmt.diff(cur, prev, kind)]
        return cells

    def pp_notes(self) -> list[str]:
        """The notes of a table that compares percentages (only a comparison has pp)."""
        return [self.L["pp_note"]] if self.compare else []

    def chart(self, key: str, title: str, alt: str, table: Table, draw: Callable[[], str]) -> Chart:
        """A chart with its table, recorded under `key`; `draw` makes its SVG (not called when
        the output needs no charts)."""
        svg = draw() if self.draw_charts else ""
        c = Chart(key, title, alt, svg, chart_file(key, self.asset_dir), table)
        self.charts[key] = c
        return c


# The charts a report can have, in reading order; each is written to `chart_file(key)`.
CHART_KEYS = ("key_figures", "themes", "target_groups", "formats", "funnel", "topics")


def chart_file(key: str, asset_dir: str = "") -> str:
    """The SVG file of chart `key`, relative to the Markdown report."""
    return f"{asset_dir}/chart-{key}.svg" if asset_dir else f"chart-{key}.svg"


def _get(d: dict[str, Any] | None, *path: str) -> Any:
    """d[path[0]][path[1]]..., or None where a level is missing."""
    value: Any = d
    for key in path:
        if value is None:
            return None
        value = value.get(key)
    return value


def _share(part: Any, whole: Any) -> float | None:
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def _items(pairs: Iterable[tuple[str, str]]) -> str:
    """Name-value pairs for a chart's text alternative: "a 1; b 2"."""
    return "; ".join(f"{a} {b}" for a, b in pairs)


def _named(items: list[dict[str, Any]] | None, name: str, blank: str) -> list[dict[str, Any]]:
    """Themes or topics with their `name` as text; a blank name (None) becomes `blank` and is
    marked `_blank` (listed last)."""
    return [{**t, name: blank if t.get(name) is None else str(t.get(name)),
             "_blank": t.get(name) is None} for t in items or []]


def build_context(
    *,
    stats: dict[str, Any],
    previous: dict[str, Any] | None,
    lang: str,
    organisation: str,
    editorial: Editorial | None = None,
    asset_dir: str = "",
    today: date | None = None,
    draw_charts: bool = True,
    style: HouseStyle | None = None,
    annex: Any = None,
    published: Any = None,
    targets: list[dict[str, Any]] | None = None,
) -> ReportContext:
    """Build the context of one report.

    `editorial` is the staff's text (or None); `asset_dir` the folder, relative to a
    Markdown report, that holds its chart and photo files; `today` the date printed in
    the footer; `draw_charts=False` skips the charts (the workbook needs no charts);
    `style` the house style (default: socius' own colours, no logo); `annex` the rows
    behind the figures (`figures.explain.annex`), which add the section "Activiteiten YEAR"
    at the end; `published` the year's `PublishedStatus` when it was published, whose
    differences are listed in the year in short; `targets` the year's assessed targets
    (`figures.targets.assess`), shown in the section "Streefcijfers" after the year in short.
    """
    L = catalogue(lang)
    year = int(stats["year"])
    style = style or HouseStyle()
    r = _Report(L, Fmt(lang), year, int(previous["year"]) if previous is not None else None,
                organisation, asset_dir, draw_charts,
                drawing.Palette(style.colour, style.accent, style.tint))
    oo = stats.get("open_offering") or {}
    dd = stats.get("demand_driven") or {}
    poo = _get(previous, "open_offering") or {}
    pdd = _get(previous, "demand_driven") or {}

    key_figures = _key_figures(r, stats, previous)
    builtin = [
        _year_in_short(r, stats, previous, key_figures),
        _open_offering(r, oo, poo),
        _digital_shift(r, oo, poo),
        _demand_driven(r, dd, pdd),
    ]
    goals = targets_section(targets or [], lang, str(year))
    if goals is not None:
        builtin.insert(1, goals)
    _nps_card(r, key_figures, oo, poo)  # after the year in short: its chart has the six cards
    if published is not None and published.differences:
        published_differences(builtin[0], r.year, published, lang)
    sections = merge_editorial(builtin, editorial, L)
    if annex is not None and "open_offering" in annex:
        sections.append(_annex_section(annex["open_offering"], year, lang, L))
    notes = [L["dash_note"]]
    if r.compare:
        notes.append(L["pp_note"])
    years = {"previous": r.pyear, "year": year}
    return ReportContext(
        year=year,
        previous_year=r.pyear,
        organisation=organisation,
        lang=lang,
        labels=L,
        title=L["report_title"].format(year=year),
        subtitle=L["report_subtitle"].format(organisation=organisation, year=year),
        made_on=L["made_on"].format(date=formatting.date(today, lang)),
        key_figures=key_figures,
        key_figures_note=L["kf_note_cards"].format(**years) if r.compare else None,
        key_figures_note_md=L["kf_note_brackets"].format(**years) if r.compare else None,
        sections=sections,
        charts=r.charts,
        photos=list(editorial.photos) if editorial is not None else [],
        notes=notes,
        stats=stats,
        previous=previous,
        style=style,
    )


# --- key figures and the year in short ---------------------------------------------------

# The cards at the top: (key, label, figure, kind).
_KEY_FIGURES = (
    ("activities", "kf_activities", ("open_offering", "activities"), COUNT),
    ("half_days", "kf_half_days", ("open_offering", "half_days"), COUNT),
    ("persons_reached", "kf_persons_reached", ("open_offering", "persons_reached"), COUNT),
    ("satisfaction_pct", "kf_satisfaction", ("open_offering", "satisfaction_pct"), PERCENT),
    ("recognised_reach_pct", "kf_reach", ("open_offering", "recognised_reach_pct"), PERCENT),
    ("requests_supported", "kf_supported", ("demand_driven", "requests_supported"), COUNT),
)

# The key-figures table of the year in short: (label, figure, kind).
_YEAR_ROWS = (
    ("row_activities", ("open_offering", "activities"), COUNT),
    ("row_half_days", ("open_offering", "half_days"), COUNT),
    ("row_participations", ("open_offering", "participations"), COUNT),
    ("row_persons_reached", ("open_offering", "persons_reached"), COUNT),
    ("row_satisfaction", ("open_offering", "satisfaction_pct"), PERCENT),
    ("row_reach", ("open_offering", "recognised_reach_pct"), PERCENT),
    ("row_requests_received", ("demand_driven", "requests_received"), COUNT),
    ("row_requests_supported", ("demand_driven", "requests_supported"), COUNT),
)


def _key_figures(r: _Report, stats: dict[str, Any], previous: dict[str, Any] | None) -> list[KeyFigure]:
    """The cards at the top, with the previous year's value and the change when compared."""
    key_figures = []
    for key, label, path, kind in _KEY_FIGURES:
        cur = _get(stats, *path)
        kf = KeyFigure(key, r.L[label], cur, r.fmt.cell(cur, kind).text)
        if r.compare:
            prev = _get(previous, *path)
            kf.previous_text = r.fmt.cell(prev, kind).text
            kf.change_text = r.fmt.diff(cur, prev, kind).text
        key_figures.append(kf)
    return key_figures


def _year_in_short(r: _Report, stats: dict[str, Any], previous: dict[str, Any] | None,
                   key_figures: list[KeyFigure]) -> Section:
    """The key figures as a table; compared with the previous year, as a chart (with that
    table) instead."""
    L = r.L
    section = Section("year_in_short", L["year_in_short"], "jaar")
    table = Table("key_figures", L["tbl_key_figures"].format(year=r.year), r.header(L["col_indicator"]),
                  [r.row(L[label], _get(stats, *path), _get(previous, *path), kind)
                   for label, path, kind in _YEAR_ROWS])
    pyear = r.pyear
    if pyear is None:
        section.tables.append(table)
        return section
    bars = [(kf.label, _get(previous, *path), kf.value, kind == PERCENT)
            for kf, (_key, _label, path, kind) in zip(key_figures, _KEY_FIGURES, strict=True)]
    alt = L["ch_key_figures_alt"].format(
        previous=pyear, year=r.year,
        items=_items((kf.label, f"{kf.previous_text} → {kf.text}") for kf in key_figures))
    section.charts.append(r.chart(
        "key_figures", L["ch_key_figures"].format(previous=pyear, year=r.year), alt, table,
        lambda: drawing.key_figures(bars, pyear, r.year, r.fmt.lang, r.palette)))
    return section


# --- open offering -----------------------------------------------------------------------

_TARGET_GROUPS = (("row_primary", "primary_share_pct"), ("row_secondary", "secondary_share_pct"))

# The satisfaction-and-reach table: (label, figure, kind).
_SATISFACTION_REACH_ROWS = (
    ("row_satisfaction", "satisfaction_pct", PERCENT),
    ("row_nps", "nps", NPS),  # only when either year has recommendation answers
    ("row_recognised_total", "recognised_orgs_total", COUNT),
    ("row_recognised_reached", "recognised_orgs_reached", COUNT),
    ("row_reach", "recognised_reach_pct", PERCENT),
)


def _open_offering(r: _Report, oo: dict[str, Any], poo: dict[str, Any]) -> Section:
    """Facts, then themes, target groups, and satisfaction and reach."""
    L, n, p = r.L, r.fmt.count, r.fmt.pct
    section = Section("open_offering", L["open_offering"], "open-aanbod")
    section.facts.append(L["fact_offering"].format(
        activities=n(oo.get("activities")).text, half_days=n(oo.get("half_days")).text,
        persons=n(oo.get("persons_reached")).text, organisation=r.organisation))
    section.facts.append(L["fact_target_groups"].format(
        primary=p(oo.get("primary_share_pct")).text, secondary=p(oo.get("secondary_share_pct")).text))
    if oo.get("unknown_target_group"):
        section.facts.append(L["fact_unknown"].format(unknown=n(oo.get("unknown_target_group")).text))
    section.facts.append(L["fact_satisfaction"].format(satisfaction=p(oo.get("satisfaction_pct")).text))
    if oo.get("recommend_answers"):
        section.facts.append(L["fact_nps"].format(answers=n(oo.get("recommend_answers")).text,
                                                  nps=r.fmt.cell(oo.get("nps"), NPS).text))
    section.facts.append(L["fact_reach"].format(
        reached=n(oo.get("recognised_orgs_reached")).text, total=n(oo.get("recognised_orgs_total")).text,
        reach=p(oo.get("recognised_reach_pct")).text))

    _add_ranked(r, section, "themes", "theme", ("activities", "half_days", "participations"),
                oo.get("themes"), poo.get("themes"))
    _add_target_groups(r, section, oo, poo)
    section.tables.append(Table(
        "satisfaction_reach", L["tbl_satisfaction_reach"], r.header(L["col_indicator"]),
        [r.row(L[label], oo.get(k), poo.get(k), kind) for label, k, kind in _SATISFACTION_REACH_ROWS
         if k != "nps" or oo.get("recommend_answers") or poo.get("recommend_answers")],
        r.pp_notes()))
    return section


def _add_ranked(r: _Report, section: Section, key: str, name: str, columns: tuple[str, ...],
                items: list[dict[str, Any]] | None, previous_items: list[dict[str, Any]] | None) -> None:
    """Themes or topics (`key`; each named by `name` and counting `columns`, the first of which
    is ranked, charted and compared): a bar chart, with the table, of the names that count
    this year; with none, a sentence that says so, and the table when it still has rows.

    Labels: tbl_KEY, ch_KEY, ch_KEY_alt, no_KEY; col_NAME, no_NAME (a blank name); col_COLUMN,
    col_FIRST_year and axis_FIRST for the columns.
    """
    L, n = r.L, r.fmt.count
    ranked_by = columns[0]
    blank = L[f"no_{name}"]
    current = sorted(_named(items, name, blank),
                     key=lambda t: (t["_blank"], -(t.get(ranked_by) or 0), t[name]))
    bars = [(str(t[name]), t[ranked_by]) for t in current if t.get(ranked_by)]
    before = {t[name]: t for t in _named(previous_items, name, blank)}
    header = [L[f"col_{name}"], *(L[f"col_{c}"] for c in columns)]
    if r.compare:
        # names of the previous year only, with zeros this year
        seen = {t[name] for t in current}
        current += [{name: k, **dict.fromkeys(columns, 0)} for k in sorted(before) if k not in seen]
        header += [L[f"col_{ranked_by}_year"].format(year=r.pyear), L["col_change"]]
    rows = []
    for t in current:
        row = [Cell(t[name]), *(n(t.get(c)) for c in columns)]
        if r.compare:
            prev = (before.get(t[name]) or {}).get(ranked_by, 0)
            row += [n(prev), r.fmt.diff(t.get(ranked_by), prev, COUNT)]
        rows.append(row)
    table = Table(key, L[f"tbl_{key}"], header, rows)
    if bars:
        alt = L[f"ch_{key}_alt"].format(items=_items((a, n(b).text) for a, b in bars))
        section.charts.append(r.chart(
            key, L[f"ch_{key}"], alt, table,
            lambda: drawing.hbars(key, bars, L[f"axis_{ranked_by}"], r.fmt.lang, L["row_other"],
                                  palette=r.palette)))
    else:
        section.facts.append(L[f"no_{key}"])
        if table.rows:
            section.tables.append(table)


def _add_target_groups(r: _Report, section: Section, oo: dict[str, Any], poo: dict[str, Any]) -> None:
    """The participations by target group: a stacked bar (with the table) when both shares
    are known, else the table alone."""
    L, n, p = r.L, r.fmt.count, r.fmt.pct
    known = None  # participations whose target group is known
    if oo.get("participations") is not None:
        known = (oo.get("participations") or 0) - (oo.get("unknown_target_group") or 0)

    def participations(pct: Any) -> Any:
        return None if pct is None or known is None else round(pct * known / 100)

    header = [L["col_target_group"], L["col_participations"], L["col_share"]]
    if r.compare:
        header += [f"{L['col_share']} {r.pyear}", L["col_change"]]
    rows = []
    for label, k in _TARGET_GROUPS:
        row = [Cell(L[label]), n(participations(oo.get(k))), p(oo.get(k))]
        if r.compare:
            row += [p(poo.get(k)), r.fmt.diff(oo.get(k), poo.get(k), PERCENT)]
        rows.append(row)
    if oo.get("unknown_target_group"):
        row = [Cell(L["row_unknown"]), n(oo.get("unknown_target_group")), Cell(formatting.DASH)]
        if r.compare:
            row += [Cell(formatting.DASH), Cell(formatting.DASH)]
        rows.append(row)
    table = Table("target_groups", L["tbl_target_groups"], header, rows, r.pp_notes())

    shares = [(L[label], oo.get(k)) for label, k in _TARGET_GROUPS]
    if any(v is None for _, v in shares):
        section.tables.append(table)
        return
    bars = [(str(r.year), [v or 0.0 for _, v in shares])]
    if r.compare and poo.get("primary_share_pct") is not None:
        bars.insert(0, (str(r.pyear), [poo.get(k) or 0.0 for _, k in _TARGET_GROUPS]))
    alt = L["ch_target_groups_alt"].format(items=_items((a, p(b).text) for a, b in shares))
    section.charts.append(r.chart(
        "target_groups", L["ch_target_groups"], alt, table,
        lambda: drawing.stacked_shares(bars, [a for a, _ in shares], L["axis_share"], r.fmt.lang,
                                       r.palette)))


# --- the digital shift -------------------------------------------------------------------


def _digital_shift(r: _Report, oo: dict[str, Any], poo: dict[str, Any]) -> Section:
    """The activities by format (on site, online, blended): a fact and a chart with its table."""
    L, n, p = r.L, r.fmt.count, r.fmt.pct
    section = Section("digital_shift", L["digital_shift"], "digitale-omslag")
    formats = oo.get("formats") or {}
    pformats = poo.get("formats") or {}
    section.facts.append(L["fact_formats"].format(
        activities=n(oo.get("activities")).text, **{k: n(formats.get(k)).text for k in FORMAT_KEYS}))
    labels = {k: L["row_" + k] for k in FORMAT_KEYS}
    cur = {k: formats.get(k, 0) for k in FORMAT_KEYS}
    prev = {k: pformats.get(k, 0) for k in FORMAT_KEYS}
    total = sum(v or 0 for v in cur.values())
    ptotal = sum(v or 0 for v in prev.values())

    def row(label: str, value: Any, previous: Any) -> list[Cell]:
        cells = [Cell(label), n(value), p(_share(value, total))]
        if r.compare:
            cells += [n(previous), r.fmt.diff(value, previous, COUNT)]
        return cells

    header = [L["col_format"], L["col_activities"], L["col_share"]]
    if r.compare:
        header += [L["col_activities_year"].format(year=r.pyear), L["col_change"]]
    rows = [row(labels[k], cur[k], prev[k]) for k in FORMAT_KEYS]
    rows.append(row(L["row_total"], total, ptotal))
    table = Table("formats", L["tbl_formats"], header, rows)

    series = [(str(r.year), [cur[k] or 0 for k in FORMAT_KEYS])]
    if r.compare:
        series.insert(0, (str(r.pyear), [prev[k] or 0 for k in FORMAT_KEYS]))
    alt = L["ch_formats_alt"].format(items=_items((labels[k], n(cur[k]).text) for k in FORMAT_KEYS))
    section.charts.append(r.chart(
        "formats", L["ch_formats"], alt, table,
        lambda: drawing.grouped_bars(list(labels.values()), series, L["axis_activities"], r.fmt.lang,
                                     r.palette)))
    return section


# --- demand-driven work ------------------------------------------------------------------

# The requests from received to supported: (label, figure). The chart draws the decisions
# (declined, accepted, pending) as parts of the received requests, not as funnel steps.
_FUNNEL_STEPS = (
    ("row_received", "requests_received"),
    ("row_declined", "requests_declined"),
    ("row_accepted", "requests_accepted"),
    ("row_pending", "requests_pending"),
    ("row_supported", "requests_supported"),
)
# The funnel table's rows after the steps: (label, figure).
_SUPPORT_ROWS = (
    ("row_supported_primary", "supported_primary"),
    ("row_supported_secondary", "supported_secondary"),
    ("row_support_participants", "support_participants"),
)


def _demand_driven(r: _Report, dd: dict[str, Any], pdd: dict[str, Any]) -> Section:
    """Facts, the funnel of the requests, and the topics."""
    L, n = r.L, r.fmt.count
    section = Section("demand_driven", L["demand_driven"], "vraaggestuurde-werking")
    section.facts.append(L["fact_requests"].format(
        organisation=r.organisation, year=r.year,
        received=n(dd.get("requests_received")).text, declined=n(dd.get("requests_declined")).text,
        accepted=n(dd.get("requests_accepted")).text, supported=n(dd.get("requests_supported")).text))
    if dd.get("requests_pending"):
        section.facts.append(L["fact_pending"].format(pending=n(dd.get("requests_pending")).text))
    section.facts.append(L["fact_supported_groups"].format(
        primary=n(dd.get("supported_primary")).text, secondary=n(dd.get("supported_secondary")).text,
        participants=n(dd.get("support_participants")).text))

    _add_funnel(r, section, dd, pdd)
    _add_ranked(r, section, "topics", "topic", ("requests",), dd.get("topics"), pdd.get("topics"))
    return section


def _add_funnel(r: _Report, section: Section, dd: dict[str, Any], pdd: dict[str, Any]) -> None:
    """The requests from received to supported: a chart of the received requests, the same
    requests split by decision, and the supported ones among the accepted; with the table,
    which also counts the supported requests by target group and their participants."""
    L, n = r.L, r.fmt.count
    # pending requests get a row only when one of the two years has some
    show_pending = bool(dd.get("requests_pending") or pdd.get("requests_pending"))
    steps = [s for s in _FUNNEL_STEPS if show_pending or s[1] != "requests_pending"]
    table = Table("funnel", L["tbl_funnel"], r.header(L["col_step"]),
                  [r.row(L[label], dd.get(k), pdd.get(k), COUNT) for label, k in steps + list(_SUPPORT_ROWS)])
    value = {k: dd.get(k) or 0 for _label, k in steps}
    if not value["requests_received"]:  # nothing to draw: the table alone (its previous year may have some)
        section.tables.append(table)
        return
    # every decision in its place, parts of none included, so that each keeps its look in the chart
    decided = [(L[f"row_{k}"], value[f"requests_{k}"]) for k in ("accepted", "declined", "pending")
               if f"requests_{k}" in value]
    alt = L["ch_funnel_alt"].format(items=_items((L[label], n(value[k]).text) for label, k in steps))
    section.charts.append(r.chart(
        "funnel", L["ch_funnel"], alt, table,
        lambda: drawing.requests((L["row_received"], value["requests_received"]), decided,
                                 (L["row_supported"], value["requests_supported"]), L["row_decision"],
                                 L["axis_requests"], r.fmt.lang, r.palette)))


# --- targets -----------------------------------------------------------------------------

def targets_section(targets: list[dict[str, Any]], lang: str, period: str) -> Section | None:
    """The section "Streefcijfers" for assessed targets of `period` ('2020' or '2016-2020'):
    how many were met, then `targets_table`; None without targets (no section). The year
    report and the policy-period report both use it."""
    if not targets:
        return None
    L, n = catalogue(lang), Fmt(lang).count
    assessed = [t for t in targets if t["met"] is not None]
    met, unknown = sum(1 for t in assessed if t["met"]), len(targets) - len(assessed)
    if len(targets) == 1:  # one target: said in the singular, named by its own period (a
        # period report's one target may be of one of its years)
        word = "fact_target_open" if unknown else "fact_target_met" if met else "fact_target_not_met"
        facts = [L[word].format(period=str(targets[0].get("period") or period))]
    else:
        # a period report also holds the targets of its years
        words = "fact_targets_span" if any(t["period"] != period for t in targets) else "fact_targets"
        facts = [L[words + "_met_one" if met == 1 else words].format(
            met=n(met).text, n=n(len(targets)).text, period=period)]
        if unknown:
            facts.append(L["fact_targets_open_one"] if unknown == 1 else
                         L["fact_targets_open"].format(open=n(unknown).text))
    table = targets_table(targets, lang)
    if "-" in period:  # a policy period: its own targets are for the total, not for each year
        table.notes.insert(0, L["targets_note_period"])
    return Section("targets", L["targets"], "streefcijfers", facts=facts, targets=table)


# --- the staff's text --------------------------------------------------------------------


def merge_editorial(builtin: list[Section], editorial: Editorial | None, L: dict[str, str]) -> list[Section]:
    """Place the staff's text: text for a built-in section goes into it; a free section
    follows the built-in section that precedes it in the text file; communication and
    photos get their own sections (only when the text has them)."""
    if editorial is None:
        return builtin
    by_key = {s.key: s for s in builtin}
    for key, anchor in (("communication", "communicatie"), ("photos", "fotos")):
        if any(ts.key == key for ts in editorial.sections):
            by_key[key] = Section(key, L[key], anchor)
    after: dict[str, list[Section]] = {k: [] for k in by_key}
    first = builtin[0].key  # the introduction opens the first section (the year in short)
    if editorial.intro is not None:
        by_key[first].text_html = editorial.intro.html
        by_key[first].text_md = editorial.intro.markdown
    free = 0
    for ts in editorial.sections:
        own = first if ts.key == "year_in_short" else ts.key
        if own in by_key:
            s = by_key[own]
            s.text_html = (s.text_html or "") + ts.block.html
            s.text_md = ((s.text_md + "\n\n") if s.text_md else "") + ts.block.markdown
            if ts.key == "photos":
                s.photos.extend(ts.gallery)
        else:
            free += 1
            after[ts.after if ts.after in after else first].append(
                Section(f"text-{free}", ts.heading, f"tekst-{free}", ts.block.html,
                        ts.block.markdown))
    out: list[Section] = []
    for s in by_key.values():
        out.append(s)
        out.extend(after[s.key])
    for s in out:
        if s.text_md is not None and not s.text_md.strip():
            s.text_md = None
        if s.text_html is not None and not s.text_html.strip():
            s.text_html = None
    return out



def _nps_card(r: _Report, key_figures: list[KeyFigure], oo: dict[str, Any], poo: dict[str, Any]) -> None:
    """The NPS card, beside satisfaction, when the year has recommendation answers."""
    if not oo.get("recommend_answers"):
        return
    fmt = r.fmt
    kf = KeyFigure("nps", r.L["kf_nps"], oo.get("nps"), fmt.cell(oo.get("nps"), NPS).text)
    if r.compare and poo.get("recommend_answers"):
        kf.previous_text = fmt.cell(poo.get("nps"), NPS).text
        kf.change_text = fmt.diff(oo.get("nps"), poo.get("nps"), NPS).text
    at = next((i + 1 for i, k in enumerate(key_figures) if k.key == "satisfaction_pct"), len(key_figures))
    key_figures.insert(at, kf)


def published_differences(section: Section, year: int, published: Any, lang: str, in_period: bool = False) -> None:
    """A published year whose figures differ from what was published (`PublishedStatus`): a
    note and a table, put first in `section` (the year report's first section, or the years
    of a period report)."""
    from socius_cli.output import figure_name, figure_values

    L, fmt = catalogue(lang), Fmt(lang)
    day = formatting.date(_iso_day(published.at), lang)
    section.facts.insert(0, L["published_note"].format(
        year=year, date=day, n=fmt.count(len(published.differences)).text))
    section.tables.insert(0, Table(
        "published", (f"{year}: " if in_period else "") + L["tbl_published"].format(date=day),
        [L["col_indicator"], L["col_published"], L["col_now"]],
        [[Cell(figure_name(d, lang)), *(Cell(text, value, TEXT) for text, value
                                        in zip(figure_values(d, lang), (d.old, d.new), strict=True))]
         for d in published.differences]))

def _iso_day(at: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(at[:10])


def _annex_section(ex: Any, year: int, lang: str, L: dict[str, str]) -> Section:
    """The annex "Activiteiten YEAR": per activity its date, title, format, half days,
    participations and satisfaction (a table funders ask for)."""
    from socius_cli.explanations import cell_text

    fmt = Fmt(lang)
    columns = ("date", "title", "format", "half_days", "participations", "satisfaction_pct")
    rows = [[Cell(cell_text("date", r["date"], lang)), Cell(r["title"]),
             Cell(cell_text("format", r["format"], lang)), fmt.count(r["half_days"]),
             fmt.count(r["participations"]), fmt.pct(r["satisfaction_pct"])] for r in ex.rows]
    heading = L["annex_activities"].format(year=year)
    table = Table("annex_activities", heading, [L[f"ex_col_{c}"] for c in columns], rows,
                  [L["annex_note"]])
    return Section("annex", heading, "bijlage-activiteiten", tables=[table])


# --- targets (streefcijfers) -------------------------------------------------------------

def indicator_kind(indicator: str) -> str:
    """How a figure of `indicator` is shown: a percentage, an NPS or a count."""
    return PERCENT if indicator.endswith("_pct") else NPS if indicator == "nps" else COUNT


def _natural(text: str) -> list[tuple[int, int | str]]:
    """A sort key that compares the numbers in a text as numbers: OD1.2 < OD1.10."""
    import re

    return [(0, int(part)) if part.isdigit() else (1, part.casefold())
            for part in re.split(r"(\d+)", text) if part]


def targets_table(targets: Iterable[dict[str, Any]], lang: str, key: str = "targets") -> TargetsTable:
    """Assessed targets (the contract's `targets` entries: indicator, period, goal, direction,
    target, realised, met) as a table grouped by goal, goals in the order of their numbering and
    the targets of a goal in the order given; targets without a goal come last, under
    "Zonder doelstelling". The one builder for a list of assessed targets, in a year report
    as in a period report."""
    from socius_cli.output import DIRECTION_SIGN, indicator_name, met_text, target_text

    L, fmt = catalogue(lang), Fmt(lang)
    groups: dict[str | None, TargetGroup] = {}
    for t in targets:
        kind = indicator_kind(t["indicator"])
        sign = DIRECTION_SIGN[t["direction"]]
        # a goal typed again on every row: other capitals or spacing are the same goal, shown
        # as it was first typed
        goal = " ".join((t.get("goal") or "").split()) or None
        group = groups.setdefault(goal and goal.casefold(), TargetGroup(goal, goal or L["no_goal"], []))
        group.rows.append(TargetRow(
            indicator=Cell(indicator_name(t["indicator"], lang)),
            period=Cell(str(t["period"])),
            target=Cell(target_text(t, lang), t["target"], kind, prefix=sign + " "),
            direction=sign,
            realised=fmt.cell(t.get("realised"), kind),
            met=Cell(met_text(t.get("met"), lang), t.get("met"), TEXT)))
    # goals in the plan's own numbering (SD1 OD1.2 before SD1 OD1.10 and SD2), whatever the
    # order of the rows; the targets without a goal last
    ordered = sorted((g for goal, g in groups.items() if goal is not None), key=lambda g: _natural(g.heading))
    if None in groups:
        ordered.append(groups[None])
    return TargetsTable(key, L["tbl_targets_by_goal"],
                        [L["col_indicator"], L["col_period"], L["col_target"], L["col_realised"], L["col_met"]],
                        ordered, [L["targets_note"]])
