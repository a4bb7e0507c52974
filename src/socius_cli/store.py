"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL) alike, through SQLAlchemy Core.

One `socius import` is one transaction: it lands whole or not at all. Participants are kept
only as a keyed hash (HMAC-SHA256) of their normalised e-mail address or name.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from .errors import SociusError
from .values import identity_key

SCHEMA_VERSION = 1
IMPORT_LOCK = 0x50C105  # PostgreSQL advisory lock key held by an import's transaction
SCHEMA_LOCK = 0x50C106  # held while a store's tables are created or migrated

metadata = sa.MetaData()

meta = sa.Table(
    "socius_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
activities = sa.Table(
    "activities", metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("year", sa.Integer, nullable=False, index=True),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("half_days", sa.Float, nullable=False),
    sa.Column("theme", sa.Text),
    sa.Column("kind", sa.Text),
    sa.Column("planned", sa.Boolean),
)
registrations = sa.Table(
    "registrations", metadata,
    sa.Column("activity", sa.Text, primary_key=True),
    sa.Column("participant", sa.String(64), primary_key=True),  # keyed hash, never the address
    sa.Column("organisation", sa.Text),
    sa.Column("org_key", sa.Text),
    sa.Column("target_group", sa.String(16)),
    sa.Column("attended", sa.Boolean, nullable=False),
)
evaluations = sa.Table(
    "evaluations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("activity", sa.Text, nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("scale", sa.Float, nullable=False),
)
organisations = sa.Table(
    "organisations", metadata,
    sa.Column("key", sa.Text, primary_key=True),  # the name, normalised
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("recognised", sa.Boolean, nullable=False),
    sa.Column("sector", sa.Text),
)
requests = sa.Table(
    "requests", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("received", sa.Date, nullable=False),
    sa.Column("year", sa.Integer, nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("organisation", sa.Text),
    sa.Column("org_key", sa.Text),
    sa.Column("target_group", sa.String(16)),
    sa.Column("topic", sa.Text),
    sa.Column("decline_reason", sa.Text),
    sa.Column("supported", sa.Boolean, nullable=False),
    sa.Column("participants", sa.Integer, nullable=False),
)

# The indicators of a year whose participant-level rows were purged (`socius purge`),
# frozen as computed just before: `indicators.compute` returns these for such a year.
frozen_stats = sa.Table(
    "frozen_stats", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
    sa.Column("frozen_at", sa.Text, nullable=False),
)

# Each year's indicators as `indicators.compute_live` gives them, kept up to date by every
# import in its own transaction, so that `socius stats` reads one row (cache.py).
year_figures = sa.Table(
    "year_figures", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)

TABLES = {t.name: t for t in (activities, registrations, evaluations, organisations, requests)}
KEYED = {"activities": ("code",), "organisations": ("key",), "requests": ("id",)}
# Migrations from version N to N+1, run in order on an older store. Empty while at v1.
MIGRATIONS: dict[int, list[str]] = {}


def database_url(db: str) -> str:
    """A path is a SQLite file; `postgresql://` (or `postgres://`) means psycopg 3."""
    for plain in ("postgresql://", "postgres://"):
        if db.startswith(plain):
            return "postgresql+psycopg://" + db.removeprefix(plain)
    return db if "://" in db else f"sqlite:///{Path(db).expanduser()}"


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store, or None for a database URL or an in-memory store."""
    url = database_url(db)
    if not url.startswith("sqlite:///"):
        return None
    return Path(url.removeprefix("sqlite:///"))


def describe(db: str) -> str:
    """The store for messages, without any password a URL may hold."""
    if "://" not in db:
        return db
    return sa.engine.make_url(db).render_as_string(hide_password=True)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


class Store:
    def __init__(self, db: str, create: bool = True):
        self.db = db
        self._pending_meta: dict[str, str] = {}
        url = database_url(db)
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite and url != "sqlite://":
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                if not create:
                    raise SociusError(f"no store at {db}: run `socius import` first")
                _create_private(path)
        try:
            kwargs = {"connect_args": {"timeout": 60}} if self.is_sqlite else {}
            self.engine = sa.create_engine(url, **kwargs)
            with self.engine.begin() as conn:
                self._prepare(conn)
        except sa.exc.ArgumentError:
            raise SociusError(f"not a store location socius understands: {describe(db)}") from None
        except sa.exc.OperationalError as exc:
            raise SociusError(f"cannot open the store {describe(db)}: {_first_line(exc)}") from None
        except ModuleNotFoundError as exc:
            raise SociusError(
                f"the store {describe(db)} needs the Python package '{exc.name}' "
                "(for PostgreSQL: pip install 'socius-cli[postgres]')") from None

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
            raise SociusError(
                f"the store {describe(self.db)} has schema version {version}, made by a newer socius; "
                f"this one knows up to {SCHEMA_VERSION}: upgrade socius")
        for v in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[v]:
                conn.execute(sa.text(statement))
        if version < SCHEMA_VERSION:
            metadata.create_all(conn)  # tables new in this version
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))

    # --- participants ---------------------------------------------------------------------

    def hasher(self):
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
            raise SociusError(
                "the participant key (SOCIUS_KEY) differs from the one this store was made with; "
                "counts of persons would be wrong")

        def hash_participant(participant: str) -> str:
            return hmac.digest(key, identity_key(participant).encode(), "sha256").hex()[:32]

        return hash_participant

    # --- reading ----------------------------------------------------------------------------

    def known_codes(self, codes: set[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(codes), 500):
                found.update(conn.execute(sa.select(activities.c.code).where(activities.c.code.in_(chunk))).scalars())
        return found

    def frozen_years(self) -> set[int]:
        """Years whose participant-level rows were purged; their figures are frozen."""
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table(frozen_stats.name):
                return set()
            return set(conn.execute(sa.select(frozen_stats.c.year)).scalars())

    def activity_years(self, codes: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(codes), 500):
                found.update(conn.execute(
                    sa.select(activities.c.code, activities.c.year).where(activities.c.code.in_(chunk))).all())
        return found

    def years(self) -> list[int]:
        with self.engine.connect() as conn:
            ys = set(conn.execute(sa.select(activities.c.year).distinct()).scalars())
            ys |= set(conn.execute(sa.select(requests.c.year).distinct()).scalars())
        return sorted(ys)

    # --- writing ----------------------------------------------------------------------------

    def apply(self, records: dict[str, list[dict]], dry_run: bool = False) -> dict[str, Counts]:
        """Store one checked import in one transaction; return what changed per table.

        With dry_run, the same comparison is made and the transaction rolled back.
        """
        summary: dict[str, Counts] = {}
        with self.engine.connect() as conn:
            trans = conn.begin()
            try:
                if self.is_sqlite:
                    # Take the write lock before reading: a second import started at the same
                    # time waits here (busy timeout) and then compares against the first's rows.
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif conn.dialect.name == "postgresql":
                    # The same for PostgreSQL: imports into one store take turns, whole.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})")
                self._claim_meta(conn)
                from .cache import touched_years

                years_before = touched_years(conn, records)  # an activity may move to another year
                if self._pending_meta:
                    conn.execute(meta.insert(), [{"key": k, "value": v} for k, v in self._pending_meta.items()])
                for name in ("organisations", "activities", "requests"):
                    summary[name] = self._upsert(conn, name, records.get(name, []))
                for name in ("registrations", "evaluations"):
                    summary[name] = self._replace(conn, name, records.get(name, []))
                if not dry_run:
                    from . import cache
                    from .bulk import as_table

                    regs = records.get("registrations", [])
                    cache.refresh(conn, years_before | cache.touched_years(conn, records),
                                  all_years=cache.register_changed(summary),
                                  imported=as_table(regs) if len(regs) else None)
                if dry_run:
                    trans.rollback()
                else:
                    trans.commit()
                    self._pending_meta.clear()
            except BaseException:
                trans.rollback()
                raise
        return summary

    def _claim_meta(self, conn: sa.Connection) -> None:
        """Drop pending meta another import has stored meanwhile; refuse when it differs."""
        if not self._pending_meta:
            return
        stored = dict(conn.execute(sa.select(meta.c.key, meta.c.value).where(
            meta.c.key.in_(list(self._pending_meta)))).all())
        for k, v in stored.items():
            if v != self._pending_meta[k]:
                raise SociusError(
                    "another import stored the first data in this store at the same moment; "
                    "nothing of this import was stored: run it again")
            del self._pending_meta[k]

    def _upsert(self, conn: sa.Connection, name: str, rows: list[dict]) -> Counts:
        table = TABLES[name]
        key = KEYED[name]
        cols = [c.name for c in table.columns]
        new = {tuple(r[k] for k in key): {c: r[c] for c in cols} for r in rows}
        counts = Counts()
        if not new:
            return counts
        old: dict[tuple, dict] = {}
        key_col = table.c[key[0]]
        for chunk in _chunks([k[0] for k in new], 500):
            for row in conn.execute(sa.select(table).where(key_col.in_(chunk))).mappings():
                old[(row[key[0]],)] = dict(row)
        inserts, updates = [], []
        for k, row in new.items():
            if k not in old:
                inserts.append(row)
            elif old[k] != row:
                updates.append(row)
            else:
                counts.unchanged += 1
        if inserts:
            conn.execute(table.insert(), inserts)
        if updates:
            conn.execute(
                table.update().where(key_col == sa.bindparam("_key")),
                [{**{c: r[c] for c in cols if c not in key}, "_key": r[key[0]]} for r in updates])
        counts.added, counts.updated = len(inserts), len(updates)
        return counts

    def _replace(self, conn: sa.Connection, name: str, rows: list[dict]) -> Counts:
        """Replace the stored rows of every activity that occurs in the import."""
        table = TABLES[name]
        if name == "registrations":  # the big one: compared and loaded in bulk (bulk.py)
            from .bulk import replace_registrations

            return replace_registrations(conn, table, rows, Counts, _chunks)
        cols = [c.name for c in table.columns if c.name != "id"]
        counts = Counts()
        if not rows:
            return counts
        affected = sorted({r["activity"] for r in rows})
        new_rows = [{c: r[c] for c in cols} for r in rows]
        old_rows: list[dict] = []
        for chunk in _chunks(affected, 500):
            old_rows.extend(dict(r) for r in conn.execute(
                sa.select(*[table.c[c] for c in cols]).where(table.c.activity.in_(chunk))).mappings())
        # evaluations have no key: compared as multisets of answers per activity
        old_c = Counter(tuple(r[c] for c in cols) for r in old_rows)
        new_c = Counter(tuple(r[c] for c in cols) for r in new_rows)
        counts.unchanged = sum((old_c & new_c).values())
        counts.added = sum((new_c - old_c).values())
        counts.removed = sum((old_c - new_c).values())
        if counts.added or counts.removed or counts.updated:
            for chunk in _chunks(affected, 500):
                conn.execute(table.delete().where(table.c.activity.in_(chunk)))
            conn.execute(table.insert(), new_rows)
        return counts


def _create_private(path: Path) -> None:
    """Create the SQLite file readable by its owner only: it holds pseudonymous personal data."""
    if not path.parent.is_dir():
        raise SociusError(f"cannot create the store {path}: the folder {path.parent} does not exist")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise SociusError(f"cannot create the store {path}: {exc.strerror}") from None


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc) or exc)
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__
