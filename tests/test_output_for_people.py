"""Output for people and the new user's other findings (issue #9, points 5 and 6): a CSV that
Excel in Belgium opens on a double-click, a broken pipe that ends quietly, purge that asks
first, --compare of the year itself, the report saying which text it merged, link text
without a word joiner, and a README whose JSON example is what the sample data gives."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import corpus
import pytest
from helpers import REPO, SAMPLE, subprocess_pythonpath


@pytest.fixture
def sample_cli(sqlite_cli):
    res = sqlite_cli("import", SAMPLE)
    assert res.exit_code == 0, res.output
    return sqlite_cli


def _excel_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # to a file or pipe: Excel needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_stats_for_excel_in_belgium(sample_cli):
    res = sample_cli("stats", "2020", "--format", "excel")
    assert res.exit_code == 0, res.output
    rows = _excel_rows(res.stdout)
    assert rows[0] == ["Onderdeel", "Indicator", "Naam", "2020"]
    by_label = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert by_label[("Open aanbod", "Activiteiten", "")] == "50"
    assert by_label[("Open aanbod", "Personen bereikt", "")] == "1440"  # no thousands separator
    assert by_label[("Open aanbod", "Gemiddelde tevredenheid (%)", "")] == "77"  # rounded as the tables are
    assert by_label[("Deelnames per doelgroep", "Primaire doelgroep (%)", "")] == "55"
    assert by_label[("Activiteiten per werkvorm", "Online", "")] == "22"
    assert by_label[("Activiteiten per thema", "Dagdelen", "Werken met vrijwilligers")] == "32,5"  # decimal comma
    assert by_label[("Vraaggestuurde werking", "Uitgemond in ondersteuning", "")] == "37"
    assert all(len(r) == 4 for r in rows)
    assert not any(re.fullmatch(r"-?\d+\.\d+", r[3]) for r in rows[1:])  # never a decimal point


def test_stats_for_excel_with_a_comparison_and_in_english(sample_cli):
    rows = _excel_rows(sample_cli("stats", "2020", "--compare", "2019", "--format", "excel").stdout)
    assert rows[0] == ["Onderdeel", "Indicator", "Naam", "2019", "2020", "Verschil"]
    satisfaction = next(r for r in rows if r[1] == "Gemiddelde tevredenheid (%)")
    assert int(satisfaction[5]) == int(satisfaction[4]) - int(satisfaction[3])  # in percentage points
    en = _excel_rows(sample_cli("stats", "2020", "--format", "excel", "--lang", "en").stdout)
    assert en[0][:3] == ["Section", "Indicator", "Item"] and ["Open offering", "Activities", "", "50"] in en


def test_the_machine_csv_is_unchanged(sample_cli):
    text = sample_cli("stats", "2020", "--format", "csv").stdout
    assert text.splitlines()[0] == "section,indicator,item,2020"
    assert "open_offering,satisfaction_pct,," in text and "\ufeff" not in text


def _socius(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "socius_cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin"}, **kw)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "excel"])
def test_a_reader_that_goes_away_ends_it_quietly(sample_cli, fmt):
    """`socius stats | head`: the pipe closes before socius writes; status 0, nothing on stderr."""
    proc = _socius("stats", "2020", "--format", fmt, "--db", sample_cli.db)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""


def test_stats_piped_into_head(sample_cli, tmp_path):
    if not shutil.which("head") or not shutil.which("bash"):
        pytest.skip("no bash or head")
    script = (f'"{sys.executable}" -m socius_cli stats 2020 --compare 2019 --db "{sample_cli.db}" | head -n 2; '
              'echo "status ${PIPESTATUS[0]}"')
    res = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin"})
    assert "status 0" in res.stdout and res.stderr == ""


def test_compare_with_the_year_itself_is_a_usage_error(sample_cli):
    for args in (("stats", "2020", "--compare", "2020"), ("stats", "--compare", "2020")):
        res = sample_cli(*args)
        assert res.exit_code == 2, args
        assert "--compare 2020 is hetzelfde jaar; vergelijk met een ander jaar" in res.stderr


def test_purge_asks_on_a_terminal_and_needs_yes_elsewhere(cli, tmp_path, monkeypatch):
    import socius_cli.cli as cli_module

    assert cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())).exit_code == 0
    res = cli("purge", "--before", "2020")  # not a terminal, no --yes
    assert res.exit_code == 2
    assert "purge verwijdert 1 inschrijving en 1 evaluatie van activiteiten van vóór 2020 voorgoed" in res.stderr
    assert "--yes" in res.stderr and cli.json(2019)["open_offering"]["participations"] == 1

    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    res = cli.runner.invoke(cli_module.app, ["purge", "--before", "2020", "--db", cli.db], input="n\n")
    assert res.exit_code == 0 and "Doorgaan? [j/N]" in res.output and "Er is niets verwijderd." in res.output
    res = cli.runner.invoke(cli_module.app, ["purge", "--before", "2020", "--db", cli.db], input="j\n")
    assert res.exit_code == 0 and "1 inschrijving en 1 evaluatie van activiteiten van vóór 2020 verwijderd." \
        in res.output
    res = cli("purge", "--before", "2020")
    assert res.exit_code == 0 and "Niets te verwijderen" in res.stderr


def test_the_report_says_which_text_it_merged_and_only_in_its_language(sample_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE / "tekst-2020.md", tmp_path / "tekst-2020.md")
    shutil.copytree(SAMPLE / "fotos", tmp_path / "fotos")
    res = sample_cli("report", "2020", "--format", "md")
    assert res.exit_code == 0, res.output
    assert "De tekst uit tekst-2020.md staat in het rapport" in res.stderr
    assert "2020 zette alles op zijn kop" in (tmp_path / "voortgangsrapport-2020.md").read_text(encoding="utf-8")

    res = sample_cli("report", "2020", "--format", "md", "--lang", "en", "--output", "report-en.md")
    assert res.exit_code == 0, res.output
    assert "Merged" not in res.stderr  # a Dutch text does not go into an English report unasked
    assert "zette alles op zijn kop" not in (tmp_path / "report-en.md").read_text(encoding="utf-8")
    (tmp_path / "text-2020.md").write_text("The year in English.\n", encoding="utf-8")
    res = sample_cli("report", "2020", "--format", "md", "--lang", "en", "--output", "report-en.md")
    assert "Merged the text of text-2020.md into the report" in res.stderr
    assert "The year in English." in (tmp_path / "report-en.md").read_text(encoding="utf-8")


def test_link_text_in_markdown_carries_no_word_joiner(tmp_path):
    from report_fixtures import stats_2020

    from socius_cli.report.write import write_report

    text = tmp_path / "tekst-2020.md"
    text.write_text("Kijk op [www.example.org](https://www.example.org) of op www.example.org.\n", encoding="utf-8")
    out = tmp_path / "r.md"
    write_report(stats=stats_2020(), previous=None, fmt="md", output=out, text_path=text)
    md = out.read_text(encoding="utf-8")
    assert "[www.example.org](https://www.example.org)" in md
    assert "op www\u2060.example.org" in md  # a bare address still does not become a link


def test_the_readme_json_example_is_what_the_sample_data_gives(sample_cli):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", readme, flags=re.S).group(1)
    shown = json.loads(block.replace(', "..."', ""))
    actual = sample_cli.json(2020)

    def check(example, real, where="") -> None:
        if isinstance(example, dict):
            for k, v in example.items():
                check(v, real[k], f"{where}.{k}")
        elif isinstance(example, list):  # the entries shown are the first ones
            for i, v in enumerate(example):
                check(v, real[i], f"{where}[{i}]")
        else:
            assert example == real, where

    check(shown, actual)
