"""A generated store of five years of data (2021-2025 by default), for the period report.

The spreadsheets are written by `test_indicators.build` (the same writer the span and
indicator property tests use, with its spellings and odd cells), from data drawn by a seeded
`random.Random`: the same store every run. People come back over the years, so the span's
persons reached are fewer than the sum of its years; the register holds the policy period
2021-2025 with the period typed as a user types it.

    from period_fixtures import make_span_store, EXAMPLE_TARGETS
    db, records = make_span_store(folder)   # records: what reference.compute_span takes

`PYTHONPATH=src python tests/period_fixtures.py FOLDER` writes the spreadsheets and the store
into FOLDER, imports EXAMPLE_TARGETS from a sheet Streefcijfers (`write_targets`), and writes
the period report in every format, to look at it by hand (`socius report 2021-2025 --db
FOLDER/s.db` writes it again).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from random import Random
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from socius_cli.figures.targets import AT_LEAST, AT_MOST, Target  # noqa: E402

FIRST, LAST = 2021, 2025
THEMES = ["Organisatieontwikkeling", "Werken met vrijwilligers", "Burgerinitiatieven", "Diversiteit",
          "Leidinggeven", "Communicatie", None]
TOPICS = ["Beleidsplanning", "Impactgedreven werken", "Rollen en functies", "Werken met vrijwilligers", None]
RECOGNISED = [f"{kind} {place}" for kind in ("Vereniging", "Kring", "Beweging", "Werkgroep")
              for place in ("Lindenberge", "Oosterhoeve", "Bremdaal", "Kastelbeek", "Ravenhout", "Zilverbeek",
                            "Heidevoorde", "Molenwijk", "Steenbrugge", "Vlasdorp")] + ["Vormingplus Oost",
                                                                                       "Café Ça Va"]
# recognised, but in no year does anyone of them take part
QUIET = [f"Seniorenkring {place}" for place in ("Aalbeke", "Bavikhove", "Dottenijs", "Heestert", "Kerkhove",
                                                 "Moen", "Otegem", "Rollegem", "Tiegem", "Zwevegem")]
OTHERS = ["Gemeente Y", "Hogeschool Z", "Buurtwerk Noord", "Onbekende vzw"]

# Targets of the policy plan, as a user would store them: for the span (for its total) and
# for single years, most with a goal (doelstelling), two without.
GOAL_1 = "SD1 Een breed en kwaliteitsvol open aanbod"
GOAL_2 = "SD2 Organisaties versterken op hun vraag"
EXAMPLE_TARGETS = [
    Target("activities", (FIRST, LAST), 200, AT_LEAST, GOAL_1),
    *(Target("activities", (year, year), 40, AT_LEAST, GOAL_1) for year in range(FIRST, LAST + 1)),
    Target("half_days", (FIRST, LAST), 400, AT_LEAST, GOAL_1),
    Target("persons_reached", (FIRST, LAST), 1000, AT_LEAST, GOAL_1),
    Target("satisfaction_pct", (FIRST, LAST), 75, AT_LEAST, GOAL_1),
    Target("satisfaction_pct", (2023, 2023), 80, AT_LEAST, GOAL_1),
    Target("primary_share_pct", (FIRST, LAST), 55, AT_LEAST, GOAL_1),
    Target("requests_supported", (FIRST, LAST), 50, AT_LEAST, GOAL_2),
    Target("requests_supported", (2022, 2022), 12, AT_LEAST, GOAL_2),
    Target("requests_supported", (2024, 2024), 15, AT_LEAST, GOAL_2),
    Target("requests_declined", (FIRST, LAST), 30, AT_MOST, GOAL_2),
    Target("recognised_reach_pct", (FIRST, LAST), 90, AT_LEAST),
    Target("nps", (2021, 2021), 30, AT_LEAST),  # no answers that year: unknown
    Target("nps", (2024, 2024), 30, AT_LEAST),
]


def span_data(seed: int = 2021, first: int = FIRST, last: int = LAST, skip: tuple[int, ...] = ()) -> dict[str, Any]:
    """The data `test_indicators.build` writes: per year of first-last (but `skip`) some 40
    activities, their registrations and evaluations, and some 20 requests."""
    rng = Random(seed)
    activities: list[dict[str, Any]] = []
    registrations: list[tuple[int, dict[str, Any]]] = []
    evaluations: list[tuple[int, int, int | None, int | None]] = []
    requests: list[dict[str, Any]] = []
    people = [f"deelnemer{i}@example.org" for i in range(1200)]
    orgs = RECOGNISED + OTHERS
    # where each person works: mostly a recognised organisation, the first ones more often
    home = {p: rng.choice(RECOGNISED[:rng.choice([10, 20, 42])]) if rng.random() < 0.7
            else rng.choice(OTHERS + [None]) for p in people}
    for year in range(first, last + 1):
        if year in skip:
            continue
        regulars = rng.sample(people, 420)  # this year's participants, many back from before
        for _ in range(rng.randint(36, 48)):
            k = len(activities)
            online = rng.random() < 0.15 + 0.06 * (year - first)
            activities.append({
                "date": dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(360)),
                "format": "online" if online else rng.choice(["onsite", "onsite", "onsite", "blended"]),
                "half_days": rng.choice([1, 1, 2, 2, 2, 3, 4, 0.5, 1.5]),
                "theme": rng.choice(THEMES),
            })
            for who in rng.sample(regulars, rng.randint(10, 40)):
                registrations.append((k, {
                    "participant": who, "upper": rng.random() < 0.05, "organisation": home[who],
                    "spelling": rng.randint(0, 2), "target_group": rng.choice([None, None, None, "primary"]),
                    "attended": rng.choice([True, True, True, None, False]),
                }))
            for _ in range(rng.randint(3, 9)):
                evaluations.append((k, rng.choice([6, 7, 7, 8, 8, 8, 9, 9, 10]), rng.choice([None, 10, 10, 5]),
                                    rng.choice([None, 6, 7, 8, 9, 9, 10, 10]) if year >= 2023 else None))
        for _ in range(rng.randint(16, 26)):
            status = rng.choice(["accepted"] * 6 + ["declined"] * 3 + ["pending"] * (year == last))
            requests.append({
                "received": dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(360)),
                "status": status, "organisation": rng.choice(orgs + [None]),
                "target_group": rng.choice([None, None, "secondary"]), "topic": rng.choice(TOPICS),
                "supported": rng.random() < 0.85, "participants": rng.randint(3, 25),
            })
    # the register of the policy period; two organisations recognised in every year
    register = [(name, ((2021, 2025),), [True, True]) for name in RECOGNISED[:-2] + QUIET]
    register += [(name, (None,), [True, True]) for name in RECOGNISED[-2:]]
    register += [(name, ((2021, 2025),), [False, False]) for name in OTHERS[:3]]
    # `build` indexes activities modulo their number: keep the indexes as drawn
    return {"activities": activities, "registrations": registrations, "evaluations": evaluations,
            "register": register, "requests": requests}


def make_span_store(folder: Path, **kw: Any) -> tuple[Path, tuple[list[dict[str, Any]], ...]]:
    """Write the spreadsheets of `span_data(**kw)` into `folder` and import them into
    `folder/s.db`; return the store's path and the records `reference.compute_span` takes."""
    from helpers import Cli
    from test_indicators import build

    folder.mkdir(parents=True, exist_ok=True)
    records = build(span_data(**kw), folder)
    db = folder / "s.db"
    res = Cli(str(db))("import", folder)
    assert res.exit_code == 0, res.output
    return db, records


def write_targets(folder: Path, targets: list[Target]) -> Path:
    """`targets` as a staff member types them: a sheet Streefcijfers with the Dutch labels."""
    from helpers import write_xlsx

    from socius_cli.contract import period_text
    from socius_cli.output import indicator_name

    rows = [[indicator_name(t.indicator, "nl"), period_text(t.period), t.target,
             "minstens" if t.direction == AT_LEAST else "hoogstens", t.goal] for t in targets]
    return write_xlsx(folder / "streefcijfers.xlsx", {"Streefcijfers": [
        ["Indicator", "Periode", "Streefcijfer", "Richting", "Doelstelling"], *rows]})


if __name__ == "__main__":
    from helpers import Cli

    where = Path(sys.argv[1] if len(sys.argv) > 1 else "periode-2021-2025")
    db, _records = make_span_store(where)
    res = Cli(str(db))("import", write_targets(where, EXAMPLE_TARGETS))  # the targets imported as staff do
    assert res.exit_code == 0, res.output
    print(f"wrote {db}, with the example targets")
    for fmt in ("html", "pdf", "md", "xlsx"):  # the period report, as `socius report 2021-2025` writes it
        out = where / f"voortgangsrapport-{FIRST}-{LAST}.{fmt}"
        res = Cli(str(db))("report", f"{FIRST}-{LAST}", "--format", fmt, "--output", out)
        assert res.exit_code == 0, res.output
        print("wrote", out)
