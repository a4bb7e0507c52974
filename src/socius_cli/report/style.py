"""The house style of the report: a logo and two colours, set in `socius.toml`:

    [report]
    logo = "logo.png"                    # relative to socius.toml; .png, .jpg, .gif, .webp or .svg
    colours = ["#0b5cad", "#f2a900"]     # the main colour, and an accent colour (optional)

The main colour carries text: headings, the title band (white text on it), the key figures,
links and the bars of the charts, so it must be dark enough to read against white (a
contrast of at least 4.5:1, WCAG's rule for body text); `socius.toml` is refused otherwise.
The accent colour is used for lines and chart bars only, never for text, so any colour
will do. Two lighter tints of the main colour are derived from it (the previous year's bars,
the background of cards and fact boxes).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from socius_cli.errors import SociusError
from socius_cli.i18n import _
from socius_cli.report.editorial import IMAGE_TYPES as LOGO_TYPES  # the photos' types

# The built-in colours: dark blue, orange, and the light blue and grey wash made for them.
COLOUR, ACCENT, TINT, WASH = "#1f4e79", "#d9822b", "#9dc3e6", "#f3f6f9"
MIN_CONTRAST = 4.5  # the main colour against white (WCAG AA for normal text)
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class HouseStyle:
    """The report's look: `logo` (the logo as a data URI, or None), `colour` (the main colour:
    headings, the title band, key figures, chart bars), `accent` (lines and the second chart
    series), `tint` (a light tint of the main colour: the previous year in charts) and `wash`
    (a very light tint: the background of cards and fact boxes); all colours as `#rrggbb`."""

    logo: str | None = None
    colour: str = COLOUR
    accent: str = ACCENT
    tint: str = TINT
    wash: str = WASH


def parse_colour(text: str) -> str | None:
    """`#rgb` or `#rrggbb` as lower-case `#rrggbb`; None for anything else."""
    if not isinstance(text, str) or not _HEX.match(text.strip()):
        return None
    digits = text.strip()[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb`."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix_with_white(colour: str, white: float) -> str:
    """`colour` mixed with a share `white` (0-1) of white."""
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in _rgb(colour))


def house_style(colours: tuple[str, ...] | None = None, logo: Path | None = None) -> HouseStyle:
    """The style from `[report] colours` (checked colours, `#rrggbb`) and `[report] logo`
    (a file, read and embedded here: a missing or unreadable file is a one-line error)."""
    uri = load_logo(logo) if logo is not None else None
    if not colours:
        return HouseStyle(logo=uri)
    colour = colours[0]
    accent = colours[1] if len(colours) > 1 else ACCENT
    return HouseStyle(logo=uri, colour=colour, accent=accent,
                      tint=mix_with_white(colour, 0.6), wash=mix_with_white(colour, 0.94))


def load_logo(path: Path) -> str:
    """The logo file as a data URI (embedded, so the report stays one self-contained file)."""
    where = _("socius.toml, [report] logo")
    ext = path.suffix.lower()
    if ext not in LOGO_TYPES:
        raise SociusError(_("logo {path}: use a .png, .jpg, .gif, .webp or .svg file ({where})").format(
            path=path, where=where))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SociusError(_("logo not found: {path} ({where})").format(path=path, where=where)) from None
    except OSError as e:
        raise SociusError(_("cannot read the logo {path} ({reason}; {where})").format(
            path=path, reason=e.strerror, where=where)) from None
    mime, magic = LOGO_TYPES[ext]
    if (magic is not None and not data.startswith(magic)) or (magic is None and b"<svg" not in data[:4096]):
        raise SociusError(_("logo {path} is not a valid {kind} file ({where})").format(
            path=path, kind=ext[1:].upper(), where=where))
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
