"""CSV files, streamed into Arrow columns: bounded memory, and the cells of today's reader.

The file is decoded while it is read (UTF-8 with or without a byte-order mark, UTF-16 with
one, else Windows-1252 as Excel in Belgium writes it) and cut into lines at `\\r\\n`, `\\n` or
a lone `\\r` (what "CSV (Macintosh)" saves), so Mac and mixed line endings are ordinary
lines. The standard `csv` module splits the lines into cells, with Excel's quoting: a quoted
delimiter, quote or line break stays inside its cell. Every cell stays text ('' is None), a
short row gets blanks, a fully empty row is skipped, and every row keeps the number Excel
shows it with (the line it starts on). An Excel `sep=;` first line (any one character,
a tab too) names the delimiter and is not data; otherwise the header line decides.

What is held at once: one batch of BATCH rows as Python lists, and the Arrow string columns
of the rows before it; never the whole text. Oversize input is refused as it streams in: a
line longer than MAX_LINE characters at once, more than `safety.MAX_ROWS` rows or more than
`safety.MAX_COLUMNS` cells in a row as soon as that row is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import SociusError
from ..i18n import _
from ..i18n import number as fmt
from . import safety
from .arrow import _blank_rows, arrow_without_pandas
from .sheet import ArrowRows, Progress, RawSheet
from .values import clean_header, is_blank

BATCH = 65_536  # rows gathered as Python lists before they become Arrow columns
MAX_LINE = 4 * 1024 * 1024  # characters in one line of the file: 1,000 columns of 4,000 characters
MAX_CELL = csv.field_size_limit()  # characters in one cell (131,072: Excel's own limit is 32,767)
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


def sep_line(line: str) -> str | None:
    """The delimiter an Excel `sep=;` hint line names, or None when `line` is no such line.

    Only the line ending (and a stray byte-order mark before it) is taken off: the delimiter
    may be a tab. Excel pads the line with delimiters when a file holding one is saved again
    (`sep=;;;;`); that is still the hint."""
    text = line.rstrip("\r\n").lstrip("\ufeff")
    if len(text) < 5 or text[:4].lower() != "sep=":
        return None
    delimiter = text[4]
    if delimiter in "\r\n\"" or text[5:].strip(delimiter):
        return None
    return delimiter


def read_csv(path: Path, progress: Progress | None = None) -> RawSheet:
    """The one table of a CSV file, as a RawSheet whose rows are Arrow columns."""
    name = path.name
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"]  # cp1252 decodes any bytes ('replace' for its 5 holes)
    for encoding in encodings:
        try:
            return _read(path, encoding, progress)
        except UnicodeError:
            continue
    raise SociusError(_("{file}: the text cannot be decoded (expected UTF-8, UTF-16 or Windows-1252)").format(
        file=name))


def _long_line(path: Path, encoding: str) -> int | None:
    """The number of the first line longer than MAX_LINE characters, or None.

    The raw bytes are searched first, a megabyte at a time at C speed: no run of more than
    MAX_LINE bytes without a line break means no line of more than MAX_LINE characters; only
    a file with such a run is read line by line to find the line."""
    with path.open("rb") as fh:
        run = 0  # bytes since the last line break
        while chunk := fh.read(1024 * 1024):
            last = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            if last < 0:
                run += len(chunk)
                if run > MAX_LINE:
                    break
            else:
                if run + chunk.find(b"\n" if b"\n" in chunk else b"\r") > MAX_LINE:
                    break  # (a long line ending in this chunk; a long line inside one chunk is
                run = len(chunk) - last - 1  # at most a megabyte, which is no danger)
        else:
            return None
    errors = "replace" if encoding == "cp1252" else "strict"
    with path.open("rb") as fh, io.TextIOWrapper(fh, encoding=encoding, errors=errors, newline="") as text:
        number = 0
        while line := text.readline(MAX_LINE):
            number += 1
            if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
                return number
    return None


def _read(path: Path, encoding: str, progress: Progress | None) -> RawSheet:
    name = path.name
    raw = RawSheet(file=name, sheet=None, stem=path.stem, is_csv=True)
    long = _long_line(path, encoding)
    if long is not None:
        raise SociusError(_("{file}, row {row}: refused: a line of more than {limit} characters; "
                            "a CSV file of registrations has short lines (is this a CSV file?)").format(
            file=name, row=long, limit=fmt(MAX_LINE)))
    errors = "replace" if encoding == "cp1252" else "strict"
    with path.open("rb") as fh, io.TextIOWrapper(fh, encoding=encoding, errors=errors, newline="") as text:
        ahead: list[str] = []  # lines read to find the delimiter, parsed again below
        first = 0
        line = text.readline()
        delimiter = sep_line(line)
        if delimiter is not None:
            first = 1
        else:
            ahead.append(line)
            while line and not line.strip():
                line = text.readline()
                ahead.append(line)
            delimiter = detect_delimiter(line)
        reader = csv.reader(itertools.chain(ahead, text), delimiter=delimiter)
        del ahead
        _fill(raw, reader, first, progress)
    return raw


def _fill(raw: RawSheet, reader: Any, first: int, progress: Progress | None) -> None:
    """`read._fill` for CSV records, into Arrow batches: header = first non-empty row; fully
    empty rows skipped; a row's number is the line it starts on (after a `sep=` line)."""
    max_rows, max_columns = safety.MAX_ROWS, safety.MAX_COLUMNS
    count = 0
    start = 1  # the line the next record starts on, counted without a sep= line
    try:
        for record in reader:  # up to the header, record by record
            number = start + first
            start = reader.line_num + 1
            count += 1
            if count > max_rows or len(record) > max_columns:
                safety.too_large(raw, count, number, len(record))
            if "".join(record).strip():
                raw.header_row = number
                raw.headers = [clean_header(c) for c in record]
                break
        else:
            raw.rows = ArrowRows(_columns([], 0), np.zeros(0, dtype=np.int64), 0)
            return
        width = len(raw.headers)
        parts: list[pa.Table] = []
        numbers: list[np.ndarray] = []
        too_wide: dict[int, int] = {}
        kept = 0
        while batch := list(itertools.islice(reader, BATCH)):
            lines = reader.line_num + 1 - start
            if lines == len(batch):  # one line per record: the usual case
                nums = np.arange(start + first, start + first + len(batch), dtype=np.int64)
            else:  # quoted line breaks: each record starts after the breaks inside the one before
                nums = np.empty(len(batch), dtype=np.int64)
                at = start
                for i, record in enumerate(batch):
                    nums[i] = at + first
                    at += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in record)
            start = reader.line_num + 1
            widths = list(map(len, batch))
            if count + len(batch) > max_rows:
                safety.too_large(raw, max_rows + 1, int(nums[max_rows - count]), 0)
            count += len(batch)
            wide: dict[int, int] = {}
            if max(widths) != width or min(widths) != width:
                for i, n in enumerate(widths):
                    if n > max_columns:
                        safety.too_large(raw, 0, int(nums[i]), n)
                    if n > width:
                        record = batch[i]
                        if any(not is_blank(c) for c in record[width:]):
                            wide[i] = n
                        batch[i] = record[:width]
                    elif n < width:
                        batch[i] = batch[i] + [""] * (width - n)
            table = _columns(batch, width)
            del batch
            keep = ~_blank_rows(table)
            if wide:
                keep[list(wide)] = True  # a filled cell past the header: not blank, one problem
            positions = np.flatnonzero(keep)
            for i, n in wide.items():
                too_wide[kept + int(np.searchsorted(positions, i))] = n
            if not keep.all():
                table = table.filter(pa.array(keep))
                nums = nums[keep]
            kept += table.num_rows
            parts.append(table)
            numbers.append(nums)
            if progress:
                progress(count)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise SociusError(_("{file}, row {row}: refused: a cell of more than {limit} characters from here "
                                "on; probably a quote (\") that is never closed: check that row").format(
                file=raw.file, row=start + first, limit=fmt(MAX_CELL))) from None
        raise SociusError(_("{file}, row {row}: this line cannot be split into cells (a stray quote?); "
                            "open the file in Excel or LibreOffice and save it again as CSV").format(
            file=raw.file, row=reader.line_num + first)) from None
    table = pa.concat_tables(parts) if parts else _columns([], width)
    raw.rows = ArrowRows(table, np.concatenate(numbers) if numbers else np.zeros(0, dtype=np.int64),
                         width, too_wide)
    if progress:
        progress(count)


arrow_without_pandas()  # before the first conversion below
_NULL = pa.scalar(None, pa.string())


def _columns(rows: list[list[str]], width: int) -> pa.Table:
    """One batch of equally long rows as Arrow string columns "0", "1", ...; '' is null.

    A column's cells are joined by one separator and split again by Arrow, which is several
    times faster than converting each Python string; a column whose cells hold the separator
    itself (it is a control character) is converted cell by cell."""
    cols = list(zip(*rows, strict=True)) if rows else [()] * width
    data = {}
    for i, col in enumerate(cols):
        arr = None
        if col:
            split = pc.split_pattern(pa.array([_SEP.join(col)], pa.string()), _SEP).flatten()
            if len(split) == len(col):
                arr = split
        if arr is None:
            arr = pa.array(col, pa.string())
        if len(arr):
            arr = pc.if_else(pc.equal(arr, ""), _NULL, arr)
        data[str(i)] = arr
    return pa.table(data) if data else pa.table({})


_SEP = "\x1f"  # the unit separator: never in a cell that is not already noise
