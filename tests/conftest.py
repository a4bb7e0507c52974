"""Fixtures every test file can take: the store locations (`store_db`, `pg_db`) and the CLI
against them (`cli`, `sqlite_cli`).

PostgreSQL comes from SOCIUS_TEST_PG_URL (an admin URL; `.ci/postgres.sh` starts a throwaway
server and sets it). Each test gets a database of its own, dropped afterwards. Without the
variable the PostgreSQL half is skipped with a reason, except in CI (CI=true), where a missing
server is a failure: the shared-store promise must be tested there.

Hypothesis profiles: "ci" (CI=true) runs as many examples as the property tests are meant
to get; "dev" (otherwise) a tenth, so that a local `pytest -q` stays quick. Each test asks for
a share of the profile's count (`helpers.examples`). `pytest --hypothesis-profile=ci` runs the
full counts locally.

Helpers that tests import by name (write_xlsx, Cli, SAMPLE, ...) are in helpers.py.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))  # so tests can `import reference`, `helpers`, ...

from helpers import Cli  # noqa: E402

settings.register_profile("ci", max_examples=100, print_blob=True)
settings.register_profile("dev", max_examples=10)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

PG_ADMIN_URL = os.environ.get("SOCIUS_TEST_PG_URL")


def _pg_database():
    if not PG_ADMIN_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but SOCIUS_TEST_PG_URL is not set: .ci/postgres.sh must start PostgreSQL")
        pytest.skip("PostgreSQL: set SOCIUS_TEST_PG_URL to run these tests against it (see .ci/postgres.sh)")
    import psycopg

    name = "socius_t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, rest = PG_ADMIN_URL.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (("?" + rest) if rest else "")
    return name, url


def _drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path):
    """A fresh, empty store location: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "socius.db")
        return
    name, url = _pg_database()
    try:
        yield url
    finally:
        _drop(name)


@pytest.fixture
def pg_db(tmp_path):
    """A fresh PostgreSQL database only (for tests of PostgreSQL's own behaviour)."""
    name, url = _pg_database()
    try:
        yield url
    finally:
        _drop(name)


@pytest.fixture
def cli(store_db) -> Cli:
    """The CLI against a fresh store: SQLite, and PostgreSQL when a server is configured."""
    return Cli(store_db)


@pytest.fixture
def sqlite_cli(tmp_path) -> Cli:
    """The CLI against a fresh SQLite file, for tests of the file itself."""
    return Cli(str(tmp_path / "socius.db"))
