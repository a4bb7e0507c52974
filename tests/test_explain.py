"""Issue 11: `socius explain YEAR INDICATOR`: the rows behind every figure, and how they add up.

The property test makes random stores (with register periods, no-shows, recommendation
answers) and checks, for every indicator of section 4, that the figure `explain` gives, its
rows added up by the test itself, and its sum line all agree with `socius stats`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tempfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from helpers import SAMPLE, Cli, write_csv, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socius_cli.figures.explain import INDICATORS
from socius_cli.formatting import amount, nps, number, percent

ORGS = ["Vormingplus Oost", "Gezinsbond Zuid", "Café Ça Va", "Gemeente Y"]
PERIODS = [[None], ["2019-2020"], ["2020", None], ["2016 – 2019", "2020-2025"], ["2021-2025", None]]
PEOPLE = [f"p{i}@example.org" for i in range(9)]

data_st = st.fixed_dictionaries({
    "activities": st.lists(st.tuples(st.dates(dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
                                     st.sampled_from(["Fysiek", "online", "hybride"]),
                                     st.sampled_from([0.5, 1, 2, 3]),
                                     st.sampled_from(["Diversiteit", "diversiteit", "Leidinggeven", None])),
                           min_size=1, max_size=6),
    "registrations": st.lists(st.tuples(st.integers(0, 5), st.sampled_from(PEOPLE),
                                        st.one_of(st.none(), st.sampled_from([*ORGS, "Los"])),
                                        st.sampled_from([None, None, "primair", "secundair"]),
                                        st.sampled_from([None, "ja", "nee"])), max_size=30),
    "evaluations": st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10),
                                      st.one_of(st.none(), st.integers(0, 10))), max_size=15),
    "register": st.lists(st.tuples(st.sampled_from(ORGS), st.sampled_from(PERIODS),
                                   st.lists(st.booleans(), min_size=2, max_size=2)),
                         max_size=4, unique_by=lambda t: t[0]),
    "requests": st.lists(st.tuples(st.dates(dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
                                   st.sampled_from(["aanvaard", "afgewezen", ""]),
                                   st.one_of(st.none(), st.sampled_from(ORGS)),
                                   st.sampled_from(["", "primair", "secundair"]), st.booleans(),
                                   st.integers(0, 12), st.sampled_from(["Beleid", "beleid ", "Vrijwilligers", ""])),
                         max_size=10),
})


def build(data: dict, folder: Path) -> list[Path]:
    acts = [["Code", "Titel", "Datum", "Vorm", "Dagdelen", "Thema"]]
    for i, (date, fmt, days, theme) in enumerate(data["activities"]):
        acts.append([f"A{i}", f"Activiteit {i}", date, fmt, days, theme])
    n = len(data["activities"])
    regs = [["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"]]
    seen = set()
    for k, who, org, tg, present in data["registrations"]:
        if (k % n, who) not in seen:
            seen.add((k % n, who))
            regs.append([f"A{k % n}", who, org, tg, present])
    evals = [["Activiteit", "Score", "Aanbeveling"]] + [[f"A{k % n}", s, r] for k, s, r in data["evaluations"]]
    orgs = [["Naam", "Erkend", "Periode"]]
    for name, periods, recognised in data["register"]:
        for period, rec in zip(periods, recognised[:len(periods)], strict=True):
            orgs.append([name, "ja" if rec else "nee", period])
    write_xlsx(folder / "werkboek.xlsx", {"Activiteiten": acts, "Inschrijvingen": regs, "Evaluaties": evals,
                                          "Organisaties": orgs})
    reqs = [["Nr", "Ontvangen", "Beslissing", "Organisatie", "Doelgroep", "Gerealiseerd", "Deelnemers", "Onderwerp"]]
    for i, (date, status, org, tg, supported, people, topic) in enumerate(data["requests"]):
        reqs.append([f"V{i}", date.strftime("%d/%m/%Y"), status, org, tg,
                     "ja" if supported and status == "aanvaard" else "nee", people, topic])
    write_csv(folder / "vragen.csv", reqs)
    return [folder / "werkboek.xlsx", folder / "vragen.csv"]


def close(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def grouped(rows: list[dict], key: str) -> Counter:
    return Counter(" ".join(r[key].split()).casefold() if r[key] else None for r in rows)


def added_up(ex: dict):
    """The figure from the rows, by the test's own arithmetic."""
    i, rows = ex["indicator"], ex["rows"]
    total = lambda k: sum(r[k] for r in rows)  # noqa: E731
    pct = lambda a, b: None if not b else 100 * a / b  # noqa: E731
    if i in ("activities", "recognised_orgs_total", "requests_received", "requests_declined",
             "requests_accepted", "requests_pending", "requests_supported", "supported_primary",
             "supported_secondary"):
        return len(rows)
    if i == "half_days":
        return total("half_days")
    if i == "formats":
        c = Counter(r["format"] for r in rows)
        return {f: c[f] for f in ("onsite", "online", "blended")}
    if i in ("themes", "topics"):
        return grouped(rows, i[:-1])
    if i == "participations":
        assert total("registrations") - total("absent") == total("participations")
        return total("participations")
    if i == "persons_reached":
        hist = {int(k): v for k, v in ex["sum"]["by_activities"].items()}
        assert sum(k * v for k, v in hist.items()) == total("participations")  # every participation once
        assert sum(hist.values()) <= total("participations")  # a distinct count is at most the sum
        return sum(hist.values())
    if i == "primary_share_pct":
        return pct(total("primary"), total("primary") + total("secondary"))
    if i == "secondary_share_pct":
        return pct(total("secondary"), total("primary") + total("secondary"))
    if i == "unknown_target_group":
        assert total("primary") + total("secondary") + total("unknown") == total("participations")
        return total("unknown")
    if i == "satisfaction_pct":
        answers = total("evaluations")
        return None if not answers else sum(r["satisfaction_pct"] * r["evaluations"] for r in rows
                                            if r["evaluations"]) / answers
    if i in ("nps", "recommend_answers"):
        assert total("promoters") + total("passives") + total("detractors") == total("recommend_answers")
        if i == "recommend_answers":
            return total("recommend_answers")
        return pct(total("promoters") - total("detractors"), total("recommend_answers"))
    if i == "recognised_orgs_reached":
        assert all(r["reached"] == (r["participations"] > 0) for r in rows)
        return sum(r["reached"] for r in rows)
    if i == "recognised_reach_pct":
        return pct(sum(r["reached"] for r in rows), len(rows))
    if i == "support_participants":
        return total("participants")
    raise AssertionError(i)


def shown(indicator: str, value) -> str:
    """The figure as the sum line shows it (Dutch)."""
    if indicator.endswith("_pct"):
        return percent(value)
    if indicator == "nps":
        return nps(value)
    return amount(value) if indicator == "half_days" else number(value)


def check_explanation(cli: Cli, year: int, stats: dict, indicator: str) -> None:
    res = cli("explain", str(year), indicator, "--format", "json")
    assert res.exit_code == 0, res.output
    ex = json.loads(res.stdout)
    want = stats[ex["section"]][indicator]
    got = added_up(ex)
    if indicator in ("themes", "topics"):
        label = indicator[:-1]
        count = "activities" if indicator == "themes" else "requests"
        assert got == Counter({(" ".join(t[label].split()).casefold() if t[label] else None): t[count]
                               for t in want for _ in range(t[count])}), indicator
        assert ex["value"] == want
    else:
        assert close(got, want), (indicator, got, want)
        assert close(ex["value"], want), (indicator, ex["value"], want)
    line = ex["sum_line"]
    if indicator in ("formats", "themes"):
        assert number(stats["open_offering"]["activities"]) in line
    elif indicator == "topics":
        assert number(stats["demand_driven"]["requests_received"]) in line
    else:
        assert shown(indicator, want) in line, (indicator, line)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data_st)
def test_explain_adds_up_to_stats_for_every_indicator(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build(data, folder)
        cli = Cli(str(folder / "s.db"))
        assert cli("import", *files).exit_code == 0
        years = {d.year for d, *_ in data["activities"]} | {r[0].year for r in data["requests"]}
        for year in sorted(years):
            stats = cli.json(year)
            for indicator in INDICATORS:
                check_explanation(cli, year, stats, indicator)


# --------------------------------------------------------------------------- the sample data

@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    cli = Cli(str(folder / "socius.db"))
    assert cli("import", SAMPLE).exit_code == 0
    return cli


def test_every_indicator_of_the_sample_adds_up(sample):
    for year in (2019, 2020):
        stats = sample.json(year)
        for indicator in INDICATORS:
            check_explanation(sample, year, stats, indicator)


def test_which_105_organisations_were_reached(sample):
    res = sample("explain", "2020", "recognised_orgs_reached")
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "Erkende organisaties bereikt 2020: 105" in text
    assert "105 van de 125 erkende organisaties hadden minstens één deelname in 2020; 20 niet." in text
    ex = json.loads(sample("explain", "2020", "recognised_orgs_reached", "--format", "json").stdout)
    assert len(ex["rows"]) == 125 and sum(r["reached"] for r in ex["rows"]) == 105
    assert {r["period"] for r in ex["rows"]} == {"2016-2020"}  # the register of 2020's period
    assert all(r["participations"] == 0 for r in ex["rows"] if not r["reached"])
    # reached first, most participations first
    counts = [r["participations"] for r in ex["rows"]]
    assert counts == sorted(counts, reverse=True)


def test_which_activities_make_up_the_170_dagdelen(sample):
    ex = json.loads(sample("explain", "2020", "half_days", "--format", "json").stdout)
    assert len(ex["rows"]) == 50 and sum(r["half_days"] for r in ex["rows"]) == 170
    assert ex["columns"] == ["code", "date", "title", "half_days"]
    assert all(r["date"].startswith("2020-") for r in ex["rows"])
    table = " ".join(sample("explain", "2020", "half_days").stdout.split())
    assert "Samen: 170 dagdelen, de som over de 50 activiteiten." in table


def test_persons_reached_says_why_the_distinct_count_is_less(sample):
    ex = json.loads(sample("explain", "2020", "persons_reached", "--format", "json").stdout)
    assert ex["value"] == 1440 and ex["sum"]["participations"] == 1860
    assert ex["sum"]["by_activities"] == {"1": 1080, "2": 300, "3": 60}
    assert "1.080 × 1 + 300 × 2 + 60 × 3 = 1.860" in ex["sum_line"]
    en = sample("explain", "2020", "persons_reached", "--lang", "en").stdout
    assert "1,860 participations are by 1,440 different people" in " ".join(en.split())


def test_csv_and_xlsx_end_with_the_sum_line(sample, tmp_path):
    res = sample("explain", "2020", "requests_received", "--format", "csv")
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["id", "received", "status", "supported", "target_group", "organisation", "topic",
                       "participants"]
    assert len(rows) == 1 + 69 + 1
    assert rows[-1] == ["total", "29 afgewezen + 40 aanvaard + 0 in behandeling = 69 vragen ontvangen."]
    assert Counter(r[2] for r in rows[1:-1]) == {"declined": 29, "accepted": 40}

    out = tmp_path / "uitleg.xlsx"
    res = sample("explain", "2020", "satisfaction_pct", "--format", "xlsx", "--output", out)
    assert res.exit_code == 0 and f"Geschreven: {out}" in res.stderr  # Wrote ...
    ws = openpyxl.load_workbook(out).active
    values = [r for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(values) if r[0] == "Code")
    body = [r for r in values[header + 1:] if r[0] and str(r[0]).startswith("OA2020")]
    assert len(body) == 50
    assert isinstance(body[0][1], dt.datetime)  # a date cell
    assert values[-1][0].startswith("Het gemiddelde van 100 × cijfer / schaal over alle 520 antwoorden")
    cell = next(c for row in ws.iter_rows() for c in row if c.column == 5 and isinstance(c.value, float))
    assert cell.number_format == "0%"


def test_xlsx_has_a_default_name(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = sample("explain", "2020", "activities", "--format", "xlsx")
    assert res.exit_code == 0 and (tmp_path / "uitleg-2020-activities.xlsx").is_file()


def test_explain_never_shows_a_person(sample):
    """No address, no name, no participant key in any explanation, in any format."""
    with sample.store().engine.connect() as c:
        keys = set(c.execute(sa.text("select participant from registrations")).scalars())
    wb = openpyxl.load_workbook(SAMPLE / "socius-2019-2020.xlsx", read_only=True)
    names = {r[1] for r in wb["Inschrijvingen"].iter_rows(min_row=2, values_only=True) if r[1]}
    assert len(keys) > 1000 and len(names) > 1000
    for indicator in INDICATORS:
        for fmt in ("json", "csv", "table"):
            out = sample("explain", "2020", indicator, "--format", fmt).stdout
            assert "@" not in out, (indicator, fmt)
            assert not {k for k in keys if k in out}, (indicator, fmt)
            assert not [n for n in names if n in out], (indicator, fmt)


def test_unknown_indicator_and_year_without_data(sample):
    res = sample("explain", "2020", "persons")
    assert res.exit_code == 2 and "persons_reached" in res.stderr
    res = sample("explain", "1999", "activities")
    assert res.exit_code == 1 and "2019, 2020" in res.stderr and "Traceback" not in res.output


def test_explain_of_a_purged_year_says_the_figure_is_frozen(tmp_path):
    cli = Cli(str(tmp_path / "s.db"))
    assert cli("import", SAMPLE).exit_code == 0
    assert cli("purge", "--before", "2020", "--yes").exit_code == 0
    ex = json.loads(cli("explain", "2019", "persons_reached", "--format", "json").stdout)
    assert ex["purged"] and ex["frozen"] == cli.json(2019)["open_offering"]["persons_reached"]
    assert "socius purge" in ex["sum_line"] and number(ex["frozen"]) in ex["sum_line"]
    ex = json.loads(cli("explain", "2019", "activities", "--format", "json").stdout)
    assert ex["value"] == ex["frozen"] == cli.json(2019)["open_offering"]["activities"]


def test_explain_on_both_stores(cli, tmp_path):
    write_xlsx(tmp_path / "a.xlsx", {
        "Activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen"], ["A", "T", "2020-02-02", "online", 1],
                         ["B", "U", "2020-03-02", "fysiek", 2]],
        "Inschrijvingen": [["Activiteit", "E-mail", "Organisatie"], ["A", "p@example.org", "Vzw X"],
                           ["B", "p@example.org", "Vzw X"], ["B", "q@example.org", None]],
        "Organisaties": [["Naam", "Erkend", "Periode"], ["Vzw X", "ja", "2016-2020"], ["Vzw X", "nee", "2021-2025"],
                         ["Vzw Y", "ja", None]],
    })
    assert cli("import", tmp_path / "a.xlsx").exit_code == 0
    stats = cli.json(2020)
    for indicator in INDICATORS:
        check_explanation(cli, 2020, stats, indicator)
    ex = json.loads(cli("explain", "2020", "recognised_orgs_total", "--format", "json").stdout)
    assert [(r["organisation"], r["period"], r["reached"]) for r in ex["rows"]] == [
        ("Vzw X", "2016-2020", True), ("Vzw Y", "", False)]
