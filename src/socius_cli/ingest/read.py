"""Reading spreadsheets into raw sheets: cells as the file holds them, with Excel row numbers.

Workbooks (.xlsx, .xlsm, .ods, .xls) are read with python-calamine, a binding to the Rust
calamine parser: several times faster than openpyxl, and it reads the cells that are really
there instead of trusting the sheet's stored dimensions. CSV files are decoded and split
with the standard library after detecting encoding and delimiter as the contract says.

Nothing here knows the contract's tables: `check.py` decides what the cells mean.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import SociusError
from ..i18n import _
from . import arrow, safety
from .sheet import Progress, RawSheet, Row

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


def sniff_kind(path: Path, head: bytes) -> str:
    """What a file really is, from its first bytes rather than its name."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # a legacy .xls, or an encrypted (password-protected) workbook
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
    if kind == "text":
        # Read as CSV whatever the name says: Excel's "save as CSV" keeps .xlsx names too.
        yield read_csv(path, progress)
        return
    if kind == "binary":
        raise SociusError(_("{file}: not a spreadsheet (neither a workbook nor a CSV text file)").format(file=name))
    yield from _iter_workbook(path, kind, progress)


def _iter_workbook(path: Path, kind: str, progress: Progress | None = None) -> Iterator[RawSheet]:
    from python_calamine import CalamineWorkbook

    name = path.name
    try:
        scan = safety.inspect_workbook(path, kind)  # refuses bombs, damage, passwords first
    except SociusError:
        raise
    except Exception as exc:  # a damaged container can break zipfile in ways it does not name
        raise SociusError(_("{file}: a damaged or truncated workbook ({detail}); save it again from Excel").format(
            file=name, detail=_short(exc))) from None
    try:
        if safety.suffix_fits(path, scan.kind):
            wb = CalamineWorkbook.from_path(str(path))
        else:  # named for another format (an .xls saved as .xlsx): calamine detects it from the bytes
            wb = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise SociusError(_("{file}: cannot be read as a workbook ({detail})").format(
            file=name, detail=_short(exc))) from None
    opened = arrow.open_reader(path, scan)  # big .xlsx sheets: fastexcel to Arrow (arrow.py)
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
            future = pending.pop(sheet_name, None)
            if future is not None:
                submit_next()
                raw = future.result()
                del future
                if raw is not None:
                    if progress:
                        progress(len(raw.rows))
                    yield raw
                    del raw
                    continue
            try:
                sheet = wb.get_sheet_by_name(sheet_name)
                raw = RawSheet(file=name, sheet=sheet_name, stem=sheet_name)
                _first_row, start_col = sheet.start or (0, 0)
                rows = safety.with_faults(_offset_rows(sheet.iter_rows(), start_col), scan.faults_for(sheet_name))
                _fill(raw, rows, progress)
                safety.fill_merged(raw, sheet.merged_cell_ranges)
            except SociusError:
                raise
            except Exception as exc:
                raise SociusError(_("{place}: cannot be read ({detail})").format(
                    place=_place(name, sheet_name), detail=_short(exc))) from None
            yield raw
            del raw
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


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
            raw.headers = ["" if c is None else str(c).strip() for c in cells]
            continue
        out.append((number, cells))
    if progress:
        progress(count)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; else Windows-1252, as Excel in Belgium writes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


DELIMITERS = (";", ",", "\t")


def detect_delimiter(first_line: str) -> str:
    """The candidate that splits the header line into the most fields (`;` wins ties)."""
    best, best_n = ";", 1
    for d in DELIMITERS:
        try:
            n = len(next(csv.reader([first_line], delimiter=d)))
        except (csv.Error, StopIteration):
            continue
        if n > best_n:
            best, best_n = d, n
    return best


def read_csv(path: Path, progress: Progress | None = None) -> RawSheet:
    name = path.name
    try:
        text = decode_csv(path.read_bytes())
    except (UnicodeDecodeError, UnicodeError):
        raise SociusError(_("{file}: the text cannot be decoded (expected UTF-8, UTF-16 or Windows-1252)").format(
            file=name)) from None
    lines = text.splitlines(keepends=True)
    first = 0
    delimiter = None
    # Excel's `sep=;` hint line names the delimiter and is not data.
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter = lines[0].strip()[4]
        first = 1
    if delimiter is None:
        header_line = next((ln for ln in lines if ln.strip()), "")
        delimiter = detect_delimiter(header_line)
    raw = RawSheet(file=name, sheet=None, stem=path.stem, is_csv=True)
    reader = csv.reader(io.StringIO("".join(lines[first:])), delimiter=delimiter)

    def rows():
        start = 1
        try:
            for record in reader:
                yield start + first, [c if c != "" else None for c in record]
                start = reader.line_num + 1
        except csv.Error as exc:
            raise SociusError(_("{place}: malformed CSV ({detail})").format(
                place=_place(name, None, reader.line_num + first), detail=exc)) from None

    _fill(raw, rows(), progress)
    return raw


def _place(file: str, sheet: str | None, row: int | None = None) -> str:
    from ..problems import place

    return place(file, sheet, row)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
