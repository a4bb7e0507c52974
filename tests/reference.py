"""A plain-Python reference for every indicator of the data contract, section 4.

Deliberately independent of `socius_cli`: only the standard library, its own little
name normaliser, and the contract's definitions written out once more. The tests compare
the core against it, and `scripts/make_sample_data.py` uses it to prove that
`sample_data/` reproduces the 2020 progress report.

`compute(year, activities, registrations, evaluations, organisations, requests)` takes
lists of dicts of already-typed canonical values:

- activities:    code, title, date (datetime.date), format ('onsite'|'online'|'blended'),
                 half_days (float), theme, kind, planned
- registrations: activity, participant, organisation, target_group
                 ('primary'|'secondary'|None), attended (bool)
- evaluations:   activity, score, scale (None means 10), recommend (0-10 or None: not
                 answered; optional)
- organisations: name, recognised (bool), sector, period ((first, last) years or None:
                 every year; optional)
- requests:      id, received (date), status ('accepted'|'declined'|'pending'),
                 organisation, target_group, topic, decline_reason, supported (bool),
                 participants (int)

and returns the contract's machine output (section 4) for year `year`.

Choices where the contract leaves room (documented so the core can agree or object):
- A duplicate registration (same activity, same participant trimmed and case-folded)
  counts once; the first row in input order is the one kept.
- The register is keyed by normalised name and period; a later row with the same key
  wins. The register of year Y: per name its row whose period holds Y, else its row with
  a blank period. Every target group (of registrations and requests of Y) and the reach
  of Y use the register of Y.
- Percentages are computed as `100 * part / whole` (multiply first): with whole-number
  parts that is exact, so 55% comes out as 55.0 and not 55.00000000000001.
- Themes and topics are grouped case-insensitively after trimming and collapsing internal
  white space; an entry shows the group's most frequent spelling (trimmed, white space
  collapsed), ties going to the spelling seen first. Entries are sorted by count
  descending, then by name case-insensitively (then exactly), the blank group (None) last.

`load_folder(path)` reads a folder the way `socius import` does (sheet/file names,
header aliases, cell values) into the lists `compute` takes. It needs openpyxl for
workbooks, imported only when a workbook is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
from pathlib import Path

FORMAT_KEYS = ("onsite", "online", "blended")


# --------------------------------------------------------------------------- names

def norm(text) -> str:
    """Trim, lower-case, strip accents, `_`/`-`/white-space runs to one space, drop a
    trailing parenthesised part (the contract's normalisation of headers and names)."""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.strip().lower()
    if s.endswith(")"):
        # drop one trailing "( ... )" without nested parentheses
        open_at = s.rfind("(")
        if open_at != -1 and ")" not in s[open_at:-1]:
            s = s[:open_at]
    s = re.sub(r"[\s_\-]+", " ", s)
    return s.strip()


def person_key(participant: str) -> str:
    return str(participant).strip().casefold()


def _label(text) -> str | None:
    """Theme/topic spelling: trimmed, internal white space collapsed; blank is None."""
    if text is None:
        return None
    s = " ".join(str(text).split())
    return s or None


def _whole(x: float):
    """A sum of half_days: an int when whole (170, not 170.0)."""
    return int(x) if float(x).is_integer() else x


def _pct(part: int | float, whole: int | float):
    return None if not whole else 100 * part / whole


# --------------------------------------------------------------------------- rules

def _register(organisations, year: int | None = None) -> dict[str, bool]:
    """The register of `year`: a row whose period holds the year beats a blank-period row.
    Without a year, every row counts as a blank-period row (the register of v1)."""
    blank: dict[str, bool] = {}
    specific: dict[str, bool] = {}
    for o in organisations:
        key = norm(o["name"])
        period = o.get("period")
        if not key:
            continue
        if period is None or year is None:
            blank[key] = bool(o["recognised"])
        elif period[0] <= year <= period[1]:
            specific[key] = bool(o["recognised"])
    return {**blank, **specific}


def target_group(row, register: dict[str, bool]) -> str | None:
    """The contract's rule for a registration or request."""
    tg = row.get("target_group")
    if tg:
        return tg
    org = row.get("organisation")
    if org is None or not str(org).strip():
        return None
    key = norm(org)
    if key in register:
        return "primary" if register[key] else "secondary"
    return "secondary"


def _grouped(labels, extra=None):
    """Group labels (one per item) case-insensitively; return entries with the most
    frequent spelling. `extra(i)` gives per-item values (a dict) to sum per group."""
    groups: dict[str | None, dict] = {}
    for i, raw in enumerate(labels):
        label = _label(raw)
        key = label.casefold() if label is not None else None
        g = groups.setdefault(key, {"spellings": {}, "count": 0, "sums": {}})
        if label is not None:
            g["spellings"][label] = g["spellings"].get(label, 0) + 1  # dict keeps first-seen order
        g["count"] += 1
        if extra:
            for k, v in extra(i).items():
                g["sums"].setdefault(k, []).append(v)
    entries = []
    for key, g in groups.items():
        if key is None:
            name = None
        else:
            best = max(g["spellings"].values())
            name = next(s for s, n in g["spellings"].items() if n == best)
        entries.append((name, g))
    entries.sort(key=lambda e: (-e[1]["count"], e[0] is None,
                                (e[0] or "").casefold(), e[0] or ""))
    return entries


# --------------------------------------------------------------------------- compute

def compute(year: int, activities, registrations, evaluations, organisations, requests) -> dict:
    register = _register(organisations, year)

    # --- open offering
    acts = [a for a in activities if a["date"].year == year]
    codes = {a["code"] for a in acts}

    seen: set[tuple[str, str]] = set()
    regs = []
    for r in registrations:
        if r["activity"] not in codes:
            continue
        k = (r["activity"], person_key(r["participant"]))
        if k in seen:
            continue  # a duplicate registration counts once (first row kept)
        seen.add(k)
        regs.append(r)
    participations = [r for r in regs if r.get("attended", True) is not False]

    groups = [target_group(r, register) for r in participations]
    primary = groups.count("primary")
    secondary = groups.count("secondary")
    unknown = groups.count(None)
    known = primary + secondary

    scores = [100 * e["score"] / (e["scale"] if e.get("scale") is not None else 10)
              for e in evaluations if e["activity"] in codes]
    satisfaction = sum(scores) / len(scores) if scores else None
    answers = [e["recommend"] for e in evaluations
               if e["activity"] in codes and e.get("recommend") is not None]
    promoters = sum(1 for a in answers if a >= 9)
    detractors = sum(1 for a in answers if a <= 6)
    nps = 100 * (promoters - detractors) / len(answers) if answers else None

    recognised = {k for k, v in register.items() if v}
    reached = {norm(r["organisation"]) for r in participations
               if r.get("organisation") is not None and str(r["organisation"]).strip()}
    reached &= recognised

    formats = {f: 0 for f in FORMAT_KEYS}
    for a in acts:
        formats[a["format"]] += 1

    part_per_code: dict[str, int] = {}
    for r in participations:
        part_per_code[r["activity"]] = part_per_code.get(r["activity"], 0) + 1
    theme_entries = _grouped(
        [a.get("theme") for a in acts],
        extra=lambda i: {"half_days": acts[i]["half_days"],
                         "participations": part_per_code.get(acts[i]["code"], 0)})
    themes = [{"theme": name,
               "activities": g["count"],
               "half_days": _whole(math.fsum(g["sums"]["half_days"])),
               "participations": sum(g["sums"]["participations"])}
              for name, g in theme_entries]

    open_offering = {
        "activities": len(acts),
        "half_days": _whole(math.fsum(a["half_days"] for a in acts)),
        "participations": len(participations),
        "persons_reached": len({person_key(r["participant"]) for r in participations}),
        "primary_share_pct": _pct(primary, known),
        "secondary_share_pct": _pct(secondary, known),
        "unknown_target_group": unknown,
        "satisfaction_pct": satisfaction,
        "nps": nps,
        "recommend_answers": len(answers),
        "recognised_orgs_total": len(recognised),
        "recognised_orgs_reached": len(reached),
        "recognised_reach_pct": _pct(len(reached), len(recognised)),
        "formats": formats,
        "themes": themes,
    }

    # --- demand-driven work
    reqs = [q for q in requests if q["received"].year == year]
    supported = [q for q in reqs if q["status"] == "accepted" and q.get("supported")]
    sup_groups = [target_group(q, register) for q in supported]
    topic_entries = _grouped([q.get("topic") for q in reqs])
    demand_driven = {
        "requests_received": len(reqs),
        "requests_declined": sum(q["status"] == "declined" for q in reqs),
        "requests_accepted": sum(q["status"] == "accepted" for q in reqs),
        "requests_pending": sum(q["status"] == "pending" for q in reqs),
        "requests_supported": len(supported),
        "supported_primary": sup_groups.count("primary"),
        "supported_secondary": sup_groups.count("secondary"),
        "support_participants": sum(int(q.get("participants") or 0) for q in supported),
        "topics": [{"topic": name, "requests": g["count"]} for name, g in topic_entries],
    }
    return {"year": year, "open_offering": open_offering, "demand_driven": demand_driven}


def compute_span(first: int, last: int, activities, registrations, evaluations, organisations,
                 requests) -> dict:
    """The contract's object for the span first-last ("Figures over a span of years"), worked
    out from the rows of the whole span at once, not from the years' objects: counts over
    all the span's rows, persons counted once over the span, percentages pooled, and the
    recognised organisations of the registers of the span's years."""
    span = range(first, last + 1)
    years = {}
    for y in span:
        if any(a["date"].year == y for a in activities) or any(q["received"].year == y for q in requests):
            years[str(y)] = compute(y, activities, registrations, evaluations, organisations, requests)

    acts = [a for a in activities if a["date"].year in span]
    year_of = {a["code"]: a["date"].year for a in acts}
    registers = {y: _register(organisations, y) for y in span}
    seen: set[tuple[str, str]] = set()
    participations = []
    for r in registrations:
        if r["activity"] not in year_of:
            continue
        k = (r["activity"], person_key(r["participant"]))
        if k in seen:
            continue
        seen.add(k)
        if r.get("attended", True) is not False:
            participations.append(r)
    groups = [target_group(r, registers[year_of[r["activity"]]]) for r in participations]
    primary, secondary = groups.count("primary"), groups.count("secondary")
    scores = [100 * e["score"] / (e["scale"] if e.get("scale") is not None else 10)
              for e in evaluations if e["activity"] in year_of]
    answers = [e["recommend"] for e in evaluations
               if e["activity"] in year_of and e.get("recommend") is not None]
    recognised = {k for reg in registers.values() for k, v in reg.items() if v}
    reached = {norm(r["organisation"]) for r in participations
               if r.get("organisation") is not None and str(r["organisation"]).strip()
               and registers[year_of[r["activity"]]].get(norm(r["organisation"]))}
    part_per_code: dict[str, int] = {}
    for r in participations:
        part_per_code[r["activity"]] = part_per_code.get(r["activity"], 0) + 1
    theme_entries = _grouped(
        [a.get("theme") for a in acts],
        extra=lambda i: {"half_days": acts[i]["half_days"],
                         "participations": part_per_code.get(acts[i]["code"], 0)})
    open_offering = {
        "activities": len(acts),
        "half_days": _whole(math.fsum(a["half_days"] for a in acts)),
        "participations": len(participations),
        "persons_reached": len({person_key(r["participant"]) for r in participations}),
        "primary_share_pct": _pct(primary, primary + secondary),
        "secondary_share_pct": _pct(secondary, primary + secondary),
        "unknown_target_group": groups.count(None),
        "satisfaction_pct": sum(scores) / len(scores) if scores else None,
        "nps": (100 * (sum(1 for a in answers if a >= 9) - sum(1 for a in answers if a <= 6)) / len(answers)
                if answers else None),
        "recommend_answers": len(answers),
        "recognised_orgs_total": len(recognised),
        "recognised_orgs_reached": len(reached),
        "recognised_reach_pct": _pct(len(reached), len(recognised)),
        "formats": {f: sum(1 for a in acts if a["format"] == f) for f in FORMAT_KEYS},
        "themes": [{"theme": name, "activities": g["count"],
                    "half_days": _whole(math.fsum(g["sums"]["half_days"])),
                    "participations": sum(g["sums"]["participations"])} for name, g in theme_entries],
    }
    reqs = [q for q in requests if q["received"].year in span]
    supported = [q for q in reqs if q["status"] == "accepted" and q.get("supported")]
    sup_groups = [target_group(q, registers[q["received"].year]) for q in supported]
    demand_driven = {
        "requests_received": len(reqs),
        "requests_declined": sum(q["status"] == "declined" for q in reqs),
        "requests_accepted": sum(q["status"] == "accepted" for q in reqs),
        "requests_pending": sum(q["status"] == "pending" for q in reqs),
        "requests_supported": len(supported),
        "supported_primary": sup_groups.count("primary"),
        "supported_secondary": sup_groups.count("secondary"),
        "support_participants": sum(int(q.get("participants") or 0) for q in supported),
        "topics": [{"topic": name, "requests": g["count"]} for name, g in _grouped([q.get("topic") for q in reqs])],
    }
    period = str(first) if first == last else f"{first}-{last}"
    return {"period": period, "years": years,
            "total": {"open_offering": open_offering, "demand_driven": demand_driven}}


# --------------------------------------------------------------------------- reading
# The contract's section 1, written out again (independently of socius_cli.contract).

ACTIVITY_ALIASES = ("activiteit", "activiteitscode", "activity", "activity code")
TABLES = {
    "activities": {
        "sheets": ("activities", "activiteiten", "aanbod", "open aanbod"),
        "fields": {
            "code": (True, ("code", "activiteit", "activiteitscode", "activity code", "id"),
                     "text"),
            "title": (True, ("titel", "title", "naam", "name"), "text"),
            "date": (True, ("datum", "startdatum", "date", "start date"), "date"),
            "format": (True, ("vorm", "werkvorm", "format"), "format"),
            "half_days": (True, ("dagdelen", "aantal dagdelen", "half days"), "number"),
            "theme": (False, ("thema", "theme"), "text"),
            "kind": (False, ("soort", "type", "kind"), "text"),
            "planned": (False, ("gepland", "planned"), "yesno"),
        },
    },
    "registrations": {
        "sheets": ("registrations", "inschrijvingen", "deelnemers", "deelnames"),
        "fields": {
            "activity": (True, ACTIVITY_ALIASES, "text"),
            "participant": (True, ("e-mail", "email", "deelnemer", "participant"), "text"),
            "organisation": (False, ("organisatie", "organisation", "organization"), "text"),
            "target_group": (False, ("doelgroep", "target group"), "target"),
            "attended": (False, ("aanwezig", "attended"), "yesno_yes"),
        },
    },
    "evaluations": {
        "sheets": ("evaluations", "evaluaties", "tevredenheid"),
        "fields": {
            "activity": (True, ACTIVITY_ALIASES, "text"),
            "score": (True, ("score", "tevredenheid", "cijfer", "satisfaction"), "number"),
            "scale": (False, ("schaal", "scale", "max"), "number"),
            "recommend": (False, ("aanbeveling", "aanraden", "nps", "recommend", "would recommend"),
                          "recommend"),
        },
    },
    "organisations": {
        "sheets": ("organisations", "organizations", "organisaties", "erkende organisaties"),
        "fields": {
            "name": (True, ("naam", "organisatie", "name", "organisation"), "text"),
            "recognised": (True, ("erkend", "recognised", "recognized"), "yesno"),
            "sector": (False, ("sector",), "text"),
            "period": (False, ("periode", "beleidsperiode", "period", "erkend in"), "period"),
        },
    },
    "requests": {
        "sheets": ("requests", "vragen", "vraaggestuurde werking"),
        "fields": {
            "id": (True, ("nummer", "nr", "id", "vraag"), "text"),
            "received": (True, ("ontvangen", "datum ontvangen", "datum", "received", "date"),
                         "date"),
            "status": (True, ("status", "beslissing", "decision"), "status"),
            "organisation": (False, ("organisatie", "organisation", "organization"), "text"),
            "target_group": (False, ("doelgroep", "target group"), "target"),
            "topic": (False, ("onderwerp", "thema", "topic"), "text"),
            "decline_reason": (False, ("reden", "reden afwijzing", "reason"), "text"),
            "supported": (False, ("ondersteuning", "gerealiseerd", "supported"), "yesno_no"),
            "participants": (False, ("deelnemers", "aantal deelnemers", "participants"), "count"),
        },
    },
}

YES = {"ja", "yes", "true", "waar", "1", "x"}
NO = {"nee", "no", "false", "onwaar", "0"}
FORMATS = {**dict.fromkeys(("fysiek", "ter plaatse", "offline", "on site", "onsite"), "onsite"),
           **dict.fromkeys(("online", "digitaal", "virtueel"), "online"),
           **dict.fromkeys(("blended", "hybride", "hybrid", "gemengd"), "blended")}
TARGETS = {**dict.fromkeys(("primair", "primaire doelgroep", "primary"), "primary"),
           **dict.fromkeys(("secundair", "secundaire doelgroep", "secondary"), "secondary")}
STATUSES = {**dict.fromkeys(("aanvaard", "positief", "ja", "accepted", "yes"), "accepted"),
            **dict.fromkeys(("afgewezen", "geweigerd", "nee", "declined", "no"), "declined"),
            **dict.fromkeys(("", "in behandeling", "pending"), "pending")}


class BadValue(ValueError):
    pass


def _text(v):
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = str(v).strip()
    return s or None


def _value(kind: str, v):
    if kind == "period":  # a year or FROM-UNTIL (an en dash, spaces around it); blank: None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(v), int(v)
        s = _text(v)
        if s is None:
            return None
        m = re.fullmatch(r"(\d{4})(?:\s*[-\u2013\u2014]\s*(\d{4}))?", s)
        if not m or int(m[2] or m[1]) < int(m[1]):
            raise BadValue(f"not a period: {v!r}")
        return int(m[1]), int(m[2] or m[1])
    if kind == "recommend":  # a whole number 0-10; blank: not answered
        if _text(v) is None:
            return None
        x = _value("count", v)
        if x > 10:
            raise BadValue(f"not a recommendation from 0 to 10: {v!r}")
        return x
    if kind == "date":
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        s = _text(v)
        if s is None:
            return None
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})", s)
        if m:
            return dt.date(int(m[4]), int(m[3]), int(m[1]))
        raise BadValue(f"not a date: {v!r}")
    if kind in ("number", "count"):
        if isinstance(v, bool):
            raise BadValue(f"not a number: {v!r}")
        if isinstance(v, (int, float)):
            x = float(v)
        else:
            s = _text(v)
            if s is None:
                return 0 if kind == "count" else None
            try:
                x = float(s.replace(",", "."))
            except ValueError:
                raise BadValue(f"not a number: {v!r}") from None
        if kind == "count":
            if not x.is_integer() or x < 0:
                raise BadValue(f"not a whole number >= 0: {v!r}")
            return int(x)
        return x
    if kind.startswith("yesno"):
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        s = _text(v)
        if s is None:
            return {"yesno_yes": True, "yesno_no": False}.get(kind)
        n = norm(s)
        if n in YES:
            return True
        if n in NO:
            return False
        raise BadValue(f"not yes/no: {v!r}")
    if kind == "format":
        n = norm(_text(v) or "")
        if n not in FORMATS:
            raise BadValue(f"not a format: {v!r}")
        return FORMATS[n]
    if kind == "target":
        s = _text(v)
        if s is None:
            return None
        if norm(s) not in TARGETS:
            raise BadValue(f"not a target group: {v!r}")
        return TARGETS[norm(s)]
    if kind == "status":
        n = norm(_text(v) or "")
        if n not in STATUSES:
            raise BadValue(f"not a status: {v!r}")
        return STATUSES[n]
    return _text(v)


def _table_for(sheet: str, headers) -> str | None:
    n = norm(sheet)
    for name, t in TABLES.items():
        if n in {norm(s) for s in t["sheets"]}:
            return name
    hs = {norm(h) for h in headers if h is not None}
    matches = [name for name, t in TABLES.items()
               if all(hs & {norm(a) for a in aliases}
                      for req, aliases, _ in t["fields"].values() if req)]
    return matches[0] if len(matches) == 1 else None


def _rows_to_records(table: str, rows, where: str) -> list[dict]:
    rows = [r for r in rows if any(_text(c) is not None for c in r)]
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    fields = TABLES[table]["fields"]
    column: dict[str, int] = {}
    for i, h in enumerate(header):
        if h is None:
            continue
        for fname, (_, aliases, _) in fields.items():
            if norm(h) in {norm(a) for a in aliases}:
                column.setdefault(fname, i)
    missing = [f for f, (req, _, _) in fields.items() if req and f not in column]
    if missing:
        raise BadValue(f"{where}: missing column(s) {missing}")
    out = []
    for r in body:
        rec = {}
        for fname, (_, _, kind) in fields.items():
            cell = r[column[fname]] if fname in column and column[fname] < len(r) else None
            try:
                rec[fname] = _value(kind, cell)
            except BadValue as e:
                raise BadValue(f"{where}, {fname}: {e}") from None
        out.append(rec)
    return out


def _csv_rows(path: Path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.splitlines()[0] if text else ""
    delim = max(";,\t", key=first.count)
    return list(csv.reader(text.splitlines(), delimiter=delim))


def load_folder(folder) -> dict[str, list[dict]]:
    """Every .xlsx/.xlsm/.csv in `folder` (not recursive), read per the contract."""
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for path in sorted(Path(folder).iterdir()):
        ext = path.suffix.lower()
        if ext in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
                      for ws in wb.worksheets]
            wb.close()
        elif ext == ".csv":
            sheets = [(path.stem, _csv_rows(path))]
        else:
            continue
        for title, rows in sheets:
            nonempty = [r for r in rows if any(_text(c) is not None for c in r)]
            table = _table_for(title, nonempty[0] if nonempty else [])
            if table is None:
                continue  # an info or pivot sheet
            out[table].extend(_rows_to_records(table, rows, f"{path.name}[{title}]"))
    return out


def compute_tables(year: int, t: dict[str, list[dict]]) -> dict:
    """`compute` on the tables `load_folder` gives."""
    return compute(year, t["activities"], t["registrations"], t["evaluations"],
                   t["organisations"], t["requests"])


def compute_folder(year: int, folder) -> dict:
    return compute_tables(year, load_folder(folder))
