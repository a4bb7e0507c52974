"""Issue 11, points 6 and 1 (the report's part): the recommendation question and its NPS in
stats, the report and the workbook; the report's annex with the rows behind the figures."""

from __future__ import annotations

import openpyxl
import pytest
from bs4 import BeautifulSoup
from helpers import SAMPLE, Cli, write_xlsx
from report_fixtures import stats_2019, stats_2020

from socius_cli.report.write import write_report

ACT_HEAD = ["Code", "Titel", "Datum", "Vorm", "Dagdelen"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    cli = Cli(str(folder / "socius.db"))
    assert cli("import", SAMPLE).exit_code == 0
    return cli, folder


def test_recommend_answers_and_their_problems(sqlite_cli, tmp_path):
    cli = sqlite_cli
    acts = [ACT_HEAD, ["A", "T", "2020-02-02", "online", 1]]
    evals = [["Activiteit", "Score", "Aanbeveling (0-10)"], ["A", 8, 11], ["A", 8, "7,5"],
             ["A", 8, "tien"]]
    res = cli("import", write_xlsx(tmp_path / "e.xlsx", {"Activiteiten": acts, "Evaluaties": evals}),
              "--lang", "en")
    assert res.exit_code == 1
    assert res.stderr.count("expected a whole number from 0 to 10") == 1  # 11
    assert "value '7,5': expected a whole number of 0 or more" in res.stderr
    assert "value 'tien'" in res.stderr
    evals = [["Activiteit", "Score", "Aanbeveling"], ["A", 8, 10], ["A", 8, 9], ["A", 7, 7], ["A", 3, 0],
             ["A", 9, None]]
    assert cli("import", write_xlsx(tmp_path / "e.xlsx", {"Activiteiten": acts, "Evaluaties": evals})).exit_code == 0
    o = cli.json(2020)["open_offering"]
    assert (o["recommend_answers"], o["nps"]) == (4, 25.0)  # (2 promoters - 1 detractor) / 4
    assert o["satisfaction_pct"] == 70.0  # every score counts, answered or not


def test_the_sample_has_an_nps_of_34_in_2020(sample):
    cli, _ = sample
    o20, o19 = cli.json(2020)["open_offering"], cli.json(2019)["open_offering"]
    assert (o20["nps"], o20["recommend_answers"]) == (34.0, 200)
    assert (o19["nps"], o19["recommend_answers"]) == (None, 0)
    table = cli("stats", "2020", "--compare", "2019").stdout
    row = next(line for line in table.splitlines() if "NPS" in line)
    assert "+34" in row and "–" in row
    csv = cli("stats", "2020", "--format", "csv").stdout
    assert "open_offering,nps,,34.0" in csv and "open_offering,recommend_answers,,200" in csv


def cards(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(c["class"][1], c.select_one(".value").get_text(strip=True)) for c in soup.select("li.card")]


def test_the_report_shows_an_nps_card_beside_satisfaction_when_there_are_answers(sample):
    cli, folder = sample
    out = folder / "r2020.html"
    assert cli("report", "2020", "--output", out).exit_code == 0
    found = cards(out.read_text(encoding="utf-8"))
    keys = [k for k, _ in found]
    assert keys.index("card-nps") == keys.index("card-satisfaction_pct") + 1
    assert dict(found)["card-nps"] == "+34"
    text = " ".join(BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
    assert "200 deelnemers een Net Promoter Score van +34" in text
    out = folder / "r2019.html"
    assert cli("report", "2019", "--output", out).exit_code == 0
    assert "card-nps" not in [k for k, _ in cards(out.read_text(encoding="utf-8"))]


def test_a_negative_nps_and_the_workbook(tmp_path):
    stats, previous = stats_2020(), stats_2019()
    stats["open_offering"].update(nps=-12.5, recommend_answers=40)
    previous["open_offering"].update(nps=10.0, recommend_answers=30)
    out = tmp_path / "r.html"
    write_report(stats=stats, previous=previous, fmt="html", output=out)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one(".card-nps")
    assert card.select_one(".value").get_text(strip=True) == "−13"  # rounded half up, signed
    assert " ".join(card.select_one(".previous").get_text(" ").split()) == "2019: +10 −23"
    out = tmp_path / "r.xlsx"
    write_report(stats=stats, previous=previous, fmt="xlsx", output=out)
    ws = openpyxl.load_workbook(out)["Open aanbod"]
    row = next(r for r in ws.iter_rows() if r[0].value == "NPS (aanbeveling)")
    assert row[1].value == -12.5 and row[1].number_format == "+0;-0;0" and row[2].value == 10.0
    # without answers in either year there is no NPS row and no card
    out = tmp_path / "zonder.xlsx"
    write_report(stats=stats_2020(), previous=stats_2019(), fmt="xlsx", output=out)
    assert not [r for r in openpyxl.load_workbook(out)["Open aanbod"].iter_rows(values_only=True)
                if r[0] == "NPS (aanbeveling)"]


def test_the_html_report_ends_with_the_activities_of_the_year(sample):
    cli, folder = sample
    out = folder / "annex.html"
    assert cli("report", "2020", "--output", out).exit_code == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="bijlage-activiteiten")
    assert section is not None and section.find("h2").get_text(strip=True) == "Activiteiten 2020"
    assert soup.select("main > section")[-1] is section  # the annex comes last
    table = section.find("table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Datum", "Titel", "Werkvorm", "Dagdelen", "Deelnames", "Tevredenheid"]
    rows = table.select("tbody tr")
    assert len(rows) == 50
    first = [c.get_text(strip=True) for c in rows[0].find_all(["th", "td"])]
    assert first[0].endswith("/2020") and first[2] in ("Fysiek", "Online", "Blended") and first[5].endswith("%")
    total = sum(int(r.find_all("td")[3].get_text(strip=True).replace(".", "")) for r in rows)
    assert total == 1860
    assert "@" not in section.get_text()
    assert soup.find("a", href="#bijlage-activiteiten") is not None  # in the table of contents


def test_the_workbook_gains_an_annex_sheet_per_section(sample):
    cli, folder = sample
    out = folder / "annex.xlsx"
    assert cli("report", "2020", "--format", "xlsx", "--output", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Het jaar in het kort", "Streefcijfers", "Open aanbod", "Digitale omslag",
                             "Vraaggestuurde werking", "Bijlage Open aanbod", "Bijlage Digitale omslag",
                             "Bijlage Vraaggestuurde werking"]  # the sample data has targets for 2020
    rows = list(wb["Bijlage Open aanbod"].iter_rows(values_only=True))
    activities = [r for r in rows if isinstance(r[0], str) and r[0].startswith("OA2020-")]
    assert len(activities) == 50 and sum(r[6] for r in activities) == 1860
    header = next(r for r in rows if r[0] == "Code")
    assert header[:7] == ("Code", "Datum", "Titel", "Werkvorm", "Dagdelen", "Thema", "Deelnames")
    orgs_at = next(i for i, r in enumerate(rows) if r[0] == "Organisatie")
    orgs = [r for r in rows[orgs_at + 1:] if r[0] and r[3] in ("ja", "nee")]
    assert len(orgs) == 125 and sum(r[3] == "ja" for r in orgs) == 105
    assert any(isinstance(r[0], str) and r[0].startswith("105 van de 125") for r in rows)
    requests = [r for r in wb["Bijlage Vraaggestuurde werking"].iter_rows(values_only=True)
                if isinstance(r[0], str) and r[0].startswith("2020-")]
    assert len(requests) == 69


def test_the_pdf_report_has_the_annex(sample):
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    cli, folder = sample
    out = folder / "annex.pdf"
    assert cli("report", "2020", "--format", "pdf", "--output", out).exit_code == 0
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    assert "Activiteiten 2020" in text and "Per activiteit: aantallen, nooit personen." in text
