"""One error hierarchy for the core; only the CLI prints them."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[^\s@'\"<>;,]+@[^\s@'\"<>;,]+")


def redact(text: str) -> str:
    """Messages never show an e-mail address, wherever it was typed (a misplaced column)."""
    if "@" not in text:
        return text
    from .i18n import _

    return _EMAIL.sub(_("(an e-mail address)").replace("\\", "\\\\"), text)


class SociusError(Exception):
    """A problem the user can act on; its message is one line, shown as is."""

    exit_code = 1


class UsageError(SociusError):
    """Wrong usage (exit status 2)."""

    exit_code = 2
