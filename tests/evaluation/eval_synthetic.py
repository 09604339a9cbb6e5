"""Deterministic synthetic predictions derived from gold, to test the scorer without an extractor.

Each document draws its perturbations from random.Random(f"{seed}:{id}"), so the same gold and
seed always give the same predictions. The mix covers every branch the scorer has: missing
documents, empty and malformed claim lists, claims with and without `main`, dropped, wrong and
shifted values, other spellings and scripts of governorates, free-text perpetrators and classes,
counts as strings, NaN and booleans.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

ADMIN1_VARIANTS: dict[str, list[str]] = {
    "aleppo": ["Aleppo", "Halab", "aleppo governorate", "حلب", "Aleppo countryside", "ALEPPO",
               "ريف حلب الشمالي"],
    "idlib": ["Idleb", "Idlib Governorate", "Edlib", "محافظة إدلب", "ادلب", "southern Idlib countryside"],
    "hama": ["Hamah", "Hama", "حماة", "Hama province east", "Ḥamāh"],
    "homs": ["Hims", "Homs Governorate", "حمص", "rural Homs"],
    "latakia": ["Lattakia", "Al Ladhiqiyah", "اللاذقية", "Latakia Governorate"],
    "tartus": ["Tartous", "Tartus Governorate", "طرطوس"],
    "damascus": ["Damascus", "Dimashq", "دمشق", "Damascus city"],
    "rif_dimashq": ["Rif Dimashq", "Rural Damascus", "Damascus countryside", "ريف دمشق", "Eastern Ghouta",
                    "Reef Damascus"],
    "daraa": ["Dar'a", "Deraa", "Daraa Governorate", "درعا", "Darʿā"],
    "suwayda": ["As-Suwayda", "Sweida", "السويداء", "Suwaida"],
    "quneitra": ["Quneitra", "Al Qunaytirah", "القنيطرة"],
    "deir_ez_zor": ["Deir Ezzor", "Dayr az Zawr", "Deir al-Zour", "دير الزور", "Deir-ez-Zor", "Der Ezzor"],
    "raqqa": ["Ar Raqqah", "Raqqa", "الرقة", "Rakka"],
    "hasakah": ["Al-Hasakah", "Hassakeh", "الحسكة", "Hasaka"],
}
ALL_VARIANTS = [v for vs in ADMIN1_VARIANTS.values() for v in vs]
JUNK_PLACES = ["Nowhere", "Gaza", "Mosul", "the north", "---", "Beirut", "Kafr Nabl"]

PERP_TEXTS: dict[str, list[str]] = {
    "syrian_government": ["Syrian regime forces", "Assad's army", "قوات النظام", "government warplanes",
                          "Russian-backed regime forces", "pro-government militias", "SAA"],
    "russia": ["Russian warplanes", "الطيران الروسي", "Russian Military", "VKS jets"],
    "isis": ["Islamic State", "IS fighters", "Daesh", "تنظيم داعش", "ISIS militants",
             "militants of the Islamic State"],
    "us_coalition": ["U.S.-led coalition", "US forces", "التحالف الدولي", "American drones",
                     "anti-ISIS coalition", "British jets"],
    "turkey": ["Turkish drone", "طيران مسير تركي", "Turkmen brigade", "Euphrates Shield forces"],
    "opposition": ["rebel factions", "Syrian National Coalition", "Free Syrian Army", "الفصائل المسلحة",
                   "armed groups"],
    "sdf_kurdish": ["SDF", "Kurdish YPG", "قسد", "US-backed SDF"],
    "hts_nusra": ["HTS", "al-Nusra Front", "هيئة تحرير الشام"],
    "iran_hezbollah": ["Hezbollah", "Iranian militias", "حزب الله"],
    "israel": ["Israeli jets", "جيش الاحتلال", "IDF"],
    "unknown": ["unidentified aircraft", "unknown gunmen", "جهة مجهولة", "it is unclear"],
    "other": ["Jordanian Military", "tribal fighters", "Iraqi forces"],
}
CLASS_NAMES = list(PERP_TEXTS)
FREE_TEXT_NO_CLASS = ["warplanes", "gunmen on motorbikes", "a car bomb", "shelling", "طائرات حربية"]


def _shift(date: str | None, days: int) -> str | None:
    """An ISO date moved by some days; None stays None."""
    if not date:
        return None
    try:
        d = dt.date.fromisoformat(date[:10])
    except ValueError:
        return None
    return (d + dt.timedelta(days=days)).isoformat()


def _date(rng: random.Random, g: dict[str, Any], doc: dict[str, Any]) -> Any:
    """A predicted date_start: exact, shifted, the range end, the publication date, or junk."""
    gs = g.get("date_start")
    r = rng.random()
    if r < 0.35:
        return gs
    if r < 0.50:
        return _shift(gs, rng.choice([-1, 1]))
    if r < 0.60:
        return _shift(gs, rng.choice([-40, -9, -2, 2, 3, 30]))
    if r < 0.65:
        return g.get("date_end")
    if r < 0.72:
        return doc.get("published")
    if r < 0.75:
        return (gs + "T12:00:00Z") if gs else "2016-05-01T00:00"
    if r < 0.78:
        return rng.choice(["", "last week", "2016-02-30", "01/05/2016", 20160101])
    if r < 0.85:
        return _shift("2016-06-15", rng.randint(-200, 200))
    return None


def _admin1(rng: random.Random, g: dict[str, Any], key_of: Any) -> Any:
    """A predicted admin1: the gold spelling, another spelling or script, a wrong one, or none."""
    ga = g.get("admin1")
    key = key_of(ga) if ga else None
    r = rng.random()
    if r < 0.30:
        return ga
    if r < 0.55 and key in ADMIN1_VARIANTS:
        return rng.choice(ADMIN1_VARIANTS[key])
    if r < 0.62 and key in ("damascus", "rif_dimashq"):
        return rng.choice(ADMIN1_VARIANTS["rif_dimashq" if key == "damascus" else "damascus"])
    if r < 0.78:
        return rng.choice(ALL_VARIANTS)
    if r < 0.84:
        return rng.choice(JUNK_PLACES + ["", "  ", None])
    return None


def _point(rng: random.Random, g: dict[str, Any], claim: dict[str, Any]) -> None:
    """Predicted lat/lon: exact, moved by about 5, 18 or 60 km, malformed, or none."""
    lat, lon = g.get("lat"), g.get("lon")
    r = rng.random()
    if lat is None or lon is None:
        lat, lon = 35.0 + rng.random(), 37.0 + rng.random()
    if r < 0.25:
        claim["lat"], claim["lon"] = lat, lon
    elif r < 0.60:
        km = rng.choice([5, 9.5, 18, 24, 60])
        bearing = rng.random() * 2 * math.pi
        claim["lat"] = lat + km / 111.0 * math.cos(bearing)
        claim["lon"] = lon + km / (111.0 * math.cos(math.radians(lat))) * math.sin(bearing)
    elif r < 0.66:
        claim["lat"], claim["lon"] = str(lat), str(lon)
    elif r < 0.70:
        bad: list[tuple[Any, Any]] = [(95.0, lon), (lat, None), (None, lon), ("north", lon), (True, lon)]
        claim["lat"], claim["lon"] = rng.choice(bad)
    if rng.random() < 0.5:
        claim["location"] = rng.choice([g.get("location"), None, rng.choice(JUNK_PLACES)])


def _perpetrator(rng: random.Random, g: dict[str, Any], claim: dict[str, Any]) -> None:
    """Perpetrator fields: a class, a free text (right, wrong or unmatched), raw only, or silent."""
    gold_cls = g.get("perpetrator_class") or rng.choice(g.get("side_classes") or CLASS_NAMES)
    if gold_cls not in PERP_TEXTS:
        gold_cls = rng.choice(CLASS_NAMES)
    r = rng.random()
    if r < 0.15:
        claim["perpetrator_class"] = gold_cls
    elif r < 0.22:
        claim["perpetrator_class"] = rng.choice(CLASS_NAMES)
        claim["perpetrator"] = rng.choice(FREE_TEXT_NO_CLASS)
    elif r < 0.26:
        claim["perpetrator_class"] = gold_cls.replace("_", " ").title()
    elif r < 0.30:
        claim["perpetrator_class"] = "not a class"
        claim["perpetrator"] = rng.choice(PERP_TEXTS[gold_cls] + [None])
    elif r < 0.45:
        claim["perpetrator"] = rng.choice(PERP_TEXTS[gold_cls])
    elif r < 0.53:
        claim["perpetrator"] = rng.choice(PERP_TEXTS[rng.choice(CLASS_NAMES)])
    elif r < 0.58:
        claim["perpetrator"] = g.get("perpetrator")
    elif r < 0.63:
        claim["perpetrator"] = None
        claim["perpetrator_raw"] = rng.choice(PERP_TEXTS[gold_cls] + FREE_TEXT_NO_CLASS)
    elif r < 0.68:
        claim["perpetrator"] = rng.choice(FREE_TEXT_NO_CLASS)
    elif r < 0.72:
        claim["perpetrator"] = gold_cls  # a class name given as the free text
    elif r < 0.78:
        claim.update(perpetrator="", perpetrator_raw=" ", perpetrator_class=rng.choice([None, "", []]))
    # else: silent, no perpetrator key at all


def _count(rng: random.Random, v: Any) -> Any:
    """A predicted count near a gold count: exact, within or beyond 10 %, as a string, or junk."""
    if v is None:
        v = rng.randint(0, 30)
    r = rng.random()
    if r < 0.45:
        return v
    if r < 0.55:
        return round(v * 1.05) if v else 1
    if r < 0.65:
        return v * 1.1
    if r < 0.75:
        return v + rng.choice([-7, -1, 1, 3, 40])
    if r < 0.80:
        return f"{v:,}"
    if r < 0.83:
        return rng.choice([True, float("nan"), "many", -1, 1_200])
    return None


def _counts(rng: random.Random, g: dict[str, Any], claim: dict[str, Any]) -> None:
    """killed/killed_low, civilians (direct or through civilian_targeting) and injured."""
    gk = g.get("killed") if g.get("killed") is not None else g.get("civilians_killed")
    where = rng.random()
    if where < 0.45:
        claim["killed_low"] = _count(rng, gk)
    elif where < 0.75:
        claim["killed"] = _count(rng, gk)
    elif where < 0.85:
        claim["killed_low"], claim["killed"] = _count(rng, gk), _count(rng, gk)
    gc = g.get("civilians_killed")
    r = rng.random()
    if r < 0.3:
        claim["civilians_killed_low"] = _count(rng, gc)
    elif r < 0.5:
        claim["civilians_killed"] = _count(rng, gc)
    elif r < 0.6:
        claim["civilians_killed_low"], claim["civilians_killed"] = _count(rng, gc), _count(rng, gc)
    if rng.random() < 0.4:
        claim["civilian_targeting"] = rng.choice([True, True, False, None, "yes"])
    lo, hi = g.get("injured_low"), g.get("injured_high")
    r = rng.random()
    if r < 0.2:
        claim["injured_low"] = _count(rng, lo if lo is not None else hi)
    elif r < 0.3:
        claim["injured_high"] = _count(rng, hi)
    elif r < 0.35:
        claim["injured"] = _count(rng, hi)


def _evidence(rng: random.Random, doc: dict[str, Any], claim: dict[str, Any]) -> None:
    """Evidence spans for some fields, quoted from the document text as an extractor would."""
    text = doc.get("text") or ""
    ev: dict[str, Any] = {}
    for k in ("admin1", "perpetrator", "killed_low", "killed", "date_start", "civilians_killed"):
        if k in claim and rng.random() < 0.6 and text:
            s = rng.randrange(0, max(1, len(text) - 20))
            ev[k] = {"start": s, "end": s + 20, "quote": text[s:s + 20]}
    if ev:
        claim["evidence"] = ev


def graded_claim(rng: random.Random, doc: dict[str, Any], g: dict[str, Any], key_of: Any) -> dict[str, Any]:
    """A claim derived from the gold main incident with seeded perturbations."""
    claim: dict[str, Any] = {}
    if rng.random() < 0.9:
        claim["date_start"] = _date(rng, g, doc)
    if rng.random() < 0.9:
        claim["admin1"] = _admin1(rng, g, key_of)
    if rng.random() < 0.8:
        _point(rng, g, claim)
    _perpetrator(rng, g, claim)
    _counts(rng, g, claim)
    _evidence(rng, doc, claim)
    return claim


def decoy_claim(rng: random.Random, doc: dict[str, Any], key_of: Any) -> dict[str, Any]:
    """Another claim of the document: from a non-main gold incident when there is one, else junk."""
    others = [i for i in doc.get("incidents") or [] if not i.get("main")]
    if others and rng.random() < 0.7:
        return graded_claim(rng, doc, rng.choice(others), key_of)
    return {"admin1": rng.choice(ALL_VARIANTS), "killed": rng.randint(0, 9),
            "perpetrator": rng.choice(PERP_TEXTS[rng.choice(CLASS_NAMES)])}


def prediction_lines(gold: list[dict[str, Any]], seed: int, key_of: Any) -> list[dict[str, Any]]:
    """Prediction lines {"id", "incidents"} for a gold set, with missing documents, ids not in
    the gold and repeated ids (the last line wins), all drawn from `seed`."""
    lines: list[dict[str, Any]] = []
    for doc in gold:
        rng = random.Random(f"{seed}:{doc['id']}")
        incs = doc.get("incidents") or []
        g = next((i for i in incs if i.get("main") is True), incs[0] if incs else {})
        r = rng.random()
        if r < 0.04:
            continue  # no prediction line at all
        if r < 0.07:
            lines.append({"id": doc["id"], "incidents": []})
            continue
        if r < 0.08:
            lines.append({"id": doc["id"], "incidents": rng.choice([None, "x", {"admin1": "Homs"}])})
            continue
        main = graded_claim(rng, doc, g, key_of)
        layout = rng.random()
        if layout < 0.50:  # one claim, main flag or not
            if rng.random() < 0.5:
                main["main"] = True
            claims = [main]
        elif layout < 0.65:  # graded first, decoys after, no main flags
            claims = [main] + [decoy_claim(rng, doc, key_of) for _ in range(rng.randint(1, 5))]
        elif layout < 0.82:  # main-flagged claim among decoys
            main["main"] = True
            claims = [decoy_claim(rng, doc, key_of) for _ in range(rng.randint(1, 4))]
            for c in claims:
                if rng.random() < 0.5:
                    c["main"] = rng.choice([False, None, "true", 1])  # only a literal true counts
            claims.insert(rng.randrange(len(claims) + 1), main)
        elif layout < 0.90:  # two claims marked main: the first one is graded
            decoy = decoy_claim(rng, doc, key_of)
            decoy["main"] = True
            main["main"] = True
            claims = [decoy, main] if rng.random() < 0.5 else [main, decoy]
        else:  # no main flag and a decoy first: the decoy is graded
            claims = [decoy_claim(rng, doc, key_of), main]
        if rng.random() < 0.03:
            junk: list[Any] = ["junk", None, 3]
            claims.insert(rng.randrange(len(claims) + 1), rng.choice(junk))
        lines.append({"id": doc["id"], "incidents": claims})
        if rng.random() < 0.01:  # a repeated id: the later line replaces the earlier one
            lines.append({"id": doc["id"], "incidents": [decoy_claim(rng, doc, key_of)]})
    rng = random.Random(seed)
    for k in range(5):
        lines.insert(rng.randrange(len(lines) + 1), {"id": f"not-in-gold-{k}", "incidents": [{"killed": 1}]})
    return lines


def as_pred_map(lines: list[dict[str, Any]]) -> dict[Any, Any]:
    """{id: incidents} with the last line of a repeated id winning, as the scorers read files."""
    return {ln["id"]: ln["incidents"] if isinstance(ln["incidents"], list) else [] for ln in lines}
