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


# `socius import` as the CLI runs it, stalled inside its write transaction: once it writes
# its first activity it marks SOCIUS_TEST_MARK and waits for SOCIUS_TEST_GO to exist.
STALLED_IMPORT = """
import os, sys, time
import sqlalchemy as sa

@sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
def _stall(conn, cursor, statement, parameters, context, executemany):
    # the history row is the import's last write, inside its transaction (the rows before it
    # go through the driver's own cursor on SQLite, which this event does not see)
    if statement.lstrip().upper().startswith("INSERT INTO HISTORY"):
        open(os.environ["SOCIUS_TEST_MARK"], "w").close()
        deadline = time.monotonic() + 120
        while not os.path.exists(os.environ["SOCIUS_TEST_GO"]) and time.monotonic() < deadline:
            time.sleep(0.02)

from socius_cli.cli import main
sys.argv = ["socius"] + sys.argv[1:]
main()
"""


def _at_the_store(pid: int, db: str) -> bool:
    """Process `pid` has got as far as the store: on PostgreSQL, a session of this database
    waits for the write lock (the advisory lock an import holds; no other client asks for
    it here); on SQLite, the process has the store file open."""
    from pathlib import Path

    from socius_cli.store.schema import IMPORT_LOCK

    if "://" in db:
        store = Store(db, create=False)
        try:
            with store.engine.connect() as conn:
                return conn.execute(sa.text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted "
                    "AND l.objid = :key"), {"key": IMPORT_LOCK}).scalar_one() > 0
        finally:
            store.engine.dispose()
    fds = Path(f"/proc/{pid}/fd")
    if not fds.is_dir():
        return True  # no /proc: the fixed wait below has to do
    target = Path(db).resolve()
    return any(f.resolve() == target for f in fds.iterdir())


def test_forget_waits_for_a_running_import_then_erases_what_it_stored(tmp_path, store_db, monkeypatch):
    """`socius forget` in another process while an import holds the write transaction: it
    waits, and once the import has committed it erases the person's rows the import stored
    too, with the cached figures refreshed (the one write transaction, `Store.writing`)."""
    import time

    monkeypatch.setenv("SOCIUS_KEY", "k")
    seed = small_book(tmp_path, "seed.xlsx", [["S1", "a", "01/02/2022", "fysiek", 1, "Taal"]],
                 [["S1", "x@y.be", None, "ja"], ["S1", "z@y.be", None, "ja"]])
    assert Cli(store_db)("import", str(seed)).exit_code == 0  # the store and its key exist
    book = small_book(tmp_path, "more.xlsx", [[f"M{k}", "b", "01/03/2022", "online", 1, "Taal"] for k in range(3)],
                 [[f"M{k}", p, None, "ja"] for k in range(3) for p in ("x@y.be", "w@y.be")])
    mark, go = tmp_path / "writing", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": subprocess_pythonpath(), "SOCIUS_KEY": "k",
           "SOCIUS_TEST_MARK": str(mark), "SOCIUS_TEST_GO": str(go)}
    env.pop("SOCIUS_DB", None)
    importer = subprocess.Popen([sys.executable, "-c", STALLED_IMPORT, "import", str(book), "--db", store_db],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    forgetter = None
    try:
        deadline = time.monotonic() + 60
        while not mark.exists():
            assert importer.poll() is None, importer.communicate()[0]
            assert time.monotonic() < deadline, "the import never reached its transaction"
            time.sleep(0.02)
        forgetter = subprocess.Popen([sys.executable, "-m", "socius_cli.cli", "forget", "X@y.be", "--db", store_db,
                                      "--lang", "en"],
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not _at_the_store(forgetter.pid, store_db):
            assert forgetter.poll() is None, forgetter.communicate()
            assert time.monotonic() < deadline, "forget never reached the store"
            time.sleep(0.05)
        time.sleep(1.5)
        assert forgetter.poll() is None, ("forget finished while the import held the store", forgetter.communicate())
        assert importer.poll() is None
    finally:
        go.touch()  # the import goes on and commits; then forget gets the store
        for proc in (importer, forgetter):
            if proc is not None and proc.poll() is None:
                try:
                    proc.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    proc.kill()
        imported = importer.communicate()[0]
        forgot = forgetter.communicate() if forgetter else ("", "")
    assert importer.returncode == 0, imported
    assert forgetter.returncode == 0, forgot
    assert "Removed 4 registrations" in forgot[1], forgot  # 1 seeded, 3 from the import it waited for
    store = Store(store_db, create=False)
    hashed = store.hasher()("x@y.be")
    with store.engine.connect() as conn:
        total = conn.execute(sa.text("SELECT count(*) FROM registrations")).scalar_one()
        of_x = conn.execute(sa.text("SELECT count(*) FROM registrations WHERE participant = :h"),
                            {"h": hashed}).scalar_one()
    store.engine.dispose()
    assert (of_x, total) == (0, 1 + 3)  # z in S1 and w in M0-M2 are left; nothing of x
    assert years_cached_equal_live(store_db) == {2022}
    assert Cli(store_db).json(2022)["open_offering"]["persons_reached"] == 2


V2_REGISTRATIONS = ("CREATE TABLE registrations (activity TEXT NOT NULL, participant VARCHAR(64) NOT NULL, "
                    "organisation TEXT, org_key TEXT, target_group VARCHAR(16), attended BOOLEAN NOT NULL, "
                    "PRIMARY KEY (activity, participant))")


def _as_v2_store(db: str) -> None:
    """Turn a store of this version back into what socius of schema version 2 left: on SQLite
    a registrations table with a rowid (PostgreSQL's table never changed), version '2'."""
    engine = Store(db, create=False).engine
    with engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.exec_driver_sql("ALTER TABLE registrations RENAME TO registrations_new")
            c.exec_driver_sql(V2_REGISTRATIONS)
            c.exec_driver_sql("INSERT INTO registrations SELECT * FROM registrations_new")
            c.exec_driver_sql("DROP TABLE registrations_new")
        c.execute(sa.text("UPDATE socius_meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()


def test_a_v2_store_migrates_to_v4_and_keeps_its_rows_and_figures(tmp_path, store_db, monkeypatch):
    from socius_cli.store.versions import SCHEMA_VERSION

    monkeypatch.setenv("SOCIUS_KEY", "k")
    cli = Cli(store_db)
    assert cli("import", str(SAMPLE)).exit_code == 0
    want = (cli.json(2020), cli.json(2019))
    with Store(store_db, create=False).engine.connect() as c:
        rows = sorted(tuple(r) for r in c.execute(sa.text("SELECT * FROM registrations")))
    _as_v2_store(store_db)
    store = Store(store_db, create=False)  # migrates
    with store.engine.connect() as c:
        assert c.execute(sa.text("SELECT value FROM socius_meta WHERE key = 'schema_version'")).scalar_one() == str(
            SCHEMA_VERSION)
        assert sorted(tuple(r) for r in c.execute(sa.text("SELECT * FROM registrations"))) == rows
        if c.dialect.name == "sqlite":
            sql = c.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = 'registrations'")).scalar_one()
            assert "WITHOUT ROWID" in sql
    store.engine.dispose()
    assert (cli.json(2020), cli.json(2019)) == want
    # and the migrated store takes imports as before: the same files change nothing
    res = cli("import", str(SAMPLE))
    assert res.exit_code == 0, res.output
    assert (cli.json(2020), cli.json(2019)) == want
    assert years_cached_equal_live(store_db)


def test_participant_hash_is_hmac_sha256_of_the_identity_key(tmp_path, monkeypatch):
    """The hasher builds HMAC-SHA256 from the key's padded states (copied per participant):
    exactly hmac.digest of the identity key, for keys shorter than, as long as and longer
    than SHA-256's 64-byte block, and for spellings that share one identity key."""
    import hmac

    from socius_cli.ingest.values import identity_key

    store = Store(str(tmp_path / "s.db"))
    for key in ("k", "bench-key", "x" * 63, "y" * 64, "z" * 65, "é" * 100):
        monkeypatch.setenv("SOCIUS_KEY", key)
        hasher = store.hasher()
        for p in ("a@b.be", " A@B.be ", "ÉLISE@x.be", "Ｆｕｌｌ@x.be", "tab\t@x.be", ""):
            want = hmac.digest(key.encode(), identity_key(p).encode(), "sha256").hex()[:32]
            assert hasher(p) == want, (key, p)
    store.engine.dispose()
