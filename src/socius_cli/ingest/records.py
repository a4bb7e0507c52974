"""Checked records: what `check.py` makes of the raw sheets of one import, ready to store.

Registrations, nearly all of a big import, have one shape: an Arrow table with the columns
`COLUMNS` (and `_src`, `_row`: where each row came from; `PERSON`: the participant's
number), made by `registrations.py`; the other tables are lists of dicts keyed by field
name, with `_where` (file, sheet, row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..contract import TABLES
from ..problems import Problem, problem

if TYPE_CHECKING:  # importing this module needs no pyarrow: the store reads COLUMNS
    import pyarrow as pa

COLUMNS = ("activity", "participant", "organisation", "org_key", "target_group", "attended")
# Beside COLUMNS and the provenance: each row's participant as a number (int32), equal
# numbers for equal hashes, 0 to the number of distinct participants of the import - 1
# (`registrations.combine`); distinct persons are counted on it (`figures.indicators`).
PERSON = "_person"


@cache
def arrow_schema() -> pa.Schema:
    """The Arrow schema of checked registrations, the columns COLUMNS."""
    import pyarrow as pa

    return pa.schema([("activity", pa.string()), ("participant", pa.string()),
                      ("organisation", pa.string()), ("org_key", pa.string()),
                      ("target_group", pa.string()), ("attended", pa.bool_())])

# Where a record came from: (file, sheet, row).
Where = tuple[str, "str | None", int]


@dataclass
class Batch:
    """Everything one `socius import` brings, checked and typed, keyed by table name."""

    # activities, evaluations, organisations, requests: one dict per row, keyed by field name
    records: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t.name: [] for t in TABLES if t.name != "registrations"})
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the notices of sheets skipped as no table
    sheets: list[tuple[str, str | None, str, int]] = field(default_factory=list)  # file, sheet, table, rows
    # codes of activity rows refused for a bad cell: already reported once, with their row
    rejected_codes: set[str] = field(default_factory=set)
    # (file, sheet, row) of each refused activity row -> its code; and the activities sheets
    # refused as a whole (a missing column), with the codes they hold (None: unreadable)
    rejected_rows: dict[Where, str] = field(default_factory=dict)
    refused_sheets: list[tuple[str, str | None, set[str] | None]] = field(default_factory=list)
    # (file, sheet) -> field name -> (header as written, column letter), to locate cross-row problems
    columns: dict[tuple[str, str | None], dict[str, tuple[str, str]]] = field(default_factory=dict)
    # Registrations typed per sheet (registrations.py), then merged by `combine` into
    # `registrations`, with the (file, sheet) of every row's `_src` index in `frame_sources`.
    frames: list[pa.Table] = field(default_factory=list)
    frame_sources: list[tuple[str, str | None]] = field(default_factory=list)
    registrations: pa.Table = field(default_factory=lambda: arrow_schema().empty_table())

    def problem(self, rec: dict[str, Any], field_name: str, value: str | None, code: str,
                suggestion: str | None = None, table: str | None = None, **params: Any) -> Problem:
        """A problem in the column of `field_name` (of `table`) of the row that `rec` came from."""
        file, sheet, row = rec["_where"]
        header, letter = self.columns.get((file, sheet), {}).get(field_name, (field_name, None))
        return problem(code, file, sheet, row, header, letter, value, suggestion,
                       field_of=(table, field_name) if table else None, **params)

    def where(self, rec: dict[str, Any]) -> str:
        from ..problems import place

        return place(*rec["_where"])


