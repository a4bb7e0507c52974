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
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..contract import (
    ACTIVITIES,  # noqa: F401 (callers and tests name the built-in tables here, as before)
    TABLES,
    Field,
    Kind,
    Table,
    field_for_header,
    normalise_name,
    org_key,
    period_text,
    periods_overlap,
    table_for_headers,
    table_for_sheet,
)
from ..errors import redact
from ..figures.targets import AT_LEAST
from ..i18n import _
from ..names import close_match
from ..problems import place, problem
from .records import Batch
from .registrations import _plain_text, check_registrations, codes, combine, drop_unknown
from .sheet import ArrowRows, RawSheet, column_letter
from .values import BadValue, is_blank, parse_text, shown, typed

CHUNK = 4096  # rows of an Arrow sheet made into Python objects at a time
MEMO = 4096  # distinct cells per column whose typed value a column's typer remembers


def identify(raw: RawSheet, tables: tuple[Table, ...] = TABLES) -> Table | None:
    return table_for_sheet(raw.stem, tables) or table_for_headers(raw.headers, tables)


def check_import(sheets: Iterable[RawSheet], known_codes: Callable[[set[str]], set[str]],
                 hasher: Callable[[str], str], tables: tuple[Table, ...] = TABLES) -> Batch:
    """Check every sheet, then the rules across rows and tables.

    `known_codes(codes)` answers which of the given activity codes the store already has.
    `tables` is the contract to check against: the built-in one, or one with the user's own
    names added (`names.UserNames.tables`).
    """
    batch = Batch()
    for raw in sheets:
        where = place(raw.file, raw.sheet)
        batch.notices.extend(_("{place}: {note}").format(place=where, note=note) for note in raw.notes)
        if raw.skipped:
            batch.notices.append(_("{place}: {why}, skipped").format(place=where, why=_(raw.skipped)))
            continue
        table = identify(raw, tables)
        if table is None:
            if not raw.header_row:
                batch.notices.append(_("{place}: empty, skipped").format(place=where))
            elif raw.is_csv:
                batch.problems.append(problem("unknown-table", raw.file, None, raw.header_row))
            else:
                batch.notices.append(_skipped(raw, where, tables))
                batch.skipped.append(batch.notices[-1])
            continue
        if not raw.header_row:
            batch.notices.append(_("{place}: empty, skipped").format(place=where))
            continue
        check_sheet(raw, table, batch, hasher)
    combine(batch)  # all registrations into one Arrow table, repeats dropped with warnings
    _duplicates(batch)
    _targets(batch)
    _references(batch, known_codes)
    _consequences(batch)
    return batch


def _skipped(raw: RawSheet, where: str, tables: tuple[Table, ...]) -> str:
    """The notice for a sheet that is no table: why, and how to make it one."""
    names = {normalise_name(n): n for t in tables for n in t.sheet_names}
    hint = close_match(normalise_name(raw.stem), names)
    text = _("{place}: not a table socius knows (by its name or headers), skipped").format(place=where)
    if hint:
        return text + "; " + _("did you mean '{name}'?").format(name=names[hint])
    if len([h for h in raw.headers if h]) >= 3:  # a table of someone else's making (a form export)
        text += "; " + _("to import it, rename the sheet after its table (Inschrijvingen, Evaluaties, ...) "
                         "or name it under [tables] in socius.toml")
    return text


def check_sheet(raw: RawSheet, table: Table, batch: Batch, hasher: Callable[[str], str]) -> None:
    """Type every row of one sheet into `batch`, collecting problems."""
    columns, complete = _columns(raw, table, batch)
    if not complete:
        if table.name == "activities":
            _refused_activities(raw, columns, batch)
        return
    mapped = [(f, columns[f.name]) for f in table.fields if f.name in columns]
    if table.name == "registrations":
        check_registrations(raw, mapped, batch, hasher)
    else:
        _check_rows(raw, table, mapped, columns, batch)
    batch.sheets.append((raw.file, raw.sheet, table.name, len(raw.rows)))


def _columns(raw: RawSheet, table: Table, batch: Batch) -> tuple[dict[str, int], bool]:
    """Field name -> column index, from the headers, and whether every required column is there."""
    columns: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for i, header in enumerate(raw.headers):
        if not header:
            continue
        f = field_for_header(table, header)
        if f is None:
            unknown.append((i, header))
        elif f.name in columns:
            first = columns[f.name]
            batch.problems.append(problem(
                "duplicate-column", raw.file, raw.sheet, raw.header_row, header, column_letter(i),
                other_letter=column_letter(first), other_header=raw.headers[first], field=f.name, table=table.name))
        else:
            columns[f.name] = i
    # "Datm" is close to "datum": said with the missing column, and with the unknown ones.
    guesses: dict[int, Field] = {}
    for i, header in unknown:
        aliases = {normalise_name(a): f for f in table.fields if f.name not in columns for a in f.aliases}
        hit = close_match(normalise_name(header), aliases, cutoff=0.8)
        if hit:
            guesses[i] = aliases[hit]
    if unknown:
        shown_unknown = [f"'{h}'" + (" (" + _("did you mean '{name}'?").format(name=_header(guesses[i])) + ")"
                                     if i in guesses else "") for i, h in unknown]
        batch.notices.append(redact(_("{place}: ignored unknown column(s): {columns}").format(
            place=place(raw.file, raw.sheet), columns=", ".join(shown_unknown))))
    missing = [f for f in table.required if f.name not in columns]
    for f in missing:
        guess = next((i for i, g in guesses.items() if g is f), None)
        batch.problems.append(problem(
            "missing-column", raw.file, raw.sheet, raw.header_row or None,
            None if guess is None else raw.headers[guess], None if guess is None else column_letter(guess),
            suggestion=None if guess is None else _header(f),
            field=f.name, table=table.name, aliases=", ".join(f.aliases)))
    if missing:
        # the sheet's rows are not checked: said once, with the last missing column
        last = batch.problems.pop()
        batch.problems.append(replace(last, unchecked=(("rows", len(raw.rows)),)))
        return columns, False
    batch.columns[(raw.file, raw.sheet)] = {name: (raw.headers[i], column_letter(i)) for name, i in columns.items()}
    return columns, True


def _header(f: Field) -> str:
    """The header socius suggests for a field: its first alias, as a header is written."""
    return f.aliases[0][:1].upper() + f.aliases[0][1:]


def _refused_activities(raw: RawSheet, columns: dict[str, int], batch: Batch) -> None:
    """An activities sheet that could not be checked: its codes, when its code column can be
    read, so that their registrations and evaluations are not reported as unknown too."""
    codes_here: set[str] | None = None
    if "code" in columns:
        codes_here = set()
        for _number, cells in _cells(raw, [columns["code"]]):
            if not isinstance(cells, int) and not is_blank(cells[0]):
                codes_here.add(parse_text(cells[0]))
        batch.rejected_codes |= codes_here
    batch.refused_sheets.append((raw.file, raw.sheet, codes_here))


class _Typer:
    """`values.typed` for one column, remembering the outcome for up to MEMO distinct cells:
    a repeated date, theme or number is typed once. Cells that compare equal but differ
    (0.0 and -0.0) or never equal (NaN) are not remembered."""

    def __init__(self, f: Field):
        self.field = f
        self.memo: dict[tuple[type, object], tuple[bool, Any]] = {}
        self.size = MEMO
        self.as_is = f.kind is Kind.TEXT and not f.words  # a plain text cell is its own value

    def __call__(self, value: object) -> tuple[bool, Any]:
        if self.as_is and _plain_text(value):  # codes and titles: each one typed once anyway
            return True, value
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
    position = {i: j for j, (_f, i) in enumerate(mapped)}
    typers = [(f, _Typer(f), raw.headers[i], column_letter(i)) for f, i in mapped]
    for number, cells in _cells(raw, [i for _f, i in mapped]):
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
                    None if f.name == "participant" or is_blank(value) else shown(value), field_of=(table.name, f.name),
                    **result.params))
        for f in table.fields:
            rec.setdefault(f.name, None)
        if ok:
            ok = _row_rules(table, rec, raw, columns, number, batch,
                            lambda name: cells[position[columns[name]]])  # noqa: B023 (called at once)
        if ok:
            out.append(rec)
        elif table.name == "activities" and rec.get("code"):
            batch.rejected_codes.add(rec["code"])  # its registrations are not "unknown" too
            batch.rejected_rows[(raw.file, raw.sheet, number)] = rec["code"]


def _row_rules(table: Table, rec: dict[str, Any], raw: RawSheet, columns: dict[str, int],
               number: int, batch: Batch, cell: Callable[[str], Any]) -> bool:
    """Rules that involve more than one cell, or a range; False when the row is rejected.
    `cell(field)` is the cell as the file holds it, shown in a problem rather than its meaning."""

    def bad(field_name: str, code: str, **params: Any) -> bool:
        i = columns[field_name]
        batch.problems.append(problem(code, raw.file, raw.sheet, number, raw.headers[i], column_letter(i),
                                      shown(cell(field_name)), field_of=(table.name, field_name), **params))
        return False

    if table.name == "activities":
        rec["year"] = rec["date"].year
    elif table.name == "evaluations":
        if rec["scale"] is None:
            rec["scale"] = 10.0
        if not 0 <= rec["score"] <= rec["scale"]:
            return bad("score", "score-above-scale", scale=shown(rec["scale"]))
    elif table.name == "organisations":
        rec["key"] = normalise_name(rec["name"])
        span = rec["period"]  # (first, last) or None: every year
        rec["period"] = period_text(span)
        rec["period_from"], rec["period_until"] = span if span is not None else (None, None)
    elif table.name == "requests":
        if rec["supported"] is None:
            rec["supported"] = False
        if rec["participants"] is None:
            rec["participants"] = 0
        if rec["supported"] and rec["status"] != "accepted":
            return bad("supported", "supported-not-accepted")
        rec["year"] = rec["received"].year
        rec["org_key"] = org_key(rec["organisation"])
    elif table.name == "targets":
        rec["_indicator_cell"] = shown(cell("indicator"))  # as typed, for a problem naming the row
        return _target_row(rec, cell("target"), bad, batch)
    return True


def _target_row(rec: dict[str, Any], raw_target: Any, bad: Callable[..., bool], batch: Batch) -> bool:
    """A target's row: its period as the register stores it, blank direction is at least, and
    the number in range for its indicator (a percentage 0-100, an nps -100 to +100, else >= 0)."""
    first, last = rec["period"]
    rec["period"], rec["period_from"], rec["period_until"] = period_text((first, last)), first, last
    if rec["direction"] is None:
        rec["direction"] = AT_LEAST
    indicator, value = rec["indicator"], rec["target"]
    percentage = indicator.endswith("_pct")
    if (percentage and isinstance(raw_target, int | float) and not isinstance(raw_target, bool)
            and 0 < value <= 1):
        # Excel stores a cell typed as 55% as 0.55: a percentage target is never a fraction of 1%
        rec["target"] = float(Decimal(repr(value)) * 100)  # 0.55 is 55, not 55.00000000000001
        batch.warnings.append(_("{place}: read the target {value} of {indicator} as {percent} "
                                "(a cell formatted as a percentage in Excel)").format(
            place=place(*rec["_where"]), value=shown(raw_target), indicator=indicator_label(indicator),
            percent=shown(rec["target"]) + "%"))
        return True
    if indicator == "nps":
        if not -100 <= value <= 100:
            return bad("target", "nps-target-range")
    elif value < 0:
        return bad("target", "target-negative")
    elif percentage and value > 100:
        return bad("target", "target-above-100")
    return True


def indicator_label(key: str) -> str:
    """An indicator as the tables name it, in the active language: `Personen bereikt`."""
    from ..i18n import language
    from ..labels import TARGET_ROW, catalogue

    return catalogue(language())[TARGET_ROW[key]]


def _targets(batch: Batch) -> None:
    """One target per indicator and period (a duplicate is a problem naming both rows); each
    target's position is its place among the targets of its period, in the order of the import."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    positions: dict[str, int] = {}
    kept = []
    for rec in batch.records["targets"]:
        key = (rec["indicator"], rec["period"])
        if key in seen:
            batch.problems.append(batch.problem(rec, "indicator", rec.get("_indicator_cell"),
                                                "duplicate-target", first=seen[key]["_where"], table="targets"))
            continue
        seen[key] = rec
        rec["position"] = positions.get(rec["period"], 0)
        positions[rec["period"]] = rec["position"] + 1
        kept.append(rec)
    batch.records["targets"] = kept


_KEYS: dict[str, tuple[str, str, Callable[[dict[str, Any]], str]]] = {
    # table -> (key field, problem code, the key of a record)
    "activities": ("code", "duplicate-activity", lambda r: r["code"]),
    "requests": ("id", "duplicate-request", lambda r: r["id"]),
}


def _duplicates(batch: Batch) -> None:
    for table, (key_field, code, key) in _KEYS.items():
        seen: dict[str, dict[str, Any]] = {}
        for rec in batch.records[table]:
            k = key(rec)
            if k in seen:
                batch.problems.append(batch.problem(rec, key_field, rec[key_field], code, first=seen[k]["_where"],
                                                    table=table))
            else:
                seen[k] = rec
    _register_duplicates(batch)


def span(rec: dict[str, Any]) -> tuple[int, int] | None:
    """A register row's period as (first, last) years, or None (blank: every year)."""
    return None if rec["period_from"] is None else (rec["period_from"], rec["period_until"])


def _register_duplicates(batch: Batch) -> None:
    """Rows of one organisation name may not overlap: the same period twice (two blanks too),
    or two periods that share a year. Each overlap is one problem naming both rows."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for rec in batch.records["organisations"]:
        earlier = rows.setdefault(rec["key"], [])
        other = next((e for e in earlier if periods_overlap(span(e), span(rec))), None)
        if other is None:
            earlier.append(rec)
        elif other["period"] == rec["period"]:
            batch.problems.append(batch.problem(rec, "name", rec["name"], "duplicate-organisation",
                                                first=batch.where(other)))
        else:
            batch.problems.append(batch.problem(rec, "period", rec["period"], "overlapping-periods",
                                                period=rec["period"], other=other["period"] or "(blank)",
                                                first=batch.where(other)))


def _references(batch: Batch, known_codes: Callable[[set[str]], set[str]]) -> None:
    imported = {r["code"] for r in batch.records["activities"]}
    wanted = {r["activity"] for r in batch.records["evaluations"]} | codes(batch.registrations)
    missing = wanted - imported - batch.rejected_codes
    if missing:
        missing -= known_codes(missing)
    if not missing:
        return
    unreadable = [s for s in batch.refused_sheets if s[2] is None]
    if unreadable:
        # An activities sheet whose codes cannot be read (no code column): the activities these
        # rows name may well be in it, so they are not "unknown", only not checked; said once,
        # with that sheet's problem (`_consequences`).
        file, sheet, _codes = unreadable[0]
        batch.refused_sheets[batch.refused_sheets.index(unreadable[0])] = (file, sheet, missing)
        batch.rejected_codes |= missing
        return
    known = imported | batch.rejected_codes
    hints = {c: close_match(c, known, cutoff=0.8) for c in missing} if len(known) < 100_000 else {}
    drop_unknown(batch, missing, hints)
    kept = []
    for rec in batch.records["evaluations"]:
        if rec["activity"] in missing:
            batch.problems.append(batch.problem(rec, "activity", rec["activity"], "unknown-activity",
                                                suggestion=hints.get(rec["activity"]), table="evaluations"))
        else:
            kept.append(rec)
    batch.records["evaluations"] = kept


def _consequences(batch: Batch) -> None:
    """Say once, with the problem that refused an activity row or sheet, how many registrations
    and evaluations it leaves unchecked (they are not reported one by one)."""
    if not batch.rejected_codes:
        return
    from collections import Counter

    regs: Counter[str] = Counter()
    if batch.registrations.num_rows:
        import pyarrow.compute as pc

        counts = pc.value_counts(batch.registrations["activity"])
        regs.update({v["values"].as_py(): v["counts"].as_py() for v in counts})
    evals = Counter(r["activity"] for r in batch.records["evaluations"])

    def extra(codes_: Iterable[str]) -> tuple[tuple[str, int], ...]:
        out = []
        n_regs, n_evals = sum(regs[c] for c in codes_), sum(evals[c] for c in codes_)
        if n_regs:
            out.append(("registrations", n_regs))
        if n_evals:
            out.append(("evaluations", n_evals))
        return tuple(out)

    # the last problem of each refused row or sheet carries what it leaves unchecked
    last: dict[tuple[str, str | None, int | None], int] = {}
    sheet_of = {(f, s): c for f, s, c in batch.refused_sheets}
    for i, p in enumerate(batch.problems):
        if (p.file, p.sheet, p.row) in batch.rejected_rows or (
                p.code == "missing-column" and (p.file, p.sheet) in sheet_of):
            last[(p.file, p.sheet, p.row if p.code != "missing-column" else None)] = i
    for (file, sheet, row), i in last.items():
        codes_ = [batch.rejected_rows[(file, sheet, row)]] if row is not None else (sheet_of[(file, sheet)] or ())
        more = extra(codes_)
        if more:
            p = batch.problems[i]
            batch.problems[i] = replace(p, unchecked=p.unchecked + more)
