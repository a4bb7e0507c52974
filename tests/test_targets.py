"""Issue 12 point 2: the targets table (streefcijfers, contract v2 sections 1 and 4), imported
like the other tables; a year's targets beside its figures in `stats` and `report`."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
import reference
import sqlalchemy as sa
from helpers import SAMPLE, Cli, write_xlsx

from socius_cli.contract import DIRECTIONS, EVALUATIONS, TABLES, TARGETS, normalise_name, table_for_headers
from socius_cli.figures.targets import AT_LEAST, AT_MOST, INDICATORS, Target, assess
from socius_cli.ingest.values import BadValue, typed
from socius_cli.labels import CATALOGUES, EN, NL, ROW, TARGET_ROW
from socius_cli.store.versions import SCHEMA_VERSION

HEAD = ["Indicator", "Periode", "Streefcijfer", "Richting", "Doelstelling"]
ACT_HEAD = ["Code", "Titel", "Datum", "Vorm", "Dagdelen"]


def targets_file(tmp_path, rows, name="streef.xlsx", head=HEAD, sheet="Streefcijfers"):
    return write_xlsx(tmp_path / name, {sheet: [head, *rows]})


def cell(field, value):
    return typed(TARGETS.field(field), value)


def code_of(field, value):
    with pytest.raises(BadValue) as exc:
        cell(field, value)
    return exc.value.code, exc.value.params.get("suggestion")


# --------------------------------------------------------------------------- cells

def test_every_indicator_by_its_key_and_its_labels_in_both_languages():
    for key in INDICATORS:
        assert cell("indicator", key) == key
        assert cell("indicator", key.upper().replace("_", " ")) == key  # case and spacing free
        for lang in CATALOGUES.values():
            assert cell("indicator", lang[ROW[key]]) == key
            assert cell("indicator", lang[TARGET_ROW[key]]) == key
    assert cell("indicator", "  personen   BEREIKT ") == "persons_reached"
    assert cell("indicator", "Persons reached") == cell("indicator", "People reached") == "persons_reached"
    assert cell("indicator", "Gemiddelde tevredenheid") == "satisfaction_pct"
    assert cell("indicator", "Bereik van de erkende organisatiës") == "recognised_reach_pct"  # accents free
    assert cell("indicator", "NPS") == "nps" and cell("indicator", "NPS (aanbeveling)") == "nps"
    assert cell("indicator", "Vragen ondersteund") == cell("indicator", "Uitgemond in ondersteuning") == (
        "requests_supported")


def test_the_key_figure_cards_words_name_their_indicator():
    """A card's label as the report shows it ("tevredenheid", "vragen ondersteund"); where a
    card shares its words with a table row, the row's indicator wins."""
    assert cell("indicator", "tevredenheid") == cell("indicator", "satisfaction") == "satisfaction_pct"
    assert cell("indicator", "dagdelen") == cell("indicator", "half-day sessions") == "half_days"
    assert cell("indicator", "vragen ondersteund") == "requests_supported"
    assert cell("indicator", "erkende organisaties bereikt") == "recognised_orgs_reached"  # the row's


def test_no_label_names_two_indicators():
    seen: dict[str, str] = {}
    for key in INDICATORS:
        for lang in CATALOGUES.values():
            for rows in (ROW, TARGET_ROW):
                word = normalise_name(lang[rows[key]])
                assert seen.setdefault(word, key) == key, (word, key, seen[word])


def test_an_unknown_indicator_gets_a_suggestion():
    assert code_of("indicator", "Personen bereik") == ("unknown-indicator", "Personen bereikt")
    assert code_of("indicator", "gemiddelde tevredenhied") == ("unknown-indicator", "Gemiddelde tevredenheid")
    assert code_of("indicator", "Koffie") == ("unknown-indicator", None)
    assert code_of("indicator", 12)[0] == "unknown-indicator"
    assert code_of("indicator", None)[0] == "blank-required"


@pytest.mark.parametrize("word", sorted(DIRECTIONS))
def test_every_direction_word(word):
    assert cell("direction", word) == DIRECTIONS[word]
    assert cell("direction", word.upper()) == DIRECTIONS[word]


def test_direction_words_by_meaning():
    least = ["minstens", "Minimum", "at least", ">=", "≥", "ten minste", "min", "Ten  Minste"]
    most = ["hoogstens", "maximum", "At most", "<=", "≤", "max"]
    assert {cell("direction", w) for w in least} == {AT_LEAST}
    assert {cell("direction", w) for w in most} == {AT_MOST}
    assert cell("direction", None) is None  # blank: at least (the row rule)
    assert code_of("direction", "minstes") == ("bad-direction", "minstens")
    assert code_of("direction", "ongeveer")[0] == "bad-direction"


def test_target_numbers():
    for value, want in [(55, 55.0), ("55", 55.0), ("55%", 55.0), (" 55 % ", 55.0), ("55,0", 55.0),
                        ("54,5", 54.5), ("+20", 20.0), ("-10", -10.0), (1400, 1400.0), ("1400", 1400.0)]:
        assert cell("target", value) == want, value
    assert code_of("target", "veel")[0] == "bad-target"
    assert code_of("target", "55 procent")[0] == "bad-target"
    assert code_of("target", True)[0] == "bad-target"
    assert code_of("target", None)[0] == "blank-required"


def test_a_target_typed_with_the_flemish_thousands_separator():
    """Flemish staff type 1.400 for fourteen hundred: a point between groups of three digits is
    a thousands separator in a target (no target is 1,4 persons), a lone point still a decimal."""
    for value, want in [("1.400", 1400.0), ("12.500", 12500.0), ("1.250.000", 1250000.0), ("+1.400", 1400.0),
                        ("1.400,5", 1400.5), ("1 400", 1400.0), ("1\u00a0400", 1400.0), ("2.5", 2.5),
                        ("32.50", 32.5), ("0.755", 0.755)]:
        assert cell("target", value) == want, value
    assert code_of("target", "1.40.0")[0] == "bad-target"


def test_periods_as_the_register_reads_them_but_never_blank():
    assert cell("period", 2020) == (2020, 2020) and cell("period", "2016 – 2020") == (2016, 2020)
    assert code_of("period", None)[0] == "blank-required"
    assert code_of("period", "twintig")[0] == "bad-required-period"


# --------------------------------------------------------------------------- which table

def test_evaluations_and_targets_are_never_taken_for_each_other():
    assert table_for_headers(["Activiteit", "Cijfer", "Schaal"]) is EVALUATIONS
    assert table_for_headers(["Activiteit", "Cijfer"]) is EVALUATIONS
    assert table_for_headers(["Cijfer", "Jaar", "Doel"]) is TARGETS
    assert table_for_headers(["Kerncijfer", "Periode", "Streefcijfer", "Richting", "Doelstelling"]) is TARGETS
    assert table_for_headers(["Indicator", "Year", "Target"]) is TARGETS
    # the headers of every table socius writes in its template still say which table it is
    from socius_cli.template import header

    for t in TABLES:
        assert table_for_headers([header(t, f) for f in t.fields]) is t, t.name


def test_an_evaluations_and_a_targets_sheet_of_unknown_names_import_as_what_they_are(cli, tmp_path):
    path = write_xlsx(tmp_path / "blad.xlsx", {
        "Blad1": [ACT_HEAD, ["A1", "Vorming", "2020-03-02", "fysiek", 1]],
        "Blad2": [["Activiteit", "Cijfer", "Schaal"], ["A1", 8, 10]],
        "Blad3": [["Cijfer", "Jaar", "Doel"], ["Gemiddelde tevredenheid", 2020, 75]],
    })
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 0, res.output
    t = cli.json(2020)
    assert t["open_offering"]["satisfaction_pct"] == 80.0
    assert t["targets"] == [{"indicator": "satisfaction_pct", "period": "2020", "goal": None, "direction": AT_LEAST,
                             "target": 75, "realised": 80.0, "met": True}]


@pytest.mark.parametrize("sheet", ["Streefcijfers", "Doelen", "doelstellingen", "Targets"])
def test_the_sheet_names_of_the_targets_table(cli, tmp_path, sheet):
    acts = write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": [ACT_HEAD, ["A1", "Vorming", "2020-03-02", "fysiek", 1]]})
    assert cli("import", acts).exit_code == 0
    res = cli("import", targets_file(tmp_path, [["activities", "2020", 1]], sheet=sheet,
                                     head=["Kerncijfer", "Periode", "Doel"]))
    assert res.exit_code == 0, res.output
    assert cli.json(2020)["targets"][0]["met"] is True


# --------------------------------------------------------------------------- problems

def problems_of(cli, tmp_path, rows, lang="en"):
    res = cli("import", targets_file(tmp_path, rows), "--lang", lang, "--problems", tmp_path / "fouten.csv")
    assert res.exit_code == 1, res.output
    with open(tmp_path / "fouten.csv", encoding="utf-8-sig", newline="") as f:
        listed = list(csv.reader(f, delimiter=";"))[1:]
    return res.stderr, listed


def test_bad_cells_are_problems_with_their_place(cli, tmp_path):
    shown, listed = problems_of(cli, tmp_path, [
        ["Personen bereik", 2020, 1400, "minstens", "SD1"],
        ["Gemiddelde tevredenheid", 2020, 120, None, None],
        ["Activiteiten", 2020, -5, None, None],
        ["Dagdelen", None, 10, None, None],
        ["Deelnames", 2020, "veel", "minstes", None],
        ["NPS", 2020, "+120", None, None],
    ])
    text = " ".join(shown.split())
    assert ("streef.xlsx, sheet 'Streefcijfers', row 2, column A 'Indicator': value 'Personen bereik': expected an "
            "indicator socius knows") in text
    assert "Did you mean 'Personen bereikt'?" in text
    assert "row 3, column C 'Streefcijfer': value '120': expected a percentage from 0 to 100" in text
    assert "row 4, column C 'Streefcijfer': value '-5': expected a target of 0 or more" in text
    assert "row 5, column B 'Periode': expected a year (2020) or a span of years (2016-2020)" in text
    assert "row 6, column C 'Streefcijfer': value 'veel': expected a number" in text
    assert "row 6, column D 'Richting': value 'minstes': expected a direction" in text
    assert "Did you mean 'minstens'?" in text
    assert "row 7, column C 'Streefcijfer': value '+120': expected an NPS from -100 to +100" in text
    assert "Traceback" not in shown
    by_row = {(r[2], r[3][:1]): r for r in listed}
    unknown = by_row[("2", "A")]
    assert unknown[:5] == ["streef.xlsx", "Streefcijfers", "2", "A 'Indicator'", "Personen bereik"]
    assert unknown[6] == "Personen bereikt"
    for key in INDICATORS:  # the problems file lists every indicator a target may name
        assert EN[TARGET_ROW[key]] in unknown[5], key
    assert cli("stats", "2020").exit_code == 1  # nothing was stored


def test_problems_in_dutch(cli, tmp_path):
    shown, listed = problems_of(cli, tmp_path, [["Personen bereik", 2020, 1400, None, None]], lang="nl")
    text = " ".join(shown.split())
    assert "rij 2, kolom A 'Indicator': er staat 'Personen bereik'; vul een indicator in die socius kent" in text
    assert "Bedoel je 'Personen bereikt'?" in text
    assert NL[TARGET_ROW["satisfaction_pct"]] in listed[0][5] and listed[0][5].startswith("vul een indicator in")


def test_blank_required_cells_of_a_target_read_as_dutch(cli, tmp_path):
    """"vul ... in" around what the column expects: the sentence must still read as Dutch."""
    shown, _listed = problems_of(cli, tmp_path, [[None, 2020, 1400, None, None]], lang="nl")
    text = " ".join(shown.split())
    assert ("rij 2, kolom A 'Indicator': vul de naam van een indicator zoals socius hem toont (Personen bereikt) "
            "of zijn sleutel (persons_reached) in; deze cel mag niet leeg zijn") in text


def test_the_same_indicator_and_period_twice_names_both_rows(cli, tmp_path):
    shown, _listed = problems_of(cli, tmp_path, [
        ["Personen bereikt", 2020, 1400, None, None],
        ["Activiteiten", 2020, 40, None, None],
        ["persons_reached", "2020", 1500, None, None],
        ["Personen bereikt", "2016-2020", 2000, None, None],  # another period: fine
    ])
    text = " ".join(shown.split())
    # the cell as it is typed (persons_reached), not the label it means: "value" is what the cell says
    assert ("streef.xlsx, sheet 'Streefcijfers', row 4, column A 'Indicator': value 'persons_reached': the same "
            "indicator and period as streef.xlsx, sheet 'Streefcijfers', row 2") in text
    assert text.count("the same indicator and period") == 1


# --------------------------------------------------------------------------- assessing

def figures(**open_offering):
    return {"year": 2020, "open_offering": open_offering, "demand_driven": {}}


def test_rounding_edge_a_percentage_is_compared_as_shown():
    t = [Target("satisfaction_pct", (2020, 2020), 55.0)]
    assert assess(t, (2020, 2020), figures(satisfaction_pct=54.5))[0]["met"] is True  # shows as 55%
    assert assess(t, (2020, 2020), figures(satisfaction_pct=54.4))[0]["met"] is False  # shows as 54%
    assert assess(t, (2020, 2020), figures(satisfaction_pct=54.5))[0]["realised"] == 54.5  # unrounded
    at_most = [Target("secondary_share_pct", (2020, 2020), 45.0, AT_MOST)]
    assert assess(at_most, (2020, 2020), figures(secondary_share_pct=45.4))[0]["met"] is True
    assert assess(at_most, (2020, 2020), figures(secondary_share_pct=45.5))[0]["met"] is False


def test_at_most_a_count_exactly_and_a_null_figure():
    t = [Target("unknown_target_group", (2020, 2020), 10.0, AT_MOST)]
    assert assess(t, (2020, 2020), figures(unknown_target_group=10))[0]["met"] is True
    assert assess(t, (2020, 2020), figures(unknown_target_group=11))[0]["met"] is False
    half = [Target("half_days", (2020, 2020), 170.0)]
    assert assess(half, (2020, 2020), figures(half_days=169.5))[0]["met"] is False  # a count: exactly
    null = assess([Target("nps", (2020, 2020), 20.0)], (2020, 2020), figures(nps=None))[0]
    assert null["realised"] is None and null["met"] is None
    assert assess([Target("nps", (2016, 2020), 20.0)], (2020, 2020), figures(nps=30.0)) == []  # another period


def test_the_rounding_edge_end_to_end(cli, tmp_path):
    """One evaluation of 10,9 on 20 is 54,5%: shown as 55%, so a target of 55 is met; 10,88 on 20
    (54,4%) is not."""
    write_xlsx(tmp_path / "d.xlsx", {
        "Activiteiten": [ACT_HEAD, ["A1", "T", "2020-03-02", "fysiek", 1], ["B1", "T", "2021-03-02", "fysiek", 1]],
        "Evaluaties": [["Activiteit", "Score", "Schaal"], ["A1", 10.9, 20], ["B1", 10.88, 20]],
        "Streefcijfers": [HEAD, ["Gemiddelde tevredenheid", 2020, 55, None, None],
                          ["Gemiddelde tevredenheid", 2021, "55%", "minstens", None],
                          ["Doelgroep onbekend", 2021, 0, "hoogstens", None],
                          ["Gemiddelde tevredenheid", "2020-2021", 55, None, None]]})
    assert cli("import", tmp_path / "d.xlsx").exit_code == 0
    assert [(t["realised"], t["met"]) for t in cli.json(2020)["targets"]] == [(pytest.approx(54.5), True)]
    got = cli.json(2021)["targets"]
    assert [(t["indicator"], t["met"]) for t in got] == [("satisfaction_pct", False), ("unknown_target_group", True)]
    assert got[1]["direction"] == AT_MOST and got[1]["realised"] == 0


def test_the_sample_targets_against_the_reference_figures(sample_cli, sample_tables):
    """The targets of sample_data/streefcijfers.xlsx, their figures computed by the plain-Python
    reference (tests/reference.py), and whether each was met worked out here by hand."""
    ref = reference.compute_tables(2020, sample_tables)
    oo, dd = ref["open_offering"], ref["demand_driven"]
    got = sample_cli.json(2020)["targets"]
    expected = [  # (indicator, direction, target, the reference's figure, met by hand)
        ("persons_reached", AT_LEAST, 1400, oo["persons_reached"], oo["persons_reached"] >= 1400),
        ("satisfaction_pct", AT_LEAST, 75, oo["satisfaction_pct"], round(oo["satisfaction_pct"]) >= 75),
        ("nps", AT_LEAST, 30, oo["nps"], round(oo["nps"]) >= 30),
        ("recognised_reach_pct", AT_LEAST, 85, oo["recognised_reach_pct"], round(oo["recognised_reach_pct"]) >= 85),
        ("primary_share_pct", AT_LEAST, 55, oo["primary_share_pct"], round(oo["primary_share_pct"]) >= 55),
        ("requests_supported", AT_LEAST, 40, dd["requests_supported"], dd["requests_supported"] >= 40),
        ("requests_declined", AT_MOST, 25, dd["requests_declined"], dd["requests_declined"] <= 25),
        ("unknown_target_group", AT_MOST, 20, oo["unknown_target_group"], oo["unknown_target_group"] <= 20),
    ]
    assert [(t["indicator"], t["direction"], t["target"]) for t in got] == [e[:3] for e in expected]
    for t, (_k, _d, _t, realised, met) in zip(got, expected, strict=True):
        assert t["realised"] == pytest.approx(realised) and t["met"] is met and t["period"] == "2020"
    assert [t["met"] for t in got] == [True, True, True, False, True, False, False, True]  # as the README says
    assert got[0]["goal"] == "SD1 OD1.1 Vorming op maat van de sector" and got[-1]["goal"] is None
    assert sample_cli.json(2019)["targets"] == []  # the span's targets are not 2019's


# --------------------------------------------------------------------------- the store

def stored(cli) -> list[tuple]:
    with cli.store().engine.connect() as c:
        return sorted(tuple(r) for r in c.execute(sa.text(
            "select indicator, period, period_from, period_until, target, direction, goal, position from targets")))


def summary_of(res) -> dict[str, list[str]]:
    rows = {}
    for line in res.stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 5:
            rows[cells[0]] = cells[1:]
    return rows


def test_reimport_changes_nothing_and_a_corrected_target_updates(cli, tmp_path):
    rows = [["Personen bereikt", 2020, 1400, "minstens", "SD1"], ["Activiteiten", 2020, 40, None, None],
            ["Personen bereikt", "2016-2020", 2000, None, "SD1"]]
    first = cli("import", targets_file(tmp_path, rows), "--lang", "en")
    assert first.exit_code == 0, first.output
    assert summary_of(first)["Targets"] == ["3", "0", "0", "0"]
    before = stored(cli)
    assert before == [("activities", "2020", 2020, 2020, 40.0, AT_LEAST, None, 1),
                      ("persons_reached", "2016-2020", 2016, 2020, 2000.0, AT_LEAST, "SD1", 0),
                      ("persons_reached", "2020", 2020, 2020, 1400.0, AT_LEAST, "SD1", 0)]
    again = cli("import", targets_file(tmp_path, rows), "--lang", "en")
    assert summary_of(again)["Targets"] == ["0", "0", "0", "3"] and stored(cli) == before
    rows[1][2] = 45  # corrected
    fixed = cli("import", targets_file(tmp_path, rows), "--lang", "en")
    assert summary_of(fixed)["Targets"] == ["0", "1", "0", "2"]
    assert ("activities", "2020", 2020, 2020, 45.0, AT_LEAST, None, 1) in stored(cli)
    # an import never removes a target: a file with one target leaves the others
    assert cli("import", targets_file(tmp_path, [["Dagdelen", 2020, 100, None, None]], name="b.xlsx")).exit_code == 0
    assert len(stored(cli)) == 4
    history = json.loads(cli("history", "--format", "json").stdout)
    assert [h["summary"]["targets"] for h in history][:2] == [
        {"added": 3, "updated": 0, "removed": 0, "unchanged": 0},
        {"added": 0, "updated": 0, "removed": 0, "unchanged": 3}]
    dutch = cli("import", targets_file(tmp_path, rows))
    assert "Streefcijfers" in dutch.stdout


def test_targets_change_no_figure_and_no_published_year(cli, tmp_path):
    assert cli("import", SAMPLE / "socius-2019-2020.xlsx").exit_code == 0
    assert cli("publish", "2020").exit_code == 0
    with cli.store().engine.connect() as c:
        cache_before = sorted(tuple(r) for r in c.execute(sa.text("select year, version, json from year_figures")))
        published_before = sorted(tuple(r) for r in c.execute(sa.text("select * from published")))
    res = cli("import", targets_file(tmp_path, [["Personen bereikt", 2020, 1400, None, None]]), "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "published figure" not in res.stderr and "figures of 2020" not in res.stderr
    with cli.store().engine.connect() as c:
        assert sorted(tuple(r) for r in c.execute(sa.text("select year, version, json from year_figures"))) == (
            cache_before)
        assert sorted(tuple(r) for r in c.execute(sa.text("select * from published"))) == published_before
    out = cli("stats", "2020", "--lang", "en")
    assert "have not changed since" in out.stdout and "Targets 2020" in out.stdout
    shown = json.loads(cli("stats", "2020", "--format", "json").stdout)
    assert shown["published"]["differences"] == [] and len(shown["targets"]) == 1
    last = json.loads(cli("history", "--format", "json").stdout)[-1]
    assert last["published_changes"] == []


def test_a_v2_store_opens_and_migrates(store_db, tmp_path):
    cli = Cli(store_db)
    assert cli("import", SAMPLE / "socius-2019-2020.xlsx").exit_code == 0
    want = cli.json(2020)
    with cli.store().engine.begin() as c:  # the store as socius with schema version 2 left it
        c.execute(sa.text("drop table targets"))
        c.execute(sa.text("update socius_meta set value = '2' where key = 'schema_version'"))
    assert cli.json(2020) == want  # opens, migrates, the same figures
    with cli.store().engine.connect() as c:
        assert c.execute(sa.text("select value from socius_meta where key = 'schema_version'")).scalar_one() == str(SCHEMA_VERSION)
        assert sa.inspect(c).has_table("targets")
    assert cli("import", targets_file(tmp_path, [["Activiteiten", 2020, 40, None, None]])).exit_code == 0
    assert cli.json(2020)["targets"][0]["realised"] == want["open_offering"]["activities"]


def test_the_quick_path_reads_the_same_targets(sample_cli):
    from socius_cli.figures.lookup import stored_targets
    from socius_cli.figures.targets import from_rows
    from socius_cli.store.quick import read_sqlite, targets_sqlite

    assert read_sqlite(sample_cli.db, 2020) is not None  # stats takes the quick path
    with sample_cli.store().engine.connect() as c:
        slow = stored_targets(c)
    assert from_rows(targets_sqlite(sample_cli.db)) == slow and len(slow) == 12
    assert [t.period for t in slow] == [(2016, 2020)] * 4 + [(2020, 2020)] * 8  # by period, in table order
    assert [t.indicator for t in slow][:2] == ["activities", "persons_reached"]


# --------------------------------------------------------------------------- stats

def test_stats_table_in_both_languages(sample_cli):
    en = sample_cli("stats", "2020", "--lang", "en")
    text = en.stdout
    assert "Targets 2020" in text
    assert text.index("Targets 2020") > text.index("Requests by topic")  # after the other tables
    for shown in ("≥ 1,400", "1,440", "yes ✓", "≥ 85%", "84%", "no ✗", "≤ 25", "≥ +30", "+34"):
        assert shown in text, shown
    nl = sample_cli("stats", "2020").stdout
    assert "Streefcijfers 2020" in nl
    for shown in ("≥ 1.400", "1.440", "ja ✓", "nee ✗", "Personen bereikt", "Doelstelling", "Gerealiseerd"):
        assert shown in nl, shown
    assert "Streefcijfers" not in sample_cli("stats", "2019").stdout  # no targets, no table
    both = sample_cli("stats", "2020", "--compare", "2019", "--lang", "en").stdout
    assert both.count("Targets 20") == 1


def test_stats_csv_and_excel(sample_cli):
    res = sample_cli("stats", "2020", "--format", "csv")
    rows = list(csv.reader(io.StringIO(res.stdout)))
    targets = [r for r in rows if r[0] == "targets"]
    assert ["targets", "targets.target", "persons_reached", "1400"] in targets
    assert ["targets", "targets.realised", "persons_reached", "1440"] in targets
    assert ["targets", "targets.met", "recognised_reach_pct", "false"] in targets
    assert ["targets", "targets.direction", "requests_declined", "at_most"] in targets
    assert ["targets", "targets.goal", "unknown_target_group", ""] in targets
    assert len(targets) == 8 * 5
    excel = sample_cli("stats", "2020", "--format", "excel").stdout.lstrip("\ufeff")
    lines = excel.splitlines()
    assert "Streefcijfers;Personen bereikt;Streefcijfer (minstens);1400" in lines
    assert "Streefcijfers;Bereik van de erkende organisaties (%);Gerealiseerd;84" in lines
    assert "Streefcijfers;Bereik van de erkende organisaties (%);Behaald;nee" in lines
    compared = sample_cli("stats", "2020", "--compare", "2019", "--format", "csv").stdout
    assert "targets,targets.met,persons_reached,true,," in compared  # each year its own targets, no change


# --------------------------------------------------------------------------- report

def test_report_markdown_and_html_show_the_targets_by_goal(sample_cli, tmp_path):
    md = tmp_path / "r.md"
    assert sample_cli("report", "2020", "--format", "md", "--output", md).exit_code == 0
    text = md.read_text(encoding="utf-8")
    section = text[text.index("## Streefcijfers"):text.index("## Open aanbod")]
    assert "5 van de 8 streefcijfers voor 2020 zijn behaald." in section
    assert section.index("*SD1 OD1.1 Vorming op maat van de sector*") < section.index("*Zonder doelstelling*")
    assert "| Personen bereikt | 2020 | ≥ 1.400 | 1.440 | ja ✓ |" in section
    assert "| Bereik van de erkende organisaties | 2020 | ≥ 85% | 84% | nee ✗ |" in section
    assert "| Vragen afgewezen | 2020 | ≤ 25 | 29 | nee ✗ |" in section
    assert text.index("## Het jaar in het kort") < text.index("## Streefcijfers")
    html = tmp_path / "r.html"
    assert sample_cli("report", "2020", "--output", html, "--lang", "en").exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert '<a href="#streefcijfers">Targets</a>' in page
    assert '<td class="met met-yes">yes ✓</td>' in page and '<td class="met met-no">no ✗</td>' in page
    assert '<th scope="colgroup" colspan="5">No goal</th>' in page
    md19 = tmp_path / "r19.md"
    assert sample_cli("report", "2019", "--format", "md", "--output", md19).exit_code == 0
    assert "Streefcijfers" not in md19.read_text(encoding="utf-8")  # no targets, no section


def test_report_workbook_has_a_sheet_streefcijfers_with_number_formats(sample_cli, tmp_path):
    out = tmp_path / "r.xlsx"
    assert sample_cli("report", "2020", "--format", "xlsx", "--output", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Streefcijfers"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    # flat, one row per target: goal, indicator, period, target, figure, met
    rows = {r[1].value: r for r in ws.iter_rows() if r[1].value}
    persons = rows["Personen bereikt"]
    assert persons[0].value == "SD1 OD1.1 Vorming op maat van de sector" and persons[2].value == "2020"
    assert persons[3].value == 1400 and persons[3].number_format == '"≥ "#,##0'
    assert persons[4].value == 1440 and persons[4].number_format == "#,##0"
    assert persons[5].value == "ja"
    reach = rows["Bereik van de erkende organisaties"]
    assert reach[3].value == pytest.approx(0.85) and reach[3].number_format == '"≥ "0%'
    assert reach[4].value == pytest.approx(0.84) and reach[5].value == "nee"
    assert rows["NPS (aanbeveling)"][3].number_format == '"≥ "+0;"≥ "-0;"≥ "0'
    assert "Zonder doelstelling" in cells


def test_the_section_builder_takes_a_span_too():
    from socius_cli.report.context import targets_section

    span = assess([Target("persons_reached", (2016, 2020), 2000.0, goal="SD1"),
                   Target("satisfaction_pct", (2016, 2020), 75.0)], (2016, 2020),
                  {"open_offering": {"persons_reached": 2100, "satisfaction_pct": None}, "demand_driven": {}})
    s = targets_section(span, "en", "2016-2020")
    assert s.heading == "Targets" and s.facts[0] == "1 of the 2 targets for 2016-2020 was met."
    assert [g.heading for g in s.targets.groups] == ["SD1", "No goal"]
    row = s.targets.groups[1].rows[0]
    assert [c.text for c in (row.indicator, row.period, row.target, row.realised, row.met)] == [
        "Average satisfaction", "2016-2020", "≥ 75%", "–", "–"]
    assert s.targets.notes[0].startswith("A target of a period is for the total")
    assert targets_section([], "nl", "2020") is None


def test_the_sentences_over_the_targets_count_in_singular_and_plural():
    """One target, or one without a figure, is said in the singular: never "1 targets have"."""
    from socius_cli.report.context import targets_section

    def facts(values: list[float | None], lang: str) -> list[str]:
        targets = [{"indicator": "persons_reached", "period": "2020", "goal": None, "direction": "at_least",
                    "target": 10, "realised": v, "met": None if v is None else v >= 10} for v in values]
        section = targets_section(targets, lang, "2020")
        assert section is not None
        return section.facts

    assert facts([12], "nl") == ["Het streefcijfer voor 2020 is behaald."]
    assert facts([8], "en") == ["The target for 2020 was not met."]
    assert facts([None], "nl") == ["Voor het streefcijfer voor 2020 is er geen cijfer: het is (nog) niet te beoordelen."]
    assert facts([12, 8, None], "nl") == ["1 van de 3 streefcijfers voor 2020 is behaald.",
                                          "Voor 1 streefcijfer is er geen cijfer: het is (nog) niet te beoordelen."]
    assert facts([12, 8, None], "en") == ["1 of the 3 targets for 2020 was met.",
                                          "1 target has no figure: it cannot be assessed (yet)."]
    assert facts([12, 12, None, None], "nl") == [
        "2 van de 4 streefcijfers voor 2020 zijn behaald.",
        "Voor 2 streefcijfers is er geen cijfer: die zijn (nog) niet te beoordelen."]
    assert facts([12, 12, None, None], "en")[0] == "2 of the 4 targets for 2020 were met."


def test_the_one_target_of_a_period_report_is_named_by_its_own_period():
    """A period report whose only target is one of its years says that year, not the span:
    "Het streefcijfer voor 2020 is behaald.", not "... voor 2016-2020 ..." (a span target)."""
    from socius_cli.report.context import targets_section

    one = [{"indicator": "activities", "period": "2020", "goal": None, "direction": "at_least",
            "target": 45, "realised": 50, "met": True}]
    for lang, said in (("nl", "Het streefcijfer voor 2020 is behaald."), ("en", "The target for 2020 was met.")):
        section = targets_section(one, lang, "2016-2020")
        assert section is not None and section.facts == [said]
    span = [dict(one[0], period="2016-2020", met=False)]
    section = targets_section(span, "nl", "2016-2020")
    assert section is not None and section.facts == ["Het streefcijfer voor 2016-2020 is niet behaald."]


def test_one_goal_typed_in_other_capitals_or_spacing_is_one_group():
    """Staff type a goal again on every row: 'SD1 OD1.2 Bereik', 'sd1 od1.2 bereik' and
    'SD1  OD1.2 Bereik' are one goal of the plan, one group under its first spelling."""
    from socius_cli.report.context import targets_table

    def target(goal: str | None, indicator: str = "activities") -> dict:
        return {"indicator": indicator, "period": "2020", "goal": goal, "direction": "at_least",
                "target": 1, "realised": 2, "met": True}

    table = targets_table([target("SD1 OD1.2 Bereik"), target("sd1 od1.2 bereik", "half_days"),
                           target("SD2"), target("SD1  OD1.2 Bereik ", "persons_reached"), target(None)], "nl")
    assert [(g.heading, len(g.rows)) for g in table.groups] == [
        ("SD1 OD1.2 Bereik", 3), ("SD2", 1), ("Zonder doelstelling", 1)]


# --------------------------------------------------------------------------- template

def test_the_template_sheet_streefcijfers_imports_as_it_is(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sqlite_cli("template", db=False).exit_code == 0
    path = tmp_path / "socius-sjabloon.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Streefcijfers"]
    assert [c.value for c in ws[1]] == HEAD
    validations = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}
    assert validations["D"].formula1 == '"minstens,hoogstens"'
    source = validations["A"].formula1  # the Dutch labels, listed on the explanation sheet
    assert source == f"'Uitleg'!$G$7:$G${6 + len(INDICATORS)}"
    listed = [wb["Uitleg"][f"G{r}"].value for r in range(7, 7 + len(INDICATORS))]
    assert listed == [NL[TARGET_ROW[k]] for k in INDICATORS]
    explained = {(r[0], r[1]) for r in wb["Uitleg"].iter_rows(values_only=True)}
    assert {("Streefcijfers", h) for h in HEAD} <= explained
    wb["Activiteiten"].append(["OA2024-01", "Vorming", "15/03/2024", "fysiek", 2])
    ws.append([listed[3], "2024", 10, "minstens", "SD1 OD1.1 Vorming op maat"])  # Personen bereikt
    ws.append([NL[TARGET_ROW["half_days"]], "2021-2025", 500, "hoogstens", None])
    wb.save(path)
    res = sqlite_cli("import", path)
    assert res.exit_code == 0, res.output
    got = sqlite_cli.json(2024)["targets"]
    assert got == [{"indicator": "persons_reached", "period": "2024", "goal": "SD1 OD1.1 Vorming op maat",
                    "direction": AT_LEAST, "target": 10, "realised": 0, "met": False}]


def test_a_percentage_typed_as_55_percent_in_excel_is_read_as_55(cli, tmp_path):
    """Excel stores a cell typed as 85% as 0,85: a percentage target, read as 85, with a warning."""
    res = cli("import", targets_file(tmp_path, [["Bereik van de erkende organisaties", 2020, 0.85, None, None],
                                               ["Activiteiten", 2020, 0.5, None, None]]), "--lang", "en")
    assert res.exit_code == 0, res.output
    text = " ".join(res.stderr.split())
    assert ("warning: streef.xlsx, sheet 'Streefcijfers', row 2: read the target 0.85 of Reach of the recognised "
            "organisations as 85% (a cell formatted as a percentage in Excel)") in text
    assert "row 3" not in text  # a count is taken as it is
    assert [r[4] for r in stored(cli)] == [0.5, 85.0]


def test_a_target_with_decimals_is_shown_with_them(cli, tmp_path):
    """A target of 54,4% is compared with the figure as shown (54%): shown as '≥ 54%' it would
    look met while it is not. So a target is shown as typed, its decimals kept, everywhere."""
    acts = [["A1", "Vorming", "2020-03-01", "fysiek", 1.5]]
    evals = [["A1", 5.445, 10]]  # 54,45%: shows as 54%
    book = write_xlsx(tmp_path / "data.xlsx", {"activiteiten": [ACT_HEAD, *acts],
                                               "evaluaties": [["Activiteit", "Score", "Schaal"], *evals]})
    targets = targets_file(tmp_path, [["Gemiddelde tevredenheid", 2020, "54,4", None, None],
                                      ["Dagdelen", 2020, "1,4", "hoogstens", None]])
    assert cli("import", book, targets).exit_code == 0
    table = cli("stats", "2020").output
    assert "≥ 54,4%" in table and "≤ 1,4" in table and "nee ✗" in table
    assert "≥ 54,4%" in cli("stats", "2020-2020").output
    assert "≥ 54.4%" in cli("stats", "2020", "--lang", "en").output
    excel = cli("stats", "2020", "-f", "excel").output.splitlines()
    assert "Streefcijfers;Gemiddelde tevredenheid (%);Streefcijfer (minstens);54,4" in excel
    assert "Streefcijfers;Dagdelen;Streefcijfer (hoogstens);1,4" in excel
    md = tmp_path / "r.md"
    assert cli("report", "2020", "-f", "md", "--output", md).exit_code == 0
    assert "| Gemiddelde tevredenheid | 2020 | ≥ 54,4% | 54% | nee ✗ |" in md.read_text(encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert cli("report", "2020", "-f", "xlsx", "--output", out).exit_code == 0
    rows = {r[1].value: r for r in openpyxl.load_workbook(out)["Streefcijfers"].iter_rows() if r[1].value}
    sat = rows["Gemiddelde tevredenheid"]
    assert sat[3].value == pytest.approx(0.544) and sat[3].number_format == '"≥ "0.0#%'
    assert rows["Dagdelen"][3].value == 1.4 and rows["Dagdelen"][3].number_format == '"≤ "#,##0.0#'


def test_a_percentage_cell_of_excel_is_read_as_the_whole_percentage_typed(cli, tmp_path):
    """0,55 (a cell typed as 55%) is 55, not 55.00000000000001: a satisfaction of 55% meets it."""
    book = write_xlsx(tmp_path / "data.xlsx", {"activiteiten": [ACT_HEAD, ["A1", "Vorming", "2020-03-01", "fysiek", 1]],
                                               "evaluaties": [["Activiteit", "Score", "Schaal"], ["A1", 5.5, 10]]})
    targets = targets_file(tmp_path, [["Gemiddelde tevredenheid", 2020, 0.55, None, None],
                                      ["Bereik van de erkende organisaties", 2020, 0.57, None, None],
                                      ["Primaire doelgroep", 2020, 0.545, None, None]])
    assert cli("import", book, targets).exit_code == 0
    got = {t["indicator"]: t for t in cli.json(2020)["targets"]}
    assert got["satisfaction_pct"]["target"] == 55 and got["satisfaction_pct"]["met"] is True
    assert got["recognised_reach_pct"]["target"] == 57
    assert got["primary_share_pct"]["target"] == 54.5
    assert sorted(r[4] for r in stored(cli)) == [54.5, 55.0, 57.0]
