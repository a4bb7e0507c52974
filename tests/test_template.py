"""`socius template` (contract section 5 v2): a workbook to start from that imports as it is once
filled in, with drop-down lists, date columns, an explanation of every column and examples the
import skips; LibreOffice opens it too."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from socius_cli.contract import TABLES, field_for_header
from socius_cli.template import EXAMPLES_SHEET, EXPLANATION_SHEET, SHEETS


@pytest.fixture
def template(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = sqlite_cli("template", db=False)
    assert res.exit_code == 0, res.output
    assert "socius-sjabloon.xlsx is klaar: vul de werkbladen in" in res.stderr
    return tmp_path / "socius-sjabloon.xlsx"


def test_a_sheet_per_table_headed_as_socius_reads_them(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [EXPLANATION_SHEET, *[SHEETS[t.name] for t in TABLES], EXAMPLES_SHEET]
    for t in TABLES:
        headers = [c.value for c in wb[SHEETS[t.name]][1]]
        assert [field_for_header(t, h).name for h in headers] == [f.name for f in t.fields]
    assert [c.value for c in wb["Activiteiten"][1]] == [
        "Code", "Titel", "Datum", "Werkvorm", "Dagdelen", "Thema", "Soort", "Gepland"]


def _validations(ws) -> dict[str, tuple[str, str | None]]:
    """First column letter of each validation -> (type, formula1)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        first = str(dv.sqref).split(":")[0]
        out[first.rstrip("0123456789")] = (dv.type, dv.formula1)
    return out


def test_drop_down_lists_dates_and_numbers_are_checked_in_excel(template):
    wb = openpyxl.load_workbook(template)
    acts = _validations(wb["Activiteiten"])
    assert acts["D"] == ("list", '"fysiek,online,blended"')
    assert acts["H"] == ("list", '"ja,nee"')
    assert acts["C"][0] == "date" and acts["E"] == ("decimal", "0")
    regs = _validations(wb["Inschrijvingen"])
    assert regs["D"] == ("list", '"primair,secundair"') and regs["E"] == ("list", '"ja,nee"')
    assert regs["A"] == ("list", "'Activiteiten'!$A$2:$A$2000")  # the codes of the sheet Activiteiten
    reqs = _validations(wb["Vragen"])
    assert reqs["C"] == ("list", '"aanvaard,afgewezen,in behandeling"')
    assert reqs["I"] == ("whole", "0")
    assert _validations(wb["Erkende organisaties"])["B"] == ("list", '"ja,nee"')
    assert wb["Activiteiten"]["C2"].number_format == "DD/MM/YYYY"
    assert wb["Vragen"]["B500"].number_format == "DD/MM/YYYY"


def test_every_column_is_explained(template):
    rows = list(openpyxl.load_workbook(template)[EXPLANATION_SHEET].iter_rows(values_only=True))
    explained = {(r[0], r[1]) for r in rows if r[0] in SHEETS.values()}
    wb = openpyxl.load_workbook(template)
    for t in TABLES:
        for cell in wb[SHEETS[t.name]][1]:
            assert (SHEETS[t.name], cell.value) in explained
    dagdelen = next(r for r in rows if r[1] == "Dagdelen")
    assert dagdelen[2] == "ja" and "meer dan 0" in dagdelen[3] and "aantal dagdelen" in dagdelen[4]


def _fill(path) -> None:
    wb = openpyxl.load_workbook(path)
    wb["Activiteiten"].append(["OA2024-01", "Vrijwilligers 101", dt.datetime(2024, 3, 12), "fysiek", 2,
                               "Vrijwilligers", "vorming", "ja"])
    wb["Activiteiten"].append(["OA2024-02", "Webinar", dt.datetime(2024, 5, 15), "online", 1.5, None, None, "nee"])
    for i, (code, group) in enumerate([("OA2024-01", None), ("OA2024-01", "secundair"), ("OA2024-02", "primair")]):
        wb["Inschrijvingen"].append([code, f"persoon{i}@example.org", "Vormingplus Oost", group, "ja"])
    wb["Evaluaties"].append(["OA2024-01", 8, 10])
    wb["Erkende organisaties"].append(["Vormingplus Oost", "ja", "scw"])
    wb["Vragen"].append(["2024-001", dt.datetime(2024, 2, 5), "aanvaard", "Vormingplus Oost", None, "Beleid",
                         None, "ja", 12])
    wb.save(path)


def _check_figures(cli) -> None:
    figures = cli.json(2024)
    assert figures["open_offering"]["activities"] == 2 and figures["open_offering"]["half_days"] == 3.5
    assert figures["open_offering"]["participations"] == 3
    assert figures["open_offering"]["formats"] == {"onsite": 1, "online": 1, "blended": 0}
    assert figures["demand_driven"]["requests_supported"] == 1


def test_filled_in_it_imports_as_it_is_and_the_examples_are_skipped(template, sqlite_cli):
    empty = sqlite_cli("import", template)
    assert empty.exit_code == 1 and "geen rijen met gegevens" in empty.stderr
    _fill(template)
    res = sqlite_cli("import", template)
    assert res.exit_code == 0, res.output
    assert "werkblad 'Voorbeelden'" in res.stderr and "werkblad 'Uitleg'" in res.stderr  # skipped, with a note
    _check_figures(sqlite_cli)


def test_the_template_never_overwrites_a_file(template, sqlite_cli):
    before = template.read_bytes()
    res = sqlite_cli("template", template, db=False)
    assert res.exit_code == 1 and "bestaat al" in res.stderr
    assert template.read_bytes() == before
    assert sqlite_cli("template", "sjabloon.csv", db=False).exit_code == 1
    en = sqlite_cli("template", "template-en.xlsx", "--lang", "en", db=False)
    assert en.exit_code == 0
    info = openpyxl.load_workbook(template.parent / "template-en.xlsx")[EXPLANATION_SHEET]
    assert info["A1"].value == "socius: a workbook to start from"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_libreoffice_opens_the_filled_template_and_its_ods_imports_alike(template, sqlite_cli, tmp_path):
    soffice = _soffice()
    _fill(template)
    out = tmp_path / "ods"
    res = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                          "--convert-to", "ods", "--outdir", str(out), str(template)],
                         capture_output=True, text=True, timeout=240)
    ods = out / "socius-sjabloon.ods"
    assert ods.exists(), res.stdout + res.stderr
    with zipfile.ZipFile(ods) as z:
        content = z.read("content.xml").decode("utf-8")
    assert "table:content-validation" in content and "fysiek" in content  # the drop-downs came through
    res = sqlite_cli("import", ods)
    assert res.exit_code == 0, res.output
    _check_figures(sqlite_cli)
