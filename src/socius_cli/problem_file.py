"""`socius import ... --problems FILE`: every problem in a file, and the user's workbooks marked.

`write_list` writes one row per problem (file, sheet, row, column, value, problem,
suggestion) to an .xlsx workbook (openpyxl) or a .csv file that Excel in Belgium opens on a
double-click (`;`, UTF-8 with BOM). The value is the cell as the file holds it, line breaks
included; e-mail addresses are never written (`errors.redact`), participant cells never.

`mark_copies` goes further than a list: for an .xlsx list, it writes a copy of each of the
user's own workbooks (.xlsx, .xlsm) that has problems, next to the list and named after it
(`fouten-inschrijvingen.xlsx`), with every problem cell filled red and an Excel comment
saying what is wrong and what is expected, so staff can fix each cell where they work. A
problem of a whole sheet (a missing column) is marked on its header row. The original
workbook is never changed. CSV inputs get the list only.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable
from pathlib import Path

from .errors import SociusError, UsageError, redact
from .i18n import _
from .problems import Problem, allowed_text, did_you_mean, sentences, unchecked_text

SUFFIXES = (".xlsx", ".csv")
MARKABLE = (".xlsx", ".xlsm")
RED = "FFC7CE"  # Excel's own light red of "Bad" cells


def check_path(path: Path) -> None:
    """Refuse a --problems file socius cannot write, before the import's work."""
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(_("--problems {file}: give a file name ending in .xlsx or .csv").format(file=path))
    if not path.parent.is_dir():
        raise SociusError(_("cannot write {file}: the folder {folder} does not exist").format(
            file=path, folder=path.parent))


def columns() -> list[str]:
    return [_("File"), _("Sheet"), _("Row"), _("Column"), _("Value"), _("Problem"), _("Suggestion")]


def text(p: Problem) -> str:
    """What is wrong, and what it leaves unchecked, in words."""
    words = p.expected
    allowed = allowed_text(p)
    if allowed:
        words = sentences(words, allowed)
    if p.unchecked:
        words = sentences(words, unchecked_text(p.unchecked))
    return redact(words)


def rows(problems: Iterable[Problem]) -> Iterable[list[object]]:
    for p in problems:
        column = (f"{p.column_letter} '{p.column}'" if p.column_letter else p.column) if p.column is not None else ""
        yield [p.file, p.sheet or "", p.row if p.row is not None else "", column,
               redact(p.value) if p.value is not None else "", text(p), p.suggestion or ""]


def _safe(value: object) -> object:
    """Text a spreadsheet program would run as a formula stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_list(problems: list[Problem], path: Path) -> None:
    """Every problem, one row each, to `path` (.xlsx or .csv)."""
    try:
        if path.suffix.lower() == ".csv":
            buf = io.StringIO()
            w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
            w.writerow(columns())
            w.writerows([_safe(c) for c in r] for r in rows(problems))
            path.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
            return
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        wb = Workbook()
        ws = wb.active
        ws.title = _("Problems")
        ws.append(columns())
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows(problems):
            ws.append([_safe(c) for c in r])
        for letter, width in zip("ABCDEFG", (28, 22, 7, 24, 24, 80, 20), strict=True):
            ws.column_dimensions[letter].width = width
        for cell in ws["F"][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        wb.save(path)
    except OSError as exc:
        raise SociusError(_("cannot write {file} ({reason})").format(file=path, reason=exc.strerror or exc)) from None


def copy_path(problems_file: Path, source: Path) -> Path:
    """Where the marked copy of `source` goes: next to the list, named after both."""
    return problems_file.with_name(f"{problems_file.stem}-{source.stem}{source.suffix}")


def mark_copies(problems: list[Problem], sources: list[Path], problems_file: Path) -> tuple[list[Path], list[str]]:
    """Copies of the user's workbooks with every problem cell marked; (written, notes)."""
    by_name: dict[str, list[Path]] = {}
    for s in sources:
        by_name.setdefault(s.name, []).append(s)
    per_file: dict[str, list[Problem]] = {}
    for p in problems:
        per_file.setdefault(p.file, []).append(p)
    written: list[Path] = []
    notes: list[str] = []
    for name, mine in per_file.items():
        paths = by_name.get(name, [])
        if len(paths) != 1:
            continue  # two files of one name in different folders: the list says which is which
        source = paths[0]
        if source.suffix.lower() not in MARKABLE:
            if source.suffix.lower() != ".csv":
                notes.append(_("{file}: no marked copy (only .xlsx and .xlsm workbooks get one); "
                               "the list has every problem").format(file=name))
            continue
        target = copy_path(problems_file, source)
        if target.resolve() == source.resolve():
            continue
        try:
            _mark(source, mine, target)
        except OSError as exc:
            raise SociusError(_("cannot write {file} ({reason})").format(
                file=target, reason=exc.strerror or exc)) from None
        except Exception as exc:  # a workbook openpyxl cannot rewrite: the list is still there
            notes.append(_("{file}: no marked copy ({reason}); the list has every problem").format(
                file=name, reason=type(exc).__name__))
            continue
        written.append(target)
    return written, notes


def _mark(source: Path, problems: list[Problem], target: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    with warnings.catch_warnings():  # openpyxl warns about extensions it does not keep
        warnings.simplefilter("ignore")
        wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=False)
    fill = PatternFill("solid", fgColor=RED)
    notes: dict[tuple[str, str], list[str]] = {}
    for p in problems:
        if p.sheet is None or p.sheet not in wb.sheetnames or p.row is None:
            continue
        cell_ref = f"{p.column_letter or 'A'}{p.row}"
        what = text(p)
        if p.suggestion:
            what = sentences(what, did_you_mean(p.suggestion))
        notes.setdefault((p.sheet, cell_ref), []).append(what)
    for (sheet, ref), texts in notes.items():
        cell = wb[sheet][ref]
        cell.fill = fill
        body = "\n".join(dict.fromkeys(texts))
        comment = Comment("socius: " + body, "socius")
        comment.width = 320
        comment.height = min(400, 40 + 18 * (len(body) // 45 + body.count("\n") + 1))
        cell.comment = comment
    wb.save(target)
