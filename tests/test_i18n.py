"""Messages in the staff's language (issue #9, contract section 5 v2): gettext catalogues that are
complete and up to date, Dutch by default, English on request, numbers the Flemish way."""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import string
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from helpers import REPO, subprocess_pythonpath

from socius_cli import i18n


def _messages_script():
    spec = importlib.util.spec_from_file_location("messages_script", REPO / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MESSAGES = _messages_script()


def _ids(catalog) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def _po(lang: str = "nl"):
    with MESSAGES.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def test_every_message_in_the_code_is_in_the_catalogues():
    extracted = _ids(MESSAGES.extract())
    assert len(extracted) > 300  # the extraction finds the messages at all
    with MESSAGES.POT.open("rb") as fh:
        template = _ids(read_po(fh))
    po = _ids(_po())
    new = extracted - po
    assert new == set(), f"new messages: run python scripts/messages.py and translate them: {sorted(map(str, new))}"
    assert extracted == template, "socius.pot is out of date: run python scripts/messages.py"
    assert po == extracted, f"messages no longer in the code: {sorted(map(str, po - extracted))}"


def test_every_message_has_a_dutch_translation():
    untranslated = []
    for m in _po():
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(s.strip() for s in strings):
            untranslated.append(m.id)
    assert untranslated == []


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_translations_keep_the_placeholders():
    wrong = []
    for m in _po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set().union(*(_fields(i) for i in ids))
        for s in strings:
            if _fields(s) != want:
                wrong.append((m.id, s))
    assert wrong == []


def test_the_compiled_catalogue_is_the_po_file():
    """The .mo that ships is the .po compiled; a .po edited without compiling fails here."""
    with MESSAGES.mo_path("nl").open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    with MESSAGES.po_path("nl").open("rb") as fh:
        fresh = gettext.GNUTranslations(io.BytesIO(MESSAGES.compiled(read_po(fh, locale="nl"))))
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


def test_the_script_says_the_catalogues_are_up_to_date():
    assert MESSAGES.main(["--check"]) == 0


def test_dutch_is_the_default_and_english_is_the_msgid():
    i18n.set_language("nl")
    assert i18n._("rows {rows}") == "rijen {rows}"
    assert i18n.ngettext("{n} row", "{n} rows", 1) == "{n} rij"
    assert i18n.ngettext("{n} row", "{n} rows", 30_000).format(n=i18n.number(30_000)) == "30.000 rijen"
    assert i18n.join(["a", "b", "c"]) == "a, b en c"
    i18n.set_language("en")
    assert i18n._("rows {rows}") == "rows {rows}"
    assert i18n.ngettext("{n} row", "{n} rows", 30_000).format(n=i18n.number(30_000)) == "30,000 rows"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_the_progress_bar_counts_rows_in_the_language():
    from rich.progress import Progress

    from socius_cli.cli import _Rows

    with Progress(disable=True) as bar:
        task = bar.add_task("x", total=None, completed=30_000)
        i18n.set_language("nl")
        assert str(_Rows().render(bar.tasks[task])) == "30.000 rijen"
        i18n.set_language("en")
        assert str(_Rows().render(bar.tasks[task])) == "30,000 rows"


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "socius_cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_help_is_dutch_by_default_and_english_with_lang_en(tmp_path):
    nl = _run("import", "--help", cwd=tmp_path)
    assert nl.returncode == 0
    assert "Gebruik: socius import [OPTIES] [BESTAND_OF_MAP...]" in nl.stdout
    assert "Opties:" in nl.stdout and "Toon deze hulp en stop." in nl.stdout
    assert "--problems BESTAND" in nl.stdout and "--db BESTAND|URL" in nl.stdout
    en = _run("import", "--help", "--lang", "en", cwd=tmp_path)
    assert "Usage: socius import [OPTIONS] [PATH...]" in en.stdout and "Show this message and exit." in en.stdout
    (tmp_path / "socius.toml").write_text('language = "en"\n')
    assert "Usage:" in _run("--help", cwd=tmp_path).stdout


def test_help_shows_no_type_names_and_no_cut_descriptions(tmp_path):
    from typer.main import get_command

    from socius_cli.cli import app

    top = _run("--help", cwd=tmp_path).stdout
    assert "..." not in top.split("Opdrachten:")[1]  # every description whole
    for name in get_command(app).commands:
        text = _run(name, "--help", cwd=tmp_path).stdout
        assert not re.search(r"<(str|int|path)>", text), (name, text)


def test_every_help_text_is_translated():
    from typer.main import get_command

    from socius_cli.cli import app
    from socius_cli.helptext import localise

    group = get_command(app)
    i18n.set_language("nl")
    localise(group)
    seen = [group.help]
    for command in group.commands.values():
        seen += [command.help, command.short_help]
        seen += [p.help for p in command.params if getattr(p, "help", None)]
    english = [text for text in seen if text and text == i18n._(text) and text in _ids(_po())]
    assert english == []
    assert all("Toon" in (p.help or "") or p.help for p in group.params)


def test_usage_errors_are_dutch(tmp_path):
    for command in ("stats", "report"):  # YEAR or FROM-UNTIL
        res = _run(command, "abc", cwd=tmp_path)
        assert res.returncode == 2
        assert "fout: 'abc' is geen jaar (2020) en geen reeks jaren (2016-2020)" in res.stderr
    res = _run("explain", "abc", "activities", cwd=tmp_path)
    assert res.returncode == 2
    assert "Fout: 'JAAR': vul een getal in, niet 'abc'." in res.stderr
    res = _run("statz", cwd=tmp_path)
    assert res.returncode == 2 and "Onbekende opdracht 'statz'. Bedoel je 'stats'?" in res.stderr
    res = _run("purge", cwd=tmp_path)
    assert res.returncode == 2 and "De optie '--before' ontbreekt." in res.stderr
    res = _run("stats", "abc", "--lang", "en", cwd=tmp_path)
    assert "error: 'abc' is not a year (2020) or a span of years (2016-2020)" in res.stderr
    res = _run("explain", "abc", "activities", "--lang", "en", cwd=tmp_path)
    assert "Error: Invalid value for 'YEAR': 'abc' is not a number." in res.stderr


def test_a_store_error_is_dutch_and_one_line(tmp_path):
    res = _run("stats", "--db", str(tmp_path / "geen.db"), cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        f"fout: geen opslag in {tmp_path / 'geen.db'}: lees eerst gegevens in met `socius import`"]


def test_numbers_in_messages_are_flemish():
    from socius_cli.problems import unchecked_text

    i18n.set_language("nl")
    assert unchecked_text((("rows", 1),)) == "Daardoor is 1 rij van dit werkblad niet nagekeken."
    assert unchecked_text((("rows", 108), ("registrations", 4170))) == (
        "Daardoor zijn 108 rijen van dit werkblad en 4.170 inschrijvingen niet nagekeken.")
    i18n.set_language("en")
    assert unchecked_text((("registrations", 4170), ("evaluations", 1))) == (
        "So 4,170 registrations and 1 evaluation were not checked.")


def test_a_missing_catalogue_falls_back_to_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})
    i18n.set_language("nl")
    assert i18n._("rows {rows}") == "rows {rows}"
