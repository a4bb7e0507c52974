"""The same results on SQLite and PostgreSQL; cached figures always equal recomputed ones;
two imports at the same time both land."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from helpers import SAMPLE, Cli, subprocess_pythonpath, write_xlsx

from socius_cli.store import cache, quick
from socius_cli.figures.indicators import compute_live
from socius_cli.store.schema import year_figures
from socius_cli.store.store import Store



def _years_cached_equal_live(db: str) -> set[int]:
    store = Store(db, create=False)
    with store.engine.connect() as conn:
        years = set(store.years())
        rows = dict(conn.execute(sa.select(year_figures.c.year, year_figures.c.json)).all())
        assert set(rows) == years, "a year with data has no cached figures, or a year without has"
        for y in years:
            assert json.loads(rows[y]) == json.loads(json.dumps(compute_live(conn, y))), y
    store.engine.dispose()
    return years


def _book(tmp_path, name, acts, regs, orgs=None):
    sheets = {"activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema"], *acts],
              "inschrijvingen": [["Activiteit", "E-mail", "Organisatie", "Aanwezig"], *regs]}
    if orgs is not None:
        sheets["organisaties"] = [["Naam", "Erkend"], *orgs]
    return write_xlsx(tmp_path / name, sheets)


def test_cache_stays_exact_through_imports_and_corrections(tmp_path, store_db, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    cli = Cli(store_db)
    steps = [
        _book(tmp_path, "1.xlsx", [["A1", "a", "01/02/2022", "fysiek", 2, "Taal"], ["A2", "b", "01/02/2023", "online", 1, "Taal"]],
              [["A1", "x@y.be", "Org A", "ja"], ["A2", "x@y.be", "Org B", "ja"], ["A2", "z@y.be", None, "nee"]]),
        _book(tmp_path, "2.xlsx", [], [], orgs=[["Org A", "ja"], ["Org B", "nee"]]),  # register: every year
        _book(tmp_path, "3.xlsx", [["A1", "a", "01/02/2023", "fysiek", 3, "Cultuur"]], []),  # A1 moves to 2023
        _book(tmp_path, "4.xlsx", [], [["A2", "q@y.be", "Org A", "ja"]]),  # A2's registrations replaced
        _book(tmp_path, "5.xlsx", [], [], orgs=[["Org B", "ja"]]),  # correction of the register
    ]
    seen = []
    for book in steps:
        res = cli("import", str(book))
        assert res.exit_code == 0, res.output
        seen.append(_years_cached_equal_live(store_db))
        res = cli("import", str(book))  # re-import: nothing changes, figures still exact
        assert res.exit_code == 0, res.output
        assert _years_cached_equal_live(store_db) == seen[-1]
    assert seen[0] == {2022, 2023} and seen[2] == {2023}
    res = cli("import", str(SAMPLE))
    assert res.exit_code == 0, res.output
    _years_cached_equal_live(store_db)


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
        books.append(_book(tmp_path, f"c{i}.xlsx", acts, regs))
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
    assert _years_cached_equal_live(store_db) == {2021}
    assert Cli(store_db).json(2021)["open_offering"]["participations"] == 2000


def test_postgresql_loads_registrations_with_copy(pg_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    from socius_cli.store import load as bulk

    calls = []
    real = bulk.insert

    def spy(conn, name, table):
        calls.append(conn.dialect.name)
        return real(conn, name, table)

    monkeypatch.setattr(bulk, "insert", spy)
    book = _book(tmp_path, "p.xlsx", [["A1", "a", "01/02/2022", "fysiek", 2, "Taal"]], [["A1", "x@y.be", None, "ja"]])
    assert Cli(pg_db)("import", str(book)).exit_code == 0
    assert calls == ["postgresql"]


@pytest.mark.parametrize("db", ["sqlite"])
def test_cache_version_mismatch_recomputes(tmp_path, monkeypatch, db):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    cli = Cli(str(tmp_path / "v.db"))
    assert cli("import", str(SAMPLE)).exit_code == 0
    want = cli.json(2020)
    monkeypatch.setattr(cache, "VERSION", "other")
    monkeypatch.setattr(quick, "VERSION", "other")
    assert quick.read_sqlite(cli.db, 2020) is None
    assert cli.json(2020) == want
