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


def load(cwd: Path | None = None, db_option: str | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    s = Settings()
    path = cwd / CONFIG_FILE
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SociusError(f"{CONFIG_FILE}: not valid TOML ({exc})") from None
        for key, kind in (("db", str), ("organisation", str), ("language", str), ("import", dict)):
            if key in data and not isinstance(data[key], kind):
                raise SociusError(f"{CONFIG_FILE}: `{key}` must be {'a table ([import])' if kind is dict else 'text'}")
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
    if os.environ.get("SOCIUS_DB"):
        s.db = os.environ["SOCIUS_DB"]
    if db_option:
        s.db = db_option
    return s
