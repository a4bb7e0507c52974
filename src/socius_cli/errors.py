"""One error hierarchy for the core; only the CLI prints them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[^\s@'\"<>;,]+@[^\s@'\"<>;,]+")


def redact(text: str) -> str:
    """Messages never show an e-mail address, wherever it was typed (a misplaced column)."""
    return _EMAIL.sub("(an e-mail address)", text)


class SociusError(Exception):
    """A problem the user can act on; its message is one line, shown as is."""

    exit_code = 1


class UsageError(SociusError):
    """Wrong usage (exit status 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One bad cell (or row, or sheet) of an import, located as Excel shows it."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    expected: str
    column_letter: str | None = None

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


class ImportRejected(SociusError):
    """An import with problems: nothing of it was stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        n = len(problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} found; nothing was imported.")
