"""figures/span.py and `socius stats FROM-UNTIL`: the figures of a span of years against the
plain-Python reference (`reference.compute_span`), which works them out from the rows of the
whole span at once, on stores that hypothesis generates over five years."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
import reference
from helpers import Cli, examples, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_indicators import assert_same, build, registration_st, request_st

from socius_cli.figures.span import span_figures
from socius_cli.store.store import Store

FIRST, LAST = 2021, 2025
# the same spreadsheets as test_indicators, spread over a policy period
span_activity_st = st.fixed_dictionaries({
    "date": st.dates(dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)),
    "format": st.sampled_from(["onsite", "online", "blended"]),
    "half_days": st.sampled_from([0.5, 1, 1.5, 2, 3, 4]),
    "theme": st.sampled_from(["Diversiteit", "diversiteit ", "Vrijwilligers", "Leidinggeven", None]),
})
SPAN_PERIODS = [(None,), ((2021, 2025),), ((2021, 2022), (2023, 2025)), ((2023, 2023), None),
                ((2016, 2020), (2021, 2025))]
span_data_st = st.fixed_dictionaries({
    "activities": st.lists(span_activity_st, min_size=1, max_size=10),
    "registrations": st.lists(st.tuples(st.integers(0, 9), registration_st), max_size=50),
    "evaluations": st.lists(st.tuples(st.integers(0, 9), st.integers(0, 10), st.sampled_from([None, 10, 5]),
                                      st.one_of(st.none(), st.integers(0, 10))), max_size=20),
    "register": st.lists(st.tuples(st.sampled_from(["Vormingplus Oost", "Gezinsbond Zuid", "Café Ça Va",
                                                    "Buurtwerk Noord"]),
                                   st.sampled_from(SPAN_PERIODS), st.lists(st.booleans(), min_size=2, max_size=2)),
                         max_size=4, unique_by=lambda t: t[0]),
    "requests": st.lists(st.tuples(request_st, st.dates(dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31))).map(
        lambda t: {**t[0], "received": t[1]}), max_size=15),
})


def _periods_words():
    import test_indicators

    test_indicators.PERIOD_WORDS.update({
        (2021, 2025): ["2021-2025", "2021 – 2025"], (2021, 2022): ["2021-2022"], (2023, 2025): ["2023-2025"],
        (2023, 2023): [2023], (2016, 2020): ["2016-2020"]})


_periods_words()


@settings(max_examples=examples(0.25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(span_data_st)
def test_span_json_equals_reference(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = build(data, folder)
        cli = Cli(str(folder / "s.db"))
        res = cli("import", folder)
        assert res.exit_code == 0, res.output
        want = reference.compute_span(FIRST, LAST, *records)
        got = json.loads(cli("stats", f"{FIRST}-{LAST}", "--format", "json").output)
        assert got["period"] == f"{FIRST}-{LAST}"
        assert sorted(got["years"]) == sorted(want["years"])
        for year, figures in want["years"].items():
            assert_same(got["years"][year], figures, f"$.years.{year}")
        assert_same(got["total"], want["total"], "$.total")
        # a shorter span inside the period: the total is of those years only
        part = reference.compute_span(2022, 2023, *records)
        res = cli("stats", "2022-2023", "--format", "json")
        if not part["years"]:
            assert res.exit_code == 1
        else:
            assert_same(json.loads(res.output)["total"], part["total"], "$.part")


def book(folder: Path, acts: list[list], regs: list[list], orgs: list[list] | None = None) -> Path:
    sheets = {"activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema"], *acts],
              "inschrijvingen": [["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"], *regs]}
    if orgs:
        sheets["organisaties"] = [["Naam", "Erkend", "Periode"], *orgs]
    return write_xlsx(folder / "werkboek.xlsx", sheets)


def test_a_person_of_two_years_counts_once_and_percentages_are_pooled(tmp_path, cli):
    """On SQLite and on PostgreSQL."""
    acts = [["A1", "Vorming", "2021-03-01", "fysiek", 1, "Taal"],
            ["A2", "Vorming", "2022-03-01", "online", 2, "taal"],
            ["A3", "Vorming", "2022-05-01", "online", 1, "Natuur"]]
    # 2021: one participation, primary; 2022: three, one primary, two secondary
    regs = [["A1", "an@x.be", "Vormingplus Oost", None, "ja"],
            ["A2", "AN@x.be", None, "secundair", "ja"],
            ["A2", "bert@x.be", "Vormingplus Oost", None, "ja"],
            ["A3", "carl@x.be", None, "secundair", None]]
    orgs = [["Vormingplus Oost", "ja", "2021-2025"]]
    path = book(tmp_path, acts, regs, orgs)
    assert cli("import", path).exit_code == 0
    span = json.loads(cli("stats", "2021-2022", "-f", "json").output)
    years, total = span["years"], span["total"]["open_offering"]
    assert [years[y]["open_offering"]["persons_reached"] for y in ("2021", "2022")] == [1, 3]
    assert total["persons_reached"] == 3  # an@x.be came in both years
    assert total["participations"] == 4
    # pooled: 2 primary of 4, not the mean of 100% and 33%
    assert total["primary_share_pct"] == 50.0
    assert years["2021"]["open_offering"]["primary_share_pct"] == 100.0
    assert total["recognised_orgs_total"] == 1 and total["recognised_orgs_reached"] == 1
    # themes over the span: Taal and taal are one theme, spelled as the span spells it most
    themes = {t["theme"].casefold(): t for t in total["themes"]}
    assert themes["taal"]["activities"] == 2 and themes["taal"]["participations"] == 3


def test_a_purged_year_leaves_the_people_totals_unknown(tmp_path):
    acts = [["A1", "Vorming", "2021-03-01", "fysiek", 1, "Taal"], ["A2", "Vorming", "2022-03-01", "online", 2, "Taal"]]
    regs = [["A1", "an@x.be", None, "primair", "ja"], ["A2", "an@x.be", None, "secundair", "ja"]]
    path = book(tmp_path, acts, regs)
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", path).exit_code == 0
    assert cli("purge", "--before", "2022", "--yes").exit_code == 0
    span = json.loads(cli("stats", "2021-2022", "-f", "json").output)
    total = span["total"]["open_offering"]
    assert total["persons_reached"] is None and total["recognised_orgs_reached"] is None
    assert total["participations"] == 2 and total["primary_share_pct"] == 50.0  # from the frozen year
    table = cli("stats", "2021-2022", "--lang", "en").output
    assert "socius purge" in table
    # the period report says the same, by the same rule (figures.span.totals_unknown)
    out = tmp_path / "p.md"
    assert cli("report", "2021-2022", "--format", "md", "--output", out).exit_code == 0
    assert "socius purge" in " ".join(out.read_text(encoding="utf-8").split())


def test_span_outputs_agree_and_name_the_years_without_data(tmp_path):
    acts = [["A1", "Vorming", "2019-03-01", "fysiek", 1.5, "Taal"], ["A2", "Vorming", "2020-03-01", "online", 2, "Taal"]]
    regs = [["A1", "an@x.be", None, "primair", "ja"], ["A2", "an@x.be", None, "secundair", "ja"],
            ["A2", "bo@x.be", None, "secundair", "ja"]]
    path = book(tmp_path, acts, regs)
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", path).exit_code == 0
    span = json.loads(cli("stats", "2016-2020", "-f", "json").output)
    assert sorted(span["years"]) == ["2019", "2020"]
    lines = cli("stats", "2016–2020", "-f", "csv").output.splitlines()
    assert lines[0] == "section,indicator,item,2019,2020,2016-2020"
    assert "open_offering,persons_reached,,1,2,2" in lines
    assert "open_offering,half_days,,1.5,2,3.5" in lines
    excel = cli("stats", "2016-2020", "-f", "excel").output.lstrip("\ufeff").splitlines()
    assert excel[0].endswith(";2019;2020;Totaal 2016-2020")
    assert "Open aanbod;Dagdelen;;1,5;2;3,5" in excel
    table = cli("stats", "2016-2020", "--lang", "en").output
    assert "Total 2016-2020" in table and "2016, 2017 and 2018 have no data in the store." in table
    assert "Totaal 2016-2020" in cli("stats", "2016-2020").output


@pytest.mark.parametrize(("args", "code", "words"), [
    (["2010-2012"], 1, "2019, 2020"),
    (["2020-2016"], 2, "2016-2020?"),
    (["twintig"], 2, "twintig"),
    (["2016-2020", "--compare", "2019"], 2, "--compare"),
])
def test_span_refusals(tmp_path, args, code, words):
    acts = [["A1", "Vorming", "2019-03-01", "fysiek", 1, "Taal"], ["A2", "Vorming", "2020-03-01", "online", 2, "Taal"]]
    path = book(tmp_path, acts, [["A1", "an@x.be", None, None, "ja"]])
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", path).exit_code == 0
    res = cli("stats", *args)
    assert res.exit_code == code, res.output
    assert words in res.output and "Traceback" not in res.output


def test_span_figures_of_the_sample_period(sample_store, sample_tables):
    """The sample data's policy period 2016-2020 against the reference, from the core."""
    span = span_figures(Store(str(sample_store)), (2016, 2020))
    t = sample_tables
    want = reference.compute_span(2016, 2020, t["activities"], t["registrations"], t["evaluations"],
                                  t["organisations"], t["requests"])
    assert_same(span["total"], want["total"], "$.total")
    # persons over the period are fewer than the sum of the years: some came in both years
    years = span["years"]
    assert span["total"]["open_offering"]["persons_reached"] < sum(
        y["open_offering"]["persons_reached"] for y in years.values())


def test_the_span_targets_are_measured_against_the_total(sample_cli, sample_tables):
    """sample_data/streefcijfers.xlsx has targets for 2016-2020 and for 2020: the span's are
    measured against the total over the span (from the reference), each year's against its year."""
    from decimal import ROUND_HALF_UP, Decimal

    span = json.loads(sample_cli("stats", "2016-2020", "-f", "json").output)
    t = sample_tables
    want = reference.compute_span(2016, 2020, t["activities"], t["registrations"], t["evaluations"],
                                  t["organisations"], t["requests"])
    assert span["targets"], "the sample data has targets for 2016-2020"
    for target in span["targets"]:
        assert target["period"] == "2016-2020"
        section = "demand_driven" if target["indicator"] in want["total"]["demand_driven"] else "open_offering"
        value = want["total"][section][target["indicator"]]
        assert target["realised"] == pytest.approx(value)
        shown = Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP) if target["indicator"].endswith("_pct") else value
        assert target["met"] == (shown >= target["target"] if target["direction"] == "at_least" else shown <= target["target"])
    year_targets = span["years"]["2020"]["targets"]
    assert year_targets and all(x["period"] == "2020" for x in year_targets)
    assert span["years"]["2019"]["targets"] == []
    assert {x["realised"] for x in year_targets} <= {
        v for sec in ("open_offering", "demand_driven") for v in want["years"]["2020"][sec].values()
        if isinstance(v, int | float)}
    table = sample_cli("stats", "2016-2020").output
    assert "Streefcijfers 2016-2020" in table and "Streefcijfers 2020" in table and "ja ✓" in table


def test_span_csv_and_excel_hold_the_span_targets_and_leave_absent_targets_blank(tmp_path):
    """The total column of `--format csv` and `--format excel` holds the targets of the span
    (measured against the total); a target of one year is blank, never 0, in the other
    columns; and a theme spelled otherwise in one year is one row, as in the table."""
    acts = [["A1", "Vorming", "2019-03-01", "fysiek", 1, "Taal"], ["A2", "Vorming", "2019-05-01", "fysiek", 1, "Taal"],
            ["A3", "Vorming", "2020-03-01", "online", 2, "taal"]]
    regs = [["A1", "an@x.be", None, "primair", "ja"], ["A3", "an@x.be", None, "secundair", "ja"],
            ["A3", "bo@x.be", None, "secundair", "ja"]]
    path = book(tmp_path, acts, regs)
    targets = write_xlsx(tmp_path / "doelen.xlsx", {"Streefcijfers": [
        ["Indicator", "Periode", "Streefcijfer", "Richting", "Doelstelling"],
        ["Personen bereikt", "2016-2020", 2, None, None],
        ["Personen bereikt", 2020, 3, None, None],
        ["Activiteiten", 2019, 1, "minstens", "SD1"]]})
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", path, targets).exit_code == 0
    lines = cli("stats", "2016-2020", "-f", "csv").output.splitlines()
    assert "targets,targets.target,persons_reached,,3,2" in lines
    assert "targets,targets.realised,persons_reached,,2,2" in lines
    assert "targets,targets.met,persons_reached,,false,true" in lines
    assert "targets,targets.goal,activities,SD1,," in lines
    assert "targets,targets.met,activities,true,," in lines
    assert [x for x in lines if x.startswith("open_offering,themes.activities,")] == [
        "open_offering,themes.activities,Taal,2,1,3"]
    rows = [x.split(",") for x in lines if x.startswith("targets,")]
    assert [r[2] for r in rows] == ["persons_reached"] * 5 + ["activities"] * 5  # a target's rows together
    excel = cli("stats", "2016-2020", "-f", "excel").output.lstrip("\ufeff").splitlines()
    assert "Streefcijfers;Personen bereikt;Streefcijfer (minstens);;3;2" in excel
    assert "Streefcijfers;Personen bereikt;Behaald;;nee;ja" in excel
    assert "Streefcijfers;Activiteiten;Doelstelling;SD1;;" in excel
    assert "Streefcijfers;Activiteiten;Behaald;ja;;" in excel
    assert [x for x in excel if x.startswith("Activiteiten per thema;Activiteiten;")] == [
        "Activiteiten per thema;Activiteiten;Taal;2;1;3"]


def test_a_published_year_inside_a_span_says_what_differs(tmp_path):
    """`stats 2019-2020` shows the figures of a published year as they are now: like `stats 2020`,
    it says what was published and which figures differ (JSON: the year's key `published`)."""
    acts = [["A1", "Vorming", "2019-03-01", "fysiek", 1, "Taal"], ["A2", "Vorming", "2020-03-01", "online", 2, "Taal"]]
    regs = [["A1", "an@x.be", None, "primair", "ja"], ["A2", "bo@x.be", None, "secundair", "ja"]]
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", book(tmp_path, acts, regs)).exit_code == 0
    assert cli("publish", "2020").exit_code == 0
    acts[1][4] = 3
    assert cli("import", book(tmp_path, acts, regs), "--allow-published-changes").exit_code == 0
    year = json.loads(cli("stats", "2020", "-f", "json").output)["published"]
    span = json.loads(cli("stats", "2019-2020", "-f", "json").output)
    assert span["years"]["2020"]["published"] == year and year["differences"]
    assert "published" not in span["years"]["2019"]
    table = " ".join(cli("stats", "2019-2020", "--lang", "en").output.split())
    assert "The figures of 2020 were published on" in table
    assert "Half-day sessions: published 2, now 3" in table
    res = cli("stats", "2019-2020", "-f", "csv", "--lang", "en")
    assert "The figures of 2020 were published on" in res.stderr and "published" not in res.stdout
