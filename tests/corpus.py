"""The corpus of issue 4: every bad, hostile or odd input, made from code (no binary blobs).

Each `Case` writes its file(s) into a folder and names the fragments that the message must
hold to say where the problem is. `REFUSED` lists the inputs an import must refuse;
the builders below are also used by the tests of inputs that must import correctly.

The participants carry distinctive names and e-mail addresses (`SECRETS`), so the privacy
tests can grep every output and the store's bytes for them.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

# --- sample-like data ------------------------------------------------------------------------

ACT_HEAD = ["Code", "Titel", "Datum", "Werkvorm", "Dagdelen", "Thema"]
ACTS = [
    ["K1", "Kennismaking met de sector", "02/03/2020", "fysiek", 2, "Netwerk"],
    ["K2", "Webinar digitale vaardigheden", "15/05/2020", "online", "1,5", "Digitaal"],
    ["K3", "Studiedag vrijwilligers", "20/11/2019", "hybride", 3, "Vrijwilligers"],
]
REG_HEAD = ["Activiteit", "Naam", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"]
REGS = [
    ["K1", "Zoë Vandenbroucke-Quist", "zoe.quist@hidden-mail.test", "Vormingplus Zuid", None, "ja"],
    ["K1", "Brecht Oosterlinck-Yde", "b.yde@hidden-mail.test", "Gemeente Q", None, None],
    ["K2", "Zoë Vandenbroucke-Quist", "ZOE.Quist@hidden-mail.test", None, "primair", "ja"],
    ["K3", "Xander Wijnants-Vrolijk", "xander.vrolijk@hidden-mail.test", "Gemeente Q", "secundair", "ja"],
]
SECRETS = ["zoe.quist@hidden-mail.test", "ZOE.Quist", "b.yde@hidden-mail.test",
           "xander.vrolijk@hidden-mail.test", "Vandenbroucke-Quist", "Oosterlinck-Yde",
           "Wijnants-Vrolijk", "hidden-mail"]
EVAL_HEAD = ["Activiteit", "Score", "Schaal"]
EVALS = [["K1", 8, 10], ["K2", "7,5", None], ["K3", 4, 5]]
ORG_HEAD = ["Naam", "Erkend", "Sector"]
ORGS = [["Vormingplus Zuid", "ja", "scw"], ["Gemeente Q", "nee", "overheid"]]
REQ_HEAD = ["Nummer", "Ontvangen", "Beslissing", "Organisatie", "Onderwerp", "Ondersteuning", "Deelnemers"]
REQS = [
    ["V1", "03/02/2020", "aanvaard", "Vormingplus Zuid", "Beleid", "ja", 12],
    ["V2", "10/03/2020", "afgewezen", "Gemeente Q", "Vrijwilligers", None, None],
]

TABLE_ROWS = {
    "activities": ("Activiteiten", ACT_HEAD, ACTS),
    "registrations": ("Inschrijvingen", REG_HEAD, REGS),
    "evaluations": ("Evaluaties", EVAL_HEAD, EVALS),
    "organisations": ("Organisaties", ORG_HEAD, ORGS),
    "requests": ("Vragen", REQ_HEAD, REQS),
}


def good_sheets(**replace: list[list]) -> dict[str, list[list]]:
    """Every table as sheet name -> rows (header first); `replace` swaps a table's rows."""
    out = {}
    for table, (sheet, head, rows) in TABLE_ROWS.items():
        out[sheet] = replace.get(table, [head, *rows])
    return out


def write_xlsx(path: Path, sheets: dict[str, list[list]], epoch_1904: bool = False,
               merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        wb.epoch = CALENDAR_MAC_1904
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def csv_bytes(rows: list[list], delimiter: str = ";", encoding: str = "utf-8", bom: bool = False,
              sep_line: bool = False) -> bytes:
    buf = io.StringIO()
    if sep_line:
        buf.write(f"sep={delimiter}\r\n")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if c is None else c for c in r] for r in rows])
    data = buf.getvalue().encode(encoding)
    if bom:
        data = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
                "utf-16-be": codecs.BOM_UTF16_BE}[encoding] + data
    return data


def write_csv(path: Path, rows: list[list], **kw) -> Path:
    path.write_bytes(csv_bytes(rows, **kw))
    return path


# --- hand-made workbook parts (what openpyxl will not write) --------------------------------

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '{overrides}</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class F:
    """A formula cell: with `cached` None it has no stored result (as some tools write it)."""

    def __init__(self, formula: str, cached: object = None):
        self.formula, self.cached = formula, cached


class E:
    """An Excel error cell (t="e"), e.g. E('#DIV/0!')."""

    def __init__(self, text: str):
        self.text = text


def cell_xml(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, E):
        return f'<c r="{ref}" t="e"><v>{xml_escape(value.text)}</v></c>'
    if isinstance(value, F):
        f = f"<f>{xml_escape(value.formula)}</f>"
        if value.cached is None:
            return f'<c r="{ref}">{f}</c>'
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str">{f}<v>{xml_escape(value.cached)}</v></c>'
        return f'<c r="{ref}">{f}<v>{value.cached}</v></c>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{xml_escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list], dimension: str | None = None, prolog: str = "", extra: str = "") -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{col_letter(c)}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
            f'<worksheet {NS}>{dim}<sheetData>{"".join(body)}</sheetData>{extra}</worksheet>')


def raw_xlsx(path: Path, sheets: dict[str, str], extra_parts: dict[str, bytes | str] | None = None,
             workbook_pr: str = "", compresslevel: int | None = None) -> Path:
    """A minimal .xlsx from sheet XML strings (sheet name -> the part's text)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          f'{workbook_pr}<sheets>'
          + "".join(f'<sheet name="{xml_escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in enumerate(sheets, start=1))
          + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
                      f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr("[Content_Types].xml", _CT.format(overrides=overrides))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, text in enumerate(sheets.values(), start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", text)
        for name, data in (extra_parts or {}).items():
            z.writestr(name, data)
    return path


def activities_xlsx(path: Path, rows: list[list], **kw) -> Path:
    return raw_xlsx(path, {"Activiteiten": sheet_xml([ACT_HEAD, *rows], **kw)})


# --- hostile and broken containers ------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    + ']>\n')


def entity_bomb(path: Path, part: str = "sheet") -> Path:
    """The billion laughs: nine levels of ten entities, 10^9 'lol's once expanded."""
    rows = [ACT_HEAD, ["B1", "&lol9;", "02/03/2020", "online", 1]]
    if part == "sheet":
        text = sheet_xml([ACT_HEAD], prolog=BILLION_LAUGHS.split("\n", 1)[1])
        text = text.replace("<sheetData>", '<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
        return raw_xlsx(path, {"Activiteiten": text})
    shared = (BILLION_LAUGHS + f'<sst {NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    return raw_xlsx(path, {"Activiteiten": sheet_xml(rows)}, extra_parts={"xl/sharedStrings.xml": shared})


def zip_bomb_ratio(path: Path, mb: int = 24) -> Path:
    """One sheet part of `mb` MB of white space: it deflates about a thousand times."""
    filler = " " * (mb * 1024 * 1024)
    text = sheet_xml([ACT_HEAD]).replace("</worksheet>", filler + "</worksheet>")
    return raw_xlsx(path, {"Activiteiten": text}, compresslevel=9)


def with_declared_size(path: Path, member: str, size: int) -> Path:
    """Rewrite a zip so that `member` declares another uncompressed size than it has.

    Both its local header and its central directory entry are patched (ZIP64 is not
    needed below 4 GiB): a zip bomb that lies about its size, or claims gigabytes.
    """
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(member)
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, size)
    cd = data.find(b"PK\x01\x02")
    while cd >= 0:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46: cd + 46 + name_len] == member.encode():
            struct.pack_into("<I", data, cd + 24, size)
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path) -> Path:
    write_xlsx(path, good_sheets())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def password_protected(path: Path, password: str = "geheim") -> Path:
    """A real Excel 'Encrypt with password' file: an OLE container holding the encrypted zip."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = path.with_suffix(".plain.xlsx")
    write_xlsx(plain, good_sheets())
    with plain.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt(password, out)
    plain.unlink()
    return path


def real_xls(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A genuine BIFF8 .xls (Excel 97-2003), written by xlwt."""
    import xlwt

    wb = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.write(r, c, v, date_style)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))
    return path


def random_binary(path: Path) -> Path:
    import random

    rng = random.Random(4)
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(rng.randrange(256) for _ in range(4096)))
    return path


def plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "not a workbook")
        z.writestr("data/activiteiten.csv", "code;titel\nA;B\n")
    return path


def many_parts(path: Path, n: int = 10_050) -> Path:
    raw_xlsx(path, {"Activiteiten": sheet_xml([ACT_HEAD, *ACTS])},
             extra_parts={f"xl/media/p{i}.bin": b"" for i in range(n)})
    return path


def far_cell(path: Path, ref: str) -> Path:
    """A tiny sheet with one cell far away: calamine would allocate the whole rectangle."""
    text = sheet_xml([ACT_HEAD, *ACTS]).replace(
        "</sheetData>", f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                        f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    return raw_xlsx(path, {"Activiteiten": text})


# --- the refusal corpus ---------------------------------------------------------------------

@dataclass
class Case:
    name: str
    build: Callable[[Path], list[Path]]  # writes into the folder, returns the paths to import
    where: list[str] = field(default_factory=list)  # fragments the message must hold


def _one(filename: str, make: Callable[[Path], Path]) -> Callable[[Path], list[Path]]:
    return lambda d: [make(d / filename)]


def _csv(filename: str, rows: list[list], **kw) -> Callable[[Path], list[Path]]:
    return _one(filename, lambda p: write_csv(p, rows, **kw))


def _book(filename: str, **replace) -> Callable[[Path], list[Path]]:
    return _one(filename, lambda p: write_xlsx(p, good_sheets(**replace)))


def _acts(*rows) -> list[list]:
    return [ACT_HEAD, *rows]


CONTAINERS = [
    Case("zero-byte file", _one("leeg.xlsx", lambda p: (p.write_bytes(b""), p)[1]),
         ["leeg.xlsx", "empty (0 bytes)"]),
    Case("truncated xlsx", _one("half.xlsx", truncated), ["half.xlsx", "damaged or truncated"]),
    Case("random binary named .xlsx", _one("ruis.xlsx", random_binary), ["ruis.xlsx", "not a spreadsheet"]),
    Case("UTF-16 text without BOM", _one("activiteiten.csv", lambda p: (p.write_bytes(
        "code;titel\r\nA;B\r\n".encode("utf-16-le")), p)[1]), ["activiteiten.csv", "not a spreadsheet"]),
    Case("zip that is not a workbook", _one("archief.xlsx", plain_zip), ["archief.xlsx", "not a workbook"]),
    Case("password-protected workbook", _one("beveiligd.xlsx", password_protected),
         ["beveiligd.xlsx", "password-protected"]),
    Case("workbook with headers only", _book("kop.xlsx", activities=[ACT_HEAD], registrations=[REG_HEAD],
                                             evaluations=[EVAL_HEAD], organisations=[ORG_HEAD],
                                             requests=[REQ_HEAD]), ["kop.xlsx", "no data rows"]),
    Case("workbook with empty sheets", _one("blanco.xlsx", lambda p: write_xlsx(p, {"Blad1": [], "Blad2": []})),
         ["blanco.xlsx", "no data rows"]),
    Case("xml entity bomb in a sheet", _one("lol.xlsx", lambda p: entity_bomb(p, "sheet")),
         ["lol.xlsx", "DOCTYPE or ENTITY", "sheet1.xml"]),
    Case("xml entity bomb in shared strings", _one("lol2.xlsx", lambda p: entity_bomb(p, "shared")),
         ["lol2.xlsx", "DOCTYPE or ENTITY", "sharedStrings.xml"]),
    Case("zip bomb: a part that expands a thousand times", _one("bom.xlsx", zip_bomb_ratio),
         ["bom.xlsx", "zip bomb", "sheet1.xml"]),
    Case("zip bomb: declares gigabytes", _one("giga.xlsx", lambda p: with_declared_size(
        activities_xlsx(p, ACTS), "xl/worksheets/sheet1.xml", 3_000_000_000)), ["giga.xlsx", "zip bomb"]),
    Case("zip part bigger than it declares", _one("liegt.xlsx", lambda p: with_declared_size(
        activities_xlsx(p, ACTS), "xl/worksheets/sheet1.xml", 200)), ["liegt.xlsx", "damaged or truncated"]),
    Case("a cell at row 5,000,000", _one("ver.xlsx", lambda p: far_cell(p, "A5000000")),
         ["ver.xlsx", "row 5,000,000", "limit 1,048,576 rows"]),
    Case("a cell in column ZZZ", _one("breed.xlsx", lambda p: far_cell(p, "ZZZ7")),
         ["breed.xlsx", "column 18,278", "limit 1,000 columns"]),
    Case("too many parts", _one("delen.xlsx", many_parts), ["delen.xlsx", "parts"]),
    Case("csv row with 1,500 cells", _csv("activiteiten.csv", _acts(*ACTS, ["K9"] + ["x"] * 1499)),
         ["activiteiten.csv", "row 5", "1,500 cells", "limit 1,000 columns"]),
]

CELLS = [
    Case("formula without a stored result", _one("formule.xlsx", lambda p: activities_xlsx(
        p, [["K1", "Titel", F("DATE(2020,2,31)"), "online", 2]])),
         ["formule.xlsx", "sheet 'Activiteiten'", "row 2", "column C 'Datum'", "=DATE(2020,2,31)",
          "formula without a stored result"]),
    Case("Excel error values", _one("fouten.xlsx", lambda p: activities_xlsx(
        p, [[E("#REF!"), "Titel", "02/03/2020", "online", 2],
            ["K2", E("#N/A"), "02/03/2020", "online", E("#DIV/0!")]])),
         ["fouten.xlsx", "row 2, column A 'Code'", "#REF!", "row 3, column B 'Titel'", "#N/A",
          "row 3, column E 'Dagdelen'", "#DIV/0!", "Excel error value"]),
    Case("Excel error text in a CSV export", _csv("activiteiten.csv", _acts(
        ["K1", "Titel", "02/03/2020", "online", "#DIV/0!"])),
         ["activiteiten.csv", "row 2", "column E 'Dagdelen'", "#DIV/0!"]),
    Case("impossible date 31/02", _csv("activiteiten.csv", _acts(["K1", "Titel", "31/02/2020", "online", 2])),
         ["activiteiten.csv", "row 2", "column C 'Datum'", "31/02/2020", "does not exist"]),
    Case("merged code cells make a duplicate key", _one("samengevoegd.xlsx", lambda p: write_xlsx(
        p, {"Activiteiten": _acts(["K1", "A", "02/03/2020", "online", 1], [None, "B", "03/03/2020", "online", 1])},
        merges={"Activiteiten": ["A2:A3"]})),
         ["samengevoegd.xlsx", "row 3", "the same activity code as", "row 2"]),
]

CSVS = [
    Case("csv row with too many cells", _csv("activiteiten.csv", _acts(
        ["K1", "Titel", "02/03/2020", "online", 2, "Thema", "extra", "nog"])),
         ["activiteiten.csv", "row 2", "8 cells but the header has 6"]),
    Case("csv duplicate headers", _csv("inschrijvingen.csv", [
        ["Activiteit", "E-mail", "Organisatie", "email"], ["K1", "p@hidden-mail.test", "X", "q@hidden-mail.test"]]),
         ["inschrijvingen.csv", "row 1", "column D 'email'", "column B 'E-mail'", "both E-mail"]),
    Case("csv of no known table", _csv("export.csv", [["a", "b"], ["1", "2"]]),
         ["export.csv", "cannot tell which table"]),
]


def _missing_column_cases() -> list[Case]:
    from socius_cli.contract import TABLES_BY_NAME, field_for_header
    from socius_cli.i18n import set_language
    from socius_cli.names import field_label

    set_language("en")  # the column's name in English, as the tests run the CLI with --lang en

    cases = []
    for table, (sheet, head, rows) in TABLE_ROWS.items():
        t = TABLES_BY_NAME[table]
        for f in t.required:
            keep = [i for i, h in enumerate(head) if field_for_header(t, h) is not f]
            cut = [[r[i] if i < len(r) else None for i in keep] for r in [head, *rows]]
            cases.append(Case(f"{table}: required column {f.name} missing",
                              _book(f"zonder-{f.name}.xlsx", **{table: cut}),
                              [f"zonder-{f.name}.xlsx", f"sheet '{sheet}'",
                               f"the column {field_label(table, f.name)} is missing"]))
    return cases


# (table, column header, bad value, fragment of what is expected)
VALUE_RULES = [
    ("activities", "Code", None, "may not be blank"),
    ("activities", "Titel", "  ", "may not be blank"),
    ("activities", "Datum", "2020/31/12", "a date"),
    ("activities", "Datum", "31/04/2020", "does not exist"),
    ("activities", "Werkvorm", "zwemmen", "a format"),
    ("activities", "Dagdelen", 0, "greater than 0"),
    ("activities", "Dagdelen", "-1", "greater than 0"),
    ("activities", "Dagdelen", "twee", "a number"),
    ("registrations", "E-mail", None, "may not be blank"),
    ("registrations", "Doelgroep", "tertiair", "a target group"),
    ("registrations", "Aanwezig", "soms", "yes or no"),
    ("evaluations", "Score", 11, "a score from 0 to 10"),
    ("evaluations", "Score", "veel", "a number"),
    ("evaluations", "Schaal", 0, "a scale greater than 0"),
    ("organisations", "Erkend", "misschien", "yes or no"),
    ("organisations", "Naam", None, "may not be blank"),
    ("requests", "Ontvangen", "gisteren", "a date"),
    ("requests", "Beslissing", "misschien", "a decision"),
    ("requests", "Ondersteuning", "soms", "yes or no"),
    ("requests", "Deelnemers", "2,5", "a whole number"),
    ("requests", "Deelnemers", -3, "a whole number"),
]


def _value_rule_cases() -> list[Case]:
    cases = []
    for n, (table, header, bad, expected) in enumerate(VALUE_RULES):
        sheet, head, rows = TABLE_ROWS[table]
        i = head.index(header)
        broken = [list(r) + [None] * (len(head) - len(r)) for r in rows]
        broken[1][i] = bad  # the second data row: Excel row 3
        letter = col_letter(i)
        cases.append(Case(f"{table}.{header} = {bad!r}", _book(f"regel{n}.xlsx", **{table: [head, *broken]}),
                          [f"regel{n}.xlsx", f"sheet '{sheet}'", "row 3", f"column {letter} '{header}'", expected]))
    return cases


CONTRACT = [
    Case("unknown activity code in registrations", _book("onbekend.xlsx", registrations=[
        REG_HEAD, *REGS, ["ZZ9", "Iemand", "iemand@hidden-mail.test", None, None, None]]),
         ["onbekend.xlsx", "sheet 'Inschrijvingen'", "row 6", "column A 'Activiteit'", "ZZ9", "unknown activity"]),
    Case("unknown activity code in evaluations", _book("onbekend2.xlsx", evaluations=[
        EVAL_HEAD, *EVALS, ["ZZ8", 5, None]]),
         ["onbekend2.xlsx", "sheet 'Evaluaties'", "row 5", "ZZ8", "unknown activity"]),
    Case("duplicate activity code", _book("dubbel.xlsx", activities=[ACT_HEAD, *ACTS, ACTS[0]]),
         ["dubbel.xlsx", "row 5", "'K1'", "the same activity code as dubbel.xlsx, sheet 'Activiteiten', row 2"]),
    Case("duplicate organisation after normalising", _book("dubbel2.xlsx", organisations=[
        ORG_HEAD, *ORGS, ["  vormingplus  ZUID ", "ja", None]]),
         ["dubbel2.xlsx", "row 4", "the same organisation as", "row 2"]),
    Case("duplicate request number across two files", lambda d: [
        write_xlsx(d / "werkboek.xlsx", good_sheets()),
        write_csv(d / "vragen.csv", [REQ_HEAD, ["V2", "01/06/2020", "in behandeling", None, None, None, None]])],
         ["vragen.csv", "row 2", "the same request number as werkboek.xlsx, sheet 'Vragen', row 3"]),
    Case("supported on a request not accepted", _book("steun.xlsx", requests=[
        REQ_HEAD, REQS[0], ["V2", "10/03/2020", "afgewezen", "Gemeente Q", "Vrijwilligers", "ja", 4]]),
         ["steun.xlsx", "row 3", "column F 'Ondersteuning'", "not accepted"]),
]


def refused() -> list[Case]:
    return CONTAINERS + CELLS + CSVS + _missing_column_cases() + _value_rule_cases() + CONTRACT
