"""The charts (report/charts.py): well-formed, script-free, deterministic SVG whose own ids carry
the chart's key, whose hatching resolves, and whose printed numbers are the figures the
Flemish way. The numbers expected here are computed from the arguments, not copied."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from socius_cli import formatting
from socius_cli.report import charts

SVG = "{http://www.w3.org/2000/svg}"


def printed(svg: str) -> list[str]:
    """The numbers and words printed on the bars (pygal's value and label texts), in order."""
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{SVG}text")
            if set((el.get("class") or "").split()) & {"value", "label"}]


def legend(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for g in root.iter(f"{SVG}g") if "legend" in (g.get("class") or "").split()
            for t in g.iter(f"{SVG}text")]


THEMES = [("Organisatieontwikkeling", 1440.0), ("Werken met vrijwilligers", 9.0), ("Diversiteit", 7.0)]
REQUESTS = (("Vragen ontvangen", 69.0), [("Aanvaard", 40.0), ("Afgewezen", 29.0), ("In behandeling", 0.0)],
            ("Uitgemond in ondersteuning", 37.0))
KEY_FIGURES = [("Activiteiten", 46, 50, False), ("Tevredenheid", 80.0, None, True), ("Personen bereikt", 1310, 1440, False)]

DRAWN = {
    "themes": lambda: charts.hbars("themes", THEMES, "activiteiten", "nl", "Andere"),
    "target-groups": lambda: charts.stacked_shares([("2019", [58.0, 39.0, 3.0]), ("2020", [55.0, 45.0, 0.0])],
                                                   ["Primair", "Secundair", "Onbekend"], "aandeel", "nl"),
    "formats": lambda: charts.grouped_bars(["Fysiek", "Online"], [("2019", [50.0, 2.0]), ("2020", [18.0, 22.0])],
                                           "activiteiten", "nl"),
    "funnel": lambda: charts.requests(REQUESTS[0], REQUESTS[1], REQUESTS[2], "Beslissing", "vragen", "nl"),
    "key-figures": lambda: charts.key_figures(KEY_FIGURES, 2019, 2020, "nl"),
    "by_year_persons_reached": lambda: charts.by_year(
        "by_year_persons_reached", ["2016", "2017", "2018", "2019"], [None, None, 1650.0, 1440.0],
        [None, None, None, 1400.0], "personen bereikt", "count", "nl", "geen gegevens", "streefcijfer",
        missing=["2016"]),
}


@pytest.mark.parametrize("key", list(DRAWN))
def test_well_formed_script_free_and_deterministic(key):
    svg = DRAWN[key]()
    root = ET.fromstring(svg)  # well-formed, as a Markdown report's .svg file must be
    assert root.tag == f"{SVG}svg" and root.get("data-chart") == key and "chart-svg" in root.get("class", "")
    assert "<script" not in svg and "<!--" not in svg and "<desc" not in svg and "<title" not in svg
    assert dt.date.today().isoformat() not in svg  # pygal's own comment carries the date
    assert root.get("viewBox") and root.get("width") is None  # the page gives the size
    assert svg == DRAWN[key]()


def test_ids_carry_the_key_and_every_reference_resolves():
    seen: list[str] = []
    for key, draw in DRAWN.items():
        svg = draw()
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert all(key in i for i in ids), (key, ids)
        for ref in re.findall(r"url\(#([^)]+)\)", svg):
            assert ref in ids, (key, ref)
        seen += ids
    assert len(seen) == len(set(seen))  # the charts can share one page


def test_hatching_is_a_pattern_of_the_series_colour():
    palette = charts.Palette("#123456", "#aa5500", "#88bbee")
    svg = charts.stacked_shares([("2020", [50.0, 30.0, 20.0])], ["A", "B", "C"], "aandeel", "nl", palette)
    patterns = {p.get("id"): p for p in ET.fromstring(svg).iter(f"{SVG}pattern")}
    assert len(patterns) == 2  # the second and third series; the first is plain
    fills = {r.get("fill") for p in patterns.values() for r in p.iter(f"{SVG}rect")}
    assert fills == {palette.mid, palette.light}
    assert palette.dark in svg


def test_horizontal_bars_print_each_value_and_sum_the_rest():
    pairs = [(f"Thema {i}", float(20 - i)) for i in range(15)]
    svg = charts.hbars("themes", pairs, "activiteiten", "nl", "Andere", limit=12)
    rest = sum(v for _, v in pairs[11:])
    expected = [formatting.number(v, "nl") for _, v in pairs[:11]] + [formatting.number(rest, "nl")]
    assert sorted(printed(svg)) == sorted(expected)
    assert "Andere" in svg and "Thema 14" not in svg
    assert "1.440" in printed(DRAWN["themes"]())  # Flemish thousands


def test_shares_print_only_parts_wide_enough():
    svg = DRAWN["target-groups"]()
    assert sorted(p for p in printed(svg) if p) == sorted(["58%", "39%", "55%", "45%"])
    assert legend(svg) == ["Primair", "Secundair", "Onbekend"]


def test_requests_name_the_wide_parts_and_print_no_empty_rows():
    svg = DRAWN["funnel"]()
    received, decided, supported = REQUESTS
    top = received[1]
    wide = [f"{n} {formatting.number(v, 'nl')}" for n, v in decided if v >= top * 0.22]
    assert wide == ["Aanvaard 40", "Afgewezen 29"]
    # each bar once: no "0" for the rows a series has no part in
    assert sorted(p for p in printed(svg) if p) == sorted(["69", *wide, "37"])
    assert legend(svg) == [n for n, v in decided if v]  # a decision of none has no part, no legend entry
    assert "Beslissing" in svg and received[0] in svg and supported[0] in svg


def bars_by_row(svg: str) -> list[list[tuple[float, float]]]:
    """The drawn bars (x, width) of a horizontal chart, row by row from the top, left to right."""
    rows: dict[float, list[tuple[float, float]]] = {}
    for r in ET.fromstring(svg).iter(f"{SVG}rect"):
        if "rect" in (r.get("class") or "").split() and float(r.get("width") or 0) > 0:
            rows.setdefault(round(float(r.get("y")), 1), []).append((float(r.get("x")), float(r.get("width"))))
    return [sorted(rows[y]) for y in sorted(rows)]


def test_requests_parts_add_up_to_the_received_bar_and_support_lies_under_the_accepted():
    received, decided, supported = REQUESTS
    rows = bars_by_row(DRAWN["funnel"]())
    assert [len(r) for r in rows] == [1, 2, 1]  # received; accepted and declined (pending: none); supported
    (start, whole), = rows[0]
    (a_x, a_w), (d_x, d_w) = rows[1]
    (s_x, s_w), = rows[2]
    assert a_x == pytest.approx(start) and d_x == pytest.approx(a_x + a_w)  # one after the other, from zero
    assert a_w + d_w == pytest.approx(whole)  # the decisions are the received requests, not fewer
    assert a_w / whole == pytest.approx(decided[0][1] / received[1], rel=1e-6)
    assert s_x == pytest.approx(start) and s_w / a_w == pytest.approx(supported[1] / decided[0][1], rel=1e-6)


def test_requests_print_a_real_zero():
    svg = charts.requests(("Vragen ontvangen", 10.0), [("Aanvaard", 10.0), ("Afgewezen", 0.0)], ("Uitgemond", 0.0),
                          "Beslissing", "vragen", "nl")
    assert sorted(p for p in printed(svg) if p) == sorted(["10", "Aanvaard 10", "0"])


def series_fill(svg: str, name: str) -> str:
    """The fill of the legend box of series `name` (its class's colour in the chart's style)."""
    root = ET.fromstring(svg)
    for g in root.iter(f"{SVG}g"):
        if "legend" in (g.get("class") or "").split() and [t.text for t in g.iter(f"{SVG}text")] == [name]:
            cls = next(r for r in g.iter(f"{SVG}rect")).get("class").split()[0]
            return re.search(rf"\.{cls}[^{{]*\{{[^}}]*fill:([^;}}]+)", svg).group(1)
    raise AssertionError(name)


def test_requests_each_decision_keeps_its_look_when_another_has_none():
    """All declined: the declined part is the light hatched one, not the accepted's dark blue."""
    decided = [("Aanvaard", 0.0), ("Afgewezen", 25.0), ("In behandeling", 0.0)]
    svg = charts.requests(("Vragen ontvangen", 25.0), decided, ("Uitgemond", 0.0), "Beslissing", "vragen", "nl")
    assert legend(svg) == ["Afgewezen"]
    assert series_fill(svg, "Afgewezen").startswith("url(#funnel-")
    some = charts.requests(("Vragen ontvangen", 25.0), [("Aanvaard", 5.0), ("Afgewezen", 20.0)], ("Uitgemond", 5.0),
                           "Beslissing", "vragen", "nl")
    assert series_fill(some, "Aanvaard") == charts.DARK and series_fill(some, "Afgewezen").startswith("url(#")


def test_text_on_a_series_contrasts_with_it_and_a_pale_series_is_outlined():
    dark_accent = charts.Palette("#0b5cad", "#2b2b2b", "#ffe98a")
    svg = charts.stacked_shares([("2020", [50.0, 30.0, 20.0])], ["A", "B", "C"], "aandeel", "nl", dark_accent)
    inks = dict(re.findall(r"\.text-overlay \.color-(\d) text\{fill:(#[0-9a-f]{6})\}", svg))
    assert inks == {"0": "#ffffff", "1": "#ffffff", "2": charts.INK}  # white on the dark accent, dark on yellow
    outlined = set(re.findall(r"rect\.color-(\d)\{stroke:", svg))
    assert outlined == {"2"}  # only the pale yellow needs an outline on white
    assert set(re.findall(r"rect\.color-(\d)\{stroke:", DRAWN["target-groups"]())) == set()


def test_horizontal_bar_numbers_start_after_their_bars_and_one_bar_is_not_a_sliver():
    svg = DRAWN["themes"]()
    anchors = [el.get("text-anchor") for el in ET.fromstring(svg).iter(f"{SVG}text") if el.get("class") == "value"]
    assert anchors and set(anchors) == {"start"}
    one = charts.hbars("themes", [("Taal", 3.0)], "activiteiten", "nl", "Andere")
    three = charts.hbars("themes", THEMES, "activiteiten", "nl", "Andere")
    assert ET.fromstring(one).get("viewBox") == ET.fromstring(three).get("viewBox")


def test_key_figures_one_panel_each_with_a_dash_for_no_figure():
    svg = DRAWN["key-figures"]()
    root = ET.fromstring(svg)
    panels = [el for el in root if el.tag == f"{SVG}svg"]
    assert len(panels) == len(KEY_FIGURES)
    for panel, (label, prev, cur, is_pct) in zip(panels, KEY_FIGURES, strict=True):
        show = formatting.percent if is_pct else formatting.number
        want = [show(prev, "nl"), formatting.DASH if cur is None else show(cur, "nl")]
        assert printed(ET.tostring(panel, encoding="unicode")) == want
        assert label.split()[0] in ET.tostring(panel, encoding="unicode")


def test_key_figure_panels_have_titles_of_one_height_and_whole_words():
    items = [("activiteiten", 46, 50, False), ("tevredenheid", 79.0, 77.0, True),
             ("recognised organisations reached", 88.0, 84.0, True)]
    root = ET.fromstring(charts.key_figures(items, 2019, 2020, "en"))
    panels = [el for el in root if el.tag == f"{SVG}svg"]
    titles = [[t.text for t in p.iter(f"{SVG}text") if "title" in (t.get("class") or "").split()] for p in panels]
    assert len({len(t) for t in titles}) == 1  # as many title lines in every panel
    assert [w for w in titles[2] if w.strip()] == ["recognised", "organisations", "reached"]
    # one series per panel: the two bars stand centred over their years, the previous one hatched
    for p in panels:
        bars = [g for g in p.iter(f"{SVG}g") if g.get("class") == "bar"]
        series = [g for g in p.iter(f"{SVG}g") if "series" in (g.get("class") or "").split() and g.find(f".//{SVG}rect") is not None]
        assert len(bars) == 2 and len(series) == 1
        assert "url(#" in (bars[0].get("style") or "") and not bars[1].get("style")


def test_by_year_names_years_without_data_and_shows_targets_only_when_set():
    svg = DRAWN["by_year_persons_reached"]()
    texts = printed(svg)
    assert texts.count("geen") == 1 and texts.count("gegevens") == 1  # 2016, on two lines
    assert formatting.DASH in texts  # 2017: in the store, but no figure
    # the years' values on their bars; the target's in the table beside (it would run into them)
    assert "1.650" in texts and "1.440" in texts and "1.400" not in texts
    assert legend(svg) == ["Personen bereikt", "Streefcijfer"]
    plain = charts.by_year("by_year_x", ["2019", "2020"], [1.0, 2.0], [None, None], "x", "count", "nl",
                           "geen gegevens", "streefcijfer")
    assert legend(plain) == [] and "streefcijfer" not in plain


def test_by_year_percent_axis_and_negative_scores():
    pct = charts.by_year("by_year_p", ["2019", "2020"], [79.0, 77.0], [None, 75.0], "tevredenheid", "percent",
                         "nl", "geen gegevens", "streefcijfer")
    assert {"79%", "77%"} <= set(printed(pct)) and "100%" in pct
    nps = charts.by_year("by_year_n", ["2019", "2020"], [-12.0, 34.0], [None, None], "NPS", "nps", "nl",
                         "geen gegevens", "streefcijfer")
    assert {formatting.nps(-12.0, "nl"), formatting.nps(34.0, "nl")} <= set(printed(nps))


def absolute_ys(svg: str, words: set[str]) -> list[float]:
    """The y, in the SVG's own units, of the texts `words` (adding up their groups' translations)."""
    root = ET.fromstring(svg)
    out: list[float] = []

    def walk(el, dy: float) -> None:
        m = re.search(r"translate\(\s*[-\d.]+[ ,]+([-\d.]+)", el.get("transform") or "")
        dy += float(m.group(1)) if m else 0.0
        if el.tag == f"{SVG}text" and el.text in words:
            out.append(dy + float(el.get("y")))
        for child in el:
            walk(child, dy)

    walk(root, 0.0)
    return out


def test_by_year_all_negative_still_has_room_for_a_year_without_data():
    svg = charts.by_year("by_year_n", ["2021", "2022", "2023"], [None, -100.0, -40.0], [None, None, None],
                         "NPS", "nps", "nl", "geen gegevens", "streefcijfer", missing=["2021"])
    ys = absolute_ys(svg, {"geen", "gegevens"})
    assert len(ys) == 2 and min(ys) > 12  # both lines inside the picture, below its top edge


def test_english_numbers():
    svg = charts.hbars("themes", THEMES, "activities", "en", "Other")
    assert "1,440" in printed(svg)
