"""Checks on a workbook's container before any parser sees it: what the file really is,
whether it is damaged, encrypted or hostile, and which cells hold Excel errors.

`read.py` calls `inspect_workbook` before handing a file to calamine. Everything here
reads the zip's central directory and streams the XML parts in chunks, so a refusal
costs bounded memory and happens before a single cell is parsed:

- zip bombs, by absolute sizes first: a zip that declares more than MAX_UNCOMPRESSED bytes
  in all or more than MAX_PARTS parts is refused from the directory, and a part that
  inflates to other bytes than it declares fails its CRC check and is refused. The ratio is
  only a sign, and only on much data: parts that expand more than MAX_RATIO (800) times are
  refused from the directory when they hold more than RATIO_FLOOR (4 MB) in all (deflate
  cannot go past about 1,030 times, and only a repeated pattern comes near; the most
  compressible real sheets, long repeated texts, stay below 300, and a sheet's row numbers
  alone keep it far from any pattern). Every other part is judged by what it inflates to:
  a sheet or the shared strings with a run of MAX_RUN bytes without any markup (white space
  or zeros; a real cell holds at most 32,767 characters) is refused after inflating at most
  a few megabytes, and shared strings with more than MAX_STRINGS texts are refused;
- an XML part with a DOCTYPE or ENTITY declaration (an entity bomb) is refused;
- a sheet whose cells reach beyond MAX_ROWS rows, MAX_COLUMNS columns, or MAX_CELLS
  cells in its used rectangle is refused (those counts come from the cells themselves,
  never from the sheet's stored <dimension>, which may lie);
- cells with an Excel error value (t="e": #DIV/0!, #REF!, #N/A ...) and formulas without
  a stored result are collected as `CellError`s at their row and column, because calamine
  returns an empty string for both and they would otherwise pass for blank cells.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

from ..errors import SociusError
from ..i18n import _
from ..i18n import number as fmt
from . import package
from .values import CellError

# Documented limits (README: What socius refuses and why). A year of registrations is far below every one.
MAX_FILE_BYTES = 500 * 1024 * 1024  # any input file, as stored on disk
MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # a workbook's parts together, once unzipped
MAX_PARTS = 10_000  # files inside one workbook zip
MAX_RATIO = 800  # a part that expands more than this many times is a sign of a bomb ...
RATIO_FLOOR = 4 * 1024 * 1024  # ... when such parts hold more than this in all
MAX_RUN = 1024 * 1024  # bytes without markup in a sheet or the shared strings (a cell: 128 kB at most)
MAX_STRINGS = 20_000_000  # texts in the shared strings: no more than the cells of a sheet (MAX_CELLS)
CARRY_LIMIT = 8 * 1024 * 1024  # bytes of a sheet held while waiting for the end of a row
MAX_META_PART = 16 * 1024 * 1024  # workbook.xml and its relations: small in every real file
MAX_ROWS = 1_048_576  # rows per sheet: as many as Excel itself allows
MAX_COLUMNS = 1_000  # columns per sheet (the widest table of the contract has 9)
MAX_CELLS = 20_000_000  # rows x columns of a sheet's used rectangle

CHUNK = 1024 * 1024
BIG_CHUNK = 4 * CHUNK  # for parts of AHEAD_BYTES or more, read ahead in a thread
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# A DOCTYPE or ENTITY declaration, in UTF-8 or UTF-16 (either byte order).
_DECLARATIONS = [
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
]
_OVERLAP = max(len(d) for d in _DECLARATIONS)

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix (<x:c> as well as <c>)
_CELL_OPEN = re.compile(rb"<" + _P + rb"c[\s/>]")
_CELL_REF = re.compile(rb"<" + _P + rb"c\s[^>]*?\br=\"([A-Z]{1,4})[0-9]")
# A cell that holds something: a value, an inline string or a formula follows its start tag.
_VALUE_CELL = re.compile(
    rb"<" + _P + rb"c\s[^>]*?\br=\"([A-Z]{1,4})([0-9]{1,9})\"[^>]*(?<!/)>\s*<" + _P + rb"(?:v|is|f)\b")
_HOLDS_VALUE = re.compile(rb"<" + _P + rb"(?:v|is|f)\b")
_ROW_OPEN = re.compile(rb"<" + _P + rb"row[\s/>]")
_ROW_REF = re.compile(rb"<" + _P + rb"row\s[^>]*?\br=\"([0-9]{1,9})\"")
_FORMULA = re.compile(rb"<" + _P + rb"f[\s/>]")
_ERROR_TYPE = re.compile(rb"<" + _P + rb"c\s[^>]*?\bt=\"e\"")
# One row start tag or one whole cell, for the slow path (sheets with formulas or errors).
_ROW_OR_CELL = re.compile(
    rb"<" + _P + rb"row\b([^>]*)>|<(" + _P + rb")c\b([^>]*?)(?:/>|>(.*?)</\2c>)", re.S)
_ATTR_R = re.compile(rb"\br=\"([A-Z]{0,4})([0-9]*)\"")
_ATTR_T = re.compile(rb"\bt=\"([a-zA-Z]+)\"")
_F = re.compile(rb"<" + _P + rb"f\b[^>]*?(?:/>|>(.*?)</" + _P + rb"f>)", re.S)
_V = re.compile(rb"<" + _P + rb"v\b[^>]*?(?:/>|>(.*?)</" + _P + rb"v>)", re.S)


@dataclass
class WorkbookScan:
    """What the container check found: the workbook's kind and the cells that are errors."""

    kind: str  # "xlsx", "ods" or "xls"
    # sheet name -> {(Excel row number, 0-based column): CellError}
    faults: dict[str, dict[tuple[int, int], CellError]] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)  # sheets with merged cells (arrow.py reads none)
    # sheet name -> (its XML part, that part's uncompressed size, Excel number of its first
    # row holding a value or None): what arrow.py needs to read the sheet without reopening it
    sheets: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)
    # a valid package calamine cannot open as it is: read.py reads a normalised copy (package.py)
    normalise: package.Package | None = None
    skipped: dict[str, str] = field(default_factory=dict)  # sheet name -> why it is not read

    def faults_for(self, sheet: str) -> dict[tuple[int, int], CellError]:
        return self.faults.get(sheet, {})


def refuse(name: str, why: str) -> SociusError:
    return SociusError(f"{name}: {why}")


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise refuse(path.name, _("refused: the file is {size}, over the limit of {limit} for one spreadsheet")
                     .format(size=_mb(size), limit=_mb(MAX_FILE_BYTES)))


def inspect_workbook(path: Path, kind: str) -> WorkbookScan:
    """Check a zip or OLE container; raise SociusError (one line) when it is refused."""
    check_size(path)
    if kind == "ole":
        return _inspect_ole(path)
    return _inspect_zip(path)


# --- OLE: legacy .xls, or an encrypted (password-protected) Office file -------------------

def _inspect_ole(path: Path) -> WorkbookScan:
    name = path.name
    try:
        import olefile
    except ImportError:  # pragma: no cover - installed with msoffcrypto-tool
        return WorkbookScan("xls")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s).lower() for s in ole.listdir()}
    except Exception:
        raise refuse(name, _("a damaged or truncated Office file (cannot be opened)")) from None
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise refuse(name, _("the workbook is password-protected: remove the password in Excel "
                             "(File > Info > Protect Workbook) and save it again"))
    if "workbook" not in streams and "book" in streams:
        raise refuse(name, _("an Excel 5.0/95 workbook (from before 1997), which socius cannot read "
                             "reliably: open it in Excel or LibreOffice and save it as .xlsx"))
    if "workbook" not in streams:
        raise refuse(name, _("an Office file that is not a workbook (a Word or PowerPoint file?)"))
    if _xls_encrypted(path):
        raise refuse(name, _("the workbook is password-protected: remove the password in Excel "
                             "and save it again"))
    return WorkbookScan("xls")


def _xls_encrypted(path: Path) -> bool:
    try:
        import msoffcrypto
    except ImportError:  # pragma: no cover - a declared dependency
        return False
    try:
        with path.open("rb") as fh:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
    except Exception:
        return False  # not something msoffcrypto knows; calamine will say what is wrong


# --- zip: .xlsx, .xlsm, .ods --------------------------------------------------------------

def _inspect_zip(path: Path) -> WorkbookScan:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refuse(name, _("a damaged or truncated workbook (its zip structure cannot be read); "
                             "save it again from Excel")) from None
    with zf:
        infos = zf.infolist()
        _check_directory(name, infos)  # from the directory alone, before any part is inflated
        members = package.members_of(zf)
        by_member = {i.filename: i for i in infos}
        scanned: set[str] = set()

        def read_small(member: str) -> bytes:
            """A small part, after its scan for declarations (it is parsed next)."""
            if member not in scanned:
                _scan_part(zf, by_member[member], name, None)
                scanned.add(member)
            return _read_small(zf, member, name)

        kind = _zip_kind(name, members, read_small)
        pkg = None
        if kind == "xlsx":
            workbook = package.locate(members, read_small)
            assert workbook is not None
            try:
                pkg = package.read(members, workbook, read_small)
            except ElementTree.ParseError as exc:
                raise refuse(name, _("a damaged workbook ({part}: {detail}); save it again from Excel").format(
                    part=package.norm(workbook), detail=_first(exc))) from None
        sheet_of = {s.part: s.name for s in pkg.sheets if s.part} if pkg else {}
        scans: dict[str, _SheetScan] = {}
        merged_parts: set[str] = set()
        for info in infos:
            lname = package.norm(info.filename).lower()
            if info.filename in scanned or not lname.endswith((".xml", ".rels", ".vml")) or info.is_dir():
                continue
            if info.filename in sheet_of:
                place: str | None = f"{name}, sheet '{sheet_of[info.filename]}'"
            elif kind == "xlsx" and lname.startswith("xl/worksheets/") and lname.endswith(".xml"):
                place = f"{name} (part {info.filename})"
            else:
                place = None
            sheet_scan = _scan_part(zf, info, name, place, merged_parts)
            if sheet_scan is not None:
                scans[info.filename] = sheet_scan
        scan = WorkbookScan(kind)
        if pkg is not None:
            scan.normalise = pkg if pkg.copy else None
            scan.skipped = {s.name: package.SKIPPED_KINDS[s.kind] for s in pkg.sheets
                            if s.kind in package.SKIPPED_KINDS}
            if scan.normalise is not None:  # read from the copy, which leaves out sheets without a part
                scan.skipped.update({s.name: "its cells are missing from the file (a damaged workbook?)"
                                     for s in pkg.sheets if s.part is None and s.name not in scan.skipped})
            for ref in pkg.sheets:
                if ref.part is None or ref.kind in package.SKIPPED_KINDS:
                    continue
                found = scans.get(ref.part)
                if found is not None and found.faults:
                    scan.faults[ref.name] = found.faults
                if ref.part in merged_parts:
                    scan.merged.add(ref.name)
                scan.sheets[ref.name] = (ref.part, by_member[ref.part].file_size,
                                         found.first_value_row if found else None)
        return scan


def _zip_kind(name: str, members: dict[str, str], read_small: Callable[[str], bytes]) -> str:
    """xlsx or ods, from the package's own parts; refuses any other zip."""
    mimetype = members.get("mimetype")
    if mimetype is not None and read_small(mimetype).strip().startswith(ODS_MIMETYPE):
        manifest = members.get("meta-inf/manifest.xml")
        if manifest is not None and b"encryption-data" in read_small(manifest):
            raise refuse(name, _("the spreadsheet is password-protected: open it in LibreOffice, remove the "
                                 "password (File > Properties > Security) and save it again"))
        return "ods"
    if package.locate(members, read_small) is not None:
        return "xlsx"
    if "xl/workbook.bin" in members:
        raise refuse(name, _("an Excel binary workbook (.xlsb) is not supported: save it as .xlsx"))
    if mimetype is not None and read_small(mimetype).strip().startswith(b"application/vnd.oasis.opendocument"):
        raise refuse(name, _("an OpenDocument file that is not a spreadsheet (a text or a presentation?)"))
    if "word/document.xml" in members or "ppt/presentation.xml" in members:
        raise refuse(name, _("an Office file that is not a workbook (a Word or PowerPoint file?)"))
    raise refuse(name, _("a zip archive, but not a workbook (no workbook inside, and not an .ods)"))


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise refuse(name, _("refused: the workbook holds {n} parts (limit {limit})").format(
            n=fmt(len(infos)), limit=fmt(MAX_PARTS)))
    total = 0
    dense = 0  # bytes of the parts that expand more than MAX_RATIO times
    first: zipfile.ZipInfo | None = None
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(name, _("the workbook is password-protected (encrypted zip): save it without a password"))
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1):
            dense += info.file_size
            first = first or info
    if total > MAX_UNCOMPRESSED:
        raise refuse(name, _("refused: the workbook would expand to {size} (limit {limit}); "
                             "this looks like a zip bomb").format(size=_mb(total), limit=_mb(MAX_UNCOMPRESSED)))
    if dense > RATIO_FLOOR and first is not None:
        ratio = first.file_size // max(first.compress_size, 1)
        raise refuse(name, _("refused: part {part} would expand {ratio} times (parts that expand "
                             "more than {most} times hold {size}, limit {limit}); "
                             "this looks like a zip bomb").format(
            part=first.filename, ratio=fmt(ratio), most=MAX_RATIO, size=_mb(dense), limit=_mb(RATIO_FLOOR)))


def _read_small(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    info = zf.getinfo(member)
    if info.file_size > MAX_META_PART:
        raise refuse(name, _("refused: part {part} is {size}, larger than any real workbook's").format(
            part=member, size=_mb(info.file_size)))
    return b"".join(_chunks(zf, info, name))


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """A part's bytes in chunks; never more than it declares (zipfile stops there and checks the CRC)."""
    try:
        size = BIG_CHUNK if info.file_size >= AHEAD_BYTES else CHUNK
        with zf.open(info) as fh:
            while chunk := fh.read(size):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as exc:  # ValueError: a name flagged UTF-8 that is not, among others
        raise refuse(name, _("a damaged or truncated workbook (part {part}: {detail})").format(
            part=info.filename, detail=_first(exc))) from None


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, sheet_place: str | None,
               merged_parts: set[str] | None = None) -> _SheetScan | None:
    """Stream one XML part: refuse declarations; for a sheet (`sheet_place` names it in
    messages: "file, sheet 'X'"), count its extent, find error cells and its first row with
    a value (the scan is returned)."""
    sheet = _SheetScan(sheet_place, info.filename) if sheet_place else None
    # Parts calamine reads are also judged by what they inflate to (see the module's doc).
    runs = sheet is not None or package.norm(info.filename).lower().endswith("sharedstrings.xml")
    run = 0  # bytes since the last "<"
    strings: int | None = 0 if package.norm(info.filename).lower() == "xl/sharedstrings.xml" else None
    tail = b""
    carry = b""
    big = info.file_size >= AHEAD_BYTES
    chunks = _chunks_ahead(zf, info, name) if big else _chunks(zf, info, name)
    for chunk in chunks:
        # The tokens are looked for in the chunk and across its start (the previous chunk's
        # tail), without copying the whole chunk; "!" is rare in sheet XML and found at
        # memchr speed, and every declaration holds one.
        seam = tail + chunk[:_OVERLAP]
        for window in (seam, chunk):
            if b"!" in window and (b"<!" in window or b"<\x00!" in window or b"\x00<\x00!" in window):
                for declaration in _DECLARATIONS:
                    if declaration in window:
                        raise refuse(sheet_place or name, _(
                            "refused: part {part} declares a DOCTYPE or ENTITY (an XML entity bomb?); "
                            "real workbooks have none").format(part=info.filename))
            if merged_parts is not None and sheet is not None and b"mergeCell" in window:
                merged_parts.add(info.filename)
        tail = chunk[-_OVERLAP:]
        if runs:
            last = chunk.rfind(b"<")
            if (run + len(chunk) if last < 0 else run + chunk.find(b"<")) > MAX_RUN:
                raise refuse(sheet_place or name, _("refused: part {part} holds more than {size} without any "
                                                    "markup; this looks like a zip bomb").format(
                    part=info.filename, size=_mb(MAX_RUN)))
            run = run + len(chunk) if last < 0 else len(chunk) - last - 1
            if run > MAX_RUN:
                raise refuse(sheet_place or name, _("refused: part {part} holds more than {size} without any "
                                                    "markup; this looks like a zip bomb").format(
                    part=info.filename, size=_mb(MAX_RUN)))
        if strings is not None:
            strings += chunk.count(b"<si>") + chunk.count(b"<si ")  # (one split by a seam is missed)
            if strings > MAX_STRINGS:
                raise refuse(name, _("refused: part {part} holds more than {limit} texts (the limit, as many as "
                                     "the cells of a sheet); this looks like a zip bomb").format(
                    part=info.filename, limit=fmt(MAX_STRINGS)))
        if sheet is not None:
            data = carry + chunk if carry else chunk
            cut = data.rfind(b"row>")
            if cut < 0 and len(data) > CARRY_LIMIT:
                # No row ends here: one very long row, or no rows at all. Cut after the last
                # cell instead, or anywhere when there is none (then there is no cell to split),
                # so that what is held stays bounded and nothing is copied again and again.
                end = max(data.rfind(b"</c>"), data.rfind(b":c>"))
                cut = end if end >= 0 else len(data) - 4
            if cut < 0:
                carry = data
                continue
            cut += 4
            sheet.feed(data[:cut])
            carry = data[cut:]
    if sheet is not None:
        if carry:
            sheet.feed(carry)
        sheet.finish()
    return sheet


# Parts at least this big are inflated one chunk ahead in a thread (zlib releases the GIL),
# so that inflating overlaps the scan of the previous chunk.
AHEAD_BYTES = 8 * 1024 * 1024


def _chunks_ahead(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """`_chunks`, read by a helper thread at most two chunks ahead (bounded memory)."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for chunk in _chunks(zf, info, name):
                while not stop.is_set():
                    try:
                        q.put(chunk, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            item: object = done
        except BaseException as exc:  # a refusal (damaged part): raised again in the caller
            item = exc
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    worker = threading.Thread(target=produce, name="socius-inflate", daemon=True)
    worker.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


class _SheetScan:
    """The extent of a sheet's cells and its error cells, from a stream of XML segments.

    Segments are cut after a `row>`, so no cell is ever split between two of them.
    Plain segments are only counted by regular expressions working in C; a segment with
    a formula, an error cell or cells without a reference is walked cell by cell.
    """

    def __init__(self, place: str, part: str):
        self.name, self.part = place, part  # "file, sheet 'X'" for messages, and the XML part
        self.row = 0  # Excel number of the last row started
        self.max_row = 0
        self.max_col = 0  # 1-based
        self.col = 0  # column of the last cell walked (a segment may end inside a row)
        self.faults: dict[tuple[int, int], CellError] = {}
        # Excel number of the first row holding a cell with a value (arrow.py's header row),
        # looked for in the first HEAD_LIMIT bytes only; None when not found there.
        self.first_value_row: int | None = None
        self._head: bytes | None = b""

    SPLIT = 64 * 1024  # a segment that is not plain is halved down to this size (see _scan)
    HEAD_LIMIT = 4_000_000

    def feed(self, seg: bytes) -> None:
        if self._head is not None:
            self._find_first_value_row(seg)
        self._scan(seg)
        self._check()

    def _find_first_value_row(self, seg: bytes) -> None:
        # The whole head is searched again: a row may span two segments, and the head is small.
        head = self._head + seg if self._head else seg
        for m in _HEAD_ROW.finditer(head):
            if m.group(2) == b"/>" or not _HEAD_VALUE.search(m.group(3) or b""):
                continue
            r = _HEAD_R.search(m.group(1))
            self.first_value_row = int(r.group(1)) if r else None
            self._head = None
            return
        self._head = head if len(head) < self.HEAD_LIMIT else None

    def _scan(self, seg: bytes) -> None:
        """`_plain` where it holds; else halve the segment (after a `row>`, as segments are
        cut) so that only the small part around a rare thing (the header row, a formula, an
        error cell, a wider column ...) is counted and walked by `_feed`."""
        if self._plain(seg):
            return
        if len(seg) > self.SPLIT:
            cut = seg.find(b"row>", len(seg) // 2)
            if 0 <= cut and cut + 4 < len(seg):
                self._scan(seg[:cut + 4])
                self._scan(seg[cut + 4:])
                return
        self._feed(seg)

    def _plain(self, seg: bytes) -> bool:
        """The common case, proven with a few C-speed searches instead of counting every cell.

        True when `_feed` would take its counting branch and end in the state set here:
        no prefixed tags, formulas or error cells; every row `<row r="N"` and every cell
        `<c r="LN"` with its reference first, the cell's column at most the widest seen so far
        and every row number at most the segment's last row number N (so that N is the
        segment's highest row). Anything else (first segment, a wider column, a lower
        number after a higher one, cells without references ...) goes through `_feed`.
        """
        if not self.max_col:
            return False
        at = seg.rfind(b'<row r="')
        if at < 0:
            return False
        end = seg.find(b'"', at + 8, at + 19)
        digits = seg[at + 8:end]
        if end < 0 or not digits.isdigit() or digits[:1] == b"0" or len(digits) > 9:
            return False
        if b":" in seg and _PREFIXED.search(seg):
            return False
        if b't="e"' in seg or _FORMULA_PLAIN.search(seg):
            return False
        rows = _le_number(digits)
        if re.search(rb'<row(?! r="' + rows + rb'")', seg):
            return False
        # every cell within the widest column so far, or an empty styled cell anywhere
        # (`<c r="AMJ5" s="1"/>`, what LibreOffice writes at the end of a formatted row)
        if re.search(rb'<c(?! r="' + _le_letters(self.max_col) + rows + rb'"| r="[A-Z]{1,3}' + rows
                     + rb'"[^>]*/>)', seg):
            return False
        if not _HOLDS_VALUE.search(seg, at):  # the last row is empty (styled): count exactly
            return False
        self.row = int(digits)
        self.max_row = max(self.max_row, self.row)
        return True

    def _feed(self, seg: bytes) -> None:
        if b"<c" not in seg and b":c" not in seg and b"row" not in seg:
            return  # no cell or row in it (markup a real sheet does not have): nothing to count
        if b"row" not in seg and b't="e"' not in seg and not _HOLDS_VALUE.search(seg):
            # Only empty cells, inside one row (a long run of them, cut at CARRY_LIMIT): the
            # extent does not grow; cells without a reference move the column on.
            self.col += sum(1 for _ in _CELL_OPEN.finditer(seg))
            return
        n_cells = len(_CELL_OPEN.findall(seg))
        cols = _CELL_REF.findall(seg)
        n_rows = len(_ROW_OPEN.findall(seg))
        row_refs = _ROW_REF.findall(seg)
        if n_cells != len(cols) or n_rows != len(row_refs) or _FORMULA.search(seg) or _ERROR_TYPE.search(seg):
            self._walk(seg)
        else:
            # Only cells that hold something count: an empty styled cell (<c r="AMJ1" s="0"/>,
            # as LibreOffice and openpyxl write for a formatted row) is no part of the table,
            # and calamine, which reads the sheet afterwards, skips it as well.
            if row_refs:
                self.row = int(row_refs[-1])
            refs = set(_VALUE_CELL.findall(seg))
            if refs:
                self.max_col = max(self.max_col, max(_col_index(c) + 1 for c in {c for c, _ in refs}))
                self.max_row = max(self.max_row, max(int(r) for _, r in refs))

    def _walk(self, seg: bytes) -> None:
        col = self.col  # a segment may start inside a row (see CARRY_LIMIT)
        for m in _ROW_OR_CELL.finditer(seg):
            if m.group(3) is None:  # a row start tag
                ref = _ATTR_R.search(m.group(1))
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                col = 0
                continue
            attrs, body = m.group(3), m.group(4) or b""
            if not body and b"r=" not in attrs and b't="e"' not in attrs:
                col += 1  # an empty cell without a reference: it only moves the column on
                continue
            ref = _ATTR_R.search(attrs)
            if ref and ref.group(1):
                col = _col_index(ref.group(1)) + 1
                row = int(ref.group(2)) if ref.group(2) else self.row
            else:
                col += 1
                row = self.row
            t = _ATTR_T.search(attrs)
            if body and _HOLDS_VALUE.search(body) or (t and t.group(1) == b"e"):
                self.max_col = max(self.max_col, col)
                self.max_row = max(self.max_row, row)
            v = _V.search(body)
            if t and t.group(1) == b"e":
                text = _text(v.group(1)) if v and v.group(1) else "#ERROR"
                self.faults[(row, col - 1)] = CellError(text, f"an Excel error value ({text})")  # problems._FAULTS
            elif v is None and b"<" in body:
                f = _F.search(body)
                if f is not None:
                    formula = "=" + _text(f.group(1)) if f.group(1) else "a formula"
                    self.faults[(row, col - 1)] = CellError(
                        formula, "a formula without a stored result (open the file in Excel "
                                 "and save it, or paste the values)")
            if len(self.faults) > 100_000:
                raise refuse(self.name, _("refused: more than {limit} cells hold errors").format(limit=fmt(100_000)))
        self.col = col

    def _check(self) -> None:
        if self.max_row > MAX_ROWS:
            raise refuse(self.name, _("refused: a cell with a value at row {row} (limit {limit} rows per sheet)")
                         .format(row=fmt(self.max_row), limit=fmt(MAX_ROWS)))
        if self.max_col > MAX_COLUMNS:
            raise refuse(self.name, _("refused: a cell with a value in column {column} ({letters}; limit {limit} "
                                      "columns)").format(column=fmt(self.max_col),
                                                         letters=_col_letters(self.max_col).decode(),
                                                         limit=fmt(MAX_COLUMNS)))
        if self.max_row * self.max_col > MAX_CELLS:
            raise refuse(self.name, _("refused: its cells span {rows} rows by {columns} columns (limit {limit} cells)")
                         .format(rows=fmt(self.max_row), columns=fmt(self.max_col), limit=fmt(MAX_CELLS)))

    def finish(self) -> None:
        self._check()


# For `_SheetScan._find_first_value_row`: a whole row, a value inside it, its number.
_HEAD_ROW = re.compile(rb'<(?:\w+:)?row\b([^>]*?)(/>|>(.*?)</(?:\w+:)?row>)', re.S)
_HEAD_VALUE = re.compile(rb'<(?:\w+:)?(?:v|is)\b')
_HEAD_R = re.compile(rb'\br="(\d+)"')
# For `_SheetScan._plain`: a prefixed cell, row or formula tag; an unprefixed formula tag.
_PREFIXED = re.compile(rb":(?:c|row|f)[\s/>]")
_FORMULA_PLAIN = re.compile(rb"<f[\s/>]")


def _le_number(digits: bytes) -> bytes:
    """A regex for the decimal numbers from 1 to `digits` (no leading zero)."""
    n = len(digits)
    alts = [rb"[1-9][0-9]{0,%d}" % (n - 2)] if n > 1 else []
    for i in range(n):
        low = 1 if i == 0 else 0
        d = digits[i] - 48
        if d > low:
            alts.append(digits[:i] + b"[%d-%d]" % (low, d - 1) + (rb"[0-9]{%d}" % (n - i - 1) if n - i - 1 else b""))
    alts.append(digits)
    return b"(?:" + b"|".join(alts) + b")"


def _le_letters(col: int) -> bytes:
    """A regex for Excel's column letters of columns 1 to `col`."""
    letters = _col_letters(col)
    k = len(letters)
    alts = [rb"[A-Z]{1,%d}" % (k - 1)] if k > 1 else []
    for i in range(k):
        if letters[i] > 65:
            rest = rb"[A-Z]{%d}" % (k - i - 1) if k - i - 1 else b""
            alts.append(letters[:i] + b"[A-%c]" % (letters[i] - 1) + rest)
    alts.append(letters)
    return b"(?:" + b"|".join(alts) + b")"


def _col_letters(col: int) -> bytes:
    out = b""
    while col:
        col, rem = divmod(col - 1, 26)
        out = bytes([65 + rem]) + out
    return out


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", errors="replace"), {"&quot;": '"', "&apos;": "'"}).strip()


# --- cells after calamine -----------------------------------------------------------------

def with_faults(rows: Iterable[tuple[int, list[object]]],
                faults: dict[tuple[int, int], CellError]) -> Iterator[tuple[int, list[object]]]:
    """Put each error cell in place of the '' calamine returns for it, in row order."""
    if not faults:
        yield from rows
        return
    by_row: dict[int, dict[int, CellError]] = {}
    for (r, c), e in faults.items():
        by_row.setdefault(r, {})[c] = e
    pending = sorted(by_row)
    i = 0
    for number, cells in rows:
        while i < len(pending) and pending[i] < number:
            yield pending[i], _put([], by_row[pending[i]])
            i += 1
        if i < len(pending) and pending[i] == number:
            cells = _put(list(cells), by_row[number])
            i += 1
        yield number, cells
    for r in pending[i:]:
        yield r, _put([], by_row[r])


def _put(cells: list[object], errors: dict[int, CellError]) -> list[object]:
    for c, e in errors.items():
        if c >= len(cells):
            cells.extend([None] * (c + 1 - len(cells)))
        cells[c] = e
    return cells


def fill_merged(raw, ranges) -> None:
    """A merged range's value belongs to every cell of the range, as Excel shows it.

    Only data rows are filled (rows below the header that hold something of their own;
    a fully empty row stays skipped), and only ranges that start below the header.
    """
    if not ranges or not raw.header_row:
        return
    rows = dict(raw.rows)
    for (r0, c0), (r1, c1) in ranges:
        top = r0 + 1
        if top <= raw.header_row or top not in rows:
            continue
        source = rows[top]
        value = source[c0] if c0 < len(source) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        for r in range(top, r1 + 2):
            cells = rows.get(r)
            if cells is None:
                continue
            for c in range(c0, c1 + 1):
                if c >= len(cells):
                    cells.extend([None] * (c + 1 - len(cells)))
                if cells[c] is None or (isinstance(cells[c], str) and not cells[c].strip()):
                    cells[c] = value


def _mb(n: int) -> str:
    return _("{n} MB").format(n=fmt(n / (1024 * 1024))) if n >= 1024 * 1024 else _("{n} bytes").format(n=fmt(n))


def _first(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def too_large(raw, rows: int, number: int, columns: int) -> None:
    """Raise the refusal for a sheet (or CSV file) found too large while its rows stream in."""
    from ..problems import place

    if rows > MAX_ROWS:
        raise SociusError(_("{place}: refused: more than {limit} rows (the limit per sheet)").format(
            place=place(raw.file, raw.sheet), limit=fmt(MAX_ROWS)))
    raise SociusError(_("{place}: refused: {cells} cells in one row (limit {limit} columns)").format(
        place=place(raw.file, raw.sheet, number), cells=fmt(columns), limit=fmt(MAX_COLUMNS)))


def suffix_fits(path: Path, kind: str) -> bool:
    """Whether the file's name says what its bytes are (calamine picks its reader by name)."""
    suffix = path.suffix.lower()
    return {"xlsx": suffix in (".xlsx", ".xlsm"), "ods": suffix == ".ods", "xls": suffix == ".xls"}.get(kind, False)
