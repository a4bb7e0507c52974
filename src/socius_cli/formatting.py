"""Numbers for people: Flemish by default (1.440; 55%), English on request (1,440; 55%).

Babel knows the locales' separators; we round half up first (55.5 shows as 56), because
Babel, like Python, would otherwise round half to even.
"""

from __future__ import annotations

from datetime import date as _date
from decimal import ROUND_HALF_UP, Decimal

LOCALES = {"nl": "nl_BE", "en": "en_GB"}
DASH = "–"


def round_half_up(value: float | Decimal, digits: int = 0) -> Decimal:
    # Through str() so that 55.5 stays 55.5 and does not become 55.4999...
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def number(value: float | Decimal | None, lang: str = "nl", digits: int = 0) -> str:
    """A count or amount: 1.440 (nl), 1,440 (en); None is a dash. A Decimal is already rounded
    (by `change`); rounding it again changes nothing."""
    if value is None:
        return DASH
    from babel.numbers import format_decimal

    q = round_half_up(value, digits)
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(q, format=fmt, locale=LOCALES.get(lang, lang))


def amount(value: float | int | None, lang: str = "nl") -> str:
    """A quantity that may have a fraction (half-day sessions): 170, 3,5 (nl), 3.5 (en)."""
    if value is None:
        return DASH
    from babel.numbers import format_decimal

    return format_decimal(round_half_up(value, 2), format="#,##0.##", locale=LOCALES.get(lang, lang))


def percent(value: float | None, lang: str = "nl") -> str:
    """A percentage given as 0-100, rounded half up to a whole percent: 55%."""
    if value is None:
        return DASH
    return number(value, lang) + "%"


def change(value: float | int | None, lang: str = "nl", suffix: str = "") -> str:
    """A signed difference: +12, −3, 0."""
    if value is None:
        return DASH
    q = round_half_up(value)
    sign = "+" if q > 0 else ("−" if q < 0 else "")
    return sign + number(abs(q), lang) + suffix


def nps(value: float | None, lang: str = "nl") -> str:
    """A Net Promoter Score, a signed whole number: +34, −12, 0; None is a dash."""
    return change(value, lang)


def day(value: _date | None, lang: str = "nl") -> str:
    """A date in a table: 15/05/2020 (day first, in both languages); None is blank."""
    return "" if value is None else value.strftime("%d/%m/%Y")


def date(value: _date | None = None, lang: str = "nl") -> str:
    """A calendar date in words: 27 november 2025 (nl), 27 November 2025 (en).

    `value` is a `datetime.date`; None means today, or the day given by the environment
    variable SOURCE_DATE_EPOCH (seconds since 1970, as reproducible builds use).
    """
    import datetime as _dt
    import os

    from babel.dates import format_date

    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            value = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
        else:
            value = _dt.date.today()
    return format_date(value, format="long", locale=LOCALES.get(lang, lang))


# What a spreadsheet program would run as a formula when a text starts with it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text that Excel will not run as a formula: a leading = + - @ tab or CR gets a quote
    (OWASP's advice against formula injection), for every workbook and CSV socius writes."""
    return "'" + value if value.startswith(FORMULA_START) else value
