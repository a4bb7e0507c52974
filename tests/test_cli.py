"""cli.py: what `socius stats` takes when no year is given, and the one-line messages when the
year or the store is missing."""

from __future__ import annotations

import json

from helpers import Cli


def test_year_defaults_to_latest_and_missing_year_names_the_years(sample_cli):
    cli = sample_cli
    assert json.loads(cli("stats", "--format", "json").stdout)["year"] == 2020
    res = cli("stats", "1999")
    assert res.exit_code == 1
    assert "1999" in res.stderr and "2019, 2020" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_stats_without_a_store_says_to_import_first(tmp_path):
    res = Cli(str(tmp_path / "none.db"))("stats")
    assert res.exit_code == 1 and "socius import" in res.stderr
    assert not (tmp_path / "none.db").exists()
