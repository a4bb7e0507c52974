"""Issue 11, point 3: warnings (contract v2, section 2): an update that moves an activity or a
request to another year, with what each year's figures gain and lose; implausible dates.
Warnings never block an import."""

from __future__ import annotations

import datetime as dt
import json
import re

import openpyxl
from helpers import SAMPLE, write_csv, write_xlsx

from socius_cli.changes import implausible

ACT_HEAD = ["Code", "Titel", "Datum", "Vorm", "Dagdelen"]


def warnings_of(res) -> list[str]:
    """The warnings on stderr, in Dutch ("let op: ") or, with --lang en, in English ("warning: ")."""
    return [" ".join(line.split()) for line in re.split("warning: |let op: ", res.stderr)[1:]]


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_reusing_an_activity_code_with_a_2021_date_warns_with_both_years(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    wb = openpyxl.load_workbook(SAMPLE / "socius-2019-2020.xlsx", read_only=True)
    row = next(r for r in wb["Activiteiten"].iter_rows(min_row=2, values_only=True) if r[0] == "OA2020-10")
    with cli.store().engine.connect() as c:
        import sqlalchemy as sa

        n = c.execute(sa.text("select count(*) from registrations where activity = 'OA2020-10' "
                              "and attended = :t"), {"t": True}).scalar_one()
    new_date = row[2].replace(year=2021)
    write_xlsx(tmp_path / "nieuw.xlsx", {"Activiteiten": [ACT_HEAD, [row[0], row[1], new_date, "online", row[4]]]})
    res = cli("import", tmp_path / "nieuw.xlsx")
    assert res.exit_code == 0, res.output  # a warning never blocks
    found = warnings_of(res)
    assert found[0] == (f"activiteit OA2020-10 ('{row[1]}') verhuist van 2020 naar 2021: de datum is nu "
                        f"{new_date:%d/%m/%Y}, met {n} deelnames")
    assert "de cijfers van 2020 met deze import: Activiteiten 50 → 49; Dagdelen 170 →" in found[1]
    assert f"Deelnames 1.860 → {1860 - n:,}".replace(",", ".") in found[1]
    assert "de cijfers van 2021 met deze import: Activiteiten 0 → 1" in found[2]
    assert f"Deelnames 0 → {n}" in found[2]
    # the warnings come before the summary, which still says "Bijgewerkt 1"
    assert res.stderr.index("let op:") < len(res.stderr) and "Bijgewerkt" in res.stdout
    assert cli.json(2020)["open_offering"]["activities"] == 49
    assert cli.json(2021)["open_offering"]["participations"] == n


def test_a_request_that_moves_year_warns_too_and_a_dry_run_says_it_first(sqlite_cli, tmp_path):
    cli = sqlite_cli
    head = ["Nr", "Ontvangen", "Beslissing"]
    write_csv(tmp_path / "vragen.csv", [head, ["V1", "15/05/2020", "aanvaard"], ["V2", "16/05/2020", "afgewezen"]])
    assert cli("import", tmp_path / "vragen.csv").exit_code == 0
    write_csv(tmp_path / "vragen.csv", [head, ["V1", "15/05/2021", "aanvaard"], ["V2", "16/05/2020", "afgewezen"]])
    res = cli("import", tmp_path / "vragen.csv", "--dry-run")
    assert res.exit_code == 0
    found = warnings_of(res)
    assert found[0] == "vraag V1 verhuist van 2020 naar 2021: ze is nu ontvangen op 15/05/2021"
    assert "de cijfers van 2020 met deze import: Vragen ontvangen 2 → 1; Aanvaard 1 → 0" in found[1]
    assert cli.json(2020)["demand_driven"]["requests_received"] == 2  # a dry run stores nothing
    res = cli("import", tmp_path / "vragen.csv", "--lang", "en")
    assert warnings_of(res)[0].startswith("request V1 moves from 2020 to 2021")
    assert cli.json(2020)["demand_driven"]["requests_received"] == 1
    assert warnings_of(cli("import", tmp_path / "vragen.csv")) == []  # once it has moved, no more warning


def test_an_activity_dated_2002_among_2019_to_2022_is_a_warning(cli, tmp_path):
    acts = [ACT_HEAD, ["A1", "Een", "2019-03-01", "online", 1], ["A2", "Twee", "2020-03-01", "online", 1]]
    assert cli("import", write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": acts})).exit_code == 0
    acts = [ACT_HEAD, ["B1", "Drie", "2022-03-01", "online", 1], ["B2", "Typfout", "03/02/2002", "online", 1],
            ["B3", "Vier", "2022-04-01", "online", 1]]
    res = cli("import", write_xlsx(tmp_path / "b.xlsx", {"Activiteiten": acts}), "--lang", "en")
    assert res.exit_code == 0
    assert warnings_of(res) == [
        "b.xlsx, sheet 'Activiteiten', row 3: a date in 2002, more than five years before 2019, the earliest other "
        "year: a typo? It is stored as it is"]
    assert cli.json(2002)["open_offering"]["activities"] == 1  # stored: warnings never block
    # the same file again: the date is stored now, it is not new, so no warning
    assert warnings_of(cli("import", tmp_path / "b.xlsx")) == []


def test_dates_after_next_year_are_a_warning(sqlite_cli, tmp_path):
    cli = sqlite_cli
    year = dt.date.today().year
    acts = [ACT_HEAD, ["A1", "Een", f"{year}-03-01", "online", 1], ["A2", "Later", f"{year + 1}-03-01", "online", 1],
            ["A3", "Typfout", f"01/01/{year + 10}", "online", 1], ["A4", "Typfout", f"02/01/{year + 10}", "online", 1]]
    res = cli("import", write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": acts}), "--lang", "en")
    assert res.exit_code == 0
    assert warnings_of(res) == [
        f"a.xlsx, sheet 'Activiteiten', rows 4, 5: 2 dates in {year + 10}, after next year ({year + 1}): typos? "
        "They are stored as they are"]


def test_no_warning_for_ordinary_data(sqlite_cli, tmp_path):
    res = sqlite_cli("import", SAMPLE)
    assert res.exit_code == 0 and warnings_of(res) == []


def test_two_typos_do_not_vouch_for_each_other():
    def rec(code: str, year: int) -> dict:
        return {"code": code, "date": dt.date(year, 5, 1), "_where": ("a.xlsx", "Activiteiten", int(code))}

    records = {"activities": [rec("2", 2002), rec("3", 2003), *[rec(str(i), 2021) for i in range(4, 10)]]}
    found = implausible(records, {}, {2019: 40, 2020: 50}, 2026)
    assert [(f.year, f.reason, f.bound) for f in found] == [(2002, "early", 2019), (2003, "early", 2019)]
    # a first import of an old archive, into an empty store: nothing to compare with
    assert implausible({"activities": [rec("2", 2002), rec("3", 2003)]}, {}, {}, 2026) == []


def test_moves_are_shown_in_english_too(sqlite_cli, tmp_path):
    cli = sqlite_cli
    acts = [ACT_HEAD, ["A1", "Een", "2020-03-01", "online", 2]]
    cli("import", write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": acts}))
    acts = [ACT_HEAD, ["A1", "Een", "2021-03-01", "online", 2]]
    res = cli("import", write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": acts}), "--lang", "en")
    found = warnings_of(res)
    assert found[1] == "the figures of 2020 with this import: Activities 1 → 0; Half-day sessions 2 → 0; " \
                       "Activities by format: Online 1 → 0"
    assert json.loads(cli("stats", "2021", "--format", "json").stdout)["open_offering"]["activities"] == 1
    assert one_line(res.stdout).startswith("Imported")
