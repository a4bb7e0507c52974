"""Settings: an option beats SOCIUS_DB, which beats `socius.toml`, which beats the defaults."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SociusError

CONFIG_FILE = "socius.toml"
DEFAULT_DB = "socius.db"


@dataclass
class Settings:
    db: str = DEFAULT_DB
    organisation: str = "Socius"
    language: str = "nl"
    import_paths: list[Path] = field(default_factory=list)
    report_logo: Path | None = None  # [report] logo, relative to socius.toml's folder
    report_colours: tuple[str, ...] = ()  # [report] colours: the main colour, then the accent


def load(cwd: Path | None = None, db_option: str | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    s = Settings()
    path = cwd / CONFIG_FILE
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SociusError(f"{CONFIG_FILE}: not valid TOML ({exc})") from None
        for key, kind in (("db", str), ("organisation", str), ("language", str), ("import", dict),
                          ("report", dict)):
            if key in data and not isinstance(data[key], kind):
                raise SociusError(f"{CONFIG_FILE}: `{key}` must be {f'a table ([{key}])' if kind is dict else 'text'}")
        s.db = data.get("db", s.db)
        s.organisation = data.get("organisation", s.organisation)
        s.language = data.get("language", s.language)
        if s.language not in ("nl", "en"):
            raise SociusError(f"{CONFIG_FILE}: language must be nl or en, not '{s.language}'")
        paths = data.get("import", {}).get("paths", [])
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise SociusError(f"{CONFIG_FILE}: [import] paths must be a list of file or folder names")
        s.import_paths = [(cwd / p) for p in paths]
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
        raise SociusError(f"{CONFIG_FILE}: [report] {unknown[0]}: unknown setting; [report] takes logo and colours")
    logo = table.get("logo")
    if logo is not None and (not isinstance(logo, str) or not logo.strip()):
        raise SociusError(f"{CONFIG_FILE}: [report] logo must be the name of an image file, like \"logo.png\"")
    colours = table.get("colours", table.get("colors", []))
    example = '["#0b5cad", "#f2a900"]'
    if not isinstance(colours, list) or len(colours) > 2 or not all(isinstance(c, str) for c in colours):
        raise SociusError(f"{CONFIG_FILE}: [report] colours must be a list of one or two colours, like {example}")
    parsed: list[str] = []
    if colours:
        from .report.style import MIN_CONTRAST, contrast, parse_colour

        for c in colours:
            colour = parse_colour(c)
            if colour is None:
                raise SociusError(f"{CONFIG_FILE}: [report] colours: '{c}' is not a colour; write it as #rrggbb, "
                                  f"like {example}")
            parsed.append(colour)
        ratio = contrast(parsed[0])
        if ratio < MIN_CONTRAST:
            raise SociusError(f"{CONFIG_FILE}: [report] colours: the first colour {colours[0]} is too light for "
                              f"text on white (contrast {ratio:.1f}:1, at least {MIN_CONTRAST}:1 needed); choose a "
                              "darker one, or give it second, as the accent colour")
    return (cwd / logo if logo else None), tuple(parsed)
