"""Settings: an option beats SOCIUS_DB, which beats `socius.toml`, which beats the defaults.

Every problem in socius.toml is one line naming its line (`names.Locator`); the user's own
names for tables, columns and values ([tables], [columns.TABLE], [values.LIST]) are read by
`names.parse`.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SociusError
from .i18n import N_, _, number
from .names import Locator, UserNames, close_match, parse

CONFIG_FILE = "socius.toml"
DEFAULT_DB = "socius.db"
KEYS = ("db", "organisation", "language", "import", "report", "tables", "columns", "values")

# tomllib's explanations, as a user can act on them (the rest: a general one).
_TOML_ERRORS = (
    ("Cannot overwrite a value", N_("this name was already given a value above; keep one of them")),
    ("Cannot declare", N_("this section was already declared above; keep one of them")),
    ("Expected '=' after a key", N_("a name must be followed by = and its value")),
    ("Invalid value", N_("the value is not valid: put text in double quotes, like \"socius.db\"")),
    ("Unterminated string", N_("a closing quote is missing")),
    ("Unclosed array", N_("a closing ] is missing")),
)


@dataclass
class Settings:
    db: str = DEFAULT_DB
    organisation: str = "Socius"
    language: str = "nl"
    import_paths: list[Path] = field(default_factory=list)
    config_file: Path | None = None
    names: UserNames = field(default_factory=UserNames)
    report_logo: Path | None = None  # [report] logo, relative to socius.toml's folder
    report_colours: tuple[str, ...] = ()  # [report] colours: the main colour, then the accent


def _syntax_error(exc: tomllib.TOMLDecodeError) -> SociusError:
    text = str(exc)
    m = re.search(r"\(at line (\d+), column \d+\)", text) or re.search(r"\(at line (\d+)", text)
    why = next((_(msgid) for start, msgid in _TOML_ERRORS if text.startswith(start)),
               _("socius cannot read this line (check the quotes, = signs and [sections])"))
    if m:
        return SociusError(_("{file}, line {line}: {problem}").format(file=CONFIG_FILE, line=m.group(1), problem=why))
    return SociusError(_("{file}: {problem}").format(file=CONFIG_FILE, problem=why))


def load(cwd: Path | None = None, db_option: str | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    s = Settings()
    path = cwd / CONFIG_FILE
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SociusError(_("{file}: save it as UTF-8 text").format(file=CONFIG_FILE)) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _syntax_error(exc) from None
        where = Locator(text, CONFIG_FILE)
        s.config_file = path
        for key in data:
            hint = close_match(key, KEYS) if key not in KEYS else None
            if hint:  # a misspelt setting; other names may be settings of a newer socius
                raise where.error(where.line(key), _("socius knows no setting '{key}'").format(key=key)
                                  + "; " + _("did you mean '{name}'?").format(name=hint))
        for key, kind in (("db", str), ("organisation", str), ("language", str), ("import", dict),
                          ("report", dict)):
            if key in data and not isinstance(data[key], kind):
                raise where.error(where.line(key), (
                    _("`{key}` must be a section ([{key}])") if kind is dict else _("`{key}` must be text in quotes")
                ).format(key=key))
        s.db = data.get("db", s.db)
        s.organisation = data.get("organisation", s.organisation)
        s.language = data.get("language", s.language)
        if s.language not in ("nl", "en"):
            raise where.error(where.line("language"), _("language must be nl or en, not '{language}'").format(
                language=s.language))
        paths = data.get("import", {}).get("paths", [])
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise where.error(where.line("import", "paths"),
                              _("[import] paths must be a list of file or folder names"))
        s.import_paths = [(cwd / p) for p in paths]
        s.names = parse(data, text, CONFIG_FILE)
        s.report_logo, s.report_colours = _house_style(data.get("report", {}), cwd)
    if os.environ.get("SOCIUS_DB"):
        s.db = os.environ["SOCIUS_DB"]
    if db_option:
        s.db = db_option
    return s


def _house_style(table: dict, cwd: Path) -> tuple[Path | None, tuple[str, ...]]:
    """`[report] logo` (an image file; it is read when a report is made) and `[report]
    colours` (one or two `#rrggbb` colours; the first must be readable as text on white)."""
    unknown = sorted(set(table) - {"logo", "colours", "colors"})
    if unknown:
        raise SociusError(_("{file}: [report] {setting}: unknown setting; [report] takes logo and colours").format(
            file=CONFIG_FILE, setting=unknown[0]))
    logo = table.get("logo")
    if logo is not None and (not isinstance(logo, str) or not logo.strip()):
        raise SociusError(_("{file}: [report] logo must be the name of an image file, like \"logo.png\"").format(
            file=CONFIG_FILE))
    colours = table.get("colours", table.get("colors", []))
    example = '["#0b5cad", "#f2a900"]'
    if not isinstance(colours, list) or len(colours) > 2 or not all(isinstance(c, str) for c in colours):
        raise SociusError(_("{file}: [report] colours must be a list of one or two colours, like {example}").format(
            file=CONFIG_FILE, example=example))
    parsed: list[str] = []
    if colours:
        from .report.style import MIN_CONTRAST, contrast, parse_colour

        for c in colours:
            colour = parse_colour(c)
            if colour is None:
                raise SociusError(_("{file}: [report] colours: '{colour}' is not a colour; write it as #rrggbb, "
                                    "like {example}").format(file=CONFIG_FILE, colour=c, example=example))
            parsed.append(colour)
        ratio = contrast(parsed[0])
        if ratio < MIN_CONTRAST:
            raise SociusError(_("{file}: [report] colours: the first colour {colour} is too light for "
                                "text on white (contrast {ratio}:1, at least {least}:1 needed); choose a "
                                "darker one, or give it second, as the accent colour").format(
                file=CONFIG_FILE, colour=colours[0], ratio=number(ratio, 1), least=number(MIN_CONTRAST, 1)))
    return (cwd / logo if logo else None), tuple(parsed)
