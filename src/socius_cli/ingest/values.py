"""Cell values as the contract reads them: yes/no, day-first dates, decimal commas.

`typed(field, cell)` is the one rule for a cell of a column, used by every checking path
(row by row, and column by column for big registrations sheets): Excel errors, blanks,
the kind's parser, numbers that must be greater than 0. Each parser takes what a reader
returns for one cell (str, int, float, bool, date, datetime or None) and returns the
canonical value, or raises `BadValue` with a problem code (`problems.CATALOGUE`). Blank
cells never reach the parsers: `is_blank` is checked first.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ..contract import DIRECTIONS, FORMAT_WORDS, NO, STATUSES, TARGET_GROUPS, YES, Field, Kind, normalise_name
from ..i18n import _, language
from ..problems import message


class BadValue(ValueError):
    """The cell does not hold what its column expects: a problem code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message(code, params))


# Control characters other than tab, line feed and carriage return (C0 and C1, so also
# U+0085 next line) are noise from copy-paste, and so are the Unicode line and paragraph
# separators (U+2028, U+2029), which nothing types on purpose into a cell: all dropped, as
# are zero-width spaces and byte-order marks. NBSP is a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


def clean_text(value: object) -> str:
    s = str(value)
    if s.isprintable():  # no control, format or non-ASCII space character: nothing to clean
        return s.strip()
    s = _CONTROL.sub("", s).replace("\u00a0", " ").replace("\u202f", " ")
    return s.strip()


def clean_header(value: object) -> str:
    """A header cell as a name to match: every white space (line breaks, NBSP, the Unicode line
    and paragraph separators) made a space, and every other invisible character (controls and
    format characters: zero-width space, byte-order mark, word joiner, soft hyphen, direction
    marks) dropped; then trimmed. So `E-mail` followed by a zero-width space is `E-mail`."""
    s = str(value)
    if s.isascii() and s.isprintable():
        return s.strip()
    return "".join(" " if ch.isspace() else ch for ch in s
                   if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) == "")


class CellError:
    """A cell that holds no value although it is not empty: an Excel error value, or a
    formula without a stored result. Readers put one where calamine returns ''."""

    __slots__ = ("text", "reason")

    def __init__(self, text: str, reason: str):
        self.text = text  # as Excel shows it: '#DIV/0!', or the formula '=A1/B1'
        self.reason = reason

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"CellError({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CellError) and (self.text, self.reason) == (other.text, other.reason)

    def __hash__(self) -> int:
        return hash((self.text, self.reason))


# Excel's error values; a CSV export writes them as this text.
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})


def cell_fault(value: object) -> str | None:
    """Why a cell holds no usable value (an error or a formula without result), else None."""
    if isinstance(value, CellError):
        return value.reason
    if isinstance(value, str) and clean_text(value).upper() in EXCEL_ERRORS:
        return f"an Excel error value ({clean_text(value).upper()})"
    return None


def shown(value: object) -> str:
    """A cell as a user would recognise it in an error message: as the spreadsheet program shows
    it in the user's language (WAAR, 2,5 in Dutch; TRUE, 2.5 in English). Line breaks are kept;
    `problems.visible` shows them when the message is printed."""
    if isinstance(value, bool):
        return _("TRUE") if value else _("FALSE")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value) and language() == "nl":
        return repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(value)


def parse_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        # A code typed as 12 in Excel arrives as 12.0; the user meant "12".
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return shown(value)
    return clean_text(value)


_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
)
# An Excel date cell read back as text by a columnar reader ("2020-05-15 00:00:00").
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = clean_text(value)
        m = _ISO_DATETIME.fullmatch(s)
        if m:
            s = m.group(1)
        for pattern in _DATE_PATTERNS:
            m = pattern.fullmatch(s)
            if m:
                try:
                    return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
                except ValueError:
                    raise BadValue("no-such-day") from None
    raise BadValue("bad-date")


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_number(value: object) -> float:
    if isinstance(value, bool):
        raise BadValue("bad-number")
    if isinstance(value, (int, float)):
        f = float(value)
    elif isinstance(value, str):
        s = clean_text(value).replace(" ", "")
        if not _NUMBER.fullmatch(s):
            raise BadValue("bad-decimal")
        f = float(s.replace(",", "."))
    else:
        raise BadValue("bad-number")
    if not math.isfinite(f):
        raise BadValue("bad-number")
    return f


def parse_count(value: object) -> int:
    f = parse_number(value)
    if not f.is_integer() or f < 0:
        raise BadValue("bad-count")
    return int(f)


def parse_yesno(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise BadValue("bad-yes-no")
    key = normalise_name(clean_text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise BadValue("bad-yes-no")


def _lookup(table: dict[str, str], code: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        key = normalise_name(clean_text(value)) if not isinstance(value, (int, float)) else ""
        if isinstance(value, str) and key in table:
            return table[key]
        raise BadValue(code)

    return parse


parse_format = _lookup(FORMAT_WORDS, "bad-format")
parse_target_group = _lookup(TARGET_GROUPS, "bad-target-group")
_parse_status = _lookup(STATUSES, "bad-status")


def parse_status(value: object) -> str:
    if isinstance(value, bool):
        return "accepted" if value else "declined"
    return _parse_status(value)


_PERIOD = re.compile(r"(\d{4})(?:\s*-\s*(\d{4}))?")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


def parse_period(value: object) -> tuple[int, int]:
    """A year (2020) or a span of years (2016-2020; an en dash and spaces around it are the
    same), as (first year, last year)."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise BadValue("bad-period")
    if isinstance(value, (int, float)):
        if not float(value).is_integer() or not 1000 <= value <= 9999:
            raise BadValue("bad-period")
        return int(value), int(value)
    m = _PERIOD.fullmatch(clean_text(value).translate(_DASHES))
    if not m:
        raise BadValue("bad-period")
    first, last = int(m[1]), int(m[2] or m[1])
    if first > last:
        raise BadValue("period-reversed", first=first, last=last)
    return first, last


def parse_indicator(value: object) -> str:
    """A target's indicator: a key of `figures.targets.INDICATORS` (persons_reached) or its
    label as socius shows it in Dutch or English (Personen bereikt, Persons reached); case,
    accents and spacing free."""
    from ..names import indicator_words

    key = indicator_words().get(normalise_name(clean_text(value))) if isinstance(value, str) else None
    if key is None:
        raise BadValue("unknown-indicator")
    return key


# A number with the Flemish thousands separator, 1.400 or 1.250.000,5: no target is 1,4 persons
# (a lone point, 2.5, and a leading 0, 0.755, stay decimals).
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d*)?")


def parse_target(value: object) -> float:
    """A target's number: 55, 55,0, 55% (percent points), +20 (an nps), 1.400 (thousands)."""
    if isinstance(value, str):
        value = clean_text(value).removesuffix("%").rstrip()
        if _THOUSANDS.fullmatch(value.replace(" ", "")):
            value = value.replace(".", "")
    try:
        return parse_number(value)
    except BadValue:
        raise BadValue("bad-target") from None


parse_direction = _lookup(DIRECTIONS, "bad-direction")


PARSERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.TEXT: parse_text,
    Kind.DATE: parse_date,
    Kind.NUMBER: parse_number,
    Kind.COUNT: parse_count,
    Kind.YESNO: parse_yesno,
    Kind.FORMAT: parse_format,
    Kind.TARGET_GROUP: parse_target_group,
    Kind.STATUS: parse_status,
    Kind.PERIOD: parse_period,
    Kind.INDICATOR: parse_indicator,
    Kind.TARGET: parse_target,
    Kind.DIRECTION: parse_direction,
}


# Numbers that must be greater than 0, checked per cell so that a row shows all its problems.
POSITIVE = {"half_days": "half-days-not-positive", "scale": "scale-not-positive"}
# Whole numbers with an upper bound: the recommendation question is answered from 0 to 10.
AT_MOST = {"recommend": (10, "recommend-above-ten")}


def typed(f: Field, value: object) -> Any:
    """The value of one cell of field `f`, as the contract reads it; BadValue when it does not fit.

    A function of the cell alone, so callers may type each distinct cell of a column once.
    """
    fault = cell_fault(value)
    if fault:
        raise BadValue("cell-error", expected=f.expected, fault=fault)
    if is_blank(value):
        if f.kind is Kind.STATUS:
            return "pending"
        if f.required:
            raise BadValue("blank-required", expected=f.expected)
        return None
    if f.words and isinstance(value, str):  # the user's own words (socius.toml [values.LIST])
        hit = _word_map(f.words).get(normalise_name(clean_text(value)), _MISSING)
        if hit is not _MISSING:
            return hit
    try:
        parsed = PARSERS[f.kind](value)
    except BadValue as exc:
        if exc.code == "bad-period" and f.required:  # a target's period: never blank
            exc.code = "bad-required-period"
        if isinstance(value, str) and f.kind in _CLOSED:
            from ..names import close_word

            exc.params["suggestion"] = close_word(normalise_name(clean_text(value)), f)
        raise
    if f.name in POSITIVE and parsed <= 0:
        raise BadValue(POSITIVE[f.name])
    if f.name in AT_MOST and parsed > AT_MOST[f.name][0]:
        raise BadValue(AT_MOST[f.name][1])
    return parsed


_MISSING = object()
_CLOSED = (Kind.YESNO, Kind.FORMAT, Kind.TARGET_GROUP, Kind.STATUS, Kind.DIRECTION, Kind.INDICATOR)


@functools.cache
def _word_map(words: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return dict(words)


def identity_key(participant: str) -> str:
    """The form in which two spellings of one person's e-mail address are equal.

    Case, white space anywhere and Unicode form do not make another person.
    """
    s = participant if participant.isascii() else unicodedata.normalize("NFKC", participant)
    s = s.casefold()
    if s.isprintable():  # the only printable white space is " " (checked over all code points)
        return s.replace(" ", "")
    return _SPACES.sub("", s)


_SPACES = re.compile(r"\s+")
