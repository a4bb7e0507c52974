"""Messages in the user's language: standard gettext catalogues, Dutch first.

Every message socius prints is written in English in the code, as the msgid, and marked:
`_("...")` translates it now, `ngettext(singular, plural, n)` picks the form for a count,
and `N_("...")` only marks a text (a catalogue entry, a help text) that is translated
later, where it is shown. Babel extracts the marked texts into `locale/socius.pot`; the
Dutch translations live in `locale/nl/LC_MESSAGES/socius.po` and ship compiled
(`socius.mo`) in the package. `scripts/messages.py` updates and compiles them, and
`tests/test_i18n.py` fails when a message has no Dutch translation or a catalogue is out of
date.

The language is Dutch unless `set_language("en")` chose English (the CLI does that for
`--lang en` or `language = "en"` in socius.toml); English is the msgids themselves.
Placeholders use `str.format` names, never f-strings, so that a catalogue can move them:
`_("{file}: the file is empty").format(file=name)`.

Numbers in messages go through `number` (1.440 in Dutch, 1,440 in English).
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "socius"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("nl", "en")
DEFAULT = "nl"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = ""
_loaded: dict[str, _gettext.NullTranslations] = {}


def _translations(lang: str) -> _gettext.NullTranslations:
    if lang not in _loaded:
        if lang == "en":  # the msgids are the English text
            _loaded[lang] = _gettext.NullTranslations()
        else:
            try:
                with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as fh:
                    _loaded[lang] = _gettext.GNUTranslations(fh)
            except OSError:  # an installation without its catalogue: English rather than a crash
                _loaded[lang] = _gettext.NullTranslations()
    return _loaded[lang]


def set_language(lang: str) -> None:
    """Speak `lang` ("nl" or "en") from now on; anything else is a ValueError."""
    global _active, _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _active = _translations(lang)
    _language = lang


def language() -> str:
    """The active language: "nl" or "en"."""
    if not _language:
        set_language(DEFAULT)
    return _language


def _(message: str) -> str:
    """`message` (an English msgid) in the active language."""
    if not _language:
        set_language(DEFAULT)
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural msgid for the count `n`, in the active language."""
    if not _language:
        set_language(DEFAULT)
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (it is translated where shown)."""
    return message


def number(value: float | int, digits: int = 0) -> str:
    """A number in a message, the way the active language writes it: 30.000 (nl), 30,000 (en)."""
    from .formatting import number as _number

    return _number(value, language(), digits)


def join(items: list[str]) -> str:
    """'a, b en c' (nl) or 'a, b and c' (en)."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
