"""The report's charts, drawn with matplotlib and kept as SVG markup.

One look for all charts: the same three colours (a `Palette`: the house style's main colour,
its accent and a light tint of the main colour; by default chosen to differ in lightness so
that a grey print still tells them apart), plus hatching on the lighter series; DejaVu Sans
(which matplotlib ships) at one size; no chart junk. Text stays text in the SVG (`svg.fonttype`
none), so it is searchable and scales; ids are prefixed per chart so that several charts
can live inline in one HTML page; output is deterministic (no dates, fixed hash salt).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from socius_cli import formatting

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

# Dark blue, orange, light blue: lightness about 32, 63 and 77 (CIELAB).
DARK = "#1f4e79"
MID = "#d9822b"
LIGHT = "#9dc3e6"
GREY = "#5f6b76"
FONT = "DejaVu Sans"
WIDTH = 6.4  # inches


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


def _rc() -> dict[RcKeyType, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT, "Arial", "Helvetica"],
        "font.size": 10,
        "svg.fonttype": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": GREY,
        "axes.labelcolor": "#222222",
        "xtick.color": "#222222",
        "ytick.color": "#222222",
        "hatch.color": "#ffffff",
        "hatch.linewidth": 1.0,
        "svg.hashsalt": "socius",
    }


def _figure(height: float, width: float = WIDTH) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Figure, key: str) -> str:
    """The figure as inline-ready SVG: no XML prolog, no fixed size, ids prefixed."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None,
                                             "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{key}-\1"', svg)
    svg = svg.replace("<svg ", f'<svg class="chart-svg" data-chart="{key}" ', 1)
    return svg.strip() + "\n"


def _label(ax: Any, rects: Any, texts: Sequence[str]) -> None:
    ax.bar_label(rects, labels=list(texts), padding=3, fontsize=9, color="#222222")


def _draw(key: str, height: float, draw: Callable[[Figure], None], width: float = WIDTH) -> str:
    """Chart `key` as SVG: `draw` fills a figure `height` inches high, in the report's look."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = _figure(height, width)
        draw(fig)
        return _svg(fig, key)


def hbars(key: str, pairs: list[tuple[str, float]], axis: str, lang: str, other: str,
          limit: int = 12, palette: Palette = DEFAULT) -> str:
    """Horizontal bars, largest on top; beyond `limit` bars the rest is summed as `other`."""
    pairs = list(pairs)
    if len(pairs) > limit:
        rest = sum(v for _, v in pairs[limit - 1:])
        pairs = pairs[:limit - 1] + [(other, rest)]
    labels = [_shorten(a) for a, _ in pairs]
    values = [v for _, v in pairs]

    def draw(fig: Figure) -> None:
        ax = fig.subplots()
        y = list(range(len(values)))[::-1]
        rects = ax.barh(y, values, color=palette.dark, height=0.65)
        ax.set_yticks(y, labels)
        ax.set_xlabel(axis)
        _label(ax, rects, [formatting.number(v, lang) for v in values])
        ax.set_xlim(0, max(values + [1]) * 1.15)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_locator(_int_locator())

    return _draw(key, 0.45 + 0.32 * len(values), draw)


def stacked_shares(bars: list[tuple[str, list[float]]], names: list[str], axis: str,
                   lang: str, palette: Palette = DEFAULT) -> str:
    """One horizontal 100% bar per year, split into the target groups."""

    def draw(fig: Figure) -> None:
        ax = fig.subplots()
        y = list(range(len(bars)))[::-1]
        left = [0.0] * len(bars)
        for k, name in enumerate(names):
            colour, hatch = palette.series(k)
            vals = [b[1][k] for b in bars]
            rects = ax.barh(y, vals, left=left, color=colour, hatch=hatch, height=0.6,
                            label=name, edgecolor="white")
            ax.bar_label(rects, labels=[formatting.percent(v, lang) if v >= 6 else ""
                                        for v in vals],
                         label_type="center", color="white" if k == 0 else "#111111",
                         fontsize=10, fontweight="bold",
                         bbox=None if k == 0 else {"boxstyle": "round,pad=0.15",
                                                   "fc": "white", "ec": "none"})
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.set_yticks(y, [b[0] for b in bars])
        ax.set_xlim(0, 100)
        ax.set_xlabel(axis)
        ax.xaxis.set_major_formatter(_pct_formatter(lang))
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45 if len(bars) == 1 else -0.3),
                  ncol=len(names), frameon=False)

    return _draw("target-groups", 1.5 + 0.45 * len(bars), draw)


def grouped_bars(categories: list[str], series: list[tuple[str, list[float]]], axis: str,
                 lang: str, palette: Palette = DEFAULT) -> str:
    """Vertical bars per category; one series per year (the last one is the current)."""
    width = 0.8 / len(series)

    def draw(fig: Figure) -> None:
        ax = fig.subplots()
        for k, (name, vals) in enumerate(series):
            current = k == len(series) - 1
            colour, hatch = (palette.dark, "") if current else palette.previous
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
            rects = ax.bar(xs, vals, width=width * 0.92, color=colour, hatch=hatch,
                           label=name, edgecolor="white" if current else palette.dark,
                           linewidth=0 if current else 0.6)
            _label(ax, rects, [formatting.number(v, lang) for v in vals])
        ax.set_xticks(range(len(categories)), categories)
        ax.set_ylabel(axis)
        top = max([v for _, vals in series for v in vals] + [1])
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_locator(_int_locator())
        ax.tick_params(axis="x", length=0)
        if len(series) > 1:
            ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0),
                      ncol=len(series), borderaxespad=0.2)

    return _draw("formats", 2.8, draw)


def request_bars(received: float, decided: list[tuple[str, float]],
                 supported: float) -> list[tuple[int, float, float, str]]:
    """The bars of `requests` as (row, left, width, name): row 2 the received requests, row 1
    the same requests split by decision (each part starting where the one before ends, in the
    order given), row 0 the supported ones, from zero like the accepted part they belong to."""
    bars = [(2, 0.0, float(received), "received")]
    left = 0.0
    for name, v in decided:
        bars.append((1, left, float(v), name))
        left += v
    bars.append((0, 0.0, float(supported), "supported"))
    return bars


def requests(received: tuple[str, float], decided: list[tuple[str, float]],
             supported: tuple[str, float], decided_label: str, axis: str, lang: str,
             palette: Palette = DEFAULT) -> str:
    """The requests from received to support, as parts of one whole, not as a funnel: the
    received requests in one bar; under it the same requests split by decision (accepted
    first, then declined, then pending) in one stacked bar; under the accepted part the
    ones that resulted in support. All bars start at zero, so each part lines up under the
    whole it belongs to (`request_bars`)."""
    rows = [received[0], decided_label, supported[0]]
    bars = request_bars(received[1], decided, supported[1])

    def draw(fig: Figure) -> None:
        ax = fig.subplots()
        top = max([left + width for _row, left, width, _name in bars] + [1])
        k = 0  # the decided parts: accepted (dark), declined (light, hatched), pending (white)
        for row, left, width, name in bars:
            if row == 1:
                colour, hatch = ((palette.dark, ""), (palette.light, "//"), ("#ffffff", ""))[min(k, 2)]
                ax.barh(1, width, left=left, color=colour, hatch=hatch, height=0.62,
                        edgecolor="white" if k < 2 else GREY, linewidth=0.8)
                text = f"{name} {formatting.number(width, lang)}"
                if width >= top * 0.22:  # wide enough for its name and number inside
                    ax.text(left + width / 2, 1, text, va="center", ha="center", fontsize=9.5,
                            color="white" if k == 0 else "#111111",
                            bbox=None if k == 0 else {"boxstyle": "round,pad=0.15", "fc": "white",
                                                      "ec": "none"})
                else:
                    ax.text(left + width + top * 0.015, 1 + 0.42, text, va="bottom", ha="left",
                            fontsize=9, color="#222222")
                k += 1
                continue
            ax.barh(row, width, left=left, color=palette.dark if row == 2 else palette.mid, height=0.62)
            ax.text(left + width + top * 0.015, row, formatting.number(width, lang),
                    va="center", ha="left", fontsize=10, color="#222222")
        ax.set_yticks([2, 1, 0], rows)
        ax.set_xlim(0, top * 1.12)
        ax.xaxis.set_major_locator(_int_locator())
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(axis)

    return _draw("funnel", 2.3, draw)


def key_figures(items: list[tuple[str, Any, Any, bool]], previous_year: int, year: int,
                lang: str, palette: Palette = DEFAULT) -> str:
    """Small multiples: per key figure two bars, the previous year and this one."""

    def draw(fig: Figure) -> None:
        axes = fig.subplots(1, len(items), squeeze=False)[0]
        for ax, (label, prev, cur, is_pct) in zip(axes, items, strict=True):
            vals = [prev or 0, cur or 0]
            rects = ax.bar([0, 1], vals, color=[palette.previous[0], palette.dark], width=0.75,
                           edgecolor=[palette.dark, "white"], linewidth=0.6)
            rects[0].set_hatch(palette.previous[1])
            show = formatting.percent if is_pct else formatting.number
            ax.bar_label(rects, labels=[show(v, lang) if v is not None else formatting.DASH
                                        for v in (prev, cur)],
                         padding=2, fontsize=8)
            ax.set_xticks([0, 1], [str(previous_year), str(year)], fontsize=8)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            ax.set_ylim(0, (100 if is_pct else max(vals + [1])) * 1.25)
            ax.set_title(_wrap(label, 14), fontsize=9)
            ax.tick_params(axis="x", length=0)

    return _draw("key-figures", 2.4, draw)


def _int_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, nbins=6)


def _pct_formatter(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: formatting.percent(v, lang))


def _shorten(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def by_year(key: str, years: list[str], values: list[float | None], targets: list[float | None],
            axis: str, kind: str, lang: str, no_data: str, target_label: str,
            palette: Palette = DEFAULT, missing: Sequence[str] = ()) -> str:
    """One bar per year of a span (a year of `missing`, without data, is named; a figure that
    cannot be computed is a dash), with the
    target of each year that has one as a short thick line across its bar (in the accent
    colour, so that the bar and its target read apart in grey too, and in the legend).
    `kind`: "percent" (an axis of 0 to 100%), "nps" (signed, -100 to +100) or a count."""
    is_pct = kind == "percent"
    show = {"percent": formatting.percent, "nps": formatting.nps}.get(kind, formatting.amount)

    def draw(fig: Figure) -> None:
        ax = fig.subplots()
        known = [v for v in values if v is not None] + [t for t in targets if t is not None]
        top = max(known + [1])
        top = max(100.0, top) * 1.04 if is_pct else top * 1.18
        bottom = min(known + [0]) * 1.18
        span = top - bottom
        xs = list(range(len(years)))
        ax.bar(xs, [v or 0 for v in values], color=palette.dark, width=0.62)
        for x, v in zip(xs, values, strict=True):
            if v is None:  # on two lines, so that two such years side by side stay apart
                text = no_data.replace(" ", "\n", 1) if years[x] in missing else formatting.DASH
                ax.text(x, bottom + span * 0.04 if bottom < 0 else top * 0.04, text,
                        ha="center", va="bottom", fontsize=8, color=GREY, style="italic", linespacing=1.1)
            elif abs(v) >= span * 0.16:  # inside the bar, halfway: clear of a target line near its top
                ax.text(x, v / 2, show(v, lang), ha="center", va="center", fontsize=9, color="white",
                        fontweight="bold")
            else:
                ax.text(x, v + span * 0.02 if v >= 0 else v - span * 0.02, show(v, lang), ha="center",
                        va="bottom" if v >= 0 else "top", fontsize=9, color="#222222")
        marked = [(x, t) for x, t in zip(xs, targets, strict=True) if t is not None]
        for i, (x, t) in enumerate(marked):
            ax.plot([x - 0.42, x + 0.42], [t, t], color=palette.mid, linewidth=3.2,
                    solid_capstyle="butt", label=target_label if i == 0 else None)
        if bottom < 0:
            ax.axhline(0, color=GREY, linewidth=0.8)
        ax.set_xticks(xs, years)
        ax.set_xlim(-0.6, len(years) - 0.4)
        ax.set_ylim(bottom, top)
        ax.set_ylabel(_wrap(axis, 22))
        if is_pct:
            ax.yaxis.set_major_formatter(_pct_formatter(lang))
        else:
            ax.yaxis.set_major_locator(_int_locator())
            ax.yaxis.set_major_formatter(_number_formatter(lang))
        ax.tick_params(axis="x", length=0)
        if marked:
            ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2,
                      handlelength=1.6)

    return _draw(key, 2.5, draw, width=4.4)


def _number_formatter(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: formatting.number(v, lang))


def sparkline(values: list[tuple[str, float | None]], is_pct: bool, palette: Palette = DEFAULT) -> str:
    """A sparkline for a key-figure card: the years' values as a small line with a dot per year
    and the first and last year under it; a year without data breaks the line. The line spans
    the range of the values (at least a quarter of the largest, or 20 points for a
    percentage), as sparklines do: it shows the trend; the card's text alternative and the
    chart of the indicator give the values.

    Drawn by hand, not with matplotlib: a handful of points in a 120 by 40 box needs no axes
    or fonts, and a few hundred bytes of plain SVG stay crisp at any size and cost nothing
    to draw (matplotlib takes a tenth of a second per figure and writes kilobytes)."""
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
