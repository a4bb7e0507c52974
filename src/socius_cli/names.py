"""What things are called: socius' names for tables and columns in messages, and the user's own
names for sheets, columns and values from socius.toml (contract section 5, v2).

Messages name a column by the user's own header and by the field's name in the user's
language (`field_label`: "Dagdelen", never `half_days`), a table by `table_label`.

`[tables]`, `[columns.TABLE]` and `[values.LIST]` in socius.toml add names to the contract's
built-in ones, normalised like headers (`contract.normalise_name`):

    [tables]
    evaluations = ["Formulierreacties 1"]
    [columns.registrations]
    attended = ["Status"]
    [values.attended]
    no = ["Geannuleerd"]

`parse` checks them (an unknown table, field, list or value; a name that would then mean two
things) and raises one-line errors with the line of socius.toml they are on; `UserNames.tables()`
is the contract with the names added, which the checker then uses like the built-in one.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .contract import (
    DIRECTIONS,
    FORMAT_WORDS,
    NO,
    STATUSES,
    TABLES,
    TARGET_GROUPS,
    YES,
    Field,
    Kind,
    Table,
    normalise_name,
)
from .errors import SociusError
from .figures.targets import INDICATORS
from .i18n import N_, _, join
from .labels import CATALOGUES, NL, ROW, TARGET_ROW

TABLE_LABELS: dict[str, str] = {
    "activities": N_("activities"),
    "registrations": N_("registrations"),
    "evaluations": N_("evaluations"),
    "organisations": N_("organisations"),
    "requests": N_("requests"),
    "targets": N_("targets"),
}

# The name of a column in messages. Fields not listed here (added to the contract later) are
# named by their first header alias.
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("activities", "code"): N_("Code"),
    ("activities", "title"): N_("Title"),
    ("activities", "date"): N_("Date"),
    ("activities", "format"): N_("Format"),
    ("activities", "half_days"): N_("Half-day sessions"),
    ("activities", "theme"): N_("Theme"),
    ("activities", "kind"): N_("Kind"),
    ("activities", "planned"): N_("Planned"),
    ("registrations", "activity"): N_("Activity"),
    ("registrations", "participant"): N_("E-mail"),
    ("registrations", "organisation"): N_("Organisation"),
    ("registrations", "target_group"): N_("Target group"),
    ("registrations", "attended"): N_("Attended"),
    ("evaluations", "activity"): N_("Activity"),
    ("evaluations", "score"): N_("Score"),
    ("evaluations", "scale"): N_("Scale"),
    ("organisations", "name"): N_("Name"),
    ("organisations", "recognised"): N_("Recognised"),
    ("organisations", "sector"): N_("Sector"),
    ("requests", "id"): N_("Number"),
    ("requests", "received"): N_("Received"),
    ("requests", "status"): N_("Decision"),
    ("requests", "organisation"): N_("Organisation"),
    ("requests", "target_group"): N_("Target group"),
    ("requests", "topic"): N_("Topic"),
    ("requests", "decline_reason"): N_("Reason declined"),
    ("requests", "supported"): N_("Supported"),
    ("requests", "participants"): N_("Participants"),
    ("targets", "indicator"): N_("Indicator"),
    ("targets", "period"): N_("Period"),
    ("targets", "target"): N_("Target"),
    ("targets", "direction"): N_("Direction"),
    ("targets", "goal"): N_("Goal"),
}

# The values of each closed list, as messages and the template name them (Dutch words: they
# are what a user types in a cell, whatever the language of the messages).
VALUE_WORDS: dict[Kind, dict[Any, str]] = {
    Kind.YESNO: {True: "ja", False: "nee"},
    Kind.FORMAT: {"onsite": "fysiek", "online": "online", "blended": "blended"},
    Kind.TARGET_GROUP: {"primary": "primair", "secondary": "secundair"},
    Kind.STATUS: {"accepted": "aanvaard", "declined": "afgewezen", "pending": "in behandeling"},
    Kind.DIRECTION: {"at_least": "minstens", "at_most": "hoogstens"},
    # a target's indicator: the Dutch label of each numeric indicator, as the tables show it
    Kind.INDICATOR: {key: NL[TARGET_ROW[key]] for key in INDICATORS},
}
CLOSED = tuple(VALUE_WORDS)


CARD_LABELS = {"activities": "kf_activities", "half_days": "kf_half_days", "persons_reached": "kf_persons_reached",
               "satisfaction_pct": "kf_satisfaction", "nps": "kf_nps", "requests_supported": "kf_supported"}


@functools.cache
def indicator_words() -> dict[str, str]:
    """Every way a target's indicator cell may name an indicator, normalised: its key
    (`persons_reached`) and its label as socius shows it in Dutch or English (`Personen
    bereikt`, `Persons reached`) -> the key."""
    words: dict[str, str] = {}
    for lang in CATALOGUES.values():
        # the key-figure cards' words first ("tevredenheid"): where a card and a table row
        # share words, the row's indicator wins (the reach card says what the row of
        # reached organisations says)
        words.update({normalise_name(lang[label]): key for key, label in CARD_LABELS.items()})
        for rows in (ROW, TARGET_ROW):
            words.update({normalise_name(lang[rows[key]]): key for key in INDICATORS})
    words.update({normalise_name(key): key for key in INDICATORS})
    return words


def table_label(table: str) -> str:
    """A table's name in the active language: "activiteiten"."""
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


def field_label(table: str, name: str) -> str:
    """A column's name in the active language: "Dagdelen" for activities.half_days."""
    label = FIELD_LABELS.get((table, name))
    if label:
        return _(label)
    t = next((t for t in TABLES if t.name == table), None)
    f = next((f for f in t.fields if f.name == name), None) if t else None
    return f.aliases[0].capitalize() if f else name


def builtin_words(kind: Kind) -> dict[str, Any]:
    """The contract's own words of a closed list, normalised, and the value each means."""
    if kind is Kind.YESNO:
        return {**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}
    if kind is Kind.INDICATOR:
        return indicator_words()
    return {Kind.FORMAT: FORMAT_WORDS, Kind.TARGET_GROUP: TARGET_GROUPS, Kind.STATUS: STATUSES,
            Kind.DIRECTION: DIRECTIONS}[kind]


def words_of(f: Field) -> dict[str, Any]:
    """Every word a closed-list field accepts (the user's, then the contract's), normalised."""
    return {**builtin_words(f.kind), **dict(f.words)} if f.kind in CLOSED else {}


def close_match(word: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The one candidate closest to `word` (difflib), if close enough and not tied with another."""
    scored = sorted(((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in set(candidates) if c),
                    reverse=True)
    if not scored or scored[0][0] < cutoff or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def close_word(word: str, f: Field) -> str | None:
    """The accepted word of a closed-list field closest to `word`: ties between words of one
    meaning ('primair', 'primary') are no tie, and give the word the template uses."""
    words = {w: v for w, v in words_of(f).items() if w and (w.isalpha() or " " in w)}
    scored = [(difflib.SequenceMatcher(None, word, w).ratio(), w) for w in words]
    best = max((r for r, _w in scored), default=0.0)
    if best < 0.75:
        return None
    top = sorted(w for r, w in scored if r == best)
    meanings = {repr(words[w]) for w in top}
    if len(meanings) > 1:
        return None
    preferred = VALUE_WORDS.get(f.kind, {}).get(words[top[0]])
    return preferred if preferred is not None and normalise_name(preferred) in top else top[0]


@dataclass(frozen=True)
class UserNames:
    """The names of socius.toml, as written: table -> names; table -> field -> headers; list -> value -> words."""

    sheets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    columns: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    values: Mapping[str, Mapping[Any, tuple[str, ...]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sheets or self.columns or self.values)

    def tables(self) -> tuple[Table, ...]:
        """The contract's tables with these names added."""
        out = []
        for t in TABLES:
            fields = []
            for f in t.fields:
                extra_headers = tuple(self.columns.get(t.name, {}).get(f.name, ()))
                words = tuple((normalise_name(w), value)
                              for lst in _lists_of(t, f) for value, ws in self.values.get(lst, {}).items()
                              for w in ws)
                fields.append(replace(f, aliases=f.aliases + extra_headers, words=f.words + words)
                              if extra_headers or words else f)
            out.append(replace(t, sheet_names=t.sheet_names + tuple(self.sheets.get(t.name, ())),
                               fields=tuple(fields)))
        return tuple(out)


def _lists_of(t: Table, f: Field) -> list[str]:
    """The [values.LIST] names that apply to a field: its own name, and yes_no for every yes/no field."""
    if f.kind not in CLOSED:
        return []
    return [f.name, "yes_no"] if f.kind is Kind.YESNO else [f.name]


# ---------------------------------------------------------------------------------------------
# Reading socius.toml


class Locator:
    """Finds the line of socius.toml that a key or a value is on (tomllib gives no positions)."""

    _SECTION = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
    _PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)"""
    _KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")

    def __init__(self, text: str, file: str = "socius.toml"):
        self.file = file
        self.keys: list[tuple[tuple[str, ...], int, int]] = []  # (dotted key, first line, last line)
        lines = text.splitlines()
        section: tuple[str, ...] = ()
        for n, line in enumerate(lines, 1):
            m = self._SECTION.match(line)
            if m:
                section = _dotted(m.group(1))
                self.keys.append((section, n, n))
                continue
            m = self._KEY.match(line)
            if m:
                self.keys.append((section + _dotted(m.group(1)), n, n))
        self.lines = lines
        # a key's value runs until the next key or section
        for i, (key, first, _last) in enumerate(self.keys):
            end = self.keys[i + 1][1] - 1 if i + 1 < len(self.keys) else len(lines)
            self.keys[i] = (key, first, end)

    def line(self, *path: str, value: str | None = None) -> int | None:
        want = tuple(path)
        for key, first, last in self.keys:
            if key == want or (value is None and key[:len(want)] == want):
                if value is not None:
                    for n in range(first, last + 1):
                        line = self.lines[n - 1]
                        if f'"{value}"' in line or f"'{value}'" in line:
                            return n
                return first
        return None

    def error(self, line: int | None, message: str) -> SociusError:
        if line is None:
            return SociusError(_("{file}: {problem}").format(file=self.file, problem=message))
        return SociusError(_("{file}, line {line}: {problem}").format(file=self.file, line=line, problem=message))


def _dotted(key: str) -> tuple[str, ...]:
    parts = re.findall(r"""\s*("[^"]*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", key)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _names(value: Any, where: Locator, path: tuple[str, ...]) -> tuple[str, ...]:
    """A list of names (or one name) as written; anything else is an error on its line."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.error(where.line(*path), _(
            "{key} must be a list of names in quotes, like [\"Formulierreacties 1\"]").format(key=".".join(path)))
    return tuple(value)


def _find(key: str, options: Mapping[str, str]) -> str | None:
    return options.get(normalise_name(key))


def _table_keys() -> dict[str, str]:
    """How a table may be named in socius.toml: its contract name or a built-in sheet name."""
    keys = {}
    for t in TABLES:
        keys.update({normalise_name(n): t.name for n in (*t.sheet_names, t.name)})
    return keys


def _table_names() -> list[str]:
    return [n for t in TABLES for n in (t.name, *t.sheet_names)]


def _field_keys(t: Table) -> dict[str, str]:
    """How a field may be named: its contract name, its name in messages, or a built-in header."""
    keys: dict[str, str] = {}
    for f in t.fields:
        for n in (*f.aliases, field_label(t.name, f.name), f.name):
            keys[normalise_name(n)] = f.name
    for f in t.fields:  # the field's own name wins over another field's header
        keys[normalise_name(f.name)] = f.name
    return keys


def _list_keys() -> dict[str, tuple[str, Kind]]:
    """[values.LIST] names -> (the list, its kind): a closed-list field's name or one of its
    headers (werkvorm, aanwezig), or yes_no / ja_nee for every yes/no field at once."""
    keys: dict[str, tuple[str, Kind]] = {}
    for t in TABLES:
        for f in t.fields:
            if f.kind in CLOSED:
                for alias in f.aliases:
                    keys.setdefault(normalise_name(alias), (f.name, f.kind))
    for t in TABLES:
        for f in t.fields:
            if f.kind in CLOSED:
                keys[normalise_name(f.name)] = (f.name, f.kind)
    for name in ("yes_no", "ja_nee"):
        keys[normalise_name(name)] = ("yes_no", Kind.YESNO)
    return keys


def _unknown(kind: str, key: str, known: Iterable[str]) -> str:
    hint = close_match(normalise_name(key), [normalise_name(k) for k in known])
    text = _("socius knows no {kind} '{key}'").format(kind=kind, key=key)
    if hint:
        text += "; " + _("did you mean '{name}'?").format(name=hint)
    return text


def parse(data: Mapping[str, Any], text: str, file: str = "socius.toml") -> UserNames:
    """The [tables], [columns.TABLE] and [values.LIST] of a parsed socius.toml; SociusError on
    any problem, naming its line."""
    where = Locator(text, file)
    sheets = _parse_tables(data.get("tables", {}), where)
    columns = _parse_columns(data.get("columns", {}), where)
    values = _parse_values(data.get("values", {}), where)
    return UserNames(sheets, columns, values)


def _section(value: Any, where: Locator, *path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        name = ".".join(path)
        raise where.error(where.line(*path), _("{name} must be a section, like [{name}]").format(name=name))
    return value


def _parse_tables(section: Any, where: Locator) -> dict[str, tuple[str, ...]]:
    section = _section(section, where, "tables")
    keys = _table_keys()
    owner = {normalise_name(n): t.name for t in TABLES for n in t.sheet_names}  # name -> table
    out: dict[str, tuple[str, ...]] = {}
    for key, value in section.items():
        table = _find(key, keys)
        if table is None:
            raise where.error(where.line("tables", key), _unknown(_("table"), key, _table_names()))
        names = _names(value, where, ("tables", key))
        for n in names:
            other = owner.setdefault(normalise_name(n), table)
            if other != table:
                raise where.error(where.line("tables", key, value=n), _(
                    "the name '{name}' would mean two tables: {first} and {second}; give it to one of them"
                ).format(name=n, first=table_label(other), second=table_label(table)))
        out[table] = out.get(table, ()) + names
    return out


def _parse_columns(section: Any, where: Locator) -> dict[str, dict[str, tuple[str, ...]]]:
    section = _section(section, where, "columns")
    keys = _table_keys()
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for tkey, fields in section.items():
        table_name = _find(tkey, keys)
        if table_name is None:
            raise where.error(where.line("columns", tkey), _unknown(_("table"), tkey, _table_names()))
        t = next(t for t in TABLES if t.name == table_name)
        fields = _section(fields, where, "columns", tkey)
        fkeys = _field_keys(t)
        owner = {normalise_name(a): f.name for f in t.fields for a in f.aliases}
        mine = out.setdefault(table_name, {})
        for fkey, value in fields.items():
            name = _find(fkey, fkeys)
            if name is None:
                raise where.error(where.line("columns", tkey, fkey), _unknown(
                    _("column in {table}").format(table=table_label(table_name)), fkey, [f.name for f in t.fields]))
            headers = _names(value, where, ("columns", tkey, fkey))
            for h in headers:
                other = owner.setdefault(normalise_name(h), name)
                if other != name:
                    raise where.error(where.line("columns", tkey, fkey, value=h), _(
                        "the header '{header}' would mean two columns of {table}: {first} and {second}; "
                        "give it to one of them"
                    ).format(header=h, table=table_label(table_name), first=field_label(table_name, other),
                             second=field_label(table_name, name)))
            mine[name] = mine.get(name, ()) + headers
    return out


def _parse_values(section: Any, where: Locator) -> dict[str, dict[Any, tuple[str, ...]]]:
    section = _section(section, where, "values")
    lists = _list_keys()
    out: dict[str, dict[Any, tuple[str, ...]]] = {}
    for lkey, entries in section.items():
        found = lists.get(normalise_name(lkey))
        if found is None:
            raise where.error(where.line("values", lkey), _unknown(
                _("list of values"), lkey, sorted({name for name, _kind in lists.values()})))
        list_name, kind = found
        entries = _section(entries, where, "values", lkey)
        builtin = builtin_words(kind)
        value_keys = {**{normalise_name(w): v for w, v in builtin.items() if w},
                      **{normalise_name(str(v)): v for v in VALUE_WORDS[kind]}}
        if kind is Kind.YESNO:
            value_keys.update({"yes": True, "no": False})
        owner: dict[str, Any] = dict(builtin)
        for other_list, taken in out.items():  # yes_no and a yes/no field share their words
            if kind is Kind.YESNO and "yes_no" in (other_list, list_name):
                for v, ws in taken.items():
                    owner.update({normalise_name(w): v for w in ws})
        mine = out.setdefault(list_name, {})
        for v, ws in mine.items():
            owner.update({normalise_name(w): v for w in ws})
        for vkey, words in entries.items():
            if normalise_name(vkey) not in value_keys:
                raise where.error(where.line("values", lkey, vkey), _unknown(
                    _("value of {list}").format(list=lkey), vkey, list(VALUE_WORDS[kind].values())))
            value = value_keys[normalise_name(vkey)]
            ws = _names(words, where, ("values", lkey, vkey))
            for w in ws:
                other = owner.setdefault(normalise_name(w), value)
                if other != value:
                    raise where.error(where.line("values", lkey, vkey, value=w), _(
                        "the word '{word}' would mean two values of {list}: {first} and {second}; "
                        "give it to one of them"
                    ).format(word=w, list=lkey, first=VALUE_WORDS[kind][other], second=VALUE_WORDS[kind][value]))
            mine[value] = mine.get(value, ()) + ws
    return out


def describe_lists() -> str:
    """The [values.LIST] names, for messages and the README."""
    return join(sorted({f.name for t in TABLES for f in t.fields if f.kind in CLOSED} | {"yes_no"}))
