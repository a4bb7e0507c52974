"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL) alike, through SQLAlchemy Core.

Every change goes through one write transaction (`Store.writing`), the same for import,
forget and purge: it takes the store's write lock first (BEGIN IMMEDIATE on SQLite, an
advisory lock on PostgreSQL), so writers take turns, and it lands whole or not at all. The
store knows nothing about figures: whoever opens the transaction refreshes the figures cache
in it (`figures.lookup.refresh`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, TypeVarTuple, cast

import sqlalchemy as sa

from ..errors import SociusError
from ..i18n import _
from ..ingest.records import COLUMNS
from ..ingest.values import identity_key
from . import cache
from .location import is_url, sqlite_file
from .schema import (
    IMPORT_LOCK,
    KEYED,
    MIGRATIONS,
    SCHEMA_LOCK,
    TABLES,
    activities,
    meta,
    metadata,
    organisations,
    registrations,
    requests,
)
from .versions import SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite3

    import pyarrow as pa

T = TypeVar("T")
Ts = TypeVarTuple("Ts")
Record = dict[str, Any]  # one row of a table, by column name


def database_url(db: str) -> str | sa.engine.URL:
    """A path is a SQLite file, taken as it is (never parsed as a URL: `%41`, `#` and `?`
    stay part of the name); a value with a URL scheme is a URL, and `postgresql://` (or
    `postgres://`) means psycopg 3."""
    if not is_url(db):
        return sa.engine.URL.create("sqlite", database=str(Path(db).expanduser()))
    for plain in ("postgresql://", "postgres://"):
        if db.startswith(plain):
            return "postgresql+psycopg://" + db.removeprefix(plain)
    return db


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store, or None for another database URL or an in-memory store."""
    return sqlite_file(db)


def describe(db: str) -> str:
    """The store for messages, without any password a URL may hold."""
    if not is_url(db):
        return db
    return sa.engine.make_url(db).render_as_string(hide_password=True)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


class Hasher:
    """The participant hash: `hasher(participant)`, the HMAC of its identity key
    (`values.identity_key`); `hasher.of_key(key)` for a caller that has the key already."""

    __slots__ = ("of_key",)

    def __init__(self, of_key: Callable[[str], str]) -> None:
        self.of_key = of_key

    def __call__(self, participant: str) -> str:
        return self.of_key(identity_key(participant))


class Store:
    def __init__(self, db: str, create: bool = True) -> None:
        self.db = db
        self._pending_meta: dict[str, str] = {}
        url = database_url(db)
        self.is_sqlite = isinstance(url, sa.engine.URL) or url.startswith("sqlite")
        path = sqlite_file(db) if self.is_sqlite else None
        if path is not None:
            if not path.exists():
                if not create:
                    raise SociusError(_("no store at {db}: run `socius import` first").format(db=db))
                _create_private(path)
        try:
            kwargs: dict[str, Any] = {"connect_args": {"timeout": 60}} if self.is_sqlite else {}
            self.engine = sa.create_engine(url, **kwargs)
            with self.engine.begin() as conn:
                self._prepare(conn)
        except sa.exc.ArgumentError:
            raise SociusError(_("not a store location socius understands: {db}").format(db=describe(db))) from None
        except sa.exc.OperationalError as exc:
            raise SociusError(_("cannot open the store {db}: {detail}").format(
                db=describe(db), detail=_first_line(exc))) from None
        except ModuleNotFoundError as exc:
            raise SociusError(_(
                "the store {db} needs the Python package '{package}' "
                "(for PostgreSQL: pip install 'socius-cli[postgres]')").format(
                db=describe(db), package=exc.name)) from None

    def _prepare(self, conn: sa.Connection) -> None:
        """Create the tables of a new store, or migrate an older one to SCHEMA_VERSION."""
        if not self.is_sqlite:  # two first commands on an empty database must not both create
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
        if not sa.inspect(conn).has_table(meta.name):
            metadata.create_all(conn)
            conn.execute(meta.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            return
        version = int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())
        if version > SCHEMA_VERSION:
            raise SociusError(_(
                "the store {db} has schema version {version}, made by a newer socius; "
                "this one knows up to {known}: upgrade socius").format(
                db=describe(self.db), version=version, known=SCHEMA_VERSION))
        for v in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[v]:
                if isinstance(statement, tuple):  # for one dialect only
                    dialect, statement = statement
                    if dialect != conn.dialect.name:
                        continue
                conn.execute(sa.text(statement))
        if version < SCHEMA_VERSION:
            metadata.create_all(conn)  # tables new in this version
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))

    # --- participants ---------------------------------------------------------------------

    def hasher(self) -> Hasher:
        """The keyed hash that stands for a participant in the store.

        The key comes from SOCIUS_KEY when set (then it is stored nowhere), else it is made
        once and kept in the store, so that counts stay right across imports. A new key is
        written by the first import that stores something, in its own transaction.
        """
        with self.engine.connect() as conn:
            stored = dict(conn.execute(sa.select(meta.c.key, meta.c.value)).all())
        env = os.environ.get("SOCIUS_KEY")
        if env:
            key = env.encode()
        elif "participant_key" in stored:
            key = bytes.fromhex(stored["participant_key"])
        else:
            key = secrets.token_bytes(32)
            self._pending_meta["participant_key"] = key.hex()
        check = hmac.new(key, b"socius key check", hashlib.sha256).hexdigest()[:16]
        if "key_check" not in stored:
            self._pending_meta["key_check"] = check
        elif stored["key_check"] != check:
            raise SociusError(_(
                "the participant key (SOCIUS_KEY) differs from the one this store was made with; "
                "counts of persons would be wrong"))

        # HMAC-SHA256 (RFC 2104) from the key's two padded states, copied per participant:
        # the same digest as hmac.digest(key, msg, "sha256"), in half the time (the key is
        # not set up again for each of a million participants).
        block = key if len(key) <= 64 else hashlib.sha256(key).digest()
        block = block.ljust(64, b"\0")
        inner = hashlib.sha256(bytes(b ^ 0x36 for b in block)).copy
        outer = hashlib.sha256(bytes(b ^ 0x5C for b in block)).copy

        def of_key(identity: str) -> str:
            h = inner()
            h.update(identity.encode())
            o = outer()
            o.update(h.digest())
            return o.hexdigest()[:32]

        return Hasher(of_key)

    def has_no_key_yet(self) -> bool:
        """True before the first import has stored a participant key (and so any participant)."""
        return "participant_key" in self._pending_meta

    # --- reading ----------------------------------------------------------------------------

    def activity_years(self, codes: set[str]) -> dict[str, int]:
        """The stored year of each of these activity codes that the store has."""
        a = activities
        with self.engine.connect() as conn:
            return {code: year for code, year in select_in(conn, sa.select(a.c.code, a.c.year), a.c.code, codes)}

    def known_codes(self, codes: set[str]) -> set[str]:
        """Which of these activity codes the store has (the import's reference check)."""
        return set(self.activity_years(codes))  # one query for both: the year column costs nothing

    def register_periods(self, keys: set[str]) -> dict[str, list[tuple[str, int | None, int | None]]]:
        """Normalised organisation name -> its stored register rows' (period, first, last year)."""
        o = organisations
        found: dict[str, list[tuple[str, int | None, int | None]]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(keys), 500):
                for key, period, first, last in conn.execute(
                        sa.select(o.c.key, o.c.period, o.c.period_from, o.c.period_until).where(o.c.key.in_(chunk))):
                    found.setdefault(key, []).append((period, first, last))
        return found

    def frozen_years(self) -> set[int]:
        """Years whose participant-level rows were purged; their figures are frozen."""
        with self.engine.connect() as conn:
            return cache.frozen_years(conn)

    def years(self) -> list[int]:
        """The years with data (activities or requests), in order."""
        with self.engine.connect() as conn:
            return sorted(years_with_data(conn))

    # --- writing ----------------------------------------------------------------------------

    @contextmanager
    def writing(self, *, dry_run: bool = False, secure_delete: bool = False) -> Iterator[sa.Connection]:
        """The one write transaction: import, forget and purge all change the store through it.

        The write lock is taken before anything is read, so a second writer started at the
        same time waits here (SQLite's busy timeout, PostgreSQL's advisory lock) and then sees
        what the first stored. Commits when the block ends, rolls back on any exception, and
        always rolls back with dry_run. secure_delete: deleted rows are overwritten in a
        SQLite file (forget, purge).
        """
        with self.engine.connect() as conn:
            trans = conn.begin()
            try:
                if self.is_sqlite:
                    if secure_delete:
                        conn.exec_driver_sql("PRAGMA secure_delete = ON")
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})")
                yield conn
                if dry_run:
                    trans.rollback()
                else:
                    trans.commit()
                    self._pending_meta.clear()
            except BaseException:
                trans.rollback()
                raise

    def apply(self, conn: sa.Connection, records: dict[str, list[Record]],
              registrations: pa.Table | None) -> dict[str, Counts]:
        """Store one checked import on the connection of `writing`; what changed per table."""
        self._claim_meta(conn)
        if self._pending_meta:
            conn.execute(meta.insert(), [{"key": k, "value": v} for k, v in self._pending_meta.items()])
        summary: dict[str, Counts] = {}
        for name in ("organisations", "activities", "requests", "targets"):
            summary[name] = self._upsert(conn, name, records.get(name, []))
        summary["registrations"] = (self._replace_registrations(conn, registrations)
                                    if registrations is not None else Counts())
        summary["evaluations"] = self._replace(conn, "evaluations", records.get("evaluations", []))
        return summary

    def _claim_meta(self, conn: sa.Connection) -> None:
        """Drop pending meta another import has stored meanwhile; refuse when it differs."""
        if not self._pending_meta:
            return
        stored = dict(conn.execute(sa.select(meta.c.key, meta.c.value).where(
            meta.c.key.in_(list(self._pending_meta)))).all())
        for k, v in stored.items():
            if v != self._pending_meta[k]:
                raise SociusError(_(
                    "another import stored the first data in this store at the same moment; "
                    "nothing of this import was stored: run it again"))
            del self._pending_meta[k]

    def _upsert(self, conn: sa.Connection, name: str, rows: list[Record]) -> Counts:
        table = TABLES[name]
        key = KEYED[name]
        cols = [c.name for c in table.columns]
        new = {tuple(r[k] for k in key): {c: r[c] for c in cols} for r in rows}
        counts = Counts()
        if not new:
            return counts
        key_col = table.c[key[0]]
        old: dict[tuple[Any, ...], Record] = {}
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is not None:
            for stored in select_in(conn, sa.select(table), key_col, {k[0] for k in new}):
                old[tuple(stored._mapping[k] for k in key)] = dict(stored._mapping)
        inserts: list[Record] = []
        updates: list[Record] = []
        for k, row in new.items():
            if k not in old:
                inserts.append(row)
            elif old[k] != row:
                updates.append(row)
            else:
                counts.unchanged += 1
        if inserts:
            insert_rows(conn, table, inserts)
        if updates:
            conn.execute(
                table.update().where(*[table.c[k] == sa.bindparam(f"_key_{k}") for k in key]),
                [{**{c: r[c] for c in cols if c not in key}, **{f"_key_{k}": r[k] for k in key}}
                 for r in updates])
        counts.added, counts.updated = len(inserts), len(updates)
        return counts

    def _replace_registrations(self, conn: sa.Connection, new: pa.Table) -> Counts:
        """Replace the stored registrations of every activity the import names, in bulk;
        counted as `_replace` counts, loaded by `load.insert`."""
        import pyarrow.compute as pc

        from .load import compare_stored, insert

        counts = Counts()
        if not new.num_rows:
            return counts
        new = new.select(list(COLUMNS))
        affected = sorted(pc.unique(new["activity"]).to_pylist())
        t = registrations
        counts.added, counts.updated, counts.removed, counts.unchanged = compare_stored(
            conn, sa.select(*[t.c[c] for c in COLUMNS]), t.c.activity, new, affected)
        if not (counts.added or counts.removed or counts.updated):
            return counts
        if counts.removed or counts.updated or counts.unchanged:  # stored rows to replace
            for chunk in chunks(affected, 500):
                conn.execute(t.delete().where(t.c.activity.in_(chunk)))
        # in key order (the B-tree grows at its end), through the sorted indices: never a
        # sorted copy of the whole table
        insert(conn, "registrations", new, pc.sort_indices(
            new, sort_keys=[("activity", "ascending"), ("participant", "ascending")]))
        return counts

    def _replace(self, conn: sa.Connection, name: str, rows: list[Record]) -> Counts:
        """Replace the stored rows of every activity that occurs in the import (evaluations;
        registrations are replaced in bulk by `_replace_registrations`)."""
        table = TABLES[name]
        cols = [c.name for c in table.columns if c.name != "id"]
        counts = Counts()
        if not rows:
            return counts
        affected = sorted({r["activity"] for r in rows})
        new_rows = [{c: r[c] for c in cols} for r in rows]
        old_rows = [dict(r._mapping) for r in select_in(
            conn, sa.select(*[table.c[c] for c in cols]), table.c.activity, affected)]
        # evaluations have no key: compared as multisets of answers per activity
        old_c = Counter(tuple(r[c] for c in cols) for r in old_rows)
        new_c = Counter(tuple(r[c] for c in cols) for r in new_rows)
        counts.unchanged = sum((old_c & new_c).values())
        counts.added = sum((new_c - old_c).values())
        counts.removed = sum((old_c - new_c).values())
        if counts.added or counts.removed or counts.updated:
            for chunk in chunks(affected, 500):
                conn.execute(table.delete().where(table.c.activity.in_(chunk)))
            conn.execute(table.insert(), new_rows)
        return counts


def insert_rows(conn: sa.Connection, table: sa.Table, rows: list[Record]) -> None:
    """`conn.execute(table.insert(), rows)`; on SQLite straight through the driver's own
    executemany (SQLAlchemy's per-row bind processing costs more than SQLite's own insert), with
    dates and booleans stored exactly as SQLAlchemy's SQLite types store them."""
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        return
    names = [c.name for c in table.columns]
    convert: list[Callable[[Any], Any] | None] = [
        _sqlite_date if isinstance(c.type, sa.Date) else _sqlite_bool if isinstance(c.type, sa.Boolean) else None
        for c in table.columns]
    if any(isinstance(c.type, sa.DateTime | sa.Time) for c in table.columns):  # never in these tables
        conn.execute(table.insert(), rows)
        return
    if all(f is None for f in convert):
        params: Iterable[tuple[Any, ...]] = (tuple(r.get(n) for n in names) for r in rows)
    else:
        params = (tuple(r.get(n) if f is None else f(r.get(n)) for n, f in zip(names, convert, strict=True))
                  for r in rows)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    cur = cast("sqlite3.Connection", conn.connection.dbapi_connection).cursor()
    try:
        cur.executemany(sql, params)
    finally:
        cur.close()


def _sqlite_date(v: Any) -> str | None:
    """A date as SQLAlchemy's SQLite DATE stores it."""
    return None if v is None else f"{v.year:04d}-{v.month:02d}-{v.day:02d}"


def _sqlite_bool(v: Any) -> int | None:
    return None if v is None else int(bool(v))


def years_with_data(conn: sa.Connection, among: set[int] | None = None) -> set[int]:
    """The years (of `among`, when given) that have activities or requests."""
    found: set[int] = set()
    for table in (activities, requests):
        q = sa.select(table.c.year).distinct()
        if among is not None:
            q = q.where(table.c.year.in_(sorted(among)))
        found |= set(conn.execute(q).scalars())
    return found


def _create_private(path: Path) -> None:
    """Create the SQLite file readable by its owner only: it holds pseudonymous personal data."""
    if not path.parent.is_dir():
        raise SociusError(_("cannot create the store {path}: the folder {folder} does not exist").format(
            path=path, folder=path.parent))
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise SociusError(_("cannot create the store {path}: {reason}").format(
            path=path, reason=exc.strerror)) from None


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Items in slices of `size`: an IN (...) list stays within every database's limits."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def select_in(conn: sa.Connection, query: sa.Select[*Ts], column: sa.ColumnElement[Any],
              keys: Iterable[Any]) -> Iterator[sa.Row[*Ts]]:
    """The rows of `query` whose `column` is one of `keys`, asked in chunks (`chunks`)."""
    for chunk in chunks(sorted(keys), 500):
        yield from conn.execute(query.where(column.in_(chunk)))


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc)
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__
