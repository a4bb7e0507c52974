"""What `--db` names: a SQLite file path, or a database URL. Standard library only, so the
quick `socius stats` path (`quick.py`) can use it without SQLAlchemy.

A path is a path: only a value that starts with a URL scheme (`postgresql://`,
`sqlite:///`) is a URL. A file name holding `%41`, `#`, `?`, spaces, a colon or non-ASCII
letters is never percent-decoded or cut at `#`/`?`, so the store is the file the user named.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(db: str) -> bool:
    """Whether `db` is a URL (it starts with a scheme and ://) rather than a file path."""
    return _SCHEME.match(db) is not None


def sqlite_file(db: str) -> Path | None:
    """The file of a SQLite store: `db` itself when it is a path, the (decoded) database of a
    `sqlite:///` URL; None for any other URL and for the in-memory `sqlite://`."""
    if not is_url(db):
        return Path(db).expanduser()
    if db.startswith("sqlite:///"):
        rest = db.removeprefix("sqlite:///").split("?", 1)[0]
        return Path(unquote(rest)) if rest else None
    return None
