#!/usr/bin/env python3
"""Write `sample_data/` as Socius' staff would keep it, and prove it reproduces 2020.

    python scripts/make_sample_data.py

Everything is invented: people (with @example.org addresses), organisations, places.
The generator is seeded, so a re-run writes the same content (the workbook is even
byte-identical: its zip timestamps and document dates are fixed).

Files written:
- sample_data/socius-2019-2020.xlsx  sheets Info, Activiteiten, Inschrijvingen,
                                      Evaluaties, Erkende organisaties
- sample_data/vragen.csv             the requests (demand-driven work), ; delimited,
                                      UTF-8 with BOM, dates day-first as text
- sample_data/erkende-organisaties-2021-2025.xlsx
                                     the register of the next policy period: it differs
                                      from 2016-2020 and changes no figure of 2019 or 2020
- sample_data/streefcijfers.xlsx     the targets of the policy plan 2016-2020: for the year
                                      2020 (some met, some not) and for the whole period

The register in the workbook holds the period 2016-2020 (column Periode); the evaluations
of the autumn of 2020 answer the recommendation question (column Aanbeveling), giving a
Net Promoter Score of +34. Both are drawn from random generators of their own, after
everything else, so every figure of the years before them stays as it was.

After writing, the files are read back with plain Python (tests/reference.py reads them
the way the contract says) and the 2020 figures of the progress report are asserted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path
from random import Random

import openpyxl
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sample_data"
sys.path.insert(0, str(ROOT / "tests"))

import reference  # noqa: E402  (tests/reference.py)

WORKBOOK = "socius-2019-2020.xlsx"
REQUESTS_CSV = "vragen.csv"
REGISTER_2021 = "erkende-organisaties-2021-2025.xlsx"
TARGETS = "streefcijfers.xlsx"
PERIOD = "2016-2020"  # the policy period of the sample years
NEXT_PERIOD = "2021 – 2025"  # typed with an en dash and spaces, as Word and Excel make it
NPS_2020 = 34.0  # the recommendation question, asked from September 2020
RECOMMEND_FROM = dt.date(2020, 9, 1)
FIXED_TIME = dt.datetime(2021, 1, 15, 9, 30, 0)

# The figures of the 2020 progress report (seed/voortgangsrapport-2020.txt).
EXPECTED_2020 = {
    "activities": 50, "half_days": 170, "persons_reached": 1440,
    "primary_share_pct": 55.0, "secondary_share_pct": 45.0, "unknown_target_group": 0,
    "satisfaction_pct": 77.0, "recognised_reach_pct": 84.0,
    "recognised_orgs_total": 125, "recognised_orgs_reached": 105,
    "formats": {"onsite": 18, "online": 22, "blended": 10},
}
EXPECTED_2020_DEMAND = {
    "requests_received": 69, "requests_declined": 29, "requests_accepted": 40,
    "requests_pending": 0, "requests_supported": 37, "supported_primary": 22,
    "supported_secondary": 15, "support_participants": 175,
}
PARTICIPATIONS_2020 = 1860  # 1023 primary (55%) + 837 secondary (45%)
PRIMARY_2020 = 1023

# ----------------------------------------------------------------------------- words

FIRST = """Jan Els An Pieter Sofie Lotte Wout Fatima Mohamed Yusuf Zoë Noël Chloé Amélie
Jérôme Aïcha Seppe Hanne Lien Bram Tine Griet Koen Kristof Nele Ine Joris Ward Fien Mira
Rania Ibrahim Olga Piotr Marie Louis Emma Lucas Ella Arthur Nora Jules Lena Finn Julie
Matthias Eva Tom Sarah Dirk Hilde Kaat Stijn Inge Bart Katrien Geert Veerle Wim Liesbeth
Maarten Annelies Thomas Elke Hasan Meryem Samir Nadia Kwame Ama Ngozi Dries Jasper Roel
Sanne Leen Marieke Hélène Renée Luc Mieke Johan Ilse Ruben Charlotte Tuur Jolien Femke
Gert Ahmed Leila Sven Karen""".split()
LAST = """Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De_Smet
Van_den_Broeck Dubois Lambert El_Amrani Yilmaz Kowalski Hermans Aerts Vermeulen Desmet
Van_Damme Pauwels Michiels Cools Verhoeven Declercq Smets Lemmens Coppens Vandenberghe
De_Backer Segers Van_Acker Bogaert Stevens Verstraete Martens Leclercq Hendrickx Claeys
Van_Hove De_Wilde Wuyts Geerts Dewulf Verbruggen Bosmans Vercammen Timmermans Mahieu
Nys Vandamme Devos Baert Moens Sels Wauters Coenen Dierickx Boeckx Ceulemans Gielen
Bertels Van_Laere Haesendonck Ouali Benali Kaya Demir Nowak Okafor Mensah Diallo Ndiaye
Fontaine Lefèvre Mercier Rousseau Dumont Ghysels Van_Rompaey Desaever Luyten Thys
Schepers Verlinden D'Hondt Van_Gestel""".split()
LAST = [w.replace("_", " ") for w in LAST]

PLACES = """Lindenberge Oosterhoeve Bremdaal Kastelbeek Ravenhout Zilverbeek Heidevoorde
Wilgendonk Sterregem Hazelrode Berkeloo Kwakkelbeek Vlasgaarde Eikenzele Duinhout Rozendries
Merelgem Vossenhage Kapelvoorde Beukendaal Linderhout Klaverbeke Zonnedries Molenzele""".split()

RECOGNISED_KINDS = """Vormingscentrum Volkshogeschool Buurtwerk Vrouwenbeweging Seniorenkring
Gezinsbeweging Natuurkring Erfgoedkring Ontmoetingscentrum Wereldwerkplaats Dialooghuis
Burgerschool Wijkacademie Leesgenootschap Filmkring Praatcafé""".split()
RECOGNISED_SPECIAL = [  # accents, hyphens, apostrophes and parentheses the matching must survive
    "Vrouwenwerking Hélène vzw",
    "Atelier Noël",
    "Coöperatie Samen-aan-Tafel",
    "Ontmoetingshuis De Linde (Ravenhout)",
    "Buurtwerk 't Pleintje",
    "Kunstencollectief Élan",
    "Seniorenkring Zilveren Draad",
    "Vereniging Ubuntu Kastelbeek",
    "Beweging Vrij-Denken Sterregem",
    "Café Citoyen Eikenzele",
]
NON_RECOGNISED_KINDS = {
    "Opleiding": ["Hogeschool", "Sociale Hogeschool", "Opleidingscentrum",
                  "Academie voor Sociaal Werk"],
    "Lokaal bestuur": ["Gemeente", "Stad", "OCMW"],
    "Welzijn": ["Welzijnshuis", "Dienstencentrum"],
    "Jeugdwerk": ["Jeugdhuis", "Speelpleinwerking"],
    "Cultuur": ["Cultuurcentrum", "Bibliotheek"],
    "Onderwijs": ["Centrum voor Volwassenenonderwijs"],
}
NON_RECOGNISED_SPECIAL = [("Cultuurcentrum Het Atelier (Sterregem)", "Cultuur"),
                          ("Hogeschool Sint-Gérard", "Opleiding")]
UNREGISTERED = [  # organisations participants name that are not in the register
    "Zelfstandige", "Freelance", "Burgercollectief De Groene Vlek", "Buurtcomité Molenwijk",
    "Repair Café Hazelrode", "Adviesbureau Kompas", "Coöperatie Energiek Berkeloo",
    "Moestuin Ravenhout", "Stichting Brugbouwers", "Bureau Verbinding bv",
    "Ouderraad De Regenboog", "Woonproject Samenhuis", "Straatfeest Klaverbeke",
    "Fotoclub Lichtval", "Initiatief Deeltuin Merelgem", "Buurtpensioen Vossenhage",
    "Platform Gedeelde Zorg", "Huurdersbond Beukendaal", "Consultancy Horizon", "Student",
]

THEMES_2020 = [("Organisatieontwikkeling", 10), ("Werken met vrijwilligers", 9),
               ("Burgerinitiatieven", 8), ("Sociaal-culturele praktijken", 7),
               ("Diversiteit", 6), ("Leidinggeven", 5), ("Communicatie", 4)]  # + Trefweek = 50
THEMES_2019 = [("Organisatieontwikkeling", 12), ("Werken met vrijwilligers", 10),
               ("Sociaal-culturele praktijken", 9), ("Leidinggeven", 8), ("Diversiteit", 7),
               ("Communicatie", 6), ("Burgerinitiatieven", 3), ("Regelgeving", 2)]  # + Trefdag = 58
TITLES = {
    "Organisatieontwikkeling": [
        "Starten met een beleidsplan", "Zelfevaluatie in je organisatie",
        "Strategisch plannen in onzekere tijden", "Van missie naar actieplan",
        "Werken met een theory of change", "Organisatiecultuur in beeld",
        "Rollen van de raad van bestuur", "Veranderingstrajecten begeleiden",
        "Impact zichtbaar maken", "Kwaliteitszorg in de praktijk",
        "Financiële planning voor vzw's", "Het decreet ontrafeld", "Scenario's voor morgen"],
    "Werken met vrijwilligers": [
        "Vrijwilligers werven en behouden", "Vrijwilligersbeleid op maat",
        "Vrijwilligers begeleiden op afstand", "Engagement in beweging",
        "Vrijwilligerswerk in coronatijden", "Vrijwilligers en verantwoordelijkheid",
        "Jonge vrijwilligers aanspreken", "Waarderen en erkennen",
        "Onthaal van nieuwe vrijwilligers", "Vrijwilligerscoördinatie: de basis",
        "Vrijwilligers in het bestuur"],
    "Burgerinitiatieven": [
        "Burgerinitiatieven ondersteunen", "Commons en het middenveld",
        "Samenwerken met burgercollectieven", "Ruimte maken voor burgerinitiatief",
        "Van buurtidee naar collectief", "Lerend netwerk burgerinitiatieven",
        "Gedeelde ruimtes en tijdelijk gebruik", "Burgers aan zet"],
    "Sociaal-culturele praktijken": [
        "Praktijktheorie in actie", "Methodieken voor groepswerk",
        "De sociaal-culturele methodiek", "Gemeenschapsvorming in de buurt",
        "Leren in groep: werkvormen", "Cultuurparticipatie versterken",
        "Maatschappelijke bewegingen vandaag", "Verhalen verzamelen met bewoners",
        "Ontmoeting organiseren"],
    "Diversiteit": [
        "Diversiteit in je vrijwilligersploeg", "Inclusief communiceren",
        "Drempels verlagen voor nieuwe deelnemers", "Superdiversiteit in de praktijk",
        "Meertaligheid in de werking", "Omgaan met vooroordelen", "Armoede en participatie",
        "Diverse besturen"],
    "Leidinggeven": [
        "Coachend leidinggeven", "Leidinggeven op afstand", "Teamwerking in crisistijd",
        "Feedback geven en ontvangen", "Intervisie voor leidinggevenden",
        "Verbindend leidinggeven", "Timemanagement voor coördinatoren",
        "Starten als leidinggevende"],
    "Communicatie": [
        "Sociale media voor verenigingen", "Een communicatieplan opmaken",
        "Schrijven voor het web", "Online vergaderen en modereren",
        "Storytelling voor je werking", "Beeldtaal en fotografie"],
    "Regelgeving": ["GDPR voor verenigingen", "Vzw-wetgeving: wat verandert er?"],
}
TOPICS_2020 = [("Rollen en functies scw", 14), ("Impactgedreven werken", 12),
               ("Beleidsplanning", 11), ("Werken met vrijwilligers", 9), ("Diversiteit", 8),
               ("Communicatiestrategie en -beleid", 7), ("Digitaal werken", 5), (None, 3)]
TOPICS_2019 = [("Beleidsplanning", 15), ("Rollen en functies scw", 12),
               ("Werken met vrijwilligers", 10), ("Diversiteit", 8),
               ("Communicatiestrategie en -beleid", 7), ("Impactgedreven werken", 5),
               ("Bestuur en vzw-wetgeving", 3), (None, 1)]
DECLINE_REASONS = ["Buiten onze opdracht", "Geen capaciteit", "Doorverwezen naar partner",
                   "Vraag ingetrokken", "Commerciële vraag", "Doorverwezen naar regionale partner"]

# ----------------------------------------------------------------------------- helpers


def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


def weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def random_date(rng: Random, start: dt.date, end: dt.date) -> dt.date:
    d = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    d = weekday(d)
    return d if d <= end else weekday(start)


def pick_distinct(rng: Random, items, weights, k: int, exclude=()):
    chosen: list = []
    while len(chosen) < k:
        x = rng.choices(items, weights)[0]
        if x not in chosen and x not in exclude:
            chosen.append(x)
    return chosen


def org_variant(rng: Random, name: str) -> str:
    """Another spelling of `name` that the contract's normalisation matches to it."""
    options = [name.lower(), name.upper(), "  ".join(name.split(" "))]
    if strip_accents(name) != name:
        options += [strip_accents(name), strip_accents(name).lower()]
    if "(" in name:
        options.append(name[: name.index("(")].strip())
    else:
        options.append(name + " (afdeling Noord)")
        if "-" in name:
            options.append(name.replace("-", " "))
    v = rng.choice(options)
    assert reference.norm(v) == reference.norm(name), (v, name)
    return v


def email_variant(rng: Random, email: str) -> str:
    local, domain = email.split("@")
    v = rng.choice([".".join(p.capitalize() for p in local.split(".")) + "@" + domain,
                    email.upper(), " " + email + " "])
    assert v.strip().casefold() == email
    return v


TG_WORDS = {"primary": ["Primair", "Primair", "primair", "Primaire doelgroep"],
            "secondary": ["Secundair", "Secundair", "secundair", "Secundaire doelgroep"]}

# ----------------------------------------------------------------------------- world


class World:
    def __init__(self, rng: Random):
        self.rng = rng
        self.recognised: list[str] = []
        self.non_recognised: list[tuple[str, str]] = []  # (name, sector)
        self._build_register()
        self._names = [(first, last) for first in FIRST for last in LAST]
        rng.shuffle(self._names)
        self._emails: set[str] = set()
        # skewed sizes: a few big organisations send many people
        self.rec_weight = {o: 1 / (i + 1) ** 0.7 for i, o in enumerate(self.recognised)}
        self.nonrec_weight = {o: 1 / (i + 1) ** 0.5 for i, (o, _) in enumerate(self.non_recognised)}

    def _build_register(self):
        rng = self.rng
        names = list(RECOGNISED_SPECIAL)
        combos = [f"{k} {p}" for k in RECOGNISED_KINDS for p in PLACES]
        rng.shuffle(combos)
        keys = {reference.norm(n) for n in names}
        for c in combos:
            if len(names) == 125:
                break
            if reference.norm(c) not in keys:
                names.append(c)
                keys.add(reference.norm(c))
        rng.shuffle(names)
        self.recognised = names
        non = list(NON_RECOGNISED_SPECIAL)
        keys |= {reference.norm(n) for n, _ in non}
        pairs = [(f"{k} {p}", sector) for sector, ks in NON_RECOGNISED_KINDS.items()
                 for k in ks for p in PLACES]
        rng.shuffle(pairs)
        for n, s in pairs:
            if len(non) == 42:
                break
            if reference.norm(n) not in keys:
                non.append((n, s))
                keys.add(reference.norm(n))
        self.non_recognised = non
        for u in UNREGISTERED:
            assert reference.norm(u) not in keys, u

    def new_person(self, org=None, tg=None) -> dict:
        while True:
            first, last = self._names.pop()
            email = f"{slug(first)}.{slug(last)}@example.org"
            if email not in self._emails:
                self._emails.add(email)
                return {"name": f"{first} {last}", "email": email, "org": org, "tg": tg}

    def rec_org(self, among=None) -> str:
        among = among or self.recognised
        return self.rng.choices(among, [self.rec_weight[o] for o in among])[0]

    def nonrec_org(self) -> str:
        names = [n for n, _ in self.non_recognised]
        return self.rng.choices(names, [self.nonrec_weight[n] for n in names])[0]

    def unreg_org(self) -> str:
        return self.rng.choice(UNREGISTERED)


# ----------------------------------------------------------------------------- activities

KINDS = {"onsite": ["vorming", "vorming", "studiedag", "workshop", "intervisie"],
         "online": ["webinar", "webinar", "vorming", "lerend netwerk", "workshop"],
         "blended": ["vorming", "lerend netwerk", "traject"]}
HALF_DAYS = {"vorming": [2, 4, 4, 6], "studiedag": [2], "workshop": [1], "intervisie": [3],
             "webinar": [0.5, 1, 1], "lerend netwerk": [4, 5], "traject": [6, 8]}
FORMAT_WORDS = {"onsite": ["Fysiek"] * 6 + ["Ter plaatse"], "online": ["Online"] * 5 + ["Digitaal"],
                "blended": ["Blended"] * 3 + ["Hybride"]}
SIZE = {"webinar": 3.0, "studiedag": 3.5, "vorming": 1.6, "workshop": 1.3, "intervisie": 0.7,
        "lerend netwerk": 1.0, "traject": 1.2, "trefdag": 14.0}


def theme_list(rng: Random, themes) -> list[str]:
    """One theme per activity; a few spelled differently, never more often than the
    usual spelling (so the usual spelling is the one the indicators show)."""
    out = []
    for i, (theme, n) in enumerate(themes):
        spellings = [theme] * n
        if n >= 6:
            spellings[-1] = theme.lower()
        if i == 1:
            spellings[-2] = theme.replace(" ", "  ", 1)
        out += spellings
    rng.shuffle(out)
    return out


def canonical(theme: str, themes) -> str:
    return next(t for t, _ in themes if t.casefold() == " ".join(theme.split()).casefold())


def make_activities_2020(rng: Random) -> list[dict]:
    themes = theme_list(rng, THEMES_2020)
    formats = ["onsite"] * 18 + ["online"] * 21 + ["blended"] * 10
    rng.shuffle(formats)
    used_titles: set[str] = set()
    acts = []
    for theme, fmt in zip(themes, formats, strict=False):
        kind = rng.choice(KINDS[fmt])
        title = rng.choice([t for t in TITLES[canonical(theme, THEMES_2020)]
                            if t not in used_titles])
        used_titles.add(title)
        if fmt == "onsite":  # before the first lockdown, or between the two
            if rng.random() < 0.6:
                date = random_date(rng, dt.date(2020, 1, 8), dt.date(2020, 3, 12))
            else:
                date = random_date(rng, dt.date(2020, 9, 1), dt.date(2020, 10, 23))
            planned = True
        elif fmt == "online":
            date = random_date(rng, dt.date(2020, 3, 23), dt.date(2020, 12, 17))
            planned = rng.random() < 0.35  # often not planned at first
        else:
            date = random_date(rng, dt.date(2020, 6, 2), dt.date(2020, 12, 15))
            planned = rng.random() < 0.5
        acts.append({"title": title, "date": date, "format": fmt, "kind": kind,
                     "half_days": rng.choice(HALF_DAYS[kind]), "theme": theme,
                     "planned": planned})
    acts.append({"title": "Trefweek 2020: de samenleving van morgen", "date": dt.date(2020, 10, 12),
                 "format": "online", "kind": "trefdag", "half_days": 10, "theme": None,
                 "planned": True})
    # half-day webinars come in pairs, then adjust the longer trainings to 170 in total
    halves = [a for a in acts if a["half_days"] == 0.5]
    if len(halves) % 2:
        halves[0]["half_days"] = 1
    adjustable = [a for a in acts if a["kind"] in ("vorming", "traject", "lerend netwerk")]
    while (diff := 170 - sum(a["half_days"] for a in acts)) != 0:
        a = rng.choice(adjustable)
        step = 1 if diff > 0 else -1
        if 1 <= a["half_days"] + step <= 10:
            a["half_days"] += step
    for a in rng.sample([a for a in acts if a["kind"] != "trefdag"], 2):
        a["planned"] = None  # left blank
    return finish_activities(acts, "OA2020")


def make_activities_2019(rng: Random) -> list[dict]:
    themes = theme_list(rng, THEMES_2019)
    formats = ["onsite"] * 49 + ["online"] * 2 + ["blended"] * 6
    rng.shuffle(formats)
    used_titles: set[str] = set()
    acts = []
    for theme, fmt in zip(themes, formats, strict=False):
        kind = rng.choice(KINDS[fmt])
        title = rng.choice([t for t in TITLES[canonical(theme, THEMES_2019)]
                            if t not in used_titles and "corona" not in t])
        used_titles.add(title)
        date = random_date(rng, dt.date(2019, 1, 7), dt.date(2019, 12, 13))
        acts.append({"title": title, "date": date,
                     "format": fmt, "kind": kind, "half_days": rng.choice(HALF_DAYS[kind]),
                     "theme": theme, "planned": True})
    acts.append({"title": "Trefdag 2019", "date": dt.date(2019, 10, 17), "format": "onsite",
                 "kind": "trefdag", "half_days": 2, "theme": None, "planned": True})
    halves = [a for a in acts if a["half_days"] == 0.5]
    if len(halves) % 2:
        halves[0]["half_days"] = 1
    workshops = [a for a in acts if a["kind"] == "workshop"][:2]
    for a in workshops:
        a["half_days"] = 1.5
    if workshops:
        workshops[0]["half_days_text"] = "1,5"  # typed as text with a decimal comma
    return finish_activities(acts, "OA2019")


def finish_activities(acts: list[dict], prefix: str) -> list[dict]:
    acts.sort(key=lambda a: (a["date"], a["title"]))
    for i, a in enumerate(acts, 1):
        a["code"] = f"{prefix}-{i:02d}"
    return acts


# ----------------------------------------------------------------------------- registrations

def assign(rng: Random, people_counts, acts, exclude=None) -> list[tuple[dict, dict]]:
    """(person, activity) pairs: each person attends `count` distinct activities."""
    weights = [SIZE[a["kind"]] * (2.5 if a["format"] == "online" else 1.0) for a in acts]
    pairs = []
    for person, count in people_counts:
        for a in pick_distinct(rng, acts, weights, count):
            pairs.append((person, a))
    return pairs


def make_registrations_2020(rng: Random, w: World, acts: list[dict]):
    counts = [1] * 1080 + [2] * 300 + [3] * 60  # 1440 persons, 1860 participations
    rng.shuffle(counts)
    assert sum(counts) == PARTICIPATIONS_2020 and len(counts) == 1440
    order = list(range(len(counts)))
    rng.shuffle(order)
    primary_idx, total = [], 0
    for i in order:
        if total + counts[i] <= PRIMARY_2020:
            primary_idx.append(i)
            total += counts[i]
        if total == PRIMARY_2020:
            break
    assert total == PRIMARY_2020
    prim = set(primary_idx)
    secondary_idx = [i for i in range(len(counts)) if i not in prim]
    rng.shuffle(secondary_idx)

    reached = rng.sample(w.recognised, 105)
    profile: dict[int, tuple] = {}
    # primary persons
    rec_persons = []
    for n, i in enumerate(primary_idx):
        if n < 4:
            profile[i] = (w.nonrec_org(), "primary")  # the cell overrides the register
        elif n < 16:
            profile[i] = (None, "primary")
        elif n < 31:
            rec_persons.append((i, "primary"))  # redundant but explicit cell
        else:
            rec_persons.append((i, None))
    assert len(rec_persons) >= len(reached)
    for n, (i, tg) in enumerate(rec_persons):
        org = reached[n] if n < len(reached) else w.rec_org(reached)
        profile[i] = (org, tg)
    # secondary persons
    for n, i in enumerate(secondary_idx):
        if n < 5:
            profile[i] = (w.rec_org(reached), "secondary")  # overrides the register
        elif n < 15:
            profile[i] = (None, "secondary")
        elif n < 21:
            profile[i] = (w.unreg_org(), "secondary")
        elif rng.random() < 0.62:
            profile[i] = (w.nonrec_org(), None)
        else:
            profile[i] = (w.unreg_org(), None)

    people = [w.new_person(*profile[i]) for i in range(len(counts))]
    pairs = assign(rng, list(zip(people, counts, strict=False)), acts)

    tracked = {a["code"] for a in acts
               if a["format"] != "online" or rng.random() < 0.4 or a["kind"] == "trefdag"}
    rows = [(p, a, True) for p, a in pairs]
    # no-shows: people who came to something else ...
    tracked_acts = [a for a in acts if a["code"] in tracked]
    taken = {(p["email"], a["code"]) for p, a in pairs}
    while sum(not att for _, _, att in rows) < 90:
        p, a = rng.choice(people), rng.choice(tracked_acts)
        if (p["email"], a["code"]) not in taken:
            taken.add((p["email"], a["code"]))
            rows.append((p, a, False))
    # ... and people who came to nothing (some from recognised organisations never reached
    # in 2020, some without organisation or target group: neither may count)
    unreached = [o for o in w.recognised if o not in reached]
    for n in range(40):
        if n < 10:
            p = w.new_person(unreached[n], None)
        elif n < 18:
            p = w.new_person(None, None)
        else:
            p = w.new_person(w.nonrec_org() if rng.random() < 0.5 else w.rec_org(), None)
        rows.append((p, rng.choice(tracked_acts), False))
    return people, rows, tracked


def make_registrations_2019(rng: Random, w: World, acts: list[dict], people_2020: list[dict]):
    counts = [1] * 1300 + [2] * 280 + [3] * 70  # 1650 persons, 2070 participations
    rng.shuffle(counts)
    active = rng.sample(w.recognised, 112)  # the recognised organisations active in 2019
    recognised = set(w.recognised)
    # people of 2020 who also came in 2019
    people = rng.sample([p for p in people_2020
                         if p["org"] not in recognised or p["org"] in active], 620)
    while len(people) < len(counts):
        r = rng.random()
        if r < 0.60:
            p = w.new_person(w.rec_org(active), None)
        elif r < 0.61:
            p = w.new_person(w.rec_org(active), "secondary")
        elif r < 0.80:
            p = w.new_person(w.nonrec_org(), None)
        elif r < 0.93:
            p = w.new_person(w.unreg_org(), None)
        elif r < 0.985:
            p = w.new_person(None, rng.choice(["primary", "secondary"]))
        else:
            p = w.new_person(None, None)  # unknown target group
        people.append(p)
    rng.shuffle(people)
    pairs = assign(rng, list(zip(people, counts, strict=False)), acts)
    tracked = {a["code"] for a in acts if rng.random() < 0.8}
    rows = [(p, a, True) for p, a in pairs]
    tracked_acts = [a for a in acts if a["code"] in tracked]
    taken = {(p["email"], a["code"]) for p, a in pairs}
    while len(rows) < len(pairs) + 110:
        p, a = rng.choice(people), rng.choice(tracked_acts)
        if (p["email"], a["code"]) not in taken:
            taken.add((p["email"], a["code"]))
            rows.append((p, a, False))
    return people, rows, tracked


def registration_cells(rng: Random, rows, acts, tracked) -> list[list]:
    by_code: dict[str, list] = {a["code"]: [] for a in acts}
    for p, a, attended in rows:
        by_code[a["code"]].append((p, attended))
    out = []
    for a in acts:
        regs = by_code[a["code"]]
        rng.shuffle(regs)
        for p, attended in regs:
            org = p["org"]
            if org is not None and rng.random() < 0.12:
                org = org_variant(rng, org)
            email = email_variant(rng, p["email"]) if rng.random() < 0.04 else p["email"]
            tg = rng.choice(TG_WORDS[p["tg"]]) if p["tg"] else None
            if a["code"] not in tracked:
                present = None
            elif not attended:
                present = "nee"
            else:
                present = None if rng.random() < 0.04 else "ja"  # blank means present
            out.append([a["code"], p["name"], email, org, tg, present])
    return out


# ----------------------------------------------------------------------------- evaluations

def make_evaluations(rng: Random, acts, rows, target_pct: int | None):
    attended: dict[str, int] = {}
    for _, a, att in rows:
        if att:
            attended[a["code"]] = attended.get(a["code"], 0) + 1
    evals = []  # [code, score, scale or None]
    per_act = []
    for a in acts:
        n = round(attended.get(a["code"], 0) * rng.uniform(0.2, 0.5))
        if rng.random() < 0.06:
            n = 0  # no evaluation for this one
        poll = a["format"] == "online" and rng.random() < 0.4
        scale = 5 if poll else (None if rng.random() < 0.3 else 10)
        per_act.append([a["code"], n, scale])
    if target_pct is not None:  # an exact mean needs a number of answers divisible by 10
        while sum(n for _, n, _ in per_act) % 10:
            rng.choice([x for x in per_act if x[1] > 0])[1] += 1
    tens_weights = [1, 2, 6, 14, 18, 9, 4] if target_pct else [1, 1, 4, 12, 20, 12, 6]
    for code, n, scale in per_act:
        for _ in range(n):
            if scale == 5:
                s = rng.choices([2, 3, 4, 5], [1, 4, 10, 4])[0]
            else:
                s = rng.choices([4, 5, 6, 7, 8, 9, 10], tens_weights)[0]
            evals.append([code, s, scale])
    if target_pct is not None:
        # 100 * score / scale is a whole number for every answer, so the mean is exact
        def total():
            return sum(100 * s // (sc or 10) for _, s, sc in evals)
        tens = [e for e in evals if e[2] != 5]
        while (diff := target_pct * len(evals) - total()) != 0:
            e = rng.choice(tens)
            step = 1 if diff > 0 else -1
            if 3 <= e[1] + step <= 10:
                e[1] += step
    return evals


# ----------------------------------------------------------------------------- requests

def make_requests(rng: Random, w: World, year: int, plan: dict) -> list[list]:
    """plan: received, declined, pending, supported profiles, accepted-unsupported,
    participants, topics."""
    reqs = []
    topics = []
    for topic, n in plan["topics"]:
        spellings = [topic] * n
        if topic and n >= 9:
            spellings[-1] = topic.lower()
        if topic and n >= 11:
            spellings[-2] = " " + topic.replace(" ", "  ") + " "
        topics += spellings
    assert len(topics) == plan["received"]
    rng.shuffle(topics)

    def org_text(org):
        return org_variant(rng, org) if org and rng.random() < 0.15 else org

    participants = [rng.choice([1, 2, 3, 3, 4, 5, 6, 8, 12]) for _ in plan["supported"]]
    while (diff := plan["participants"] - sum(participants)) != 0:
        i = rng.randrange(len(participants))
        step = 1 if diff > 0 else -1
        if 1 <= participants[i] + step <= 20:
            participants[i] += step
    for (org, tg), n in zip(plan["supported"], participants, strict=False):
        reqs.append(["accepted", org_text(org), tg, None, "ja", n])
    for _ in range(plan["accepted_unsupported"]):
        reqs.append(["accepted", org_text(w.rec_org()), None, None, "nee", None])
    for _ in range(plan["declined"]):
        r = rng.random()
        org = (w.rec_org() if r < 0.35 else w.nonrec_org() if r < 0.6
               else w.unreg_org() if r < 0.85 else None)
        reqs.append(["declined", org_text(org), None, rng.choice(DECLINE_REASONS), None, None])
    rng.shuffle(reqs)
    for _ in range(plan.get("pending", 0)):  # late in the year, never decided
        reqs.append(["pending", w.nonrec_org(), None, None, None, None])
    start, end = dt.date(year, 1, 2), dt.date(year, 12, 31 if year == 2019 else 18)
    dates = sorted(random_date(rng, start, end) for _ in reqs)
    if year == 2019:
        dates[-1] = dt.date(2019, 12, 31)  # on the year boundary: counts for 2019
    out = []
    for i, (req, date, topic) in enumerate(zip(reqs, dates, topics, strict=False), 1):
        status, org, tg, reason, supported, n = req
        status_word = {"accepted": rng.choice(["Aanvaard"] * 5 + ["aanvaard"]),
                       "declined": rng.choice(["Afgewezen"] * 5 + ["afgewezen"]),
                       "pending": ""}[status]
        tg_word = rng.choice(TG_WORDS[tg]) if tg else ""
        out.append([f"{year}-{i:03d}", date.strftime("%d/%m/%Y"), status_word, org or "",
                    tg_word, topic or "", reason or "", supported or "",
                    "" if n is None else str(n)])
    return out


def supported_plan_2020(rng: Random, w: World) -> list[tuple]:
    nonrec = lambda: w.nonrec_org()  # noqa: E731
    plan = []
    plan += [(w.rec_org(), None) for _ in range(14)]         # register: recognised
    plan += [(w.rec_org(), "primary") for _ in range(5)]     # explicit and agreeing
    plan += [(None, "primary") for _ in range(2)]            # explicit, no organisation
    plan += [(nonrec(), "primary")]                          # explicit, overrides register
    plan += [(nonrec(), None) for _ in range(6)]             # register: not recognised
    plan += [(w.unreg_org(), None) for _ in range(4)]        # not in the register
    plan += [(None, "secondary") for _ in range(3)]
    plan += [(w.rec_org(), "secondary")]                     # explicit, overrides register
    plan += [(nonrec(), "secondary")]
    assert len(plan) == 37
    return plan


def supported_plan_2019(rng: Random, w: World) -> list[tuple]:
    plan = [(w.rec_org(), None) for _ in range(17)]
    plan += [(w.rec_org(), "primary") for _ in range(3)]
    plan += [(w.nonrec_org(), None) for _ in range(7)]
    plan += [(w.unreg_org(), None) for _ in range(5)]
    plan += [(None, "secondary") for _ in range(2)]
    return plan


# ----------------------------------------------------------------------------- writing

def write_workbook(path: Path, acts, reg_rows, evals, w: World):
    wb = openpyxl.Workbook()
    bold = Font(bold=True)

    info = wb.active
    info.title = "Info"
    for line in [
        "Socius – registraties open aanbod 2019-2020",
        "",
        "Dit werkboek bevat het open aanbod van het steunpunt: de activiteiten, de inschrijvingen,",
        "de evaluaties en het register van (erkende) organisaties. De vragen van de vraaggestuurde",
        "werking staan in vragen.csv.",
        "",
        "Aanwezig: ja of nee; leeg betekent aanwezig.",
        "Doelgroep: leeg laten als het register de doelgroep bepaalt (erkend = primair).",
        "Evaluaties: cijfer op de schaal in kolom Schaal; leeg betekent op 10.",
        "Aanbeveling: 0 tot 10 (zou je deze activiteit aanraden?), gevraagd sinds september 2020.",
        "Erkende organisaties: het register van de beleidsperiode 2016-2020 (kolom Periode).",
        "",
        "Alle namen, e-mailadressen en organisaties in dit bestand zijn verzonnen (voorbeelddata).",
    ]:
        info.append([line or None])
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 100

    def sheet(title, headers, widths):
        ws = wb.create_sheet(title)
        ws.append(headers)
        for c in ws[1]:
            c.font = bold
        ws.freeze_panes = "A2"
        for col, width in zip("ABCDEFGHIJ", widths, strict=False):
            ws.column_dimensions[col].width = width
        return ws

    ws = sheet("Activiteiten", ["Code", "Titel", "Datum", "Werkvorm", "Aantal dagdelen", "Thema",
                                "Soort", "Gepland (ja/nee)"], [12, 45, 12, 11, 16, 30, 15, 16])
    rng = Random(2021)
    for a in acts:
        planned = {True: "ja", False: "nee", None: None}[a["planned"]]
        ws.append([a["code"], a["title"], a["date"], rng.choice(FORMAT_WORDS[a["format"]]),
                   a.get("half_days_text", a["half_days"]), a["theme"], a["kind"], planned])
        ws.cell(ws.max_row, 3).number_format = "DD/MM/YYYY"

    ws = sheet("Inschrijvingen", ["Activiteit", "Naam", "E-mail", "Organisatie", "Doelgroep",
                                  "Aanwezig"], [12, 28, 36, 42, 20, 10])
    for r in reg_rows:
        ws.append(r)

    ws = sheet("Evaluaties", ["Activiteit", "Cijfer", "Schaal (max)", "Aanbeveling (0-10)"], [12, 8, 12, 20])
    for e in evals:
        ws.append(e)

    ws = sheet("Erkende organisaties", ["Naam", "Erkend (ja/nee)", "Sector", "Periode"], [45, 16, 34, 12])
    register = [(n, "ja", "Sociaal-cultureel volwassenenwerk") for n in w.recognised]
    register += [(n, "nee", s) for n, s in w.non_recognised]
    register.sort(key=lambda r: reference.norm(r[0]))
    for n, rec, sector in register:
        ws.append([n, rec, sector, PERIOD])

    wb.properties.creator = "Socius (voorbeelddata)"
    wb.properties.created = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(deterministic_zip(buf.getvalue(), strict=False))


def deterministic_zip(data: bytes, strict=False) -> bytes:
    """The same workbook as bytes that do not depend on the time it was written."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2021-01-15T09:30:00Z\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, content)
    return out.getvalue()


def add_recommendations(acts, evals) -> None:
    """The recommendation question, asked from RECOMMEND_FROM on: most evaluations of those
    activities answer it (a few leave it blank), in numbers whose NPS is exactly NPS_2020.
    Its own generator, so nothing else in the data changes."""
    rng = Random(2025)
    dates = {a["code"]: a["date"] for a in acts}
    asked = [e for e in evals if dates[e[0]] >= RECOMMEND_FROM]
    answered = [e for e in asked if rng.random() < 0.85]
    answered = answered[: len(answered) // 50 * 50]  # 100 * (P - D) / N = 34 needs N in fifties
    for e in answered:  # a recommendation that goes with the satisfaction score
        share = e[1] / (e[2] or 10)
        e.append(min(10, max(0, round(share * 10 + rng.choice([-2, -1, 0, 0, 1, 1, 2])))))
    want = round(NPS_2020 * len(answered) / 100)
    while (diff := want - (sum(e[3] >= 9 for e in answered) - sum(e[3] <= 6 for e in answered))) != 0:
        e = rng.choice(answered)
        if diff > 0 and e[3] < 9:
            e[3] += 1
        elif diff < 0 and e[3] > 6:
            e[3] -= 1
    for e in evals:
        if len(e) == 3:
            e.append(None)


def next_register(w: World) -> list[list]:
    """The register of 2021-2025: most organisations as before, some no longer recognised, a
    few newly recognised, a few gone. Its own generator."""
    rng = Random(2021)
    lost = set(rng.sample(w.recognised, 8))
    gone = set(rng.sample([n for n, _ in w.non_recognised], 5))
    rows = [[n, "nee" if n in lost else "ja", "Sociaal-cultureel volwassenenwerk"] for n in w.recognised]
    rows += [[n, "nee", s] for n, s in w.non_recognised if n not in gone]
    taken = {reference.norm(r[0]) for r in rows} | {reference.norm(n) for n in UNREGISTERED}
    new = [f"{k} {p}" for k in RECOGNISED_KINDS for p in PLACES]
    rng.shuffle(new)
    added = [n for n in new if reference.norm(n) not in taken][:11]
    rows += [[n, "ja", "Sociaal-cultureel volwassenenwerk"] for n in added]
    rows.sort(key=lambda r: reference.norm(r[0]))
    return [[*r, NEXT_PERIOD] for r in rows]


def write_sheet(path: Path, title: str, header: list[str], widths: list[int], rows: list[list]) -> None:
    """A workbook of one sheet as staff keep it: bold headers, the header row frozen, columns
    wide enough; deterministic bytes (fixed creation time, `deterministic_zip`)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJ", widths, strict=False):
        ws.column_dimensions[col].width = width
    for r in rows:
        ws.append(r)
    wb.properties.creator = "Socius (voorbeelddata)"
    wb.properties.created = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(deterministic_zip(buf.getvalue()))


def write_register(path: Path, rows: list[list]) -> None:
    write_sheet(path, "Erkende organisaties", ["Naam", "Erkend (ja/nee)", "Sector", "Periode"], [45, 16, 34, 14], rows)


# The targets of the policy plan 2016-2020 (sheet Streefcijfers): the indicator as staff type
# it (a label in Dutch, once a key, once in English), a year or the whole period, the target
# as typed (55, 75%, +30), the direction in words and signs, and the plan's goal.
GOAL_OFFER = "SD1 OD1.1 Vorming op maat van de sector"
GOAL_REACH = "SD1 OD1.2 De erkende organisaties bereiken"
GOAL_DEMAND = "SD2 OD2.1 Ondersteuning op vraag van organisaties"
TARGET_ROWS = [
    ["Personen bereikt", 2020, 1400, "minstens", GOAL_OFFER],                       # 1.440: met
    ["Gemiddelde tevredenheid", 2020, "75%", "minstens", GOAL_OFFER],               # 77%: met
    ["NPS (aanbeveling)", 2020, "+30", ">=", GOAL_OFFER],                           # +34: met
    ["Bereik van de erkende organisaties", 2020, 85, "minstens", GOAL_REACH],       # 84%: not met
    ["primary_share_pct", 2020, 55, "minstens", GOAL_REACH],                        # 55%: met, just
    ["Vragen ondersteund", 2020, 40, "minstens", GOAL_DEMAND],                      # 37: not met
    ["Vragen afgewezen", 2020, 25, "hoogstens", GOAL_DEMAND],                       # 29: not met
    ["Doelgroep onbekend", 2020, 20, "hoogstens", None],                            # no goal
    ["Activiteiten", PERIOD, 100, "minstens", GOAL_OFFER],
    ["Personen bereikt", PERIOD, 2000, "minstens", GOAL_OFFER],
    ["Average satisfaction", PERIOD, 75, None, GOAL_OFFER],                         # blank: at least
    ["Vragen ondersteund", PERIOD, 70, "minstens", GOAL_DEMAND],
]


def write_targets(path: Path, rows: list[list]) -> None:
    write_sheet(path, "Streefcijfers", ["Indicator", "Periode", "Streefcijfer", "Richting", "Doelstelling"],
                [36, 12, 14, 12, 48], rows)


def write_requests(path: Path, rows: list[list]):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nr", "Ontvangen", "Beslissing", "Organisatie", "Doelgroep", "Onderwerp",
                     "Reden afwijzing", "Gerealiseerd", "Aantal deelnemers"])
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


# ----------------------------------------------------------------------------- checks

def check(folder: Path) -> dict[int, dict]:
    t = reference.load_folder(folder)
    figures = {y: reference.compute(y, t["activities"], t["registrations"], t["evaluations"],
                                    t["organisations"], t["requests"]) for y in (2019, 2020)}
    oo, dd = figures[2020]["open_offering"], figures[2020]["demand_driven"]
    for k, v in EXPECTED_2020.items():
        assert oo[k] == v and type(oo[k]) is type(v), (k, oo[k], v)
    for k, v in EXPECTED_2020_DEMAND.items():
        assert dd[k] == v and type(dd[k]) is type(v), (k, dd[k], v)
    assert oo["participations"] == PARTICIPATIONS_2020 > oo["persons_reached"]
    assert oo["nps"] == NPS_2020 and oo["recommend_answers"] >= 50, (oo["nps"], oo["recommend_answers"])
    assert figures[2019]["open_offering"]["recommend_answers"] == 0  # not asked yet
    # the register of the next period changes no figure of 2019 or 2020
    without = {k: [o for o in v if not (k == "organisations" and o.get("period") == (2021, 2025))]
               for k, v in t.items()}
    assert len(without["organisations"]) < len(t["organisations"])
    for y in (2019, 2020):
        assert reference.compute(y, without["activities"], without["registrations"], without["evaluations"],
                                 without["organisations"], without["requests"]) == figures[y]
    assert [e["theme"] for e in oo["themes"]] == [t for t, _ in THEMES_2020] + [None]
    assert [e["topic"] for e in dd["topics"]] == [t for t, _ in TOPICS_2020]
    for fig in figures.values():  # no ties: the order does not depend on a tie-break
        for entries, key in ((fig["open_offering"]["themes"], "activities"),
                             (fig["demand_driven"]["topics"], "requests")):
            counts = [e[key] for e in entries]
            assert len(set(counts)) == len(counts), counts

    # the data exercises what it should
    register = {reference.norm(o["name"]): o for o in t["organisations"] if o["period"] == (2016, 2020)}
    assert len(register) == sum(o["period"] == (2016, 2020) for o in t["organisations"])  # unique names
    codes20 = {a["code"] for a in t["activities"] if a["date"].year == 2020}
    regs20 = [r for r in t["registrations"] if r["activity"] in codes20]
    overrides = [r for r in regs20 if r["target_group"] and r["organisation"]
                 and reference.norm(r["organisation"]) in register
                 and (r["target_group"] == "primary")
                 != register[reference.norm(r["organisation"])]["recognised"]]
    variants = [r for r in regs20 if r["organisation"]
                and reference.norm(r["organisation"]) in register
                and r["organisation"] != register[reference.norm(r["organisation"])]["name"]]
    accented = [r for r in variants
                if strip_accents(register[reference.norm(r["organisation"])]["name"])
                != register[reference.norm(r["organisation"])]["name"]]
    assert overrides and variants and accented
    assert any(not r["attended"] for r in regs20)
    keys = [(r["activity"], reference.person_key(r["participant"])) for r in t["registrations"]]
    assert len(keys) == len(set(keys))  # no duplicate registrations (they would warn)
    assert all(abs(v - round(v)) < 1e-12 for v in [100 * e["score"] / (e["scale"] or 10)
                                                     for e in t["evaluations"]])
    return figures


def main() -> None:
    rng = Random(2020)
    w = World(rng)

    acts20 = make_activities_2020(rng)
    acts19 = make_activities_2019(rng)
    people20, rows20, tracked20 = make_registrations_2020(rng, w, acts20)
    _, rows19, tracked19 = make_registrations_2019(rng, w, acts19, people20)
    evals = (make_evaluations(rng, acts19, rows19, None)
             + make_evaluations(rng, acts20, rows20, 77))
    reg_cells = (registration_cells(rng, rows19, acts19, tracked19)
                 + registration_cells(rng, rows20, acts20, tracked20))

    requests = make_requests(rng, w, 2019, {
        "received": 61, "declined": 22, "pending": 1, "accepted_unsupported": 4,
        "supported": supported_plan_2019(rng, w), "participants": 160, "topics": TOPICS_2019})
    requests += make_requests(rng, w, 2020, {
        "received": 69, "declined": 29, "accepted_unsupported": 3,
        "supported": supported_plan_2020(rng, w), "participants": 175, "topics": TOPICS_2020})

    add_recommendations(acts19 + acts20, evals)

    OUT.mkdir(exist_ok=True)
    write_workbook(OUT / WORKBOOK, acts19 + acts20, reg_cells, evals, w)
    write_requests(OUT / REQUESTS_CSV, requests)
    write_register(OUT / REGISTER_2021, next_register(w))
    write_targets(OUT / TARGETS, TARGET_ROWS)
    assert (OUT / WORKBOOK).stat().st_size < 1_000_000

    figures = check(OUT)
    for year in (2019, 2020):
        print(json.dumps(figures[year], ensure_ascii=False, indent=1))
    print(f"sample_data/ written and checked: {WORKBOOK} "
          f"({(OUT / WORKBOOK).stat().st_size // 1024} KB), {REQUESTS_CSV}, {REGISTER_2021}, {TARGETS}")


if __name__ == "__main__":
    main()
