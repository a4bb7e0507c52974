"""Problems of an import: one type, each with a stable code whose wording lives in one catalogue.

A `Problem` says where (file, sheet, Excel row, column as the user headed it, and its
letter), what the cell holds (as the user would recognise it) and, by its code and
parameters, what is wrong and what was expected. The code stays the same when the wording
changes or is translated, so problems can be grouped, counted and written to a file by code.

The catalogue's wordings are English msgids, translated when a problem is shown (`i18n`).
Parameters that name things are translated with them: `table` and `field` become the
table's and the column's name in the user's language (`names.py`), `expected` (the field's
own wording in `contract.py`) and `fault` are msgids too, and `first` (the first row of a
duplicate) is a place (file, sheet, row).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import SociusError, redact
from .i18n import N_, _, ngettext

# code -> message template (str.format with the problem's parameters). Cell problems
# (the first group) come from `ingest.values.typed`; {expected} is the field's own
# wording in `contract.py`.
CATALOGUE: dict[str, str] = {
    # one cell
    "bad-date": N_("expected a date: a date cell, or text as 15/05/2020, 15-05-2020, 15.05.2020 or 2020-05-15"),
    "no-such-day": N_("expected an existing date (this day does not exist)"),
    "bad-number": N_("expected a number"),
    "bad-decimal": N_("expected a number (a decimal comma or point is fine: 2,5)"),
    "bad-count": N_("expected a whole number of 0 or more"),
    "bad-yes-no": N_("expected yes or no (ja/nee, yes/no, waar/onwaar, 1/0, x)"),
    "bad-format": N_("expected a format: fysiek (on site), online or blended"),
    "bad-target-group": N_("expected a target group: primair or secundair"),
    "bad-status": N_("expected a decision: aanvaard, afgewezen or in behandeling"),
    "cell-error": N_("expected {expected}, not {fault}"),
    "blank-required": N_("expected {expected}; this column may not be blank"),
    "half-days-not-positive": N_("expected a number of half-day sessions greater than 0"),
    "scale-not-positive": N_("expected a scale greater than 0 (blank means 10)"),
    "recommend-above-ten": N_("expected a whole number from 0 to 10 (would you recommend this activity?)"),
    "bad-period": N_("expected a year (2020) or a span of years (2016-2020), or blank for every year"),
    "period-reversed": N_("expected a span of years from the first to the last year ({last}-{first}?)"),
    "bad-required-period": N_("expected a year (2020) or a span of years (2016-2020)"),
    "unknown-indicator": N_("expected an indicator socius knows: its name as the tables show it "
                            "(Personen bereikt, Gemiddelde tevredenheid, ...) or its key (persons_reached)"),
    "bad-target": N_("expected a number (for a percentage in percent points: 55 or 55%)"),
    "bad-direction": N_("expected a direction: minstens or hoogstens (blank means minstens)"),
    # one row
    "score-above-scale": N_("a score from 0 to {scale} (the scale)"),
    "supported-not-accepted": N_("no support on a request that was not accepted "
                                 "(set the decision to aanvaard, or leave this blank)"),
    "target-negative": N_("expected a target of 0 or more"),
    "target-above-100": N_("expected a percentage from 0 to 100 (in percent points: 55 for 55%)"),
    "nps-target-range": N_("expected an NPS from -100 to +100"),
    "too-many-cells": N_("this row has {cells} cells but the header has {width}; "
                         "check for a stray delimiter or an unquoted text"),
    # a sheet or file
    "duplicate-column": N_("this column and column {other_letter} '{other_header}' are both {field}; "
                           "keep one of them"),
    "missing-column": N_("the column {field} is missing (accepted headers: {aliases})"),
    "unknown-table": N_("cannot tell which table this is: name the file after its table "
                        "(activiteiten, inschrijvingen, evaluaties, organisaties, vragen, streefcijfers) "
                        "or give it the required columns of one table"),
    # across rows and tables
    "duplicate-activity": N_("the same activity code as {first}; each may occur once"),
    "duplicate-organisation": N_("the same organisation as {first}; each may occur once (once per period)"),
    "overlapping-periods": N_("the period {period} of this organisation overlaps {other} of {first}; "
                              "give each row of one organisation its own years"),
    "overlapping-stored-period": N_("the period {period} of this organisation overlaps the period {other} "
                                    "already in the store's register; give each row of one organisation its own years"),
    "duplicate-request": N_("the same request number as {first}; each may occur once"),
    "duplicate-target": N_("the same indicator and period as {first}; give each indicator one target per period"),
    "unknown-activity": N_("an activity code that is in the store or in this import (unknown activity)"),
}

# Why a cell holds no value (`ingest.values.cell_fault`, `ingest.safety`), as msgids.
_FAULTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"an Excel error value \((?P<error>.*)\)\Z"), N_("an Excel error value ({error})")),
    (re.compile(r"a formula without a stored result.*\Z"),
     N_("a formula without a stored result (open the file in Excel and save it, or paste the values)")),
)


def place(file: str, sheet: str | None = None, row: int | None = None) -> str:
    """Where, in the user's words: `data.xlsx, sheet 'Activiteiten', row 12`."""
    text = file
    if sheet is not None:
        text += ", " + _("sheet '{sheet}'").format(sheet=sheet)
    if row is not None:
        text += ", " + _("row {row}").format(row=row)
    return text


def visible(value: str) -> str:
    """A cell's text on one line: each line break shown as ↵."""
    return "↵".join(value.splitlines()) if "\n" in value or "\r" in value or not value.isprintable() else value


def fault_text(fault: str) -> str:
    for pattern, msgid in _FAULTS:
        m = pattern.match(fault)
        if m:
            return _(msgid).format(**m.groupdict())
    return fault


def _words(params: Mapping[str, Any]) -> dict[str, Any]:
    """A problem's parameters as its message shows them, in the active language."""
    from .names import field_label, table_label

    words = dict(params)
    if "expected" in words:
        words["expected"] = _(words["expected"])
    if "fault" in words:
        words["fault"] = fault_text(words["fault"])
    if "field" in words and "table" in words:
        words["field"] = field_label(words["table"], words["field"])
    if "table" in words:
        words["table"] = table_label(words["table"])
    if isinstance(words.get("first"), tuple):
        words["first"] = place(*words["first"])
    return words


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The catalogue's wording of `code` with its parameters filled in, in the active language."""
    return _(CATALOGUE[code]).format(**_words(params or {}))


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
    suggestion: str | None = None  # "did you mean": an accepted header, word or code close to it
    # What this problem leaves unchecked, said once with it: (what, how many), e.g.
    # (("rows", 50), ("registrations", 4170)); see `ingest.check`.
    unchecked: tuple[tuple[str, int], ...] = ()
    field_of: tuple[str, str] | None = None  # (table, field) of the column, to name it in the user's language

    @property
    def expected(self) -> str:
        """What is wrong, or what was expected, in words."""
        return message(self.code, dict(self.params))

    def where(self) -> str:
        text = place(self.file, self.sheet, self.row)
        column = column_text(self)
        return text + ", " + column if column else text

    def __str__(self) -> str:
        text = self.where() + ": "
        if self.value is not None:
            text += _("value '{value}': {expected}").format(value=visible(self.value), expected=self.expected)
        else:
            text += self.expected
        if self.suggestion:
            text = sentences(text, did_you_mean(self.suggestion))
        if self.unchecked:
            text = sentences(text, unchecked_text(self.unchecked))
        return redact(text)


def sentences(first: str, then: str) -> str:
    """Two sentences: a full stop after the first unless it has one (catalogue texts have none)."""
    return first + (" " if first.rstrip()[-1:] in (".", "?", "!") else ". ") + then


def column_text(p: Problem) -> str:
    """"column C 'Datum'": the letter and the user's header; and the column's own name when the
    header is one socius does not know by itself (a name from socius.toml: 'Status' (Aanwezig))."""
    if p.column is None:
        return ""
    if p.column_letter:
        text = _("column {letter} '{header}'").format(letter=p.column_letter, header=p.column)
    else:
        text = _("column '{header}'").format(header=p.column)
    if p.field_of is not None:
        from .contract import TABLES, normalise_name
        from .names import field_label

        table = next((t for t in TABLES if t.name == p.field_of[0]), None)
        f = next((f for f in table.fields if f.name == p.field_of[1]), None) if table else None
        if f is not None and normalise_name(p.column) not in {normalise_name(a) for a in f.aliases}:
            text += f" ({field_label(*p.field_of)})"
    return text


def allowed_text(p: Problem) -> str | None:
    """What a cell may hold, in full, where the message can only give examples (the
    --problems file says it): every indicator a target may name."""
    if p.code != "unknown-indicator":
        return None
    from .figures.targets import INDICATORS
    from .i18n import language
    from .labels import TARGET_ROW, catalogue

    labels = catalogue(language())
    return _("Allowed: {names}.").format(names=", ".join(labels[TARGET_ROW[k]] for k in INDICATORS))


def did_you_mean(suggestion: str) -> str:
    return _("Did you mean '{suggestion}'?").format(suggestion=suggestion)


def unchecked_text(unchecked: tuple[tuple[str, int], ...]) -> str:
    """"So 50 rows of this sheet and 4.170 registrations were not checked." """
    from .i18n import join, number

    parts = []
    for what, n in unchecked:
        if what == "rows":
            parts.append(ngettext("{n} row of this sheet", "{n} rows of this sheet", n).format(n=number(n)))
        elif what == "registrations":
            parts.append(ngettext("{n} registration", "{n} registrations", n).format(n=number(n)))
        elif what == "evaluations":
            parts.append(ngettext("{n} evaluation", "{n} evaluations", n).format(n=number(n)))
    if not parts:
        return ""
    total = sum(n for _what, n in unchecked)
    return ngettext("So {items} was not checked.", "So {items} were not checked.", total).format(items=join(parts))


def problem(code: str, file: str, sheet: str | None, row: int | None, column: str | None = None,
            letter: str | None = None, value: str | None = None, suggestion: str | None = None,
            field_of: tuple[str, str] | None = None, **params: Any) -> Problem:
    """A Problem, its parameters given as keywords; `field_of` is (table, field) of its column."""
    if code not in CATALOGUE:
        raise KeyError(f"no catalogue entry for problem code {code!r}")
    return Problem(code, file, sheet, row, column, value, tuple(sorted(params.items())), letter, suggestion,
                   field_of=field_of)


class ImportRejected(SociusError):
    """An import with problems: nothing of it was stored."""

    def __init__(self, problems: list[Problem], notices: list[str] | None = None) -> None:
        from .i18n import number

        self.problems = problems
        self.notices = notices or []  # what was skipped or ignored, shown with the problems
        n = len(problems)
        super().__init__(ngettext("{n} problem found; nothing was imported.",
                                  "{n} problems found; nothing was imported.", n).format(n=number(n)))
