"""Registrations, typed column by column into the one Arrow shape of `records.py`.

A big import is nearly all registrations. Their columns repeat few values (activity codes,
organisations, yes/no words), so each column is dictionary-encoded (by Arrow for sheets read
by `arrow.py`, by a dict for rows read cell by cell) and the contract's own cell rule
(`values.typed`) runs once per distinct value, not once per cell; participants are hashed
once per distinct person. Problems are worded and ordered as the row-by-row check of the
other tables words and orders them (row by row, then column by column).

`combine` then merges every sheet's registrations into one table and drops repeated
(activity, participant) pairs with a warning; `drop_unknown` refuses the registrations of
activities that neither the store nor the import has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..contract import Field, Kind, attended, org_key
from ..i18n import _
from ..problems import place, problem
from .records import PERSON, Batch, arrow_schema
from .sheet import ArrowRows, RawSheet, column_letter
from .values import BadValue, is_blank, shown, typed

# Provenance of every row, for messages: index into Batch.frame_sources, and Excel row.
WHERE = ("_src", "_row")


def _encode(col: pa.Array | pa.ChunkedArray) -> tuple[list[Any], np.ndarray]:
    """(distinct values as Python objects, index of each row's value)."""
    uniques, idx, _ = _encode_arrow(col)
    return uniques, idx


def _encode_arrow(col: pa.Array | pa.ChunkedArray, pylist: bool = True) -> tuple[list[Any], np.ndarray, pa.Array]:
    """`_encode`, and the distinct values as Arrow (as Python objects only with `pylist`)."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    enc = pc.dictionary_encode(col, null_encoding="encode")
    return (enc.dictionary.to_pylist() if pylist else [], enc.indices.to_numpy(zero_copy_only=False),
            enc.dictionary)


def _plain_texts(values: pa.Array) -> list[bool]:
    """`_plain_text` of each value, in Arrow: a text of printable ASCII (no control character,
    no DEL), not empty, not starting with a space or "#", not ending with a space."""
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        return [_plain_text(v) for v in values.to_pylist()]
    plain = pc.and_(pc.string_is_ascii(values), pc.greater(pc.binary_length(values), 0))
    for bad in (pc.match_substring_regex(values, "[\\x00-\\x1f\\x7f]"),
                pc.starts_with(values, " "), pc.starts_with(values, "#"), pc.ends_with(values, " ")):
        plain = pc.and_(plain, pc.invert(bad))
    return pc.fill_null(plain, False).to_pylist()


def _plain_keys(values: pa.Array) -> list[str | None]:
    """`values.identity_key` of each value that is a plain text (`_plain_texts`): printable
    ASCII, so casefold is lower and the only white space is the space."""
    return pc.replace_substring(pc.ascii_lower(values), " ", "").to_pylist()


def _encode_cells(cells: Sequence[object]) -> tuple[list[Any], np.ndarray]:
    """`_encode` for cells read one by one: equal cells of one type share an index.

    Floats are told apart by their repr, so that 0.0 and -0.0 stay two cells and every NaN
    is one; a bool is never the same cell as 1."""
    index: dict[tuple[type, object], int] = {}
    uniques: list[Any] = []
    idx = np.empty(len(cells), dtype=np.int64)
    for i, value in enumerate(cells):
        key = (float, repr(value)) if value.__class__ is float else (value.__class__, value)
        j = index.get(key)
        if j is None:
            j = index[key] = len(uniques)
            uniques.append(value)
        idx[i] = j
    return uniques, idx


def _plain_text(u: object) -> bool:
    """A text cell that `values.typed` returns as it is for a text field without words of the
    user's own: printable ASCII (so nothing for `clean_text` to remove), no space at either end
    (nothing to strip), not blank, and not starting with "#" (every Excel error value does)."""
    return (isinstance(u, str) and u != "" and u[0] not in " #" and u[-1] != " "
            and u.isascii() and u.isprintable())


def check_registrations(raw: RawSheet, mapped: list[tuple[Field, int]], batch: Batch,
                        hasher: Callable[[str], str]) -> None:
    """Type a registrations sheet into an Arrow table appended to `batch.frames`."""
    rows = raw.rows
    if isinstance(rows, ArrowRows):
        numbers = np.asarray(rows.numbers)
        too_wide: dict[int, int] = dict(rows.too_wide)  # CSV rows with more cells than the header

        def distinct(i: int, pylist: bool = True) -> tuple[list[Any], np.ndarray, pa.Array | None]:
            col = rows.column(i)
            return (([None], np.zeros(len(rows), dtype=np.int64), None) if col is None
                    else _encode_arrow(col, pylist))
    else:
        numbers = np.array([number for number, _ in rows], dtype=np.int64)
        width = len(raw.headers)
        # A CSV row with more filled cells than the header is one problem, not a row.
        too_wide = {r: len(cells) for r, (_, cells) in enumerate(rows)
                    if raw.is_csv and len(cells) > width and any(not is_blank(c) for c in cells[width:])}

        def distinct(i: int, pylist: bool = True) -> tuple[list[Any], np.ndarray, pa.Array | None]:
            return (*_encode_cells([cells[i] if i < len(cells) else None for _, cells in rows]), None)

    n = len(numbers)
    bad_any = np.zeros(n, dtype=bool)
    if too_wide:
        bad_any[list(too_wide)] = True
    parsed: dict[str, tuple[list[Any], np.ndarray]] = {}
    failures: list[tuple[Field, int, list[BadValue | None], list[str | None], np.ndarray]] = []
    people: tuple[np.ndarray, np.ndarray, pa.Array] | None = None  # participant: see _participants
    for f, i in mapped:
        if f.name == "participant":
            uniques, idx, arrow = distinct(i, pylist=False)
            code, hashes, errors = _participants(f, arrow if arrow is not None else uniques, hasher)
            people = (code, idx, hashes)
            del uniques, arrow  # only the hashes are kept (and never shown: None in messages)
            shown_u: list[str | None] = [None] * len(errors)
        else:
            uniques, idx, arrow = distinct(i)
            values, errors = _typed(f, uniques, arrow)
            parsed[f.name] = (values, idx)
            shown_u = [None if is_blank(u) else shown(u) for u in uniques] if any(errors) else []
        bad_u = np.array([e is not None for e in errors], dtype=bool)
        if bad_u.any():
            bad_any |= bad_u[idx]
            failures.append((f, i, errors, shown_u, idx))

    for r in map(int, np.flatnonzero(bad_any)):
        number = int(numbers[r])
        if r in too_wide:
            batch.problems.append(problem("too-many-cells", raw.file, raw.sheet, number,
                                          cells=too_wide[r], width=len(raw.headers)))
            continue
        for f, i, errors, shown_u, idx in failures:
            e = errors[idx[r]]
            if e is not None:
                batch.problems.append(problem(e.code, raw.file, raw.sheet, number, raw.headers[i], column_letter(i),
                                              shown_u[idx[r]], field_of=("registrations", f.name), **e.params))
    keep = ~bad_any
    n_keep = int(keep.sum())

    def column(name: str, convert: Callable[[Any], Any] | None = None, default: Any = None) -> pa.Array:
        kind = arrow_schema().field(name).type
        if name not in parsed:
            return pa.nulls(n_keep, kind) if default is None else pa.array(np.full(n_keep, default), kind)
        values, idx = parsed[name]
        if convert:
            values = [convert(v) for v in values]
        return pa.array(values, kind).take(pa.array(idx[keep]))

    data = {
        "activity": column("activity"),
        "participant": column("participant") if people is None else _hashed(people, keep),
        "organisation": column("organisation"),
        "org_key": column("organisation", org_key) if "organisation" in parsed else column("org_key"),
        "target_group": column("target_group"),
        "attended": column("attended", attended, default=True),
    }
    src = len(batch.frame_sources)
    batch.frame_sources.append((raw.file, raw.sheet))
    data["_src"] = pa.array(np.full(n_keep, src, dtype=np.int32))
    data["_row"] = pa.array(numbers[keep].astype(np.int64))
    batch.frames.append(pa.table(data))


def _typed(f: Field, uniques: list[Any], arrow: pa.Array | None) -> tuple[list[Any], list[BadValue | None]]:
    """The value of each distinct cell (`values.typed`; a plain text is its own value for a
    text field without words), and its problem (None when it has none)."""
    values: list[Any] = []
    errors: list[BadValue | None] = []
    as_is = f.kind is Kind.TEXT and not f.words
    plain = (_plain_texts(arrow) if arrow is not None else [_plain_text(u) for u in uniques]) if as_is else None
    for j, u in enumerate(uniques):
        if plain is not None and plain[j]:
            values.append(u)
            errors.append(None)
            continue
        try:
            values.append(typed(f, u))
            errors.append(None)
        except BadValue as exc:
            values.append(None)
            errors.append(exc)
    return values, errors


PART = 65_536  # distinct participants typed and hashed at a time


def _participants(f: Field, distinct: pa.Array | list[Any], hasher: Callable[[str], str]
                  ) -> tuple[np.ndarray, pa.Array, list[BadValue | None]]:
    """(of each distinct participant cell the number of its hash among `hashes`, -1 for none;
    `hashes`, each distinct hash once; each cell's problem).

    Each distinct cell is typed and hashed once, PART at a time, so that only the hashes are
    held (as Arrow) and never all the cells as Python strings; a plain text (`_plain_texts`)
    is hashed from its identity key made by Arrow (`_plain_keys`, `store.Hasher.of_key`).
    Two cells that hash alike (two spellings of one address) get one number."""
    of_key: Callable[[str], str] | None = getattr(hasher, "of_key", None)
    as_is = f.kind is Kind.TEXT and not f.words
    errors: list[BadValue | None] = []
    parts: list[pa.Array] = []
    for start in range(0, len(distinct), PART):
        keys: list[str | None] | None = None
        if isinstance(distinct, list):
            cells = distinct[start:start + PART]
            plain = [as_is and _plain_text(u) for u in cells]
        else:
            arrow = distinct.slice(start, PART)
            cells = arrow.to_pylist()
            plain = _plain_texts(arrow) if as_is else [False] * len(cells)
            keys = _plain_keys(arrow) if as_is and of_key is not None else None
        out: list[str | None] = []
        for j, u in enumerate(cells):
            if plain[j]:
                errors.append(None)
                key = keys[j] if keys is not None else None
                out.append(of_key(key) if of_key is not None and key is not None else hasher(u))
                continue
            try:
                v = typed(f, u)
            except BadValue as exc:
                errors.append(exc)
                out.append(None)
                continue
            errors.append(None)
            out.append(None if v is None else hasher(v))
        parts.append(pa.array(out, pa.string()))
    enc = pc.dictionary_encode(pa.chunked_array(parts, pa.string()).combine_chunks())
    return pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False), enc.dictionary, errors


def _hashed(people: tuple[np.ndarray, np.ndarray, pa.Array], keep: np.ndarray) -> pa.DictionaryArray:
    """The participants' hashes of the kept rows, as a dictionary array whose indices number
    the sheet's distinct persons (`combine` makes them `PERSON`)."""
    code, idx, hashes = people
    rows = code[idx[keep]]
    return pa.DictionaryArray.from_arrays(pa.array(rows, pa.int32(), mask=rows < 0), hashes)


def _people(frames: list[pa.Table]) -> list[pa.Table]:
    """Each sheet's registrations with plain participant hashes and `PERSON`: the number of the
    row's participant among the distinct participants of every sheet (null for a null).

    Every sheet's distinct hashes are numbered together by Arrow (`dictionary_encode` of
    them all), and each sheet's numbers mapped onto those."""
    cols = []
    for t in frames:
        col = t["participant"].combine_chunks()
        cols.append(col if pa.types.is_dictionary(col.type) else pc.dictionary_encode(col))
    every = pc.dictionary_encode(pa.concat_arrays([c.dictionary for c in cols]) if cols else pa.array([], pa.string()))
    numbers = every.indices.to_numpy(zero_copy_only=False)  # a dictionary holds no null
    out = []
    offset = 0
    for t, col in zip(frames, cols, strict=True):
        remap = numbers[offset:offset + len(col.dictionary)]
        offset += len(col.dictionary)
        local = pc.fill_null(col.indices, 0).to_numpy(zero_copy_only=False)
        person = remap[local] if len(remap) else np.full(len(col), -1, dtype=np.int32)
        if col.null_count:
            person[~col.is_valid().to_numpy(zero_copy_only=False)] = -1
        t = t.set_column(t.schema.get_field_index("participant"), "participant", col.dictionary.take(col.indices))
        out.append(t.append_column(PERSON, pa.array(person, pa.int32(), mask=person < 0)))
    return out


def _empty() -> pa.Table:
    schema = arrow_schema()
    return pa.table({**{f.name: pa.array([], f.type) for f in schema},
                     "_src": pa.array([], pa.int32()), "_row": pa.array([], pa.int64()),
                     PERSON: pa.array([], pa.int32())})


def combine(batch: Batch) -> None:
    """Merge every sheet's registrations, in sheet order, into `batch.registrations`,
    dropping repeated (activity, participant) pairs with a warning that names rows, never
    the person."""
    table = pa.concat_tables(_people(batch.frames)) if batch.frames else _empty()
    batch.frames = []
    if table.num_rows:
        first, idx = _first_of_pairs(table["activity"], table["participant"], table[PERSON])
        dup = np.ones(table.num_rows, dtype=bool)
        dup[first] = False
        if dup.any():
            first_of = first[idx]
            srcs = table["_src"].to_numpy()
            rows = table["_row"].to_numpy()
            for r in np.flatnonzero(dup):
                f = first_of[r]
                batch.warnings.append(_(
                    "{place}: the same participant and activity '{activity}' as {first}; counted once").format(
                    place=_where(batch, srcs[r], rows[r]), activity=table['activity'][int(r)].as_py(),
                    first=_where(batch, srcs[f], rows[f])))
            table = table.filter(pa.array(~dup))
    batch.registrations = table


def _first_of_pairs(activity: pa.ChunkedArray, participant: pa.ChunkedArray,
                    person: pa.ChunkedArray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(index of the first row of each distinct (activity, participant) pair, and of each row
    the number of its pair, 0 to the number of pairs - 1).

    Each column is dictionary-encoded on its own (the participants' numbers are `person`
    when given: `PERSON`) and the pair is one int64, which is much cheaper than encoding a
    million joined strings; with a null in either column (never for checked rows) the
    joined strings are encoded as before.
    """
    if activity.null_count or participant.null_count:
        _, idx = _encode(pc.binary_join_element_wise(activity, participant, "\x00"))
    else:
        _, a_idx = _encode(activity)
        if person is None:
            p_values, p_idx = _encode(participant)
            n_p = len(p_values)
        else:
            p_idx = (person.combine_chunks() if isinstance(person, pa.ChunkedArray) else person
                     ).to_numpy(zero_copy_only=False).astype(np.int64)
            n_p = int(p_idx.max()) + 1 if len(p_idx) else 0
        idx = a_idx.astype(np.int64) * max(n_p, 1) + p_idx
    _, first, inverse = np.unique(idx, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _where(batch: Batch, src: int, row: int) -> str:
    file, sheet = batch.frame_sources[int(src)]
    return place(file, sheet, int(row))


def codes(registrations: pa.Table) -> set[str]:
    """The activity codes that registrations name."""
    return set(pc.unique(registrations["activity"]).to_pylist())


def drop_unknown(batch: Batch, missing: set[str], hints: dict[str, str | None] | None = None) -> None:
    """Refuse the registrations of unknown activities, one problem each (`hints`: a code close
    to each unknown one, for "did you mean")."""
    table = batch.registrations
    bad = pc.is_in(table["activity"], value_set=pa.array(sorted(missing), pa.string()))
    bad_np = bad.to_numpy(zero_copy_only=False)
    srcs, rows = table["_src"].to_numpy(), table["_row"].to_numpy()
    for r in np.flatnonzero(bad_np):
        file, sheet = batch.frame_sources[int(srcs[r])]
        rec = {"_where": (file, sheet, int(rows[r])), "activity": table["activity"][int(r)].as_py()}
        batch.problems.append(batch.problem(rec, "activity", rec["activity"], "unknown-activity",
                                            suggestion=(hints or {}).get(rec["activity"]), table="registrations"))
    batch.registrations = table.filter(pc.invert(bad))
