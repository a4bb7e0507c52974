"""Reading spreadsheets into raw sheets: cells as the file holds them, with Excel row numbers.

Workbooks (.xlsx, .xlsm, .ods, .xls) are read with python-calamine, a binding to the Rust
calamine parser: several times faster than openpyxl, and it reads the cells that are really
there instead of trusting the sheet's stored dimensions. CSV files are decoded and split
as they stream in, with the standard library, after detecting encoding and delimiter as the
contract says (`csvread.py`).

Nothing here knows the contract's tables: `check.py` decides what the cells mean.
"""

from __future__ import annotations

import codecs
import io
import logging
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import SociusError
from ..i18n import N_, _
from ..i18n import number as fmt
from . import arrow, package, safety
from .csvread import read_csv
from .sheet import Progress, RawSheet, Row
from .values import clean_header

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xls"}
SUFFIXES = WORKBOOK_SUFFIXES | {".csv"}

def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the spreadsheets directly inside any folder given (sorted)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                sorted(c for c in p.iterdir()
                       if c.is_file() and c.suffix.lower() in SUFFIXES and not c.name.startswith(("~$", ".")))
            )
        elif p.exists():
            files.append(p)
        else:
            raise SociusError(_("{path}: no such file or folder").format(path=p))
    return files


def quiet_library_logs() -> None:
    """No library's log line reaches the user's terminal. fastexcel and calamine log through
    Python's logging (fastexcel: "Could not determine dtype for column 2, falling back to
    string", once per sheet and column, without a file name); without a handler anywhere,
    Python's last-resort handler prints such warnings on stderr. A NullHandler on the root
    logger takes them all, whatever the library."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def sniff_kind(path: Path, head: bytes) -> str:
    """What a file really is, from its first bytes rather than its name."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # a legacy .xls, or an encrypted (password-protected) workbook
    if head[:2] in _OLD_BIFF_BOF and 4 <= int.from_bytes(head[2:4], "little") <= 32:
        return "biff"  # Excel 2, 3 or 4: a bare BIFF stream, without an OLE container
    if b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return "text"


def read_file(path: Path, progress: Progress | None = None) -> list[RawSheet]:
    """All sheets of a workbook, or the one table of a CSV file."""
    return list(iter_file(path, progress))


def iter_file(path: Path, progress: Progress | None = None) -> Iterator[RawSheet]:
    """`read_file`, sheet by sheet: the next big sheet is parsed (in a thread, by fastexcel,
    which releases the GIL) while the caller checks the one before.

    Every check on the file's container (`safety.inspect_workbook`) is still done before any
    parser opens it, and a refusal is raised from the first `next()`.
    """
    quiet_library_logs()
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise SociusError(_("{file}: cannot be read ({reason})").format(
            file=name, reason=exc.strerror or exc)) from None
    if not head:
        raise SociusError(_("{file}: the file is empty (0 bytes)").format(file=name))
    kind = sniff_kind(path, head)
    safety.check_size(path)
    if kind == "biff":
        raise SociusError(_("{file}: an Excel 2, 3 or 4 workbook (from before 1995), which socius cannot "
                            "read: open it in Excel or LibreOffice and save it as .xlsx").format(file=name))
    if kind == "text" and (markup := _markup(head)):
        raise SociusError((_("{file}: {what}, which socius cannot read: open it in LibreOffice and save it "
                             "as .ods or .xlsx") if "OpenDocument" in markup
                           else _("{file}: {what}, which socius cannot read: open it in Excel or LibreOffice "
                                  "and save it as .xlsx")).format(file=name, what=_(markup)))
    if kind == "text":
        # Read as CSV whatever the name says: Excel's "save as CSV" keeps .xlsx names too.
        raw = read_csv(path, progress)
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            raw.notes.append(_("this file is a CSV text, not a {suffix} workbook "
                               "(saved as CSV under a workbook's name?); read as CSV").format(
                suffix=path.suffix.lower()))
        yield raw
        return
    if kind == "binary":
        raise SociusError(_("{file}: not a spreadsheet (neither a workbook nor a CSV text file)").format(file=name))
    yield from _iter_workbook(path, kind, progress)


# BOF records of BIFF2 (0x0009), BIFF3 (0x0209) and BIFF4 (0x0409) worksheets and workbooks.
_OLD_BIFF_BOF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")


def _markup(head: bytes) -> str | None:
    """What a text file that is really a spreadsheet in markup is (a flat ODS, Excel 2003 XML,
    a web page saved as .xls), or None for CSV text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="replace").encode("ascii", errors="replace")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table")):
        return N_("a web page (HTML) saved under a spreadsheet's name")
    if not text.startswith(b"<?xml"):
        return None
    if b"office:document" in text or b"opendocument" in text:
        return N_("a flat OpenDocument spreadsheet (.fods)")
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text or b"excel.sheet" in text:
        return N_("an Excel 2003 XML spreadsheet")
    if b"<html" in text:
        return N_("a web page (HTML) saved under a spreadsheet's name")
    return N_("an XML file, not a spreadsheet")


def _iter_workbook(path: Path, kind: str, progress: Progress | None = None) -> Iterator[RawSheet]:
    name = path.name
    try:
        scan = safety.inspect_workbook(path, kind)  # refuses bombs, damage, passwords first
    except SociusError:
        raise
    except Exception as exc:  # a damaged container can break zipfile in ways it does not name
        raise SociusError(_("{file}: a damaged or truncated workbook ({detail}); save it again from Excel").format(
            file=name, detail=_short(exc))) from None
    copy = None
    if scan.normalise is not None:  # a valid package calamine cannot open as it is (package.py)
        try:
            with zipfile.ZipFile(path) as zf:
                copy = package.write_copy(zf, scan.normalise)
        except (OSError, zipfile.BadZipFile, zlib.error, ValueError, RuntimeError, EOFError,
                NotImplementedError) as exc:
            raise SociusError(_("{file}: a damaged or truncated workbook ({detail}); save it again from Excel").format(
                file=name, detail=_short(exc))) from None
    try:
        yield from _read_workbook(path, copy or path, scan, progress)
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)


_HIDDEN = {"hidden": "a hidden sheet (unhide it in Excel to see it); read like the others",
           "veryhidden": "a very hidden sheet (only a macro or the VBA editor shows it); read like the others"}


def _read_workbook(path: Path, source: Path, scan: safety.WorkbookScan,
                   progress: Progress | None) -> Iterator[RawSheet]:
    """The sheets of the workbook `path`, read from `source` (itself, or a normalised copy)."""
    from python_calamine import CalamineWorkbook

    name = path.name
    try:
        if source is not path or safety.suffix_fits(path, scan.kind):
            wb = CalamineWorkbook.from_path(str(source))
        else:  # named for another format (an .xls saved as .xlsx): calamine detects it from the bytes
            wb = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise unreadable(name, scan.kind, exc) from None
    visibility = {}
    try:
        visibility = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in wb.sheets_metadata}
    except Exception:  # noqa: S110 - only for the notes
        pass
    for sheet_name, why in scan.skipped.items():
        yield RawSheet(file=name, sheet=sheet_name, stem=sheet_name, skipped=why)
    opened = arrow.open_reader(source, scan)  # big .xlsx sheets: fastexcel to Arrow (arrow.py)
    names = list(wb.sheet_names)
    # Sheets that may take the fast route, parsed one ahead by a single worker thread.
    fast = [n for n in names if opened and not scan.faults_for(n) and n not in scan.merged]
    pool = None
    pending: dict = {}

    def submit_next() -> None:
        nonlocal pool
        while fast:
            n = fast.pop(0)
            if pool is None:
                from concurrent.futures import ThreadPoolExecutor

                pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="socius-read")
            pending[n] = pool.submit(arrow.try_sheet, path, opened, n)
            return

    submit_next()
    try:
        for sheet_name in names:
            hidden = _HIDDEN.get(visibility.get(sheet_name, ""))
            future = pending.pop(sheet_name, None)
            if future is not None:
                submit_next()
                raw = future.result()
                del future
                if raw is not None:
                    if hidden:
                        raw.notes.append(hidden)
                    if progress:
                        progress(len(raw.rows))
                    yield raw
                    del raw
                    continue
            try:
                sheet = wb.get_sheet_by_name(sheet_name)
                raw = RawSheet(file=name, sheet=sheet_name, stem=sheet_name)
                if hidden:
                    raw.notes.append(hidden)
                _first_row, start_col = sheet.start or (0, 0)
                rows = safety.with_faults(_offset_rows(sheet.iter_rows(), start_col), scan.faults_for(sheet_name))
                _fill(raw, rows, progress)
                safety.fill_merged(raw, sheet.merged_cell_ranges)
            except SociusError:
                raise
            except Exception as exc:
                raise unreadable(name, scan.kind, exc, sheet_name) from None
            yield raw
            del raw
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_WHAT = {"xls": N_("an Excel 97-2003 workbook (.xls)"), "ods": N_("an OpenDocument spreadsheet (.ods)"),
         "xlsx": N_("an Excel workbook")}


def unreadable(name: str, kind: str, exc: Exception, sheet: str | None = None) -> SociusError:
    """socius' own sentence for a workbook (or sheet) calamine cannot read: what the file is
    and what to do; the parser's wording (Cfb error, Cell limit exceeded ...) is not shown."""
    text = str(exc).lower()
    place = name + (", " + _("sheet '{sheet}'").format(sheet=sheet) if sheet else "")
    if "password" in text or "encrypt" in text:
        return SociusError(_("{place}: the workbook is password-protected: remove the password (in Excel: "
                             "File > Info > Protect Workbook; in LibreOffice: File > Properties > Security) "
                             "and save it again").format(place=place))
    if "cell limit" in text:
        return SociusError(_("{place}: refused: a sheet holds more cells than socius reads (limit "
                             "{limit} cells in a sheet's used area)").format(place=place,
                                                                            limit=fmt(safety.MAX_CELLS)))
    what = _(_WHAT.get(kind, N_("a workbook")))
    if "cfb" in text or "codepage" in text:
        return SociusError(_("{place}: {what} that is damaged or uses a character set socius cannot read: "
                             "open it in Excel or LibreOffice and save it as .xlsx").format(place=place, what=what))
    return SociusError(_("{place}: {what} that socius cannot read (damaged, or written by an unusual "
                         "program): open it in Excel or LibreOffice and save it again as .xlsx").format(
        place=place, what=what))


def _offset_rows(rows: Iterator[list[Any]], start_col: int) -> Iterator[Row]:
    # calamine's iter_rows yields every row from row 1 but only the columns from the first
    # used one; pad the columns back so that letters match Excel's (tested in test_import).
    pad = [None] * start_col
    for i, cells in enumerate(rows):
        yield i + 1, (pad + list(cells)) if start_col else list(cells)


def _fill(raw: RawSheet, rows: Iterable[Row], progress: Progress | None) -> None:
    """Header = first non-empty row; fully empty rows are skipped."""
    out: list[Row] = []
    raw.rows = out
    count = 0
    for number, cells in rows:
        count += 1
        if count > safety.MAX_ROWS or len(cells) > safety.MAX_COLUMNS:
            safety.too_large(raw, count, number, len(cells))
        if progress and count % 5000 == 0:
            progress(count)
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if not raw.header_row:
            raw.header_row = number
            raw.headers = ["" if c is None else clean_header(c) for c in cells]
            continue
        out.append((number, cells))
    if progress:
        progress(count)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
