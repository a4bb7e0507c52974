"""report/editorial.py, the staff's Markdown text: its format, and one-line errors when it is malformed."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_fixtures import stats_2020

from socius_cli.errors import SociusError
from socius_cli.report.editorial import load, section_key
from socius_cli.report.write import build

ROOT = Path(__file__).resolve().parents[1]
PNG = (ROOT / "sample_data" / "fotos" / "caravan.jpg").read_bytes()


def write(tmp_path: Path, text: str, name: str = "tekst.md") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def sections(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    ctx = build(stats=stats_2020(), previous=None, text_path=write(tmp_path, text),
                draw_charts=False)
    return [(s.key, s.heading) for s in ctx.sections]


def test_sample_text_loads():
    ed = load(ROOT / "sample_data" / "tekst-2020.md", year=2020)
    assert ed.intro is not None and "2020 zette alles" in ed.intro.html
    assert [s.key for s in ed.sections] == ["open_offering", "digital_shift", None,
                                            "demand_driven", "communication", None, None,
                                            "photos"]
    assert len(ed.photos) == 4
    assert [p.credit for p in ed.photos] == ["Foto: An Voorbeeld", "Foto: Bram Verzonnen",
                                             "Foto: Vereniging Voorbeeld vzw",
                                             "Foto: Lies Fictief"]
    assert all(p.src.startswith("data:image/jpeg;base64,") for p in ed.photos)


@pytest.mark.parametrize(("heading", "key"), [
    ("Open aanbod", "open_offering"), ("open AANBOD:", "open_offering"),
    ("Digital shift", "digital_shift"), ("De digitale omslag", "digital_shift"),
    ("Vraaggestuurde werking", "demand_driven"), ("Demand-driven work", "demand_driven"),
    ("Communicatie- en informatiecentrum", "communication"), ("Foto's", "photos"),
    ("Photos", "photos"), ("Over 2020", "year_in_short"), ("Inleiding", "year_in_short"),
    ("Burgerinitiatieven", None), ("Open aanbod in cijfers", None),
])
def test_section_names(heading, key):
    assert section_key(heading, 2020) == key


def test_free_sections_keep_their_place(tmp_path):
    got = sections(tmp_path, "Intro.\n\n## Eerst\n\nA\n\n## Digitale omslag\n\nB\n\n"
                   "## Daarna\n\nC\n\n## Communicatie\n\nD\n\n## Slot\n\nE\n")
    assert got == [("year_in_short", "Het jaar in het kort"), ("text-1", "Eerst"),
                   ("open_offering", "Open aanbod"), ("digital_shift", "Digitale omslag"),
                   ("text-2", "Daarna"), ("demand_driven", "Vraaggestuurde werking"),
                   ("communication", "Communicatie"), ("text-3", "Slot")]


def test_no_communication_section_without_text(tmp_path):
    keys = [k for k, _ in sections(tmp_path, "Alleen een inleiding.\n")]
    assert keys == ["year_in_short", "open_offering", "digital_shift", "demand_driven"]


def test_relative_images_and_unique_names(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "foto.jpg").write_bytes(PNG)
    (tmp_path / "b" / "foto.jpg").write_bytes(PNG)
    ed = load(write(tmp_path, '![Een](a/foto.jpg "Foto: X")\n\n![Twee](b/foto.jpg)\n'),
              asset_dir="r_files")
    assert [p.file for p in ed.photos] == ["r_files/foto.jpg", "r_files/foto-2.jpg"]
    assert ed.photos[1].credit is None


@pytest.mark.parametrize(("text", "message"), [
    ("Intro\n\n# Titel\n", r"tekst\.md, line 3: a '# ' heading is not allowed"),
    ("![Foto](fotos/weg.jpg)\n", r"tekst\.md, line 1: image not found: .*weg\.jpg"),
    ("Tekst ![Foto](x.jpg) in een zin.\n", r"line 1: image 'x\.jpg' must stand on a line"),
    ("- ![Foto](x.jpg)\n", r"line 1: image 'x\.jpg' must stand on a line"),
    ("\n\n![](x.jpg)\n", r"line 3: image 'x\.jpg' has no caption"),
    ("![Foto](https://example.org/x.jpg)\n",
     r"line 1: image 'https://example\.org/x\.jpg' is not a local file"),
    ("![Foto](x.bmp)\n", r"line 1: image 'x\.bmp': use a \.jpg"),
    ("![Foto](nep.png)\n", r"line 1: image .*nep\.png is not a valid PNG file"),
    ("## \n", "a '## ' heading without text"),
])
def test_malformed_text_is_one_line_error(tmp_path, text, message):
    (tmp_path / "x.jpg").write_bytes(PNG)
    (tmp_path / "nep.png").write_bytes(b"not a png")
    with pytest.raises(SociusError, match=message) as e:
        load(write(tmp_path, text))
    assert "\n" not in str(e.value)


def test_not_utf8(tmp_path):
    p = tmp_path / "tekst.md"
    p.write_bytes("Caf\u00e9".encode("cp1252"))
    with pytest.raises(SociusError, match="not UTF-8"):
        load(p)


def test_missing_text_file(tmp_path):
    with pytest.raises(SociusError, match="text file not found"):
        load(tmp_path / "nope.md")
