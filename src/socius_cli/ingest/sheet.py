"""A raw sheet: one table-shaped sheet (or CSV file) as read, before any meaning is given to it.

Readers (`read.py`, `arrow.py`) make them; `check.py` decides what their cells mean. The
data rows are either Python lists (small sheets, CSV) or Arrow columns (big sheets read by
fastexcel, `arrow.py`); both iterate as (Excel row number, cells).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# A progress callback: (rows read so far in this sheet) -> None.
Progress = Callable[[int], None]
Row = tuple[int, list[Any]]  # (Excel row number, cells)
BATCH = 65_536


class ArrowRows:
    """The data rows of a sheet as Arrow columns; iterates like `RawSheet.rows`.

    `table` holds the non-empty rows after the header, one column per header position
    (named by its index, absent where the sheet has no column); `numbers` their Excel rows.
    `too_wide`: for a CSV file, the rows (by index into `table`) with more filled cells than
    the header, and their number of cells; the cells past the header are not kept.
    """

    def __init__(self, table: pa.Table, numbers: np.ndarray, width: int,
                 too_wide: dict[int, int] | None = None):
        self.table = table
        self.numbers = numbers
        self.width = width
        self.too_wide = too_wide or {}

    def __len__(self) -> int:
        return self.table.num_rows

    def __bool__(self) -> bool:
        return self.table.num_rows > 0

    def column(self, index: int) -> pa.ChunkedArray | None:
        name = str(index)
        return self.table.column(name) if name in self.table.column_names else None

    def __iter__(self) -> Iterator[Row]:
        names = set(self.table.column_names)
        numbers = self.numbers
        for start in range(0, self.table.num_rows, BATCH):
            part = self.table.slice(start, BATCH)
            size = part.num_rows
            cols = [part.column(str(i)).to_pylist() if str(i) in names else [None] * size
                    for i in range(self.width)]
            for j, cells in enumerate(zip(*cols, strict=True)):
                yield int(numbers[start + j]), list(cells)


@dataclass
class RawSheet:
    """One table-shaped sheet (or CSV file) as read, before any meaning is given to it."""

    file: str  # the file's name as the user gave it, for messages
    sheet: str | None  # None for a CSV file
    stem: str  # the name that says which table this is: sheet name, or CSV file stem
    header_row: int = 0  # Excel row number of the header, 0 when the sheet is empty
    headers: list[str] = field(default_factory=list)
    rows: list[Row] | ArrowRows = field(default_factory=list)
    is_csv: bool = False
    notes: list[str] = field(default_factory=list)  # said once for this sheet (a hidden sheet ...)
    skipped: str = ""  # why this sheet is not read at all (an Excel 4 macro sheet ...), else ''


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
