"""figures/indicators.py: every indicator of `socius stats --format json` against a plain-Python
reference computation (tests/reference.py), and the figures counted at import from the
just-imported registrations against the figures read back from the store.

Hypothesis makes random spreadsheets (workbook + CSV, with the spelling variants a real user
types), socius imports them, and the JSON must equal `reference.compute` on the same records.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path

import pyarrow as pa
import pytest
import reference
import sqlalchemy as sa
from helpers import Cli, examples, write_csv, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socius_cli.figures.indicators import compute_live
from socius_cli.ingest.records import COLUMNS, PERSON, arrow_schema
from socius_cli.store.schema import activities, organisations, registrations
from socius_cli.store.store import Store

ORG_POOL = ["Vormingplus Oost", "Gezinsbond Zuid", "Café Ça Va", "Gemeente Y", "Hogeschool Z", "Buurtwerk Noord"]
# Spellings a user types for the same organisation, matched after normalisation.
ORG_SPELLINGS = {"Café Ça Va": ["cafe ca va", "CAFÉ-ÇA-VA"], "Vormingplus Oost": ["vormingplus_oost"]}
THEMES = ["Diversiteit", "diversiteit ", "Vrijwilligers", "Leidinggeven", None]
# The periods of one organisation's register rows (never overlapping), and how they are typed.
PERIOD_SHAPES = [(None,), ((2016, 2020),), ((2020, 2020), None), ((2016, 2019), (2020, 2025)),
                 ((2019, 2019),), ((2021, 2025), None)]
PERIOD_WORDS = {None: [None], (2016, 2020): ["2016-2020", "2016 – 2020"], (2020, 2020): [2020, "2020"],
                (2016, 2019): ["2016-2019"], (2020, 2025): ["2020 - 2025"], (2019, 2019): ["2019"],
                (2021, 2025): ["2021–2025"]}
PEOPLE = [f"persoon{i}@example.org" for i in range(12)]

activity_st = st.fixed_dictionaries({
    "date": st.dates(dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
    "format": st.sampled_from(["onsite", "online", "blended"]),
    "half_days": st.sampled_from([0.5, 1, 1.5, 2, 3, 4]),
    "theme": st.sampled_from(THEMES),
})
registration_st = st.fixed_dictionaries({
    "participant": st.sampled_from(PEOPLE),
    "upper": st.booleans(),
    "organisation": st.one_of(st.none(), st.sampled_from(ORG_POOL + ["Onbekende vzw"])),
    "spelling": st.integers(0, 2),
    "target_group": st.sampled_from([None, None, "primary", "secondary"]),
    "attended": st.sampled_from([True, False, None]),
})
request_st = st.fixed_dictionaries({
    "received": st.dates(dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
    "status": st.sampled_from(["accepted", "declined", "pending"]),
    "organisation": st.one_of(st.none(), st.sampled_from(ORG_POOL)),
    "target_group": st.sampled_from([None, "primary", "secondary"]),
    "topic": st.sampled_from(["Beleidsplanning", "beleidsplanning", "Vrijwilligers", None]),
    "supported": st.booleans(),
    "participants": st.integers(0, 30),
})
data_st = st.fixed_dictionaries({
    "activities": st.lists(activity_st, min_size=1, max_size=8),
    "registrations": st.lists(st.tuples(st.integers(0, 7), registration_st), max_size=40),
    "evaluations": st.lists(st.tuples(st.integers(0, 7), st.integers(0, 10), st.sampled_from([None, 10, 5, 4]),
                                      st.one_of(st.none(), st.integers(0, 10))), max_size=20),
    # per organisation its register rows: one for every year, or per period (v2)
    "register": st.lists(st.tuples(st.sampled_from(ORG_POOL), st.sampled_from(PERIOD_SHAPES),
                                   st.lists(st.booleans(), min_size=2, max_size=2)),
                         max_size=6, unique_by=lambda t: t[0]),
    "requests": st.lists(request_st, max_size=15),
})

YES_WORDS = {True: ["ja", "yes", "x", "waar", 1], False: ["nee", "no", "onwaar", 0]}
FMT_WORDS = {"onsite": ["Fysiek", "ter plaatse", "on-site"], "online": ["online", "Digitaal"], "blended": ["hybride", "Blended"]}
TG_WORDS = {"primary": ["primair", "Primaire doelgroep"], "secondary": ["secundair", "secondary"]}
STATUS_WORDS = {"accepted": ["aanvaard", "Positief"], "declined": ["afgewezen", "geweigerd"], "pending": ["", "in behandeling"]}


def build(data: dict, folder: Path):
    """Write the spreadsheets; return the typed records the reference takes."""
    acts, regs, evals, orgs, reqs = [], [], [], [], []
    act_rows = [["Code", "Titel", "Startdatum", "Vorm", "Dagdelen", "Thema"]]
    for i, a in enumerate(data["activities"]):
        code = f"{i:03d}"  # leading zeros must stay text
        acts.append({"code": code, "title": f"Activiteit {i}", **a})
        date_cell = a["date"] if i % 2 else a["date"].strftime("%d/%m/%Y")
        days = str(a["half_days"]).replace(".", ",") if i % 3 == 0 else a["half_days"]
        act_rows.append([code, f"Activiteit {i}", date_cell, FMT_WORDS[a["format"]][i % len(FMT_WORDS[a["format"]])], days, a["theme"]])
    n = len(acts)
    reg_rows = [["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig"]]
    seen = set()
    for j, (k, r) in enumerate(data["registrations"]):
        code = acts[k % n]["code"]
        if (code, r["participant"]) in seen:
            continue  # duplicates are tested elsewhere; here every row counts
        seen.add((code, r["participant"]))
        org = r["organisation"]
        spelled = org
        if org in ORG_SPELLINGS and r["spelling"]:
            spelled = ORG_SPELLINGS[org][(r["spelling"] - 1) % len(ORG_SPELLINGS[org])]
        who = r["participant"].upper() if r["upper"] else r["participant"]
        att = r["attended"]
        regs.append({"activity": code, "participant": who, "organisation": spelled,
                     "target_group": r["target_group"], "attended": att is not False})
        reg_rows.append([code, f"  {who} " if j % 4 == 0 else who, spelled,
                         TG_WORDS[r["target_group"]][j % 2] if r["target_group"] else None,
                         None if att is None else YES_WORDS[att][j % len(YES_WORDS[att])]])
    eval_rows = [["Activiteit", "Score (op 10)", "Schaal", "Aanbeveling"]]
    for k, score, scale, recommend in data["evaluations"]:
        scale_v = scale or 10
        s = min(score, scale_v)
        evals.append({"activity": acts[k % n]["code"], "score": float(s), "scale": float(scale_v),
                      "recommend": recommend})
        eval_rows.append([acts[k % n]["code"], s, scale, recommend])
    org_rows = [["Naam", "Erkend", "Periode"]]
    for i, (name, periods, recognised) in enumerate(data["register"]):
        for period, rec in zip(periods, recognised[:len(periods)], strict=True):
            orgs.append({"name": name, "recognised": rec, "sector": None, "period": period})
            words = PERIOD_WORDS[period]
            org_rows.append([name, "ja" if rec else "nee", words[i % len(words)]])
    req_rows = [["Nr", "Ontvangen", "Beslissing", "Organisatie", "Doelgroep", "Onderwerp", "Gerealiseerd", "Aantal deelnemers"]]
    for i, q in enumerate(data["requests"]):
        supported = q["supported"] and q["status"] == "accepted"
        reqs.append({"id": f"V{i}", **q, "supported": supported, "decline_reason": None})
        req_rows.append([f"V{i}", q["received"].strftime("%d-%m-%Y" if i % 2 else "%Y-%m-%d"),
                         STATUS_WORDS[q["status"]][i % 2], q["organisation"],
                         TG_WORDS[q["target_group"]][i % 2] if q["target_group"] else "",
                         q["topic"], "ja" if supported else ("nee" if i % 3 else ""),
                         q["participants"] if q["participants"] or i % 2 else ""])
    write_xlsx(folder / "werkboek.xlsx", {"Open aanbod": act_rows, "Deelnames": reg_rows,
                                          "Tevredenheid": eval_rows, "Organisaties": org_rows})
    write_csv(folder / "vragen.csv", req_rows, delimiter=";", encoding="cp1252")
    return acts, regs, evals, orgs, reqs


def assert_same(got, want, path="$"):
    """Equal, with floats compared to 1e-9 and theme/topic lists compared as sets of entries."""
    if isinstance(want, float) or isinstance(got, float):
        assert got is not None and want is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (path, got, want)
    elif isinstance(want, dict):
        assert set(got) >= set(want), (path, set(want) - set(got))
        for k in want:
            assert_same(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        label = "theme" if path.endswith("themes") else "topic"
        key = lambda e: str(e.get(label)).casefold()  # noqa: E731
        assert sorted(map(key, got)) == sorted(map(key, want)), path
        for g, w in zip(sorted(got, key=key), sorted(want, key=key), strict=False):
            assert_same(g, w, f"{path}[{key(w)}]")
    elif path.endswith((".theme", ".topic")) and got and want:
        # which of two equally used spellings is shown is a cosmetic choice; the group is not
        assert got.casefold() == want.casefold(), (path, got, want)
    else:
        assert got == want, (path, got, want)


@settings(max_examples=examples(0.25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data_st)
def test_stats_json_equals_reference(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = build(data, folder)
        cli = Cli(str(folder / "s.db"))
        res = cli("import", folder)
        assert res.exit_code == 0, res.output
        years = {a["date"].year for a in records[0]} | {q["received"].year for q in records[4]}
        for year in (2019, 2020):
            want = reference.compute(year, *records)
            if year not in years:
                assert cli("stats", str(year), "--format", "json").exit_code == 1
                continue
            assert_same(cli.json(year), want)


def test_sample_data_gives_the_seed_report_figures(sample_cli, sample_tables):
    cli = sample_cli  # the sample data imported (`socius import sample_data/` exits with 0)
    s = cli.json(2020)
    o, d = s["open_offering"], s["demand_driven"]
    assert (o["activities"], o["half_days"], o["persons_reached"]) == (50, 170, 1440)
    assert (o["primary_share_pct"], o["secondary_share_pct"], o["satisfaction_pct"]) == (55.0, 45.0, 77.0)
    assert o["recognised_reach_pct"] == 84.0
    assert (o["formats"]["online"], o["formats"]["blended"]) == (22, 10)
    assert (d["requests_received"], d["requests_declined"], d["requests_accepted"]) == (69, 29, 40)
    assert (d["requests_supported"], d["supported_primary"], d["supported_secondary"]) == (37, 22, 15)
    assert d["support_participants"] == 175
    # and the whole object equals the reference computed from the same files by plain Python
    for year in (2019, 2020):
        assert_same(cli.json(year), reference.compute_tables(year, sample_tables))


def test_register_imported_later_still_decides_target_groups(tmp_path):
    cli = Cli(str(tmp_path / "s.db"))
    write_xlsx(tmp_path / "a.xlsx", {
        "Activiteiten": [["Code", "Titel", "Datum", "Vorm", "Dagdelen"], ["A", "T", "2020-02-02", "online", 1]],
        "Inschrijvingen": [["Activiteit", "E-mail", "Organisatie"], ["A", "p@example.org", "Vzw X"], ["A", "q@example.org", None]],
    })
    cli("import", tmp_path / "a.xlsx")
    o = cli.json(2020)["open_offering"]
    assert (o["primary_share_pct"], o["secondary_share_pct"], o["unknown_target_group"]) == (0.0, 100.0, 1)
    assert o["recognised_reach_pct"] is None  # no register: nothing to divide by
    write_xlsx(tmp_path / "r.xlsx", {"Organisaties": [["Naam", "Erkend"], ["vzw x", "ja"], ["Vzw W", "ja"]]})
    cli("import", tmp_path / "r.xlsx")
    o = cli.json(2020)["open_offering"]
    assert (o["primary_share_pct"], o["recognised_orgs_reached"], o["recognised_reach_pct"]) == (100.0, 1, 50.0)


# The figures of an import, counted partly from the just-imported registrations (Arrow, in
# memory), equal the figures read wholly from the store, on random stores and random imports.

SCHEMA = arrow_schema()

ORGS = [("org a", True), ("org b", False), ("org c", True)]
KEYS = ["org a", "org b", "org c", "org x", None]  # org x: not in the register


@st.composite
def store_rows(draw):
    acts = []
    for i in range(draw(st.integers(1, 8))):
        acts.append({"code": f"A{i}", "title": "t", "date": dt.date(draw(st.sampled_from([2022, 2023])), 3, 1),
                     "format": "fysiek", "half_days": 1.0, "theme": draw(st.sampled_from(["Taal", "taal ", None])),
                     "kind": None, "planned": None})
    for a in acts:
        a["year"] = a["date"].year
    regs = {}
    for _ in range(draw(st.integers(0, 40))):
        a = draw(st.sampled_from(acts))["code"]
        p = f"p{draw(st.integers(0, 9))}"
        key = draw(st.sampled_from(KEYS))
        regs[(a, p)] = {"activity": a, "participant": p, "organisation": key, "org_key": key,
                        "target_group": draw(st.sampled_from([None, None, "primary", "secondary"])),
                        "attended": draw(st.booleans())}
    imported = draw(st.sets(st.sampled_from([a["code"] for a in acts])))
    return acts, list(regs.values()), imported


@pytest.fixture(scope="module")
def scratch_store(tmp_path_factory):
    """One SQLite store for every example: each fills it in a transaction that is rolled back."""
    store = Store(str(tmp_path_factory.mktemp("s") / "s.db"))
    yield store
    store.engine.dispose()


@settings(max_examples=examples(0.6), deadline=None)
@given(store_rows())
def test_imported_rows_counted_in_memory_equal_the_store(scratch_store, data):
    acts, regs, imported_codes = data
    with scratch_store.engine.connect() as conn, conn.begin() as transaction:
        assert all(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() == 0
                   for t in (activities, organisations, registrations)), "the store is not empty"
        conn.execute(activities.insert(), acts)
        conn.execute(organisations.insert(), [{"key": k, "name": k, "recognised": r, "sector": None} for k, r in ORGS])
        if regs:
            conn.execute(registrations.insert(), regs)
        mine = [r for r in regs if r["activity"] in imported_codes]
        table = pa.table({c: pa.array([r[c] for r in mine], SCHEMA.field(c).type) for c in COLUMNS})
        # as an import passes them: with each participant's number (`PERSON`), numbered over
        # every sheet before rows were left out, so with gaps
        number: dict[str, int] = {}
        numbered = table.append_column(PERSON, pa.array(
            [3 * number.setdefault(r["participant"], len(number)) + 2 for r in mine], pa.int32()))
        for year in (2022, 2023):
            stored = compute_live(conn, year)
            assert compute_live(conn, year, table) == stored
            assert compute_live(conn, year, numbered) == stored
        transaction.rollback()  # the next example starts from the empty store again
