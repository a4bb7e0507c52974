"""One `socius import`: read every file, check everything, then store all of it or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .check import Batch, check_import
from .errors import ImportRejected, SociusError
from .read import Progress, RawSheet, expand_paths, iter_file
from .store import Counts, Store


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
    if not any(batch.records.values()):
        raise SociusError("no data rows found in " + ", ".join(f.name for f in files) + "; nothing was imported")
    summary = store.apply(batch.records, dry_run=dry_run)
    return ImportResult(files, batch, summary, dry_run)
