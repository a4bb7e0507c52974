"""Problems of an import: one type, each with a stable code whose wording lives in one catalogue.

A `Problem` says where (file, sheet, Excel row, column as the user headed it, and its
letter), what the cell holds (as the user would recognise it) and, by its code and
parameters, what is wrong and what was expected. The code stays the same when the wording
changes or is translated, so problems can be grouped, counted and written to a file by code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import SociusError, redact

# code -> message template (str.format with the problem's parameters). Cell problems
# (the first group) come from `ingest.values.typed`; {expected} is the field's own
# wording in `contract.py`.
CATALOGUE: dict[str, str] = {
    # one cell
    "bad-date": "expected a date: a date cell, or text as 15/05/2020, 15-05-2020, 15.05.2020 or 2020-05-15",
    "no-such-day": "expected an existing date (this day does not exist)",
    "bad-number": "expected a number",
    "bad-decimal": "expected a number (a decimal comma or point is fine: 2,5)",
    "bad-count": "expected a whole number of 0 or more",
    "bad-yes-no": "expected yes or no (ja/nee, yes/no, waar/onwaar, 1/0, x)",
    "bad-format": "expected a format: fysiek (on site), online or blended",
    "bad-target-group": "expected a target group: primair or secundair",
    "bad-status": "expected a decision: aanvaard, afgewezen or in behandeling",
    "cell-error": "expected {expected}, not {fault}",
    "blank-required": "expected {expected}; this column may not be blank",
    "half-days-not-positive": "expected a number of half-day sessions greater than 0",
    "scale-not-positive": "expected a scale greater than 0 (blank means 10)",
    "recommend-above-ten": "expected a whole number from 0 to 10 (would you recommend this activity?)",
    "bad-period": "expected a year (2020) or a span of years (2016-2020), or blank for every year",
    "period-reversed": "expected a span of years from the first to the last year ({last}-{first}?)",
    # one row
    "score-above-scale": "a score from 0 to {scale} (the scale)",
    "supported-not-accepted": "no support on a request that was not accepted "
                              "(set the decision to aanvaard, or leave this blank)",
    "too-many-cells": "this row has {cells} cells but the header has {width}; "
                      "check for a stray delimiter or an unquoted text",
    # a sheet or file
    "duplicate-column": "this column and column {other_letter} '{other_header}' are both '{field}'; keep one of them",
    "missing-column": "required column '{field}' of table {table} is missing (accepted headers: {aliases})",
    "unknown-table": "cannot tell which table this is: name the file after its table "
                     "(activiteiten, inschrijvingen, evaluaties, organisaties, vragen) "
                     "or give it the required columns of one table",
    # across rows and tables
    "duplicate-activity": "the same activity code as {first}; each may occur once",
    "duplicate-organisation": "the same organisation as {first}; each may occur once (once per period)",
    "overlapping-periods": "the period {period} of this organisation overlaps {other} of {first}; "
                           "give each row of one organisation its own years",
    "overlapping-stored-period": "the period {period} of this organisation overlaps the period {other} "
                                 "already in the store's register; give each row of one organisation its own years",
    "duplicate-request": "the same request number as {first}; each may occur once",
    "unknown-activity": "an activity code that is in the store or in this import (unknown activity)",
}


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The catalogue's wording of `code` with its parameters filled in."""
    return CATALOGUE[code].format(**(params or {}))


@dataclass(frozen=True)
class Problem:
    """One bad cell (or row, or sheet) of an import, located as Excel shows it."""

    code: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None  # the header as the user wrote it
    value: str | None  # the cell as shown to the user; None where it must not be shown
    params: tuple[tuple[str, Any], ...] = ()
    column_letter: str | None = None

    @property
    def expected(self) -> str:
        """What is wrong, or what was expected, in words."""
        return message(self.code, dict(self.params))

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None and self.column_letter:
            where.append(f"column {self.column_letter} '{self.column}'")
        elif self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": "
        if self.value is not None:
            text += f"value '{self.value}': "
        return redact(text + self.expected)


def problem(code: str, file: str, sheet: str | None, row: int | None, column: str | None = None,
            letter: str | None = None, value: str | None = None, **params: Any) -> Problem:
    """A Problem, its parameters given as keywords."""
    if code not in CATALOGUE:
        raise KeyError(f"no catalogue entry for problem code {code!r}")
    return Problem(code, file, sheet, row, column, value, tuple(sorted(params.items())), letter)


class ImportRejected(SociusError):
    """An import with problems: nothing of it was stored."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found; nothing was imported.")
