"""The parts of an .xlsx/.xlsm package: where its workbook and sheets are, and, for valid
packages that calamine cannot open as they are, a normalised copy that it can.

Programs other than Excel write valid packages that differ from Excel's: part names with
backslashes (`xl\\workbook.xml`) or a leading slash, no `[Content_Types].xml`, a workbook
found only through the package relationships (`_rels/.rels`) at another path, no package
relationships at all, sheets stored outside `xl/worksheets/`. A workbook may also hold
sheets calamine refuses to open the whole workbook for: Excel 4 macro sheets
(`xl/macrosheets/`). `safety.py` finds all of this from the zip's directory and the small
workbook parts (`locate`, `sheets`); when calamine would fail on it, `read.py` reads a
normalised copy instead (`write_copy`): every part under its normalised name, the workbook
at `xl/workbook.xml` with relationships that name every part absolutely, and the sheets
socius cannot read left out of the sheet list (each is skipped with a note).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from ..i18n import N_

WORKBOOK = "xl/workbook.xml"
_MAIN_TYPES = ("sheet.main+xml", "sheet.macroEnabled.main+xml", "template.main+xml",
               "template.macroEnabled.main+xml", "addin.macroEnabled.main+xml")
_OFFICE_DOCUMENT = "/officeDocument"
# What calamine reads, by the folder of the sheet's part; anything else fails the workbook.
_READABLE = {"worksheet": "worksheets", "chartsheet": "chartsheets", "dialogsheet": "dialogsheets"}
# Sheets socius skips with a note, by the end of their relationship type.
SKIPPED_KINDS = {
    "xlMacrosheet": N_("an Excel 4 macro sheet, which holds no table"),
    "xlIntlMacrosheet": N_("an Excel 4 macro sheet, which holds no table"),
}

ReadSmall = Callable[[str], bytes]  # a small part's bytes, by its member name (checked first)


def norm(name: str) -> str:
    """A part name as the package means it: `/` separators, no leading `/` or `./`."""
    name = name.replace("\\", "/")
    while name.startswith(("/", "./")):
        name = name[1:] if name.startswith("/") else name[2:]
    return name


def _normpath(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def _rels_of(part: str) -> str:
    folder, _, file = part.rpartition("/")
    return f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"


def _target(base: str, target: str) -> str:
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return _normpath(target)
    return _normpath(str(PurePosixPath(base).parent / target))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(data: bytes) -> list[tuple[str, str, str]]:
    """(Id, Type, Target) of a relationships part."""
    root = ElementTree.fromstring(data)
    return [(r.get("Id") or "", r.get("Type") or "", r.get("Target") or "")
            for r in root if _local(r.tag) == "Relationship" and r.get("TargetMode") != "External"]


@dataclass
class SheetRef:
    name: str
    rid: str
    kind: str  # worksheet, chartsheet, dialogsheet, xlMacrosheet, ... (the relationship type's last word)
    part: str | None  # the member name in the zip, None when missing


@dataclass
class Package:
    members: dict[str, str]  # normalised lower-case name -> member name in the zip
    workbook: str  # the workbook's member name
    sheets: list[SheetRef] = field(default_factory=list)
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (Id, type, member) of the workbook
    root_rels: bool = True  # the package has _rels/.rels
    copy: bool = False  # calamine needs a normalised copy

    def member(self, normalised: str) -> str | None:
        return self.members.get(normalised.lower())


def members_of(zf: zipfile.ZipFile) -> dict[str, str]:
    return {norm(n).lower(): n for n in zf.namelist()}


def locate(members: dict[str, str], read_small: ReadSmall) -> str | None:
    """The workbook part's member name: `xl/workbook.xml`, else the package's main document
    (the officeDocument relationship of `_rels/.rels`, or the content type of a workbook)."""
    if WORKBOOK in members:
        return members[WORKBOOK]
    rels = members.get("_rels/.rels")
    if rels is not None:
        try:
            for _, typ, target in _relationships(read_small(rels)):
                if typ.endswith(_OFFICE_DOCUMENT) and _target("", target).lower() in members:
                    return members[_target("", target).lower()]
        except ElementTree.ParseError:
            pass
    types = members.get("[content_types].xml")
    if types is not None:
        try:
            root = ElementTree.fromstring(read_small(types))
        except ElementTree.ParseError:
            return None
        for el in root:
            if _local(el.tag) == "Override" and (el.get("ContentType") or "").endswith(_MAIN_TYPES):
                part = norm(el.get("PartName") or "").lower()
                if part in members:
                    return members[part]
    return None


def read(members: dict[str, str], workbook: str, read_small: ReadSmall) -> Package:
    """The package's sheets and the workbook's relationships (raises ElementTree.ParseError)."""
    pkg = Package(members, workbook, root_rels="_rels/.rels" in members)
    wb_name = norm(workbook)
    rels_member = members.get(_rels_of(wb_name).lower())
    by_id: dict[str, tuple[str, str | None]] = {}
    if rels_member is not None:
        for rid, typ, target in _relationships(read_small(rels_member)):
            member = members.get(_target(wb_name, target).lower())
            kind = typ.rsplit("/", 1)[-1]
            by_id[rid] = (kind, member)
            if member is not None:
                pkg.rels.append((rid, typ, member))
    root = ElementTree.fromstring(read_small(workbook))
    listed = [el for el in root.iter() if _local(el.tag) == "sheet"]
    if rels_member is None:  # no relationships at all: the sheets in order, if they add up
        parts = sorted((m for k, m in members.items() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", k)),
                       key=lambda m: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", m)])
        guess = iter(parts) if len(parts) == len(listed) else iter(())
    for el in listed:
        name = el.get("name")
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
        if name is None:
            continue
        if rels_member is None:
            kind, member = "worksheet", next(guess, None)
        else:
            kind, member = by_id.get(rid, ("worksheet", None))
        pkg.sheets.append(SheetRef(name, rid, kind, member))
    pkg.copy = (
        norm(workbook) != WORKBOOK or workbook.startswith("/") or not pkg.root_rels or rels_member is None
        or any(n.startswith("/") for n in members.values())
        or any(s.kind in SKIPPED_KINDS or (s.part is not None and _READABLE.get(s.kind, "?") not in s.part)
               for s in pkg.sheets))
    return pkg


def readable(pkg: Package) -> list[SheetRef]:
    """The sheets the copy keeps: those not skipped, and with a part."""
    return [s for s in pkg.sheets if s.kind not in SKIPPED_KINDS and s.part is not None]


def write_copy(zf: zipfile.ZipFile, pkg: Package) -> Path:
    """A normalised copy of the package in a temporary .xlsx file (the caller removes it)."""
    keep = readable(pkg)
    renamed: dict[str, str] = {}  # member -> name in the copy
    for i, s in enumerate(keep, start=1):
        assert s.part is not None
        folder = _READABLE.get(s.kind, "worksheets")
        if folder not in norm(s.part):
            renamed[s.part] = f"xl/{folder}/socius{i}.xml"
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    rel_ids = {s.rid for s in keep}
    kept_rels = []
    for rid, typ, member in pkg.rels:
        kind = typ.rsplit("/", 1)[-1]
        if kind in _READABLE or kind in SKIPPED_KINDS:
            if rid not in rel_ids:
                continue
        target = renamed.get(member, norm(member))
        kept_rels.append(f'<Relationship Id="{_attr(rid)}" Type="{_attr(typ)}" Target="/{_attr(target)}"/>')
    if not pkg.rels:  # guessed sheets: relationships of our own
        kept_rels = [f'<Relationship Id="{_attr(s.rid)}" Type="http://schemas.openxmlformats.org/officeDocument/'
                     f'2006/relationships/worksheet" Target="/{_attr(renamed.get(s.part or "", norm(s.part or "")))}"/>'
                     for s in keep]
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{ns}">'
            + "".join(kept_rels) + "</Relationships>")
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{ns}">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = zf.read(pkg.workbook)
    for s in pkg.sheets:
        if s not in keep and s.rid:
            workbook = re.sub(rb"<(?:[\w.-]+:)?sheet\b[^>]*?[\w.-]+:id=\"" + re.escape(s.rid.encode())
                              + rb"\"[^>]*/>", b"", workbook, count=1)
    wb_rels_member = pkg.member(_rels_of(norm(pkg.workbook)))
    skip = {pkg.workbook, wb_rels_member, pkg.member("_rels/.rels")}
    tmp = tempfile.NamedTemporaryFile(prefix="socius-", suffix=".xlsx", delete=False)
    tmp.close()
    out = Path(tmp.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(WORKBOOK, workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("_rels/.rels", root_rels)
        for info in zf.infolist():
            if info.filename in skip or info.is_dir():
                continue
            name = renamed.get(info.filename, norm(info.filename))
            if name.lower() in (WORKBOOK, "xl/_rels/workbook.xml.rels", "_rels/.rels"):
                continue
            with zf.open(info) as src, z.open(name, "w", force_zip64=info.file_size > 2**31) as dst:
                while chunk := src.read(1024 * 1024):
                    dst.write(chunk)
    return out


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
