"""Checking raw sheets against the contract: which table, which column, what each cell means.

Every problem is collected (never only the first), each located at file, sheet, row and
column. Participants leave this module as a keyed hash only; the e-mail address or name
itself is dropped as soon as it is hashed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..contract import (
    ACTIVITIES, EVALUATIONS, ORGANISATIONS, REGISTRATIONS, REQUESTS, TABLES, Field, Kind,
    Table, attended, field_for_header, normalise_name, org_key, table_for_headers, table_for_sheet,
)
from ..errors import Problem, redact
from .records import Batch
from .sheet import RawSheet, column_letter
from .values import PARSERS, BadValue, cell_fault, is_blank, shown

def _place(file: str, sheet: str | None) -> str:
    return file + (f", sheet '{sheet}'" if sheet else "")


def identify(raw: RawSheet) -> Table | None:
    return table_for_sheet(raw.stem) or table_for_headers(raw.headers)


def check_sheet(raw: RawSheet, table: Table, batch: Batch, hasher: Callable[[str], str]) -> None:
    """Type every row of one sheet into `batch.records[table.name]`, collecting problems."""
    place = _place(raw.file, raw.sheet)
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
            batch.problems.append(Problem(
                raw.file, raw.sheet, raw.header_row, header,
                None, f"this column and column {column_letter(first)} '{raw.headers[first]}' "
                f"are both '{f.name}'; keep one of them", column_letter(i)))
        else:
            columns[f.name] = i
    if unknown:
        batch.notices.append(redact(f"{place}: ignored unknown column(s): " + ", ".join(f"'{u}'" for u in unknown)))
    missing = [f for f in table.required if f.name not in columns]
    for f in missing:
        batch.problems.append(Problem(
            raw.file, raw.sheet, raw.header_row or None, None, None,
            f"required column '{f.name}' of table {table.name} is missing "
            f"(accepted headers: {', '.join(f.aliases)})"))
    if missing:
        return

    batch.columns[(raw.file, raw.sheet)] = {
        name: (raw.headers[i], column_letter(i)) for name, i in columns.items()}
    mapped = [(f, columns[f.name]) for f in table.fields if f.name in columns]
    if table is REGISTRATIONS and hasattr(raw.rows, "table"):  # a big sheet read by fastread.py
        from .registrations import check_registrations

        check_registrations(raw, mapped, batch, hasher)
        batch.sheets.append((raw.file, raw.sheet, table.name, len(raw.rows)))
        return
    width = len(raw.headers)
    out = batch.records[table.name]

    def finish(rec: dict, ok: bool, number: int) -> None:
        for f in table.fields:
            rec.setdefault(f.name, None)
        if ok:
            ok = _row_rules(table, rec, raw, columns, number, batch)
        if ok:
            if table is REGISTRATIONS:
                rec["participant"] = hasher(rec["participant"])
            out.append(rec)
        elif table is ACTIVITIES and rec.get("code"):
            batch.rejected_codes.add(rec["code"])  # its registrations are not "unknown" too

    if hasattr(raw.rows, "table"):  # another big sheet read by fastread.py (activities ...)
        _check_columns(raw, mapped, batch, finish)
        batch.sheets.append((raw.file, raw.sheet, table.name, len(raw.rows)))
        return
    for number, cells in raw.rows:
        if raw.is_csv and len(cells) > width and any(not is_blank(c) for c in cells[width:]):
            batch.problems.append(Problem(
                raw.file, raw.sheet, number, None, None,
                f"this row has {len(cells)} cells but the header has {width}; "
                "check for a stray delimiter or an unquoted text"))
            continue
        rec: dict = {"_where": (raw.file, raw.sheet, number)}
        ok = True
        for f, i in mapped:
            value = cells[i] if i < len(cells) else None
            try:
                rec[f.name] = _value(f, value)
            except BadValue as exc:
                ok = False
                batch.problems.append(Problem(
                    raw.file, raw.sheet, number, raw.headers[i],
                    None if f.name == "participant" or is_blank(value) else shown(value),
                    f"expected {exc}", column_letter(i)))
        finish(rec, ok, number)
    batch.sheets.append((raw.file, raw.sheet, table.name, len(raw.rows)))


def _check_columns(raw: RawSheet, mapped: list[tuple[Field, int]], batch: Batch, finish) -> None:
    """The per-row loop above for a sheet read by fastread.py (Arrow columns): the same
    records, in the same order, with the same problems in the same order.

    Cells are made into Python objects a few thousand rows at a time (no list of cells per
    row), and `_value`, a function of the cell alone, is remembered per column for up to
    MEMO distinct cells: a repeated date, theme or number is typed once and its value shared
    by the rows. Cells that compare equal but differ (0.0 and -0.0) or never equal (NaN)
    are not remembered."""
    rows = raw.rows
    n = len(rows)
    numbers = rows.numbers
    file, sheet = raw.file, raw.sheet
    cols = [(f.name, f, rows.column(i), {}, raw.headers[i], column_letter(i)) for f, i in mapped]
    for start in range(0, n, CHUNK):
        size = min(CHUNK, n - start)
        cells = [col.slice(start, size).to_pylist() if col is not None else [None] * size
                 for _, _, col, _, _, _ in cols]
        where = numbers[start:start + size]
        for j in range(size):
            number = int(where[j])
            rec: dict = {"_where": (file, sheet, number)}
            ok = True
            for (name, f, _, memo, header, letter), column in zip(cols, cells):
                value = column[j]
                key = (value.__class__, value)
                outcome = memo.get(key)
                if outcome is None:
                    try:
                        outcome = (True, _value(f, value))
                    except BadValue as exc:
                        outcome = (False, f"expected {exc}")
                    if len(memo) < MEMO and not (value.__class__ is float and (value == 0 or value != value)):
                        memo[key] = outcome
                if outcome[0]:
                    rec[name] = outcome[1]
                else:
                    ok = False
                    batch.problems.append(Problem(
                        file, sheet, number, header,
                        None if name == "participant" or is_blank(value) else shown(value), outcome[1], letter))
            finish(rec, ok, number)


CHUNK = 4096  # rows made into Python objects at a time by `_check_columns`
MEMO = 4096  # distinct cells per column whose typed value `_check_columns` remembers


def _value(f: Field, value: object) -> object:
    fault = cell_fault(value)
    if fault:
        raise BadValue(f"{f.expected}, not {fault}")
    if is_blank(value):
        if f.kind is Kind.STATUS:
            return "pending"
        if f.required:
            raise BadValue(f"{f.expected}; this column may not be blank")
        return None
    parsed = PARSERS[f.kind](value)
    if f.name in POSITIVE and parsed <= 0:
        raise BadValue(POSITIVE[f.name])
    return parsed


# Numbers that must be greater than 0, checked per cell so that a row shows all its problems.
POSITIVE = {"half_days": "a number of half-day sessions greater than 0",
            "scale": "a scale greater than 0 (blank means 10)"}


def _row_rules(table: Table, rec: dict, raw: RawSheet, columns: dict[str, int],
               number: int, batch: Batch) -> bool:
    """Rules that involve more than one cell, or a range; False when the row is rejected."""

    def bad(field_name: str, expected: str) -> bool:
        i = columns[field_name]
        value = rec[field_name]
        batch.problems.append(Problem(
            raw.file, raw.sheet, number, raw.headers[i], shown(value), expected, column_letter(i)))
        return False

    if table is ACTIVITIES:
        rec["year"] = rec["date"].year
    elif table is REGISTRATIONS:
        rec["attended"] = attended(rec["attended"])
        rec["org_key"] = org_key(rec["organisation"])
    elif table is EVALUATIONS:
        if rec["scale"] is None:
            rec["scale"] = 10.0
        if not 0 <= rec["score"] <= rec["scale"]:
            return bad("score", f"a score from 0 to {shown(rec['scale'])} (the scale)")
    elif table is ORGANISATIONS:
        rec["key"] = normalise_name(rec["name"])
    elif table is REQUESTS:
        if rec["supported"] is None:
            rec["supported"] = False
        if rec["participants"] is None:
            rec["participants"] = 0
        if rec["supported"] and rec["status"] != "accepted":
            return bad("supported", "no support on a request that was not accepted "
                                    "(set the decision to aanvaard, or leave this blank)")
        rec["year"] = rec["received"].year
        rec["org_key"] = org_key(rec["organisation"])
    return True


def check_import(sheets: Iterable[RawSheet], known_codes: Callable[[set[str]], set[str]],
                 hasher: Callable[[str], str]) -> Batch:
    """Check every sheet, then the rules across rows and tables.

    `known_codes(codes)` answers which of the given activity codes the store already has.
    """
    batch = Batch()
    for raw in sheets:
        place = _place(raw.file, raw.sheet)
        table = identify(raw)
        if table is None:
            if not raw.header_row:
                batch.notices.append(f"{place}: empty, skipped")
                continue
            if raw.is_csv:
                batch.problems.append(Problem(
                    raw.file, None, raw.header_row, None, None,
                    "cannot tell which table this is: name the file after its table "
                    "(activiteiten, inschrijvingen, evaluaties, organisaties, vragen) "
                    "or give it the required columns of one table"))
            else:
                batch.notices.append(f"{place}: not a table socius knows (by its name or headers), skipped")
            continue
        if not raw.header_row:
            batch.notices.append(f"{place}: empty, skipped")
            continue
        check_sheet(raw, table, batch, hasher)

    from .registrations import combine

    combine(batch)  # all registrations into one Arrow table, repeats dropped with warnings
    _duplicates(batch)
    _references(batch, known_codes)
    return batch


def _duplicates(batch: Batch) -> None:
    keys = {"activities": ("code", lambda r: r["code"]), "organisations": ("name", lambda r: r["key"]),
            "requests": ("id", lambda r: r["id"])}
    labels = {"activities": "activity code", "organisations": "organisation", "requests": "request number"}
    for table, (key_field, key) in keys.items():
        seen: dict[str, dict] = {}
        for rec in batch.records[table]:
            k = key(rec)
            if k in seen:
                batch.problems.append(batch.problem(
                    rec, key_field, rec[key_field],
                    f"the same {labels[table]} as {batch.where(seen[k])}; each may occur once"))
            else:
                seen[k] = rec


def _references(batch: Batch, known_codes: Callable[[set[str]], set[str]]) -> None:
    imported = {r["code"] for r in batch.records["activities"]}
    from .registrations import codes, drop_unknown

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
            batch.problems.append(batch.problem(
                rec, "activity", rec["activity"],
                "an activity code that is in the store or in this import (unknown activity)"))
        else:
            kept.append(rec)
    batch.records["evaluations"] = kept
