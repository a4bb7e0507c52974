"""The store's schema: its tables, its version, and the migrations between versions.

Participants are kept only as a keyed hash (HMAC-SHA256) of their normalised e-mail address
or name (`Store.hasher`), never in clear.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..ingest.records import COLUMNS

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
    # v4: on SQLite the rows live in the primary key's own B-tree (no rowid table beside an
    # index of the key), so a million of them are written once, not twice
    sqlite_with_rowid=False,
)
evaluations = sa.Table(
    "evaluations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("activity", sa.Text, nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("scale", sa.Float, nullable=False),
    sa.Column("recommend", sa.Integer),  # 0-10, or None: not answered (v2)
)
# The register, per policy period (v2): one row per organisation and period. `period` is ''
# (blank: every year), '2020' or '2016-2020'; period_from/period_until are its years (None
# for blank). The register of year Y: per name the row whose period holds Y, else the blank one.
organisations = sa.Table(
    "organisations", metadata,
    sa.Column("key", sa.Text, primary_key=True),  # the name, normalised
    sa.Column("period", sa.String(16), primary_key=True, server_default=""),
    sa.Column("period_from", sa.Integer),
    sa.Column("period_until", sa.Integer),
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

# The policy plan's targets (v3): one row per indicator (a key of figures.targets.INDICATORS)
# and period ('2020' or '2016-2020', as the register stores it; period_from/period_until its
# years). `position` is the target's place among the targets of its period in the import that
# stored it: the order of the targets table. A target changes no figure.
targets = sa.Table(
    "targets", metadata,
    sa.Column("indicator", sa.String(64), primary_key=True),
    sa.Column("period", sa.String(16), primary_key=True),
    sa.Column("period_from", sa.Integer, nullable=False),
    sa.Column("period_until", sa.Integer, nullable=False),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("direction", sa.String(16), nullable=False),
    sa.Column("goal", sa.Text),
    sa.Column("position", sa.Integer, nullable=False),
)

# The indicators of a year whose participant-level rows were purged (`socius purge`),
# frozen as computed just before: `figures.lookup` returns these for such a year.
frozen_stats = sa.Table(
    "frozen_stats", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
    sa.Column("frozen_at", sa.Text, nullable=False),
)

# Each year's indicators as `figures.indicators.compute_live` gives them, kept up to date by
# every write transaction that changes them, so that `socius stats` reads one row (cache.py).
year_figures = sa.Table(
    "year_figures", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("version", sa.String(32), nullable=False),
    sa.Column("json", sa.Text, nullable=False),
)

# Every stored import and every publication (v2): when, by which operating-system user, and
# as JSON the files (name, size, SHA-256), the per-table summary and any published figures
# it changed (`store/history.py`).
history = sa.Table(
    "history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Text, nullable=False),  # ISO 8601, UTC
    sa.Column("os_user", sa.Text, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # import | publish
    sa.Column("details", sa.Text, nullable=False),  # JSON
)

# The figures of a year as published (`socius publish`, v2): a record to compare against,
# not a replacement of the stored figures (see figures/lookup.py).
published = sa.Table(
    "published", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
    sa.Column("published_at", sa.Text, nullable=False),
    sa.Column("os_user", sa.Text, nullable=False),
)

TABLES = {t.name: t for t in (activities, registrations, evaluations, organisations, requests, targets)}
KEYED = {"activities": ("code",), "organisations": ("key", "period"), "requests": ("id",),
         "targets": ("indicator", "period")}
assert tuple(c.name for c in registrations.columns) == COLUMNS  # the bulk loader's column order
# Migrations from version N to N+1, run in order on an older store: a statement that SQLite
# and PostgreSQL both run, or (dialect name, statement) for one of them only. Tables new in a
# version are then made by `metadata.create_all`.
Migration = str | tuple[str, str]
MIGRATIONS: dict[int, list[Migration]] = {
    # v1 -> v2: the register per period (its primary key becomes (key, period), so the table
    # is rebuilt; every v1 row is a row for every year, the blank period, so each year keeps
    # its register and its figures), and the recommendation answer of an evaluation.
    1: [
        "CREATE TABLE organisations_v2 (key TEXT NOT NULL, period VARCHAR(16) DEFAULT '' NOT NULL, "
        "period_from INTEGER, period_until INTEGER, name TEXT NOT NULL, recognised BOOLEAN NOT NULL, "
        "sector TEXT, PRIMARY KEY (key, period))",
        "INSERT INTO organisations_v2 (key, period, period_from, period_until, name, recognised, sector) "
        "SELECT key, '', NULL, NULL, name, recognised, sector FROM organisations",
        "DROP TABLE organisations",
        "ALTER TABLE organisations_v2 RENAME TO organisations",
        "ALTER TABLE evaluations ADD COLUMN recommend INTEGER",
    ],
    # v2 -> v3: the targets table, new, made by `metadata.create_all`.
    2: [],
    # v3 -> v4: on SQLite the registrations become a WITHOUT ROWID table keyed (activity,
    # participant); the same rows, copied in key order. PostgreSQL keeps its table as it is.
    3: [
        ("sqlite", "CREATE TABLE registrations_v4 (activity TEXT NOT NULL, participant VARCHAR(64) NOT NULL, "
                   "organisation TEXT, org_key TEXT, target_group VARCHAR(16), attended BOOLEAN NOT NULL, "
                   "PRIMARY KEY (activity, participant)) WITHOUT ROWID"),
        ("sqlite", "INSERT INTO registrations_v4 (activity, participant, organisation, org_key, target_group, "
                   "attended) SELECT activity, participant, organisation, org_key, target_group, attended "
                   "FROM registrations ORDER BY activity, participant"),
        ("sqlite", "DROP TABLE registrations"),
        ("sqlite", "ALTER TABLE registrations_v4 RENAME TO registrations"),
    ],
}
