"""The command line: options in, one-line messages out. All the work is in the core modules.

Every text is an English msgid translated through `i18n` (Dutch by default); help texts are
marked with `N_` and translated by `helptext.SociusGroup` before they are shown.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import ProgressColumn
from rich.text import Text

from . import __version__
from .errors import SociusError, UsageError
from .helptext import SociusCommand, SociusGroup
from .i18n import N_, _, join, ngettext, number, set_language
from .problems import ImportRejected

if TYPE_CHECKING:  # imported where used, so that `socius --version` stays quick
    from .config import Settings
    from .store.store import Store

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    cls=SociusGroup,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=N_("socius: the yearly progress-report figures of socio-cultural adult work, "
            "straight from the registration spreadsheets."),
)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """`socius stats | head`: the reader went away; stop quietly, status 0 (rich exits with 1)."""
        self.quiet = True
        _quiet_pipe()
        raise typer.Exit(0)


out = _Console()
err = _Console(stderr=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", metavar=N_("FILE|URL"),
    help=N_("The store: a SQLite file path or a database URL (postgresql://...). "
            "Default: $SOCIUS_DB, else `db` in socius.toml, else ./socius.db."))]
LangOption = Annotated[str | None, typer.Option(
    "--lang", metavar="nl|en",
    help=N_("Language of messages and labels: nl (the default, or `language` in socius.toml) or en."))]
YEAR = N_("YEAR")
YEAR_OR_SPAN = N_("YEAR|FROM-UNTIL")
FILE = N_("FILE")


class StatsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    excel = "excel"


class ExplainFormat(StrEnum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


def _say(prefix: str, message: str) -> None:
    """One line on stderr; data in messages is never read as rich markup."""
    line = Text(prefix, style="bold red") if prefix else Text()
    line.append(message)
    err.print(line, highlight=False, soft_wrap=True)


def _note(prefix: str, message: str) -> None:
    err.print(prefix + message, markup=False, highlight=False, soft_wrap=True)


STORE_HINTS = {  # what a user can do about the store's most common refusals
    "readonly": N_("the store file or its folder is read-only; check their permissions"),
    "disk is full": N_("the disk is full; free some space and run it again"),
    "database is locked": N_("another socius command held the store for over a minute; try again"),
}
# The operating system's reasons, as a user reads them (Python gives them in English).
OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("this is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
}


def os_reason(exc: OSError) -> str:
    return _(OS_REASONS[exc.errno]) if exc.errno in OS_REASONS else str(exc.strerror or exc)


class _StoreFailure(Exception):
    """A SQLAlchemy error, caught without importing SQLAlchemy where no store is opened."""


def _store_errors_marked(command: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    try:
        return command(*args, **kwargs)
    except Exception as exc:
        sa_exc = sys.modules.get("sqlalchemy.exc")  # loaded by then if a store was opened
        if sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError):
            raise _StoreFailure(exc) from None
        # A driver's own error (bulk loading talks to sqlite3 / psycopg directly).
        if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg", "psycopg2"):
            raise _StoreFailure(exc) from None
        raise


def _quiet_pipe() -> None:
    """The reader of our output went away (`socius stats | head`): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner): nothing left to flush
        pass


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure into one line and an exit status: 1 for data, 2 for usage. No tracebacks."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return _store_errors_marked(command, *args, **kwargs)
        except ImportRejected as exc:
            _say("", str(exc))
            raise typer.Exit(exc.exit_code) from None
        except SociusError as exc:
            _say(_("error: "), str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _say("", _("interrupted: nothing of an unfinished import was stored"))
            raise typer.Exit(130) from None
        except _StoreFailure as failure:
            cause = failure.args[0]
            orig = getattr(cause, "orig", None) or cause
            first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
            hint = next((_(h) for k, h in STORE_HINTS.items() if k in first.lower()), "")
            if hint:
                text = _("the store could not complete this ({reason}): {hint}; nothing was changed").format(
                    reason=first[:200], hint=hint)
            else:
                text = _("the store could not complete this ({reason}); nothing was changed").format(reason=first[:200])
            _say(_("error: "), text)
            raise typer.Exit(1) from None
        except MemoryError:
            _say(_("error: "), _("out of memory; nothing was changed"))
            raise typer.Exit(1) from None
        except BrokenPipeError:
            _quiet_pipe()
            raise typer.Exit(0) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _quiet_pipe()
                raise typer.Exit(0) from None
            reason = os_reason(exc) + (f" ({exc.filename})" if getattr(exc, "filename", None) else "")
            _say(_("error: "), _("{reason}; nothing was changed").format(reason=reason))
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug of ours: still one line; SOCIUS_DEBUG=1 shows the traceback
            if os.environ.get("SOCIUS_DEBUG"):
                raise
            _say(_("error: "), _("unexpected failure ({kind}: {detail}); nothing was changed. Please report it; "
                                 "SOCIUS_DEBUG=1 shows the details").format(
                kind=type(exc).__name__, detail=_first_line(exc)))
            raise typer.Exit(1) from None

    return wrapper


def _first_line(exc: Exception) -> str:
    from .errors import redact

    lines = str(exc).strip().splitlines()
    return redact(lines[0][:200]) if lines else ""


def _version(value: bool) -> None:
    if value:
        print(f"socius {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=N_("Show the version and exit."))] = False,
) -> None:
    """socius: import, check and store registrations; compute and publish the yearly figures."""


def _settings(db: str | None, lang: str | None = None) -> Settings:
    from . import config

    s = config.load(db_option=db)
    if lang:
        if lang not in ("nl", "en"):
            raise UsageError(_("--lang must be nl or en, not '{lang}'").format(lang=lang))
        s.language = lang
    set_language(s.language)
    return s


def _open_store(db: str, create: bool = False) -> Store:
    from .store.store import Store

    return Store(db, create=create)


def _period_argument(text: str | None) -> tuple[int, int] | None:
    """YEAR or FROM-UNTIL as typed (2020, 2016-2020, 2016 – 2020) as (first, last)."""
    if text is None:
        return None
    from .ingest.values import BadValue, parse_period

    try:
        return parse_period(text)
    except BadValue as exc:
        if exc.code == "period-reversed":
            raise UsageError(_("'{text}': {problem}").format(text=text, problem=exc)) from None
        raise UsageError(_("'{text}' is not a year (2020) or a span of years (2016-2020)").format(
            text=text)) from None


def _year(store: Store, year: int | None) -> int:
    if year is not None:
        return year
    years = store.years()
    if not years:
        raise SociusError(_("the store holds no data yet: run `socius import` first"))
    return years[-1]


class _Rows(ProgressColumn):
    """"30.000 rijen": the rows read so far, as the language writes numbers."""

    def render(self, task: Any) -> Text:
        n = int(task.completed)
        return Text(ngettext("{n} row", "{n} rows", n).format(n=number(n)))


@app.command("import", cls=SociusCommand,
             help=N_("Check spreadsheets against the data contract and store them: all or nothing."),
             short_help=N_("Check spreadsheets and store them: all or nothing."))
@friendly
def import_(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar=N_("PATH..."),
        help=N_("Spreadsheets (.xlsx, .xlsm, .ods, .xls, .csv) or folders holding them. "
                "Default: [import] paths in socius.toml, else the spreadsheets in this folder."))] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=N_("Check and show what would change; store nothing."))] = False,
    allow_published_changes: Annotated[bool, typer.Option(
        "--allow-published-changes",
        help=N_("Store the import even if it changes figures of a published year (recorded in the "
                "history)."))] = False,
    problems_file: Annotated[Path | None, typer.Option(
        "--problems", metavar=FILE,
        help=N_("Also write every problem to FILE (.xlsx or .csv); with .xlsx, also a copy of each workbook "
                "with the problem cells marked in red and a comment on each."))] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    from .changes import PublishedChangesRefused
    from .importing import NothingToImport, import_into
    from .output import import_warnings, published_change, summary_table

    settings = _settings(db, lang)
    if problems_file is not None:
        from .problem_file import check_path

        check_path(problems_file)
    if not paths:
        paths = settings.import_paths or [Path.cwd()]
        where = ", ".join(str(p) for p in paths)
        err.print(_("Importing {paths} (from socius.toml)").format(paths=where) if settings.import_paths
                  else _("Importing {paths} (this folder)").format(paths=where), markup=False, highlight=False)
    with Progress(TextColumn("{task.description}"), BarColumn(), _Rows(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, rows: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(_("Reading {file}").format(file=name), total=None)
            bar.update(tasks[name], completed=rows)

        try:
            result = import_into(settings.db, paths, dry_run=dry_run, progress=progress,
                                 allow_published_changes=allow_published_changes,
                                 tables=settings.names.tables())
        except ImportRejected as exc:
            bar.stop()
            _show_problems(exc, paths, problems_file)
            raise
        except NothingToImport as exc:
            bar.stop()
            for n in exc.notices:
                _note(_("note: "), n)
            raise
        except PublishedChangesRefused as exc:
            bar.stop()
            for change in exc.changes:
                _say("", published_change(change, settings.language))
            raise
    _note("", _("Read: {files}").format(files=", ".join(f.name for f in result.files)))
    for n in result.batch.notices:
        _note(_("note: "), n)
    for w in [*result.batch.warnings, *import_warnings(result, settings.language)]:
        _note(_("warning: "), w)
    if problems_file is not None:
        from .problem_file import write_list

        write_list([], problems_file)
        _note("", _("No problems found; wrote an empty list to {file}.").format(file=problems_file))
    out.print(summary_table(result.summary, settings.language, dry_run))


def _show_problems(exc: ImportRejected, paths: list[Path], problems_file: Path | None) -> None:
    """The problems of a refused import: on one screen, and every one in --problems FILE."""
    from .problem_view import screen_lines

    for n in exc.notices:
        _note(_("note: "), n)
    for line in screen_lines(exc.problems, problems_file=str(problems_file) if problems_file else None):
        _say("", line)
    if problems_file is None:
        return
    from .ingest.read import expand_paths
    from .problem_file import mark_copies, write_list

    write_list(exc.problems, problems_file)
    _note("", _("Wrote every problem to {file}.").format(file=problems_file))
    if problems_file.suffix.lower() == ".xlsx":
        written, notes = mark_copies(exc.problems, expand_paths(paths), problems_file)
        for n in notes:
            _note(_("note: "), n)
        if written:
            _note("", ngettext("Wrote a copy of your workbook with the problem cells marked in red: {files}.",
                               "Wrote copies of your workbooks with the problem cells marked in red: {files}.",
                               len(written)).format(files=join([str(w) for w in written])))


@app.command(cls=SociusCommand,
             help=N_("The indicators of a year: open offering, formats, themes, target groups, demand-driven work, "
                     "and the year's targets. For a span of years such as a policy period (socius stats 2016-2020): "
                     "a column per year and the total over the span, with the targets of the span and of its years. "
                     "--format excel writes a CSV file that Excel in Belgium opens as it is (semicolons, decimal "
                     "commas, the numbers as the tables round them); --format csv and json are for other programs "
                     "(unrounded)."),
             short_help=N_("The figures of a year, as tables, for Excel, or for other programs."))
@friendly
def stats(
    year_or_span: Annotated[str | None, typer.Argument(
        metavar=YEAR_OR_SPAN,
        help=N_("The year, or a span of years such as a policy period (2016-2020); default: the latest "
                "year in the store."))] = None,
    format: Annotated[StatsFormat, typer.Option(
        "--format", "-f", metavar="table|json|csv|excel",
        help=N_("table (the default), json or csv for other programs, excel for a spreadsheet."))] = StatsFormat.table,
    compare: Annotated[int | None, typer.Option(
        "--compare", metavar=YEAR, help=N_("Show this year beside it, with the change."))] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from . import output
    from .figures.compare import published_status
    from .figures.targets import from_rows, with_targets
    from .store.quick import published_sqlite, read_sqlite, targets_sqlite

    settings = _settings(db, lang)
    period = _period_argument(year_or_span)
    if period is not None and period[0] != period[1]:
        if compare is not None:
            raise UsageError(_("--compare is for one year; a span already shows each of its years"))
        return _stats_span(settings, period, format)
    year = period[0] if period else None
    if compare is not None and compare == year:
        raise UsageError(_("--compare {year} is the year itself; compare with another year").format(year=compare))
    # The figures precomputed at import, read without SQLAlchemy when the store is SQLite.
    hit = read_sqlite(settings.db, year)
    if hit and compare is not None and compare == hit[0]:
        raise UsageError(_("--compare {year} is the year itself; compare with another year").format(year=compare))
    hit_other = read_sqlite(settings.db, compare) if hit and compare is not None else None
    target_rows = targets_sqlite(settings.db) if hit else None
    if hit and (compare is None or hit_other) and target_rows is not None:
        figures, other = hit[1], hit_other[1] if hit_other else None
        record = published_sqlite(settings.db, hit[0])
        status = published_status(hit[0], *record, figures) if record else None
        targets = from_rows(target_rows)
    else:
        from .figures.lookup import stored_targets, year_figures
        from .publishing import status as published_now

        store = _open_store(settings.db)
        y = _year(store, year)
        if compare is not None and compare == y:
            raise UsageError(_("--compare {year} is the year itself; compare with another year").format(year=compare))
        figures = year_figures(store, y)
        other = year_figures(store, compare) if compare is not None else None
        status = published_now(store, y, figures)
        with store.engine.connect() as conn:
            targets = stored_targets(conn)
    # The year's targets beside its figures, added here: the cached, frozen and published
    # figures never hold them, so publishing and its comparison ignore targets.
    figures = with_targets(figures, targets)
    other = with_targets(other, targets) if other is not None else None
    published_lines = output.published_lines(status, settings.language) if status else []
    if format is StatsFormat.json:
        print(output.to_json(figures | ({"published": status.as_json()} if status else {}), other))
    elif format is StatsFormat.csv:
        sys.stdout.write(output.to_csv(figures, other))
        for line in published_lines:  # on stderr: the CSV itself stays machine-readable
            _note("", line)
    elif format is StatsFormat.excel:
        from .excel_csv import to_excel_csv

        text = to_excel_csv(figures, settings.language, other)
        sys.stdout.write(text if sys.stdout.isatty() else "\ufeff" + text)  # the BOM tells Excel it is UTF-8
    else:
        out.print(output.stats_tables(figures, settings.language, other))
        for line in published_lines:
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    sys.stdout.flush()


def _stats_span(settings: Settings, period: tuple[int, int], format: StatsFormat) -> None:
    """`socius stats FROM-UNTIL`: a column per year and the total over the span."""
    from . import output
    from .figures.lookup import stored_targets
    from .figures.span import span_figures
    from .publishing import span_statuses

    store = _open_store(settings.db)
    with store.engine.connect() as conn:
        targets = stored_targets(conn)
    figures = span_figures(store, period, targets)
    # A published year of the span says, as `stats YEAR` does, what was published and what differs.
    published_lines: list[str] = []
    for y, status in span_statuses(store, figures).items():
        figures["years"][str(y)]["published"] = status.as_json()
        published_lines += output.published_lines(status, settings.language)
    if format is StatsFormat.json:
        print(output.to_json(figures))
    elif format is StatsFormat.csv:
        sys.stdout.write(output.span_csv(figures))
        for line in published_lines:  # on stderr: the CSV itself stays machine-readable
            _note("", line)
    elif format is StatsFormat.excel:
        from .excel_csv import span_excel_csv

        text = span_excel_csv(figures, settings.language)
        sys.stdout.write(text if sys.stdout.isatty() else "\ufeff" + text)  # the BOM tells Excel it is UTF-8
    else:
        out.print(output.span_tables(figures, settings.language))
        for line in [*output.span_notes(figures, settings.language), *published_lines]:
            out.print(line, markup=False, highlight=False, soft_wrap=True)
    sys.stdout.flush()


@app.command(cls=SociusCommand,
             help=N_("The progress report (voortgangsrapport) of a year, with the previous year beside it when "
                     "stored; or of a span of years such as a policy period (2016-2020): the totals of the span, "
                     "each year, and the targets."),
             short_help=N_("The progress report of a year or a policy period: html, pdf, md or xlsx."))
@friendly
def report(
    year_or_span: Annotated[str | None, typer.Argument(
        metavar=YEAR_OR_SPAN,
        help=N_("The year, or a span of years such as a policy period (2016-2020); default: the latest "
                "year in the store."))] = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", metavar="md|html|pdf|xlsx", help=N_("md, html (the default), pdf or xlsx."))
    ] = ReportFormat.html,
    output_path: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar=FILE,
        help=N_("Where to write; default: voortgangsrapport-YEAR.EXT (voortgangsrapport-FROM-UNTIL.EXT) in "
                "this folder."))] = None,
    text: Annotated[Path | None, typer.Option(
        "--text", metavar=FILE,
        help=N_("The staff's Markdown text (introduction, sections, photos) to merge in. Default: tekst-YEAR.md "
                "(tekst-FROM-UNTIL.md) in this folder (text-YEAR.md for an English report), if there is one."))] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", metavar=N_("FOLDER"),
        help=N_("A folder whose templates override the built-in ones, by file name."))] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from .figures.explain import annex
    from .figures.lookup import previous_year, stored_targets, year_figures
    from .figures.targets import assess
    from .publishing import status as published_now
    from .report.write import write_report

    settings = _settings(db, lang)
    period = _period_argument(year_or_span)
    if text is not None and not text.is_file():
        raise SociusError(_("--text {file}: no such file").format(file=text))
    if period is not None and period[0] != period[1]:
        return _report_span(settings, period, format, output_path, text, template)
    year = period[0] if period else None
    store = _open_store(settings.db)
    y = _year(store, year)
    figures = year_figures(store, y)
    previous = previous_year(store, y)
    path = _report_path(output_path, f"voortgangsrapport-{y}.{format.value}")
    text_path = text if text is not None else _default_text(str(y), settings.language)
    with store.engine.connect() as conn:
        rows = annex(conn, y)  # the rows behind the figures: the report's annex
        targets = assess(stored_targets(conn), (y, y), figures)  # the year's targets beside its figures
    written = write_report(stats=figures, previous=previous, fmt=format.value, output=path, targets=targets,
                           lang=settings.language, organisation=settings.organisation,
                           text_path=text_path, template_dir=template, annex=rows,
                           published=published_now(store, y, figures),
                           colours=settings.report_colours, logo=settings.report_logo)
    if text is None and text_path is not None:
        _note("", _("Merged the text of {file} into the report (another text: --text FILE).").format(
            file=text_path.name))
    for p in written:
        _note("", _("Wrote {file}").format(file=p))


def _report_path(output_path: Path | None, name: str) -> Path:
    """Where a report goes: --output, or its own name in the working directory; an existing
    folder given as --output gets the report under its own name (`--output rapporten`)."""
    if output_path is None:
        return Path(name)
    return output_path / name if output_path.is_dir() else output_path


def _report_span(settings: Settings, period: tuple[int, int], format: ReportFormat, output_path: Path | None,
                 text: Path | None, template: Path | None) -> None:
    """`socius report FROM-UNTIL`: the progress report of a span of years (a policy period)."""
    from .contract import period_text
    from .figures.lookup import stored_targets
    from .figures.span import span_figures
    from .publishing import span_statuses
    from .report.write import write_period_report

    store = _open_store(settings.db)
    with store.engine.connect() as conn:
        targets = stored_targets(conn)
    span = span_figures(store, period, targets)
    # the published years of the span whose figures now differ say so, as in the year report
    published = {y: status for y, status in span_statuses(store, span).items() if status.differences}
    name = period_text(period)
    path = _report_path(output_path, f"voortgangsrapport-{name}.{format.value}")
    text_path = text if text is not None else _default_text(name, settings.language)
    written = write_period_report(span=span, fmt=format.value, output=path, lang=settings.language,
                                  organisation=settings.organisation, text_path=text_path,
                                  template_dir=template, colours=settings.report_colours,
                                  logo=settings.report_logo, published=published)
    if text is None and text_path is not None:
        _note("", _("Merged the text of {file} into the report (another text: --text FILE).").format(
            file=text_path.name))
    for p in written:
        _note("", _("Wrote {file}").format(file=p))


def _default_text(year: str, lang: str) -> Path | None:
    """The staff's text in the working folder, in the report's language: tekst-YEAR.md for a
    Dutch report, text-YEAR.md for an English one (tekst-2016-2020.md for a period)."""
    candidate = Path.cwd() / (f"tekst-{year}.md" if lang == "nl" else f"text-{year}.md")
    return candidate if candidate.is_file() else None


@app.command(cls=SociusCommand,
             help=N_("Erase one person's registrations (right to erasure). The address is not shown or kept."),
             short_help=N_("Erase one person's registrations (right to erasure)."))
@friendly
def forget(
    email: Annotated[str, typer.Argument(
        metavar=N_("EMAIL"),
        help=N_("The person's e-mail address (or name) as it was registered; case and spaces do not matter."))],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from .privacy import forget as forget_person

    settings = _settings(db, lang)
    n = forget_person(_open_store(settings.db), email)
    if n:
        _note("", ngettext("Removed {n} registration of this person.", "Removed {n} registrations of this person.",
                           n).format(n=number(n)))
    else:
        _note("", _("Removed 0 registrations of this person (none were stored)."))


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


@app.command(cls=SociusCommand,
             help=N_("Remove participant-level rows (registrations, evaluations) of the years before YEAR, keeping "
                     "those years' figures: they are frozen first and stats and reports show them. Asks first on a "
                     "terminal; elsewhere it needs --yes."),
             short_help=N_("Remove the participant rows of older years, keeping their figures."))
@friendly
def purge(
    before: Annotated[int, typer.Option("--before", metavar=YEAR, help=N_("Purge the years before this one."))],
    yes: Annotated[bool, typer.Option("--yes", help=N_("Do not ask; remove them."))] = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from .privacy import purge as purge_years
    from .privacy import purge_counts

    settings = _settings(db, lang)
    store = _open_store(settings.db)
    if not yes:
        regs, evals = purge_counts(store, before)
        if not regs and not evals:
            _note("", _("Nothing to remove: no registrations or evaluations of activities before {year}.").format(
                year=before))
            return
        what = _("{registrations} and {evaluations} of activities before {year}").format(
            registrations=ngettext("{n} registration", "{n} registrations", regs).format(n=number(regs)),
            evaluations=ngettext("{n} evaluation", "{n} evaluations", evals).format(n=number(evals)), year=before)
        if not _interactive():
            raise UsageError(_("purge removes {what} for good; run it again with --yes to do so").format(what=what))
        err.print(_("This removes {what} for good (their figures are kept).").format(what=what),
                  markup=False, highlight=False)
        answer = err.input(_("Continue? [y/N] "), markup=False).strip().lower()
        if answer not in (_("y"), _("yes"), "y", "yes"):
            _note("", _("Nothing was removed."))
            return
    done = purge_years(store, before)
    if done.frozen:
        _note("", _("Froze the figures of {years}.").format(years=join([str(y) for y in done.frozen])))
    _note("", _("Removed {registrations} and {evaluations} of activities before {year}.").format(
        registrations=ngettext("{n} registration", "{n} registrations", done.registrations).format(
            n=number(done.registrations)),
        evaluations=ngettext("{n} evaluation", "{n} evaluations", done.evaluations).format(
            n=number(done.evaluations)),
        year=before))


@app.command(cls=SociusCommand,
             help=N_("Write a workbook to start from: a sheet per table with the Dutch headers, drop-down lists, "
                     "date columns, a sheet that explains every column and a sheet of examples. Filled in, it "
                     "imports as it is."),
             short_help=N_("Write an empty workbook to start from, with drop-down lists and explanations."))
@friendly
def template(
    path: Annotated[Path | None, typer.Argument(
        metavar=FILE, help=N_("Where to write it; default: socius-sjabloon.xlsx in this folder."))] = None,
    lang: LangOption = None,
) -> None:
    from .template import write_template

    _settings(None, lang)
    target = path or Path("socius-sjabloon.xlsx")
    write_template(target)
    _note("", _("Wrote {file}: fill in the sheets, then run socius import {file}.").format(file=target))


@app.command(cls=SociusCommand,
             help=N_("The rows behind one figure (activities, organisations, requests; per activity counts for "
                     "figures about people, never a person) and how they add up to it."),
             short_help=N_("The rows behind one figure, and how they add up to it."))
@friendly
def explain(
    year: Annotated[int, typer.Argument(metavar=YEAR, help=N_("The year."))],
    indicator: Annotated[str, typer.Argument(
        metavar=N_("FIGURE"),
        help=N_("The figure, by its key in `socius stats --format json`: activities, half_days, participations, "
                "persons_reached, recognised_orgs_reached, requests_supported, nps, themes, topics, ..."))],
    format: Annotated[ExplainFormat, typer.Option(
        "--format", "-f", metavar="table|csv|xlsx|json", help=N_("table, csv, xlsx or json."))] = ExplainFormat.table,
    output_path: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar=FILE,
        help=N_("Write to this file; default: the terminal (xlsx: uitleg-YEAR-INDICATOR.xlsx)."))] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from . import explanations
    from .figures.explain import check_indicator
    from .figures.explain import explain as rows_behind

    settings = _settings(db, lang)
    key = check_indicator(indicator)
    store = _open_store(settings.db)
    with store.engine.connect() as conn:
        ex = rows_behind(conn, year, key)
    if format is ExplainFormat.xlsx:
        from .report.annex import write_explanation

        path = output_path or Path(f"uitleg-{year}-{key}.xlsx")
        write_explanation(ex, path, settings.language)
        _note("", _("Wrote {file}").format(file=path))
        return
    if format is ExplainFormat.table:
        table = explanations.table(ex, settings.language)
        if output_path is None:
            out.print(table)
            return
        from .output import render_text

        body = render_text(table, width=160)
    else:
        body = (explanations.to_json(ex, settings.language) + "\n" if format is ExplainFormat.json
                else explanations.to_csv(ex, settings.language))
    if output_path is None:
        sys.stdout.write(body)
        return
    try:
        output_path.write_text(body, encoding="utf-8")
    except OSError as e:
        raise SociusError(_("cannot write {file} ({reason})").format(file=output_path, reason=os_reason(e))) from None
    _note("", _("Wrote {file}").format(file=output_path))


@app.command(cls=SociusCommand,
             help=N_("Record a year's figures as published: from then on an import that would change them is "
                     "refused (unless --allow-published-changes), and stats and report say what differs."),
             short_help=N_("Record a year's figures as published."))
@friendly
def publish(
    year: Annotated[int, typer.Argument(metavar=YEAR, help=N_("The year whose figures are published."))],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from .output import day_text
    from .publishing import publish as publish_year

    settings = _settings(db, lang)
    record, earlier = publish_year(_open_store(settings.db), year)
    if earlier is not None:
        _note("", _("The figures of {year} were published before, on {date}; that publication stays in "
                    "`socius history`.").format(year=year, date=day_text(earlier.at, settings.language)))
    _note("", _("Published the figures of {year} on {date}. An import that would change them is refused "
                "from now on, unless it is given --allow-published-changes.").format(
                    year=year, date=day_text(record.at, settings.language)))


@app.command(cls=SociusCommand,
             help=N_("The imports and publications so far: when, by whom, which files (name, size, SHA-256), "
                     "what changed."),
             short_help=N_("The imports and publications so far."))
@friendly
def history(
    format: Annotated[HistoryFormat, typer.Option(
        "--format", "-f", metavar="table|json", help=N_("table or json."))] = HistoryFormat.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    from .output import history_json, history_table
    from .publishing import entries

    settings = _settings(db, lang)
    found = entries(_open_store(settings.db))
    if format is HistoryFormat.json:
        print(history_json(found))
    else:
        out.print(history_table(found, settings.language))


def main() -> None:
    app(prog_name="socius")


if __name__ == "__main__":
    main()
