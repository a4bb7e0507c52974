"""Problems a person can act on (issue #9, contract section 2 v2): said once, grouped, with a
suggestion, the value as the cell holds it, one line each, one screen; and every one of them
in the file of `--problems`, with the user's own workbook marked where they work."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil

import corpus
import openpyxl
import pytest
from helpers import SAMPLE, write_csv, write_xlsx

from socius_cli.i18n import set_language
from socius_cli.problem_view import LIMIT, rows_text, screen_lines
from socius_cli.problems import problem

ACT_HEAD = ["Code", "Titel", "Datum", "Werkvorm", "Dagdelen"]
REG_HEAD = ["Activiteit", "E-mail", "Doelgroep", "Aanwezig"]


def _sample_with(tmp_path, change):
    path = tmp_path / "socius-2019-2020.xlsx"
    shutil.copy(SAMPLE / "socius-2019-2020.xlsx", path)
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _problem_lines(res) -> list[str]:
    """The problem lines of a refused import (without notes and the closing count)."""
    lines = res.stderr.strip().splitlines()
    return [ln for ln in lines[:-1] if not ln.startswith(("opmerking: ", "note: "))]


def test_a_misspelt_header_in_the_sample_is_one_line_not_five_thousand(sqlite_cli, tmp_path):
    path = _sample_with(tmp_path, lambda wb: wb["Activiteiten"].cell(row=1, column=3, value="Datm"))
    res = sqlite_cli("import", path)
    assert res.exit_code == 1
    lines = _problem_lines(res)
    assert lines == [
        "socius-2019-2020.xlsx, werkblad 'Activiteiten', rij 1, kolom C 'Datm': de kolom Datum ontbreekt "
        "(socius herkent deze koppen: datum, startdatum, date, start date). Bedoel je 'Datum'? Daardoor zijn "
        "108 rijen van dit werkblad, 4.170 inschrijvingen en 1.155 evaluaties niet nagekeken."]
    assert "1 probleem gevonden; er is niets ingelezen." in res.stderr
    assert "onbekende kolom(men) genegeerd: 'Datm' (bedoel je 'Datum'?)" in res.stderr
    assert "'date'" not in res.stderr and "half_days" not in res.stderr  # never an internal key

    en = sqlite_cli("import", path, "--lang", "en")
    assert "the column Date is missing (accepted headers: datum, startdatum, date, start date). Did you mean " \
           "'Datum'? So 108 rows of this sheet, 4,170 registrations and 1,155 evaluations were not checked." \
           in en.stderr


def test_an_activities_sheet_without_codes_leaves_its_registrations_unchecked_not_unknown(sqlite_cli, tmp_path):
    path = _sample_with(tmp_path, lambda wb: wb["Activiteiten"].cell(row=1, column=1, value="Cde"))
    res = sqlite_cli("import", path, "--lang", "en")
    lines = _problem_lines(res)
    assert len(lines) == 1 and "the column Code is missing" in lines[0]
    assert "4,170 registrations and 1,155 evaluations were not checked" in lines[0]
    assert "unknown activity" not in res.stderr


def test_a_refused_activity_row_says_once_what_it_leaves_unchecked(cli, tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", {
        "Activiteiten": [ACT_HEAD, ["A1", "T", "31/02/2020", "online", 1], ["A2", "T", "2020-03-01", "online", 1]],
        "Inschrijvingen": [REG_HEAD, *[["A1", f"p{i}@example.org", None, "ja"] for i in range(3)],
                           ["A2", "q@example.org", None, "ja"]],
        "Evaluaties": [["Activiteit", "Score"], ["A1", 8]],
    })
    res = cli("import", path, "--lang", "en")
    assert _problem_lines(res) == [
        "d.xlsx, sheet 'Activiteiten', row 2, column C 'Datum': value '31/02/2020': expected an existing date "
        "(this day does not exist). So 3 registrations and 1 evaluation were not checked."]


def test_identical_problems_are_one_line_with_their_rows(cli, tmp_path):
    regs = [[("OA2020-99" if 12 <= r <= 40 or r == 57 else "A2"), f"p{r}@example.org", None, "ja"]
            for r in range(2, 60)]
    path = write_xlsx(tmp_path / "d.xlsx", {"Activiteiten": [ACT_HEAD, ["A2", "T", "2020-03-01", "online", 1]],
                                            "Inschrijvingen": [REG_HEAD, *regs]})
    res = cli("import", path)
    assert _problem_lines(res) == [
        "d.xlsx, werkblad 'Inschrijvingen', rijen 12-40 en 57, kolom A 'Activiteit': er staat 'OA2020-99'; "
        "onbekende activiteitscode: geen activiteit in deze of een eerdere import heeft deze code"]
    assert "30 problemen gevonden" in res.stderr


def test_rows_are_written_as_ranges():
    set_language("nl")
    assert rows_text([12]) == "rij 12"
    assert rows_text([12, 13, 14, 57]) == "rijen 12-14 en 57"
    assert rows_text(range(2, 100, 2)).endswith("en nog 41 rijen")
    set_language("en")
    assert rows_text([3, 5]) == "rows 3 and 5"


def test_at_most_one_screen_the_rest_counted_with_the_hint():
    problems = [problem("bad-date", "a.xlsx", "Activiteiten", r, "Datum", "C", f"x{r}") for r in range(2, 40)]
    problems += [problem("bad-format", "a.xlsx", "Activiteiten", r, f"Kolom{r}", "D", "zwemmen") for r in range(2, 80)]
    lines = screen_lines(problems)
    assert len(lines) <= LIMIT
    assert lines[0].startswith("a.xlsx, sheet 'Activiteiten', rows 2-39, column C 'Datum': 38 different values "
                               "(such as 'x2', 'x3', 'x4'): expected a date")
    assert lines[-1] == "... and 50 more problems. Write the complete list to a file with --problems fouten.xlsx."
    assert screen_lines(problems, problems_file="f.xlsx")[-1].endswith("The complete list is in f.xlsx.")


def test_did_you_mean_for_closed_lists_and_codes_and_primaire_is_accepted(cli, tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", {
        "Activiteiten": [ACT_HEAD, ["OA2020-07", "T", "2020-03-01", "onlin", 1],
                         ["OA2020-18", "T", "2020-03-02", "online", 1]],
        "Inschrijvingen": [REG_HEAD, ["OA2020-07", "a@example.org", "primaire", "jaa"],
                           ["OA2020-7", "b@example.org", "secundaire", "ja"],
                           ["OA2020-18", "c@example.org", "primar", "ja"]],
    })
    res = cli("import", path, "--lang", "en")
    err = res.stderr
    assert "row 2, column D 'Werkvorm': value 'onlin': expected a format: fysiek (on site), online or blended. " \
           "Did you mean 'online'?" in err
    assert "value 'jaa': expected yes or no (ja/nee, yes/no, waar/onwaar, 1/0, x). Did you mean 'ja'?" in err
    assert "value 'primar': expected a target group: primair or secundair. Did you mean 'primair'?" in err
    assert "value 'OA2020-7': an activity code that is in the store or in this import (unknown activity). " \
           "Did you mean 'OA2020-07'?" in err
    assert "'primaire'" not in err and "'secundaire'" not in err  # accepted, as primair and secundair are


def test_the_value_is_shown_as_the_cell_holds_it(cli, tmp_path):
    path = write_xlsx(tmp_path / "vragen.xlsx", {"Vragen": [
        ["Nr", "Ontvangen", "Beslissing", "Gerealiseerd"],
        ["V1", "2020-01-02", "Afgewezen", "Ja"], ["V2", "2020-01-03", "Afgewezen", True]]})
    nl = cli("import", path).stderr
    assert "rij 2, kolom D 'Gerealiseerd': er staat 'Ja'; alleen een aanvaarde vraag" in nl
    assert "rij 3, kolom D 'Gerealiseerd': er staat 'WAAR';" in nl  # a boolean cell, as Dutch Excel shows it
    assert "'TRUE'" not in nl
    en = cli("import", path, "--lang", "en").stderr
    assert "row 2, column D 'Gerealiseerd': value 'Ja'" in en and "row 3, column D 'Gerealiseerd': value 'TRUE'" in en


def test_a_line_break_in_a_cell_is_shown_not_printed(cli, tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", {"Activiteiten": [ACT_HEAD, ["A1", "T", "2020-03-01", "on\nline", 1]]})
    res = cli("import", path, "--lang", "en")
    (line,) = _problem_lines(res)
    assert "value 'on↵line': expected a format" in line
    assert len(res.stderr.strip().splitlines()) == 2  # the problem and the count, one line each


def _xlsx_rows(path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_problems_file_lists_every_problem_and_marks_a_copy_of_the_workbook(cli, tmp_path):
    acts = [ACT_HEAD, ["A1", "T", "31/02/2020", "zwemmen", 1], ["A2", "T", "2020-03-01", "on\nline", 1]]
    regs = [REG_HEAD, ["ZZ9", "z@example.org", None, "ja"], ["ZZ9", "y@example.org", None, "ja"]]
    source = write_xlsx(tmp_path / "data.xlsx", {"Activiteiten": acts, "Inschrijvingen": regs})
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    target = tmp_path / "fouten.xlsx"
    res = cli("import", source, "--problems", target)
    assert res.exit_code == 1
    assert f"Alle problemen staan in {target}." in res.stderr
    assert f"rood: {tmp_path / 'fouten-data.xlsx'}." in res.stderr
    rows = _xlsx_rows(target)
    assert rows[0] == ["Bestand", "Werkblad", "Rij", "Kolom", "Inhoud", "Probleem", "Voorstel"]
    body = rows[1:]
    assert len(body) == 5  # one row per problem, ungrouped: 3 cells of Activiteiten, 2 registrations
    assert ["data.xlsx", "Activiteiten", 2, "C 'Datum'", "31/02/2020"] == body[0][:5]
    assert body[0][5] == "die dag bestaat niet, vul een bestaande datum in"
    assert any(r[4] == "on\nline" for r in body)  # the value exactly as the cell holds it
    assert [r[2] for r in body if r[1] == "Inschrijvingen"] == [2, 3]
    assert all("@" not in str(c) for r in rows for c in r)  # never an address

    # the user's own workbook, marked where they work; the original unchanged
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    marked = openpyxl.load_workbook(tmp_path / "fouten-data.xlsx")
    cell = marked["Activiteiten"]["C2"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "die dag bestaat niet" in cell.comment.text
    assert marked["Activiteiten"]["D2"].comment is not None
    assert "onbekende activiteitscode" in marked["Inschrijvingen"]["A3"].comment.text
    assert marked["Activiteiten"]["B2"].comment is None  # only the problem cells


def test_a_missing_column_is_marked_on_the_header_it_resembles(cli, tmp_path):
    source = write_xlsx(tmp_path / "data.xlsx", {"Activiteiten": [["Code", "Titel", "Datm", "Werkvorm", "Dagdelen"],
                                                                  ["A1", "T", "2020-03-01", "online", 1]]})
    res = cli("import", source, "--problems", tmp_path / "fouten.xlsx", "--lang", "en")
    assert res.exit_code == 1
    comment = openpyxl.load_workbook(tmp_path / "fouten-data.xlsx")["Activiteiten"]["C1"].comment.text
    assert "the column Date is missing" in comment and "Did you mean 'Datum'?" in comment
    row = _xlsx_rows(tmp_path / "fouten.xlsx")[1]
    assert row[:4] == ["data.xlsx", "Activiteiten", 1, "C 'Datm'"] and row[6] == "Datum"


def test_problems_file_as_csv_for_excel_and_no_copy_of_a_csv_input(cli, tmp_path):
    source = write_csv(tmp_path / "vragen.csv", [["Nr", "Ontvangen", "Beslissing"], ["V1", "32/01/2020", "ja"]])
    target = tmp_path / "fouten.csv"
    res = cli("import", source, "--problems", target)
    assert res.exit_code == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 after a BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Bestand" and rows[1][:5] == ["vragen.csv", "", "2", "B 'Ontvangen'", "32/01/2020"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("fouten")] == ["fouten.csv"]


def test_problems_file_of_a_good_import_is_an_empty_list(cli, tmp_path):
    source = corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets())
    res = cli("import", source, "--problems", tmp_path / "fouten.xlsx")
    assert res.exit_code == 0, res.output
    assert len(_xlsx_rows(tmp_path / "fouten.xlsx")) == 1


@pytest.mark.parametrize("name", ["fouten.txt", "geen-map/fouten.xlsx"])
def test_a_problems_file_socius_cannot_write_is_refused_first(sqlite_cli, tmp_path, name):
    res = sqlite_cli("import", corpus.write_xlsx(tmp_path / "goed.xlsx", corpus.good_sheets()),
                     "--problems", tmp_path / name)
    assert res.exit_code in (1, 2) and "fouten" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "socius.db").exists()  # nothing imported


def test_google_forms_workbook_says_why_it_was_skipped(sqlite_cli, tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", {"Formulierreacties 1": [
        ["Tijdstempel", "E-mailadres", "Welke activiteit volgde je?", "Hoe tevreden ben je?"],
        [dt.datetime(2020, 3, 2, 10, 0), "a@example.org", "K1", 8]]})
    res = sqlite_cli("import", path)
    assert res.exit_code == 1
    assert "werkblad 'Formulierreacties 1': socius herkent hier geen tabel in" in res.stderr
    assert "[tables] in socius.toml" in res.stderr
    assert res.stderr.strip().splitlines()[-1] == (
        "fout: geen rijen met gegevens gevonden in export.xlsx; er is niets ingelezen")
