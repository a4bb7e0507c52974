"""The period report (`socius report 2021-2025`, report/period.py): its figures against the
plain-Python reference (`reference.compute_span`) on a generated five-year store, formatted
the Flemish way, in the HTML, Markdown and workbook outputs; the targets grouped by goal,
met as a word and a mark; the years with and without data; the PDF as a publication (pages
measured); the command line."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import reference
from bs4 import BeautifulSoup
from helpers import Cli
from period_fixtures import EXAMPLE_TARGETS, FIRST, GOAL_1, GOAL_2, LAST, make_span_store
from test_indicators import assert_same

from socius_cli.figures.span import span_figures
from socius_cli.figures.targets import AT_MOST, Target
from socius_cli.report.context import targets_table
from socius_cli.report.write import build_period, write_period_report
from socius_cli.store.store import Store

PERIOD = f"{FIRST}-{LAST}"
TOTAL = f"Totaal {PERIOD}"


# --- the Flemish way, written out again (independently of formatting.py) ------------------


def whole(x: float) -> int:
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def count(x: float) -> str:
    """1.017; a fraction keeps its decimals: 415,5."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    whole_part, frac = f"{x:,.2f}".rstrip("0").split(".")
    return whole_part.replace(",", ".") + "," + frac


def pct(x: float | None) -> str:
    return "–" if x is None else f"{whole(x)}%"


def nps(x: float | None) -> str:
    return "–" if x is None else f"{whole(x):+d}" if whole(x) else "0"


def shown(key: str, value) -> str:
    if key.endswith("_pct"):
        return pct(value)
    if key == "nps":
        return nps(value)
    return "–" if value is None else count(value)


# --- the reports of the generated store ------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generated store, its span with the example targets, and the reference's span."""
    folder = tmp_path_factory.mktemp("period")
    db, records = make_span_store(folder / "data")
    span = span_figures(Store(str(db)), (FIRST, LAST), EXAMPLE_TARGETS)
    want = reference.compute_span(FIRST, LAST, *records)
    return {"folder": folder, "db": db, "span": span, "want": want}


@pytest.fixture(scope="module")
def html(generated) -> BeautifulSoup:
    out = generated["folder"] / f"voortgangsrapport-{PERIOD}.html"
    assert write_period_report(span=generated["span"], fmt="html", output=out) == [out]
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def markdown(generated) -> str:
    out = generated["folder"] / f"voortgangsrapport-{PERIOD}.md"
    files = write_period_report(span=generated["span"], fmt="md", output=out)
    assert files[0] == out and all(f.exists() for f in files)
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workbook(generated):
    out = generated["folder"] / f"voortgangsrapport-{PERIOD}.xlsx"
    assert write_period_report(span=generated["span"], fmt="xlsx", output=out) == [out]
    return openpyxl.load_workbook(out)


def texts(node) -> str:
    return " ".join(node.get_text(" ").split())


def table_rows(soup: BeautifulSoup, key: str) -> dict[str, list[str]]:
    table = soup.find("table", attrs={"data-table": key})
    assert table is not None, key
    return {cells[0]: cells[1:] for cells in
            ([" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr"))}


OPEN_ROWS = {"Activiteiten": "activities", "Dagdelen": "half_days", "Deelnames": "participations",
             "Personen bereikt": "persons_reached", "Gemiddelde tevredenheid": "satisfaction_pct",
             "NPS (aanbeveling)": "nps", "Erkende organisaties in het register": "recognised_orgs_total",
             "Erkende organisaties bereikt": "recognised_orgs_reached",
             "Bereik van de erkende organisaties": "recognised_reach_pct"}
DEMAND_ROWS = {"Vragen ontvangen": "requests_received", "Afgewezen": "requests_declined",
               "Aanvaard": "requests_accepted", "Uitgemond in ondersteuning": "requests_supported",
               "Deelnemers aan de ondersteuning": "support_participants"}
CARDS = {"activities": "open_offering", "half_days": "open_offering", "persons_reached": "open_offering",
         "satisfaction_pct": "open_offering", "nps": "open_offering", "recognised_reach_pct": "open_offering",
         "requests_supported": "demand_driven"}


def test_the_span_is_the_reference(generated):
    span, want = generated["span"], generated["want"]
    assert sorted(span["years"]) == sorted(want["years"]) == [str(y) for y in range(FIRST, LAST + 1)]
    assert_same(span["total"], want["total"], "$.total")
    total = want["total"]["open_offering"]
    # the store has people who came back: the span counts them once
    assert total["persons_reached"] < sum(y["open_offering"]["persons_reached"] for y in want["years"].values())
    assert not float(total["half_days"]).is_integer()  # a half day in the total: 415,5


def test_html_cards_are_the_span_totals_with_a_sparkline_of_the_years(html, generated):
    want = generated["want"]
    for key, part in CARDS.items():
        card = html.select_one(f"li.card-{key}")
        assert card is not None, key
        assert card.select_one(".value").get_text(strip=True) == shown(key, want["total"][part][key]), key
        spark = card.select_one(".spark")
        label = spark["aria-label"]
        for year, figures in want["years"].items():
            assert f"{year}: {shown(key, figures[part][key])}" in label, (key, label)
        assert spark.find("svg") is not None and len(spark.find_all("circle")) >= 3
    note = texts(html.select_one("section.key-figures"))
    assert "telt één keer" in note and "niet als gemiddelde van de jaren" in note
    assert "Gegevens over 2021, 2022, 2023, 2024 en 2025." in note


def test_html_years_tables_are_the_reference(html, generated):
    want = generated["want"]
    years = sorted(want["years"])
    for key, rows, part in (("years_open", OPEN_ROWS, "open_offering"),
                            ("years_demand", DEMAND_ROWS, "demand_driven")):
        got = table_rows(html, key)
        assert got["Indicator"] == [*years, TOTAL]
        for label, k in rows.items():
            expected = [shown(k, want["years"][y][part][k]) for y in years] + [shown(k, want["total"][part][k])]
            assert got[label] == expected, (label, got[label], expected)
    groups = table_rows(html, "years_target_groups")
    assert groups["Primaire doelgroep"][-1] == pct(want["total"]["open_offering"]["primary_share_pct"])
    formats = table_rows(html, "years_formats")
    assert formats["Online"] == [count(want["years"][y]["open_offering"]["formats"]["online"]) for y in years] + [
        count(want["total"]["open_offering"]["formats"]["online"])]
    themes = table_rows(html, "years_themes")
    for t in want["total"]["open_offering"]["themes"]:
        assert themes[t["theme"] or "(zonder thema)"][-1] == count(t["activities"])
    topics = table_rows(html, "years_topics")
    for t in want["total"]["demand_driven"]["topics"]:
        assert topics[t["topic"] or "(zonder onderwerp)"][-1] == count(t["requests"])


def test_html_a_chart_per_indicator_with_its_targets_and_a_table(html, generated):
    want = generated["want"]
    for key in ("activities", "half_days", "participations", "persons_reached", "satisfaction_pct",
                "recognised_reach_pct", "requests_supported"):
        figure = html.find("figure", id=f"grafiek-by_year_{key}")
        assert figure is not None, key
        assert figure.select_one(".chart-image")["aria-label"] and figure.find("svg") is not None
        rows = table_rows(figure, f"by_year_{key}")
        part = "demand_driven" if key.startswith("requests") else "open_offering"
        for year in want["years"]:
            assert rows[year][0] == shown(key, want["years"][year][part][key]), (key, year)
        assert rows[TOTAL][0] == shown(key, want["total"][part][key])
    activities = html.find("figure", id="grafiek-by_year_activities")
    rows = table_rows(activities, "by_year_activities")
    assert rows["Jaar"] == ["Activiteiten", "Streefcijfer", "Behaald"]
    assert rows["2021"][1] == "≥ 40" and rows[TOTAL][1] == "≥ 200"
    # a year target is drawn beside its year's bar (named in the legend); the span's is said in
    # the caption, as for the total
    assert "Streefcijfer van het jaar" in activities.find("svg").get_text()
    caption = texts(activities.select_one(".chart-caption"))
    assert caption.startswith(f"Streefcijfer voor de hele periode {PERIOD} (voor het totaal, niet voor elk jaar): ≥ 200")
    # an indicator with only a target gets a chart too
    assert html.find("figure", id="grafiek-by_year_requests_declined") is not None


def test_html_targets_are_grouped_by_goal_with_met_as_word_and_mark(html, generated):
    table = html.find("table", attrs={"data-table": "targets"})
    bodies = table.find_all("tbody")
    assert [texts(b.find("tr")) for b in bodies] == [GOAL_1, GOAL_2, "Zonder doelstelling"]
    header = [texts(th) for th in table.find("thead").find_all("th")]
    assert header == ["Indicator", "Periode", "Streefcijfer", "Gerealiseerd", "Behaald"]
    rows = [[texts(c) for c in tr.find_all(["th", "td"])] for b in bodies for tr in b.find_all("tr")[1:]]
    assert len(rows) == len(EXAMPLE_TARGETS)
    assert all(r[4] in ("ja ✓", "nee ✗", "–") for r in rows)
    by = {(r[0], r[1]): r for r in rows}
    total = generated["want"]["total"]
    assert by[("Activiteiten", PERIOD)][2:] == ["≥ 200", count(total["open_offering"]["activities"]), "ja ✓"]
    assert by[("Vragen afgewezen", PERIOD)][2:4] == ["≤ 30", count(total["demand_driven"]["requests_declined"])]
    assert by[("Bereik van de erkende organisaties", PERIOD)][2] == "≥ 90%"
    assert by[("NPS (aanbeveling)", "2021")][3:] == ["–", "–"]  # no answers in 2021: unknown
    assert by[("NPS (aanbeveling)", "2024")][2] == "≥ +30"
    # within a goal, an indicator's years come in order, then the span
    periods = [r[1] for r in rows if r[0] == "Activiteiten"]
    assert periods == ["2021", "2022", "2023", "2024", "2025", PERIOD]
    met = sum(r[4] == "ja ✓" for r in rows)
    assert f"{met} van de" in texts(html.find("section", id="streefcijfers"))


def test_targets_table_groups_by_goal_in_order_and_without_goal_last():
    targets = [
        {"indicator": "nps", "period": "2024", "goal": None, "direction": "at_least", "target": 30,
         "realised": None, "met": None},
        {"indicator": "half_days", "period": "2021-2025", "goal": "B", "direction": "at_most", "target": 10,
         "realised": 12.5, "met": False},
        {"indicator": "satisfaction_pct", "period": "2021", "goal": "A", "direction": "at_least", "target": 55,
         "realised": 55.5, "met": True},
        {"indicator": "activities", "period": "2022", "goal": "B", "direction": "at_least", "target": 1440,
         "realised": 1500, "met": True},
    ]
    t = targets_table(targets, "nl")
    assert [g.heading for g in t.groups] == ["A", "B", "Zonder doelstelling"]  # by the goals' own order
    assert [[c.text for c in row.cells] for row in t.groups[1].rows] == [
        ["Dagdelen", "2021-2025", "≤ 10", "12,5", "nee ✗"], ["Activiteiten", "2022", "≥ 1.440", "1.500", "ja ✓"]]
    assert [c.text for c in t.groups[0].rows[0].cells] == ["Gemiddelde tevredenheid", "2021", "≥ 55%", "56%", "ja ✓"]
    assert [c.text for c in t.groups[2].rows[0].cells][2:] == ["≥ +30", "–", "–"]
    en = targets_table(targets, "en")
    assert en.groups[-1].heading == "No goal" and en.groups[0].rows[0].met.text == "yes ✓"
    assert en.groups[1].rows[1].target.text == "≥ 1,440"
    # the numbers in a goal's code compare as numbers, whatever the order of the rows
    coded = [{**targets[1], "goal": g} for g in ("SD2 OD2.1", "SD1 OD1.10", "SD1 OD1.2")]
    assert [g.heading for g in targets_table(coded, "nl").groups] == ["SD1 OD1.2", "SD1 OD1.10", "SD2 OD2.1"]


def test_a_target_of_a_year_without_data_is_listed_with_a_dash(sample_cli, tmp_path):
    """The sample store has no data for 2016-2018: a 2017 target is still part of the plan."""
    from helpers import write_xlsx

    book = write_xlsx(tmp_path / "doelen.xlsx", {"Streefcijfers": [
        ["Indicator", "Periode", "Streefcijfer", "Doelstelling"], ["Activiteiten", 2017, 60, "SD1 OD1.1"]]})
    assert sample_cli("import", book).exit_code == 0
    span = json.loads(sample_cli("stats", "2016-2020", "-f", "json").stdout)
    assert span["targets_of_years_without_data"] == [
        {"indicator": "activities", "period": "2017", "goal": "SD1 OD1.1", "direction": "at_least",
         "target": 60, "realised": None, "met": None}]
    out = tmp_path / "p.md"
    assert sample_cli("report", "2016-2020", "-f", "md", "--output", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "| Activiteiten | 2017 | ≥ 60 | – | – |" in text
    assert "Voor 1 streefcijfer is er geen cijfer" in text
    # and in the indicator's own table, in its year's place, beside the chart that draws it
    html = tmp_path / "p.html"
    assert sample_cli("report", "2016-2020", "--output", html).exit_code == 0
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    rows = table_rows(soup, "by_year_activities")
    assert list(rows) == ["Jaar", "2017", "2019", "2020", "Totaal 2016-2020"]
    assert rows["2017"] == ["–", "≥ 60", "–"]
    assert "Streefcijfer van het jaar" in soup.find("figure", id="grafiek-by_year_activities").find("svg").get_text()


def test_markdown_holds_the_same_figures(markdown, generated):
    want = generated["want"]
    total = want["total"]
    assert markdown.startswith(f"# Voortgangsrapport {PERIOD}\n\n**Beleidsperiode {PERIOD}**")
    persons = total["open_offering"]["persons_reached"]
    line = next(ln for ln in markdown.splitlines() if ln.startswith(f"- **{count(persons)}** personen bereikt"))
    for year, figures in want["years"].items():
        assert f"{year}: {count(figures['open_offering']['persons_reached'])}" in line
    half = f"| Dagdelen | {' | '.join(count(want['years'][y]['open_offering']['half_days']) for y in sorted(want['years']))}" \
           f" | {count(total['open_offering']['half_days'])} |"
    assert half in markdown
    assert f"*{GOAL_1}*" in markdown and "*Zonder doelstelling*" in markdown
    assert re.search(r"\| Activiteiten \| 2021-2025 \| ≥ 200 \| [\d.]+ \| ja ✓ \|", markdown)
    assert "![Activiteiten per jaar, als staafdiagram: 2021" in markdown


def test_workbook_sheets_formats_and_figures(workbook, generated):
    want = generated["want"]
    total = want["total"]
    assert workbook.sheetnames == ["Cijfers per jaar", "Streefcijfers", "De jaren"]
    ws = workbook["De jaren"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    years = sorted(want["years"])
    assert [c.value for c in rows["Indicator"][1:]] == [*years, TOTAL]
    persons = rows["Personen bereikt"]
    assert [c.value for c in persons[1:]] == [want["years"][y]["open_offering"]["persons_reached"] for y in years] + [
        total["open_offering"]["persons_reached"]]
    assert all(c.number_format == "#,##0" and c.data_type == "n" for c in persons[1:])
    half = rows["Dagdelen"][-1]
    assert half.value == total["open_offering"]["half_days"] and half.number_format == "#,##0.0#"
    sat = rows["Gemiddelde tevredenheid"][-1]
    assert sat.value == pytest.approx(total["open_offering"]["satisfaction_pct"] / 100) and sat.number_format == "0%"
    assert ws.freeze_panes == "B6"  # the first table's header row stays in view
    assert "Activiteiten per thema per jaar" in rows and "Vragen per onderwerp per jaar" in rows

    ws = workbook["Streefcijfers"]
    header = next(r for r in ws.iter_rows() if r[0].value == "Doelstelling")
    assert [c.value for c in header] == ["Doelstelling", "Indicator", "Periode", "Streefcijfer", "Gerealiseerd",
                                         "Behaald"]
    targets = [r for r in ws.iter_rows(min_row=header[0].row + 1) if r[1].value]
    assert len(targets) == len(EXAMPLE_TARGETS)
    assert {r[5].value for r in targets} <= {"ja", "nee", "–"}
    reach = next(r for r in targets if r[1].value == "Bereik van de erkende organisaties")
    assert reach[0].value == "Zonder doelstelling" and reach[3].value == pytest.approx(0.9)
    assert reach[3].number_format == '"≥ "0%' and reach[4].number_format == "0%"
    declined = next(r for r in targets if r[1].value == "Vragen afgewezen")
    assert declined[3].value == 30 and declined[3].number_format == '"≤ "#,##0'
    assert ws.freeze_panes is not None


# --- years without data: the sample's policy period 2016-2020 -------------------------------


def test_a_period_with_years_without_data_names_them(sample_store, sample_tables, tmp_path):
    span = span_figures(Store(str(sample_store)), (2016, 2020),
                        [Target("requests_supported", (2016, 2020), 70, goal="SD2"),
                         Target("requests_declined", (2019, 2019), 20, AT_MOST)])
    t = sample_tables
    want = reference.compute_span(2016, 2020, t["activities"], t["registrations"], t["evaluations"],
                                  t["organisations"], t["requests"])
    out = tmp_path / "r.html"
    write_period_report(span=span, fmt="html", output=out)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    note = texts(soup.select_one("section.key-figures"))
    assert "Gegevens over 2019 en 2020." in note and "Voor 2016, 2017 en 2018 zijn er geen gegevens." in note
    assert table_rows(soup, "years_open")["Indicator"] == ["2019", "2020", "Totaal 2016-2020"]
    assert table_rows(soup, "years_open")["Personen bereikt"][-1] == count(want["total"]["open_offering"]["persons_reached"])
    # the charts draw every year of the span, naming the years without data
    svg = soup.find("figure", id="grafiek-by_year_activities").find("svg").get_text(" ")
    assert svg.count("geen") == 3 and "2016" in svg
    body = texts(soup.find("section", id="streefcijfers"))
    assert "SD2" in body and "Zonder doelstelling" in body and "nee ✗" in body and "ja ✓" in body
    ctx = build_period(span=span, lang="en", draw_charts=False)
    assert ctx.title == "Progress report 2016-2020" and ctx.subtitle == "Policy period 2016-2020"
    assert "There are no data for 2016, 2017 and 2018." in ctx.key_figures_note


# --- the PDF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(generated) -> Path:
    pytest.importorskip("weasyprint")
    out = generated["folder"] / f"voortgangsrapport-{PERIOD}.pdf"
    assert write_period_report(span=generated["span"], fmt="pdf", output=out) == [out]
    return out


def test_pdf_cover_contents_footer_and_figures(pdf, generated):
    from test_report_pdf import page_texts

    pages = page_texts(pdf)
    n = len(pages)
    cover = " ".join(pages[0].split())
    assert f"Voortgangsrapport {PERIOD}" in cover and f"Beleidsperiode {PERIOD}" in cover and "pagina" not in cover
    assert pages[1].lstrip().startswith("Inhoud")
    for i, text in enumerate(pages[1:], start=2):
        flat = " ".join(text.split())
        assert f"pagina {i} van {n}" in flat and f"Socius · Voortgangsrapport {PERIOD}" in flat, i
    flat = " ".join(" ".join(pages).split())
    total = generated["want"]["total"]["open_offering"]
    for figure in (count(total["persons_reached"]), count(total["half_days"]), pct(total["satisfaction_pct"]),
                   "Streefcijfers per doelstelling", GOAL_2, "ja ✓", "nee ✗"):
        assert figure in flat, figure


def test_the_sample_period_pdf_keeps_the_targets_summary_with_its_table(sample_cli, tmp_path):
    """The sample 2016-2020 report once left the heading "Streefcijfers" and its summary at the
    foot of a page and the table on the next one."""
    from test_report_pdf import page_texts

    pytest.importorskip("weasyprint")
    out = tmp_path / "p.pdf"
    assert sample_cli("report", "2016-2020", "--format", "pdf", "--output", out).exit_code == 0
    pages = [" ".join(t.split()) for t in page_texts(out)]
    summary = next(i for i, t in enumerate(pages) if "streefcijfers, voor de periode 2016-2020 en voor haar jaren" in t)
    assert "Streefcijfers per doelstelling" in pages[summary] and "SD1 OD1.1" in pages[summary]


def test_the_sample_period_pdf_keeps_every_table_inside_the_margins(sample_cli, tmp_path):
    """A chart's table beside it ran past the right margin on paper ("Behaald" cut off at the
    page's edge in the tables with a target). No page but the full-bleed cover has ink in the
    side margins (17 mm)."""
    from test_report_pdf import rendered_pages

    pytest.importorskip("weasyprint")
    out = tmp_path / "p.pdf"
    assert sample_cli("report", "2016-2020", "--format", "pdf", "--output", out).exit_code == 0
    pages = rendered_pages(out, dpi=60)
    outside = {}
    for i, page in enumerate(pages[1:], start=2):
        px_per_mm = page.shape[1] / 210
        margin = round(16 * px_per_mm)  # a pixel's grace inside the 17 mm
        ink = (page < 200).any(axis=0)
        if ink[:margin].any() or ink[-margin:].any():
            outside[i] = (int(ink[:margin].sum()), int(ink[-margin:].sum()))
    assert outside == {}, outside


def test_pdf_contents_page_numbers_are_where_the_sections_are(pdf, generated):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(pdf)
    ctx = build_period(span=generated["span"], draw_charts=False)
    lines = reader.pages[1].extract_text().splitlines()
    for section in ctx.sections:
        [line] = [ln for ln in lines if ln.startswith(section.heading + " ")]
        printed = int(line.rsplit(" ", 1)[1])
        actual = reader.get_destination_page_number(reader.named_destinations[section.anchor]) + 1
        assert printed == actual, (section.heading, printed, actual)


def test_pdf_page_count_and_no_page_more_than_a_third_empty(pdf):
    """As the year report's PDF: no page more than a third empty except the cover, the
    contents page (the first chapter starts a new page) and the last page. The generated
    period report has 9 pages: contents, 4 pages of charts, the targets, the years."""
    from test_report_pdf import largest_empty_band, page_texts, rendered_pages

    pages = rendered_pages(pdf)
    assert len(pages) == len(page_texts(pdf))
    assert 7 <= len(pages) <= 11, len(pages)
    gaps = {i: largest_empty_band(p) for i, p in enumerate(pages, start=1)}
    exempt = {1, 2, len(pages)}
    too_empty = {i: f"{g:.0%}" for i, g in gaps.items() if i not in exempt and g > 1 / 3}
    assert too_empty == {}, gaps


# --- the command line ------------------------------------------------------------------------


def test_cli_writes_the_period_report_with_its_default_name_and_text(sample_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tekst-2016-2020.md").write_text("Vijf jaar werk in een notendop.\n\n## Naar 2025\n\nVerder.\n",
                                                 encoding="utf-8")
    res = sample_cli("report", "2016-2020", "--format", "md")
    assert res.exit_code == 0, res.output
    out = tmp_path / "voortgangsrapport-2016-2020.md"
    assert f"{out.name}" in res.stderr and "tekst-2016-2020.md" in res.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Voortgangsrapport 2016-2020")
    assert "Vijf jaar werk in een notendop." in text and "## Naar 2025" in text
    for fmt in ("html", "xlsx"):
        res = sample_cli("report", "2016 – 2020", "--format", fmt)
        assert res.exit_code == 0, res.output
        assert (tmp_path / f"voortgangsrapport-2016-2020.{fmt}").is_file()
    # a single year stays the year report
    res = sample_cli("report", "2020", "--format", "md")
    assert res.exit_code == 0 and (tmp_path / "voortgangsrapport-2020.md").read_text(
        encoding="utf-8").startswith("# Voortgangsrapport 2020")


@pytest.mark.parametrize(("args", "code", "words"), [
    (["2010-2012"], 1, "2019, 2020"),
    (["2020-2016"], 2, "2016-2020?"),
    (["twintig"], 2, "twintig"),
    (["2016-2020", "--text", "geen-tekst.md"], 1, "geen-tekst.md"),
])
def test_cli_refusals_are_one_line(sample_cli, tmp_path, monkeypatch, args, code, words):
    monkeypatch.chdir(tmp_path)
    res = sample_cli("report", *args)
    assert res.exit_code == code, res.output
    assert words in res.output and "Traceback" not in res.output
    assert not list(tmp_path.glob("voortgangsrapport-*"))


def test_an_existing_folder_as_output_gets_the_report_under_its_own_name(sample_cli, tmp_path):
    """`--output rapporten` (a folder) writes voortgangsrapport-2016-2020.xlsx into it, rather
    than failing with "Is a directory"; so does the year report."""
    folder = tmp_path / "rapporten"
    folder.mkdir()
    for args, name in ((["2016-2020", "--format", "xlsx"], "voortgangsrapport-2016-2020.xlsx"),
                       (["2020", "--format", "md"], "voortgangsrapport-2020.md")):
        res = sample_cli("report", *args, "--output", folder, "--lang", "en")
        assert res.exit_code == 0, res.output
        assert (folder / name).is_file() and name in res.stderr


def test_cli_period_report_in_english(tmp_path, monkeypatch, generated):
    monkeypatch.chdir(tmp_path)
    cli = Cli(str(generated["db"]))
    res = cli("report", PERIOD, "--lang", "en", "--format", "md", "--output", "r.md")
    assert res.exit_code == 0, res.output
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith(f"# Progress report {PERIOD}") and "## The years" in text
    persons = generated["want"]["total"]["open_offering"]["persons_reached"]
    assert f"**{persons:,}** people reached" in text


def test_a_published_year_whose_figures_changed_says_so_in_the_period_report(tmp_path):
    """As the year report does: the years' section names what was published and what it is now."""
    from helpers import Cli, write_xlsx

    def book(days: int) -> Path:
        return write_xlsx(tmp_path / "werkboek.xlsx", {
            "activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen"],
                             ["A1", "Vorming", "2019-03-01", "fysiek", 1], ["A2", "Vorming", "2020-03-01", "online", days]],
            "inschrijvingen": [["Activiteit", "E-mail"], ["A1", "an@x.be"], ["A2", "bo@x.be"]]})

    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", book(2)).exit_code == 0
    assert cli("publish", "2020").exit_code == 0 and cli("publish", "2019").exit_code == 0
    out = tmp_path / "p.md"
    assert cli("report", "2019-2020", "-f", "md", "--output", out).exit_code == 0
    assert "gepubliceerd" not in out.read_text(encoding="utf-8")  # nothing differs: nothing said
    assert cli("import", book(3), "--allow-published-changes").exit_code == 0
    assert cli("report", "2019-2020", "-f", "md", "--output", out, "--lang", "en").exit_code == 0
    text = out.read_text(encoding="utf-8")
    years = text[text.index("## The years"):]
    assert "2020: Differences with the published figures" in years
    assert "| Half-day sessions | 2 | 3 |" in years
    assert "| Activities by theme: (no theme) (half days) | 2 | 3 |" in years  # a blank theme by name
    assert "2019: Differences" not in years
