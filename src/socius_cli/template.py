"""`socius template [PATH]`: a workbook to start from (contract section 5, v2), made with openpyxl.

- An explanation sheet ("Uitleg") first: every column of every sheet, whether it is
  required, what to fill in, and the other headers socius accepts.
- A sheet per table, named and headed in Dutch as socius reads them (`SHEETS`, `HEADERS`:
  every header is one of the contract's aliases, so the workbook imports as it is), with:
  drop-down lists (Excel data validation) for every closed list (werkvorm, ja/nee, doelgroep,
  beslissing) and for activity codes (the codes of the sheet Activiteiten, as a warning only:
  a code imported before is fine too); date columns formatted and checked as dates; numbers
  checked (dagdelen > 0, scores >= 0, whole numbers of participants).
- A sheet of examples ("Voorbeelden") that the import skips: its first row is a title, not
  a header.

The sheets are generated from `contract.TABLES`, so a table or field added there appears here
too (headed by its first alias until `HEADERS` names it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .contract import TABLES, Field, Kind, Table
from .errors import SociusError
from .i18n import N_, _
from .names import VALUE_WORDS

SHEETS = {"activities": "Activiteiten", "registrations": "Inschrijvingen", "evaluations": "Evaluaties",
          "organisations": "Erkende organisaties", "requests": "Vragen", "targets": "Streefcijfers"}
EXPLANATION_SHEET = "Uitleg"
EXAMPLES_SHEET = "Voorbeelden"
ROWS = 2000  # rows given a date format and checks (Excel extends them as you type further)

HEADERS: dict[tuple[str, str], str] = {
    ("activities", "code"): "Code", ("activities", "title"): "Titel", ("activities", "date"): "Datum",
    ("activities", "format"): "Werkvorm", ("activities", "half_days"): "Dagdelen",
    ("activities", "theme"): "Thema", ("activities", "kind"): "Soort", ("activities", "planned"): "Gepland",
    ("registrations", "activity"): "Activiteit", ("registrations", "participant"): "E-mail",
    ("registrations", "organisation"): "Organisatie", ("registrations", "target_group"): "Doelgroep",
    ("registrations", "attended"): "Aanwezig",
    ("evaluations", "activity"): "Activiteit", ("evaluations", "score"): "Score", ("evaluations", "scale"): "Schaal",
    ("organisations", "name"): "Naam", ("organisations", "recognised"): "Erkend",
    ("organisations", "sector"): "Sector",
    ("requests", "id"): "Nummer", ("requests", "received"): "Ontvangen", ("requests", "status"): "Beslissing",
    ("requests", "organisation"): "Organisatie", ("requests", "target_group"): "Doelgroep",
    ("requests", "topic"): "Onderwerp", ("requests", "decline_reason"): "Reden afwijzing",
    ("requests", "supported"): "Gerealiseerd", ("requests", "participants"): "Aantal deelnemers",
    ("targets", "indicator"): "Indicator", ("targets", "period"): "Periode", ("targets", "target"): "Streefcijfer",
    ("targets", "direction"): "Richting", ("targets", "goal"): "Doelstelling",
}

EXPLAIN: dict[tuple[str, str], str] = {
    ("activities", "code"): N_("A code of your own for the activity, used once (OA2024-01)."),
    ("activities", "title"): N_("The title of the activity."),
    ("activities", "date"): N_("The date of the (first) session; its year is the activity's year."),
    ("activities", "format"): N_("fysiek (on site), online or blended: pick it from the list."),
    ("activities", "half_days"): N_("The number of half-day sessions (dagdelen), more than 0; 1,5 is fine."),
    ("activities", "theme"): N_("The theme, in your own words; the report counts per theme."),
    ("activities", "kind"): N_("vorming, workshop, studiedag, ... in your own words."),
    ("activities", "planned"): N_("ja if the activity was in the plan, else nee."),
    ("registrations", "activity"): N_("The code of the activity, as on the sheet Activiteiten (or imported before)."),
    ("registrations", "participant"): N_("The person's e-mail address (or name). socius keeps only a code made "
                                         "from it, never the address."),
    ("registrations", "organisation"): N_("The organisation the person came for; compared with the register."),
    ("registrations", "target_group"): N_("primair or secundair; leave it blank and the register decides."),
    ("registrations", "attended"): N_("ja or nee; blank means ja."),
    ("evaluations", "activity"): N_("The code of the activity, as on the sheet Activiteiten (or imported before)."),
    ("evaluations", "score"): N_("The satisfaction score, from 0 to the scale."),
    ("evaluations", "scale"): N_("The highest possible score; blank means 10."),
    ("organisations", "name"): N_("The name of the organisation."),
    ("organisations", "recognised"): N_("ja for a recognised socio-cultural adult organisation, else nee."),
    ("organisations", "sector"): N_("The sector, in your own words."),
    ("requests", "id"): N_("A number of your own for the request, used once (2024-001)."),
    ("requests", "received"): N_("The date the request came in; its year is the request's year."),
    ("requests", "status"): N_("aanvaard, afgewezen or in behandeling; blank means in behandeling."),
    ("requests", "organisation"): N_("The organisation that asked."),
    ("requests", "target_group"): N_("primair or secundair; leave it blank and the register decides."),
    ("requests", "topic"): N_("What the request was about, in your own words."),
    ("requests", "decline_reason"): N_("Why it was declined, in your own words."),
    ("requests", "supported"): N_("ja if it led to support (only for an accepted request); blank means nee."),
    ("requests", "participants"): N_("How many people took part in the support; blank means 0."),
    ("targets", "indicator"): N_("The figure the target is for: pick it from the list (Personen bereikt, "
                                 "Gemiddelde tevredenheid, ...); its key (persons_reached) is fine too."),
    ("targets", "period"): N_("The year (2024) or the span of years of the policy period (2021-2025) the target "
                              "is for."),
    ("targets", "target"): N_("The number to reach; a percentage in percent points (55 for 55%), the NPS as a "
                              "score (+20)."),
    ("targets", "direction"): N_("minstens (the figure must reach the target) or hoogstens (it must stay at or "
                                 "below it); blank means minstens."),
    ("targets", "goal"): N_("The goal of the policy plan it belongs to, in your own words "
                            "(SD1 OD1.1 Vorming op maat); the report groups the targets by goal."),
}

_D = dt.datetime
EXAMPLES: dict[str, list[list[Any]]] = {
    "activities": [["OA2024-01", "Vrijwilligers 101", _D(2024, 3, 12), "fysiek", 2, "Vrijwilligers", "vorming", "ja"],
                   ["OA2024-02", "Webinar diversiteit", _D(2024, 5, 15), "online", 1, "Diversiteit", "workshop",
                    "nee"]],
    "registrations": [["OA2024-01", "an.peeters@example.org", "Vormingplus Oost", None, "ja"],
                      ["OA2024-02", "bo.maes@example.org", "Gemeente Y", "secundair", "nee"]],
    "evaluations": [["OA2024-01", 8, 10], ["OA2024-02", 4, 5]],
    "organisations": [["Vormingplus Oost", "ja", "Sociaal-cultureel volwassenenwerk"],
                      ["Gemeente Y", "nee", "Overheid"]],
    "requests": [["2024-001", _D(2024, 2, 5), "aanvaard", "Vormingplus Oost", None, "Vrijwilligerswerk", None, "ja",
                  12],
                 ["2024-002", _D(2024, 2, 19), "afgewezen", "Gemeente Y", None, "Subsidies",
                  "Buiten onze opdracht", "nee", None]],
    "targets": [["Personen bereikt", "2024", 1400, "minstens", "SD1 OD1.1 Vorming op maat"],
                ["Gemiddelde tevredenheid", "2021-2025", 75, "minstens", "SD1 OD1.2 Kwaliteitsvol aanbod"]],
}

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"  # a period typed as 2016-2020 stays as typed
# The indicators a target may name, listed on the explanation sheet from this cell down (an
# Excel list of more than 255 characters must come from cells).
INDICATOR_LIST = ("G", 6)


def sheet_name(t: Table) -> str:
    return SHEETS.get(t.name) or next((n for n in t.sheet_names if n != t.name), t.sheet_names[0]).capitalize()


def header(t: Table, f: Field) -> str:
    return HEADERS.get((t.name, f.name)) or f.aliases[0].capitalize()


def explanation(t: Table, f: Field) -> str:
    msgid = EXPLAIN.get((t.name, f.name))
    return _(msgid) if msgid else _(f.expected)


def _validation(t: Table, f: Field, column: str, sheets: dict[str, str]) -> Any:
    """The data validation of one column, or None for free text."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rng = f"{column}2:{column}{ROWS}"
    title = header(t, f)[:32]
    prompt = explanation(t, f)[:255]
    if f.kind is Kind.INDICATOR:
        letter, row = INDICATOR_LIST
        last = row + len(VALUE_WORDS[Kind.INDICATOR])
        dv = DataValidation(type="list", formula1=f"'{EXPLANATION_SHEET}'!${letter}${row + 1}:${letter}${last}",
                            allow_blank=True, errorTitle=title,
                            error=_("Pick an indicator from the list.")[:255])
    elif f.kind in VALUE_WORDS:
        words = list(dict.fromkeys(VALUE_WORDS[f.kind].values()))
        dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                            errorTitle=title, error=_("Pick one of: {words}").format(words=", ".join(words))[:255])
    elif f.kind is Kind.DATE:
        dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)",
                            allow_blank=True, errorTitle=title,
                            error=_("Type a date, like 15/05/2024.")[:255])
    elif f.kind in (Kind.NUMBER, Kind.COUNT):
        whole = f.kind is Kind.COUNT
        positive = f.name in ("half_days", "scale")
        dv = DataValidation(type="whole" if whole else "decimal", operator="greaterThan" if positive
                            else "greaterThanOrEqual", formula1="0", allow_blank=True, errorTitle=title,
                            error=(_("Type a number greater than 0.") if positive else
                                   _("Type a whole number, 0 or more.") if whole else _("Type a number, 0 or more.")))
    elif f.name == "activity" and "activities" in sheets:
        dv = DataValidation(type="list", formula1=f"'{sheets['activities']}'!$A$2:$A${ROWS}", allow_blank=True,
                            errorStyle="warning", errorTitle=title,
                            error=_("This code is not on the sheet Activiteiten. That is fine if it was "
                                    "imported before.")[:255])
    else:
        return None
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.promptTitle = title
    dv.prompt = prompt
    dv.add(rng)
    return dv


def build(tables: tuple[Table, ...] = TABLES, file_name: str = "socius-sjabloon.xlsx") -> Any:
    """The template workbook (an openpyxl Workbook); `file_name` is how its explanation names it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wb = Workbook()
    info = wb.active
    info.title = EXPLANATION_SHEET
    sheets = {t.name: sheet_name(t) for t in tables}

    info.append([_("socius: a workbook to start from")])
    info["A1"].font = Font(bold=True, size=14)
    for text in (
        _("Fill in one sheet per kind of data: one row per activity, registration, evaluation, organisation, "
          "request or target. Keep the first row of each sheet (the headers) as it is."),
        _("Cells with a list (werkvorm, ja/nee, doelgroep, beslissing, indicator, richting) have a drop-down; "
          "dates are dates (15/05/2024). The sheet Voorbeelden shows filled-in rows; socius skips it, and this "
          "sheet."),
        _("Then: socius import {file}. socius checks every cell and says exactly what to fix, and where.").format(
            file=file_name),
    ):
        info.append([text])
    info.append([])
    info.append([_("Sheet"), _("Column"), _("Required"), _("What to fill in"), _("socius also accepts")])
    for cell in info[info.max_row]:
        cell.font = bold
        cell.fill = head_fill
    for t in tables:
        for f in t.fields:
            h = header(t, f)
            others = [a for a in f.aliases if a.casefold() != h.casefold()]
            info.append([sheets[t.name], h, _("yes") if f.required else _("no"), explanation(t, f), ", ".join(others)])
    letter, row = INDICATOR_LIST
    info[f"{letter}{row}"] = _("Indicators (sheet {sheet})").format(sheet=sheets.get("targets", SHEETS["targets"]))
    info[f"{letter}{row}"].font = bold
    info[f"{letter}{row}"].fill = head_fill
    for i, label in enumerate(VALUE_WORDS[Kind.INDICATOR].values(), start=row + 1):
        info[f"{letter}{i}"] = label
    for letter, width in zip("ABCDEFG", (22, 20, 10, 80, 45, 4, 38), strict=True):
        info.column_dimensions[letter].width = width
    for row in info.iter_rows(min_row=7):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")

    for t in tables:
        ws = wb.create_sheet(sheets[t.name])
        ws.append([header(t, f) for f in t.fields])
        for i, f in enumerate(t.fields):
            letter = get_column_letter(i + 1)
            cell = ws.cell(row=1, column=i + 1)
            cell.font = bold
            cell.fill = head_fill
            ws.column_dimensions[letter].width = max(14, len(header(t, f)) + 6)
            if f.kind is Kind.DATE or (t.name == "targets" and f.kind is Kind.PERIOD):
                fmt = DATE_FORMAT if f.kind is Kind.DATE else TEXT_FORMAT
                ws.column_dimensions[letter].number_format = fmt
                for r in range(2, ROWS + 1):
                    ws.cell(row=r, column=i + 1).number_format = fmt
            dv = _validation(t, f, letter, sheets)
            if dv is not None:
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"

    ex = wb.create_sheet(EXAMPLES_SHEET)
    ex.append([_("Examples: filled-in rows for each sheet (socius does not import this sheet)")])
    ex["A1"].font = Font(bold=True, size=14)
    for t in tables:
        ex.append([])
        ex.append([sheets[t.name]])
        ex.cell(row=ex.max_row, column=1).font = bold
        ex.append([header(t, f) for f in t.fields])
        for cell in ex[ex.max_row]:
            cell.font = bold
            cell.fill = head_fill
        for example in EXAMPLES.get(t.name, []):
            ex.append(example)
            for i, f in enumerate(t.fields):
                if f.kind is Kind.DATE:
                    ex.cell(row=ex.max_row, column=i + 1).number_format = DATE_FORMAT
    for i in range(1, 10):
        ex.column_dimensions[get_column_letter(i)].width = 22
    return wb


def write_template(path: Path, tables: tuple[Table, ...] = TABLES) -> None:
    """Write the template to `path` (an .xlsx file); never over an existing file."""
    if path.suffix.lower() != ".xlsx":
        raise SociusError(_("{file}: the template is an Excel workbook; give a name ending in .xlsx").format(file=path))
    if path.exists():
        raise SociusError(_("{file} already exists; give another name, or remove it first").format(file=path))
    if not path.parent.is_dir():
        raise SociusError(_("cannot write {file}: the folder {folder} does not exist").format(
            file=path, folder=path.parent))
    wb = build(tables, path.name)
    try:
        wb.save(path)
    except OSError as exc:
        raise SociusError(_("cannot write {file} ({reason})").format(file=path, reason=exc.strerror or exc)) from None
