"""Messages in the user's language (stub: English only; the gettext module replaces it).

Every user-facing message is written as `_("English text with {placeholders}").format(...)`
(or `ngettext(singular, plural, n)` where a count decides the form), so that the real
module can look the English text up in its Dutch translation.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the configured language (here: the English text itself)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for the count `n`."""
    return singular if n == 1 else plural


def set_language(lang: str) -> None:
    """Choose the language of messages (here: nothing to choose)."""
