"""report/xlsx.py, the figures as a workbook: one sheet per section, numbers as numbers."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from report_fixtures import stats_2019, stats_2020

from socius_cli.report.write import write_report


def workbook(tmp_path: Path, **kw):
    kw.setdefault("stats", stats_2020())
    kw.setdefault("previous", stats_2019())
    out = tmp_path / "r.xlsx"
    assert write_report(fmt="xlsx", output=out, **kw) == [out]
    return openpyxl.load_workbook(out)


def rows(ws) -> dict[str, list]:
    return {str(r[0]): list(r[1:]) for r in ws.iter_rows(values_only=True) if r[0] is not None}


def cell_of(ws, label: str, column: int):
    for r in ws.iter_rows():
        if r[0].value == label:
            return r[column]
    raise AssertionError(label)


def test_sheets_and_numbers(tmp_path):
    wb = workbook(tmp_path)
    assert wb.sheetnames == ["Het jaar in het kort", "Open aanbod", "Digitale omslag",
                             "Vraaggestuurde werking"]
    kf = wb["Het jaar in het kort"]
    assert rows(kf)["Indicator"][:3] == ["2020", "2019", "Verschil"]
    assert rows(kf)["Personen bereikt"][:3] == [1440, 1310, 130]
    c = cell_of(kf, "Personen bereikt", 1)
    assert c.data_type == "n" and c.number_format == "#,##0"
    sat = cell_of(kf, "Gemiddelde tevredenheid", 1)
    assert sat.value == pytest.approx(0.77) and sat.number_format == "0%"
    diff = cell_of(kf, "Gemiddelde tevredenheid", 3)
    # 77% against 79.5% shown as 80%: the change between the shown percentages, -3 pp
    assert diff.value == pytest.approx(-3) and "pp" in diff.number_format
    assert cell_of(kf, "Activiteiten", 3).number_format.startswith("+#,##0")
    oa = rows(wb["Open aanbod"])
    assert oa["Organisatieontwikkeling"][:5] == [11, 38, 402, 12, -1]
    dig = rows(wb["Digitale omslag"])
    assert dig["Online"][:4] == [22, pytest.approx(0.44), 3, 19]
    dd = rows(wb["Vraaggestuurde werking"])
    assert dd["Vragen ontvangen"][:3] == [69, 61, 8]
    assert dd["Afgewezen"][0] == 29 and dd["Aanvaard"][0] == 40
    assert dd["Uitgemond in ondersteuning"][0] == 37
    assert dd["Deelnemers aan de ondersteuning"][0] == 175
    formatted = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+%|[+−]\d+( pp)?|–)$")
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for cell in r[1:]:
                if isinstance(cell.value, str):
                    assert not formatted.match(cell.value), (ws.title, cell.coordinate)


def test_without_previous_no_year_columns(tmp_path):
    wb = workbook(tmp_path, previous=None, lang="en")
    assert wb.sheetnames[1] == "Open offering"
    header = rows(wb["The year in short"])["Indicator"]
    assert [h for h in header if h is not None] == ["2020"]


def test_formula_injection_is_neutralised(tmp_path):
    s = stats_2020()
    s["open_offering"]["themes"][0]["theme"] = '=HYPERLINK("https://evil.example","x")'
    s["open_offering"]["themes"][1]["theme"] = "+1+2"
    s["demand_driven"]["topics"][0]["topic"] = "@SUM(A1)"
    s["demand_driven"]["topics"][1]["topic"] = "-jongeren"
    wb = workbook(tmp_path, stats=s, organisation="=cmd|' /C calc'!A0")
    texts = [c.value for ws in wb.worksheets for r in ws.iter_rows() for c in r
             if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"https://evil.example\",\"x\")" in texts
    assert "'+1+2" in texts and "'@SUM(A1)" in texts and "'-jongeren" in texts
    assert not any(t.startswith(("=", "+", "@", "-")) for t in texts)
    for ws in wb.worksheets:
        for r in ws.iter_rows():
            for c in r:
                assert c.data_type != "f"


def test_half_days_keep_their_fraction(tmp_path):
    """32,5 half days show as 32,5, not rounded to 33 by a whole-number format."""
    s = stats_2020()
    s["open_offering"]["half_days"] = 32.5
    s["open_offering"]["themes"][0]["half_days"] = 12.5
    wb = workbook(tmp_path, stats=s)
    kf = wb["Het jaar in het kort"]
    half = cell_of(kf, "Dagdelen", 1)
    assert half.value == 32.5 and half.number_format == "#,##0.0#"
    change = cell_of(kf, "Dagdelen", 3)  # 32.5 against 158 in 2019
    assert change.value == -125.5 and change.number_format == "+#,##0.0#;-#,##0.0#;0"
    assert cell_of(wb["Open aanbod"], "Organisatieontwikkeling", 2).number_format == "#,##0.0#"
    # whole numbers keep the format without decimals (no "170," with a trailing comma)
    assert cell_of(kf, "Activiteiten", 1).number_format == "#,##0"
    assert cell_of(wb["Open aanbod"], "Werken met vrijwilligers", 2).number_format == "#,##0"


def test_freeze_panes_keep_the_header_row_in_view(tmp_path):
    """Everything down to the first table's header row is frozen (and the first column)."""
    from socius_cli.report.write import build

    wb = workbook(tmp_path)
    ctx = build(stats=stats_2020(), previous=stats_2019(), draw_charts=False)
    first_headers = [([c.table for c in s.charts] + s.tables)[0].header for s in ctx.sections]
    assert len(wb.worksheets) == len(first_headers)
    for ws, header in zip(wb.worksheets, first_headers, strict=True):
        frozen = re.fullmatch(r"B(\d+)", ws.freeze_panes)
        assert frozen, (ws.title, ws.freeze_panes)
        header_row = int(frozen.group(1)) - 1
        assert [c.value for c in ws[header_row]][:len(header)] == header, ws.title
        below = ws.cell(row=header_row + 1, column=1).value
        assert below and below not in header  # the first data row scrolls
