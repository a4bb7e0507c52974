"""The command line: options in, one-line messages out. All the work is in the core modules."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .errors import SociusError, UsageError
from .problems import ImportRejected

if TYPE_CHECKING:  # imported where used, so that `socius --version` stays quick
    from .config import Settings
    from .store.store import Store

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="socius: the yearly progress-report figures of socio-cultural adult work, "
         "straight from the registration spreadsheets.",
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", help="The store: a SQLite file path or a database URL (postgresql://...). "
                 "Default: $SOCIUS_DB, else `db` in socius.toml, else ./socius.db.")]
LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Language of labels: nl (default, or `language` in socius.toml) or en.")]


class StatsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


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


STORE_HINTS = {  # what a user can do about the store's most common refusals
    "readonly": ": the store file or its folder is read-only; check their permissions",
    "disk is full": ": the disk is full; free some space and run it again",
    "database is locked": ": another socius command held the store for over a minute; try again",
}


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
            _say("error: ", str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _say("", "interrupted: nothing of an unfinished import was stored")
            raise typer.Exit(130) from None
        except _StoreFailure as failure:
            cause = failure.args[0]
            orig = getattr(cause, "orig", None) or cause
            first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
            hint = next((h for k, h in STORE_HINTS.items() if k in first.lower()), "")
            _say("error: ", f"the store could not complete this ({first[:200]}){hint}; nothing was changed")
            raise typer.Exit(1) from None
        except MemoryError:
            _say("error: ", "out of memory; nothing was changed")
            raise typer.Exit(1) from None
        except OSError as exc:
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            _say("error: ", f"{exc.strerror or exc}{where}; nothing was changed")
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug of ours: still one line; SOCIUS_DEBUG=1 shows the traceback
            if os.environ.get("SOCIUS_DEBUG"):
                raise
            _say("error: ", f"unexpected failure ({type(exc).__name__}: {_first_line(exc)}); nothing was "
                            "changed. Please report it; SOCIUS_DEBUG=1 shows the details")
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
                                          help="Show the version and exit.")] = False,
) -> None:
    """socius: import, check and store registrations; compute and publish the yearly figures."""


def _settings(db: str | None, lang: str | None = None) -> Settings:
    from . import config

    s = config.load(db_option=db)
    if lang:
        if lang not in ("nl", "en"):
            raise UsageError(f"--lang must be nl or en, not '{lang}'")
        s.language = lang
    return s


def _open_store(db: str, create: bool = False) -> Store:
    from .store.store import Store

    return Store(db, create=create)


def _year(store: Store, year: int | None) -> int:
    if year is not None:
        return year
    years = store.years()
    if not years:
        raise SociusError("the store holds no data yet: run `socius import` first")
    return years[-1]


@app.command("import")
@friendly
def import_(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Spreadsheets (.xlsx, .xlsm, .ods, .xls, .csv) or folders holding them. "
             "Default: [import] paths in socius.toml, else the spreadsheets in this folder.")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check and show what would change; store nothing.")] = False,
    allow_published_changes: Annotated[bool, typer.Option(
        "--allow-published-changes",
        help="Store the import even if it changes figures of a published year (recorded in the history).")] = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Check spreadsheets against the data contract and store them: all or nothing."""
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    from .changes import PublishedChangesRefused
    from .importing import import_into
    from .output import import_warnings, published_change, summary_table

    settings = _settings(db, lang)
    if not paths:
        paths = settings.import_paths or [Path.cwd()]
        err.print("Importing " + ", ".join(str(p) for p in paths)
                  + (" (from socius.toml)" if settings.import_paths else " (this folder)"))
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,} rows"),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(name: str, rows: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"Reading {name}", total=None)
            bar.update(tasks[name], completed=rows)

        try:
            result = import_into(settings.db, paths, dry_run=dry_run, progress=progress,
                                 allow_published_changes=allow_published_changes)
        except ImportRejected as exc:
            bar.stop()
            for p in exc.problems:
                _say("", str(p))
            raise
        except PublishedChangesRefused as exc:
            bar.stop()
            for change in exc.changes:
                _say("", published_change(change, settings.language))
            raise
    err.print("Read: " + ", ".join(f.name for f in result.files), markup=False, highlight=False)
    for n in result.batch.notices:
        err.print(f"note: {n}", markup=False, highlight=False, soft_wrap=True)
    for w in [*result.batch.warnings, *import_warnings(result, settings.language)]:
        err.print(f"warning: {w}", markup=False, highlight=False, soft_wrap=True)
    out.print(summary_table(result.summary, settings.language, dry_run))


@app.command()
@friendly
def stats(
    year: Annotated[int | None, typer.Argument(help="The year; default: the latest year in the store.")] = None,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="table, json or csv.")] = StatsFormat.table,
    compare: Annotated[int | None, typer.Option(
        "--compare", help="Show this year beside it, with the change.")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The indicators of a year: open offering, formats, themes, target groups, demand-driven work."""
    from . import output
    from .figures.compare import published_status
    from .store.quick import published_sqlite, read_sqlite

    settings = _settings(db, lang)
    # The figures precomputed at import, read without SQLAlchemy when the store is SQLite.
    hit = read_sqlite(settings.db, year)
    hit_other = read_sqlite(settings.db, compare) if hit and compare is not None else None
    if hit and (compare is None or hit_other):
        figures, other = hit[1], hit_other[1] if hit_other else None
        record = published_sqlite(settings.db, hit[0])
        status = published_status(hit[0], *record, figures) if record else None
    else:
        from .figures.lookup import year_figures
        from .publishing import status as published_now

        store = _open_store(settings.db)
        y = _year(store, year)
        figures = year_figures(store, y)
        other = year_figures(store, compare) if compare is not None else None
        status = published_now(store, y, figures)
    if format is StatsFormat.json:
        print(output.to_json(figures | ({"published": status.as_json()} if status else {}), other))
    elif format is StatsFormat.csv:
        sys.stdout.write(output.to_csv(figures, other))
        for line in output.published_lines(status, settings.language) if status else []:
            err.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        out.print(output.stats_tables(figures, settings.language, other))
        for line in output.published_lines(status, settings.language) if status else []:
            out.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
@friendly
def report(
    year: Annotated[int | None, typer.Argument(help="The year; default: the latest year in the store.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="md, html, pdf or xlsx.")] = ReportFormat.html,
    output_path: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write; default: voortgangsrapport-YEAR.EXT in this folder.")] = None,
    text: Annotated[Path | None, typer.Option(
        "--text", help="The staff's Markdown text (introduction, sections, photos) to merge in.")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help="A folder whose templates override the built-in ones, by file name.")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The progress report (voortgangsrapport) of a year, with the previous year beside it when stored."""
    from .figures.explain import annex
    from .figures.lookup import previous_year, year_figures
    from .publishing import status as published_now
    from .report.write import default_text_path, write_report

    settings = _settings(db, lang)
    store = _open_store(settings.db)
    y = _year(store, year)
    figures = year_figures(store, y)
    previous = previous_year(store, y)
    path = output_path or Path(f"voortgangsrapport-{y}.{format.value}")
    text_path = text if text is not None else default_text_path(y, Path.cwd())
    if text is not None and not text.is_file():
        raise SociusError(f"--text {text}: no such file")
    with store.engine.connect() as conn:
        rows = annex(conn, y)  # the rows behind the figures: the report's annex
    written = write_report(stats=figures, previous=previous, fmt=format.value, output=path,
                           lang=settings.language, organisation=settings.organisation,
                           text_path=text_path, template_dir=template, annex=rows,
                           published=published_now(store, y, figures),
                           colours=settings.report_colours, logo=settings.report_logo)
    for p in written:
        err.print(f"Wrote {p}", markup=False, highlight=False)


@app.command()
@friendly
def forget(
    email: Annotated[str, typer.Argument(
        help="The person's e-mail address (or name) as it was registered; case and spaces do not matter.")],
    db: DbOption = None,
) -> None:
    """Erase one person's registrations (right to erasure). The address is not shown or kept."""
    from .privacy import forget as forget_person

    settings = _settings(db)
    n = forget_person(_open_store(settings.db), email)
    err.print(f"Removed {n} registration{'s' if n != 1 else ''} of this person"
              + ("." if n else " (none were stored)."), markup=False, highlight=False)


@app.command()
@friendly
def purge(
    before: Annotated[int, typer.Option("--before", help="Purge the years before this one.")],
    db: DbOption = None,
) -> None:
    """Remove participant-level rows (registrations, evaluations) of the years before YEAR,
    keeping those years' figures: they are frozen first and stats and reports show them."""
    from .privacy import purge as purge_years

    settings = _settings(db)
    done = purge_years(_open_store(settings.db), before)
    if done.frozen:
        err.print("Froze the figures of " + ", ".join(map(str, done.frozen)) + ".", markup=False, highlight=False)
    err.print(f"Removed {done.registrations} registration{'s' if done.registrations != 1 else ''} and "
              f"{done.evaluations} evaluation{'s' if done.evaluations != 1 else ''} of activities before {before}.",
              markup=False, highlight=False)


@app.command()
@friendly
def explain(
    year: Annotated[int, typer.Argument(help="The year.")],
    indicator: Annotated[str, typer.Argument(
        help="The figure, by its key in `socius stats --format json`: activities, half_days, participations, "
             "persons_reached, recognised_orgs_reached, requests_supported, nps, themes, topics, ...")],
    format: Annotated[ExplainFormat, typer.Option(
        "--format", "-f", help="table, csv, xlsx or json.")] = ExplainFormat.table,
    output_path: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file; default: the terminal (xlsx: uitleg-YEAR-INDICATOR.xlsx).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The rows behind one figure (activities, organisations, requests; per activity counts for
    figures about people, never a person) and how they add up to it."""
    from . import explanations
    from .figures.explain import check_indicator
    from .figures.explain import explain as rows_behind
    from .i18n import _

    settings = _settings(db, lang)
    key = check_indicator(indicator)
    store = _open_store(settings.db)
    with store.engine.connect() as conn:
        ex = rows_behind(conn, year, key)
    if format is ExplainFormat.xlsx:
        from .report.annex import write_explanation

        path = output_path or Path(f"uitleg-{year}-{key}.xlsx")
        write_explanation(ex, path, settings.language)
        err.print(_("Wrote {path}").format(path=path), markup=False, highlight=False)
        return
    if format is ExplainFormat.table:
        text = explanations.table(ex, settings.language)
        if output_path is None:
            out.print(text)
            return
        from .output import render_text

        body = render_text(text, width=160)
    else:
        body = (explanations.to_json(ex, settings.language) + "\n" if format is ExplainFormat.json
                else explanations.to_csv(ex, settings.language))
    if output_path is None:
        sys.stdout.write(body)
        return
    try:
        output_path.write_text(body, encoding="utf-8")
    except OSError as e:
        raise SociusError(_("cannot write {path} ({reason})").format(path=output_path, reason=e.strerror)) from None
    err.print(_("Wrote {path}").format(path=output_path), markup=False, highlight=False)


@app.command()
@friendly
def publish(
    year: Annotated[int, typer.Argument(help="The year whose figures are published.")],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record a year's figures as published: from then on an import that would change them is
    refused (unless --allow-published-changes), and stats and report say what differs."""
    from .i18n import _
    from .output import day_text
    from .publishing import publish as publish_year

    settings = _settings(db, lang)
    record, earlier = publish_year(_open_store(settings.db), year)
    if earlier is not None:
        err.print(_("The figures of {year} were published before, on {date}; that publication stays in "
                    "`socius history`.").format(year=year, date=day_text(earlier.at, settings.language)),
                  markup=False, highlight=False, soft_wrap=True)
    err.print(_("Published the figures of {year} on {date}. An import that would change them is refused "
                "from now on, unless it is given --allow-published-changes.").format(
                    year=year, date=day_text(record.at, settings.language)),
              markup=False, highlight=False, soft_wrap=True)


@app.command()
@friendly
def history(
    format: Annotated[HistoryFormat, typer.Option("--format", "-f", help="table or json.")] = HistoryFormat.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The imports and publications so far: when, by whom, which files (name, size, SHA-256), what changed."""
    from .output import history_json, history_table
    from .publishing import entries

    settings = _settings(db, lang)
    found = entries(_open_store(settings.db))
    if format is HistoryFormat.json:
        print(history_json(found))
    else:
        out.print(history_table(found, settings.language))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
