"""The Markdown report (report/render.py, report/escape.py, report/charts.py): golden files,
escaping, and the chart files next to it.

Regenerate the golden files after an intended change with
    SOCIUS_UPDATE_GOLDEN=1 pytest tests/test_report_md.py
and review the diff.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from report_fixtures import stats_2019, stats_2020

from socius_cli.report.write import write_report

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_TEXT = ROOT / "sample_data" / "tekst-2020.md"


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")  # 1 January 2021


def _has_linkify() -> bool:
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


def gfm() -> MarkdownIt:
    """A CommonMark parser with GitHub's tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SOCIUS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing; run with SOCIUS_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "kw"), [
    ("voortgangsrapport-2020.md", {"previous": "2019", "lang": "nl", "text": True}),
    ("progress-report-2020-en.md", {"previous": None, "lang": "en", "text": False}),
])
def test_golden(tmp_path, name, kw):
    out = tmp_path / name
    files = write_report(stats=stats_2020(),
                         previous=stats_2019() if kw["previous"] else None,
                         fmt="md", output=out, lang=kw["lang"],
                         text_path=SAMPLE_TEXT if kw["text"] else None)
    check_golden(name, out.read_text(encoding="utf-8"))
    assets = out.with_name(out.stem + "_files")
    assert files[0] == out
    assert all(f.parent == assets for f in files[1:])
    charts = sorted(f.name for f in files if f.suffix == ".svg")
    expected = ["chart-formats.svg", "chart-funnel.svg", "chart-target_groups.svg",
                "chart-themes.svg", "chart-topics.svg"]
    if kw["previous"]:
        expected.insert(0, "chart-key_figures.svg")
    assert charts == sorted(expected)
    text = out.read_text(encoding="utf-8")
    for f in files[1:]:
        assert f"]({assets.name}/{f.name})" in text  # linked relatively
        if f.suffix == ".svg":
            assert ET.parse(f).getroot().tag.endswith("svg")
    if kw["text"]:
        assert sorted(f.name for f in files if f.suffix == ".jpg") == [
            "caravan.jpg", "muur.jpg", "trefweek.jpg", "wandeling.jpg"]


def test_same_figures_as_html(tmp_path):
    out = tmp_path / "r.md"
    write_report(stats=stats_2020(), previous=None, fmt="md", output=out)
    tokens = gfm().parse(out.read_text(encoding="utf-8"))
    rows = table_rows(tokens)
    assert ["Personen bereikt", "1.440"] in rows
    assert ["Online", "22", "44%"] in rows
    assert ["Vragen ontvangen", "69"] in rows
    assert ["Uitgemond in ondersteuning", "37"] in rows
    assert ["Primaire doelgroep", "990", "55%"] in rows


def table_rows(tokens) -> list[list[str]]:
    rows, current = [], None
    for i, t in enumerate(tokens):
        if t.type == "tr_open":
            current = []
            rows.append(current)
        elif t.type in ("td_open", "th_open"):
            cell = tokens[i + 1]
            current.append(cell.content.replace("\\", "") if cell.type == "inline" else "")
    return rows


def rendered_rows(md_text: str) -> list[list[str]]:
    """Table rows as a Markdown renderer shows them (escapes resolved)."""
    from bs4 import BeautifulSoup

    html = gfm().render(md_text)
    soup = BeautifulSoup(html, "html.parser")
    # U+2060 (word joiner) is invisible: md_escape puts it in bare addresses so that GitHub
    # does not turn them into links
    return [[c.get_text().replace("\u2060", "") for c in tr.find_all(["td", "th"])] for tr in soup.find_all("tr")]


def test_escaping_pipes_links_and_html(tmp_path):
    s = stats_2020()
    s["open_offering"]["themes"][0]["theme"] = "Vorming | coaching"
    s["open_offering"]["themes"][1]["theme"] = "[klik](https://evil.example)"
    s["demand_driven"]["topics"][0]["topic"] = "<script>alert(1)</script>"
    s["demand_driven"]["topics"][1]["topic"] = "*vet* _schuin_ `code` ![x](y.png)"
    s["demand_driven"]["topics"][2]["topic"] = "https://evil.example/x en www.evil.example"
    out = tmp_path / "r.md"
    write_report(stats=s, previous=None, fmt="md", output=out, organisation="A|B <i>")
    md = out.read_text(encoding="utf-8")
    rows = rendered_rows(md)
    assert ["Vorming | coaching", "11", "38", "402"] in rows  # one cell, not two
    assert ["[klik](https://evil.example)", "9", "30", "356"] in rows
    assert ["<script>alert(1)</script>", "17"] in rows
    assert ["*vet* _schuin_ `code` ![x](y.png)", "14"] in rows
    html = gfm().render(md)
    assert "<script" not in html and "evil.example\"" not in html
    # GitHub's autolinks (linkify) must not find a bare address either
    linked = MarkdownIt("gfm-like").render(md) if _has_linkify() else ""
    assert "href=\"https://evil" not in linked and "href=\"http://www.evil" not in linked
    assert "<i>" not in html and "<em>vet" not in html and "<code>code" not in html
    assert "A|B &lt;i&gt;" in html  # the organisation, in the subtitle


def test_escaping_of_editorial_text(tmp_path):
    text = tmp_path / "tekst.md"
    text.write_text("Een <script>alert(1)</script> en a | b.\n\n"
                    "- punt *één*\n- punt twee\n\n"
                    "[site](https://example.org/a_b) `x|y`\n", encoding="utf-8")
    out = tmp_path / "r.md"
    write_report(stats=stats_2020(), previous=None, fmt="md", output=out, text_path=text)
    html = gfm().render(out.read_text(encoding="utf-8"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>punt <em>één</em></li>" in html
    assert '<a href="https://example.org/a_b">site</a>' in html
    assert "<code>x|y</code>" in html


@pytest.mark.parametrize(("lang", "note"), [
    ("nl", "*Tussen haakjes bij elk kerncijfer: de waarde in 2019 en het verschil met 2020.*"),
    ("en", "*In brackets after each key figure: the value in 2019 and the change to 2020.*"),
])
def test_key_figures_note_says_what_the_list_shows(tmp_path, lang, note):
    """The Markdown list has the previous year in brackets, and its note says so, right under
    the list (not in the year in short, far from it)."""
    out = tmp_path / "r.md"
    write_report(stats=stats_2020(), previous=stats_2019(), fmt="md", output=out, lang=lang,
                 text_path=SAMPLE_TEXT)
    lines = out.read_text(encoding="utf-8").splitlines()
    items = [i for i, ln in enumerate(lines) if ln.startswith("- **")]
    assert len(items) == 6 and all("(2019: " in lines[i] and lines[i].endswith(")") for i in items)
    after = [ln for ln in lines[items[-1] + 1:] if ln.strip()]
    assert after[0] == note
    assert after[1].startswith("## ")  # the note closes the key figures, before the first section
    assert sum("2019" in ln and ("haakjes" in ln or "brackets" in ln or "Under each" in ln)
               for ln in lines) == 1
