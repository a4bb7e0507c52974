"""report/pdf.py, the PDF report: WeasyPrint renders the HTML; its text holds the key figures, and it is laid
out as a publication: a cover, a contents page whose page numbers are right, a running
header and footer, and pages that are filled (measured on the rendered pages)."""

from __future__ import annotations

import builtins
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import stats_2019, stats_2020

from socius_cli.errors import SociusError
from socius_cli.report.write import write_report

ROOT = Path(__file__).resolve().parents[1]
# The page margins of report.css (@page): the body of a page lies between them.
TOP_MM, BOTTOM_MM = 22, 20


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    """The sample 2020 report (figures, the previous year and the sample text) as PDF."""
    pytest.importorskip("weasyprint")
    out = tmp_path_factory.mktemp("pdf") / "voortgangsrapport-2020.pdf"
    assert write_report(stats=stats_2020(), previous=stats_2019(), fmt="pdf", output=out,
                        text_path=ROOT / "sample_data" / "tekst-2020.md") == [out]
    return out


@pytest.fixture(scope="module")
def pdf_text(sample_pdf) -> tuple[str, int]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(sample_pdf)
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_key_figures_in_pdf(pdf_text):
    text, pages = pdf_text
    flat = " ".join(text.split())
    assert pages >= 3
    assert "Voortgangsrapport 2020" in flat
    for figure in ("50 activiteiten", "170 dagdelen", "1.440 personen", "55%", "45%",
                   "77%", "84%", "69 vragen", "29 daarvan", "40 aanvaard", "175 deelnemers"):
        assert figure in flat, figure
    for heading in ("Open aanbod", "Digitale omslag", "Vraaggestuurde werking", "Foto's"):
        assert heading in flat


def test_pdf_is_a4(tmp_path):
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "r.pdf"
    write_report(stats=stats_2020(), previous=None, fmt="pdf", output=out, lang="en")
    page = pypdf.PdfReader(out).pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    height_mm = float(page.mediabox.height) / 72 * 25.4
    assert round(width_mm) == 210 and round(height_mm) == 297
    assert "1,440" in page.extract_text() or "1,440" in "".join(
        p.extract_text() for p in pypdf.PdfReader(out).pages)


@pytest.mark.parametrize("error", [OSError("cannot load library 'libpango-1.0-0'"),
                                   ImportError("libgobject missing")])
def test_missing_system_libraries_are_one_line(tmp_path, monkeypatch, error):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise error
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(SociusError, match="apt-get install libpango-1.0-0 libpangoft2-1.0-0"):
        write_report(stats=stats_2020(), previous=None, fmt="pdf", output=tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


# --- the report as a publication ------------------------------------------------------------


def page_texts(pdf: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    return [p.extract_text() for p in pypdf.PdfReader(pdf).pages]


def test_cover_contents_and_running_header_and_footer(sample_pdf):
    pages = page_texts(sample_pdf)
    n = len(pages)
    cover = " ".join(pages[0].split())
    assert "Voortgangsrapport 2020" in cover and "Socius" in cover
    assert "pagina" not in cover  # no header or footer on the cover
    assert pages[1].lstrip().startswith("Inhoud")  # the contents page follows the cover
    for i, text in enumerate(pages[1:], start=2):
        flat = " ".join(text.split())
        assert f"pagina {i} van {n}" in flat, i
        assert "Socius · Voortgangsrapport 2020" in flat, i


def test_contents_page_numbers_are_where_the_sections_are(sample_pdf):
    """Each line of the contents ends in the page number of its section (target-counter),
    which is the page that WeasyPrint put the section's anchor on."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(sample_pdf)
    from socius_cli.report.write import build

    ctx = build(stats=stats_2020(), previous=stats_2019(), draw_charts=False,
                text_path=ROOT / "sample_data" / "tekst-2020.md")
    lines = reader.pages[1].extract_text().splitlines()
    destinations = reader.named_destinations
    for section in ctx.sections:
        [line] = [ln for ln in lines if ln.startswith(section.heading + " ")]
        printed = int(line.rsplit(" ", 1)[1])
        actual = reader.get_destination_page_number(destinations[section.anchor]) + 1
        assert printed == actual, (section.heading, printed, actual)
        assert section.heading in reader.pages[actual - 1].extract_text()


def rendered_pages(pdf: Path, dpi: int = 30) -> list:
    """The pages as grey images (numpy arrays), rendered by pdftoppm (poppler-utils)."""
    import numpy as np

    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm is not installed; CI must install poppler-utils (.ci/run does)")
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils) - page fill not measured")
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(out)], check=True)
    images = []
    for f in sorted(pdf.parent.glob(out.name + "-*.pgm")):
        magic, width, height, _maxval, data = f.read_bytes().split(maxsplit=4)
        assert magic == b"P5"
        w, h = int(width), int(height)
        images.append(np.frombuffer(data[-w * h:], dtype=np.uint8).reshape(h, w))
    return images


def largest_empty_band(page) -> float:
    """The tallest band of the page's body (between the margins) without ink, as a share of the
    body's height. Ink: any pixel darker than the light background of cards and fact boxes."""
    h = page.shape[0]
    px_per_mm = h / 297
    body = page[round((TOP_MM + 1) * px_per_mm):h - round(BOTTOM_MM * px_per_mm)]
    ink = (body < 235).any(axis=1)
    longest = run = 0
    for has_ink in ink:
        run = 0 if has_ink else run + 1
        longest = max(longest, run)
    return longest / len(ink)


def test_page_count_and_no_page_more_than_a_third_empty(sample_pdf):
    """The issue's measure: the sample 2020 report had 10 pages, with the bottom third of
    page 1, about 35% of pages 4 and 6 and 75% of page 9 empty. Now no page is more than a
    third empty except the cover, the contents page (the first chapter starts a new page)
    and the last page (the end of the report)."""
    pages = rendered_pages(sample_pdf)
    assert len(pages) == len(page_texts(sample_pdf))
    assert 8 <= len(pages) <= 10, len(pages)
    gaps = {i: largest_empty_band(p) for i, p in enumerate(pages, start=1)}
    exempt = {1, 2, len(pages)}
    too_empty = {i: f"{g:.0%}" for i, g in gaps.items() if i not in exempt and g > 1 / 3}
    assert too_empty == {}, gaps
    # the measure itself: a blank body is all gap, the cover (full bleed) none
    assert largest_empty_band(pages[0]) == 0
    assert largest_empty_band(pages[0] * 0 + 255) == 1


def test_english_cards_do_not_print_the_label_over_the_previous_year(tmp_path):
    """The English PDF printed the two-line label "recognised organisations reached" over its
    "2019: 88% −4 pp" line. Every card's previous-year line must stand below its label."""
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "progress-report-2020.pdf"
    write_report(stats=stats_2020(), previous=stats_2019(), fmt="pdf", output=out, lang="en")
    reader = pypdf.PdfReader(out)
    page = next(p for p in reader.pages if "Key figures" in p.extract_text())
    runs: list[tuple[float, float, str]] = []  # (x, baseline from the top, text)

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((round(x), float(page.mediabox.height) - y, text.strip()))

    page.extract_text(visitor_text=visit)
    previous = [r for r in runs if r[2].startswith("2019:")]
    assert len(previous) == 6, runs
    for x, y, text in previous:
        above = [r for r in runs if r[0] == x and r[1] < y]
        label = max(above, key=lambda r: r[1])  # the line just above it in the same card
        assert y - label[1] >= 8, (text, label)  # at least a line of 8 pt apart
    # the two- or three-line label, its lines in reading order, all above the 2019 line
    reach = [r for r in runs if r[2] in ("recognised organisations", "recognised", "organisations", "reached")]
    assert " ".join(r[2] for r in sorted(reach, key=lambda r: r[1])) == "recognised organisations reached"
    text = " ".join(page.extract_text().split())
    assert "Under each key figure: the value in 2019 and the change to 2020." in text
    assert "page 2 of" in text


def test_the_full_sample_report_with_targets_and_annex_fills_its_pages(sample_cli, tmp_path):
    """`socius report 2020 --format pdf` on the sample store: with the targets section (one
    more line in the contents) and the annex. The contents and the key figures once left
    their notes alone on a page of their own; no page but the cover, the contents page and
    the last may be more than a third empty."""
    pytest.importorskip("weasyprint")
    out = tmp_path / "r.pdf"
    res = sample_cli("report", "2020", "--format", "pdf", "--output", out,
                     "--text", ROOT / "sample_data" / "tekst-2020.md")
    assert res.exit_code == 0, res.output
    pages = rendered_pages(out)
    texts = page_texts(out)
    assert "Streefcijfers" in texts[1] and "Kerncijfers" in texts[1]
    gaps = {i: largest_empty_band(p) for i, p in enumerate(pages, start=1)}
    too_empty = {i: f"{g:.0%}" for i, g in gaps.items() if i not in {1, 2, len(pages)} and g > 1 / 3}
    assert too_empty == {}, gaps
