"""Issue 10, class 4: a store path is a path. `%41`, `#`, `?`, spaces, a colon and non-ASCII
letters stay part of the file or folder name; only a value with a URL scheme is a URL."""

from __future__ import annotations

import sqlite3

import corpus
import pytest
from helpers import Cli

NAMES = ["x%41.db", "met spatie.db", "a#b.db", "wat?.db", "café-ñ.db", "jaar:2020.db", "%2e%2e.db", "a%20b#c?d.db"]


@pytest.mark.parametrize("name", NAMES)
def test_the_store_is_the_file_named(tmp_path, name):
    book = corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())
    folder = tmp_path / "winkel"
    folder.mkdir()
    db = folder / name
    cli = Cli(str(db))
    res = cli("import", book)
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no leftover, no decoded twin
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as con:
        assert con.execute("select count(*) from activities").fetchone() == (3,)
    assert cli.json(2020)["open_offering"]["activities"] == 2
    res = cli("stats", "2020")  # the quick path reads the same file
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output


@pytest.mark.parametrize("folder_name", ["map%41", "map #1", "map?", "ü:map"])
def test_a_folder_with_odd_characters_holds_the_store(tmp_path, folder_name):
    book = corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())
    folder = tmp_path / folder_name
    folder.mkdir()
    cli = Cli(str(folder / "s.db"))
    res = cli("import", book)
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]
    assert cli.json(2020)["open_offering"]["activities"] == 2


def test_only_a_scheme_makes_a_url():
    from socius_cli.store.location import is_url, sqlite_file

    assert not is_url("x%41.db") and not is_url("C:\\data\\s.db") and not is_url("jaar:2020.db")
    assert is_url("postgresql://u@h/db") and is_url("sqlite:///s.db")
    assert str(sqlite_file("x%41.db")) == "x%41.db"
    assert str(sqlite_file("sqlite:///x%41.db")) == "xA.db"  # a URL is decoded, as SQLAlchemy does
    assert sqlite_file("sqlite://") is None and sqlite_file("postgresql://u@h/db") is None
