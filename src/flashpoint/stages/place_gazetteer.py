"""The packaged gazetteer: names to candidate places, with a prior for each.

``data/place/gazetteer.tsv.gz`` is built by ``scripts/build_gazetteer.py`` (GeoNames cities,
countries, admin-1 regions, admin-2 units, seas and regions, Natural Earth borders); ``data/place/places.tsv``
adds curated places of conflict geography, ``data/place/aliases.tsv`` curated names for
places of either file (abbreviations, exonyms, demonyms) and ``data/place/former_names.tsv`` the
former names of countries (ISO 3166-3: "Zaire", "Upper Volta"). Everything is read once per process.

>>> gaz = load()
>>> [e.name for e in gaz.lookup("Kiev")][:1]
['Kyiv']
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import data

_PUNCT = re.compile(r"[.\u2019'`´]")
_NONWORD = re.compile(r"[^0-9a-z]+")
#: Latin letters that Unicode does not decompose into a base letter and an accent
#: ("Doğubayazıt", "Łódź", "Tromsø", "Straße")
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ß": "ss",
                          "æ": "ae", "œ": "oe", "þ": "th", "ŀ": "l", "ĸ": "k"})

#: Kind priors (log-population equivalents): a country named outright beats a town of the same
#: name; a sea or continent has no population.
KIND_BASE = {"country": 21.0, "continent": 21.5, "sea": 17.0, "region": 15.0, "admin1": 14.6, "admin2": 9.0,
             "border": 16.0, "facility": 15.0, "city": 0.0}


#: how much a region's country's size (log10 population) adds to the region's prior
ADMIN1_COUNTRY_WEIGHT = 1.0

#: how much less likely a district is meant than a town of its population (log units)
ADMIN2_BELOW_CITY = 1.0

#: a place called so outright, over one that has the name among its alternate names
MAIN_NAME_BONUS = 2.5

#: how much less likely a country is meant by the initials of its name ("SA": South Africa or
#: Saudi Arabia) than by its name: below a region called so outright (South Australia) unless
#: the article points at the country
INITIALS_PENALTY = 8.0
#: words that give no initial ("Democratic Republic of the Congo": DRC)
_NO_INITIAL = {"of", "the", "and"}


def normalize(name: str) -> str:
    """Lookup key: accents, case, dots and apostrophes dropped, other punctuation as spaces.

    >>> normalize("U.S."), normalize("Kyiv's"), normalize("São Paulo"), normalize("Doğubayazıt")
    ('us', 'kyivs', 'sao paulo', 'dogubayazit')
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().translate(_LETTERS)
    s = _PUNCT.sub("", s)
    return _NONWORD.sub(" ", s).strip()


@dataclass(slots=True)
class Entry:
    """One place of the gazetteer."""

    id: str
    name: str
    kind: str
    fcode: str
    countries: tuple[str, ...]
    lat: float
    lon: float
    population: int
    geometry: str = ""  # GeoJSON text (borders)
    curated: bool = False
    key: str = ""  # the lookup key of the main name
    admin1: str = ""  # GeoNames admin-1 code of a city or region ("US.FL")
    admin2: str = ""  # GeoNames admin-2 code of a city or district ("ET.51.333766")
    prior: float = 0.0  # how likely this place is meant, before any context

    def __post_init__(self) -> None:
        self.prior = self.compute_prior()

    def compute_prior(self) -> float:
        """Log population plus a base for the kind (a country beats a town of its name)."""
        base = KIND_BASE.get(self.kind, 0.0)
        if self.kind == "city":
            base = math.log(self.population + 10) + (0.8 if self.fcode.startswith("PPLC") else 0.0)
        elif self.kind == "admin2" and self.population:
            # a district as big as a town: a name means the town a little more often
            base = max(base, math.log(self.population + 10) - ADMIN2_BELOW_CITY)
        elif self.kind in ("country", "continent") and self.population:
            base += 0.1 * math.log10(self.population + 10)
        return base + (3.0 if self.curated else 0.0)

    def geojson(self) -> dict[str, Any] | None:
        import json

        return json.loads(self.geometry) if self.geometry else None


class Gazetteer:
    """Names to places. ``lookup`` gives every candidate for a name, best prior first."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_id: dict[str, int] = {}
        self.index: dict[str, list[int]] = {}
        self.demonyms: dict[str, list[int]] = {}  # folded adjective -> country entries
        self.boost: dict[tuple[str, int], float] = {}  # (key, entry): a curated alias's preference
        self._capitals: dict[str, Entry] | None = None
        self._towns: dict[str, list[tuple[float, float]]] | None = None
        self._initials: dict[str, list[int]] | None = None

    def add(self, entry: Entry, names: list[str], *, folded: bool = False) -> int:
        """Add a place under its name and ``names`` (already lookup keys where ``folded``)."""
        idx = len(self.entries)
        self.entries.append(entry)
        self.by_id[entry.id] = idx
        if not folded:
            self.add_key(normalize(entry.name), idx)
        for n in names:
            self.add_key(n if folded else normalize(n), idx)
        return idx

    def add_key(self, key: str, idx: int) -> None:
        if not key:
            return
        bucket = self.index.get(key)
        if bucket is None:
            self.index[key] = [idx]
        elif idx not in bucket:
            bucket.append(idx)

    def lookup(self, name: str) -> list[Entry]:
        """Every place called ``name``, the best prior first."""
        return self.lookup_key(normalize(name))

    def lookup_key(self, key: str) -> list[Entry]:
        return sorted((self.entries[i] for i in self.index.get(key, ())), key=lambda e: -self.score(key, e))

    def score(self, key: str, entry: Entry) -> float:
        """The prior of ``entry`` for the name ``key``: a curated alias counts extra, and so does
        the place's own name over one of its alternate names (Manchester is not Richmond)."""
        return (entry.prior + self.boost.get((key, self.by_id[entry.id]), 0.0)
                + (MAIN_NAME_BONUS if key == entry.key else 0.0))

    def initials(self, key: str) -> list[Entry]:
        """The countries whose name of two words or more has ``key`` as its initials
        (``sa``: South Africa, Saudi Arabia; ``drc``); their score for it is lowered by
        ``INITIALS_PENALTY``, so that the article's countries decide."""
        if self._initials is None:
            self._initials = {}
            for i, e in enumerate(self.entries):
                words = [w for w in e.key.split() if w not in _NO_INITIAL] if e.kind == "country" else []
                if len(words) >= 2:
                    k = "".join(w[0] for w in words)
                    self._initials.setdefault(k, []).append(i)
                    self.boost.setdefault((k, i), -INITIALS_PENALTY)
        return [self.entries[i] for i in self._initials.get(key, ())]

    def country(self, iso3: str) -> Entry | None:
        i = self.by_id.get(f"c:{iso3}")
        return None if i is None else self.entries[i]

    def border(self, a: str, b: str) -> Entry | None:
        i = self.by_id.get(f"b:{min(a, b)}-{max(a, b)}")
        return None if i is None else self.entries[i]

    def capital(self, iso3: str) -> Entry | None:
        """The capital of a country (GeoNames feature code PPLC): "the capital" of an article about it."""
        if self._capitals is None:
            self._capitals = {e.countries[0]: e for e in self.entries if e.fcode == "PPLC" and e.countries}
        return self._capitals.get(iso3)

    def part(self, iso3: str, north: float, east: float) -> tuple[float, float] | None:
        """The point of a country's part that lies in the direction (``north``, ``east``): the
        median latitude and longitude of the tenth of its towns furthest that way (each axis
        scaled by the spread of the towns), so "eastern Congo" lies among the Kivu towns."""
        if self._towns is None:
            self._towns = {}
            for e in self.entries:
                if e.kind == "city" and len(e.countries) == 1:
                    self._towns.setdefault(e.countries[0], []).append((e.lat, e.lon))
        towns = self._towns.get(iso3)
        if not towns or len(towns) < 4:
            return None
        lats, lons = sorted(t[0] for t in towns), sorted(t[1] for t in towns)
        mid_lat, mid_lon = lats[len(lats) // 2], lons[len(lons) // 2]
        span_lat = max(lats[int(0.9 * (len(lats) - 1))] - lats[int(0.1 * (len(lats) - 1))], 0.1)
        span_lon = max(lons[int(0.9 * (len(lons) - 1))] - lons[int(0.1 * (len(lons) - 1))], 0.1)
        ranked = sorted(towns, key=lambda t: -(north * (t[0] - mid_lat) / span_lat + east * (t[1] - mid_lon) / span_lon))
        tenth = ranked[:max(1, len(ranked) // 10)]
        return (sorted(t[0] for t in tenth)[len(tenth) // 2], sorted(t[1] for t in tenth)[len(tenth) // 2])

    def country_of_adjective(self, word: str) -> Entry | None:
        """``Polish`` -> Poland, ``Belarusian`` -> Belarus (demonyms and curated adjectives)."""
        for i in self.demonyms.get(normalize(word), ()):
            return self.entries[i]
        for e in self.lookup(word):
            if e.kind == "country":
                return e
        return None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer with the curated places and aliases (loaded once per process).

    Read a line at a time, the repeated values (kind, feature code, countries, admin codes)
    shared, so that the 187,000 places take about half the memory a naive read would."""
    gaz = Gazetteer()
    shared: dict = {}

    def one(value):
        return shared.setdefault(value, value)

    with gzip.open(data.path("place", "gazetteer.tsv.gz"), "rt", encoding="utf-8") as fh:
        next(fh)  # the header
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            (id_, name, kind, fcode, countries, lat, lon, pop, names, geometry, demonyms, admin1,
             admin2) = line.rstrip("\n").split("\t")
            keys = names.split("|") if names else []
            entry = Entry(id_, name, one(kind), one(fcode), one(tuple(c for c in countries.split(",") if c)),
                          float(lat), float(lon), int(pop), geometry, key=keys[0] if keys else "",
                          admin1=one(admin1), admin2=one(admin2))
            idx = gaz.add(entry, keys, folded=True)
            for n in demonyms.split("|") if demonyms else ():
                gaz.demonyms.setdefault(normalize(n), []).append(idx)
    # an admin-1 region has no population here: the size of its country breaks ties
    # (Florida the US state before the municipality of Puerto Rico)
    for e in gaz.entries:
        if e.kind == "admin1" and e.countries:
            c = gaz.country(e.countries[0])
            if c is not None and c.population:
                e.prior += ADMIN1_COUNTRY_WEIGHT * (math.log10(c.population) - 7.0)
    for r in data.tsv("place", "places.tsv"):
        entry = Entry(r["id"], r["name"], r["kind"], r["kind"].upper(),
                      tuple(c for c in r["countries"].split(",") if c), float(r["lat"]), float(r["lon"]),
                      int(r.get("population") or 0), curated=True, key=normalize(r["name"]))
        gaz.add(entry, [n for n in (r.get("names") or "").split("|") if n])
    for r in data.tsv("place", "aliases.tsv"):
        target = gaz.by_id.get(r["target"])
        if target is None:
            raise ValueError(f"aliases.tsv: unknown target {r['target']!r} for {r['alias']!r}")
        key = normalize(r["alias"])
        if r.get("use") == "adjective":
            bucket = gaz.demonyms.setdefault(key, [])
        else:
            bucket = gaz.index.setdefault(key, [])
            gaz.boost[(key, target)] = float(r.get("boost") or 0.0)
        if target in bucket:
            bucket.remove(target)
        bucket.insert(0, target)
    for r in data.tsv("place", "former_names.tsv"):
        # "Zaire", "Upper Volta": a country's former name (ISO 3166-3) is a name of its successor
        gaz.add_key(normalize(r["alias"]), gaz.by_id[r["target"]])
    return gaz
