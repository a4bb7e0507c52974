"""importing.py: `socius import` through the CLI, then the store opened to see what landed
(contract sections 1-3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from helpers import write_csv, write_xlsx

ACT_HEAD = ["Code", "Titel", "Datum", "Werkvorm", "Aantal dagdelen", "Thema"]
ACTS = [
    ["A1", "Vrijwilligers 101", dt.datetime(2020, 3, 2), "Fysiek", 2, "Vrijwilligers"],
    ["A2", "Webinar diversiteit", "15/05/2020", "online", "1,5", "Diversiteit"],
    ["A3", "Studiedag", dt.date(2019, 11, 20), "hybride", 3, None],
]
REG_HEAD = ["Activiteit", "Naam", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"]
REGS = [
    ["A1", "An Peeters", "an@example.org", "Vormingplus Oost", None, "ja"],
    ["A1", "Bo Maes", "bo@example.org", "Gemeente Y", None, None],
    ["A2", "An Peeters", "AN@example.org", "vormingplus oost", None, "x"],
    ["A2", "Cas Claes", "cas@example.org", None, "primair", "nee"],
    ["A3", "Bo Maes", "bo@example.org", "Gemeente Y", "secundair", "ja"],
]
ORGS = [["Naam", "Erkend", "Sector"], ["Vormingplus Oost", "ja", "scw"], ["Andere vzw", "ja", "scw"],
        ["Gemeente Y", "nee", "overheid"]]


def workbook(tmp_path, name="data.xlsx", acts=ACTS, regs=REGS, extra=None):
    sheets = {"Info": [["Werkboek van het steunpunt"], ["Invullen per activiteit"]],
              "Activiteiten": [ACT_HEAD, *acts], "Inschrijvingen": [REG_HEAD, *regs],
              "Erkende organisaties": ORGS}
    sheets.update(extra or {})
    return write_xlsx(tmp_path / name, sheets)


def count(cli, table: str) -> int:
    with cli.store().engine.connect() as c:
        return c.execute(sa.text(f"select count(*) from {table}")).scalar_one()


def test_import_stores_every_table_and_reports_a_summary(cli, tmp_path):
    path = workbook(tmp_path)
    res = cli("import", path)
    assert res.exit_code == 0, res.output
    assert (count(cli, "activities"), count(cli, "registrations"), count(cli, "organisations")) == (3, 5, 3)
    assert "Toegevoegd" in res.stdout and "Activiteiten" in res.stdout
    assert "Info" in res.stderr and "overgeslagen" in res.stderr  # the info sheet is skipped visibly
    assert "'Naam'" in res.stderr  # unknown column listed once
    with cli.store().engine.connect() as c:
        row = c.execute(sa.text("select title, date, year, format, half_days from activities where code='A2'")).one()
    assert (row[0], str(row[1]), *row[2:]) == ("Webinar diversiteit", "2020-05-15", 2020, "online", 1.5)


def test_no_personal_data_in_the_store(sqlite_cli, tmp_path):
    cli = sqlite_cli
    cli("import", workbook(tmp_path))
    raw = (tmp_path / "socius.db").read_bytes()
    for secret in (b"an@example.org", b"AN@example.org", b"An Peeters", b"Bo Maes", b"example.org"):
        assert secret not in raw
    with cli.store().engine.connect() as c:
        hashes = c.execute(sa.text("select participant from registrations where activity in ('A1','A2')")).scalars().all()
    # an@ and AN@ are one person: the same keyed hash in both activities
    assert len(hashes) == 4 and len(set(hashes)) == 3


def test_table_found_by_headers_when_sheet_name_says_nothing(cli, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {
        "Blad1": [ACT_HEAD, *ACTS],
        "Blad2": [["Nr", "Ontvangen", "Beslissing"], ["V1", "02/03/2020", "aanvaard"]],
    })
    res = cli("import", path)
    assert res.exit_code == 0, res.output
    assert count(cli, "activities") == 3 and count(cli, "requests") == 1


def test_header_is_first_non_empty_row_and_rows_keep_excel_numbers(cli, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"Activiteiten": [[], [], ACT_HEAD, ACTS[0], [], ["A9", "T", "bad date", "online", 1]]})
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 1
    assert "x.xlsx, sheet 'Activiteiten', row 6, column C 'Datum': value 'bad date'" in res.stderr
    assert "Traceback" not in res.output


def test_csv_delimiters_and_encodings(cli, tmp_path):
    rows = [["Nr", "Ontvangen", "Beslissing", "Onderwerp", "Gerealiseerd", "Aantal deelnemers"],
            ["V1", "15/05/2020", "Aanvaard", "Vrijwilligerswerk, beleid", "ja", "2,0"],
            ["V2", "16.05.2020", "Afgewezen", "Één onderwerp", "", ""]]
    for i, (delim, enc) in enumerate([(";", "utf-8-sig"), (",", "utf-8"), ("\t", "cp1252")]):
        folder = tmp_path / f"d{i}"
        folder.mkdir()
        write_csv(folder / "vragen.csv", rows, delimiter=delim, encoding=enc)
        res = cli("import", folder / "vragen.csv")
        assert res.exit_code == 0, (delim, enc, res.output)
    stats = cli.json(2020)["demand_driven"]
    assert stats["requests_received"] == 2
    assert {t["topic"] for t in stats["topics"]} == {"Vrijwilligerswerk, beleid", "Één onderwerp"}


def test_folder_import_takes_spreadsheets_not_recursively(cli, tmp_path):
    workbook(tmp_path)
    write_csv(tmp_path / "vragen.csv", [["Nr", "Ontvangen", "Beslissing"], ["V1", "2020-01-02", "nee"]])
    (tmp_path / "notes.txt").write_text("not a spreadsheet")
    (tmp_path / "sub").mkdir()
    write_csv(tmp_path / "sub" / "vragen.csv", [["Nr", "Ontvangen", "Beslissing"], ["V9", "2020-01-02", "nee"]])
    res = cli("import", tmp_path)
    assert res.exit_code == 0, res.output
    assert count(cli, "requests") == 1


def test_all_or_nothing_and_every_problem_reported(cli, tmp_path):
    good = workbook(tmp_path, "good.xlsx")
    bad = write_xlsx(tmp_path / "bad.xlsx", {
        "Activiteiten": [ACT_HEAD, ["B1", "X", "31/02/2020", "Fysiek", 2], ["B2", "Y", "2020-01-01", "zwemmen", 0]],
        "Inschrijvingen": [["Activiteit", "E-mail", "Aanwezig"], ["ZZ9", "z@example.org", "ja"], ["B1", "q@example.org", "soms"]],
    })
    res = cli("import", good, bad, "--lang", "en")
    assert res.exit_code == 1
    err = res.stderr
    assert "row 2, column C 'Datum': value '31/02/2020'" in err
    assert "row 3, column D 'Werkvorm': value 'zwemmen'" in err
    assert "row 3, column E 'Aantal dagdelen': value '0'" in err
    assert "sheet 'Inschrijvingen', row 2, column A 'Activiteit': value 'ZZ9'" in err
    assert "row 3, column C 'Aanwezig': value 'soms'" in err
    assert "z@example.org" not in res.output and "q@example.org" not in res.output
    assert "nothing was imported" in err
    if "://" in cli.db or Path(cli.db).exists():  # the store, if made at all, holds nothing of it
        assert count(cli, "activities") == 0


def test_dry_run_stores_nothing(cli, tmp_path):
    path = workbook(tmp_path)
    res = cli("import", path, "--dry-run")
    assert res.exit_code == 0 and "dry-run" in res.stdout
    cli("import", workbook(tmp_path, acts=ACTS[:1], regs=REGS[:2]))
    before = count(cli, "registrations")
    res = cli("import", path, "--dry-run")
    assert res.exit_code == 0
    assert count(cli, "registrations") == before == 2


def test_missing_required_column_names_sheet_and_accepted_headers(cli, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"Activiteiten": [["Code", "Titel", "Werkvorm", "Dagdelen"], ["A", "T", "online", 1]]})
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 1
    assert "x.xlsx, sheet 'Activiteiten'" in res.stderr and "the column Date is missing" in res.stderr
    assert "datum, startdatum, date, start date" in res.stderr
    assert "'date'" not in res.stderr  # the column's name, never the contract's internal key


def test_duplicate_keys_name_both_rows_even_across_files(cli, tmp_path):
    a = write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": [ACT_HEAD, ACTS[0]]})
    b = write_xlsx(tmp_path / "b.xlsx", {"Activiteiten": [ACT_HEAD, ACTS[1], ACTS[0]]})
    res = cli("import", a, b, "--lang", "en")
    assert res.exit_code == 1
    assert "b.xlsx, sheet 'Activiteiten', row 3, column A 'Code': value 'A1'" in res.stderr
    assert "a.xlsx, sheet 'Activiteiten', row 2" in res.stderr


def test_duplicate_registration_counts_once_with_a_warning(cli, tmp_path):
    regs = REGS + [["A1", "An Peeters", " An@Example.org", "Vormingplus Oost", None, "ja"]]
    res = cli("import", workbook(tmp_path, regs=regs), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "warning" in res.stderr and "row 7" in res.stderr and "row 2" in res.stderr
    assert "an@example.org" not in res.output.lower()
    assert count(cli, "registrations") == 5


def test_supported_on_a_request_not_accepted_is_an_error(cli, tmp_path):
    path = write_csv(tmp_path / "vragen.csv", [["Nr", "Ontvangen", "Beslissing", "Ondersteuning"],
                                               ["V1", "2020-01-02", "afgewezen", "ja"],
                                               ["V2", "2020-01-02", "", "ja"]])
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 1
    # the same problem twice is one line with its rows, showing the cell as typed (not TRUE)
    assert "vragen.csv, rows 2-3, column D 'Ondersteuning': value 'ja': no support" in res.stderr


def test_evaluation_score_within_scale(cli, tmp_path):
    path = workbook(tmp_path, extra={"Evaluaties": [["Activiteit", "Score", "Schaal"], ["A1", 11, None], ["A1", 4, 5], ["A1", 6, 5]]})
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 1
    assert "row 2, column B 'Score': value '11'" in res.stderr
    assert "row 4, column B 'Score': value '6'" in res.stderr
    assert "row 3" not in res.stderr


def test_reimport_same_files_changes_nothing(cli, tmp_path):
    path = workbook(tmp_path)
    first = cli.json(2020) if cli("import", path).exit_code == 0 else None
    res = cli("import", path)
    assert res.exit_code == 0
    # every table of the summary: nothing added, updated or removed
    rows = [ln.split("│") for ln in res.stdout.splitlines() if ln.count("│") >= 6]
    assert len(rows) == 5 and all([c.strip() for c in r[2:5]] == ["0", "0", "0"] for r in rows)
    with cli.store().engine.connect() as c:
        assert c.execute(sa.text("select count(*) from registrations")).scalar_one() == 5
    assert cli.json(2020) == first
    # the summary: nothing added, updated or removed; all unchanged
    row = next(ln for ln in res.stdout.splitlines() if "Inschrijvingen" in ln)
    assert [c.strip() for c in row.split("│")[2:6]] == ["0", "0", "0", "5"]


def test_corrected_file_leaves_the_store_equal_to_it(cli, tmp_path):
    cli("import", workbook(tmp_path))
    corrected_regs = [REGS[0], ["A1", "Dirk", "dirk@example.org", "Andere vzw", None, "ja"], REGS[2], REGS[4]]
    corrected_acts = [ACTS[0][:4] + [4, "Vrijwilligers"], ACTS[1], ACTS[2]]
    res = cli("import", workbook(tmp_path, "v2.xlsx", acts=corrected_acts, regs=corrected_regs))
    assert res.exit_code == 0, res.output
    rows = {ln.split("│")[1].strip(): [c.strip() for c in ln.split("│")[2:6]]
            for ln in res.stdout.splitlines() if ln.count("│") >= 6}
    assert rows["Activiteiten"] == ["0", "1", "0", "2"]
    assert rows["Inschrijvingen"] == ["1", "0", "2", "3"]  # dirk added; bo (A1) and cas (A2) removed
    fresh = type(cli)(str(tmp_path / "fresh.db"))
    fresh("import", workbook(tmp_path, "v3.xlsx", acts=corrected_acts, regs=corrected_regs))
    assert cli.json(2020) == fresh.json(2020)
    assert cli.json(2019) == fresh.json(2019)


def test_registrations_of_activities_not_in_the_import_stay(cli, tmp_path):
    cli("import", workbook(tmp_path))
    only_a1 = write_xlsx(tmp_path / "a1.xlsx", {"Inschrijvingen": [REG_HEAD, REGS[0]]})
    res = cli("import", only_a1)
    assert res.exit_code == 0, res.output
    with cli.store().engine.connect() as c:
        per = dict(c.execute(sa.text("select activity, count(*) from registrations group by activity")).all())
    assert per == {"A1": 1, "A2": 2, "A3": 1}


def test_activities_are_never_removed_by_an_import(cli, tmp_path):
    cli("import", workbook(tmp_path))
    cli("import", write_xlsx(tmp_path / "one.xlsx", {"Activiteiten": [ACT_HEAD, ACTS[0]]}))
    assert count(cli, "activities") == 3


def test_csv_without_a_known_table_is_an_error(cli, tmp_path):
    res = cli("import", write_csv(tmp_path / "export.csv", [["x", "y"], ["1", "2"]]))
    assert res.exit_code == 1 and "export.csv" in res.stderr and "Traceback" not in res.output


def test_unreadable_input_is_one_line(cli, tmp_path):
    (tmp_path / "leeg.xlsx").write_bytes(b"")
    res = cli("import", tmp_path / "leeg.xlsx")
    assert res.exit_code == 1
    assert "leeg.xlsx" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = cli("import", tmp_path / "bestaat-niet.xlsx")
    assert res.exit_code == 1 and "bestaat-niet.xlsx" in res.stderr


def test_import_without_paths_uses_socius_toml_then_the_folder(sqlite_cli, tmp_path, monkeypatch):
    cli = sqlite_cli
    data = tmp_path / "data"
    data.mkdir()
    workbook(data)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text('db = "via-toml.db"\n[import]\npaths = ["data"]\n')
    res = cli("import", db=False)
    assert res.exit_code == 0, res.output
    said = " ".join(res.stderr.split())  # the line wraps where the temporary folder's name makes it long
    assert "data" in said and "(uit socius.toml)" in said and (tmp_path / "via-toml.db").exists()
    monkeypatch.chdir(data)
    res = cli("import", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "this folder" in res.stderr


def test_a_refused_first_import_leaves_no_store_behind(sqlite_cli, tmp_path):
    bad = write_csv(tmp_path / "export.csv", [["x", "y"], ["1", "2"]])
    assert sqlite_cli("import", bad).exit_code == 1
    assert not (tmp_path / "socius.db").exists()
    assert sqlite_cli("import", tmp_path / "nothing-here.xlsx").exit_code == 1
    assert not (tmp_path / "socius.db").exists()
    # but a store that holds imports is never removed by a refused one
    assert sqlite_cli("import", workbook(tmp_path)).exit_code == 0
    assert sqlite_cli("import", bad).exit_code == 1
    assert (tmp_path / "socius.db").exists() and count(sqlite_cli, "activities") == 3


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path):
    from helpers import Cli

    cli = Cli(str(tmp_path / "no-such-folder" / "socius.db"))
    res = cli("import", workbook(tmp_path), "--lang", "en")
    assert res.exit_code == 1 and "does not exist" in res.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_an_unexpected_failure_is_still_one_line(sqlite_cli, tmp_path, monkeypatch):
    import socius_cli.importing as importing

    def broken(*args, **kwargs):
        raise RuntimeError("something we did not foresee\nsecond line")

    monkeypatch.setattr(importing, "check_import", broken)
    monkeypatch.delenv("SOCIUS_DEBUG", raising=False)
    res = sqlite_cli("import", workbook(tmp_path))
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0 and "something we did not foresee" in res.stderr
    assert "Traceback" not in res.output


def test_a_refused_activity_row_is_one_problem_not_one_per_registration(cli, tmp_path):
    acts = [["A1", "Vrijwilligers 101", dt.datetime(2020, 3, 2), "Fysiek", "x", "Vrijwilligers"]]
    res = cli("import", workbook(tmp_path, acts=acts, regs=[r for r in REGS if r[0] == "A1"]), "--lang", "en")
    assert res.exit_code == 1
    assert "column E 'Aantal dagdelen': value 'x'" in res.stderr
    assert "unknown activity" not in res.stderr
    assert "1 problem found" in res.stderr
