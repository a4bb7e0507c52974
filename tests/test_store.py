"""store/store.py: the same results on SQLite and PostgreSQL, the PostgreSQL URL forms, and
two imports at the same time that both land (writers take turns)."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa
from helpers import SAMPLE, Cli, small_book, subprocess_pythonpath, years_cached_equal_live

from socius_cli.store.store import Store


def test_sample_data_same_figures_on_sqlite_and_postgresql(tmp_path, pg_db, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    results = []
    for db in (str(tmp_path / "s.db"), pg_db):
        cli = Cli(db)
        res = cli("import", str(SAMPLE))
        assert res.exit_code == 0, res.output
        results.append((res.stdout, cli.json(2020), cli.json(2019), cli("stats", "2020", "--format", "csv").stdout))
        Store(db, create=False).engine.dispose()
    assert results[0] == results[1]


def test_postgresql_url_forms(pg_db):
    for url in (pg_db, pg_db.replace("postgresql://", "postgres://", 1),
                pg_db.replace("postgresql://", "postgresql+psycopg://", 1)):
        store = Store(url)
        assert store.engine.dialect.name == "postgresql" and store.engine.dialect.driver == "psycopg"
        store.engine.dispose()


def test_two_imports_at_once_both_land(tmp_path, store_db, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    books = []
    for i in range(2):
        acts = [[f"B{i}-{k}", "t", "01/03/2021", "online", 1, "Taal"] for k in range(50)]
        regs = [[f"B{i}-{k}", f"p{j}@x.be", None, "ja"] for k in range(50) for j in range(20)]
        books.append(small_book(tmp_path, f"c{i}.xlsx", acts, regs))
    Store(store_db).engine.dispose()  # the store exists before both start
    env = {**os.environ, "PYTHONPATH": subprocess_pythonpath(), "SOCIUS_KEY": "k"}
    procs = [subprocess.Popen([sys.executable, "-m", "socius_cli.cli", "import", str(b), "--db", store_db],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for b in books]
    outs = [p.communicate(timeout=300)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    store = Store(store_db, create=False)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM registrations")).scalar_one() == 2000
    store.engine.dispose()
    assert years_cached_equal_live(store_db) == {2021}
    assert Cli(store_db).json(2021)["open_offering"]["participations"] == 2000
