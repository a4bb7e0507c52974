"""Issue 10: valid files as other programs write them, and the old or odd formats socius
cannot read, made in code (no binary blobs), on top of `corpus.py`.

Each builder mimics one quirk seen in real files: LibreOffice's and openpyxl's empty styled
cells far to the right, packages with backslashes or without relationships, Excel 4 macro
sheets, hidden sheets, well-compressed long texts, and old Excel and markup formats.
"""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from pathlib import Path

import corpus
from corpus import ACT_HEAD, ACTS, NS

# --- empty styled cells ----------------------------------------------------------------------


def styled_far_cells(path: Path, where: str = "row") -> Path:
    """The activities sheet with empty styled cells where real programs put them.

    row:     `<c r="AMJ1" s="0"/>` at the end of row 1 (LibreOffice, a formatted row)
    rows:    the same at the end of every row
    bottom:  a styled row at 1,048,576 with 30 empty styled cells (a formatted column)
    openpyxl: an empty cell given a font by openpyxl (`<c r="AMJ1" s="1"/>`)
    empty:   `<c r="AMJ3" s="2"></c>`, an empty cell with an end tag
    """
    if where == "openpyxl":
        import openpyxl
        from openpyxl.styles import Font

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Activiteiten"
        for row in [ACT_HEAD, *ACTS]:
            ws.append(row)
        ws["AMJ1"].font = Font(bold=True)
        ws["B1048576"].font = Font(italic=True)
        wb.save(path)
        return path
    text = corpus.sheet_xml([ACT_HEAD, *ACTS])
    if where == "row":
        i = text.index("</row>")
        text = text[:i] + '<c r="AMJ1" s="0"/>' + text[i:]
    elif where == "rows":
        for r in range(1, len(ACTS) + 2):
            text = text.replace(f'<row r="{r}">', f'<row r="{r}" s="1" customFormat="1">', 1)
            at = text.index("</row>", text.index(f'<row r="{r}"'))
            text = text[:at] + f'<c r="AMJ{r}" s="1"/>' + text[at:]
    elif where == "bottom":
        cells = "".join(f'<c r="{corpus.col_letter(c)}1048576" s="3"/>' for c in range(30))
        text = text.replace("</sheetData>", f'<row r="1048576" s="3" customFormat="1">{cells}</row></sheetData>')
    elif where == "empty":
        i = text.index("</row>", text.index('<row r="3"'))
        text = text[:i] + '<c r="AMJ3" s="2"></c>' + text[i:]
    return corpus.raw_xlsx(path, {"Activiteiten": text})


# --- packages as other programs write them ----------------------------------------------------


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return path


def package_variant(path: Path, variant: str) -> Path:
    """The good workbook (every table) as a package with one quirk of a real writer."""
    base = _members(corpus.write_xlsx(path, corpus.good_sheets()))
    if variant == "backslashes":
        m = {n.replace("/", "\\"): d for n, d in base.items()}
    elif variant == "leading-slash":
        m = {"/" + n: d for n, d in base.items()}
    elif variant == "no-content-types":
        m = {n: d for n, d in base.items() if n != "[Content_Types].xml"}
    elif variant == "no-package-rels":
        m = {n: d for n, d in base.items() if n != "_rels/.rels"}
    elif variant == "no-workbook-rels":
        m = {n: d for n, d in base.items() if n != "xl/_rels/workbook.xml.rels"}
    elif variant == "minimal":  # the workbook, its relationships and the sheets: nothing else
        keep = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/", "xl/sharedStrings.xml")
        m = {n: d for n, d in base.items() if n.startswith(keep)}
    elif variant == "workbook-elsewhere":
        m = {}
        for n, d in base.items():
            if n == "xl/workbook.xml":
                m["xl/book.xml"] = d
            elif n == "xl/_rels/workbook.xml.rels":
                m["xl/_rels/book.xml.rels"] = d
            elif n in ("_rels/.rels", "[Content_Types].xml"):
                m[n] = d.replace(b"xl/workbook.xml", b"xl/book.xml")
            else:
                m[n] = d
    elif variant == "sheets-elsewhere":  # sheets in xl/ itself, absolute targets
        m = {}
        for n, d in base.items():
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                m["xl/" + n.rsplit("/", 1)[1].replace("sheet", "blad")] = d
            elif n == "xl/_rels/workbook.xml.rels":
                m[n] = d.replace(b'Target="/xl/worksheets/sheet', b'Target="/xl/blad').replace(
                    b'Target="worksheets/sheet', b'Target="/xl/blad')
            else:
                m[n] = d
    else:
        raise ValueError(variant)
    return _write(path, m)


_MACRO = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1">'
          '<c r="A1" t="str"><f>GET.WORKSPACE(1)</f><v>Windows</v></c></row>'
          '<row r="2"><c r="A2" t="b"><f>RETURN()</f><v>1</v></c></row></sheetData></xm:macrosheet>')


def macro_sheet_book(path: Path, international: bool = False) -> Path:
    """An .xlsm holding the activities and one Excel 4 macro sheet (xl/macrosheets/)."""
    kind = "xlIntlMacrosheet" if international else "xlMacrosheet"
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="Macro1" sheetId="2" r:id="rId2"/><sheet name="Activiteiten" sheetId="1" r:id="rId1"/>'
          '</sheets><definedNames><definedName name="_xlnm.Auto_Open">Macro1!$A$1</definedName>'
          '</definedNames></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/{kind}" '
            'Target="macrosheets/sheet1.xml"/></Relationships>')
    types = corpus._CT.format(overrides=(
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>'
    )).replace("sheet.main+xml", "sheet.macroEnabled.main+xml")
    return _write(path, {"[Content_Types].xml": types.encode(), "_rels/.rels": corpus._RELS.encode(),
                         "xl/workbook.xml": wb.encode(), "xl/_rels/workbook.xml.rels": rels.encode(),
                         "xl/worksheets/sheet1.xml": corpus.sheet_xml([ACT_HEAD, *ACTS]).encode(),
                         "xl/macrosheets/sheet1.xml": _MACRO.encode()})


def hidden_sheets_book(path: Path) -> Path:
    """Activities visible, registrations hidden, evaluations very hidden (openpyxl)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in corpus.good_sheets().items():
        if name in ("Organisaties", "Vragen"):
            continue
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = {"Inschrijvingen": "hidden", "Evaluaties": "veryHidden"}.get(name, "visible")
    wb.save(path)
    return path


def long_text_book(path: Path, rows: int = 100, unit: str = "Vorming rond vrijwilligerswerk. ") -> Path:
    """Activities whose titles are one long text (27,000 characters of a repeated sentence,
    within Excel's 32,767), zipped at level 9: the sheet part expands about 280 times, as
    re-zipped workbooks of long strings do (the limit before issue 10 was 200)."""
    title = unit * (27_000 // len(unit))
    acts = [[f"T{i:04d}", title, "02/03/2020", "online", 1] for i in range(rows)]
    return corpus.raw_xlsx(path, {"Activiteiten": corpus.sheet_xml([ACT_HEAD[:5], *acts])}, compresslevel=9)


def periodic_bomb(path: Path, mb: int = 80) -> Path:
    """A sheet part of `mb` MB of one repeated empty element (no white space): no run without
    markup, but it expands about a thousand times, which only bombs do."""
    body = b"<a/>" * (mb * 1024 * 1024 // 4)
    text = corpus.sheet_xml([ACT_HEAD]).encode().replace(b"</sheetData>", b"</sheetData>" + body)
    return corpus.raw_xlsx(path, {"Activiteiten": text}, compresslevel=9)


def ratio(path: Path, member: str = "xl/worksheets/sheet1.xml") -> float:
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    return info.file_size / info.compress_size


# --- old and odd formats ----------------------------------------------------------------------


def _xls(path: Path) -> bytes:
    corpus.real_xls(path, {"Activiteiten": [ACT_HEAD, ["X1", "Oud", dt.datetime(2020, 5, 15), "online", 2]]})
    return path.read_bytes()


def xls_codepage(path: Path, codepage: int = 8001) -> Path:
    """A BIFF8 .xls whose CODEPAGE record names a code page calamine does not know."""
    data = bytearray(_xls(path))
    at = data.find(b"\x42\x00\x02\x00")
    struct.pack_into("<H", data, at + 4, codepage)
    path.write_bytes(bytes(data))
    return path


def biff5(path: Path) -> Path:
    """An Excel 5.0/95 file as its container shows it: an OLE file whose stream is "Book"
    (BIFF8 says "Workbook"), with a BIFF5 BOF record."""
    data = bytearray(_xls(path))
    name = "Workbook".encode("utf-16-le")
    at = data.find(name)
    data[at:at + 64] = "Book".encode("utf-16-le").ljust(64, b"\x00")
    struct.pack_into("<H", data, at + 64, len("Book") * 2 + 2)
    bof = data.find(b"\x09\x08\x10\x00\x00\x06")
    struct.pack_into("<H", data, bof + 4, 0x0500)
    path.write_bytes(bytes(data))
    return path


def biff4(path: Path) -> Path:
    """An Excel 4.0 worksheet: a bare BIFF4 stream (BOF 0x0409, a few cells, EOF), no OLE."""

    def rec(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def label(r: int, c: int, text: str) -> bytes:
        raw = text.encode("cp1252")
        return rec(0x0204, struct.pack("<HHHH", r, c, 0x0F, len(raw)) + raw)

    cells = b"".join(label(0, c, h) for c, h in enumerate(ACT_HEAD[:5]))
    cells += b"".join(label(1, c, str(v)) for c, v in enumerate(ACTS[0][:5]))
    path.write_bytes(rec(0x0409, struct.pack("<HHH", 0, 0x0010, 0)) + rec(0x0042, struct.pack("<H", 1252))
                     + cells + rec(0x000A, b""))
    return path


def fods(path: Path) -> Path:
    """A flat OpenDocument spreadsheet (one XML file), as LibreOffice saves .fods."""
    rows = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{corpus.xml_escape(str(v))}</text:p>'
        "</table:table-cell>" for v in row[:5]) + "</table:table-row>" for row in [ACT_HEAD, *ACTS])
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
        f'<table:table table:name="Activiteiten">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document>\n", encoding="utf-8")
    return path


def spreadsheet_2003_xml(path: Path) -> Path:
    path.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A">'
                    '<Table><Row><Cell><Data ss:Type="String">Code</Data></Cell></Row></Table></Worksheet>'
                    "</Workbook>\n", encoding="utf-8")
    return path


def html_as_xls(path: Path) -> Path:
    path.write_text("<html><body><table><tr><td>Code</td><td>Titel</td></tr><tr><td>K1</td><td>T</td></tr>"
                    "</table></body></html>\n", encoding="utf-8")
    return path


def encrypted_ods(path: Path) -> Path:
    """An .ods saved with a password: its manifest lists encryption data for content.xml."""
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" '
                'manifest:size="4242"><manifest:encryption-data manifest:checksum-type="SHA1/1K" '
                'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
                'manifest:initialisation-vector="AAAA"/><manifest:key-derivation '
                'manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
                "</manifest:encryption-data></manifest:file-entry></manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", zlib.compress(b"\x00" * 4242)[2:], zipfile.ZIP_STORED)
    return path
