"""Registrations in bulk: typed column by column, de-duplicated and stored in one pass.

A big import is nearly all registrations. Their columns repeat few values (activity codes,
organisations, yes/no words), so each column is dictionary-encoded with Arrow and the
contract's own cell parsers (`check._value`, the exact per-cell rules) run once per distinct
value, not once per cell; participants are hashed once per distinct person. Problems are
worded and ordered exactly as the per-row path does (`check.check_sheet`).

Storing goes around the ORM-ish layer: SQLite gets one `executemany` over a stream of rows,
PostgreSQL gets `COPY ... FROM STDIN`, both inside the import's transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..contract import attended, org_key
from ..errors import Problem
from .records import COLUMNS, Batch, arrow_schema
from .sheet import column_letter
from .values import BadValue, is_blank, shown

# Provenance of every row, for messages: index into Batch.frame_sources, and Excel row.
WHERE = ("_src", "_row")


def _encode(col) -> tuple[list, np.ndarray]:
    """(distinct values as Python objects, index of each row's value)."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    enc = pc.dictionary_encode(col, null_encoding="encode")
    return enc.dictionary.to_pylist(), enc.indices.to_numpy(zero_copy_only=False)


def check_registrations(raw, mapped, batch, hasher: Callable[[str], str]) -> None:
    """Type a registrations sheet read by `fastread` into `batch`'s registrations frame."""
    from .check import _value

    rows = raw.rows
    n = len(rows)
    numbers = np.asarray(rows.numbers)
    bad_any = np.zeros(n, dtype=bool)
    parsed: dict[str, tuple[list, np.ndarray]] = {}
    failures: list[tuple[object, int, list, list, np.ndarray]] = []  # field, col, errors, shown, idx
    for f, i in mapped:
        col = rows.column(i)
        if col is None:
            uniques, idx = [None], np.zeros(n, dtype=np.int64)
        else:
            uniques, idx = _encode(col)
        values: list = []
        errors: list = []
        for u in uniques:
            try:
                values.append(_value(f, u))
                errors.append(None)
            except BadValue as exc:
                values.append(None)
                errors.append(f"expected {exc}")
        bad_u = np.array([e is not None for e in errors], dtype=bool)
        if bad_u.any():
            bad_rows = bad_u[idx]
            bad_any |= bad_rows
            shown_u = [None if f.name == "participant" or is_blank(u) else shown(u) for u in uniques]
            failures.append((f, i, errors, shown_u, idx))
        parsed[f.name] = (values, idx)

    if bad_any.any():
        for r in np.flatnonzero(bad_any):
            for f, i, errors, shown_u, idx in failures:
                e = errors[idx[r]]
                if e is not None:
                    batch.problems.append(Problem(raw.file, raw.sheet, int(numbers[r]), raw.headers[i],
                                                  shown_u[idx[r]], e, column_letter(i)))
    keep = ~bad_any
    n_keep = int(keep.sum())

    def column(name: str, convert=None, default=None) -> pa.Array:
        if name not in parsed:
            return pa.nulls(n_keep, arrow_schema().field(name).type) if default is None else \
                pa.array(np.full(n_keep, default), arrow_schema().field(name).type)
        values, idx = parsed[name]
        if convert:
            values = [convert(v) for v in values]
        dictionary = pa.array(values, arrow_schema().field(name).type)
        return dictionary.take(pa.array(idx[keep]))

    def participant(v):
        return hasher(v) if v is not None else None

    data = {
        "activity": column("activity"),
        "participant": column("participant", participant),
        "organisation": column("organisation"),
        "org_key": column("organisation", org_key) if "organisation" in parsed else column("org_key"),
        "target_group": column("target_group"),
        "attended": column("attended", attended, default=True),
    }
    src = len(batch.frame_sources)
    batch.frame_sources.append((raw.file, raw.sheet))
    data["_src"] = pa.array(np.full(n_keep, src, dtype=np.int32))
    data["_row"] = pa.array(numbers[keep].astype(np.int64))
    batch.frames.append((len(batch.records["registrations"]), pa.table(data)))


def records_table(records: list[dict], src_of: Callable[[tuple], int] | None = None) -> pa.Table:
    """Registrations as dicts (the per-row path) to the frame's columns."""
    data = {c: pa.array([r[c] for r in records], arrow_schema().field(c).type) for c in COLUMNS}
    if src_of is not None:
        data["_src"] = pa.array([src_of(r["_where"]) for r in records], pa.int32())
        data["_row"] = pa.array([r["_where"][2] for r in records], pa.int64())
    return pa.table(data)


def combine(batch) -> None:
    """Merge the per-row registrations and the frames, in sheet order, into one frame,
    dropping repeated (activity, participant) pairs with the same warnings as `_duplicates`."""
    index: dict[tuple, int] = {s: i for i, s in enumerate(batch.frame_sources)}

    def src_of(where: tuple) -> int:
        key = (where[0], where[1])
        if key not in index:
            index[key] = len(batch.frame_sources)
            batch.frame_sources.append(key)
        return index[key]

    records = batch.records["registrations"]
    parts, at = [], 0
    for pos, frame in batch.frames:
        if pos > at:
            parts.append(records_table(records[at:pos], src_of))
        parts.append(frame)
        at = pos
    if at < len(records):
        parts.append(records_table(records[at:], src_of))
    table = pa.concat_tables(parts) if parts else records_table([], src_of)
    batch.frames = []
    batch.records["registrations"] = []

    if table.num_rows:
        first, idx = _first_of_pairs(table["activity"], table["participant"])
        dup = np.ones(table.num_rows, dtype=bool)
        dup[first] = False
        if dup.any():
            first_of = first[idx]
            srcs = table["_src"].to_numpy()
            rows = table["_row"].to_numpy()
            for r in np.flatnonzero(dup):
                f = first_of[r]
                batch.warnings.append(
                    f"{_where(batch, srcs[r], rows[r])}: the same participant and activity "
                    f"'{table['activity'][int(r)].as_py()}' as {_where(batch, srcs[f], rows[f])}; counted once")
            table = table.filter(pa.array(~dup))
    batch.registrations = table


def _first_of_pairs(activity, participant) -> tuple[np.ndarray, np.ndarray]:
    """(index of the first row of each distinct (activity, participant) pair, and of each row
    the number of its pair, 0 to the number of pairs - 1).

    Each column is dictionary-encoded on its own and the pair is one int64, which is much
    cheaper than encoding a million joined strings; with a null in either column (never
    for checked rows) the joined strings are encoded as before.
    """
    if activity.null_count or participant.null_count:
        _, idx = _encode(pc.binary_join_element_wise(activity, participant, "\x00"))
    else:
        _, a_idx = _encode(activity)
        p_values, p_idx = _encode(participant)
        idx = a_idx.astype(np.int64) * max(len(p_values), 1) + p_idx
    _, first, inverse = np.unique(idx, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _where(batch, src, row) -> str:
    file, sheet = batch.frame_sources[int(src)]
    return f"{file}" + (f", sheet '{sheet}'" if sheet else "") + f", row {int(row)}"


def codes(registrations: pa.Table) -> set[str]:
    """The activity codes that registrations name."""
    return set(pc.unique(registrations["activity"]).to_pylist())


def drop_unknown(batch, missing: set[str]) -> None:
    """Reject the frame's registrations of unknown activities, as `_references` does."""
    table = batch.registrations
    bad = pc.is_in(table["activity"], value_set=pa.array(sorted(missing), pa.string()))
    bad_np = bad.to_numpy(zero_copy_only=False)
    srcs, rows = table["_src"].to_numpy(), table["_row"].to_numpy()
    for r in np.flatnonzero(bad_np):
        file, sheet = batch.frame_sources[int(srcs[r])]
        rec = {"_where": (file, sheet, int(rows[r])), "activity": table["activity"][int(r)].as_py()}
        batch.problems.append(batch.problem(
            rec, "activity", rec["activity"],
            "an activity code that is in the store or in this import (unknown activity)"))
    batch.registrations = table.filter(pc.invert(bad))
