"""report/pdf.py, the PDF report: WeasyPrint renders the HTML; its text holds the key figures."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from report_fixtures import stats_2019, stats_2020

from socius_cli.errors import SociusError
from socius_cli.report import write_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> tuple[str, int]:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path_factory.mktemp("pdf") / "voortgangsrapport-2020.pdf"
    assert write_report(stats=stats_2020(), previous=stats_2019(), fmt="pdf", output=out,
                        text_path=ROOT / "sample_data" / "tekst-2020.md") == [out]
    reader = pypdf.PdfReader(out)
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
