"""The figures as an Excel workbook, for staff who paste them into reporting forms.

One sheet per report section that has figures, each holding that section's tables (with
the previous year's columns when there is a previous year). Numbers are stored as numbers
with display formats (`#,##0`, `0%`), which Excel shows the Flemish way (1.440; 55%) on a
Belgian machine. Percentages are stored as fractions (0.55), as Excel expects. Text that
Excel would take for a formula is neutralised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socius_cli.errors import SociusError
from socius_cli.report.context import CHANGE, COUNT, PERCENT, POINTS, ReportContext

FORMATS = {
    COUNT: "#,##0",
    PERCENT: "0%",
    CHANGE: "+#,##0;-#,##0;0",
    POINTS: '+0" pp";-0" pp";0" pp"',
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that Excel will not run as a formula: a leading = + - @ tab or CR gets a quote
    (OWASP's advice against formula injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _sheet_title(name: str, taken: set[str]) -> str:
    for ch in '[]:*?/\\':
        name = name.replace(ch, " ")
    name = name.strip("' ")[:31] or "Blad"
    base, n = name, 1
    while name.lower() in taken:
        n += 1
        name = f"{base[:28]} {n}"
    taken.add(name.lower())
    return name


def _number(cell: Any) -> Any:
    if cell.value is None:
        return None
    if cell.kind == PERCENT:
        return cell.value / 100.0
    if isinstance(cell.value, float) and cell.value.is_integer() and cell.kind == COUNT:
        return int(cell.value)
    return cell.value


def write_workbook(ctx: ReportContext, output: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    title_font = Font(bold=True, size=14, color="1F4E79")
    head_fill = PatternFill("solid", fgColor="DCE6F0")
    for section in ctx.sections:
        tables = [c.table for c in section.charts] + list(section.tables)
        if not tables:
            continue
        ws = wb.create_sheet(_sheet_title(section.heading, taken))
        ws.cell(row=1, column=1, value=safe_text(f"{ctx.title} · {ctx.organisation}"))
        ws.cell(row=1, column=1).font = title_font
        ws.cell(row=2, column=1, value=safe_text(section.heading)).font = bold
        r = 4
        widths: dict[int, int] = {}
        for table in tables:
            ws.cell(row=r, column=1, value=safe_text(table.caption)).font = bold
            r += 1
            for c, h in enumerate(table.header, start=1):
                cell = ws.cell(row=r, column=c, value=safe_text(str(h)))
                cell.font = bold
                cell.fill = head_fill
                if c > 1:
                    cell.alignment = Alignment(horizontal="right")
                widths[c] = max(widths.get(c, 0), len(str(h)))
            r += 1
            for row in table.rows:
                for c, tc in enumerate(row, start=1):
                    if c == 1 or tc.kind not in FORMATS:
                        cell = ws.cell(row=r, column=c, value=safe_text(tc.text))
                        cell.data_type = "s"
                        widths[c] = max(widths.get(c, 0), len(tc.text))
                    else:
                        cell = ws.cell(row=r, column=c, value=_number(tc))
                        cell.number_format = FORMATS[tc.kind]
                        widths[c] = max(widths.get(c, 0), len(tc.text))
                r += 1
            for note in table.notes:
                ws.cell(row=r, column=1, value=safe_text(note)).font = Font(italic=True)
                r += 1
            r += 1
        for c, w in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = min(max(w + 3, 10), 60)
        ws.freeze_panes = "B4"
    wb.properties.title = ctx.title
    wb.properties.creator = "socius"
    try:
        wb.save(output)
    except OSError as e:
        from socius_cli.i18n import _

        raise SociusError(_("cannot write {file} ({reason})").format(file=output, reason=e.strerror)) from None
