"""Escaping text from spreadsheets and editorial files for Markdown output.

HTML output is escaped by jinja2's autoescape; Markdown has no such thing, so every value
that reaches a Markdown report goes through `md_escape` (the Markdown template environment
does it for every `{{ ... }}` automatically; see `render.py`).
"""

from __future__ import annotations

import re

# Backslash-escape the ASCII punctuation that starts Markdown syntax anywhere in a line:
# emphasis, code, links and images (no `[` means no link, so `(` and `!` stay), raw HTML,
# entities, table cells, headings, strikethrough.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
# GitHub turns bare addresses into links (autolinks) even when escaped; a word joiner
# (U+2060, invisible) after the scheme or `www` keeps a value from data plain text.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=[:.])")
# At the start of a line: list markers and setext underlines.
_LINE_START = re.compile(r"^([ \t]*)([-+=]|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)


class MdSafe(str):
    """A string that is already valid, escaped Markdown (not escaped again)."""


def md_escape(value: object, *, inline: bool = True, autolinks: bool = True) -> MdSafe:
    """Make `value` literal text in Markdown: `a|b` stays `a|b` in a table cell,
    `<script>` stays text, `[x](y)` does not become a link.

    With `inline` (the default) line breaks become spaces, so a value cannot break a table
    row or start a new block. `autolinks=False` leaves out the invisible word joiner that keeps
    a bare address from becoming a link: for the text of a link, where nothing is autolinked
    and the joiner would only be copied along with the text.
    """
    if isinstance(value, MdSafe):
        return value
    s = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if inline:
        s = " ".join(s.split("\n"))
    s = _SPECIAL.sub(r"\\\1", s)
    if autolinks:
        s = _AUTOLINK.sub("\\1\u2060", s)
    s = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), s)
    return MdSafe(s)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
