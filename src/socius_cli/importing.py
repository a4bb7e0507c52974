"""One `socius import`: read every file, check everything, then store all of it or nothing.

The import owns its write transaction (`Store.writing`): the checked records are stored and
the figures of every year they change are refreshed in it (`figures.lookup.refresh`), so
the cache never disagrees with the rows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .contract import TABLES, Table
from .errors import SociusError
from .figures import lookup
from .i18n import _, join, ngettext, number
from .ingest.check import Batch, check_import
from .ingest.read import expand_paths, iter_file
from .ingest.registrations import codes as activity_codes
from .ingest.sheet import Progress, RawSheet
from .problems import ImportRejected
from .store.store import Counts, Store, sqlite_path


@dataclass
class ImportResult:
    files: list[Path]
    batch: Batch
    summary: dict[str, Counts]
    dry_run: bool


class NothingToImport(SociusError):
    """Files that hold no data rows; `notices` say which sheets were skipped, and why."""

    def __init__(self, message: str, notices: list[str]) -> None:
        super().__init__(message)
        self.notices = notices


def run_import(paths: list[Path], store: Store, dry_run: bool = False,
               progress: Callable[[str, int], None] | None = None,
               tables: tuple[Table, ...] = TABLES) -> ImportResult:
    """Raises ImportRejected (with every problem) or SociusError; stores nothing then.

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
    if batch.problems:
        raise ImportRejected(batch.problems, batch.notices)
    _respect_purge(batch, store)
    if not any(batch.records.values()) and not batch.registrations.num_rows:
        raise NothingToImport(_("no data rows found in {files}; nothing was imported").format(
            files=", ".join(f.name for f in files)), batch.skipped)
    regs = batch.registrations if batch.registrations.num_rows else None
    with store.writing(dry_run=dry_run) as conn:
        years_before = lookup.touched_years(conn, batch.records, regs)  # an activity may move year
        summary = store.apply(conn, batch.records, regs)
        if not dry_run:
            lookup.refresh(conn, years_before | lookup.touched_years(conn, batch.records, regs),
                           all_years=lookup.register_changed(summary), imported=regs)
    return ImportResult(files, batch, summary, dry_run)


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
                tables: tuple[Table, ...] = TABLES) -> ImportResult:
    """Import into the store `db`, creating it if need be.

    A SQLite store that does not exist yet is built in a hidden file beside it and linked
    into place only once its first import is stored: a refused first import leaves no file,
    and no other process ever opens a store that is still being made.
    """
    path = sqlite_path(db)
    if path is None or path.exists():
        return run_import(paths, Store(db), dry_run=dry_run, progress=progress, tables=tables)
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
            return run_import(paths, Store(db), progress=progress, tables=tables)
        except OSError:  # a file system without hard links
            if path.exists():
                return run_import(paths, Store(db), progress=progress, tables=tables)
            os.replace(new, path)
        return result
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{new}{suffix}").unlink(missing_ok=True)
