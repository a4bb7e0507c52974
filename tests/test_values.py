"""ingest/values.py: the contract's cell rules (section 1, "Cell values"), one by one."""

import datetime as dt

import pytest

from socius_cli.ingest.values import (
    BadValue,
    identity_key,
    is_blank,
    parse_count,
    parse_date,
    parse_format,
    parse_number,
    parse_status,
    parse_target_group,
    parse_text,
    parse_yesno,
)


@pytest.mark.parametrize("raw", ["ja", "Ja", "JA ", "yes", "true", "TRUE", "waar", "Waar", "1", "x", "X", 1, 1.0, True])
def test_yes(raw):
    assert parse_yesno(raw) is True


@pytest.mark.parametrize("raw", ["nee", "Nee", "no", "false", "onwaar", "0", 0, 0.0, False])
def test_no(raw):
    assert parse_yesno(raw) is False


@pytest.mark.parametrize("raw", ["misschien", "y", "2", 2, "ja nee"])
def test_yesno_rejects(raw):
    with pytest.raises(BadValue):
        parse_yesno(raw)


@pytest.mark.parametrize("raw", [
    "2020-05-15", "15/05/2020", "15-05-2020", "15.05.2020", " 15/5/2020 ",
    dt.datetime(2020, 5, 15, 14, 30), dt.date(2020, 5, 15), "2020-05-15 00:00:00",
])
def test_dates_day_first(raw):
    assert parse_date(raw) == dt.date(2020, 5, 15)


def test_ambiguous_text_date_is_day_first():
    assert parse_date("03/04/2020") == dt.date(2020, 4, 3)


@pytest.mark.parametrize("raw", ["31/02/2020", "2020/05/15", "15 mei 2020", "05/15/2020", "15/05/20", 43966, 43966.0, True])
def test_dates_rejected(raw):
    with pytest.raises(BadValue):
        parse_date(raw)


@pytest.mark.parametrize("raw,value", [("2,5", 2.5), ("2.5", 2.5), (" 3 ", 3.0), (4, 4.0), (1.5, 1.5), ("-1", -1.0), (",5", 0.5)])
def test_numbers(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["twee", "2,5,1", "1.440,5", "", "nan", "inf", True])
def test_numbers_rejected(raw):
    with pytest.raises(BadValue):
        parse_number(raw)


def test_count_whole_and_not_negative():
    assert parse_count("12") == 12
    assert parse_count(12.0) == 12
    for bad in ("1,5", -1, "-3"):
        with pytest.raises(BadValue):
            parse_count(bad)


def test_text_trimmed_and_blank():
    assert parse_text("  Vorming \u00a0") == "Vorming"
    assert parse_text("007") == "007"
    assert parse_text(12.0) == "12"
    assert is_blank("   ") and is_blank(None) and is_blank("\u00a0")
    assert not is_blank("0")


@pytest.mark.parametrize("raw,fmt", [
    ("Fysiek", "onsite"), ("ter plaatse", "onsite"), ("Offline", "onsite"), ("On-site", "onsite"), ("onsite", "onsite"),
    ("online", "online"), ("Digitaal", "online"), ("virtueel", "online"),
    ("blended", "blended"), ("Hybride", "blended"), ("hybrid", "blended"), ("gemengd", "blended"),
])
def test_formats(raw, fmt):
    assert parse_format(raw) == fmt


@pytest.mark.parametrize("raw,tg", [
    ("primair", "primary"), ("Primaire doelgroep", "primary"), ("primary", "primary"),
    ("secundair", "secondary"), ("Secundaire doelgroep", "secondary"), ("secondary", "secondary"),
])
def test_target_groups(raw, tg):
    assert parse_target_group(raw) == tg


@pytest.mark.parametrize("raw,status", [
    ("aanvaard", "accepted"), ("Positief", "accepted"), ("ja", "accepted"), ("accepted", "accepted"), ("yes", "accepted"),
    ("afgewezen", "declined"), ("geweigerd", "declined"), ("nee", "declined"), ("declined", "declined"), ("no", "declined"),
    ("in behandeling", "pending"), ("pending", "pending"),
])
def test_statuses(raw, status):
    assert parse_status(raw) == status


def test_unknown_vocabulary_rejected():
    for parse in (parse_format, parse_target_group, parse_status):
        with pytest.raises(BadValue):
            parse("iets anders")


def test_identity_ignores_case_spaces_and_unicode_form():
    a = identity_key(" Jan.Peeters@Example.org ")
    assert a == identity_key("jan.peeters@example.org")
    assert identity_key("e\u0301lise@example.org") == identity_key("\u00e9lise@example.org")
    assert identity_key("jan@example.org") != identity_key("jan2@example.org")


def test_live_is_on_site():
    assert parse_format("Live") == "onsite"
