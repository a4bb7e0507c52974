"""Tests of tests/reference.py itself: small cases worked out by hand, one per rule of the
data contract's section 4, and the sample data against the 2020 progress report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference  # noqa: E402
from reference import compute, norm, target_group  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
D = dt.date


def act(code, date=D(2020, 3, 1), fmt="onsite", half_days=1.0, theme=None, kind=None):
    return {"code": code, "title": code, "date": date, "format": fmt, "half_days": half_days,
            "theme": theme, "kind": kind, "planned": None}


def reg(activity, participant, organisation=None, target_group=None, attended=True):
    return {"activity": activity, "participant": participant, "organisation": organisation,
            "target_group": target_group, "attended": attended}


def org(name, recognised, sector=None):
    return {"name": name, "recognised": recognised, "sector": sector}


def ev(activity, score, scale=None):
    return {"activity": activity, "score": score, "scale": scale}


def req(id, status, received=D(2020, 5, 15), organisation=None, target_group=None, topic=None,
        supported=False, participants=0):
    return {"id": id, "received": received, "status": status, "organisation": organisation,
            "target_group": target_group, "topic": topic, "decline_reason": None,
            "supported": supported, "participants": participants}


def run(year=2020, activities=(), registrations=(), evaluations=(), organisations=(),
        requests=()):
    return compute(year, list(activities), list(registrations), list(evaluations),
                   list(organisations), list(requests))


# ----------------------------------------------------------------------------- names

@pytest.mark.parametrize("raw, expected", [
    ("Score (1-10)", "score"),
    ("E-mail", "e mail"),
    ("e_mail", "e mail"),
    ("  E   mail ", "e mail"),
    ("Aantal  Dagdelen", "aantal dagdelen"),
    ("Vrouwenwerking Hélène vzw", "vrouwenwerking helene vzw"),
    ("Ontmoetingshuis De Linde (Ravenhout)", "ontmoetingshuis de linde"),
    ("Coöperatie Samen-aan-Tafel", "cooperatie samen aan tafel"),
    ("(a) b", "(a) b"),  # only a trailing parenthesised part goes
])
def test_norm(raw, expected):
    assert norm(raw) == expected


# ----------------------------------------------------------------------------- target group

REGISTER = [org("Vormingscentrum Àrdèn (Gent)", True), org("Stad Lindenberge", False)]


@pytest.mark.parametrize("row, expected", [
    # organisation in the register, spelled differently, recognised -> primary
    ({"organisation": "vormingscentrum arden", "target_group": None}, "primary"),
    # in the register, not recognised -> secondary
    ({"organisation": "STAD  lindenberge", "target_group": None}, "secondary"),
    # names an organisation that is not in the register -> secondary
    ({"organisation": "Bureau Kompas", "target_group": None}, "secondary"),
    # nothing known -> unknown
    ({"organisation": None, "target_group": None}, None),
    ({"organisation": "   ", "target_group": None}, None),
    # the cell beats the register, both ways
    ({"organisation": "Vormingscentrum Arden", "target_group": "secondary"}, "secondary"),
    ({"organisation": "Stad Lindenberge", "target_group": "primary"}, "primary"),
    ({"organisation": None, "target_group": "primary"}, "primary"),
])
def test_target_group_rule(row, expected):
    register = reference._register(REGISTER)
    assert target_group(row, register) == expected


def test_target_group_shares_and_unknown():
    # six participations: primary = a, f (2); secondary = b, c, e (3); unknown = d (1)
    # primary share = 100 * 2 / 5 = 40.0, secondary = 100 * 3 / 5 = 60.0
    regs = [reg("A1", "a@x.org", "vormingscentrum arden"),
            reg("A1", "b@x.org", "STAD  lindenberge"),
            reg("A1", "c@x.org", "Bureau Kompas"),
            reg("A1", "d@x.org"),
            reg("A1", "e@x.org", "Vormingscentrum Arden", "secondary"),
            reg("A1", "f@x.org", None, "primary")]
    oo = run(activities=[act("A1")], registrations=regs, organisations=REGISTER)["open_offering"]
    assert oo["participations"] == 6
    assert oo["primary_share_pct"] == 40.0
    assert oo["secondary_share_pct"] == 60.0
    assert oo["unknown_target_group"] == 1


# ----------------------------------------------------------------------------- participations

def test_attended_no_is_excluded_everywhere():
    # p1 attends A1 and A2 (2 participations), p2 registered for A2 but did not come.
    # participations 2, persons 1; p2's recognised organisation is not reached (1 of 2 = 50%);
    # p2's no-show does not count for the target group either: 100% primary.
    regs = [reg("A1", "p1@x.org", "Org Een"),
            reg("A2", "p1@x.org", "Org Een"),
            reg("A2", "p2@x.org", "Org Twee", attended=False)]
    orgs = [org("Org Een", True), org("Org Twee", True)]
    oo = run(activities=[act("A1"), act("A2")], registrations=regs,
             organisations=orgs)["open_offering"]
    assert oo["participations"] == 2
    assert oo["persons_reached"] == 1
    assert oo["recognised_orgs_total"] == 2
    assert oo["recognised_orgs_reached"] == 1
    assert oo["recognised_reach_pct"] == 50.0
    assert oo["primary_share_pct"] == 100.0
    assert oo["secondary_share_pct"] == 0.0


def test_duplicate_registration_counts_once_and_identity_is_case_insensitive():
    # "Jan@Example.org " and "jan@example.org" on A1 are one registration;
    # the same person on A2 is a second participation of the same person.
    regs = [reg("A1", "Jan@Example.org ", "X"),
            reg("A1", "jan@example.org", "X"),
            reg("A2", "JAN@EXAMPLE.ORG", "X")]
    oo = run(activities=[act("A1"), act("A2")], registrations=regs)["open_offering"]
    assert oo["participations"] == 2
    assert oo["persons_reached"] == 1


def test_only_the_years_activities_count():
    # A19 is in 2019: its registrations and evaluations do not count for 2020.
    acts = [act("A19", D(2019, 12, 31), half_days=3), act("A20", D(2020, 1, 1), half_days=2)]
    regs = [reg("A19", "p@x.org", "X"), reg("A20", "q@x.org", "X")]
    evs = [ev("A19", 2), ev("A20", 9)]
    oo = run(activities=acts, registrations=regs, evaluations=evs)["open_offering"]
    assert (oo["activities"], oo["half_days"], oo["participations"]) == (1, 2, 1)
    assert oo["satisfaction_pct"] == 90.0


# ----------------------------------------------------------------------------- satisfaction

def test_satisfaction_with_different_scales():
    # 100*8/10 = 80, 100*4/5 = 80, 100*3/10 (blank scale means 10) = 30, 100*75/100 = 75
    # mean = (80 + 80 + 30 + 75) / 4 = 265 / 4 = 66.25
    evs = [ev("A1", 8, 10), ev("A1", 4, 5), ev("A2", 3, None), ev("A2", 75, 100)]
    oo = run(activities=[act("A1"), act("A2")], evaluations=evs)["open_offering"]
    assert oo["satisfaction_pct"] == 66.25


def test_satisfaction_unrounded():
    # (70 + 80 + 80) / 3 = 76.666...
    evs = [ev("A1", 7), ev("A1", 8), ev("A1", 8)]
    oo = run(activities=[act("A1")], evaluations=evs)["open_offering"]
    assert oo["satisfaction_pct"] == pytest.approx(230 / 3)


def test_percentages_exact_when_whole():
    # 100 * 11 / 20 = 55.0 exactly (11 / 20 * 100 would be 55.00000000000001)
    regs = [reg("A1", f"p{i}@x.org", "Erkend") for i in range(11)]
    regs += [reg("A1", f"q{i}@x.org", "Niet erkend") for i in range(9)]
    orgs = [org("Erkend", True), org("Niet erkend", False)]
    oo = run(activities=[act("A1")], registrations=regs, organisations=orgs)["open_offering"]
    assert oo["primary_share_pct"] == 55.0
    assert oo["secondary_share_pct"] == 45.0


# ----------------------------------------------------------------------------- nulls

def test_null_percentages_when_nothing_to_divide():
    # one activity, no registrations, no evaluations, an empty register
    oo = run(activities=[act("A1")])["open_offering"]
    assert oo["participations"] == 0 and oo["persons_reached"] == 0
    assert oo["primary_share_pct"] is None
    assert oo["secondary_share_pct"] is None
    assert oo["satisfaction_pct"] is None
    assert oo["recognised_orgs_total"] == 0
    assert oo["recognised_reach_pct"] is None


def test_shares_null_when_all_unknown():
    # two participations, neither with organisation nor target group: known = 0
    regs = [reg("A1", "a@x.org"), reg("A1", "b@x.org")]
    oo = run(activities=[act("A1")], registrations=regs)["open_offering"]
    assert oo["unknown_target_group"] == 2
    assert oo["primary_share_pct"] is None and oo["secondary_share_pct"] is None


def test_register_without_recognised_orgs():
    oo = run(activities=[act("A1")], organisations=[org("Stad X", False)])["open_offering"]
    assert oo["recognised_orgs_total"] == 0 and oo["recognised_reach_pct"] is None


def test_register_keyed_by_normalised_name_later_row_wins():
    # "Org A" and "ORG-A" are one organisation; the later row (not recognised) wins.
    orgs = [org("Org A", True), org("ORG-A", False), org("Org B", True)]
    oo = run(activities=[act("A1")], organisations=orgs)["open_offering"]
    assert oo["recognised_orgs_total"] == 1


# ----------------------------------------------------------------------------- formats, half days

def test_formats_always_has_all_keys_and_half_days_int_when_whole():
    oo = run(activities=[act("A1", fmt="online", half_days=0.5),
                         act("A2", fmt="online", half_days=1.5)])["open_offering"]
    assert oo["formats"] == {"onsite": 0, "online": 2, "blended": 0}
    assert oo["half_days"] == 2 and isinstance(oo["half_days"], int)
    oo = run(activities=[act("A1", half_days=2.5)])["open_offering"]
    assert oo["half_days"] == 2.5
    empty = run(year=2021, activities=[act("A1")])["open_offering"]
    assert empty["formats"] == {"onsite": 0, "online": 0, "blended": 0}
    assert empty["activities"] == 0 and empty["half_days"] == 0 and empty["themes"] == []


# ----------------------------------------------------------------------------- themes

def test_themes_grouping_spelling_and_order():
    # Diversiteit: A1 "Diversiteit", A2 "diversiteit", A3 " Diversiteit " -> 3 activities,
    #   spelling "Diversiteit" (2 of 3), half_days 1 + 2 + 0.5 = 3.5, participations 2 (A1, A2)
    # Leidinggeven: A4 "leidinggeven", A5 "Leidinggeven" -> tie 1-1: first seen "leidinggeven";
    #   2 activities, half_days 2
    # Communicatie: A6 -> 1 activity; blank: A7 "", A8 None, A9 "  " -> None, 3 activities
    # order: 3 (Diversiteit), 3 (None, last among equals), 2, 1
    acts = [act("A1", theme="Diversiteit", half_days=1),
            act("A2", theme="diversiteit", half_days=2),
            act("A3", theme=" Diversiteit ", half_days=0.5),
            act("A4", theme="leidinggeven"), act("A5", theme="Leidinggeven"),
            act("A6", theme="Communicatie"),
            act("A7", theme=""), act("A8", theme=None), act("A9", theme="  ")]
    regs = [reg("A1", "a@x.org"), reg("A2", "b@x.org"), reg("A2", "c@x.org", attended=False),
            reg("A7", "d@x.org")]
    themes = run(activities=acts, registrations=regs)["open_offering"]["themes"]
    assert themes == [
        {"theme": "Diversiteit", "activities": 3, "half_days": 3.5, "participations": 2},
        {"theme": None, "activities": 3, "half_days": 3, "participations": 1},
        {"theme": "leidinggeven", "activities": 2, "half_days": 2, "participations": 0},
        {"theme": "Communicatie", "activities": 1, "half_days": 1, "participations": 0},
    ]


def test_themes_internal_white_space_and_name_order_on_ties():
    # "Werken  met vrijwilligers" and "werken met vrijwilligers" are one theme; the shown
    # spelling has its white space collapsed. Ties on count are ordered by name: B before c.
    acts = [act("A1", theme="Werken  met vrijwilligers"),
            act("A2", theme="werken met vrijwilligers"),
            act("A3", theme="c"), act("A4", theme="B")]
    themes = run(activities=acts)["open_offering"]["themes"]
    assert [(t["theme"], t["activities"]) for t in themes] == [
        ("Werken met vrijwilligers", 2), ("B", 1), ("c", 1)]


# ----------------------------------------------------------------------------- demand-driven

def test_requests_supported_vs_accepted():
    # received in 2020: R1..R6 (R7 is 2019)
    # accepted: R1, R2, R3 (3); supported: R1, R2 (R3 accepted but not realised);
    # declined: R4; pending: R5, R6 -> 6 received = 3 + 1 + 2
    # R1 primary (register, recognised), R2 secondary (cell); participants 4 + 6 = 10
    # (R3's 5 participants do not count: it was not supported)
    reqs = [req("R1", "accepted", organisation="org een", supported=True, participants=4),
            req("R2", "accepted", organisation="Org Een", target_group="secondary",
                supported=True, participants=6),
            req("R3", "accepted", organisation="Org Een", supported=False, participants=5),
            req("R4", "declined", organisation="Stad X"),
            req("R5", "pending"),
            req("R6", "pending", received=D(2020, 12, 31)),
            req("R7", "accepted", received=D(2019, 12, 31), supported=True, participants=100)]
    dd = run(organisations=[org("Org Een", True)], requests=reqs)["demand_driven"]
    assert dd["requests_received"] == 6
    assert dd["requests_accepted"] == 3
    assert dd["requests_declined"] == 1
    assert dd["requests_pending"] == 2
    assert dd["requests_supported"] == 2
    assert dd["supported_primary"] == 1
    assert dd["supported_secondary"] == 1
    assert dd["support_participants"] == 10


def test_supported_target_group_derivation():
    # R1: not in register -> secondary; R2: register, not recognised -> secondary;
    # R3: no organisation, no cell -> unknown (in neither count); R4: cell primary
    reqs = [req("R1", "accepted", organisation="Bureau Y", supported=True),
            req("R2", "accepted", organisation="stad x", supported=True),
            req("R3", "accepted", supported=True),
            req("R4", "accepted", organisation="Stad X", target_group="primary", supported=True)]
    dd = run(organisations=[org("Stad X", False)], requests=reqs)["demand_driven"]
    assert dd["requests_supported"] == 4
    assert (dd["supported_primary"], dd["supported_secondary"]) == (1, 2)


def test_topics_grouping():
    # "Beleidsplanning" x2 + "beleidsplanning" -> 3 as "Beleidsplanning";
    # "Diversiteit" 1; blank x2 -> None 2; a 2019 request does not count.
    reqs = [req("R1", "accepted", topic="Beleidsplanning"),
            req("R2", "declined", topic="beleidsplanning"),
            req("R3", "pending", topic=" Beleidsplanning"),
            req("R4", "accepted", topic="Diversiteit"),
            req("R5", "accepted", topic=None), req("R6", "declined", topic=""),
            req("R7", "accepted", topic="Diversiteit", received=D(2019, 6, 1))]
    dd = run(requests=reqs)["demand_driven"]
    assert dd["topics"] == [{"topic": "Beleidsplanning", "requests": 3},
                            {"topic": None, "requests": 2},
                            {"topic": "Diversiteit", "requests": 1}]


# ----------------------------------------------------------------------------- shape

def test_output_shape():
    out = run()
    assert list(out) == ["year", "open_offering", "demand_driven"]
    assert out["year"] == 2020
    assert list(out["open_offering"]) == [
        "activities", "half_days", "participations", "persons_reached", "primary_share_pct",
        "secondary_share_pct", "unknown_target_group", "satisfaction_pct", "nps", "recommend_answers",
        "recognised_orgs_total", "recognised_orgs_reached", "recognised_reach_pct",
        "formats", "themes"]
    assert list(out["demand_driven"]) == [
        "requests_received", "requests_declined", "requests_accepted", "requests_pending",
        "requests_supported", "supported_primary", "supported_secondary",
        "support_participants", "topics"]


# ----------------------------------------------------------------------------- reading

@pytest.mark.parametrize("kind, raw, expected", [
    ("date", "15/05/2020", D(2020, 5, 15)),
    ("date", "15-05-2020", D(2020, 5, 15)),
    ("date", "15.05.2020", D(2020, 5, 15)),
    ("date", "2020-05-15", D(2020, 5, 15)),
    ("date", dt.datetime(2020, 5, 15, 14, 30), D(2020, 5, 15)),
    ("number", "2,5", 2.5),
    ("number", 3, 3.0),
    ("count", "", 0),
    ("yesno_yes", None, True),
    ("yesno_yes", "Nee", False),
    ("yesno_no", None, False),
    ("yesno_no", "x", True),
    ("format", "Hybride", "blended"),
    ("format", "On-site", "onsite"),
    ("target", "Primaire doelgroep", "primary"),
    ("status", None, "pending"),
    ("status", "In behandeling", "pending"),
    ("status", "Afgewezen", "declined"),
])
def test_cell_values(kind, raw, expected):
    assert reference._value(kind, raw) == expected


def test_bad_date_is_refused():
    with pytest.raises(reference.BadValue):
        reference._value("date", "mei 2020")


# ----------------------------------------------------------------------------- sample data

SEED_2020 = {
    "activities": 50, "half_days": 170, "persons_reached": 1440,
    "primary_share_pct": 55.0, "secondary_share_pct": 45.0, "unknown_target_group": 0,
    "satisfaction_pct": 77.0, "recognised_reach_pct": 84.0,
    "formats": {"onsite": 18, "online": 22, "blended": 10},
}
SEED_2020_DEMAND = {
    "requests_received": 69, "requests_declined": 29, "requests_accepted": 40,
    "requests_pending": 0, "requests_supported": 37, "supported_primary": 22,
    "supported_secondary": 15, "support_participants": 175,
}
SEED_THEMES = {"organisatieontwikkeling", "werken met vrijwilligers", "burgerinitiatieven",
               "sociaal-culturele praktijken", "diversiteit", "leidinggeven", "communicatie"}


@pytest.fixture(scope="module")
def sample(request):
    pytest.importorskip("openpyxl")
    folder = ROOT / "sample_data"
    if not folder.is_dir():
        pytest.skip("sample_data/ is not there")
    return request.getfixturevalue("sample_tables")  # reference.load_folder(folder), once per session


def test_sample_data_reproduces_the_2020_report(sample):
    out = compute(2020, sample["activities"], sample["registrations"], sample["evaluations"],
                  sample["organisations"], sample["requests"])
    oo, dd = out["open_offering"], out["demand_driven"]
    for key, value in SEED_2020.items():
        assert oo[key] == value, key
    for key, value in SEED_2020_DEMAND.items():
        assert dd[key] == value, key
    assert oo["participations"] > oo["persons_reached"]
    assert {t["theme"].lower() for t in oo["themes"] if t["theme"]} == SEED_THEMES


def test_sample_data_has_a_different_2019(sample):
    out = compute(2019, sample["activities"], sample["registrations"], sample["evaluations"],
                  sample["organisations"], sample["requests"])
    oo, dd = out["open_offering"], out["demand_driven"]
    assert oo["activities"] > 0 and dd["requests_received"] > 0
    assert oo["formats"]["onsite"] > oo["formats"]["online"]
    assert oo["activities"] != 50 and oo["persons_reached"] != 1440


def test_sample_data_is_invented(sample):
    emails = {r["participant"].strip().lower() for r in sample["registrations"]}
    assert all(e.endswith("@example.org") for e in emails)
