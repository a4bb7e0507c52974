"""store/load.py: registrations loaded in bulk, with COPY on PostgreSQL."""

from __future__ import annotations

from helpers import Cli, small_book


def test_postgresql_loads_registrations_with_copy(pg_db, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    from socius_cli.store import load as bulk

    calls = []
    real = bulk.insert

    def spy(conn, name, table, order=None):
        calls.append(conn.dialect.name)
        return real(conn, name, table, order)

    monkeypatch.setattr(bulk, "insert", spy)
    book = small_book(tmp_path, "p.xlsx", [["A1", "a", "01/02/2022", "fysiek", 2, "Taal"]],
                      [["A1", "x@y.be", None, "ja"]])
    assert Cli(pg_db)("import", str(book)).exit_code == 0
    assert calls == ["postgresql"]
