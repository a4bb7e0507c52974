"""The report's charts, drawn with pygal and kept as SVG markup.

One look for all charts: the same three colours (a `Palette`: the house style's main colour,
its accent and a light tint of the main colour; by default chosen to differ in lightness so
that a grey print still tells them apart), plus hatching on the lighter series (SVG patterns);
DejaVu Sans at one size; no chart junk. Text stays text in the SVG, so it is searchable and
scales. Each chart's ids and style rules carry its key, so that several charts can live inline
in one HTML page; output is deterministic (no dates, no random ids) and has no scripts.

pygal, not matplotlib: pygal writes SVG directly, in about 5 ms a chart and 0.05 s to import,
where matplotlib took 0.5 s to import and 0.1 s a chart, most of the time of an HTML report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from socius_cli import formatting
from socius_cli.report.style import contrast

if TYPE_CHECKING:
    from pygal.graph.graph import Graph

# Dark blue, orange, light blue: lightness about 32, 63 and 77 (CIELAB).
DARK = "#1f4e79"
MID = "#d9822b"
LIGHT = "#9dc3e6"
GREY = "#5f6b76"
INK = "#222222"
FONT = "DejaVu Sans"
WIDTH = 640  # the SVG's own units; the page scales it to its column


class Palette(NamedTuple):
    """The three colours of the charts: `dark` (the current year, the first series), `mid`
    (the second series) and `light` (the previous year, the third series)."""

    dark: str = DARK
    mid: str = MID
    light: str = LIGHT

    def series(self, k: int) -> tuple[str, str]:
        """Colour and hatch of the k-th series."""
        return ((self.dark, ""), (self.mid, "//"), (self.light, ".."))[k % 3]

    @property
    def previous(self) -> tuple[str, str]:
        """Colour and hatch of the previous year, next to the current one in `dark`."""
        return self.light, "//"


DEFAULT = Palette()


class _Fill:
    """The fills of one chart: a plain colour, or a colour hatched (`//`, lines) or dotted
    (`..`) in white, as an SVG pattern named after the chart (`defs` holds the patterns)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.defs: list[str] = []
        self.base: dict[str, str] = {}  # pattern fill -> its colour

    def __call__(self, colour: str, hatch: str = "") -> str:
        if not hatch:
            return colour
        name = f"{self.key}-fill{len(self.defs)}"
        # diagonal lines (or dots) 6 apart, drawn in an upright tile of 60: PDF viewers may show
        # a tile's edges as thin lines (a rotated tile's as a second, crossing hatch), and a big
        # upright tile has few of them
        if hatch == "..":
            mark = "".join(f'<circle cx="{x + 3}" cy="{y + 3}" r="1.2" fill="#ffffff"/>'
                           for x in range(0, 60, 6) for y in range(0, 60, 6))
        else:
            mark = '<path d="{}" stroke="#ffffff" stroke-width="1.3"/>'.format(" ".join(
                f"M{c - 61},61 L{c + 1},-1" for c in range(0, 121, 6)))
        self.defs.append(f'<pattern id="{name}" patternUnits="userSpaceOnUse" width="60" height="60">'
                         f'<rect width="60" height="60" fill="{colour}"/>{mark}</pattern>')
        self.base[f"url(#{name})"] = colour
        return f"url(#{name})"

    def ink(self, fill: str) -> str:
        """The colour of text on `fill`: white or near-black, whichever contrasts more (the
        house style's colours may be dark or light)."""
        base = self.base.get(fill, fill)
        return "#ffffff" if contrast(base, "#ffffff") > contrast(base, INK) else INK

    def pale(self, fill: str) -> bool:
        """Whether `fill` is so light that a bar of it needs an outline to stand out from white."""
        return contrast(self.base.get(fill, fill), "#ffffff") < 1.6


def _chart(kind: str, key: str, fills: _Fill, colours: Sequence[str], inks: Sequence[str],
           height: float, width: float = WIDTH, css: str = "", value_font: int = 12, **config: Any) -> Graph:
    """A pygal chart of `kind` (Bar, HorizontalBar, HorizontalStackedBar) in the report's look:
    series in `colours`, their printed values in `inks` (text colours); `css` more style
    rules, each starting with the chart's own selector (`#chart-KEY`)."""
    import pygal
    from pygal.etree import etree
    from pygal.style import Style

    etree.to_etree()  # the standard library's ElementTree, lxml installed or not: the same markup

    # a pale series gets an outline (its bars and its legend box), so that it stands out from white
    css += "".join(f" #chart-{key} .color-{i} rect, #chart-{key} rect.color-{i} {{ stroke: {GREY}; stroke-width: 1 }}"
                   for i, c in enumerate(colours) if fills.pale(c))
    style = Style(
        colors=tuple(colours), value_colors=tuple(inks),
        font_family=f"'{FONT}', Arial, Helvetica, sans-serif",
        background="transparent", plot_background="transparent",
        foreground=INK, foreground_strong=INK, foreground_subtle="#d5dbe1",
        guide_stroke_color="#d5dbe1", major_guide_stroke_color="#d5dbe1",
        opacity="1", opacity_hover="1", stroke_opacity="1", stroke_opacity_hover="1", transition="none",
        label_font_size=13, major_label_font_size=13, value_font_size=value_font, legend_font_size=13,
        title_font_size=13, value_label_font_size=value_font,
    )
    options: dict[str, Any] = {
        "style": style, "defs": fills.defs, "width": width, "height": height, "js": [],
        "disable_xml_declaration": True, "print_values": True, "truncate_label": -1,
        "truncate_legend": -1, "margin": 8, "spacing": 8, "legend_at_bottom": True,
        "legend_box_size": 13, "max_scale": 8, "order_min": 0, "classes": ["chart-svg"],
        # a printed label (the first line of two) is centred on its bar like the value under it
        "css": ["file://style.css", "file://graph.css",
                f"inline:#chart-{key} .text-overlay text.label {{ text-anchor: middle }} {css}"],
    }
    options.update(config)
    chart = getattr(pygal, kind)(**options)
    chart.uuid = key  # the chart's id and the prefix of its style rules: chart-KEY
    return chart


def _svg(chart: Graph, key: str) -> str:
    """The chart as inline-ready SVG: no XML prolog, no scripts, no tooltip data, no comment
    with the date, every id of its own carrying `key`."""
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<script.*?</script>|<!--.*?-->|<desc\b.*?</desc>|<title>.*?</title>", "", svg, flags=re.S)
    svg = re.sub(r'<g transform="[^"]*" class="plot tooltip-overlay">.*?</g></g>', "", svg, flags=re.S)
    svg = re.sub(r'\bid="activate-serie-', f'id="{key}-serie-', svg)
    svg = svg.replace("<svg ", f'<svg data-chart="{key}" ', 1)
    return svg.strip() + "\n"


def _draw(key: str, make: Callable[[_Fill], Graph]) -> str:
    """Chart `key` as SVG: `make` builds the pygal chart with the chart's fills."""
    fills = _Fill(key)
    return _svg(make(fills), key)


def _numbers(lang: str) -> Callable[[float], str]:
    return lambda v: formatting.number(v, lang)


def _percents(lang: str) -> Callable[[float], str]:
    return lambda v: formatting.percent(v, lang)


def hbars(key: str, pairs: list[tuple[str, float]], axis: str, lang: str, other: str,
          limit: int = 12, palette: Palette = DEFAULT) -> str:
    """Horizontal bars, largest on top; beyond `limit` bars the rest is summed as `other`."""
    pairs = list(pairs)
    if len(pairs) > limit:
        rest = sum(v for _, v in pairs[limit - 1:])
        pairs = pairs[:limit - 1] + [(other, rest)]
    labels = [_shorten(a) for a, _ in pairs]
    values = [v for _, v in pairs]

    def make(fills: _Fill) -> Graph:
        chart = _chart("HorizontalBar", key, fills, [palette.dark], [INK], 40 + 32 * max(len(values), 3),
                       show_legend=False, print_values_position="top", x_title=axis,
                       value_formatter=_numbers(lang), range=(0, max(values + [1]) * 1.18))
        chart.x_labels = labels[::-1]  # pygal draws the first bar at the bottom
        chart.add(None, values[::-1])
        return chart

    # each number starts just after the end of its bar (pygal centres it there, half on the bar)
    return re.sub(r'<text text-anchor="middle"( [^>]*class="value")', r'<text text-anchor="start"\1', _draw(key, make))


def stacked_shares(bars: list[tuple[str, list[float]]], names: list[str], axis: str,
                   lang: str, palette: Palette = DEFAULT) -> str:
    """One horizontal 100% bar per year, split into the target groups."""

    def make(fills: _Fill) -> Graph:
        colours = [fills(*palette.series(k)) for k in range(len(names))]
        chart = _chart("HorizontalStackedBar", "target-groups", fills, colours,
                       [fills.ink(c) for c in colours], 150 + 50 * len(bars),
                       x_title=axis, range=(0, 100), value_formatter=_percents(lang),
                       legend_at_bottom_columns=len(names))
        chart.x_labels = [b[0] for b in bars][::-1]
        pct = _percents(lang)
        for k, name in enumerate(names):
            # a part too narrow for its percentage shows none (the table beside it has them all)
            chart.add(name, [{"value": b[1][k], "formatter": pct if b[1][k] >= 6 else _blank}
                             for b in bars][::-1])
        return chart

    return _draw("target-groups", make)


def grouped_bars(categories: list[str], series: list[tuple[str, list[float]]], axis: str,
                 lang: str, palette: Palette = DEFAULT) -> str:
    """Vertical bars per category; one series per year (the last one is the current)."""

    def make(fills: _Fill) -> Graph:
        colours = [fills(palette.dark) if k == len(series) - 1 else fills(*palette.previous)
                   for k in range(len(series))]
        top = max([v for _, vals in series for v in vals] + [1])
        chart = _chart("Bar", "formats", fills, colours, [INK] * len(series), 300,
                       print_values_position="top", y_title=axis, value_formatter=_numbers(lang),
                       range=(0, top * 1.15), show_legend=len(series) > 1,
                       legend_at_bottom_columns=len(series))
        chart.x_labels = categories
        for name, vals in series:
            chart.add(name, vals)
        return chart

    return _draw("formats", make)


def requests(received: tuple[str, float], decided: list[tuple[str, float]],
             supported: tuple[str, float], decided_label: str, axis: str, lang: str,
             palette: Palette = DEFAULT) -> str:
    """The requests from received to support, as parts of one whole, not as a funnel: the
    received requests in one bar; under it the same requests split by decision (accepted
    first, then declined, then pending) in one stacked bar; under the accepted part the
    ones that resulted in support. All bars start at zero (pygal stacks the parts of a row),
    so each part lines up under the whole it belongs to. `decided`: the accepted, declined and
    (optionally) pending requests, in that order, parts of none included: each decision keeps
    its look."""
    top = max([float(received[1]), sum(v for _, v in decided), float(supported[1]), 1.0])

    def make(fills: _Fill) -> Graph:
        # the decided parts, each in its own look whichever are there: accepted (dark),
        # declined (light, hatched), pending (pale grey); a part of none is left out
        looks = [fills(palette.dark), fills(palette.light, "//"), fills("#e6eaee")]
        series: list[tuple[str | None, int, float, str, Callable[[float], str]]] = [
            (None, 2, float(received[1]), fills(palette.dark), _numbers(lang))]
        for k, (name, width) in enumerate(decided):
            if not width:
                continue
            colour = looks[min(k, 2)]
            # the part's name inside it when it is wide enough, else in the legend only
            show = ((lambda v, name=name: f"{name} {formatting.number(v, lang)}") if width >= top * 0.22
                    else _numbers(lang))
            series.append((name, 1, width, colour, show))
        series.append((None, 0, float(supported[1]), fills(palette.mid), _numbers(lang)))
        chart = _chart("HorizontalStackedBar", "funnel", fills, [s[3] for s in series],
                       [fills.ink(s[3]) for s in series],
                       250, x_title=axis, value_formatter=_numbers(lang), range=(0, top * 1.05),
                       legend_at_bottom_columns=max(len(series) - 2, 1))
        chart.x_labels = [supported[0], decided_label, received[0]]  # the first at the bottom
        for title, row, width, _colour, show in series:
            # a row the series has no part in: a bar of no width with no number (pygal would print 0)
            chart.add(title, [{"value": width, "formatter": show} if r == row
                             else {"value": 0, "formatter": _blank} for r in range(3)])
        return chart

    return _draw("funnel", make)


def key_figures(items: list[tuple[str, Any, Any, bool]], previous_year: int, year: int,
                lang: str, palette: Palette = DEFAULT) -> str:
    """Small multiples: per key figure two bars, the previous year and this one, each figure on
    its own scale (a pygal chart per figure, side by side in one SVG). Every panel's title has
    as many lines as the longest, so that the panels' plots are of one height."""
    width, height = WIDTH / max(len(items), 1), 250.0
    titles = [_wrap(label, 13).split("\n") for label, *_ in items]
    lines = max((len(t) for t in titles), default=1)
    panels = []
    for i, (_label, prev, cur, is_pct) in enumerate(items):
        key = f"key-figures-{i}"
        show = _percents(lang) if is_pct else _numbers(lang)
        title = "\n".join(titles[i] + ["\u00a0"] * (lines - len(titles[i])))

        def make(fills: _Fill, prev: Any = prev, cur: Any = cur, is_pct: bool = is_pct,
                 show: Callable[[float], str] = show, key: str = key, title: str = title) -> Graph:
            top = 100 if is_pct else max([prev or 0, cur or 0, 1])
            before, now = fills(*palette.previous), fills(palette.dark)
            chart = _chart("Bar", key, fills, [now], [INK], height, width, print_values_position="top",
                           show_legend=False, title=title,
                           margin=4, range=(0, top * 1.25), truncate_title=-1, classes=[],
                           value_font=11, y_labels=[0],  # the 0 only for the baseline; not shown
                           css=f"#chart-{key} .axis.y text {{ fill: none }}")
            chart.x_labels = [str(previous_year), str(year)]
            # one series, so that each bar stands centred over its year; the previous year in its own look
            chart.add(None, [_value(prev, show) | {"color": before}, _value(cur, show)])
            return chart

        svg = _draw(key, make).replace("<svg ", f'<svg x="{i * width:g}" y="0" width="{width:g}" '
                                                f'height="{height:g}" ', 1)
        # no vertical axis line at a panel's left: the panels stand side by side, on their baselines
        svg = re.sub(r'(<g class="axis x">)<path d="M0\.0+ 0\.0+ v[0-9.]+" class="line" />', r"\1", svg, count=1)
        panels.append(svg.replace(f' data-chart="{key}"', "", 1))
    return (f'<svg class="chart-svg" data-chart="key-figures" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {WIDTH:g} {height:g}">{"".join(panels)}</svg>\n')


def _blank(_v: float) -> str:
    return ""


def _value(v: float | None, show: Callable[[float], str]) -> dict[str, Any]:
    """A bar's value for pygal; a figure that cannot be computed is a dash on the axis."""
    if v is None:
        return {"value": 0, "formatter": lambda _v: formatting.DASH}
    return {"value": v, "formatter": show}


def _shorten(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def by_year(key: str, years: list[str], values: list[float | None], targets: list[float | None],
            axis: str, kind: str, lang: str, no_data: str, target_label: str,
            palette: Palette = DEFAULT, missing: Sequence[str] = ()) -> str:
    """One bar per year of a span (a year of `missing`, without data, is named; a figure that
    cannot be computed is a dash), and beside it the target of each year that has one, as a
    hatched bar in the accent colour (so that the bar and its target read apart in grey too,
    and in the legend); the targets' values are in the table beside the chart, not on their
    bars, where they would run into the year's. `kind`: "percent" (an axis of 0 to 100%),
    "nps" (signed, -100 to +100) or a count."""
    is_pct = kind == "percent"
    shown = {"percent": formatting.percent, "nps": formatting.nps}.get(kind, formatting.amount)

    def show(v: float) -> str:
        return shown(v, lang)

    known = [v for v in values if v is not None] + [t for t in targets if t is not None]
    top = max(known + [1])
    top = max(100.0, top) if is_pct else top * 1.15
    bottom = min(known + [0]) * 1.15
    if None in values:  # room above zero for the two lines of a year without a figure
        top = max(top, (top - bottom) * 0.3)

    def bar(year: str, v: float | None) -> dict[str, Any]:
        if v is not None:
            return {"value": v, "formatter": show}
        # a year without a figure has an unseen bar, so that its words stand clear of the axis;
        # a year without data says so on two lines (two such years side by side stay apart)
        unseen = {"value": (top - bottom) * 0.06, "style": "fill: none; stroke: none"}
        if year in missing:
            first, _, rest = no_data.partition(" ")
            return unseen | {"label": first, "formatter": lambda _v: rest}
        return unseen | {"formatter": lambda _v: formatting.DASH}

    def make(fills: _Fill) -> Graph:
        has_targets = any(t is not None for t in targets)
        colours = [fills(palette.dark)] + ([fills(palette.mid, "//")] if has_targets else [])
        chart = _chart("Bar", key, fills, colours, [INK] * len(colours), 290 if has_targets else 260, 380,
                       print_values_position="top", print_labels=True, y_title=_wrap(axis, 22), value_font=11,
                       range=(bottom, top), value_formatter=show,
                       show_legend=has_targets, legend_at_bottom_columns=1)
        chart.x_labels = years
        chart.add(_capital(axis), [bar(y, v) for y, v in zip(years, values, strict=True)])
        if has_targets:
            chart.add(_capital(target_label), [{"value": t, "formatter": _blank} if t is not None else None
                                               for t in targets])
        return chart

    return _draw(key, make)


def _capital(text: str) -> str:
    """A legend entry starts with a capital, as the other charts' do."""
    return text[:1].upper() + text[1:]


def sparkline(values: list[tuple[str, float | None]], is_pct: bool, palette: Palette = DEFAULT) -> str:
    """A sparkline for a key-figure card: the years' values as a small line with a dot per year
    and the first and last year under it; a year without data breaks the line. The line spans
    the range of the values (at least a quarter of the largest, or 20 points for a
    percentage), as sparklines do: it shows the trend; the card's text alternative and the
    chart of the indicator give the values.

    Drawn by hand, not with pygal: a handful of points in a 120 by 40 box needs no axes or
    fonts, and a few hundred bytes of plain SVG stay crisp at any size (a pygal chart writes
    kilobytes of style rules)."""
    w, h, top, bottom, pad = 120.0, 40.0, 5.0, 27.0, 6.0
    known = [v for _, v in values if v is not None]
    lo, hi = min(known + [0.0]), max(known + [0.0])
    if known:
        lo = min(known)
    # the line spans the years' range, but never less than a quarter of the largest value (or
    # 20 percentage points), so that a change of a few units stays a small change
    need = 20.0 if is_pct else max(abs(hi) * 0.25, 1.0)
    if hi - lo < need:
        lo -= (need - (hi - lo)) / 2
        lo = max(lo, 0.0) if min(known + [0.0]) >= 0 else lo
        hi = lo + need
    n = len(values)
    step = (w - 2 * pad) / max(n - 1, 1)

    def at(i: int, v: float) -> tuple[float, float]:
        return pad + i * step if n > 1 else w / 2, bottom - (bottom - top) * (v - lo) / (hi - lo)

    runs: list[list[tuple[float, float]]] = [[]]
    dots = []
    for i, (_year, v) in enumerate(values):
        if v is None:
            runs.append([])
            continue
        runs[-1].append(at(i, v))
        dots.append(at(i, v))
    parts = [f'<svg class="spark-svg" viewBox="0 0 {w:g} {h:g}" xmlns="http://www.w3.org/2000/svg" '
             'aria-hidden="true" focusable="false">',
             f'<line x1="{pad:g}" y1="{bottom:g}" x2="{w - pad:g}" y2="{bottom:g}" stroke="#c5ced8" '
             'stroke-width="0.8"/>']
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline points="{points}" fill="none" stroke="{palette.dark}" '
                         'stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round"/>')
    for x, y in dots:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.3" fill="{palette.dark}"/>')
    if values:
        style = f'font-family="{FONT}, Arial, sans-serif" font-size="8" fill="{GREY}"'
        parts.append(f'<text x="{pad:g}" y="{h - 2:g}" {style}>{values[0][0]}</text>')
        if n > 1:
            parts.append(f'<text x="{w - pad:g}" y="{h - 2:g}" text-anchor="end" {style}>{values[-1][0]}</text>')
    parts.append("</svg>")
    return "".join(parts)
