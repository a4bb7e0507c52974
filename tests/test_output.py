"""output.py: the figures as terminal tables (Flemish or English numbers, the change between
two years) and as CSV with the unrounded values, from the sample data (`sample_cli`)."""

from __future__ import annotations

import json


def test_seed_figures_in_the_terminal_table_are_flemish(sample_cli):
    cli = sample_cli
    res = cli("stats", "2020")
    assert res.exit_code == 0
    text = res.stdout
    for shown in ("1.440", "55%", "45%", "77%", "84%", "170"):
        assert shown in text, shown
    en = cli("stats", "2020", "--lang", "en").stdout
    assert "1,440" in en and "People reached" in en


def test_compare_shows_both_years_and_the_change(sample_cli):
    cli = sample_cli
    a, b = cli.json(2019), cli.json(2020)
    res = cli("stats", "2020", "--compare", "2019")
    assert res.exit_code == 0
    row = next(ln for ln in res.stdout.splitlines() if "Activiteiten" in ln and "│" in ln)
    cells = [c.strip() for c in row.split("│")[2:5]]
    diff = b["open_offering"]["activities"] - a["open_offering"]["activities"]
    # the years as the report shows them: the later year first
    assert cells[:2] == [str(b["open_offering"]["activities"]), str(a["open_offering"]["activities"])]
    assert cells[2] == (f"+{diff}" if diff > 0 else f"−{-diff}" if diff < 0 else "0")
    js = json.loads(cli("stats", "2020", "--compare", "2019", "--format", "json").stdout)
    assert js["year"] == 2020 and js["compare"]["year"] == 2019


def test_csv_output_holds_the_unrounded_values(sample_cli):
    import csv
    import io

    cli = sample_cli
    rows = list(csv.DictReader(io.StringIO(cli("stats", "2020", "--format", "csv").stdout)))
    got = {(r["section"], r["indicator"], r["item"]): r["2020"] for r in rows}
    s = cli.json(2020)
    assert float(got[("open_offering", "persons_reached", "")]) == s["open_offering"]["persons_reached"]
    assert float(got[("open_offering", "formats", "online")]) == 22
    for t in s["open_offering"]["themes"]:
        assert float(got[("open_offering", "themes.participations", t["theme"] or "")]) == t["participations"]


def test_a_change_of_percentages_is_taken_between_the_percentages_shown():
    from socius_cli.output import _delta

    assert _delta("primary_share_pct", 55.4, 54.6, "nl") == "0 pp"  # both show as 55%
    assert _delta("primary_share_pct", 55.5, 54.4, "nl") == "+2 pp"  # 56% and 54%
    assert _delta("activities", 50, 58, "nl") == "−8"
