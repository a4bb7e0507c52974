"""The rows behind the figures as workbook sheets: `socius explain --format xlsx`, and the
annex sheets of `socius report --format xlsx` (one per section).

Dates are date cells, counts and amounts numbers, percentages fractions with `0%`, the NPS
a signed whole number, as in the report's own workbook (`xlsx.py`); the sheet ends with the
sum line. Text Excel would run as a formula is neutralised.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socius_cli.errors import SociusError
from socius_cli.explanations import cell_text, kind, sum_line, title
from socius_cli.formatting import spreadsheet_safe
from socius_cli.i18n import _
from socius_cli.labels import catalogue

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from socius_cli.figures.explain import Explanation

NUMBER_FORMATS = {"count": "#,##0", "amount": "#,##0.##", "percent": "0%", "nps": "+0;-0;0", "date": "DD/MM/YYYY"}


def _value(column: str, value: Any, lang: str) -> Any:
    k = kind(column)
    if k == "date":
        return value if isinstance(value, dt.date) else None
    if k in ("count", "amount", "nps"):
        return value
    if k == "percent":
        return None if value is None else value / 100.0
    return spreadsheet_safe(cell_text(column, value, lang))


def write_sheet(ws: Worksheet, ex: Explanation, lang: str, heading: str | None = None, start: int = 1) -> int:
    """Write the explanation into `ws` from row `start`; return the next free row."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    L = catalogue(lang)
    bold = Font(bold=True)
    ws.cell(row=start, column=1, value=spreadsheet_safe(heading or title(ex, lang))).font = Font(bold=True, size=13)
    r = start + 2
    widths = {}
    for c, col in enumerate(ex.columns, start=1):
        cell = ws.cell(row=r, column=c, value=L[f"ex_col_{col}"])
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DCE6F0")
        widths[c] = len(str(cell.value))
    for row in ex.rows:
        r += 1
        for c, col in enumerate(ex.columns, start=1):
            v = _value(col, row.get(col), lang)
            cell = ws.cell(row=r, column=c, value=v)
            if kind(col) in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[kind(col)]
            else:
                cell.data_type = "s"
            widths[c] = max(widths[c], len(cell_text(col, row.get(col), lang)))
    r += 2
    ws.cell(row=r, column=1, value=spreadsheet_safe(sum_line(ex, lang))).font = Font(italic=True)
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 8), 50)
    return r + 2


def write_explanation(ex: Explanation, output: Path, lang: str = "nl") -> None:
    """`socius explain --format xlsx`: one sheet with the rows and the sum line."""
    from openpyxl import Workbook

    from socius_cli.explanations import indicator_label

    wb = Workbook()
    ws = wb.active
    ws.title = spreadsheet_safe(f"{indicator_label(ex.indicator, lang)} {ex.year}")[:31].replace("/", " ")
    write_sheet(ws, ex, lang)
    ws.freeze_panes = "A4"
    wb.properties.creator = "socius"
    try:
        wb.save(output)
    except OSError as e:
        raise SociusError(_("cannot write {file} ({reason})").format(file=output, reason=e.strerror)) from None
