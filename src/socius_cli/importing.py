"""One `socius import`: read every file, check everything, then store all of it or nothing.

The import owns its write transaction (`Store.writing`): the checked records are stored and
the figures of every year they change are refreshed in it (`figures.lookup.refresh`), so
the cache never disagrees with the rows. In the same transaction it finds what the summary
alone does not say (`changes.py`: activities and requests that move to another year, dates
that look like typos, published figures it would change: then it is refused unless
allowed) and records itself in the history (`store/history.py`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlalchemy as sa

from . import changes
from .contract import TABLES, Table, periods_overlap
from .errors import SociusError
from .figures import lookup
from .figures.compare import Difference, Figures
from .figures.indicators import compute_live
from .i18n import _, join, ngettext, number
from .ingest.check import Batch, check_import, span
from .ingest.read import expand_paths, iter_file
from .ingest.records import COLUMNS, PERSON
from .ingest.registrations import codes as activity_codes
from .ingest.sheet import Progress, RawSheet
from .problems import ImportRejected
from .store import cache, history
from .store.store import Counts, Store, sqlite_path, years_with_data


@dataclass
class ImportResult:
    files: list[Path]
    batch: Batch
    summary: dict[str, Counts]
    dry_run: bool
    # warnings (contract section 2) and published figures changed (section 3), as data
    moves: list[changes.Move] = field(default_factory=list)
    year_changes: dict[int, list[Difference]] = field(default_factory=dict)
    implausible: list[changes.Implausible] = field(default_factory=list)
    published_changes: list[changes.PublishedChange] = field(default_factory=list)


class NothingToImport(SociusError):
    """Files that hold no data rows; `notices` say which sheets were skipped, and why."""

    def __init__(self, message: str, notices: list[str]) -> None:
        super().__init__(message)
        self.notices = notices


def run_import(paths: list[Path], store: Store, dry_run: bool = False,
               progress: Callable[[str, int], None] | None = None,
               allow_published_changes: bool = False, tables: tuple[Table, ...] = TABLES) -> ImportResult:
    """Raises ImportRejected (with every problem), PublishedChangesRefused or SociusError;
    stores nothing then.

    `tables`: the contract to check against (with the user's own names, `names.py`)."""
    files = expand_paths(paths)
    if not files:
        raise SociusError(_("no spreadsheets to import (.xlsx, .xlsm, .ods, .xls or .csv)"))

    def sheets() -> Iterator[RawSheet]:
        # Read lazily: each sheet is checked while the next big one is being parsed, and
        # released once checked. A file refused on reading still stops the whole import.
        for f in files:
            report: Progress | None = (lambda n, name=f.name: progress(name, n)) if progress else None
            yield from iter_file(f, report)

    batch = check_import(sheets(), store.known_codes, store.hasher(), tables)
    _stored_register_overlaps(batch, store)
    if batch.problems:
        raise ImportRejected(batch.problems, batch.notices)
    _respect_purge(batch, store)
    if not any(batch.records.values()) and not batch.registrations.num_rows:
        raise NothingToImport(_("no data rows found in {files}; nothing was imported").format(
            files=", ".join(f.name for f in files)), batch.skipped)
    # the stored columns, and each participant's number for counting persons (`PERSON`):
    # where each row came from (`_src`, `_row`) is for messages only
    regs = (batch.registrations.select([*COLUMNS, *([PERSON] if PERSON in batch.registrations.column_names else [])])
            if batch.registrations.num_rows else None)
    result = ImportResult(files, batch, {}, dry_run)
    with store.writing(dry_run=dry_run) as conn:
        years_before = lookup.touched_years(conn, batch.records, regs)  # an activity may move year
        stored = changes.stored_dates(conn, batch.records)
        moved = changes.moves(stored, batch.records)
        result.implausible = changes.implausible(batch.records, stored, changes.year_rows(conn),
                                                 dt.date.today().year)
        published = history.published_years(conn)
        move_years = {y for m in moved for y in (m.old_year, m.new_year)}
        watched = (set(published) | move_years) - cache.frozen_years(conn)  # frozen years never move
        before = {y: _figures(conn, y) for y in watched}

        result.summary = summary = store.apply(conn, batch.records, regs)
        years = years_before | lookup.imported_years(batch.records)  # as touched_years would say now
        every_year = lookup.register_changed(summary)
        changed = {y for y in watched if every_year or y in years}
        if dry_run:
            after = {y: _figures(conn, y, live=True) for y in changed}
        else:
            # also the years cached by an older version of the figures (a store made by an
            # older socius): refreshed once, so that stats reads them quickly again
            stale = years_with_data(conn) - cache.current_years(conn) - cache.frozen_years(conn)
            refreshed = lookup.refresh(conn, years | stale, all_years=every_year, imported=regs)
            after = {y: refreshed.get(y) or compute_live(conn, y) for y in changed}
        after.update({y: before[y] for y in watched - changed})

        result.moves = changes.with_registrations(conn, moved)
        result.year_changes = changes.year_changes(before, after, move_years)
        result.published_changes = changes.published_changes(published, before, after)
        if result.published_changes and not allow_published_changes:
            raise changes.PublishedChangesRefused(result.published_changes, dry_run)  # rolls back
        if not dry_run:
            history.record(conn, "import", {
                "files": [history.file_record(f) for f in files],
                "summary": {name: asdict(c) for name, c in summary.items()},
                "published_changes": [c.as_json() for c in result.published_changes],
            })
    return result


def _figures(conn: sa.Connection, year: int, live: bool = False) -> Figures:
    """The figures of `year` (those of an empty year when it has no data)."""
    return (None if live else lookup.figures_on(conn, year)) or compute_live(conn, year)


def _stored_register_overlaps(batch: Batch, store: Store) -> None:
    """An imported register row whose period overlaps a stored row of the same organisation
    with another period (2018-2022 against a stored 2016-2020) is a problem: the register of
    a year must be one row per organisation."""
    rows = batch.records["organisations"]
    if not rows:
        return
    stored = store.register_periods({r["key"] for r in rows})
    for rec in rows:
        for period, first, last in stored.get(rec["key"], []):
            other = None if first is None else (first, first if last is None else last)
            if period != rec["period"] and periods_overlap(span(rec), other):
                batch.problems.append(batch.problem(rec, "period", rec["period"] or None,
                                                    "overlapping-stored-period",
                                                    period=rec["period"], other=period))
                break


def _respect_purge(batch: Batch, store: Store) -> None:
    """Leave out participant rows of purged years (with a warning): they stay removed, and
    the frozen figures of those years stay as published."""
    frozen = store.frozen_years()
    if not frozen:
        return
    year_of = {a["code"]: a["year"] for a in batch.records["activities"]}
    codes = {r["activity"] for r in batch.records["evaluations"]} | activity_codes(batch.registrations)
    year_of.update(store.activity_years(codes - year_of.keys()))
    purged = {c for c in codes if year_of.get(c) in frozen}
    years = sorted({year_of[c] for c in purged})
    if purged:
        import pyarrow as pa
        import pyarrow.compute as pc

        regs = batch.registrations
        batch.registrations = regs.filter(
            pc.invert(pc.is_in(regs["activity"], value_set=pa.array(sorted(purged), pa.string()))))
        evaluations = batch.records["evaluations"]
        batch.records["evaluations"] = [r for r in evaluations if r["activity"] not in purged]
        left_out = (regs.num_rows - batch.registrations.num_rows
                    + len(evaluations) - len(batch.records["evaluations"]))
        batch.warnings.append(ngettext(
            "left out {n} registration or evaluation of activities of {years}, whose participant data "
            "was removed with `socius purge`",
            "left out {n} registrations and evaluations of activities of {years}, whose participant data "
            "was removed with `socius purge`", left_out).format(n=number(left_out), years=join(list(map(str, years)))))
    touched = {a["year"] for a in batch.records["activities"]} | {r["year"] for r in batch.records["requests"]}
    if touched & frozen:
        batch.warnings.append(_(
            "the figures of {years} are frozen (socius purge): activities or requests of those years are stored "
            "but do not change them").format(years=join(list(map(str, sorted(touched & frozen))))))


def import_into(db: str, paths: list[Path], dry_run: bool = False,
                progress: Callable[[str, int], None] | None = None,
                allow_published_changes: bool = False, tables: tuple[Table, ...] = TABLES) -> ImportResult:
    """Import into the store `db`, creating it if need be.

    A SQLite store that does not exist yet is built in a hidden file beside it and linked
    into place only once its first import is stored: a refused first import leaves no file,
    and no other process ever opens a store that is still being made.
    """
    path = sqlite_path(db)
    if path is None or path.exists():
        return run_import(paths, Store(db), dry_run=dry_run, progress=progress,
                          allow_published_changes=allow_published_changes, tables=tables)
    if dry_run:  # compare against an empty store in memory; make no file
        return run_import(paths, Store("sqlite://"), dry_run=True, progress=progress, tables=tables)
    if not path.parent.is_dir():
        raise SociusError(_("cannot create the store {path}: the folder {folder} does not exist").format(
            path=path, folder=path.parent))
    new = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        store = Store(str(new))
        try:
            result = run_import(paths, store, progress=progress, tables=tables)
        finally:
            store.engine.dispose()
        try:
            os.link(new, path)  # atomic; never replaces a store that another import made meanwhile
        except FileExistsError:
            # Another first import won the race: import again, into the store it made.
            return run_import(paths, Store(db), progress=progress, tables=tables,
                              allow_published_changes=allow_published_changes)
        except OSError:  # a file system without hard links
            if path.exists():
                return run_import(paths, Store(db), progress=progress, tables=tables,
                              allow_published_changes=allow_published_changes)
            os.replace(new, path)
        return result
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{new}{suffix}").unlink(missing_ok=True)
