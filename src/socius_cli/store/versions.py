"""Version numbers of what a store holds, importable without SQLAlchemy (`quick.py`)."""

# The tables (schema.py); MIGRATIONS take an older store up to it. 3: the targets table;
# 4: the registrations a WITHOUT ROWID table on SQLite.
SCHEMA_VERSION = 4
# The indicators' definitions and JSON shape: cached figures of another version are ignored
# (recomputed from the rows) until the next change refreshes them. Bump when they change.
FIGURES_VERSION = "2"  # 2: nps and recommend_answers; the register per period
