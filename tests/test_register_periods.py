"""Issue 11, point 2: the register per policy period (contract v2, sections 1 and 4), and the
upgrade of a v1 store (schema version 2): an old store opens, migrates and keeps its figures."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import math
import shutil

import pytest
import reference
import sqlalchemy as sa
from helpers import SAMPLE, Cli, write_xlsx

from socius_cli.contract import ORGANISATIONS
from socius_cli.ingest.values import BadValue, identity_key, parse_period, typed
from socius_cli.store.versions import SCHEMA_VERSION

ACT_HEAD = ["Code", "Titel", "Datum", "Vorm", "Dagdelen"]


@pytest.mark.parametrize("cell, span", [
    ("2020", (2020, 2020)), (2020, (2020, 2020)), (2020.0, (2020, 2020)), ("2016-2020", (2016, 2020)),
    ("2016 – 2020", (2016, 2020)), ("2016–2020", (2016, 2020)), (" 2016 - 2020 ", (2016, 2020)),
    ("2021—2025", (2021, 2025)),
])
def test_a_period_is_a_year_or_a_span(cell, span):
    assert parse_period(cell) == span


@pytest.mark.parametrize("cell, code", [
    ("2016/2020", "bad-period"), ("2016-20", "bad-period"), ("beleidsperiode", "bad-period"), (2020.5, "bad-period"),
    (dt.date(2020, 1, 1), "bad-period"), (True, "bad-period"), ("2020-2016", "period-reversed"),
])
def test_a_bad_period_is_a_problem(cell, code):
    with pytest.raises(BadValue) as exc:
        parse_period(cell)
    assert exc.value.code == code


def test_a_blank_period_means_every_year():
    assert typed(ORGANISATIONS.field("period"), "  ") is None


def register(tmp_path, rows, name="register.xlsx"):
    return write_xlsx(tmp_path / name, {"Erkende organisaties": [["Naam", "Erkend", "Periode"], *rows]})


def test_overlapping_rows_of_one_organisation_are_an_error_naming_both(sqlite_cli, tmp_path):
    cli = sqlite_cli
    res = cli("import", register(tmp_path, [["Vzw X", "ja", "2016-2020"], ["vzw x", "nee", "2019 - 2022"],
                                            ["Vzw Y", "ja", None], ["VZW Y", "nee", ""],
                                            ["Vzw Z", "ja", "2021-2025"], ["Vzw Z", "ja", "2021-2025"]]),
              "--lang", "en")
    assert res.exit_code == 1
    err = res.stderr
    assert "row 3" in err and "the period 2019-2022 of this organisation overlaps 2016-2020 of" in err
    assert "register.xlsx, sheet 'Erkende organisaties', row 2" in err
    assert err.count("the same organisation as") == 2  # two blank periods; the same period twice
    assert "row 5" in err and "row 7" in err
    assert not (tmp_path / "socius.db").exists()  # nothing stored


def test_bad_periods_are_refused_with_their_cell(sqlite_cli, tmp_path):
    res = sqlite_cli("import", register(tmp_path, [["Vzw X", "ja", "2016/2020"], ["Vzw Y", "ja", "2025-2021"]]),
                     "--lang", "en")
    assert res.exit_code == 1
    assert "row 2, column C 'Periode': value '2016/2020': expected a year (2020) or a span of years" in res.stderr
    assert "value '2025-2021'" in res.stderr and "(2021-2025?)" in res.stderr


def test_rows_per_period_and_a_stored_overlap(cli, tmp_path):
    ok = register(tmp_path, [["Vzw X", "ja", "2016-2020"], ["Vzw X", "nee", "2021-2025"], ["Vzw X", "ja", None]])
    assert cli("import", ok).exit_code == 0
    with cli.store().engine.connect() as c:
        rows = c.execute(sa.text("select key, period, period_from, period_until, recognised from organisations "
                                 "order by period")).all()
    assert [(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows] == [
        ("vzw x", "", None, None, True), ("vzw x", "2016-2020", 2016, 2020, True),
        ("vzw x", "2021-2025", 2021, 2025, False)]
    res = cli("import", ok)  # the same register again changes nothing: keyed by name and period
    assert res.exit_code == 0 and "3 │" in res.stdout.split("Organisaties")[1].splitlines()[0]
    res = cli("import", register(tmp_path, [["Vzw X", "ja", "2019-2022"]], "later.xlsx"), "--lang", "en")
    assert res.exit_code == 1
    assert "the period 2019-2022 of this organisation overlaps the period 2016-2020 already in the store" in res.stderr


def test_the_register_of_the_year_decides(cli, tmp_path):
    write_xlsx(tmp_path / "a.xlsx", {
        "Activiteiten": [ACT_HEAD, ["A", "T", "2020-02-02", "online", 1], ["B", "U", "2021-02-02", "online", 1]],
        "Inschrijvingen": [["Activiteit", "E-mail", "Organisatie"], ["A", "p@example.org", "Vzw X"],
                           ["B", "p@example.org", "Vzw X"], ["A", "q@example.org", "Vzw Y"],
                           ["B", "q@example.org", "Vzw Y"]],
        "Organisaties": [["Naam", "Erkend", "Periode"], ["Vzw X", "ja", "2016-2020"], ["Vzw X", "nee", "2021-2025"],
                         ["Vzw Y", "nee", None], ["Vzw Y", "ja", 2021]],
    })
    assert cli("import", tmp_path / "a.xlsx").exit_code == 0
    o20, o21 = cli.json(2020)["open_offering"], cli.json(2021)["open_offering"]
    assert (o20["primary_share_pct"], o20["recognised_orgs_total"], o20["recognised_orgs_reached"]) == (50.0, 1, 1)
    assert (o21["primary_share_pct"], o21["recognised_orgs_total"], o21["recognised_orgs_reached"]) == (50.0, 1, 1)
    ex = json.loads(cli("explain", "2021", "recognised_orgs_total", "--format", "json").stdout)
    assert [(r["organisation"], r["period"]) for r in ex["rows"]] == [("Vzw Y", "2021")]


def test_a_second_period_register_leaves_2019_and_2020_unchanged(cli, tmp_path):
    first = tmp_path / "2016-2020"
    first.mkdir()
    for name in ("socius-2019-2020.xlsx", "vragen.csv"):
        shutil.copy(SAMPLE / name, first / name)
    assert cli("import", first).exit_code == 0
    before = {y: cli.json(y) for y in (2019, 2020)}
    assert before[2020]["open_offering"]["recognised_orgs_total"] == 125

    res = cli("import", SAMPLE / "erkende-organisaties-2021-2025.xlsx")
    assert res.exit_code == 0, res.output
    assert {y: cli.json(y) for y in (2019, 2020)} == before
    # and it is the register of 2021: an activity of 2021 uses it
    write_xlsx(tmp_path / "2021.xlsx", {"Activiteiten": [ACT_HEAD, ["N1", "Nieuw", "2021-03-01", "online", 2]]})
    assert cli("import", tmp_path / "2021.xlsx").exit_code == 0
    assert cli.json(2021)["open_offering"]["recognised_orgs_total"] == 125 - 8 + 11
    assert {y: cli.json(y) for y in (2019, 2020)} == before


def test_the_reference_agrees_on_the_sample_with_both_registers():
    t = reference.load_folder(SAMPLE)
    assert {o["period"] for o in t["organisations"]} == {(2016, 2020), (2021, 2025)}
    out = reference.compute(2021, t["activities"], t["registrations"], t["evaluations"], t["organisations"],
                            t["requests"])
    assert out["open_offering"]["recognised_orgs_total"] == 128


# --------------------------------------------------------------------------- a v1 store

V1 = sa.MetaData()  # the tables as socius made them at schema version 1 (before the register had periods)
sa.Table("socius_meta", V1, sa.Column("key", sa.String(64), primary_key=True),
         sa.Column("value", sa.Text, nullable=False))
sa.Table("activities", V1, sa.Column("code", sa.Text, primary_key=True), sa.Column("title", sa.Text, nullable=False),
         sa.Column("date", sa.Date, nullable=False), sa.Column("year", sa.Integer, nullable=False, index=True),
         sa.Column("format", sa.String(16), nullable=False), sa.Column("half_days", sa.Float, nullable=False),
         sa.Column("theme", sa.Text), sa.Column("kind", sa.Text), sa.Column("planned", sa.Boolean))
sa.Table("registrations", V1, sa.Column("activity", sa.Text, primary_key=True),
         sa.Column("participant", sa.String(64), primary_key=True), sa.Column("organisation", sa.Text),
         sa.Column("org_key", sa.Text), sa.Column("target_group", sa.String(16)),
         sa.Column("attended", sa.Boolean, nullable=False))
sa.Table("evaluations", V1, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("activity", sa.Text, nullable=False, index=True), sa.Column("score", sa.Float, nullable=False),
         sa.Column("scale", sa.Float, nullable=False))
sa.Table("organisations", V1, sa.Column("key", sa.Text, primary_key=True), sa.Column("name", sa.Text, nullable=False),
         sa.Column("recognised", sa.Boolean, nullable=False), sa.Column("sector", sa.Text))
sa.Table("requests", V1, sa.Column("id", sa.Text, primary_key=True), sa.Column("received", sa.Date, nullable=False),
         sa.Column("year", sa.Integer, nullable=False, index=True), sa.Column("status", sa.String(16), nullable=False),
         sa.Column("organisation", sa.Text), sa.Column("org_key", sa.Text), sa.Column("target_group", sa.String(16)),
         sa.Column("topic", sa.Text), sa.Column("decline_reason", sa.Text),
         sa.Column("supported", sa.Boolean, nullable=False), sa.Column("participants", sa.Integer, nullable=False))
sa.Table("frozen_stats", V1, sa.Column("year", sa.Integer, primary_key=True),
         sa.Column("json", sa.Text, nullable=False), sa.Column("frozen_at", sa.Text, nullable=False))
sa.Table("year_figures", V1, sa.Column("year", sa.Integer, primary_key=True),
         sa.Column("version", sa.String(32), nullable=False), sa.Column("json", sa.Text, nullable=False))

KEY = bytes(range(32))
ACTS = [("K1", "Vorming", dt.date(2020, 3, 2), "onsite", 2.0, "Vrijwilligers"),
        ("K2", "Webinar", dt.date(2020, 5, 15), "online", 1.0, None),
        ("K3", "Studiedag", dt.date(2018, 11, 20), "blended", 3.0, "Diversiteit"),
        ("K5", "Vorming", dt.date(2019, 4, 1), "onsite", 1.0, None)]
REGS = [("K1", "an@example.org", "Vormingplus Oost", None, True), ("K1", "bo@example.org", "Gemeente Y", None, True),
        ("K2", "an@example.org", "vormingplus oost", None, True), ("K2", "cas@example.org", None, "primary", False),
        ("K2", "dirk@example.org", "Andere vzw", None, True)]
EVALS = [("K1", 8.0, 10.0), ("K2", 4.0, 5.0)]
ORGS = [("Vormingplus Oost", True), ("Andere vzw", True), ("Gemeente Y", False)]
REQS = [("V1", dt.date(2020, 2, 1), "accepted", "Andere vzw", None, "Beleid", True, 7),
        ("V2", dt.date(2020, 6, 1), "declined", None, None, "Beleid", False, 0)]
FROZEN_2018 = {"year": 2018, "open_offering": {"activities": 1, "participations": 9}, "demand_driven": {}}


def v1_store(db: str) -> None:
    """A store as socius v1 left it: its tables, a stale figures cache, a frozen (purged) year."""
    from socius_cli.store.store import database_url

    engine = sa.create_engine(database_url(db))
    h = lambda p: hmac.digest(KEY, identity_key(p).encode(), "sha256").hex()[:32]  # noqa: E731
    t = V1.tables
    with engine.begin() as c:
        V1.create_all(c)
        c.execute(t["socius_meta"].insert(), [
            {"key": "schema_version", "value": "1"}, {"key": "participant_key", "value": KEY.hex()},
            {"key": "key_check", "value": hmac.new(KEY, b"socius key check", hashlib.sha256).hexdigest()[:16]}])
        c.execute(t["activities"].insert(), [dict(code=a[0], title=a[1], date=a[2], year=a[2].year, format=a[3],
                                                  half_days=a[4], theme=a[5]) for a in ACTS])
        c.execute(t["registrations"].insert(), [
            dict(activity=r[0], participant=h(r[1]), organisation=r[2],
                 org_key=reference.norm(r[2]) if r[2] else None, target_group=r[3], attended=r[4]) for r in REGS])
        c.execute(t["evaluations"].insert(), [dict(activity=e[0], score=e[1], scale=e[2]) for e in EVALS])
        c.execute(t["organisations"].insert(), [dict(key=reference.norm(n), name=n, recognised=r, sector=None)
                                                for n, r in ORGS])
        c.execute(t["requests"].insert(), [
            dict(id=q[0], received=q[1], year=q[1].year, status=q[2], organisation=q[3],
                 org_key=reference.norm(q[3]) if q[3] else None, target_group=q[4], topic=q[5], supported=q[6],
                 participants=q[7]) for q in REQS])
        c.execute(t["frozen_stats"].insert().values(year=2018, json=json.dumps(FROZEN_2018), frozen_at="2024-01-01"))
        c.execute(t["year_figures"].insert(), [{"year": y, "version": "1", "json": json.dumps({"year": y})}
                                               for y in (2019, 2020)])
    engine.dispose()


def assert_same(got: dict, want: dict) -> None:
    """Every figure of the reference, floats to 1e-9 (the store may add keys)."""
    for section in ("open_offering", "demand_driven"):
        for k, v in want[section].items():
            g = got[section][k]
            assert (math.isclose(g, v, abs_tol=1e-9) if isinstance(v, float) else g == v), (section, k, g, v)


def v1_reference(year: int) -> dict:
    return reference.compute(
        year, [dict(code=a[0], title=a[1], date=a[2], format=a[3], half_days=a[4], theme=a[5]) for a in ACTS],
        [dict(activity=r[0], participant=r[1], organisation=r[2], target_group=r[3], attended=r[4]) for r in REGS],
        [dict(activity=e[0], score=e[1], scale=e[2]) for e in EVALS],
        [dict(name=n, recognised=r, sector=None) for n, r in ORGS],
        [dict(id=q[0], received=q[1], status=q[2], organisation=q[3], target_group=q[4], topic=q[5],
              supported=q[6], participants=q[7]) for q in REQS])


def test_a_v1_store_opens_migrates_and_keeps_its_figures(store_db, tmp_path, monkeypatch):
    monkeypatch.delenv("SOCIUS_KEY", raising=False)
    v1_store(store_db)
    cli = Cli(store_db)
    want = v1_reference(2020)
    assert want["open_offering"]["recognised_orgs_total"] == 2 and want["open_offering"]["participations"] == 4
    got = cli.json(2020)
    assert got["open_offering"]["nps"] is None and got["open_offering"]["recommend_answers"] == 0
    assert_same(got, want)
    assert cli.json(2018) == {**FROZEN_2018, "targets": []}  # the purged year's frozen figures, kept as they were
    with cli.store().engine.connect() as c:
        assert c.execute(sa.text("select value from socius_meta where key = 'schema_version'")).scalar_one() == str(SCHEMA_VERSION)
        assert set(c.execute(sa.text("select period from organisations")).scalars()) == {""}
        assert c.execute(sa.text("select count(*) from evaluations where recommend is null")).scalar_one() == 2
        assert c.execute(sa.text("select count(*) from history")).scalar_one() == 0
        assert c.execute(sa.text("select count(*) from published")).scalar_one() == 0
    # The old register, re-imported without periods, is the same rows; the next period's
    # register, imported later, leaves 2020 as it was.
    res = cli("import", register(tmp_path, [[n, "ja" if r else "nee", None] for n, r in ORGS], "oud.xlsx"))
    assert res.exit_code == 0 and "Organisaties" in res.stdout
    with cli.store().engine.connect() as c:
        assert c.execute(sa.text("select count(*) from organisations")).scalar_one() == 3
    res = cli("import", register(tmp_path, [["Vormingplus Oost", "nee", "2021-2025"],
                                            ["Gemeente Y", "ja", "2021-2025"]], "nieuw.xlsx"))
    assert res.exit_code == 0, res.output
    assert_same(cli.json(2020), want)
    # the same participant key: a new registration of a known person is that person
    write_xlsx(tmp_path / "k4.xlsx", {"Activiteiten": [ACT_HEAD, ["K4", "Nog een", "2020-09-01", "online", 1]],
                                      "Inschrijvingen": [["Activiteit", "E-mail"], ["K4", "AN@example.org"]]})
    assert cli("import", tmp_path / "k4.xlsx").exit_code == 0
    o = cli.json(2020)["open_offering"]
    assert (o["participations"], o["persons_reached"]) == (5, want["open_offering"]["persons_reached"])
    assert cli.json(2018) == {**FROZEN_2018, "targets": []}


def test_the_first_import_after_the_upgrade_refreshes_the_old_cache(store_db, tmp_path, monkeypatch):
    monkeypatch.delenv("SOCIUS_KEY", raising=False)
    v1_store(store_db)
    cli = Cli(store_db)
    assert_same(cli.json(2019), v1_reference(2019))  # the stale v1 cache is not used
    write_xlsx(tmp_path / "k4.xlsx", {"Activiteiten": [ACT_HEAD, ["K4", "Nog een", "2020-09-01", "online", 1]]})
    assert cli("import", tmp_path / "k4.xlsx").exit_code == 0  # touches 2020 only
    with cli.store().engine.connect() as c:
        rows = dict(c.execute(sa.text("select year, version from year_figures")).all())
    assert rows == {2019: "2", 2020: "2"}  # 2019 too; 2018 is frozen
    assert_same(cli.json(2019), v1_reference(2019))
