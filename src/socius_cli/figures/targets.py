"""The policy plan's targets (streefcijfers) measured against the figures (contract section 4).

A target belongs to one indicator and one period: a year, whose figure is that year's, or a
span of years, whose figure is the span's total ("Figures over a span of years"), never each
year's. `met` compares the figure as the tables show it (a percentage or nps rounded half up
to a whole number, a count exactly) with the target in its direction.

Pure Python on purpose: the quick `stats` path (store/quick.py) reads the targets with
sqlite3 and assesses them here without SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..contract import Period, period_text
from ..formatting import round_half_up

# The numeric indicators a target may name, and the section of the year object that holds
# each (section 4 of the contract).
OPEN_OFFERING = ("activities", "half_days", "participations", "persons_reached", "primary_share_pct",
                 "secondary_share_pct", "unknown_target_group", "satisfaction_pct", "nps",
                 "recommend_answers", "recognised_orgs_total", "recognised_orgs_reached",
                 "recognised_reach_pct")
DEMAND_DRIVEN = ("requests_received", "requests_declined", "requests_accepted", "requests_pending",
                 "requests_supported", "supported_primary", "supported_secondary", "support_participants")
SECTION = {**dict.fromkeys(OPEN_OFFERING, "open_offering"), **dict.fromkeys(DEMAND_DRIVEN, "demand_driven")}
INDICATORS = (*OPEN_OFFERING, *DEMAND_DRIVEN)

AT_LEAST, AT_MOST = "at_least", "at_most"


@dataclass(frozen=True)
class Target:
    """One row of the targets table, as stored: `indicator` is a key of INDICATORS."""

    indicator: str
    period: Period
    target: float
    direction: str = AT_LEAST  # AT_LEAST or AT_MOST
    goal: str | None = None


# The stored columns a Target is made of, in this order (`from_rows`): read through SQLAlchemy
# (`figures.lookup.stored_targets`) and with sqlite3 alone (`store.quick.targets_sqlite`).
COLUMNS = ("indicator", "period_from", "period_until", "target", "direction", "goal")


def from_rows(rows: Iterable[Sequence[Any]]) -> list[Target]:
    """Targets from stored rows of COLUMNS, in the order given (the order of the targets table)."""
    return [Target(indicator, (int(first), int(last)), float(target), direction, goal)
            for indicator, first, last, target, direction, goal in rows]


def rounded(indicator: str) -> bool:
    """A percentage or nps is compared (and shown) as a whole number; a count exactly."""
    return indicator.endswith("_pct") or indicator == "nps"


def realised(indicator: str, figures: dict[str, Any]) -> float | int | None:
    """The figure a target of `indicator` is measured against, from a year object or a span's
    `total` (both have the sections `open_offering` and `demand_driven`)."""
    value = figures.get(SECTION[indicator], {}).get(indicator)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def met(target: Target, value: float | None) -> bool | None:
    """Whether `value` reaches the target in its direction; None when there is no figure."""
    if value is None:
        return None
    shown = float(round_half_up(value)) if rounded(target.indicator) else value
    return shown >= target.target if target.direction == AT_LEAST else shown <= target.target


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def assess(targets: Iterable[Target], period: Period, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract's `targets` list: each target whose period is exactly `period`, in the
    order given (the order of the targets table), with its figure and whether it was met."""
    out = []
    for t in targets:
        if t.period != period:
            continue
        value = realised(t.indicator, figures)
        out.append({"indicator": t.indicator, "period": period_text(t.period), "goal": t.goal,
                    "direction": t.direction, "target": _plain(t.target), "realised": value,
                    "met": met(t, value)})
    return out


def with_targets(figures: dict[str, Any], targets: Iterable[Target]) -> dict[str, Any]:
    """A year object with its `targets` (contract section 4): the targets of exactly that year.
    A new object: the figures themselves (cached, frozen, published) never hold targets."""
    year = int(figures["year"])
    return {**figures, "targets": assess(targets, (year, year), figures)}
