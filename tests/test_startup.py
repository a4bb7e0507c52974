"""`socius --help` and `--version` start light: no pandas, no spreadsheet reader, no plotting."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import REPO, subprocess_pythonpath

HEAVY = ("pandas", "numpy", "pyarrow", "openpyxl", "python_calamine", "fastexcel", "pygal",
         "weasyprint", "sqlalchemy")


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import json, sys\n"
        f"sys.argv = ['socius', *{list(argv)!r}]\n"
        "from socius_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin"}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    return set(json.loads(res.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("import", "--help"), ("stats", "--help")])
def test_start_up_imports_nothing_heavy(argv):
    loaded = _modules_after(*argv)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_stats_from_the_cache_needs_no_sqlalchemy(tmp_path):
    """`socius stats` on a SQLite store reads the precomputed figures with sqlite3 alone."""
    db = tmp_path / "s.db"
    env = {"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin", "SOCIUS_KEY": "k"}
    subprocess.run([sys.executable, "-m", "socius_cli.cli", "import", str(REPO / "sample_data"), "--db", str(db)],
                   check=True, capture_output=True, env=env, timeout=300)
    loaded = _modules_after("stats", "2020", "--format", "json", "--db", str(db))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_cache_knows_the_schema_version():
    from socius_cli.store import quick as cache
    from socius_cli.store import versions as store

    assert cache.SCHEMA_VERSION == str(store.SCHEMA_VERSION)


def test_an_import_never_loads_pandas(tmp_path):
    """pyarrow imports pandas, when it is installed, on its first conversion; socius tells it
    once that there is none (`ingest.arrow.arrow_without_pandas`): 0.2 s of every import."""
    pytest.importorskip("pandas")
    loaded = _modules_after("import", str(REPO / "sample_data"), "--db", str(tmp_path / "s.db"))
    assert "pandas" not in loaded
    assert {"pyarrow", "sqlalchemy"} <= loaded  # the import did run
