"""store/cache.py and store/quick.py: the figures cached by each import always equal the
figures computed from the rows, through imports, re-imports and corrections; a cache of
another version is not used."""

from __future__ import annotations

import pytest
from helpers import SAMPLE, Cli, small_book, years_cached_equal_live

from socius_cli.store import cache, quick


def test_cache_stays_exact_through_imports_and_corrections(tmp_path, store_db, monkeypatch):
    monkeypatch.setenv("SOCIUS_KEY", "k")
    cli = Cli(store_db)
    steps = [
        small_book(tmp_path, "1.xlsx",
                   [["A1", "a", "01/02/2022", "fysiek", 2, "Taal"], ["A2", "b", "01/02/2023", "online", 1, "Taal"]],
                   [["A1", "x@y.be", "Org A", "ja"], ["A2", "x@y.be", "Org B", "ja"], ["A2", "z@y.be", None, "nee"]]),
        small_book(tmp_path, "2.xlsx", [], [], orgs=[["Org A", "ja"], ["Org B", "nee"]]),  # register: every year
        small_book(tmp_path, "3.xlsx", [["A1", "a", "01/02/2023", "fysiek", 3, "Cultuur"]], []),  # A1 moves to 2023
        small_book(tmp_path, "4.xlsx", [], [["A2", "q@y.be", "Org A", "ja"]]),  # A2's registrations replaced
        small_book(tmp_path, "5.xlsx", [], [], orgs=[["Org B", "ja"]]),  # correction of the register
    ]
    seen = []
    for book in steps:
        res = cli("import", str(book))
        assert res.exit_code == 0, res.output
        seen.append(years_cached_equal_live(store_db))
        res = cli("import", str(book))  # re-import: nothing changes, figures still exact
        assert res.exit_code == 0, res.output
        assert years_cached_equal_live(store_db) == seen[-1]
    assert seen[0] == {2022, 2023} and seen[2] == {2023}
    res = cli("import", str(SAMPLE))
    assert res.exit_code == 0, res.output
    years_cached_equal_live(store_db)


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
