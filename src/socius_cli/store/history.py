"""A store's history (v2): every stored import and every publication, and the published figures.

Written only inside the write transaction of the action it records (`Store.writing`), so an
import that is refused or rolled back leaves no entry. The details of an entry are JSON:
for an import the files (name, size, SHA-256), the per-table counts of its summary and the
published figures it changed (with `--allow-published-changes`); for a publication the
year and its figures.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .schema import history, published

Figures = dict[str, Any]


def now() -> str:
    """The moment, as stored: ISO 8601 in UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def os_user() -> str:
    """The operating-system user who runs socius ('?' when the system does not say)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name, no password entry (a container)
        return "?"


def file_record(path: Path) -> dict[str, Any]:
    """A file as the history keeps it: its name, size in bytes and SHA-256 (never its content)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return {"name": path.name, "size": path.stat().st_size, "sha256": digest.hexdigest()}


@dataclass(frozen=True)
class Entry:
    """One line of the history: `id` (in order), `at` (ISO 8601, UTC), `os_user`, `action`
    (import or publish) and its `details` (see the module docstring)."""

    id: int
    at: str
    os_user: str
    action: str
    details: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "user": self.os_user, "action": self.action, **self.details}


def record(conn: sa.Connection, action: str, details: dict[str, Any]) -> None:
    """Add an entry, on the connection of the write transaction that did it."""
    conn.execute(history.insert().values(at=now(), os_user=os_user(), action=action,
                                         details=json.dumps(details, ensure_ascii=False)))


def entries(conn: sa.Connection) -> list[Entry]:
    """Every entry, oldest first."""
    rows = conn.execute(sa.select(history.c.id, history.c.at, history.c.os_user, history.c.action,
                                  history.c.details).order_by(history.c.id))
    return [Entry(i, at, user, action, json.loads(details)) for i, at, user, action, details in rows]


@dataclass(frozen=True)
class Published:
    """A year's figures as published: `year`, `figures` (the contract's JSON object), `at`
    (ISO 8601, UTC) and `os_user`."""

    year: int
    figures: Figures
    at: str
    os_user: str


def publish(conn: sa.Connection, year: int, figures: Figures) -> Published:
    """Record `figures` as the published figures of `year` (replacing an earlier publication,
    which stays in the history)."""
    entry = Published(year, figures, now(), os_user())
    conn.execute(published.delete().where(published.c.year == year))
    conn.execute(published.insert().values(year=year, json=json.dumps(figures, ensure_ascii=False),
                                           published_at=entry.at, os_user=entry.os_user))
    return entry


def published_years(conn: sa.Connection) -> dict[int, Published]:
    """Every published year's record."""
    rows = conn.execute(sa.select(published.c.year, published.c.json, published.c.published_at,
                                  published.c.os_user))
    return {year: Published(year, json.loads(text), at, user) for year, text, at, user in rows}


def published_year(conn: sa.Connection, year: int) -> Published | None:
    """The published record of `year`, or None."""
    row = conn.execute(sa.select(published.c.json, published.c.published_at, published.c.os_user)
                       .where(published.c.year == year)).first()
    return Published(year, json.loads(row[0]), row[1], row[2]) if row else None
