"""The HTML report (report/context.py, report/render.py, templates/), checked by parsing it
(BeautifulSoup), not by substring luck."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_fixtures import stats_2019, stats_2020

from socius_cli.errors import SociusError
from socius_cli.labels import EN, NL
from socius_cli.report.context import ReportContext
from socius_cli.report.write import build, default_text_path, write_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TEXT = ROOT / "sample_data" / "tekst-2020.md"
PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>']


def render(tmp_path: Path, name: str = "r.html", **kw) -> BeautifulSoup:
    kw.setdefault("stats", stats_2020())
    kw.setdefault("previous", stats_2019())
    out = tmp_path / name
    files = write_report(fmt="html", output=out, **kw)
    assert files == [out]
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


def texts(node) -> str:
    return " ".join(node.get_text(" ").split())


def cells(table) -> list[list[str]]:
    return [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])]
            for tr in table.find_all("tr")]


def table(soup, key: str):
    t = soup.find("table", attrs={"data-table": key})
    assert t is not None, key
    return t


def row(soup, key: str, label: str) -> list[str]:
    for r in cells(table(soup, key)):
        if r[0] == label:
            return r
    raise AssertionError(f"no row {label!r} in {key}")


@pytest.fixture(scope="module")
def soup(tmp_path_factory) -> BeautifulSoup:
    return render(tmp_path_factory.mktemp("html"), text_path=SAMPLE_TEXT)


def test_title_block_and_cards(soup):
    assert soup.html["lang"] == "nl"
    [h1] = soup.find_all("h1")
    assert texts(h1) == "Voortgangsrapport 2020"
    assert texts(soup.select_one(".cover .organisation")) == "Socius"
    cards = {c["class"][1]: c for c in soup.select("li.card")}
    values = {k: texts(c.select_one(".value")) for k, c in cards.items()}
    assert values == {
        "card-activities": "50", "card-half_days": "170", "card-persons_reached": "1.440",
        "card-satisfaction_pct": "77%", "card-recognised_reach_pct": "84%",
        "card-requests_supported": "37",
    }
    assert texts(cards["card-persons_reached"].select_one(".previous")) == "2019: 1.310 +130"
    # 79.5 shows as 80% and the change is 77 - 79.5 = -2.5, rounded half up to −3 pp
    assert texts(cards["card-satisfaction_pct"].select_one(".previous")) == "2019: 80% −3 pp"


def test_sections_in_order(soup):
    headings = [texts(h) for h in soup.select("main > section.section > h2")]
    assert headings == ["Het jaar in het kort", "Open aanbod", "Digitale omslag",
                        "Burgerinitiatieven", "Vraaggestuurde werking", "Communicatie",
                        "Naar een nieuwe beleidsperiode", "Meer weten?", "Foto's"]
    toc = [texts(a) for a in soup.select("nav.contents a")]
    assert toc == headings
    for a in soup.select("nav.contents a"):
        assert soup.find(id=a["href"][1:]) is not None


def test_year_in_short(soup):
    s = soup.find(id="jaar")
    assert "2020 zette alles op zijn kop" in texts(s.select_one(".text"))
    assert row(soup, "key_figures", "Personen bereikt") == ["Personen bereikt", "1.440",
                                                           "1.310", "+130"]
    assert row(soup, "key_figures", "Gemiddelde tevredenheid")[1:] == ["77%", "80%", "−3 pp"]
    assert s.find(id="grafiek-key_figures") is not None


def test_open_offering(soup):
    s = soup.find(id="open-aanbod")
    facts = texts(s.select_one(".facts"))
    for figure in ("50 activiteiten", "170 dagdelen", "1.440 personen", "55%", "45%", "77%",
                   "105 van de 125", "84%"):
        assert figure in facts
    assert "Een breed palet aan thema's" in [texts(h) for h in s.find_all("h3")]
    themes = cells(table(s, "themes"))
    assert themes[0] == ["Thema", "Activiteiten", "Dagdelen", "Deelnames",
                         "Activiteiten 2019", "Verschil"]
    assert themes[1] == ["Organisatieontwikkeling", "11", "38", "402", "12", "−1"]
    assert ["Burgerinitiatieven", "8", "26", "281", "0", "+8"] in themes
    assert row(s, "target_groups", "Primaire doelgroep") == [
        "Primaire doelgroep", "990", "55%", "58%", "−3 pp"]
    assert row(s, "satisfaction_reach", "Bereik van de erkende organisaties")[1:] == [
        "84%", "77%", "+7 pp"]
    assert {f["id"] for f in s.select("figure.chart")} == {"grafiek-themes",
                                                          "grafiek-target_groups"}


def test_digital_shift(soup):
    s = soup.find(id="digitale-omslag")
    assert "22 volledig online, 10 combineerden" in texts(s.select_one(".facts"))
    assert cells(table(s, "formats")) == [
        ["Werkvorm", "Activiteiten", "Aandeel", "Activiteiten 2019", "Verschil"],
        ["Fysiek", "18", "36%", "41", "−23"],
        ["Online", "22", "44%", "3", "+19"],
        ["Blended", "10", "20%", "2", "+8"],
        ["Totaal", "50", "100%", "46", "+4"],
    ]


def test_demand_driven(soup):
    s = soup.find(id="vraaggestuurde-werking")
    facts = texts(s.select_one(".facts"))
    for figure in ("69 vragen", "29 daarvan", "40 aanvaard", "37 aanvaarde", "22 ", "15 ",
                   "175 deelnemers"):
        assert figure in facts
    funnel = {r[0]: r[1:] for r in cells(table(s, "funnel"))}
    assert funnel["Vragen ontvangen"] == ["69", "61", "+8"]
    assert funnel["Afgewezen"] == ["29", "24", "+5"]
    assert funnel["Aanvaard"] == ["40", "37", "+3"]
    assert funnel["Uitgemond in ondersteuning"] == ["37", "33", "+4"]
    assert funnel["Ondersteund, primaire doelgroep"] == ["22", "21", "+1"]
    assert funnel["Ondersteund, secundaire doelgroep"] == ["15", "12", "+3"]
    assert funnel["Deelnemers aan de ondersteuning"] == ["175", "160", "+15"]
    assert "In behandeling" not in funnel  # no pending requests in either year
    topics = cells(table(s, "topics"))
    assert topics[1] == ["Beleidsplanning", "17", "20", "−3"]


def test_communication_and_photos(soup):
    assert "coronagids" in texts(soup.find(id="communicatie"))
    gallery = soup.find(id="fotos").select("figure.photo")
    assert len(gallery) == 3
    assert "(Foto: Lies Fictief)" in texts(gallery[2].figcaption)
    inline = soup.find(id="open-aanbod").select("figure.photo")
    assert len(inline) == 1 and "(Foto: An Voorbeeld)" in texts(inline[0])
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/jpeg;base64,")
        assert img["alt"].strip()


def test_self_contained(soup):
    """Nothing is fetched from anywhere when the file is opened."""
    for tag in ("script", "link", "iframe", "object", "embed", "base", "video", "audio"):
        assert soup.find(tag) is None, tag
    for el in soup.find_all(True):
        for attr in ("src", "srcset", "poster", "data", "background", "action"):
            if el.has_attr(attr):
                assert str(el[attr]).startswith("data:"), (el.name, attr, el[attr])
        for attr in ("href", "xlink:href"):
            if el.has_attr(attr):
                href = str(el[attr])
                if el.name == "a":  # links are followed only when clicked
                    assert href.startswith(("#", "https://www.example.org",
                                            "mailto:info@example.org")), href
                else:
                    assert href.startswith("#"), (el.name, href)
    css = " ".join(s.get_text() for s in soup.find_all("style"))
    assert "@import" not in css
    assert not re.search(r"url\((?!#)", css)
    for el in soup.find_all(style=True):
        assert not re.search(r"url\((?!#)", el["style"]), el["style"]


def test_accessible_structure(soup):
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1 and levels.count(1) == 1
    for a, b in itertools.pairwise(levels):
        assert b <= a + 1, levels
    charts = soup.select("figure.chart")
    assert len(charts) == 6
    for fig in charts:
        assert texts(fig.figcaption)
        img = fig.select_one('[role="img"]')
        assert img is not None and len(img["aria-label"]) > 30
        assert img.find("svg") is not None
        assert fig.find("table").caption is not None
        assert fig.find("table").find("th", scope="row") is not None
    # several inline SVGs share one id space
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_chart_alternative_states_numbers(soup):
    alt = soup.select_one("#grafiek-formats [role=img]")["aria-label"]
    assert "Fysiek 18" in alt and "Online 22" in alt and "Blended 10" in alt
    funnel = soup.select_one("#grafiek-funnel [role=img]")["aria-label"]
    assert "Vragen ontvangen 69" in funnel and "Uitgemond in ondersteuning 37" in funnel


def test_without_previous_year_no_empty_columns(tmp_path):
    soup = render(tmp_path, previous=None)
    assert soup.select(".card .previous") == []
    assert soup.find(id="grafiek-key_figures") is None
    for t in soup.find_all("table"):
        header = [texts(th) for th in t.thead.find_all("th")]
        assert "Verschil" not in header and not any("2019" in h for h in header), header
    assert "2019" not in texts(soup)
    assert row(soup, "key_figures", "Activiteiten") == ["Activiteiten", "50"]
    # without editorial text: the four sections with figures only
    assert [texts(h) for h in soup.select("main > section.section > h2")] == [
        "Het jaar in het kort", "Open aanbod", "Digitale omslag", "Vraaggestuurde werking"]


def test_english(tmp_path):
    soup = render(tmp_path, lang="en", organisation="Socius")
    assert soup.html["lang"] == "en"
    assert texts(soup.h1) == "Progress report 2020"
    assert [texts(h) for h in soup.select("main > section.section > h2")] == [
        "The year in short", "Open offering", "The digital shift", "Demand-driven work"]
    cards = [texts(c) for c in soup.select(".card .value")]
    assert cards == ["50", "170", "1,440", "77%", "84%", "37"]
    assert row(soup, "key_figures", "People reached") == ["People reached", "1,440", "1,310",
                                                         "+130"]
    assert "Vragen" not in texts(soup)


def test_labels_complete():
    assert NL.keys() == EN.keys()
    assert all(v.strip() for v in [*NL.values(), *EN.values()])


def test_unknown_language(tmp_path):
    with pytest.raises(SociusError, match="unknown language 'fr'"):
        write_report(stats=stats_2020(), previous=None, fmt="html", output=tmp_path / "x.html",
                     lang="fr")


def test_dash_for_percentages_that_cannot_be_computed(tmp_path):
    s = stats_2020()
    s["open_offering"]["satisfaction_pct"] = None
    s["open_offering"]["recognised_reach_pct"] = None
    soup = render(tmp_path, stats=s)
    assert texts(soup.select_one(".card-satisfaction_pct .value")) == "–"
    assert row(soup, "key_figures", "Gemiddelde tevredenheid")[1:] == ["–", "80%", "–"]


def test_escaping_of_spreadsheet_values(tmp_path):
    s = stats_2020()
    s["open_offering"]["themes"][0]["theme"] = PAYLOADS[0]
    s["open_offering"]["themes"][1]["theme"] = PAYLOADS[1]
    s["demand_driven"]["topics"][0]["topic"] = PAYLOADS[1]
    soup = render(tmp_path, stats=s, organisation='Org <img src=x onerror="alert(2)">')
    assert soup.find("script") is None
    assert soup.find(attrs={"onerror": True}) is None
    assert [i for i in soup.find_all("img")] == []  # no photo, and no injected image
    assert PAYLOADS[0] in texts(table(soup, "themes"))
    assert PAYLOADS[1] in texts(table(soup, "topics"))
    assert 'Org <img src=x onerror="alert(2)">' in texts(soup.select_one(".organisation"))
    # the chart's text alternative carries the raw text too, as an attribute value
    assert PAYLOADS[0] in soup.select_one("#grafiek-themes [role=img]")["aria-label"]


def test_escaping_of_editorial_text(tmp_path):
    text = tmp_path / "tekst.md"
    text.write_text(
        "Intro <script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n"
        "[click](javascript:alert(1)) and <a href=\"https://evil.example\">x</a>\n\n"
        "## Vrij <b onclick=x>deel</b>\n\n<div onmouseover=alert(1)>blok</div>\n",
        encoding="utf-8")
    soup = render(tmp_path, text_path=text)
    assert soup.find("script") is None
    assert soup.find(attrs={"onerror": True}) is None
    assert soup.find(attrs={"onmouseover": True}) is None
    assert soup.find(attrs={"onclick": True}) is None
    assert soup.find("b") is None and soup.find("div", string="blok") is None
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert not any("javascript" in h or "evil" in h for h in hrefs)
    assert "<script>alert(1)</script>" in texts(soup.find(id="jaar"))
    assert "Vrij <b onclick=x>deel</b>" in [texts(h) for h in soup.find_all("h2")]


def test_template_override(tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "report.css").write_text("body { background: #fed; } /* eigen huisstijl */",
                                     encoding="utf-8")
    (tdir / "_extra.html.j2").write_text("<p class='extra'>{{ report.year }}</p>")
    soup = render(tmp_path, template_dir=tdir)
    assert "eigen huisstijl" in soup.style.get_text()
    assert ".cards" not in soup.style.get_text()  # the built-in one is replaced
    (tdir / "report.html.j2").write_text(
        "<!DOCTYPE html><html><body><h1>{{ report.organisation }} {{ report.year }}</h1>"
        "{% include '_extra.html.j2' %}"
        "{% for kf in report.key_figures %}<b>{{ kf.text }}</b>{% endfor %}</body></html>")
    soup = render(tmp_path, template_dir=tdir, organisation="<Org>")
    assert texts(soup.h1) == "<Org> 2020"
    assert [texts(b) for b in soup.find_all("b")] == ["50", "170", "1.440", "77%", "84%", "37"]
    assert texts(soup.select_one(".extra")) == "2020"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("report.html.j2", "{% if %}", r"tpl/report\.html\.j2, line 1: Expected"),
    ("report.html.j2", "{{ report.no_such_field }}", "no_such_field"),
    ("raport.html.j2", "x", "unknown template raport.html.j2"),
])
def test_template_errors_are_one_line(tmp_path, name, content, message):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / name).write_text(content)
    with pytest.raises(SociusError, match=message) as e:
        render(tmp_path, template_dir=tdir)
    assert "\n" not in str(e.value)


def test_missing_template_dir(tmp_path):
    with pytest.raises(SociusError, match="template folder not found"):
        render(tmp_path, template_dir=tmp_path / "nope")


def test_context_fields_are_documented():
    """Every field of the template context is described in its docstring (the README's
    template reference is copied from it)."""
    doc = ReportContext.__doc__ or ""
    for f in dataclasses.fields(ReportContext):
        assert re.search(rf"^\s+{f.name}\b|\b{f.name}\b", doc), f.name
    ctx = build(stats=stats_2020(), previous=stats_2019(), draw_charts=False)
    assert isinstance(ctx, ReportContext)
    assert ctx.previous_year == 2019 and ctx.year == 2020
    assert [s.key for s in ctx.sections] == ["year_in_short", "open_offering",
                                             "digital_shift", "demand_driven"]


def test_default_text_path(tmp_path):
    assert default_text_path(2020, tmp_path) is None
    (tmp_path / "text-2020.md").write_text("x")
    assert default_text_path(2020, tmp_path) == tmp_path / "text-2020.md"
    (tmp_path / "tekst-2020.md").write_text("x")
    assert default_text_path(2020, tmp_path) == tmp_path / "tekst-2020.md"
    assert default_text_path(2019, tmp_path) is None


def test_unknown_format(tmp_path):
    with pytest.raises(SociusError, match="unknown report format 'doc'"):
        write_report(stats=stats_2020(), previous=None, fmt="doc", output=tmp_path / "x.doc")


def test_blank_theme_and_topic_and_fractional_half_days(tmp_path):
    s = stats_2020()
    s["open_offering"]["themes"].insert(0, {"theme": None, "activities": 20, "half_days": 12.5,
                                            "participations": 90})
    s["demand_driven"]["topics"].append({"topic": None, "requests": 3})
    p = stats_2019()
    p["open_offering"]["themes"].append({"theme": None, "activities": 2, "half_days": 4,
                                         "participations": 10})
    soup = render(tmp_path, stats=s, previous=p)
    themes = cells(table(soup, "themes"))
    assert themes[-1] == ["(zonder thema)", "20", "12,5", "90", "2", "+18"]  # listed last
    assert "None" not in texts(soup)
    assert cells(table(soup, "topics"))[-1] == ["(zonder onderwerp)", "3", "0", "+3"]
    soup = render(tmp_path, stats=s, previous=None, lang="en")
    assert cells(table(soup, "themes"))[-1] == ["(no theme)", "20", "12.5", "90"]


def test_key_figures_note_stands_under_the_cards_and_says_what_they_show(soup, tmp_path):
    cards = soup.select_one("section.key-figures ul.cards")
    note = cards.find_next_sibling()
    assert note.name == "p" and "note" in note["class"]
    assert texts(note) == "Onder elk kerncijfer: de waarde in 2019 en het verschil met 2020."
    # what the cards show under each figure: the year, its value and the change, no brackets
    for card in soup.select("li.card"):
        previous = texts(card.select_one(".previous"))
        assert previous.startswith("2019: ") and "(" not in previous, previous
    assert "haakjes" not in texts(soup)
    # what a dash and pp mean is explained there too, where "−3 pp" is first shown
    notes = [texts(p) for p in soup.select("section.key-figures p.note")]
    assert notes[1:] == ["Een streepje (–) betekent: niet te berekenen.",
                         "pp = procentpunt: het verschil tussen twee percentages."]
    assert "de waarde" not in texts(soup.find(id="jaar"))  # no longer in the year in short
    en = render(tmp_path, name="en.html", lang="en")
    assert texts(en.select_one(".cards-note")) == ("Under each key figure: the value in 2019 and "
                                                   "the change to 2020.")
    assert render(tmp_path, name="alone.html", previous=None).select(".cards-note") == []


def test_contents_come_first_and_the_cover_carries_the_title(soup):
    """Print makes a cover of the title block and a contents page of the contents and the cards:
    the HTML has them in that order, before the sections."""
    front = soup.select_one("main > .front")
    assert [c["class"][0] for c in front.find_all(recursive=False)] == ["contents", "key-figures"]
    assert front.find_next_sibling("section")["id"] == "jaar"
    cover = soup.select_one("header.cover")
    assert texts(cover.select_one("h1")) == "Voortgangsrapport 2020"
    assert cover.select_one(".cover-year")["aria-hidden"] == "true"
    css = soup.style.get_text()
    for rule in ("@page cover", "target-counter(attr(href), page)", "string-set: chapter",
                 'content: "pagina " counter(page) " van " counter(pages)'):
        assert rule in css, rule


def test_requests_chart_draws_decisions_as_parts_of_the_received_requests(soup):
    """The geometry (parts that add up to the received bar) is tested in test_charts.py."""
    alt = soup.select_one("#grafiek-funnel [role=img]")["aria-label"]
    assert "Trechter" not in alt and "verdeeld naar de beslissing" in alt
    svg = str(soup.select_one("#grafiek-funnel svg"))
    assert "Beslissing" in svg and "Aanvaard 40" in svg and "Afgewezen 29" in svg


def test_a_year_without_requests_has_the_table_but_no_empty_chart(tmp_path):
    stats = stats_2020()
    dd = stats["demand_driven"]
    for k in list(dd):
        if k.startswith(("requests_", "supported_", "support_")):
            dd[k] = 0
    dd["topics"] = []
    soup = render(tmp_path, stats=stats)  # 2019 had requests: its column keeps the table worth showing
    assert soup.find("figure", id="grafiek-funnel") is None
    assert row(soup, "funnel", "Vragen ontvangen")[1:3] == ["0", str(stats_2019()["demand_driven"]["requests_received"])]
