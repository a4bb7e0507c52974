"""The house style: `[report] logo` and `colours` in socius.toml, checked there, and used by
the HTML (and so the PDF), the charts and the workbook; the logo embedded, never fetched."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from report_fixtures import stats_2019, stats_2020

from socius_cli.config import load
from socius_cli.errors import SociusError
from socius_cli.report.style import MIN_CONTRAST, contrast, house_style, mix_with_white, parse_colour
from socius_cli.report.write import write_report

# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJ"
                       "RU5ErkJggg==")


def settings(tmp_path: Path, monkeypatch, toml: str):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOCIUS_DB", raising=False)
    (tmp_path / "socius.toml").write_text(toml, encoding="utf-8")
    return load()


def test_contrast_is_wcag():
    assert contrast("#000000") == pytest.approx(21)
    assert contrast("#ffffff") == pytest.approx(1)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey
    assert contrast("#1f4e79") > MIN_CONTRAST  # the built-in main colour
    assert parse_colour("#0B5CAD") == "#0b5cad" and parse_colour("#abc") == "#aabbcc"
    assert parse_colour("blue") is None and parse_colour("#12345") is None
    assert mix_with_white("#000000", 0.5) == "#808080"


def test_colours_and_logo_from_socius_toml(tmp_path, monkeypatch):
    (tmp_path / "beeld").mkdir()
    (tmp_path / "beeld" / "logo.png").write_bytes(PNG)
    s = settings(tmp_path, monkeypatch, '[report]\nlogo = "beeld/logo.png"\ncolours = ["#0B5CAD", "#f2a900"]\n')
    assert s.report_colours == ("#0b5cad", "#f2a900")
    assert s.report_logo == tmp_path / "beeld" / "logo.png"
    style = house_style(s.report_colours, s.report_logo)
    assert style.colour == "#0b5cad" and style.accent == "#f2a900"
    assert style.logo == "data:image/png;base64," + base64.b64encode(PNG).decode()
    # one colour: the accent stays socius' own
    s = settings(tmp_path, monkeypatch, '[report]\ncolours = ["#0b5cad"]\n')
    assert house_style(s.report_colours).accent == house_style().accent
    # nothing set: the built-in style
    s = settings(tmp_path, monkeypatch, 'organisation = "X"\n')
    assert s.report_colours == () and s.report_logo is None


@pytest.mark.parametrize(("toml", "message"), [
    ('[report]\ncolours = ["#f2a900", "#0b5cad"]\n',
     r"socius.toml: \[report\] colours: the first colour #f2a900 is too light for text on white \(contrast 2\.0:1"),
    ('[report]\ncolours = ["blauw"]\n', r"socius.toml: \[report\] colours: 'blauw' is not a colour"),
    ('[report]\ncolours = "#0b5cad"\n', r"socius.toml: \[report\] colours must be a list of one or two colours"),
    ('[report]\ncolours = ["#000", "#111", "#222"]\n', r"\[report\] colours must be a list of one or two"),
    ('[report]\nlogo = 3\n', r"socius.toml: \[report\] logo must be the name of an image file"),
    ('[report]\nlogos = "x.png"\n', r"socius.toml: \[report\] logos: unknown setting"),
    ('report = "x"\n', r"socius.toml, line 1: `report` must be a section \(\[report\]\)"),  # as every section
])
def test_wrong_house_style_is_one_line(tmp_path, monkeypatch, toml, message):
    with pytest.raises(SociusError, match=message) as e:
        settings(tmp_path, monkeypatch, toml)
    assert "\n" not in str(e.value)


def test_missing_or_wrong_logo_is_one_line_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text('[report]\nlogo = "logo.png"\n')
    # loading the settings does not read the logo (import and stats work without it) ...
    assert load().report_logo == tmp_path / "logo.png"
    # ... making a report does
    with pytest.raises(SociusError, match=r"logo not found: .*logo\.png \(socius\.toml, \[report\] logo\)") as e:
        house_style((), load().report_logo)
    assert "\n" not in str(e.value)
    (tmp_path / "logo.png").write_bytes(b"not a png")
    with pytest.raises(SociusError, match=r"logo .*logo\.png is not a valid PNG file"):
        house_style((), load().report_logo)
    (tmp_path / "logo.bmp").write_bytes(b"BM")
    with pytest.raises(SociusError, match=r"use a \.png, \.jpg, \.gif, \.webp or \.svg file"):
        house_style((), tmp_path / "logo.bmp")


def test_report_command_reads_the_house_style(sqlite_cli, tmp_path, monkeypatch):
    """End to end: `socius report` with socius.toml's [report]; a missing logo stops it."""
    from helpers import REPO

    assert sqlite_cli("import", REPO / "sample_data").exit_code == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text('[report]\nlogo = "logo.png"\ncolours = ["#0b5cad", "#f2a900"]\n')
    res = sqlite_cli("report", "2020", "--format", "html", "--output", tmp_path / "r.html", "--lang", "en")
    assert res.exit_code == 1 and "logo not found" in res.stderr and "logo.png" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and not (tmp_path / "r.html").exists()
    (tmp_path / "logo.png").write_bytes(PNG)
    res = sqlite_cli("report", "2020", "--format", "html", "--output", tmp_path / "r.html")
    assert res.exit_code == 0, res.output
    soup = BeautifulSoup((tmp_path / "r.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".cover .logo img")["src"].startswith("data:image/png;base64,")
    assert "--accent: #0b5cad;" in soup.style.get_text()


def test_style_reaches_html_charts_and_workbook(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    kw = {"stats": stats_2020(), "previous": stats_2019(), "colours": ("#0b5cad", "#f2a900"),
          "logo": tmp_path / "logo.png", "organisation": "Vormingplus"}
    write_report(fmt="html", output=tmp_path / "r.html", **kw)
    soup = BeautifulSoup((tmp_path / "r.html").read_text(encoding="utf-8"), "html.parser")
    css = soup.style.get_text()
    assert "--accent: #0b5cad;" in css and "--accent-2: #f2a900;" in css
    assert "#1f4e79" not in css  # the built-in colour is gone
    logo = soup.select_one(".cover .logo img")
    assert logo["alt"] == "Logo van Vormingplus" and logo["src"].startswith("data:image/png;base64,")
    themes = soup.select_one("#grafiek-themes svg")
    assert "#0b5cad" in str(themes) and "#1f4e79" not in str(themes)
    assert "#f2a900" in str(soup.select_one("#grafiek-target_groups svg"))
    write_report(fmt="xlsx", output=tmp_path / "r.xlsx", **kw)
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert ws["A1"].font.color.rgb.endswith("0B5CAD")


def test_default_style_has_no_logo(tmp_path):
    write_report(stats=stats_2020(), previous=None, fmt="html", output=tmp_path / "r.html")
    soup = BeautifulSoup((tmp_path / "r.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select(".cover .logo") == []
    assert re.search(r"--accent: #1f4e79;", soup.style.get_text())
