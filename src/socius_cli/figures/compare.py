"""Two figure objects of one year compared figure by figure (plain Python, no store).

Used wherever figures must not move unnoticed: an import against the published figures
(`changes.py`), `socius stats` and `socius report` of a published year, and the warning of
an activity that moves to another year. `store/quick.py` needs it without SQLAlchemy, so
this module imports nothing but the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Figures = dict[str, Any]
Path = tuple[str, str, str | None]  # (section, indicator, item: format, theme or topic)

SECTIONS = ("open_offering", "demand_driven")
LISTS = {"themes": "theme", "topics": "topic"}


@dataclass(frozen=True)
class Difference:
    """One figure that differs: where it is (`section`, `indicator` as the contract's key,
    `item` the format, theme or topic of a listed figure, else None) and its two values."""

    section: str
    indicator: str
    item: str | None
    old: Any
    new: Any

    @property
    def key(self) -> str:
        """`persons_reached`, `formats.online`, `themes.participations[Diversiteit]`."""
        if self.item is None:
            return self.indicator
        if self.indicator == "formats":
            return f"formats.{self.item}"
        return f"{self.indicator}[{self.item}]"

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "indicator": self.indicator, "item": self.item,
                "old": self.old, "new": self.new}


def flatten(figures: Figures) -> Iterator[tuple[Path, Any]]:
    """Every figure of a year object as ((section, indicator, item), value)."""
    for section in SECTIONS:
        for key, value in (figures.get(section) or {}).items():
            if key == "formats":
                for fmt, n in value.items():
                    yield (section, "formats", fmt), n
            elif key in LISTS:
                label = LISTS[key]
                for entry in value:
                    for f, n in entry.items():
                        if f != label:
                            yield (section, f"{key}.{f}", entry[label]), n
            else:
                yield (section, key, None), value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def differences(old: Figures, new: Figures) -> list[Difference]:
    """The figures whose value differs between `old` and `new`, in the order of `new` (then
    those only in `old`). A theme, topic or format missing on one side counts 0 there; an
    indicator missing on one side (a figure added in a later version) is None there."""
    a = dict(flatten(old))
    b = dict(flatten(new))
    out: list[Difference] = []
    for path in [*b, *(p for p in a if p not in b)]:
        absent = 0 if path[2] is not None else None
        va, vb = a.get(path, absent), b.get(path, absent)
        if not _same(va, vb):
            out.append(Difference(path[0], path[1], path[2], va, vb))
    return out


@dataclass(frozen=True)
class PublishedStatus:
    """A published year (`socius publish`): when it was published (`at`, ISO 8601 UTC), by whom
    (`os_user`), and the figures that differ now (`old` the published value, `new` the value
    shown now)."""

    year: int
    at: str
    os_user: str
    differences: list[Difference]

    def as_json(self) -> dict[str, Any]:
        return {"published_at": self.at, "published_by": self.os_user,
                "differences": [{"section": d.section, "indicator": d.indicator, "item": d.item,
                                 "published": d.old, "now": d.new} for d in self.differences]}


def published_status(year: int, published: Figures, at: str, os_user: str, figures: Figures) -> PublishedStatus:
    """How `figures`, as shown now, compare with the `published` figures of `year`."""
    return PublishedStatus(year, at, os_user, differences(published, figures))
