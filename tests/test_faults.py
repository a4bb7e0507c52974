"""Issue 4, faults: kill -9 mid-import, two imports at once, a read-only store, a full disk.
Each leaves the store as it was (or, for two imports, as one import makes it), never half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import corpus
import pytest
from helpers import Cli, subprocess_pythonpath

REPO = Path(__file__).resolve().parents[1]


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = subprocess_pythonpath()
    e.pop("SOCIUS_DB", None)
    return e


def snapshot(db: Path) -> dict:
    """Every row of every table, and SQLite's own verdict on the file."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        return {t: sorted(map(repr, con.execute(f'select * from "{t}"'))) for t in tables}
    finally:
        con.close()


def big_files(d: Path, n_regs: int, prefix: str = "B") -> list[Path]:
    acts = [corpus.ACT_HEAD] + [[f"{prefix}{i}", f"Activiteit {i}", "02/03/2020", "online", 1] for i in range(100)]
    regs = [corpus.REG_HEAD] + [[f"{prefix}{i % 100}", None, f"p{i}@big.test", "Org", None, None]
                                for i in range(n_regs)]
    return [corpus.write_csv(d / "activiteiten.csv", acts), corpus.write_csv(d / "inschrijvingen.csv", regs)]


@pytest.fixture
def seeded(tmp_path):
    db = tmp_path / "socius.db"
    cli = Cli(str(db))
    res = cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets()))
    assert res.exit_code == 0, res.output
    return cli, db


# A runner that imports as `socius import` does, but signals (and stalls) once the first
# registration row has been written inside the import's transaction.
HOOKED = """
import os, sys, time
import sqlalchemy as sa

def _trace(statement):
    if "INSERT INTO REGISTRATIONS" in statement.upper():
        open(os.environ["SOCIUS_TEST_MARK"], "w").close()
        time.sleep(120)

@sa.event.listens_for(sa.engine.Engine, "connect")
def _hook(dbapi_conn, record):
    dbapi_conn.set_trace_callback(_trace)  # sees every statement, bulk executemany included

from socius_cli.cli import main
sys.argv = ["socius"] + sys.argv[1:]
main()
"""


def test_kill_9_while_writing_leaves_the_store_as_before(seeded, tmp_path):
    cli, db = seeded
    before = snapshot(db)
    files = big_files(tmp_path, 5_000)
    mark = tmp_path / "writing"
    proc = subprocess.Popen([sys.executable, "-c", HOOKED, "import", *map(str, files), "--db", str(db)],
                            env={**env(), "SOCIUS_TEST_MARK": str(mark)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not mark.exists():
            assert proc.poll() is None, "the import ended before it wrote"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        # It is inside its transaction: the rollback journal (or WAL) holds the old pages.
        assert db.with_name(db.name + "-journal").exists() or db.with_name(db.name + "-wal").exists()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(db) == before  # opening it rolls the hot journal back
    res = cli("import", *files)  # and the next import works
    assert res.exit_code == 0, res.output
    assert snapshot(db)["registrations"] != before["registrations"]


def test_kill_9_at_any_moment_leaves_the_store_before_or_after(seeded, tmp_path):
    """Without any hook: killed as soon as the journal appears, the store is exactly as before
    (or, if the import won the race and committed, exactly as after)."""
    cli, db = seeded
    before = snapshot(db)
    files = big_files(tmp_path, 30_000)
    journal, wal = db.with_name(db.name + "-journal"), db.with_name(db.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([sys.executable, "-m", "socius_cli.cli", "import", *map(str, files), "--db", str(db)],
                            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if journal.exists() or (wal.exists() and wal.stat().st_size > wal_size):
            break
        time.sleep(0.002)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after_kill = snapshot(db)
    if killed:
        assert after_kill == before
    res = cli("import", *files)
    assert res.exit_code == 0, res.output
    done = snapshot(db)
    assert len(done["registrations"]) == 30_000 + len(before["registrations"])
    if not killed:
        assert after_kill == done


def test_two_imports_at_once_give_the_store_of_one(seeded, tmp_path):
    cli, db = seeded
    files = big_files(tmp_path, 8_000)
    procs = [subprocess.Popen([sys.executable, "-m", "socius_cli.cli", "import", *map(str, files), "--db", str(db)],
                              env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=False):
        assert p.returncode == 0, err
        assert "Traceback" not in out + err
    both = snapshot(db)
    # The same import once more into a copy of the store changes nothing: it equals one import.
    one = tmp_path / "one.db"
    one.write_bytes(db.read_bytes())
    res = Cli(str(one))("import", *files)
    assert res.exit_code == 0
    again = snapshot(one)
    assert len(again.pop("history")) == len(both.pop("history")) + 1  # every stored import is recorded
    assert again == both
    assert len(both["registrations"]) == 8_000 + len(corpus.REGS)  # the seeded K1-K3 rows stay


def test_two_first_imports_into_a_new_store_wait_or_fail_clearly(tmp_path):
    """Into a store that does not exist yet: both create it; one waits, or fails with one line."""
    db = tmp_path / "new.db"
    files = big_files(tmp_path, 2_000)
    procs = [subprocess.Popen([sys.executable, "-m", "socius_cli.cli", "import", *map(str, files), "--db", str(db)],
                              env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 1]), outs
    for p, (out, err) in zip(procs, outs, strict=False):
        assert "Traceback" not in out + err
        if p.returncode == 1:
            assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    data = snapshot(db)
    assert len(data["registrations"]) == 2_000 and len(data["activities"]) == 100


def test_read_only_store_is_a_clear_error_and_unchanged(seeded, tmp_path):
    import sqlalchemy as sa

    cli, db = seeded
    before = db.read_bytes()
    files = big_files(tmp_path, 50)

    def read_only(dbapi_conn, record):  # root writes through file modes: SQLite's own switch
        dbapi_conn.execute("pragma query_only = ON")

    as_root = os.geteuid() == 0
    if as_root:
        sa.event.listen(sa.engine.Engine, "connect", read_only)
    os.chmod(db, 0o444)
    try:
        res = cli("import", *files, "--lang", "en")
    finally:
        os.chmod(db, 0o600)
        if as_root:
            sa.event.remove(sa.engine.Engine, "connect", read_only)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0] and "nothing was changed" in lines[0], res.stderr
    assert db.read_bytes() == before


def test_full_disk_is_a_clear_error_and_nothing_half_written(seeded, tmp_path, monkeypatch):
    """The disk fills up mid-import (SQLite's page budget stands in for the disk)."""
    import sqlalchemy as sa

    cli, db = seeded
    before = snapshot(db)
    pages = sqlite3.connect(db).execute("pragma page_count").fetchone()[0]

    def tiny_disk(dbapi_conn, record):
        dbapi_conn.execute(f"pragma max_page_count = {pages + 3}")

    sa.event.listen(sa.engine.Engine, "connect", tiny_disk)
    try:
        res = cli("import", *big_files(tmp_path, 5_000), "--lang", "en")
    finally:
        sa.event.remove(sa.engine.Engine, "connect", tiny_disk)
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    assert "disk is full" in res.stderr and "nothing was changed" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert snapshot(db) == before
