"""In-memory gazetteer index: every spelling of every place under its name key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from harmwatch.geo import admin1 as admin1_table
from harmwatch.geo.countries import country_names
from harmwatch.geo.normalize import ar_bare, ar_key, fold, is_arabic, name_key, prefixes, tokens, vowel_key
from harmwatch.records import Place

#: Feature order used to break ties: a named town before a district before a governorate.
FEATURE_RANK = {"populated place": 0, "other": 1, "admin2": 2, "admin1": 3, "natural": 4}


@dataclass(frozen=True, slots=True)
class Spelling:
    """One indexed spelling of a place."""

    place: Place
    vkey: str
    fkey: str    # folded letters without articles: tells "Hama" from "Home" where keys are short
    arabic: bool


def _variants(name: str) -> list[str]:
    """A name plus the forms reports also use: without a bracketed part."""
    out = [name]
    if "(" in name:
        out.append(name.split("(")[0])
        out.append(name[name.find("(") + 1:].rstrip(")"))
    return [o.strip() for o in out if o.strip()]


def _merge(a: Place, b: Place) -> None:
    """Fold a duplicate row (same id) into the first one, filling what it lacks."""
    seen = {a.name, *a.alt_names}
    a.alt_names.extend(n for n in [b.name, *b.alt_names] if n not in seen)
    if a.lat is None and b.lat is not None:
        a.lat, a.lon = b.lat, b.lon
    a.admin1 = a.admin1 or b.admin1
    a.admin2 = a.admin2 or b.admin2
    a.population = max(a.population, b.population)


def _known_spellings(p: Place) -> None:
    """Give a governorate row every spelling of the shipped admin1 table ("Rural Damascus", "Hassakeh").

    The store now merges a user file's governorate rows with the shipped ones, but databases filled before that
    rule, and gazetteers built straight from a user file, hold rows with only one or two names."""
    unit = admin1_table.find(p.admin1 or p.name, p.country)
    if unit is None:
        return
    seen = {p.name, *p.alt_names}
    p.alt_names.extend(n for n in unit.names() if n and n not in seen)
    if p.lat is None or p.lon is None:
        p.lat, p.lon = unit.lat, unit.lon


class Gazetteer:
    """Places indexed by name key; the store rebuilds it from the places it persists."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {}
        for p in places:
            if p.id in self.places:
                _merge(self.places[p.id], p)
            else:
                self.places[p.id] = Place(p.id, p.name, p.country, p.feature, p.lat, p.lon, p.admin1,
                                          p.admin2, list(p.alt_names), p.population, p.source)
        for p in self.places.values():
            if p.feature == "admin1":
                _known_spellings(p)
        self.index: dict[str, list[Spelling]] = {}
        #: Arabic spellings by their exact folded form (ar_key), and joined without spaces ("ديرالزور")
        self.ar_index: dict[str, list[Place]] = {}
        #: Arabic spellings without articles or spaces (ar_bare): a weaker match ("ميادين" for "الميادين")
        self.ar_bare: dict[str, list[Place]] = {}
        #: ids of the places that have at least one Arabic spelling
        self.ar_named: set[str] = set()
        self.countries: set[str] = set()
        countries = country_names()
        for p in self.places.values():
            self.countries.add(p.country)
            seen: set[tuple[str, str]] = set()  # (key, vowel key + '#' for Arabic)
            for raw in [p.name, *p.alt_names]:
                for n in _variants(raw):
                    if fold(n) not in countries:  # a spelling "Syria" would swallow the country
                        self._add(p, n, seen)
                        if is_arabic(n):
                            self._add_arabic(p, n)
        #: every prefix of every key, so the toponym finder stops extending a span that cannot match
        self.prefixes: set[str] = prefixes(list(self.index))

    def _add(self, p: Place, name: str, seen: set[tuple[str, str]]) -> None:
        """Index one spelling, once per (key, vowel key, script): an Arabic spelling is kept beside a Latin
        one with the same keys, since Arabic text matches only Arabic spellings."""
        key = name_key(name)
        if len(key) < 2 and (not key or len("".join(tokens(name))) < 3):
            return  # a one-consonant key is kept for real words ("al-Bab"), not for initials
        vk = vowel_key(name)
        ar = is_arabic(name)
        if (key, vk + "#" * ar) in seen:
            return
        seen.add((key, vk + "#" * ar))
        self.index.setdefault(key, []).append(Spelling(p, vk, "".join(tokens(name)), ar))

    def _add_arabic(self, p: Place, name: str) -> None:
        """Index one Arabic spelling by its exact folded form (see normalize.ar_key)."""
        k = ar_key(name)
        if len(k.replace(" ", "")) < 3 or any(len(w) < 2 for w in k.split()):
            return  # GeoNames' two-letter and initial-like Arabic names ("اب", "ك ي") are words or noise
        self.ar_named.add(p.id)
        for form, index in ((k, self.ar_index), (k.replace(" ", ""), self.ar_index), (ar_bare(k), self.ar_bare)):
            lst = index.setdefault(form, [])
            if p not in lst:
                lst.append(p)

    def lookup_arabic(self, raw: str) -> list[tuple[Place, float]]:
        """Places with an Arabic spelling equal to raw after folding (1.0), or equal without its articles
        and spaces (0.9, only for four letters or more: "باب" is not "الباب")."""
        k = ar_key(raw)
        hit = self.ar_index.get(k) or self.ar_index.get(k.replace(" ", ""))
        if hit:
            return [(p, 1.0) for p in hit]
        bare = ar_bare(k)
        if len(bare) >= 4:
            return [(p, 0.9) for p in self.ar_bare.get(bare, ())]
        return []

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, key: str) -> list[Spelling]:
        """Spellings filed under an exact name key."""
        return self.index.get(key, [])

    def search(self, name: str, country: str | None = None, limit: int = 10) -> list[tuple[Place, float]]:
        """Candidate places for a name with scores in [0, 1]: exact key first, then fuzzy keys."""
        key, vk = name_key(name), vowel_key(name)
        best: dict[str, tuple[Place, float]] = {}

        def offer(sp: Spelling, score: float) -> None:
            if country and sp.place.country != country.upper():
                return
            cur = best.get(sp.place.id)
            if cur is None or cur[1] < score:
                best[sp.place.id] = (sp.place, score)

        for sp in self.lookup(key):
            offer(sp, 1.0 if sp.vkey == vk else 0.9)
        if len(best) < limit and len(key) >= 3:
            for k, score, _ in process.extract(key, list(self.index), scorer=fuzz.ratio, limit=limit * 3,
                                               score_cutoff=75):
                for sp in self.index[k]:
                    if sp.arabic == is_arabic(name) or not is_arabic(name):
                        offer(sp, 0.8 * score / 100 * fuzz.ratio(vk, sp.vkey) / 100)
        ranked = sorted(best.values(), key=lambda ps: (-ps[1], FEATURE_RANK.get(ps[0].feature, 5),
                                                       -ps[0].population, fold(ps[0].name)))
        return ranked[:limit]

