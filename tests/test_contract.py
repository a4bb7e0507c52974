"""contract.py: headers found whatever their case, spacing or remark, every alias, and the
table a sheet holds, by its name or by its headers (contract section 1)."""

from __future__ import annotations

import pytest

from socius_cli.contract import (
    ACTIVITIES,
    EVALUATIONS,
    ORGANISATIONS,
    REGISTRATIONS,
    REQUESTS,
    field_for_header,
    normalise_name,
    table_for_headers,
    table_for_sheet,
)


@pytest.mark.parametrize("raw,norm", [
    ("  E-mail ", "e mail"), ("e_mail", "e mail"), ("E   mail", "e mail"), ("Score (1-10)", "score"),
    ("Aantal_dagdelen", "aantal dagdelen"), ("Organisatie\u00a0", "organisatie"), ("Thèma", "thema"),
])
def test_header_normalisation(raw, norm):
    assert normalise_name(raw) == norm


def test_every_alias_is_found_after_normalisation():
    for table in (ACTIVITIES, REGISTRATIONS, EVALUATIONS, ORGANISATIONS, REQUESTS):
        for f in table.fields:
            for alias in f.aliases:
                variant = alias.upper().replace(" ", "_") + " (toelichting)"
                assert field_for_header(table, variant) is f, (table.name, alias)


@pytest.mark.parametrize("sheet,table", [
    ("Activiteiten", ACTIVITIES), ("Open aanbod", ACTIVITIES), ("open_aanbod", ACTIVITIES), ("aanbod", ACTIVITIES),
    ("Inschrijvingen", REGISTRATIONS), ("deelnemers", REGISTRATIONS), ("Deelnames", REGISTRATIONS),
    ("Evaluaties", EVALUATIONS), ("tevredenheid", EVALUATIONS),
    ("Erkende organisaties", ORGANISATIONS), ("organizations", ORGANISATIONS),
    ("Vragen", REQUESTS), ("Vraaggestuurde werking", REQUESTS), ("requests", REQUESTS),
])
def test_table_by_sheet_name(sheet, table):
    assert table_for_sheet(sheet) is table


def test_table_by_headers():
    assert table_for_headers(["Nr", "Ontvangen", "Beslissing"]) is REQUESTS
    assert table_for_headers(["Activiteit", "E-mail"]) is REGISTRATIONS
    assert table_for_headers(["Activiteit", "Cijfer"]) is EVALUATIONS
    assert table_for_headers(["Naam", "Erkend"]) is ORGANISATIONS
    assert table_for_headers(["Code", "Titel", "Datum", "Vorm", "Dagdelen"]) is ACTIVITIES
    assert table_for_headers(["Wat", "Hoeveel"]) is None
