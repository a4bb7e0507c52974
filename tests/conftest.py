"""Fixtures every test file can take: the store locations (`store_db`, `pg_db`), the CLI
against them (`cli`, `sqlite_cli`), and the CLI against a copy of a store holding the sample
data (`sample_cli`, imported once per session) and the sample data as tests/reference.py reads
it (`sample_tables`).

PostgreSQL comes from SOCIUS_TEST_PG_URL (an admin URL; `.ci/postgres.sh` starts a throwaway
server and sets it). Each test gets a database of its own, dropped afterwards. Without the
variable the PostgreSQL half is skipped with a reason, except in CI (CI=true), where a missing
server is a failure: the shared-store promise must be tested there.

Hypothesis profiles: "ci" (CI=true) runs as many examples as the property tests are meant
to get; "dev" (otherwise) a tenth, so that a local `pytest -q` stays quick. Each test asks for
a share of the profile's count (`helpers.examples`). `pytest --hypothesis-profile=ci` runs the
full counts locally.

Also for a quick local run, outside CI each distinct report chart is drawn once per session
(`_charts_drawn_once`); CI draws every chart of every report.

Helpers that tests import by name (write_xlsx, Cli, SAMPLE, ...) are in helpers.py.
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))  # so tests can `import reference`, `helpers`, ...

from helpers import SAMPLE, Cli  # noqa: E402

CI = os.environ.get("CI") == "true"

settings.register_profile("ci", max_examples=100, print_blob=True)
settings.register_profile("dev", max_examples=10)
settings.load_profile("ci" if CI else "dev")

PG_ADMIN_URL = os.environ.get("SOCIUS_TEST_PG_URL")


def _pg_database():
    if not PG_ADMIN_URL:
        if CI:
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


@pytest.fixture(autouse=True)
def _messages_in_english():
    """Tests of the core read socius' messages in English (the msgids). The CLI picks its own
    language for every command (Dutch unless --lang en or socius.toml says otherwise), and the
    tests of the Dutch messages set it themselves."""
    from socius_cli.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def cli(store_db) -> Cli:
    """The CLI against a fresh store: SQLite, and PostgreSQL when a server is configured."""
    return Cli(store_db)


@pytest.fixture
def sqlite_cli(tmp_path) -> Cli:
    """The CLI against a fresh SQLite file, for tests of the file itself."""
    return Cli(str(tmp_path / "socius.db"))


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A SQLite store holding sample_data/, imported once per session; take `sample_cli`."""
    db = tmp_path_factory.mktemp("sample") / "socius.db"
    res = Cli(str(db))("import", SAMPLE)
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture(scope="session")
def sample_tables() -> dict[str, list[dict]]:
    """sample_data/ as tests/reference.py reads it (plain Python), read once per session;
    `reference.compute` does not change its input."""
    import reference

    return reference.load_folder(SAMPLE)


@pytest.fixture
def sample_cli(sample_store, tmp_path) -> Cli:
    """The CLI against a fresh copy of the sample-data store, for tests that only need a store
    holding the sample data (not the import itself)."""
    db = tmp_path / "s.db"
    shutil.copy2(sample_store, db)
    return Cli(str(db))


@pytest.fixture(scope="session", autouse=True)
def _charts_drawn_once():
    """Outside CI, the chart functions of report/charts.py remember what they drew: a chart
    with the very same arguments is drawn once per session, not once per report (the report
    tests draw the same few charts over a hundred times). Charts are deterministic by design
    (fixed hash salt, no dates), so a report gets the very SVG a fresh drawing would give."""
    if CI:
        yield
        return
    from socius_cli.report import charts

    drawn: dict[tuple, str] = {}

    def remembered(fn):
        @functools.wraps(fn)
        def draw(*args, **kwargs):
            key = (fn.__name__, repr(args), repr(sorted(kwargs.items())))
            if key not in drawn:
                drawn[key] = fn(*args, **kwargs)
            return drawn[key]
        return draw

    with pytest.MonkeyPatch.context() as mp:
        for name, fn in list(vars(charts).items()):
            if not name.startswith("_") and inspect.isfunction(fn) and fn.__module__ == charts.__name__:
                mp.setattr(charts, name, remembered(fn))
        yield
