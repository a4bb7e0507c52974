"""Figures for the report tests: the contract's example year 2020 and an invented 2019.

2020 holds the figures of Socius' real progress report (the data contract's example);
the themes, topics and all of 2019 are invented.
"""

from __future__ import annotations

import copy
from typing import Any

STATS_2020: dict[str, Any] = {
    "year": 2020,
    "open_offering": {
        "activities": 50,
        "half_days": 170,
        "participations": 1800,
        "persons_reached": 1440,
        "primary_share_pct": 55.0,
        "secondary_share_pct": 45.0,
        "unknown_target_group": 0,
        "satisfaction_pct": 77.0,
        "recognised_orgs_total": 125,
        "recognised_orgs_reached": 105,
        "recognised_reach_pct": 84.0,
        "formats": {"onsite": 18, "online": 22, "blended": 10},
        "themes": [
            {"theme": "Organisatieontwikkeling", "activities": 11, "half_days": 38,
             "participations": 402},
            {"theme": "Werken met vrijwilligers", "activities": 9, "half_days": 30,
             "participations": 356},
            {"theme": "Burgerinitiatieven", "activities": 8, "half_days": 26,
             "participations": 281},
            {"theme": "Diversiteit", "activities": 7, "half_days": 24,
             "participations": 240},
            {"theme": "Leidinggeven", "activities": 6, "half_days": 22,
             "participations": 199},
            {"theme": "Communicatie", "activities": 5, "half_days": 16,
             "participations": 182},
            {"theme": "Sociaal-culturele praktijken", "activities": 4, "half_days": 14,
             "participations": 140},
        ],
    },
    "demand_driven": {
        "requests_received": 69,
        "requests_declined": 29,
        "requests_accepted": 40,
        "requests_pending": 0,
        "requests_supported": 37,
        "supported_primary": 22,
        "supported_secondary": 15,
        "support_participants": 175,
        "topics": [
            {"topic": "Beleidsplanning", "requests": 17},
            {"topic": "Impactgedreven werken", "requests": 14},
            {"topic": "Rollen en functies", "requests": 12},
            {"topic": "Werken met vrijwilligers", "requests": 11},
            {"topic": "Diversiteit", "requests": 8},
            {"topic": "Communicatiestrategie", "requests": 7},
        ],
    },
}

STATS_2019: dict[str, Any] = {
    "year": 2019,
    "open_offering": {
        "activities": 46,
        "half_days": 158,
        "participations": 1620,
        "persons_reached": 1310,
        "primary_share_pct": 58.0,
        "secondary_share_pct": 42.0,
        "unknown_target_group": 0,
        "satisfaction_pct": 79.5,
        "recognised_orgs_total": 124,
        "recognised_orgs_reached": 96,
        "recognised_reach_pct": 77.41935483870968,
        "formats": {"onsite": 41, "online": 3, "blended": 2},
        "themes": [
            {"theme": "Organisatieontwikkeling", "activities": 12, "half_days": 40,
             "participations": 420},
            {"theme": "Werken met vrijwilligers", "activities": 10, "half_days": 34,
             "participations": 350},
            {"theme": "Diversiteit", "activities": 9, "half_days": 30,
             "participations": 300},
            {"theme": "Leidinggeven", "activities": 8, "half_days": 28,
             "participations": 290},
            {"theme": "Communicatie", "activities": 7, "half_days": 26,
             "participations": 260},
        ],
    },
    "demand_driven": {
        "requests_received": 61,
        "requests_declined": 24,
        "requests_accepted": 37,
        "requests_pending": 0,
        "requests_supported": 33,
        "supported_primary": 21,
        "supported_secondary": 12,
        "support_participants": 160,
        "topics": [
            {"topic": "Beleidsplanning", "requests": 20},
            {"topic": "Rollen en functies", "requests": 15},
            {"topic": "Werken met vrijwilligers", "requests": 14},
            {"topic": "Diversiteit", "requests": 12},
        ],
    },
}


def stats_2020() -> dict[str, Any]:
    return copy.deepcopy(STATS_2020)


def stats_2019() -> dict[str, Any]:
    return copy.deepcopy(STATS_2019)
