"""privacy.py and issue 4, personal data: none in any output or in the store; a private store file;
`socius forget` (right to erasure) and `socius purge` (keeping the published figures)."""

from __future__ import annotations

import os
import stat

import corpus
import pytest
import sqlalchemy as sa
from corpus import ACT_HEAD, ACTS, EVAL_HEAD, EVALS, REG_HEAD, REGS, SECRETS


def leaks(text: str | bytes) -> list[str]:
    if isinstance(text, bytes):
        return [s for s in SECRETS if s.lower().encode() in text.lower()]
    return [s for s in SECRETS if s.lower() in text.lower()]


def count(cli, sql: str):
    with cli.store().engine.connect() as c:
        return c.execute(sa.text(sql)).scalar_one()


def test_no_name_or_address_in_any_output_message_or_the_store(cli, tmp_path):
    outputs = []

    def run(*args):
        res = cli(*args)
        outputs.append(res.output)
        assert "Traceback" not in res.output
        return res

    # Errors in the participants' own rows, an address typed in the wrong column.
    bad_regs = [REG_HEAD, [*REGS[0][:5], "misschien"], [*REGS[1][:3], "Gemeente Q", "tertiair", REGS[1][2]],
                ["ZZ1", *REGS[2][1:]], [REGS[3][0], REGS[3][1], None, None, None, None]]
    bad = corpus.write_xlsx(tmp_path / "fout.xlsx", corpus.good_sheets(registrations=bad_regs))
    assert run("import", bad).exit_code == 1
    bad_csv = corpus.write_csv(tmp_path / "inschrijvingen.csv", [[REGS[0][2], "K1"], ["x", "y"]])  # no header row
    assert run("import", bad_csv).exit_code == 1
    # A good import with a duplicate registration (a warning naming rows only).
    dup_regs = [REG_HEAD, *REGS, [REGS[0][0], REGS[0][1], " " + REGS[0][2].upper(), None, None, None]]
    good = corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets(registrations=dup_regs))
    assert run("import", good, "--dry-run").exit_code == 0
    res = run("import", good, "--lang", "en")
    assert res.exit_code == 0 and "warning:" in res.stderr and "counted once" in res.stderr
    for fmt in ("table", "json", "csv", "excel"):
        assert run("stats", "2020", "--format", fmt).exit_code == 0
    for fmt in ("md", "html"):
        out = tmp_path / f"rapport.{fmt}"
        assert run("report", "2020", "--format", fmt, "--output", out).exit_code == 0
        assert leaks(out.read_bytes()) == []
    assert run("forget", REGS[0][2]).exit_code == 0
    assert run("purge", "--before", "2020", "--yes").exit_code == 0
    joined = "\n".join(outputs)
    assert "(een e-mailadres)" in joined  # the misplaced address was masked, not shown
    assert leaks(joined) == []
    for f in tmp_path.iterdir():
        if f.name.startswith("socius.db"):
            assert leaks(f.read_bytes()) == [], f


def test_store_file_is_created_readable_by_its_owner_only(sqlite_cli, tmp_path):
    cli = sqlite_cli
    old = os.umask(0o022)
    try:
        res = cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets()))
    finally:
        os.umask(old)
    assert res.exit_code == 0
    assert stat.S_IMODE((tmp_path / "socius.db").stat().st_mode) == 0o600


def test_forget_removes_one_persons_registrations_without_echoing_the_address(sqlite_cli, tmp_path):
    cli = sqlite_cli
    assert cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())).exit_code == 0
    persons = cli.json(2020)["open_offering"]["persons_reached"]
    hashed = cli.store().hasher()(REGS[0][2])
    assert hashed.encode() in (tmp_path / "socius.db").read_bytes()

    res = cli("forget", "  Zoe.QUIST@hidden-mail.test ", "--lang", "en")  # the person's two registrations, any spelling
    assert res.exit_code == 0, res.output
    assert "Removed 2 registrations" in res.stderr
    assert "quist" not in res.output.lower()
    assert count(cli, "select count(*) from registrations") == len(REGS) - 2
    assert cli.json(2020)["open_offering"]["persons_reached"] == persons - 1
    assert hashed.encode() not in (tmp_path / "socius.db").read_bytes()  # secure_delete overwrote it

    res = cli("forget", "niemand@hidden-mail.test", "--lang", "en")
    assert res.exit_code == 0 and "Removed 0 registrations" in res.stderr and "niemand" not in res.output


def test_forget_on_a_store_without_participants_says_none(cli, tmp_path):
    acts_only = corpus.write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": [ACT_HEAD, *ACTS]})
    assert cli("import", acts_only).exit_code == 0
    res = cli("forget", "iemand@hidden-mail.test", "--lang", "en")
    assert res.exit_code == 0 and "Removed 0 registrations" in res.stderr
    res = cli("forget", "iemand@hidden-mail.test")
    assert res.exit_code == 0 and "Niets verwijderd" in res.stderr and "iemand" not in res.output


def test_purge_removes_older_participant_rows_and_keeps_their_figures(cli, tmp_path):
    assert cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())).exit_code == 0
    figures_2019 = cli.json(2019)
    figures_2020 = cli.json(2020)
    assert figures_2019["open_offering"]["participations"] == 1  # K3, in 2019

    res = cli("purge", "--before", "2020", "--yes", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Froze the figures of 2019." in res.stderr
    assert "Removed 1 registration and 1 evaluation of activities before 2020." in res.stderr
    assert count(cli, "select count(*) from registrations where activity = 'K3'") == 0
    assert count(cli, "select count(*) from evaluations where activity = 'K3'") == 0
    assert count(cli, "select count(*) from activities") == 3  # activities stay
    assert count(cli, "select count(*) from frozen_stats") == 1
    assert cli.json(2019) == figures_2019  # the published figures, frozen
    assert cli.json(2020) == figures_2020  # later years untouched
    res = cli("stats", "2020", "--compare", "2019", "--format", "json")
    assert res.exit_code == 0

    again = cli("purge", "--before", "2020", "--yes", "--lang", "en")
    assert again.exit_code == 0 and "Froze" not in again.stderr
    assert "Removed 0 registrations and 0 evaluations" in again.stderr

    # Re-importing the old spreadsheet does not store the purged participant rows again
    # (left out, with a warning), and the frozen year's figures stay.
    res = cli("import", tmp_path / "goed.xlsx")
    assert res.exit_code == 0 and "socius purge" in res.stderr
    assert count(cli, "select count(*) from registrations where activity = 'K3'") == 0
    assert cli.json(2019) == figures_2019


def test_frozen_figures_survive_in_a_report_of_the_next_year(cli, tmp_path):
    assert cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())).exit_code == 0
    assert cli("purge", "--before", "2020", "--yes").exit_code == 0
    out = tmp_path / "r.md"
    res = cli("report", "2020", "--format", "md", "--output", out)
    assert res.exit_code == 0, res.output


PAYLOADS = ['<script>alert("t")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>',
            "[klik](javascript:alert(3))", "a | b", "<b>vet</b>"]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_escapes_hostile_text_from_spreadsheets(cli, tmp_path, fmt):
    acts = [[f"X{i}", p, "02/03/2020", "online", 1, p] for i, p in enumerate(PAYLOADS)]
    regs = [[f"X{i}", None, f"p{i}@hidden-mail.test", p, "primair", "ja"] for i, p in enumerate(PAYLOADS)]
    orgs = [[p, "ja", p] for p in PAYLOADS]
    reqs = [[f"Q{i}", "03/02/2020", "aanvaard", p, p, "ja", 2] for i, p in enumerate(PAYLOADS)]
    path = corpus.write_xlsx(tmp_path / "x.xlsx", corpus.good_sheets(
        activities=[ACT_HEAD, *acts], registrations=[REG_HEAD, *regs], evaluations=[EVAL_HEAD, *EVALS[:0]],
        organisations=[corpus.ORG_HEAD, *orgs], requests=[corpus.REQ_HEAD, *reqs]))
    assert cli("import", path).exit_code == 0
    out = tmp_path / f"r.{fmt}"
    res = cli("report", "2020", "--format", fmt, "--output", out)
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "html.parser")
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text()
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.startswith("on"), tag
                if attr in ("href", "src", "action", "formaction", "xlink:href"):
                    assert "javascript:" not in str(value).lower(), tag
        assert "alert(1)" in soup.get_text() or "onerror" in soup.get_text()  # shown as text
    else:
        import re

        for raw in ("<script>", "<img ", "<svg ", "](javascript:", "<b>"):  # unless escaped
            assert not re.search(r"(?<!\\)" + re.escape(raw), text), raw


def test_a_purged_year_keeps_its_figures_and_refuses_new_participant_rows(sample_cli):
    from helpers import SAMPLE

    cli = sample_cli  # a SQLite store the sample data was imported into
    before = cli.json(2019)
    assert cli("purge", "--before", "2020", "--yes").exit_code == 0
    assert cli.json(2019) == before  # the fast (cached) path shows the frozen figures too
    from socius_cli.figures.lookup import year_figures as compute

    assert {**compute(cli.store(), 2019), "targets": []} == before  # stats adds the year's targets
    after_2020 = cli.json(2020)
    res = cli("import", SAMPLE)  # holds 2019 registrations again: left out, 2020 imported
    assert res.exit_code == 0 and "2019" in res.stderr and "purge" in res.stderr
    assert cli.json(2019) == before and cli.json(2020) == after_2020
    import sqlalchemy as sa

    with cli.store().engine.connect() as c:
        n = c.execute(sa.text("select count(*) from registrations r join activities a "
                              "on a.code = r.activity where a.year < 2020")).scalar_one()
    assert n == 0
