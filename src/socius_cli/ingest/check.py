"""Checking raw sheets against the contract: which table, which column, what each cell means.

Every problem is collected (never only the first), each located at file, sheet, row and
column. Every cell is typed by the one rule `values.typed`: registrations column by column
(`registrations.py`), the other tables row by row, because their rules span the cells of a
row (a score and its scale, a decision and its support) and a refused row must be known as
a whole (the registrations of a refused activity are not "unknown" too). Participants leave
this package as a keyed hash only; the e-mail address or name itself is dropped as soon as
it is hashed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..contract import (
    ACTIVITIES,
    EVALUATIONS,
    ORGANISATIONS,
    REGISTRATIONS,
    REQUESTS,
    Field,
    Table,
    field_for_header,
    normalise_name,
    org_key,
    table_for_headers,
    table_for_sheet,
)
from ..errors import redact
from ..problems import problem
from .records import Batch
from .registrations import check_registrations, codes, combine, drop_unknown
from .sheet import ArrowRows, RawSheet, column_letter
from .values import BadValue, is_blank, shown, typed

CHUNK = 4096  # rows of an Arrow sheet made into Python objects at a time
MEMO = 4096  # distinct cells per column whose typed value a column's typer remembers


def _place(file: str, sheet: str | None) -> str:
    return file + (f", sheet '{sheet}'" if sheet else "")


def identify(raw: RawSheet) -> Table | None:
    return table_for_sheet(raw.stem) or table_for_headers(raw.headers)


def check_import(sheets: Iterable[RawSheet], known_codes: Callable[[set[str]], set[str]],
                 hasher: Callable[[str], str]) -> Batch:
    """Check every sheet, then the rules across rows and tables.

    `known_codes(codes)` answers which of the given activity codes the store already has.
    """
    batch = Batch()
    for raw in sheets:
        place = _place(raw.file, raw.sheet)
        batch.notices.extend(f"{place}: {note}" for note in raw.notes)
        if raw.skipped:
            batch.notices.append(f"{place}: {raw.skipped}, skipped")
            continue
        table = identify(raw)
        if table is None:
            if not raw.header_row:
                batch.notices.append(f"{place}: empty, skipped")
            elif raw.is_csv:
                batch.problems.append(problem("unknown-table", raw.file, None, raw.header_row))
            else:
                batch.notices.append(f"{place}: not a table socius knows (by its name or headers), skipped")
            continue
        if not raw.header_row:
            batch.notices.append(f"{place}: empty, skipped")
            continue
        check_sheet(raw, table, batch, hasher)
    combine(batch)  # all registrations into one Arrow table, repeats dropped with warnings
    _duplicates(batch)
    _references(batch, known_codes)
    return batch


def check_sheet(raw: RawSheet, table: Table, batch: Batch, hasher: Callable[[str], str]) -> None:
    """Type every row of one sheet into `batch`, collecting problems."""
    columns = _columns(raw, table, batch)
    if columns is None:
        return
    mapped = [(f, columns[f.name]) for f in table.fields if f.name in columns]
    if table is REGISTRATIONS:
        check_registrations(raw, mapped, batch, hasher)
    else:
        _check_rows(raw, table, mapped, columns, batch)
    batch.sheets.append((raw.file, raw.sheet, table.name, len(raw.rows)))


def _columns(raw: RawSheet, table: Table, batch: Batch) -> dict[str, int] | None:
    """Field name -> column index, from the headers; None when a required column is missing."""
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for i, header in enumerate(raw.headers):
        if not header:
            continue
        f = field_for_header(table, header)
        if f is None:
            unknown.append(header)
        elif f.name in columns:
            first = columns[f.name]
            batch.problems.append(problem(
                "duplicate-column", raw.file, raw.sheet, raw.header_row, header, column_letter(i),
                other_letter=column_letter(first), other_header=raw.headers[first], field=f.name))
        else:
            columns[f.name] = i
    if unknown:
        batch.notices.append(redact(f"{_place(raw.file, raw.sheet)}: ignored unknown column(s): "
                                    + ", ".join(f"'{u}'" for u in unknown)))
    missing = [f for f in table.required if f.name not in columns]
    for f in missing:
        batch.problems.append(problem(
            "missing-column", raw.file, raw.sheet, raw.header_row or None,
            field=f.name, table=table.name, aliases=", ".join(f.aliases)))
    if missing:
        return None
    batch.columns[(raw.file, raw.sheet)] = {name: (raw.headers[i], column_letter(i)) for name, i in columns.items()}
    return columns


class _Typer:
    """`values.typed` for one column, remembering the outcome for up to MEMO distinct cells:
    a repeated date, theme or number is typed once. Cells that compare equal but differ
    (0.0 and -0.0) or never equal (NaN) are not remembered."""

    def __init__(self, f: Field):
        self.field = f
        self.memo: dict[tuple[type, object], tuple[bool, Any]] = {}
        self.size = MEMO

    def __call__(self, value: object) -> tuple[bool, Any]:
        key = (value.__class__, value)
        outcome = self.memo.get(key)
        if outcome is None:
            try:
                outcome = (True, typed(self.field, value))
            except BadValue as exc:
                outcome = (False, exc)
            if len(self.memo) < self.size and not (value.__class__ is float and (value == 0 or value != value)):
                self.memo[key] = outcome
        return outcome


def _cells(raw: RawSheet, indices: list[int]) -> Iterator[tuple[int, list[Any] | int]]:
    """(Excel row, the cells at `indices`) per data row; for a CSV row with more filled cells
    than the header, (row, its number of cells) instead."""
    rows = raw.rows
    if isinstance(rows, ArrowRows):  # a few thousand rows at a time, only the mapped columns
        numbers = rows.numbers
        too_wide = rows.too_wide
        cols = [rows.column(i) for i in indices]
        for start in range(0, len(rows), CHUNK):
            size = min(CHUNK, len(rows) - start)
            part = [c.slice(start, size).to_pylist() if c is not None else [None] * size for c in cols]
            for j in range(size):
                if too_wide and start + j in too_wide:
                    yield int(numbers[start + j]), too_wide[start + j]
                else:
                    yield int(numbers[start + j]), [p[j] for p in part]
        return
    width = len(raw.headers)
    for number, cells in rows:
        if raw.is_csv and len(cells) > width and any(not is_blank(c) for c in cells[width:]):
            yield number, len(cells)
        else:
            yield number, [cells[i] if i < len(cells) else None for i in indices]


def _check_rows(raw: RawSheet, table: Table, mapped: list[tuple[Field, int]], columns: dict[str, int],
                batch: Batch) -> None:
    out = batch.records[table.name]
    typers = [(f, _Typer(f), raw.headers[i], column_letter(i)) for f, i in mapped]
    for number, cells in _cells(raw, [i for _, i in mapped]):
        if isinstance(cells, int):
            batch.problems.append(problem("too-many-cells", raw.file, raw.sheet, number,
                                          cells=cells, width=len(raw.headers)))
            continue
        rec: dict[str, Any] = {"_where": (raw.file, raw.sheet, number)}
        ok = True
        for (f, typer, header, letter), value in zip(typers, cells, strict=True):
            fits, result = typer(value)
            if fits:
                rec[f.name] = result
            else:
                ok = False
                batch.problems.append(problem(
                    result.code, raw.file, raw.sheet, number, header, letter,
                    None if f.name == "participant" or is_blank(value) else shown(value), **result.params))
        for f in table.fields:
            rec.setdefault(f.name, None)
        if ok:
            ok = _row_rules(table, rec, raw, columns, number, batch)
        if ok:
            out.append(rec)
        elif table is ACTIVITIES and rec.get("code"):
            batch.rejected_codes.add(rec["code"])  # its registrations are not "unknown" too


def _row_rules(table: Table, rec: dict[str, Any], raw: RawSheet, columns: dict[str, int],
               number: int, batch: Batch) -> bool:
    """Rules that involve more than one cell, or a range; False when the row is rejected."""

    def bad(field_name: str, code: str, **params: Any) -> bool:
        i = columns[field_name]
        batch.problems.append(problem(code, raw.file, raw.sheet, number, raw.headers[i], column_letter(i),
                                      shown(rec[field_name]), **params))
        return False

    if table is ACTIVITIES:
        rec["year"] = rec["date"].year
    elif table is EVALUATIONS:
        if rec["scale"] is None:
            rec["scale"] = 10.0
        if not 0 <= rec["score"] <= rec["scale"]:
            return bad("score", "score-above-scale", scale=shown(rec["scale"]))
    elif table is ORGANISATIONS:
        rec["key"] = normalise_name(rec["name"])
    elif table is REQUESTS:
        if rec["supported"] is None:
            rec["supported"] = False
        if rec["participants"] is None:
            rec["participants"] = 0
        if rec["supported"] and rec["status"] != "accepted":
            return bad("supported", "supported-not-accepted")
        rec["year"] = rec["received"].year
        rec["org_key"] = org_key(rec["organisation"])
    return True


_KEYS: dict[str, tuple[str, str, Callable[[dict[str, Any]], str]]] = {
    # table -> (key field, problem code, the key of a record)
    "activities": ("code", "duplicate-activity", lambda r: r["code"]),
    "organisations": ("name", "duplicate-organisation", lambda r: r["key"]),
    "requests": ("id", "duplicate-request", lambda r: r["id"]),
}


def _duplicates(batch: Batch) -> None:
    for table, (key_field, code, key) in _KEYS.items():
        seen: dict[str, dict[str, Any]] = {}
        for rec in batch.records[table]:
            k = key(rec)
            if k in seen:
                batch.problems.append(batch.problem(rec, key_field, rec[key_field], code, first=batch.where(seen[k])))
            else:
                seen[k] = rec


def _references(batch: Batch, known_codes: Callable[[set[str]], set[str]]) -> None:
    imported = {r["code"] for r in batch.records["activities"]}
    wanted = {r["activity"] for r in batch.records["evaluations"]} | codes(batch.registrations)
    missing = wanted - imported - batch.rejected_codes
    if missing:
        missing -= known_codes(missing)
    if not missing:
        return
    drop_unknown(batch, missing)
    kept = []
    for rec in batch.records["evaluations"]:
        if rec["activity"] in missing:
            batch.problems.append(batch.problem(rec, "activity", rec["activity"], "unknown-activity"))
        else:
            kept.append(rec)
    batch.records["evaluations"] = kept
