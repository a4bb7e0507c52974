"""Issue 4: messy inputs that are not errors import as the user means them."""

from __future__ import annotations

import datetime as dt

import corpus
import sqlalchemy as sa
from corpus import ACT_HEAD, ACTS, REG_HEAD, E, F


def rows(cli, sql: str) -> list[tuple]:
    # dates as ISO text, as SQLite returns them from raw SQL (PostgreSQL returns date objects)
    with cli.store().engine.connect() as c:
        return [tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in r) for r in c.execute(sa.text(sql))]


def ok(res):
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res


def test_a_lying_dimension_does_not_drop_rows(cli, tmp_path):
    """<dimension ref="A1:B2"> on a sheet of 41 rows: calamine reads the cells, not the claim."""
    acts = [[f"D{i:02}", f"Activiteit {i}", "02/03/2020", "online", 1] for i in range(40)]
    path = corpus.activities_xlsx(tmp_path / "dim.xlsx", acts, dimension="A1:B2")
    ok(cli("import", path))
    assert rows(cli, "select count(*) from activities") == [(40,)]


def test_format_comes_from_the_bytes_not_the_name(cli, tmp_path):
    """A real .xls and a CSV text, both named .xlsx, are read as what they are."""
    xls = corpus.real_xls(tmp_path / "oud.xlsx", {"Activiteiten": [
        ACT_HEAD, ["X1", "Oud formaat", dt.datetime(2020, 5, 15), "online", 2]]})
    text = corpus.write_csv(tmp_path / "activiteiten.xlsx", [ACT_HEAD, ["X2", "Tekst", "16/05/2020", "fysiek", 1]])
    ok(cli("import", xls, text))
    assert rows(cli, "select code, date from activities order by code") == [
        ("X1", "2020-05-15"), ("X2", "2020-05-16")]


def test_mac_1904_date_system(cli, tmp_path):
    path = corpus.write_xlsx(tmp_path / "mac.xlsx", {"Activiteiten": [
        ACT_HEAD, ["M1", "Mac", dt.datetime(2020, 5, 15), "online", 1],
        ["M2", "Mac", dt.date(2019, 12, 31), "online", 1]]}, epoch_1904=True)
    ok(cli("import", path))
    assert rows(cli, "select code, date from activities order by code") == [
        ("M1", "2020-05-15"), ("M2", "2019-12-31")]


def test_leading_zeros_and_na_words_stay_text(cli, tmp_path):
    acts = [["007", "NA", "02/03/2020", "online", 1, "None"],
            ["0042", "null", "02/03/2020", "online", 1, "N/A"]]
    ok(cli("import", corpus.write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": [ACT_HEAD, *acts]})))
    ok(cli("import", corpus.write_csv(tmp_path / "activiteiten.csv", [ACT_HEAD, ["0099", "n/a", "02/03/2020", "online", 1, "NULL"]])))
    assert rows(cli, "select code, title, theme from activities order by code") == [
        ("0042", "null", "N/A"), ("007", "NA", "None"), ("0099", "n/a", "NULL")]


def test_control_characters_and_non_breaking_spaces_are_cleaned(cli, tmp_path):
    act = ["\u00a0C1\u200b", "Vorming\x07 basis\u00a0", "02/03/2020", "online\u00a0", "1,5", "\ufeffThema\x1f"]
    ok(cli("import", corpus.write_csv(tmp_path / "activiteiten.csv", [ACT_HEAD, act])))
    ok(cli("import", corpus.write_xlsx(tmp_path / "b.xlsx", {"Activiteiten": [
        ACT_HEAD, ["C2\u00a0", "\u00a0Titel\u202f", "02/03/2020", "fysiek", 1, None]]})))
    assert rows(cli, "select code, title, format, theme from activities order by code") == [
        ("C1", "Vorming basis", "online", "Thema"), ("C2", "Titel", "onsite", None)]


def test_one_person_whatever_case_spaces_or_unicode_form(cli, tmp_path):
    acts = [[f"P{i}", "T", "02/03/2020", "online", 1] for i in range(5)]
    forms = ["jose.peeters@hidden-mail.test", " JOSE.Peeters@Hidden-Mail.TEST ", "jose.peeters @hidden-mail.test",
             "jose.peeters@hidden-mail.test\u00a0", "ｊｏｓｅ.peeters@hidden-mail.test"]
    regs = [[f"P{i}", None, form, None, None, None] for i, form in enumerate(forms)]
    regs += [["P0", None, "josé@hidden-mail.test", None, None, None],
             ["P1", None, "jose\u0301@hidden-mail.test", None, None, None]]  # é composed / decomposed
    ok(cli("import", corpus.write_xlsx(tmp_path / "p.xlsx", {"Activiteiten": [ACT_HEAD, *acts],
                                                             "Inschrijvingen": [REG_HEAD, *regs]})))
    figures = cli.json(2020)["open_offering"]
    assert figures["participations"] == 7
    assert figures["persons_reached"] == 2


def test_merged_cells_give_their_value_to_every_row_of_the_range(cli, tmp_path):
    """An activity code merged down over its participants belongs to each of them; a fully
    empty row inside the range stays skipped."""
    regs = [["K1", None, "a@hidden-mail.test", None, None, None],
            [None, None, "b@hidden-mail.test", None, None, None],
            [None, None, None, None, None, None],
            [None, None, "c@hidden-mail.test", None, None, None],
            ["K2", None, "d@hidden-mail.test", None, None, None]]
    path = corpus.write_xlsx(tmp_path / "m.xlsx", {"Activiteiten": [ACT_HEAD, *ACTS],
                                                   "Inschrijvingen": [REG_HEAD, *regs]},
                             merges={"Inschrijvingen": ["A2:A5"]})
    ok(cli("import", path))
    assert rows(cli, "select activity, count(*) from registrations group by activity order by 1") == [
        ("K1", 3), ("K2", 1)]


def test_formulas_with_a_stored_result_are_their_result(cli, tmp_path):
    path = corpus.activities_xlsx(tmp_path / "f.xlsx", [
        ["F1", F('"Titel "&"een"', "Titel een"), "02/03/2020", "online", F("1+1", 2), F('""', "")]])
    ok(cli("import", path))
    assert rows(cli, "select title, half_days, theme from activities") == [("Titel een", 2.0, None)]


def test_an_error_in_an_ignored_column_or_info_sheet_is_no_problem(cli, tmp_path):
    path = corpus.raw_xlsx(tmp_path / "info.xlsx", {
        "Info": corpus.sheet_xml([["Totaal"], [E("#REF!")]]),
        "Activiteiten": corpus.sheet_xml([ACT_HEAD + ["Opmerking"], ["E1", "T", "02/03/2020", "online", 1, None, E("#N/A")]])})
    ok(cli("import", path))


def test_csv_encodings_bom_and_sep_line(cli, tmp_path):
    variants = {
        "cp1252": dict(encoding="cp1252"),
        "utf8bom": dict(encoding="utf-8", bom=True),
        "utf16le": dict(encoding="utf-16-le", bom=True),
        "utf16be": dict(encoding="utf-16-be", bom=True),
        "sep": dict(encoding="utf-8", sep_line=True, delimiter=","),
        "tab": dict(encoding="utf-8", delimiter="\t"),
    }
    for i, (name, kw) in enumerate(variants.items()):
        d = tmp_path / name
        d.mkdir()
        path = corpus.write_csv(d / "activiteiten.csv", [ACT_HEAD, [f"E{i}", "Café, thé & één", "02/03/2020", "online", "2,5"]], **kw)
        ok(cli("import", path))
    assert rows(cli, "select distinct title, half_days from activities") == [("Café, thé & één", 2.5)]
    assert rows(cli, "select count(*) from activities") == [(len(variants),)]


def test_semicolon_file_with_commas_in_values_is_not_one_column(cli, tmp_path):
    """A naive sniffer sees more commas than semicolons in the data; socius splits the header."""
    data = [ACT_HEAD, *[[f"S{i}", "Koffie, thee, taart, babbel", "02/03/2020", "online", "2,5", "a,b,c,d"] for i in range(5)]]
    ok(cli("import", corpus.write_csv(tmp_path / "activiteiten.csv", data, delimiter=";")))
    assert rows(cli, "select count(*), sum(half_days) from activities") == [(5, 12.5)]


def test_ragged_short_rows_are_blanks_and_blank_headers_are_ignored(cli, tmp_path):
    text = ("Code;Titel;Datum;Werkvorm;Dagdelen;;Thema\r\n"
            "R1;Kort;02/03/2020;online;1\r\n"
            "R2;Lang;02/03/2020;online;1;iets;Thema\r\n")
    (tmp_path / "activiteiten.csv").write_text(text, encoding="utf-8")
    ok(cli("import", tmp_path / "activiteiten.csv"))
    assert rows(cli, "select code, theme from activities order by code") == [("R1", None), ("R2", "Thema")]
