"""Version numbers of what a store holds, importable without SQLAlchemy (`quick.py`)."""

SCHEMA_VERSION = 3  # the tables (schema.py); MIGRATIONS take an older store up to it
# The indicators' definitions and JSON shape: cached figures of another version are ignored
# (recomputed from the rows) until the next change refreshes them. Bump when they change.
FIGURES_VERSION = "2"  # 2: nps and recommend_answers; the register per period
