"""The figures as an Excel workbook, for staff who paste them into reporting forms.

One sheet per report section that has figures, each holding that section's tables (with
the previous year's columns when there is a previous year). Numbers are stored as numbers
with display formats (`#,##0`, `0%`), which Excel shows the Flemish way (1.440; 55%) on a
Belgian machine; a count with a fraction (half-day sessions: 32,5) gets a format with
decimals (`#,##0.0#`), so it shows as in the report instead of rounded. Percentages are
stored as fractions (0.55), as Excel expects. Text that Excel would take for a formula is
neutralised. The rows down to the first table's header row are frozen, and so is the first
column, so the header stays in view when scrolling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socius_cli.errors import SociusError
from socius_cli.formatting import spreadsheet_safe
from socius_cli.report.context import CHANGE, COUNT, NPS, PERCENT, POINTS, Cell, ReportContext, TargetsTable

# Excel's display format per cell kind; a cell of any other kind is written as text.
NUMBER_FORMATS = {
    COUNT: "#,##0",
    PERCENT: "0%",
    CHANGE: "+#,##0;-#,##0;0",
    POINTS: '+0" pp";-0" pp";0" pp"',
    NPS: "+0;-0;0",
}
# The display format of a count or change that has a fraction (half-day sessions: 32,5).
FRACTION_FORMATS = {
    COUNT: "#,##0.0#",
    CHANGE: "+#,##0.0#;-#,##0.0#;0",
}
# A target (a cell with a prefix, its direction) keeps its decimals: 75,5% is not 76%.
TARGET_FRACTION_FORMATS = {**FRACTION_FORMATS, PERCENT: "0.0#%", NPS: "+0.0#;-0.0#;0"}
def _sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: none of []:*?/\\, at most 31 characters, unique ignoring case."""
    for ch in '[]:*?/\\':
        name = name.replace(ch, " ")
    name = name.strip("' ")[:31] or "Blad"
    base, n = name, 1
    while name.lower() in taken:
        n += 1
        name = f"{base[:28]} {n}"
    taken.add(name.lower())
    return name


def _number(cell: Cell) -> Any:
    """The value Excel stores for a figure: a percentage as a fraction, a whole count as int."""
    if cell.value is None:
        return None
    if cell.kind == PERCENT:
        return cell.value / 100.0
    if isinstance(cell.value, float) and cell.value.is_integer() and cell.kind == COUNT:
        return int(cell.value)
    return cell.value


def number_format(cell: Cell) -> str:
    """Excel's display format of a figure: by kind, with decimals for a count with a fraction;
    a prefix (a target's direction, `≥ `) is shown before the number in each part."""
    value = cell.value
    fractions = TARGET_FRACTION_FORMATS if cell.prefix else FRACTION_FORMATS
    if cell.kind in fractions and isinstance(value, float) and not value.is_integer():
        fmt = fractions[cell.kind]
    else:
        fmt = NUMBER_FORMATS[cell.kind]
    if cell.prefix:
        fmt = ";".join(f'"{cell.prefix}"{part}' for part in fmt.split(";"))
    return fmt


def write_workbook(ctx: ReportContext, output: Path, annex: dict[str, Any] | None = None) -> None:
    """Write the figures of `ctx` as a workbook to `output`: one sheet per section with tables;
    with `annex` (`figures.explain.annex`) an annex sheet per section with the rows behind
    its figures."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    title_font = Font(bold=True, size=14, color=ctx.style.colour[1:].upper())
    head_fill = PatternFill("solid", fgColor="DCE6F0")
    for section in ctx.sections:
        tables = [c.table for c in section.charts] + list(section.tables)
        if not tables and section.targets is None:
            continue
        ws = wb.create_sheet(_sheet_title(section.heading, taken))
        ws.cell(row=1, column=1, value=spreadsheet_safe(f"{ctx.title} · {ctx.organisation}"))
        ws.cell(row=1, column=1).font = title_font
        ws.cell(row=2, column=1, value=spreadsheet_safe(section.heading)).font = bold
        r = 4
        widths: dict[int, int] = {}
        header_row = 0  # the first table's header row: frozen with everything above it
        for table in tables:
            ws.cell(row=r, column=1, value=spreadsheet_safe(table.caption)).font = bold
            r += 1
            header_row = header_row or r
            for c, h in enumerate(table.header, start=1):
                cell = ws.cell(row=r, column=c, value=spreadsheet_safe(str(h)))
                cell.font = bold
                cell.fill = head_fill
                if c > 1:
                    cell.alignment = Alignment(horizontal="right")
                widths[c] = max(widths.get(c, 0), len(str(h)))
            r += 1
            for row in table.rows:
                for c, tc in enumerate(row, start=1):
                    if c == 1 or tc.kind not in NUMBER_FORMATS:
                        cell = ws.cell(row=r, column=c, value=spreadsheet_safe(tc.text))
                        cell.data_type = "s"
                    else:
                        cell = ws.cell(row=r, column=c, value=_number(tc))
                        cell.number_format = number_format(tc)
                    widths[c] = max(widths.get(c, 0), len(tc.text))  # as the report shows it
                r += 1
            for note in table.notes:
                ws.cell(row=r, column=1, value=spreadsheet_safe(note)).font = Font(italic=True)
                r += 1
            r += 1
        if section.targets is not None:
            header_row = header_row or r + 1
            r = _write_targets(ws, section.targets, r, widths, ctx.labels)
        for c, w in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = min(max(w + 3, 10), 60)
        ws.freeze_panes = f"B{header_row + 1}"
    if annex:
        _write_annex(wb, ctx, annex, taken)
    wb.properties.title = ctx.title
    wb.properties.creator = "socius"
    try:
        wb.save(output)
    except OSError as e:
        from socius_cli.i18n import _

        raise SociusError(_("cannot write {file} ({reason})").format(file=output, reason=e.strerror)) from None


def _write_targets(ws: Any, targets: TargetsTable, r: int, widths: dict[int, int], L: dict[str, str]) -> int:
    """The targets table flat, one row per target with its goal in the first column (so that
    Excel can filter on it); the target and the figure as numbers, met as a word. Returns the
    next free row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    ws.cell(row=r, column=1, value=spreadsheet_safe(targets.caption)).font = bold
    r += 1
    header = [L["col_goal"], *targets.header]
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=r, column=c, value=spreadsheet_safe(h))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DCE6F0")
        if c in (4, 5):
            cell.alignment = Alignment(horizontal="right")
        widths[c] = max(widths.get(c, 0), len(h))
    r += 1
    for group in targets.groups:
        for row in group.rows:
            met = row.met.value
            texts = [group.heading, row.indicator.text, row.period.text]
            for c, text in enumerate(texts, start=1):
                ws.cell(row=r, column=c, value=spreadsheet_safe(text)).data_type = "s"
                widths[c] = max(widths.get(c, 0), len(text))
            for c, tc, fmt in ((4, row.target, number_format(row.target)),
                               (5, row.realised, number_format(row.realised))):
                cell = ws.cell(row=r, column=c, value=_number(tc))
                cell.number_format = fmt
                widths[c] = max(widths.get(c, 0), len(tc.text))
            word = "–" if met is None else L["yes"] if met else L["no"]
            ws.cell(row=r, column=6, value=word).alignment = Alignment(horizontal="center")
            r += 1
    for note in targets.notes:
        ws.cell(row=r, column=1, value=spreadsheet_safe(note)).font = Font(italic=True)
        r += 1
    return r + 1


ANNEX_SECTIONS = (("open_offering", ("open_offering", "reach")), ("digital_shift", ("digital_shift",)),
                  ("demand_driven", ("demand_driven",)))


def _write_annex(wb: Any, ctx: ReportContext, annex: dict[str, Any], taken: set[str]) -> None:
    """An annex sheet per section: the activities with their counts and the recognised
    organisations (open offering), the activities by format, the requests."""
    from socius_cli.report.annex import write_sheet

    L = ctx.labels
    headings = {"open_offering": L["annex_activities"], "reach": L["annex_reach"],
                "digital_shift": L["annex_activities"], "demand_driven": L["annex_requests"]}
    for section, parts in ANNEX_SECTIONS:
        ws = wb.create_sheet(_sheet_title(L["annex_sheet"].format(section=L[section]), taken))
        r = 1
        for part in parts:
            if part in annex:
                r = write_sheet(ws, annex[part], ctx.lang, headings[part].format(year=ctx.year), start=r)
