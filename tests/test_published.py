"""Issue 11, points 4 and 5: the history of a store, and published figures (contract v2,
section 3). A published figure never moves without anyone noticing."""

from __future__ import annotations

import getpass
import hashlib
import json

import openpyxl
import sqlalchemy as sa
from helpers import SAMPLE, Cli, write_xlsx

ACT_HEAD = ["Code", "Titel", "Datum", "Vorm", "Dagdelen"]


def history(cli: Cli) -> list[dict]:
    res = cli("history", "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def moved_activity(tmp_path, year: int = 2021):
    """OA2020-10 of the sample, re-used with a date in another year (an ordinary update by key)."""
    wb = openpyxl.load_workbook(SAMPLE / "socius-2019-2020.xlsx", read_only=True)
    row = next(r for r in wb["Activiteiten"].iter_rows(min_row=2, values_only=True) if r[0] == "OA2020-10")
    return write_xlsx(tmp_path / "nieuw.xlsx", {"Activiteiten": [ACT_HEAD, [row[0], row[1], row[2].replace(year=year),
                                                                          "online", row[4]]]})


def test_every_stored_import_is_recorded(cli, tmp_path):
    assert cli("import", SAMPLE, "--dry-run").exit_code == 0
    assert cli("import", SAMPLE).exit_code == 0
    bad = write_xlsx(tmp_path / "fout.xlsx", {"Activiteiten": [ACT_HEAD, ["X1", "T", "31/02/2020", "online", 1]]})
    assert cli("import", bad).exit_code == 1
    entries = history(cli)
    assert len(entries) == 1  # the dry run and the refused import are not stored, so not recorded
    e = entries[0]
    assert e["action"] == "import" and e["user"] == getpass.getuser() and e["at"].endswith("+00:00")
    files = {f["name"]: f for f in e["files"]}
    assert set(files) == {"socius-2019-2020.xlsx", "vragen.csv", "erkende-organisaties-2021-2025.xlsx",
                          "streefcijfers.xlsx"}
    for name, f in files.items():
        data = (SAMPLE / name).read_bytes()
        assert f["size"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
    assert e["summary"]["activities"] == {"added": 108, "updated": 0, "removed": 0, "unchanged": 0}
    assert e["summary"]["registrations"]["added"] == 4170
    assert e["summary"]["targets"] == {"added": 12, "updated": 0, "removed": 0, "unchanged": 0}
    assert e["published_changes"] == []
    assert cli("import", SAMPLE).exit_code == 0  # an import that changes nothing is still an import
    assert [x["summary"]["activities"]["unchanged"] for x in history(cli)] == [0, 108]
    table = " ".join(cli("history").stdout.split())
    assert "Geschiedenis van de store" in table and "vragen.csv" in table and "import" in table
    assert hashlib.sha256((SAMPLE / "vragen.csv").read_bytes()).hexdigest()[:12] in table


def test_history_of_a_missing_store_is_an_error(tmp_path):
    res = Cli(str(tmp_path / "geen.db"))("history")
    assert res.exit_code == 1 and "socius import" in res.stderr


def test_publish_then_an_import_that_changes_it_is_refused(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    res = cli("publish", "2020", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "Published the figures of 2020" in res.stderr and "--allow-published-changes" in res.stderr
    published = cli.json(2020)
    assert published["published"]["differences"] == []
    assert "zijn sindsdien niet veranderd" in " ".join(cli("stats", "2020").stdout.split())
    n_history = len(history(cli))

    for extra in ((), ("--dry-run",)):
        res = cli("import", moved_activity(tmp_path), *extra)
        assert res.exit_code == 1, res.output
        err = " ".join(res.stderr.split())
        assert "2020 (gepubliceerd op " in err and "Activiteiten: gepubliceerd 50, nieuw 49" in err
        assert "Deelnames: gepubliceerd 1.860, nieuw 1.8" in err
        assert "er is niets ingelezen" in err and "--allow-published-changes" in err
    assert cli.json(2020)["open_offering"]["activities"] == 50  # nothing stored
    assert len(history(cli)) == n_history  # and nothing recorded

    res = cli("import", moved_activity(tmp_path), "--allow-published-changes")
    assert res.exit_code == 0, res.output
    assert "let op: gepubliceerd cijfer veranderd (toegestaan): 2020 (gepubliceerd op" in res.stderr
    last = history(cli)[-1]
    changed = {c["indicator"]: c for c in last["published_changes"] if c["item"] is None}
    assert (changed["activities"]["year"], changed["activities"]["published"], changed["activities"]["new"]) == (
        2020, 50, 49)

    now = cli.json(2020)
    diffs = {d["indicator"]: d for d in now["published"]["differences"] if d["item"] is None}
    assert (diffs["activities"]["published"], diffs["activities"]["now"]) == (50, 49)
    table = " ".join(cli("stats", "2020").stdout.split())
    assert "werden gepubliceerd op" in table and "Activiteiten: gepubliceerd 50, nu 49" in table
    csv = cli("stats", "2020", "--format", "csv")
    assert "Activiteiten: gepubliceerd 50, nu 49" in " ".join(csv.stderr.split())
    out = tmp_path / "r.html"
    assert cli("report", "2020", "--output", out).exit_code == 0
    html = " ".join(out.read_text(encoding="utf-8").split())
    assert "Verschillen met de gepubliceerde cijfers" in html and "gepubliceerd werd" in html


def test_changes_to_other_years_and_the_next_register_are_not_refused(cli, tmp_path):
    first = tmp_path / "eerst"
    first.mkdir()
    for name in ("socius-2019-2020.xlsx", "vragen.csv"):
        (first / name).write_bytes((SAMPLE / name).read_bytes())
    assert cli("import", first).exit_code == 0
    assert cli("publish", "2019").exit_code == 0 and cli("publish", "2020").exit_code == 0
    # the register of the next period changes no published figure
    res = cli("import", SAMPLE / "erkende-organisaties-2021-2025.xlsx")
    assert res.exit_code == 0, res.output
    # a new year is not published: its activities are welcome
    new = write_xlsx(tmp_path / "2021.xlsx", {"Activiteiten": [ACT_HEAD, ["N1", "Nieuw", "2021-03-01", "online", 2]]})
    assert cli("import", new).exit_code == 0
    # a moved activity changes 2020, which is published
    assert cli("import", moved_activity(tmp_path)).exit_code == 1
    assert [e["action"] for e in history(cli)] == ["import", "publish", "publish", "import", "import"]


def test_publish_again_and_a_year_without_data(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    assert cli("publish", "2020").exit_code == 0
    res = cli("publish", "2020", "--lang", "en")
    assert res.exit_code == 0 and "published before" in res.stderr
    res = cli("publish", "1999")
    assert res.exit_code == 1 and "2019, 2020" in res.stderr
    entries = history(cli)
    assert [e["action"] for e in entries] == ["import", "publish", "publish"]
    assert entries[1]["year"] == 2020 and entries[1]["figures"]["open_offering"]["activities"] == 50
    assert entries[2]["replaces"] == entries[1]["at"]
    with cli.store().engine.connect() as c:
        assert c.execute(sa.text("select count(*) from published")).scalar_one() == 1


def test_a_purged_published_year_stays_as_published(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    assert cli("publish", "2019").exit_code == 0
    assert cli("purge", "--before", "2020", "--yes").exit_code == 0
    assert cli.json(2019)["published"]["differences"] == []
    # frozen figures do not move: re-importing the old spreadsheet is no published change
    res = cli("import", SAMPLE)
    assert res.exit_code == 0, res.output
    assert cli.json(2019)["published"]["differences"] == []
