"""The fast route for big workbook sheets: fastexcel (calamine in Rust) straight to Arrow.

`read.py` reads every cell into a Python object; for a sheet of a million rows that costs
more than parsing the file. Here a big .xlsx/.xlsm sheet is parsed once by fastexcel into
Arrow columns, and the Python objects are made only where they are needed (see
`registrations.py`, which types them column by column, one Python call per distinct value).

Semantics stay those of `read.py` exactly, or the sheet goes the slow way:
- each column must hold cells of one type (fastexcel's strict mode), so no cell is coerced:
  a number stays a number, a date a date, a text a text (`012` stays text);
- the header row is the first row with a value, found in the sheet's XML by the container
  scan (`safety.py`, which streams every sheet anyway); when it is blank, numeric or holds
  duplicate names, `read.py` reads the sheet instead;
- Excel row numbers are kept for every row; fully empty rows are skipped as `_fill` does.
Any failure here (a damaged or unusual file) also falls back to `read.py`, whose messages
are the ones a user sees.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .safety import WorkbookScan
from .sheet import ArrowRows, RawSheet
from .values import clean_header

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

def arrow_without_pandas() -> None:
    """Tell pyarrow, once per process, that pandas is not there, so that it does not import it.

    pyarrow looks for pandas on its first conversion of Python objects (`pa.array`,
    `pa.scalar`), to recognise pandas objects among them; with pandas installed that import
    takes 0.2 s of every import, and socius never hands pyarrow a pandas object. pandas is made
    unimportable only for that one look (pyarrow remembers the answer for its own checks, and
    still imports pandas when asked for a conversion to pandas); already imported, it is left
    alone."""
    import sys

    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.scalar(None, pa.string())  # pyarrow's own look (its pandas shim)
        pa.array(["x"])  # and that of its C++ conversion of Python objects, made once
    finally:
        sys.meta_path.remove(finder)


class _NoPandas:
    """A module finder that says pandas cannot be imported (`arrow_without_pandas`)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


# Sheets whose XML is smaller than this are read by `read.py`: the fast route pays off on
# big sheets only. Tests lower it to compare both routes on small, tricky sheets.
MIN_BYTES = int(os.environ.get("SOCIUS_FAST_READ_MIN_BYTES", 2_000_000))
SUFFIXES = {".xlsx", ".xlsm"}


def _blank_rows(table: pa.Table) -> np.ndarray:
    """A boolean mask of the rows `_fill` would skip: every cell None or white space.

    A text cell whose first character is ASCII and not white space is surely not blank:
    Arrow finds those in C; only the other cells (a rare leading space or non-ASCII letter)
    are stripped in Python, with the very `str.strip` `_fill` uses.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = np.ones(table.num_rows, dtype=bool)
    for col in table.columns:
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            null = col.is_null().to_numpy(zero_copy_only=False)
            first = pc.utf8_slice_codeunits(col, 0, 1)
            sure = pc.fill_null(pc.is_in(first, value_set=_not_space_ascii()), False).to_numpy(zero_copy_only=False)
            col_blank = null.copy()
            maybe = np.flatnonzero(~sure & ~null)
            if len(maybe):
                values = col.take(pa.array(maybe)).to_pylist()
                col_blank[maybe] = np.array([not v.strip() for v in values], dtype=bool)
            blank &= col_blank
        else:
            blank &= col.is_null().to_numpy(zero_copy_only=False)
    return blank


@cache
def _not_space_ascii() -> pa.Array:
    import pyarrow as pa

    return pa.array([chr(i) for i in range(128) if not chr(i).isspace()], pa.string())


_NUMERIC_HEADER = re.compile(r"[\d\s.,:/+\-eE]+")
_DEDUP_SUFFIX = re.compile(r"(.*)_\d+")


def read_sheet(path: Path, reader: Any, sheet_name: str, header: int | None) -> RawSheet | None:
    """The sheet as a RawSheet with ArrowRows, or None to read it the slow way.

    `header`: the Excel number of its first row with a value, as the container scan found it."""
    import numpy as np
    import pyarrow as pa

    if not header:
        return None
    sheet = reader.load_sheet(sheet_name, header_row=header - 1, dtype_coercion="strict",
                              schema_sample_rows=None)
    infos = sheet.available_columns()
    names = [c.name for c in infos]
    if any(c.column_name_from != "looked_up" for c in infos):
        return None
    if any(not n.strip() or _NUMERIC_HEADER.fullmatch(n) for n in names):
        return None
    if any((m := _DEDUP_SUFFIX.fullmatch(n)) and m.group(1) in names for n in names):
        return None
    if len({n.strip() for n in names}) != len(names):
        return None
    table = sheet.to_arrow()
    del sheet
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    width = max(c.absolute_index for c in infos) + 1
    headers = [""] * width
    for c in infos:
        headers[c.absolute_index] = clean_header(c.name)
    table = table.rename_columns([str(c.absolute_index) for c in infos])
    keep = ~_blank_rows(table)
    numbers = np.arange(header + 1, header + 1 + table.num_rows, dtype=np.int64)[keep]
    if not keep.all():
        table = table.filter(pa.array(keep))
    raw = RawSheet(file=path.name, sheet=sheet_name, stem=sheet_name)
    raw.header_row = header
    raw.headers = headers
    raw.rows = ArrowRows(table, numbers, width)
    return raw


Opened = tuple[Any, WorkbookScan]  # (fastexcel reader, the container scan)


def open_reader(path: Path, scan: WorkbookScan) -> Opened | None:
    """(fastexcel reader, scan) when the fast route may be tried for some sheet, else None."""
    if path.suffix.lower() not in SUFFIXES or not any(size >= MIN_BYTES for _, size, _ in scan.sheets.values()):
        return None
    try:
        import fastexcel

        return fastexcel.read_excel(str(path)), scan
    except Exception:
        return None


def try_sheet(path: Path, opened: Opened | None, sheet_name: str) -> RawSheet | None:
    """The sheet read the fast way, or None (too small, unusual, or any failure)."""
    if opened is None:
        return None
    reader, scan = opened
    if sheet_name not in scan.sheets or scan.sheets[sheet_name][1] < MIN_BYTES:
        return None
    try:
        return read_sheet(path, reader, sheet_name, scan.sheets[sheet_name][2])
    except Exception:
        return None
