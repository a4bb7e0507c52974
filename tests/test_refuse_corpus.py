"""Issue 4: every case of the corpus is refused with exit status 1, a message that says where,
no traceback, and the store byte for byte as before."""

from __future__ import annotations

import corpus
import pytest
from helpers import Cli

CASES = corpus.refused()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store holding one good import, and its bytes."""
    d = tmp_path_factory.mktemp("seed")
    cli = Cli(str(d / "socius.db"))
    res = cli("import", corpus.write_xlsx(d / "goed.xlsx", corpus.good_sheets()))
    assert res.exit_code == 0, res.output
    return cli, d / "socius.db"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_cleanly_and_store_unchanged(case, seeded, tmp_path):
    cli, db = seeded
    before = db.read_bytes()
    paths = case.build(tmp_path)
    res = cli("import", *paths, "--lang", "en")  # the corpus names its fragments in English
    out = res.output
    assert res.exit_code == 1, out
    assert "Traceback" not in out
    flat = " ".join(out.split())  # rich may wrap long lines on the test console
    for fragment in case.where:
        assert fragment in flat, (fragment, out)
    assert db.read_bytes() == before
    assert not db.with_name(db.name + "-journal").exists()
    for secret in corpus.SECRETS:
        assert secret.lower() not in out.lower(), secret


def test_container_refusals_are_one_line(seeded, tmp_path):
    """Unreadable input is one line naming the file (contract section 2)."""
    cli, _ = seeded
    for case in corpus.CONTAINERS:
        d = tmp_path / case.name.replace(" ", "_").replace("/", "_")
        d.mkdir()
        res = cli("import", *case.build(d))
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert res.exit_code == 1 and len(lines) == 1, (case.name, res.stderr)
        assert lines[0].startswith("fout: ")


def test_hostile_files_are_refused_before_any_parser_runs(tmp_path, monkeypatch):
    """Bombs are refused from the zip directory and a streamed scan: calamine never opens them,
    and the scan holds no more than a few chunks in memory."""
    import tracemalloc

    import python_calamine

    from socius_cli.ingest import read

    def boom(*a, **k):
        raise AssertionError("calamine opened a hostile file")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", boom)
    hostile = {"lol.xlsx": lambda p: corpus.entity_bomb(p, "sheet"),
               "lol2.xlsx": lambda p: corpus.entity_bomb(p, "shared"),
               "bom.xlsx": corpus.zip_bomb_ratio,
               "giga.xlsx": lambda p: corpus.with_declared_size(
                   corpus.activities_xlsx(p, corpus.ACTS), "xl/worksheets/sheet1.xml", 3_000_000_000),
               "ver.xlsx": lambda p: corpus.far_cell(p, "A5000000"),
               "breed.xlsx": lambda p: corpus.far_cell(p, "ZZZ7")}
    for name, make in hostile.items():
        path = make(tmp_path / name)
        tracemalloc.start()
        with pytest.raises(read.SociusError) as exc:
            read.read_file(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert name in str(exc.value)
        assert peak < 16 * 1024 * 1024, (name, peak)


def test_zip_bomb_is_refused_from_its_directory_without_inflating(tmp_path, monkeypatch):
    """A part declaring gigabytes is refused before a single byte is decompressed."""
    import zipfile

    from socius_cli.ingest import read

    path = corpus.with_declared_size(corpus.activities_xlsx(tmp_path / "giga.xlsx", corpus.ACTS),
                                     "xl/worksheets/sheet1.xml", 3_000_000_000)

    def no_open(*a, **k):
        raise AssertionError("a part was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_open)
    with pytest.raises(read.SociusError, match="zip bomb"):
        read.read_file(path)
