"""The one typed object every report template receives, and how it is built from the figures.

The HTML, Markdown and workbook outputs are all made from the same `ReportContext`, so they
hold the same sections, tables and numbers. Numbers arrive in two forms on every `Cell`: the
raw value (for the workbook and for custom templates) and the text formatted for the
report's language (1.440 and 55% in Dutch, 1,440 and 55% in English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from socius_cli import formatting

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


@dataclass
class KeyFigure:
    """A key-figure card: `label`, `value` (raw) and `text` (formatted); with a previous
    year also `previous_text` and `change_text` (else None)."""

    key: str
    label: str
    value: Any
    text: str
    previous_text: str | None = None
    change_text: str | None = None


@dataclass
class Photo:
    """A photo from the editorial text: `caption`, `credit` (or None), `src` (the image as a
    data URI, for HTML), `file` (its copy relative to the Markdown report) and `path` (the
    original file)."""

    caption: str
    credit: str | None
    src: str
    file: str
    path: Any


@dataclass
class Section:
    """One section of the report, in reading order.

    `key` is year_in_short, open_offering, digital_shift, demand_driven, communication,
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
      sections        list of Section, in reading order
      charts          dict chart key -> Chart (key_figures, themes, target_groups,
                      formats, funnel, topics; only those that were drawn)
      photos          every Photo of the editorial text, in order of appearance
      notes           footnotes (what a dash means; what pp means)
      stats, previous the raw figures (the contract's JSON shape), previous may be None
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
    sections: list[Section]
    charts: dict[str, Chart]
    photos: list[Photo]
    notes: list[str]
    stats: dict[str, Any]
    previous: dict[str, Any] | None


# ----------------------------------------------------------------------------- builder


class _Fmt:
    """Formatting bound to one language."""

    def __init__(self, lang: str):
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


def _get(d: dict[str, Any] | None, *path: str) -> Any:
    for p in path:
        if d is None:
            return None
        d = d.get(p)  # type: ignore[assignment]
    return d


def _row(fmt: _Fmt, label: str, cur: Any, prev: Any, kind: str, compare: bool) -> list[Cell]:
    cells = [Cell(label), fmt.cell(cur, kind)]
    if compare:
        cells += [fmt.cell(prev, kind), fmt.diff(cur, prev, kind)]
    return cells


def _share(part: Any, whole: Any) -> float | None:
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def build_context(
    *,
    stats: dict[str, Any],
    previous: dict[str, Any] | None,
    lang: str,
    organisation: str,
    editorial: Any = None,
    asset_dir: str = "",
    today: Any = None,
    draw_charts: bool = True,
    annex: Any = None,
    published: Any = None,
) -> ReportContext:
    """Build the context of one report.

    `editorial` is an `editorial.Editorial` (or None); `asset_dir` the folder, relative to
    a Markdown report, that holds its chart and photo files; `today` the date printed in
    the footer; `draw_charts=False` skips matplotlib (the workbook needs no charts);
    `annex` the rows behind the figures (`figures.explain.annex`), which add the section
    "Activiteiten YEAR" at the end; `published` the year's `PublishedStatus` when it was
    published, whose differences are listed in the year in short.
    """
    from socius_cli.report import charts as charts_mod
    from socius_cli.labels import catalogue

    L = catalogue(lang)
    fmt = _Fmt(lang)
    year = int(stats["year"])
    compare = previous is not None
    pyear = int(previous["year"]) if previous is not None else None
    oo = stats.get("open_offering", {}) or {}
    dd = stats.get("demand_driven", {}) or {}
    poo = _get(previous, "open_offering") or {}
    pdd = _get(previous, "demand_driven") or {}
    n = fmt.count
    p = fmt.pct

    def header(first: str, col: str | None = None) -> list[str]:
        h = [first, col or str(year)]
        if compare:
            h += [(col + " " + str(pyear)) if col else str(pyear), L["col_change"]]
        return h

    def yheader(first: str, *cols: str) -> list[str]:
        return [first, *cols]

    charts: dict[str, Chart] = {}

    def chart(key: str, title: str, alt: str, table: Table, draw: Any) -> Chart | None:
        svg = draw() if draw_charts else ""
        c = Chart(key, title, alt, svg, f"{asset_dir}/chart-{key}.svg" if asset_dir else
                  f"chart-{key}.svg", table)
        charts[key] = c
        return c

    def items(pairs: list[tuple[str, str]]) -> str:
        return "; ".join(f"{a} {b}" for a, b in pairs)

    # --- key figures --------------------------------------------------------------
    kf_spec = [
        ("activities", "kf_activities", ("open_offering", "activities"), COUNT),
        ("half_days", "kf_half_days", ("open_offering", "half_days"), COUNT),
        ("persons_reached", "kf_persons_reached", ("open_offering", "persons_reached"), COUNT),
        ("satisfaction_pct", "kf_satisfaction", ("open_offering", "satisfaction_pct"), PERCENT),
        ("recognised_reach_pct", "kf_reach", ("open_offering", "recognised_reach_pct"), PERCENT),
        ("requests_supported", "kf_supported", ("demand_driven", "requests_supported"), COUNT),
    ]
    key_figures: list[KeyFigure] = []
    for key, label, path, kind in kf_spec:
        cur = _get(stats, *path)
        kf = KeyFigure(key, L[label], cur, fmt.cell(cur, kind).text)
        if compare:
            prev = _get(previous, *path)
            kf.previous_text = fmt.cell(prev, kind).text
            kf.change_text = fmt.diff(cur, prev, kind).text
        key_figures.append(kf)

    # --- the year in short ------------------------------------------------------------
    kt_rows = [
        ("row_activities", ("open_offering", "activities"), COUNT),
        ("row_half_days", ("open_offering", "half_days"), COUNT),
        ("row_participations", ("open_offering", "participations"), COUNT),
        ("row_persons_reached", ("open_offering", "persons_reached"), COUNT),
        ("row_satisfaction", ("open_offering", "satisfaction_pct"), PERCENT),
        ("row_reach", ("open_offering", "recognised_reach_pct"), PERCENT),
        ("row_requests_received", ("demand_driven", "requests_received"), COUNT),
        ("row_requests_supported", ("demand_driven", "requests_supported"), COUNT),
    ]
    kf_table = Table(
        "key_figures",
        L["tbl_key_figures"].format(year=year),
        header(L["col_indicator"]),
        [_row(fmt, L[lbl], _get(stats, *pth), _get(previous, *pth), kind, compare)
         for lbl, pth, kind in kt_rows],
    )
    year_section = Section("year_in_short", L["year_in_short"], "jaar")
    if compare:
        assert pyear is not None
        chart_kf = [(kf.label, _get(previous, *spec[2]), kf.value, spec[3] == PERCENT)
                    for kf, spec in zip(key_figures, kf_spec, strict=True)]
        c = chart(
            "key_figures",
            L["ch_key_figures"].format(previous=pyear, year=year),
            L["ch_key_figures_alt"].format(
                previous=pyear, year=year,
                items=items([(kf.label, f"{kf.previous_text} → {kf.text}")
                             for kf in key_figures])),
            kf_table,
            lambda: charts_mod.key_figures(chart_kf, pyear, year, lang),
        )
        year_section.charts.append(c)  # type: ignore[arg-type]
        year_section.facts.append(L["fact_compare"].format(previous=pyear))
    else:
        year_section.tables.append(kf_table)

    # --- open offering ----------------------------------------------------------------
    offering = Section("open_offering", L["open_offering"], "open-aanbod")
    offering.facts.append(L["fact_offering"].format(
        activities=n(oo.get("activities")).text, half_days=n(oo.get("half_days")).text,
        persons=n(oo.get("persons_reached")).text, organisation=organisation))
    offering.facts.append(L["fact_target_groups"].format(
        primary=p(oo.get("primary_share_pct")).text,
        secondary=p(oo.get("secondary_share_pct")).text))
    if oo.get("unknown_target_group"):
        offering.facts.append(L["fact_unknown"].format(
            unknown=n(oo.get("unknown_target_group")).text))
    offering.facts.append(L["fact_satisfaction"].format(
        satisfaction=p(oo.get("satisfaction_pct")).text))
    if oo.get("recommend_answers"):
        offering.facts.append(L["fact_nps"].format(answers=n(oo.get("recommend_answers")).text,
                                                   nps=fmt.cell(oo.get("nps"), NPS).text))
    offering.facts.append(L["fact_reach"].format(
        reached=n(oo.get("recognised_orgs_reached")).text,
        total=n(oo.get("recognised_orgs_total")).text,
        reach=p(oo.get("recognised_reach_pct")).text))

    # themes (a blank theme is None: shown as "no theme", listed last)
    def named(items: list[dict[str, Any]], key: str, blank: str) -> list[dict[str, Any]]:
        return [{**t, key: blank if t.get(key) is None else str(t.get(key)),
                 "_blank": t.get(key) is None} for t in items]

    themes = sorted(named(oo.get("themes") or [], "theme", L["no_theme"]),
                    key=lambda t: (t["_blank"], -(t.get("activities") or 0), t["theme"]))
    prev_themes = {t["theme"]: t for t in named(poo.get("themes") or [], "theme",
                                                 L["no_theme"])}
    if compare:
        seen = {t["theme"] for t in themes}
        themes += [{"theme": name, "activities": 0, "half_days": 0, "participations": 0}
                   for name in sorted(prev_themes) if name not in seen]
    theme_rows = []
    for t in themes:
        row = [Cell(t["theme"]), n(t.get("activities")), n(t.get("half_days")),
               n(t.get("participations"))]
        if compare:
            pa = (prev_themes.get(t["theme"]) or {}).get("activities", 0)
            row += [n(pa), fmt.diff(t.get("activities"), pa, COUNT)]
        theme_rows.append(row)
    theme_header = [L["col_theme"], L["col_activities"], L["col_half_days"],
                    L["col_participations"]]
    if compare:
        theme_header += [L["col_activities_year"].format(year=pyear), L["col_change"]]
    theme_table = Table("themes", L["tbl_themes"], theme_header, theme_rows)
    def ranked(section: Section, key: str, axis: str, pairs: list, table: Table) -> None:
        """Themes or topics: a bar chart (with its table) of the names that count this year;
        with none, a sentence that says so, and the table when it still has rows."""
        if pairs:
            section.charts.append(chart(  # type: ignore[arg-type]
                key, L[f"ch_{key}"], L[f"ch_{key}_alt"].format(items=items([(a, n(b).text) for a, b in pairs])),
                table, lambda: charts_mod.hbars(key, pairs, L[axis], lang, L["row_other"])))
        else:
            section.facts.append(L[f"no_{key}"])
            if table.rows:
                section.tables.append(table)

    ranked(offering, "themes", "axis_activities",
           [(str(t["theme"]), t["activities"]) for t in themes if t.get("activities")], theme_table)

    # target groups
    known = None
    if oo.get("participations") is not None:
        known = (oo.get("participations") or 0) - (oo.get("unknown_target_group") or 0)

    def tg_count(pct: Any) -> Any:
        return None if pct is None or known is None else round(pct * known / 100)

    tg_header = [L["col_target_group"], L["col_participations"], L["col_share"]]
    if compare:
        tg_header += [f"{L['col_share']} {pyear}", L["col_change"]]
    tg_rows = []
    for lbl, k in (("row_primary", "primary_share_pct"), ("row_secondary", "secondary_share_pct")):
        row = [Cell(L[lbl]), n(tg_count(oo.get(k))), p(oo.get(k))]
        if compare:
            row += [p(poo.get(k)), fmt.diff(oo.get(k), poo.get(k), PERCENT)]
        tg_rows.append(row)
    if oo.get("unknown_target_group"):
        row = [Cell(L["row_unknown"]), n(oo.get("unknown_target_group")), Cell(formatting.DASH)]
        if compare:
            row += [Cell(formatting.DASH), Cell(formatting.DASH)]
        tg_rows.append(row)
    tg_table = Table("target_groups", L["tbl_target_groups"], tg_header, tg_rows,
                     [L["pp_note"]] if compare else [])
    shares = [(L["row_primary"], oo.get("primary_share_pct")),
              (L["row_secondary"], oo.get("secondary_share_pct"))]
    if all(v is not None for _, v in shares):
        bars = [(str(year), [v or 0.0 for _, v in shares])]
        if compare and poo.get("primary_share_pct") is not None:
            bars.insert(0, (str(pyear), [poo.get("primary_share_pct") or 0.0,
                                         poo.get("secondary_share_pct") or 0.0]))
        c = chart("target_groups", L["ch_target_groups"],
                  L["ch_target_groups_alt"].format(items=items([(a, p(b).text)
                                                                for a, b in shares])),
                  tg_table,
                  lambda: charts_mod.stacked_shares(bars, [a for a, _ in shares],
                                                    L["axis_share"], lang))
        offering.charts.append(c)  # type: ignore[arg-type]
    else:
        offering.tables.append(tg_table)

    # satisfaction and reach
    sr_rows = [
        _row(fmt, L["row_satisfaction"], oo.get("satisfaction_pct"),
             poo.get("satisfaction_pct"), PERCENT, compare),
        *([_row(fmt, L["row_nps"], oo.get("nps"), poo.get("nps"), NPS, compare)]
          if oo.get("recommend_answers") or poo.get("recommend_answers") else []),
        _row(fmt, L["row_recognised_total"], oo.get("recognised_orgs_total"),
             poo.get("recognised_orgs_total"), COUNT, compare),
        _row(fmt, L["row_recognised_reached"], oo.get("recognised_orgs_reached"),
             poo.get("recognised_orgs_reached"), COUNT, compare),
        _row(fmt, L["row_reach"], oo.get("recognised_reach_pct"),
             poo.get("recognised_reach_pct"), PERCENT, compare),
    ]
    offering.tables.append(Table("satisfaction_reach", L["tbl_satisfaction_reach"],
                                 header(L["col_indicator"]), sr_rows,
                                 [L["pp_note"]] if compare else []))

    # --- the digital shift ----------------------------------------------------------
    digital = Section("digital_shift", L["digital_shift"], "digitale-omslag")
    formats = oo.get("formats") or {}
    pformats = poo.get("formats") or {}
    digital.facts.append(L["fact_formats"].format(
        activities=n(oo.get("activities")).text, online=n(formats.get("online")).text,
        blended=n(formats.get("blended")).text, onsite=n(formats.get("onsite")).text))
    total = sum(formats.get(k) or 0 for k in ("onsite", "online", "blended"))
    ptotal = sum(pformats.get(k) or 0 for k in ("onsite", "online", "blended"))
    f_header = [L["col_format"], L["col_activities"], L["col_share"]]
    if compare:
        f_header += [L["col_activities_year"].format(year=pyear), L["col_change"]]
    f_rows = []
    for k in ("onsite", "online", "blended"):
        row = [Cell(L["row_" + k]), n(formats.get(k, 0)), p(_share(formats.get(k, 0), total))]
        if compare:
            row += [n(pformats.get(k, 0)), fmt.diff(formats.get(k, 0), pformats.get(k, 0),
                                                     COUNT)]
        f_rows.append(row)
    trow = [Cell(L["row_total"]), n(total), p(_share(total, total))]
    if compare:
        trow += [n(ptotal), fmt.diff(total, ptotal, COUNT)]
    f_rows.append(trow)
    f_table = Table("formats", L["tbl_formats"], f_header, f_rows)
    f_labels = [L["row_" + k] for k in ("onsite", "online", "blended")]
    f_series = [(str(year), [formats.get(k, 0) or 0 for k in ("onsite", "online", "blended")])]
    if compare:
        f_series.insert(0, (str(pyear), [pformats.get(k, 0) or 0
                                         for k in ("onsite", "online", "blended")]))
    c = chart("formats", L["ch_formats"],
              L["ch_formats_alt"].format(items=items(
                  [(lbl, n(formats.get(k, 0)).text)
                   for lbl, k in zip(f_labels, ("onsite", "online", "blended"), strict=True)])),
              f_table,
              lambda: charts_mod.grouped_bars(f_labels, f_series, L["axis_activities"], lang))
    digital.charts.append(c)  # type: ignore[arg-type]

    # --- demand-driven work ---------------------------------------------------------
    demand = Section("demand_driven", L["demand_driven"], "vraaggestuurde-werking")
    demand.facts.append(L["fact_requests"].format(
        organisation=organisation, year=year,
        received=n(dd.get("requests_received")).text,
        declined=n(dd.get("requests_declined")).text,
        accepted=n(dd.get("requests_accepted")).text,
        supported=n(dd.get("requests_supported")).text))
    show_pending = bool(dd.get("requests_pending") or pdd.get("requests_pending"))
    if dd.get("requests_pending"):
        demand.facts.append(L["fact_pending"].format(pending=n(dd.get("requests_pending")).text))
    demand.facts.append(L["fact_supported_groups"].format(
        primary=n(dd.get("supported_primary")).text,
        secondary=n(dd.get("supported_secondary")).text,
        participants=n(dd.get("support_participants")).text))
    funnel_keys = [("row_received", "requests_received"), ("row_declined", "requests_declined"),
                   ("row_accepted", "requests_accepted")]
    if show_pending:
        funnel_keys.append(("row_pending", "requests_pending"))
    funnel_keys += [("row_supported", "requests_supported"),
                    ("row_supported_primary", "supported_primary"),
                    ("row_supported_secondary", "supported_secondary"),
                    ("row_support_participants", "support_participants")]
    fn_table = Table("funnel", L["tbl_funnel"], header(L["col_step"]),
                     [_row(fmt, L[lbl], dd.get(k), pdd.get(k), COUNT, compare)
                      for lbl, k in funnel_keys])
    steps = [(L["row_received"], dd.get("requests_received") or 0, 0),
             (L["row_declined"], dd.get("requests_declined") or 0, 1),
             (L["row_accepted"], dd.get("requests_accepted") or 0, 1)]
    if show_pending:
        steps.append((L["row_pending"], dd.get("requests_pending") or 0, 1))
    steps.append((L["row_supported"], dd.get("requests_supported") or 0, 2))
    c = chart("funnel", L["ch_funnel"],
              L["ch_funnel_alt"].format(items=items([(a, n(b).text) for a, b, _ in steps])),
              fn_table,
              lambda: charts_mod.funnel(steps, L["axis_requests"], lang))
    demand.charts.append(c)  # type: ignore[arg-type]

    topics = sorted(named(dd.get("topics") or [], "topic", L["no_topic"]),
                    key=lambda t: (t["_blank"], -(t.get("requests") or 0), t["topic"]))
    prev_topics = {t["topic"]: t.get("requests", 0)
                   for t in named(pdd.get("topics") or [], "topic", L["no_topic"])}
    if compare:
        seen = {t["topic"] for t in topics}
        topics += [{"topic": k, "requests": 0} for k in sorted(prev_topics) if k not in seen]
    t_header = [L["col_topic"], L["col_requests"]]
    if compare:
        t_header += [L["col_requests_year"].format(year=pyear), L["col_change"]]
    t_rows = []
    for t in topics:
        row = [Cell(t["topic"]), n(t.get("requests"))]
        if compare:
            pv = prev_topics.get(t["topic"], 0)
            row += [n(pv), fmt.diff(t.get("requests"), pv, COUNT)]
        t_rows.append(row)
    t_table = Table("topics", L["tbl_topics"], t_header, t_rows)
    ranked(demand, "topics", "axis_requests",
           [(str(t["topic"]), t["requests"]) for t in topics if t.get("requests")], t_table)

    # --- the NPS card, beside satisfaction, when there are answers (not in the chart) -----
    if oo.get("recommend_answers"):
        kf = KeyFigure("nps", L["kf_nps"], oo.get("nps"), fmt.cell(oo.get("nps"), NPS).text)
        if compare and poo.get("recommend_answers"):
            kf.previous_text = fmt.cell(poo.get("nps"), NPS).text
            kf.change_text = fmt.diff(oo.get("nps"), poo.get("nps"), NPS).text
        at = next((i + 1 for i, k in enumerate(key_figures) if k.key == "satisfaction_pct"), len(key_figures))
        key_figures.insert(at, kf)

    # --- a published year whose figures differ from what was published ---------------------
    if published is not None and published.differences:
        from socius_cli.output import figure_name, figure_values

        day = formatting.date(_iso_day(published.at), lang)
        year_section.facts.insert(0, L["published_note"].format(
            year=year, date=day, n=n(len(published.differences)).text))
        year_section.tables.insert(0, Table(
            "published", L["tbl_published"].format(date=day),
            [L["col_indicator"], L["col_published"], L["col_now"]],
            [[Cell(figure_name(d, lang)), *(Cell(text, value, TEXT) for text, value
                                            in zip(figure_values(d, lang), (d.old, d.new), strict=True))]
             for d in published.differences]))

    # --- editorial text: merge into the sections --------------------------------------
    builtin = [year_section, offering, digital, demand]
    sections = _merge_editorial(builtin, editorial, L)
    if annex is not None and "open_offering" in annex:
        sections.append(_annex_section(annex["open_offering"], year, lang, L))

    notes = [L["dash_note"]]
    if compare:
        notes.append(L["pp_note"])
    made_on = L["made_on"].format(date=formatting.date(today, lang))
    return ReportContext(
        year=year,
        previous_year=pyear,
        organisation=organisation,
        lang=lang,
        labels=L,
        title=L["report_title"].format(year=year),
        subtitle=L["report_subtitle"].format(organisation=organisation, year=year),
        made_on=made_on,
        key_figures=key_figures,
        sections=sections,
        charts=charts,
        photos=list(editorial.photos) if editorial is not None else [],
        notes=notes,
        stats=stats,
        previous=previous,
    )


def _merge_editorial(builtin: list[Section], editorial: Any, L: dict[str, str]) -> list[Section]:
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
    if editorial.intro is not None:
        by_key["year_in_short"].text_html = editorial.intro.html
        by_key["year_in_short"].text_md = editorial.intro.markdown
    free = 0
    for ts in editorial.sections:
        if ts.key in by_key:
            s = by_key[ts.key]
            s.text_html = (s.text_html or "") + ts.block.html
            s.text_md = ((s.text_md + "\n\n") if s.text_md else "") + ts.block.markdown
            if ts.key == "photos":
                s.photos.extend(ts.gallery)
        else:
            free += 1
            after[ts.after if ts.after in after else "year_in_short"].append(
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


def _iso_day(at: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(at[:10])


def _annex_section(ex: Any, year: int, lang: str, L: dict[str, str]) -> Section:
    """The annex "Activiteiten YEAR": per activity its date, title, format, half days,
    participations and satisfaction (a table funders ask for)."""
    from socius_cli.explanations import cell_text

    fmt = _Fmt(lang)
    columns = ("date", "title", "format", "half_days", "participations", "satisfaction_pct")
    rows = [[Cell(cell_text("date", r["date"], lang)), Cell(r["title"]),
             Cell(cell_text("format", r["format"], lang)), fmt.count(r["half_days"]),
             fmt.count(r["participations"]), fmt.pct(r["satisfaction_pct"])] for r in ex.rows]
    heading = L["annex_activities"].format(year=year)
    table = Table("annex_activities", heading, [L[f"ex_col_{c}"] for c in columns], rows,
                  [L["annex_note"]])
    return Section("annex", heading, "bijlage-activiteiten", tables=[table])
