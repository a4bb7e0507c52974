"""Problems for people: grouped, counted and cut to one screen (contract section 2, v2).

`screen_lines` turns the problems of a refused import into the lines the terminal shows:

- identical problems (same file, sheet, column, code and value) are one line with their rows:
  `inschrijvingen.xlsx, sheet 'Inschrijvingen', rows 12-40 and 57, column A 'Activiteit':
  value 'OA2020-99': ...`;
- many problems of one kind in one column with different values (a column of dates typed
  the American way) are one line too, with the number of rows and a few of the values;
- what a problem leaves unchecked (`Problem.unchecked`) is said once, with it;
- at most `limit` lines; the rest are counted, with the hint to write them all to a file
  with `--problems` (`problem_file.py` writes that file: one row per problem).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import redact
from .i18n import _, join, ngettext, number
from .problems import Problem, column_text, did_you_mean, place, sentences, unchecked_text, visible

LIMIT = 30  # lines of problems on one screen
EXAMPLES = 3  # values shown for a group of different values
RANGES = 8  # row ranges shown before "and N more rows"


def rows_text(rows: Iterable[int]) -> str:
    """"rows 12-40 and 57" (one row: "row 12"); long lists end with "and 34 more rows"."""
    numbers = sorted(set(rows))
    if len(numbers) == 1:
        return _("row {row}").format(row=numbers[0])
    ranges: list[tuple[int, int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], n)
        else:
            ranges.append((n, n))
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in ranges[:RANGES]]
    if len(ranges) > RANGES:
        rest = sum(b - a + 1 for a, b in ranges[RANGES:])
        parts.append(ngettext("{n} more row", "{n} more rows", rest).format(n=number(rest)))
    return _("rows {rows}").format(rows=join(parts))


@dataclass
class _Group:
    first: Problem
    members: list[Problem] = field(default_factory=list)


def _key(p: Problem) -> tuple[object, ...]:
    return (p.file, p.sheet, p.column, p.column_letter, p.code, p.params, p.suggestion)


def groups(problems: list[Problem]) -> list[list[Problem]]:
    """Problems that read alike (same place, column, code, parameters, value), in order of first sight."""
    by_key: dict[tuple[object, ...], _Group] = {}
    for p in problems:
        if p.row is None:
            by_key[("single", id(p))] = _Group(p, [p])
            continue
        by_key.setdefault(_key(p), _Group(p)).members.append(p)
    out: list[list[Problem]] = []
    for g in by_key.values():
        values: dict[str | None, list[Problem]] = {}
        for p in g.members:
            values.setdefault(p.value, []).append(p)
        if len(values) <= EXAMPLES or len(g.members) < 2 * EXAMPLES:
            out.extend(values.values())  # one line per value
        else:
            out.append(g.members)  # one line for the column: its count and a few values
    return out


def line(members: list[Problem]) -> str:
    """One line for problems that read alike."""
    p = members[0]
    if len(members) == 1:
        return str(p)
    text = place(p.file, p.sheet) + ", " + rows_text(m.row for m in members if m.row is not None)
    if p.column is not None:
        text += ", " + column_text(p)
    values = list(dict.fromkeys(m.value for m in members))
    if len(values) == 1 and values[0] is not None:
        text += ": " + _("value '{value}': {expected}").format(value=visible(values[0]), expected=p.expected)
    elif len(values) > 1:
        shown = ", ".join(f"'{visible(v)}'" for v in values[:EXAMPLES] if v is not None)
        text += ": " + ngettext("{n} different value ({examples}): {expected}",
                                "{n} different values (such as {examples}): {expected}", len(values)).format(
            n=number(len(values)), examples=shown, expected=p.expected)
    else:
        text += ": " + p.expected
    if p.suggestion:
        text = sentences(text, did_you_mean(p.suggestion))
    unchecked: dict[str, int] = {}
    for m in members:
        for what, n in m.unchecked:
            unchecked[what] = unchecked.get(what, 0) + n
    if unchecked:
        text = sentences(text, unchecked_text(tuple(unchecked.items())))
    return redact(text)


def screen_lines(problems: list[Problem], limit: int = LIMIT, problems_file: str | None = None) -> list[str]:
    """The lines that show `problems` on one screen: grouped, at most `limit` of them, the rest
    counted, with where to find them all (`problems_file`, or the hint to use --problems)."""
    grouped = groups(problems)
    if len(grouped) <= limit:
        return [line(g) for g in grouped]
    shown = grouped[:limit - 1]
    rest = sum(len(g) for g in grouped[limit - 1:])
    lines = [line(g) for g in shown]
    more = ngettext("... and {n} more problem.", "... and {n} more problems.", rest).format(n=number(rest))
    if problems_file:
        more += " " + _("The complete list is in {file}.").format(file=problems_file)
    else:
        more += " " + _("Write the complete list to a file with --problems fouten.xlsx.")
    lines.append(more)
    return lines
