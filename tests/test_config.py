"""config.py: an option beats SOCIUS_DB, which beats `socius.toml`, which beats the defaults;
a `socius.toml` with wrong types is one clear line. (`socius import` taking its paths from
`socius.toml` is in test_importing.py.)"""

from __future__ import annotations


def test_db_option_beats_environment_beats_toml(tmp_path, monkeypatch):
    from socius_cli.config import load

    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text('db = "toml.db"\norganisation = "Vormingplus"\nlanguage = "en"\n')
    monkeypatch.delenv("SOCIUS_DB", raising=False)
    assert load().db == "toml.db" and load().organisation == "Vormingplus" and load().language == "en"
    monkeypatch.setenv("SOCIUS_DB", "env.db")
    assert load().db == "env.db"
    assert load(db_option="opt.db").db == "opt.db"


def test_socius_toml_with_wrong_types_is_one_clear_line(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ('[import]\npaths = [1]\n', 'import = "x"\n', 'db = 3\n', 'language = "fr"\n', 'db = \n'):
        (tmp_path / "socius.toml").write_text(text)
        res = sqlite_cli("stats", db=False)
        assert res.exit_code == 1, text
        assert "socius.toml" in res.stderr and "unexpected" not in res.stderr, text
