"""One `socius import`: read every file, check everything, then store all of it or nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .check import Batch, check_import
from .errors import ImportRejected, SociusError
from .read import Progress, RawSheet, expand_paths, iter_file
from .store import Counts, Store, sqlite_path


@dataclass
class ImportResult:
    files: list[Path]
    batch: Batch
    summary: dict[str, Counts]
    dry_run: bool


def run_import(paths: list[Path], store: Store, dry_run: bool = False,
               progress: Callable[[str, int], None] | None = None) -> ImportResult:
    """Raises ImportRejected (with every problem) or SociusError; stores nothing then."""
    files = expand_paths(paths)
    if not files:
        raise SociusError("no spreadsheets to import (.xlsx, .xlsm, .ods, .xls or .csv)")

    def sheets() -> Iterator[RawSheet]:
        # Read lazily: each sheet is checked while the next big one is being parsed, and
        # released once checked. A file refused on reading still stops the whole import.
        for f in files:
            report: Progress | None = (lambda n, name=f.name: progress(name, n)) if progress else None
            yield from iter_file(f, report)

    batch = check_import(sheets(), store.known_codes, store.hasher())
    if batch.problems:
        raise ImportRejected(batch.problems)
    _respect_purge(batch, store)
    if not any(batch.records.values()):
        raise SociusError("no data rows found in " + ", ".join(f.name for f in files) + "; nothing was imported")
    summary = store.apply(batch.records, dry_run=dry_run)
    return ImportResult(files, batch, summary, dry_run)


def _respect_purge(batch: Batch, store: Store) -> None:
    """Leave out participant rows of purged years (with a warning): they stay removed, and
    the frozen figures of those years stay as published."""
    frozen = store.frozen_years()
    if not frozen:
        return
    year_of = {a["code"]: a["year"] for a in batch.records["activities"]}
    codes = {r["activity"] for r in batch.records["evaluations"]}
    if batch.frame is not None:  # registrations typed in bulk (an Arrow table)
        from .bulk import codes as bulk_codes

        codes |= bulk_codes(batch)
    else:
        codes |= {r["activity"] for r in batch.records["registrations"]}
    year_of.update(store.activity_years(codes - year_of.keys()))
    purged = {c for c in codes if year_of.get(c) in frozen}
    years = sorted({year_of[c] for c in purged})
    if purged:
        left_out = 0
        for name in ("registrations", "evaluations"):
            rows = batch.records[name]
            if name == "registrations" and batch.frame is not None:
                import pyarrow as pa
                import pyarrow.compute as pc

                keep = pc.invert(pc.is_in(rows["activity"], value_set=pa.array(sorted(purged), pa.string())))
                kept = rows.filter(keep)
                batch.frame = kept
            else:
                kept = [r for r in rows if r["activity"] not in purged]
            left_out += len(rows) - len(kept)
            batch.records[name] = kept
        batch.warnings.append(
            f"left out {left_out:,} registrations and evaluations of activities of "
            + ", ".join(map(str, years)) + ", whose participant data was removed with `socius purge`")
    touched = {a["year"] for a in batch.records["activities"]} | {r["year"] for r in batch.records["requests"]}
    if touched & frozen:
        batch.warnings.append(
            "the figures of " + ", ".join(map(str, sorted(touched & frozen))) + " are frozen (socius purge): "
            "activities or requests of those years are stored but do not change them")


def import_into(db: str, paths: list[Path], dry_run: bool = False,
                progress: Callable[[str, int], None] | None = None) -> ImportResult:
    """Import into the store `db`, creating it if need be.

    A SQLite store that does not exist yet is built in a hidden file beside it and linked
    into place only once its first import is stored: a refused first import leaves no file,
    and no other process ever opens a store that is still being made.
    """
    path = sqlite_path(db)
    if path is None or path.exists():
        return run_import(paths, Store(db), dry_run=dry_run, progress=progress)
    if dry_run:  # compare against an empty store in memory; make no file
        return run_import(paths, Store("sqlite://"), dry_run=True, progress=progress)
    if not path.parent.is_dir():
        raise SociusError(f"cannot create the store {path}: the folder {path.parent} does not exist")
    new = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        store = Store(str(new))
        try:
            result = run_import(paths, store, progress=progress)
        finally:
            store.engine.dispose()
        try:
            os.link(new, path)  # atomic; never replaces a store that another import made meanwhile
        except FileExistsError:
            # Another first import won the race: import again, into the store it made.
            return run_import(paths, Store(db), progress=progress)
        except OSError:  # a file system without hard links
            if path.exists():
                return run_import(paths, Store(db), progress=progress)
            os.replace(new, path)
        return result
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{new}{suffix}").unlink(missing_ok=True)
