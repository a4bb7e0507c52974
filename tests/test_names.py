"""The user's own names in socius.toml (contract section 5 v2): [tables], [columns.TABLE] and
[values.LIST] add to the built-in names; a name meaning two things, and every other problem of
socius.toml, is one line naming its line. The README's two worked examples import as it says."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest
from helpers import REPO, write_xlsx

from socius_cli.config import load
from socius_cli.errors import SociusError
from socius_cli.names import UserNames, parse


def _names(text: str) -> UserNames:
    return parse(tomllib.loads(text), text)


def _error(text: str) -> str:
    with pytest.raises(SociusError) as exc:
        _names(text)
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_names_are_added_to_the_contract():
    names = _names('[tables]\nevaluations = ["Formulierreacties 1"]\n'
                   '[columns.registrations]\nattended = ["Status"]\naanwezig = "Aanwezigheid"\n'
                   '[values.attended]\nnee = ["Geannuleerd", "Afgemeld"]\n'
                   '[values.werkvorm]\nonline = ["Zoom", "Teams"]\n')
    tables = {t.name: t for t in names.tables()}
    assert "Formulierreacties 1" in tables["evaluations"].sheet_names
    attended = tables["registrations"].field("attended")
    assert attended.aliases[-2:] == ("Status", "Aanwezigheid")
    assert dict(attended.words) == {"geannuleerd": False, "afgemeld": False}
    assert dict(tables["activities"].field("format").words) == {"zoom": "online", "teams": "online"}
    assert tables["requests"].field("supported").words == ()  # [values.attended] is that column only


def test_yes_no_words_for_every_yes_no_column():
    tables = {t.name: t for t in _names('[values.yes_no]\nyes = ["Oui"]\n').tables()}
    assert dict(tables["organisations"].field("recognised").words) == {"oui": True}
    assert dict(tables["activities"].field("planned").words) == {"oui": True}


def test_the_words_are_read_by_the_one_cell_rule():
    from socius_cli.ingest.values import BadValue, typed

    tables = {t.name: t for t in _names('[values.attended]\nno = ["Geannuleerd"]\n').tables()}
    attended = tables["registrations"].field("attended")
    assert typed(attended, " GEANNULEERD ") is False and typed(attended, "ja") is True
    with pytest.raises(BadValue):
        typed(attended, "Bevestigd")


@pytest.mark.parametrize(("text", "line", "both"), [
    ('[tables]\nregistrations = ["Vragen"]\n', 2, ("inschrijvingen", "vragen")),
    ('[tables]\nregistrations = ["Export"]\nrequests = ["export"]\n', 3, ("inschrijvingen", "vragen")),
    ('# mijn namen\n[columns.requests]\ntopic = ["Status"]\n', 3, ("Beslissing", "Onderwerp")),
    ('[columns.registrations]\nattended = ["Status"]\norganisation = [\n  "Organisatie",\n  "status",\n]\n', 5,
     ("Aanwezig", "Organisatie")),
    ('[values.attended]\nno = ["ja"]\n', 2, ("ja", "nee")),
    ('[values.status]\naccepted = ["Goedgekeurd"]\ndeclined = ["goedgekeurd"]\n', 3, ("aanvaard", "afgewezen")),
])
def test_a_name_that_would_mean_two_things_names_both_and_its_line(text, line, both):
    from socius_cli.i18n import set_language

    set_language("nl")
    message = _error(text)
    assert message.startswith(f"socius.toml, regel {line}: ")
    assert all(b in message for b in both), message
    assert "zou" in message and "twee" in message


@pytest.mark.parametrize(("text", "line", "words"), [
    ('[tables]\ninschrijving = ["X"]\n', 2, ("inschrijving", "inschrijvingen")),
    ('[columns.registrations]\nparticpant = ["Mail"]\n', 2, ("particpant", "participant")),
    ('[columns.inschrijvingen]\n\nattendd = ["Status"]\n', 3, ("attendd", "attended")),
    ('[values.atended]\nno = ["Geannuleerd"]\n', 1, ("atended", "attended")),
    ('[values.attended]\nnope = ["Geannuleerd"]\n', 2, ("nope",)),
    ('[columns.registrations]\nattended = [1, 2]\n', 2, ("list of names",)),
    ('[tables]\nregistrations = "ok"\n[values]\nformat = "Zoom"\n', 4, ("section",)),
])
def test_every_other_problem_is_one_line_with_its_line(text, line, words):
    message = _error(text)
    assert message.startswith(f"socius.toml, line {line}: "), message
    assert all(w in message for w in words), message


def test_problems_of_the_settings_name_their_line(tmp_path):
    for text, line, words in [
        ('db = "x.db"\nlangauge = "en"\n', 2, ("langauge", "language")),
        ('db = "x.db"\n\nlanguage = "fr"\n', 3, ("'fr'",)),
        ('organisation = "Socius"\ndb = 3\n', 2, ("db",)),
        ('db = "x.db"\n[import]\npaths = [1]\n', 3, ("paths",)),
        ('db = "x.db"\norganisation = Socius\n', 2, ("quotes",)),
        ('db = "a.db"\ndb = "b.db"\n', 2, ("already",)),
    ]:
        (tmp_path / "socius.toml").write_text(text)
        with pytest.raises(SociusError) as exc:
            load(tmp_path)
        assert str(exc.value).startswith(f"socius.toml, line {line}: "), (text, str(exc.value))
        assert all(w in str(exc.value) for w in words), (text, str(exc.value))
    (tmp_path / "socius.toml").write_text('db = "x.db"\npublish = true\n')  # a newer socius' setting
    assert load(tmp_path).db.endswith("x.db")


def test_a_problem_in_socius_toml_stops_the_cli_with_one_dutch_line(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text('[columns.requests]\ntopic = ["Status"]\n')
    res = sqlite_cli("import", tmp_path)
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        "fout: socius.toml, regel 2: de kop 'Status' zou in vragen twee kolommen betekenen: Beslissing en "
        "Onderwerp; geef hem aan één van beide"]


README_TEXT = (REPO / "README.md").read_text(encoding="utf-8")


def _readme_toml(after: str) -> str:
    """The first ```toml block of the README after the text `after`."""
    start = README_TEXT.index(after)
    return re.search(r"```toml\n(.*?)```", README_TEXT[start:], flags=re.S).group(1)


def test_readme_example_google_forms_evaluations(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text(_readme_toml("Example 1: a Google Forms evaluation"))
    acts = write_xlsx(tmp_path / "activiteiten.xlsx", {"Activiteiten": [
        ["Code", "Titel", "Datum", "Werkvorm", "Dagdelen"],
        ["OA2020-07", "Vrijwilligers 101", dt.datetime(2020, 3, 2), "fysiek", 2]]})
    form = write_xlsx(tmp_path / "Evaluatie vormingen (antwoorden).xlsx", {"Formulierreacties 1": [
        ["Tijdstempel", "E-mailadres", "Welke activiteit volgde je?", "Hoeveel punten op 10 geef je deze activiteit?",
         "Wat kan beter?"],
        [dt.datetime(2020, 3, 3, 9, 12), "an@example.org", "OA2020-07", 8, "Meer pauzes"],
        [dt.datetime(2020, 3, 3, 9, 40), "bo@example.org", "OA2020-07", 6, None]]})
    res = sqlite_cli("import", acts, form)
    assert res.exit_code == 0, res.output
    assert "onbekende kolom(men) genegeerd: 'Tijdstempel', 'E-mailadres', 'Wat kan beter?'" in res.stderr
    assert sqlite_cli.json(2020)["open_offering"]["satisfaction_pct"] == 70.0
    (tmp_path / "socius.toml").unlink()
    skipped = sqlite_cli("import", form)  # without the names: skipped, and why
    assert skipped.exit_code == 1 and "[tables] in socius.toml" in skipped.stderr


def test_readme_example_a_status_column_with_cancelled_registrations(sqlite_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "socius.toml").write_text(_readme_toml("Example 2: registrations with a status"))
    path = write_xlsx(tmp_path / "export.xlsx", {
        "Activiteiten": [["Code", "Titel", "Datum", "Werkvorm", "Dagdelen"],
                         ["OA2020-07", "Vrijwilligers 101", dt.datetime(2020, 3, 2), "fysiek", 2]],
        "Deelnemerslijst": [["Activiteit", "Voornaam", "Familienaam", "E-mailadres", "Organisatie", "Status"],
                            ["OA2020-07", "An", "Peeters", "an@example.org", None, "Bevestigd"],
                            ["OA2020-07", "Bo", "Maes", "bo@example.org", None, "Geannuleerd"],
                            ["OA2020-07", "Cas", "Claes", "cas@example.org", None, "bevestigd"]]})
    res = sqlite_cli("import", path)
    assert res.exit_code == 0, res.output
    figures = sqlite_cli.json(2020)["open_offering"]
    assert figures["participations"] == 2 and figures["persons_reached"] == 2  # Bo cancelled
    wrong = write_xlsx(tmp_path / "export2.xlsx", {"Deelnemerslijst": [
        ["Activiteit", "E-mailadres", "Status"], ["OA2020-07", "dirk@example.org", "Wachtlijst"]]})
    res = sqlite_cli("import", wrong)
    assert res.exit_code == 1
    assert "rij 2, kolom C 'Status' (Aanwezig): er staat 'Wachtlijst'; vul ja of nee in" in res.stderr
