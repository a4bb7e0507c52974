"""bench/: the benchmark's generator still writes a workbook socius imports."""

from __future__ import annotations

from socius_cli.importing import run_import
from socius_cli.store.store import Store


def test_bench_smoke(tmp_path):
    """The benchmark's generator writes a workbook socius imports."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import run as bench

    path = tmp_path / "b.xlsx"
    bench.generate(path, 2000)
    store = Store(str(tmp_path / "b.db"))
    result = run_import([path], store)
    assert result.summary["registrations"].added == 2000
