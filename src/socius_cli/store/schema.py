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

TABLES = {t.name: t for t in (activities, registrations, evaluations, organisations, requests)}
KEYED = {"activities": ("code",), "organisations": ("key",), "requests": ("id",)}
assert tuple(c.name for c in registrations.columns) == COLUMNS  # the bulk loader's column order
# Migrations from version N to N+1, run in order on an older store. Empty while at v1.
MIGRATIONS: dict[int, list[str]] = {}
