"""From a toponym's words to gazetteer candidates, and from candidates to one place per toponym.

Works on plain text spans (no spaCy needed), so that ``flashpoint eval toponyms --gold-spans``
resolves given spans with exactly the rules the ``place`` stage uses:

- names: the gazetteer (``the`` and a possessive ``'s`` dropped), curated aliases first;
- adjectives and demonyms: ``Polish`` -> Poland, ``Russians`` -> Russia;
- compositions: ``the Polish-Belarusian border``, ``the border between Poland and Belarus``,
  ``its border with Russia`` (the other country from the context), ``Ukraine's border``;
- resolution: the prior of each candidate (population, kind, curated preference) plus document
  coherence, i.e. the countries the article's other toponyms point at, so that a same-name town
  of a country the article never mentions loses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import data
from ..model import Place
from .place_gazetteer import Entry, Gazetteer, normalize

_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = r"[A-Z][\w’'.]*(?:[ -][A-Z][\w’'.]*){0,3}"
#: "Polish-Belarusian border", "Russia-Ukraine border", "Belarus–Poland frontier"
BORDER_PAIR = re.compile(rf"\b({_WORD}?)\s*[-–/]\s*({_WORD})\s+(?:state\s+)?(?:border|frontier|boundary)(?:s|\s+area|\s+region|\s+zone)?\b")
#: "the border between Poland and Belarus"
BORDER_BETWEEN = re.compile(rf"\b(?:border|frontier|boundary)\s+between\s+({_WORD})\s+and\s+({_WORD})")
#: "its border with Russia", "its 1,000-kilometer border with Belarus", "borders with Poland and Belarus"
BORDER_WITH = re.compile(
    rf"\b(?:[\d,.]+[- ](?:kilometer|kilometre|km|mile)s?(?:[- ]long)?\s+)?(?:border|frontier)s?\s+with\s+({_WORD})"
    rf"(?:\s*(?:,|and)\s+({_WORD}))?")
#: "Ukraine's border", "Ukraine's eastern border", "the Polish border"
BORDER_OF = re.compile(rf"\b({_WORD})(?:['’]s)?\s+(?:(?:eastern|western|northern|southern|northeastern|northwestern|southeastern|southwestern|own)\s+)?(?:border|frontier)s?\b")


#: coherence weights (log-population units): a country the article's other toponyms point at
#: (per mention, at most two), the admin-1 region it names, a place within 100 / 300 km of an
#: unambiguous place it names
COUNTRY_SUPPORT = 2.0
REGION_SUPPORT = 4.0
NEAR_100KM = 4.0
NEAR_300KM = 2.5
#: the kinds of candidate nearness counts for (a county near the towns named: Suffolk County,
#: New York, after Islip, not Suffolk County, Massachusetts)
NEAR_KINDS = ("city", "admin1", "admin2")
#: a town in an admin-2 unit (district, zone, county) the article names elsewhere
DISTRICT_SUPPORT = 5.0
#: "Masalaha, West Hararghe", "Parkland, Florida", "Choma, Ethiopia": the place right after the
#: name and a comma contains the candidate
CONTAINER_SUPPORT = 6.0
#: a town of a country that nothing else in the article points at, while the article is about
#: another country (two mentions or more), is taken for a local place of that country's area
#: unless it is this likely on its own (a city of ~440,000 called by its own name)
FOREIGN_TOWN_MAX_PRIOR = 15.5
CONTAINER_KINDS = ("country", "admin1", "admin2")
#: a region or district named like a town inside it is read as the town ("in Mandera")
SAME_NAME_TOWN = True
#: a candidate of the kind a word next to the name says ("a Washington state farm": the state;
#: ``data/place/kind_cues.tsv``)
KIND_CUE_SUPPORT = 8.0
#: an admin-1 region of a country whose other regions the article names ("Alabama, Georgia and
#: Texas": Georgia the state), and one that holds a town the article names ("from Atlanta,
#: Georgia"; "Columbus ... Ohio")
SIBLING_SUPPORT = 3.0
HOLDS_TOWN_SUPPORT = 4.0
#: a candidate of the kind (and, below country level, the country) of the places listed with the
#: name ("Arizona, California, Colorado and Oregon": the states, not the towns of Oregon, Ohio;
#: "Armenia, Azerbaijan, Georgia, Iraq": the country), per other member of the list, at most two
LIST_SUPPORT = 4.0
#: how large a unit of each kind is ("Paris, France": a container is of a higher level than its
#: content; "France, Italy" is a list, not a place in its container)
LEVEL = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
#: between a place and the unit that contains it: "Masalaha District, West Hararghe", "the
#: Catatumbo region of Colombia"
_COMMA = re.compile(r"\s*,\s*(?:the\s+)?|\s+(?:region|province|state|district|county|department|governorate"
                    r"|municipality|prefecture)\s+of\s+(?:the\s+)?"
                    # "the village of Banjska in northern Kosovo", "Sake in eastern Congo"
                    r"|(?P<inside>\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern|-eastern|-western|east|west)?\s+)?)",
                    re.I)
#: between a country's adjective and the place it qualifies: "Mozambican town of", "Malian border town of"
_KIND_OF = re.compile(r"\s+(?:[a-z]+\s+)?(?:town|city|village|port|hamlet|capital|district|province|region"
                      r"|state|county|enclave|outpost)\s+of\s+(?:the\s+)?")
_LIST_BEFORE = re.compile(r",\s*$")
#: what tells that a name before "in" is a place: a kind of place ("the village of Banjska in
#: northern Kosovo") or a locative preposition ("fighting near Sake in eastern Congo")
_PLACE_BEFORE = re.compile(r"(?:\b(?:town|city|village|hamlet|camp|port|district|area|region|province|county)\s+of"
                           r"|\b(?:in|at|near|from|into|outside|around|toward|towards)),?\s+(?:the\s+)?$", re.I)
_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?[A-Z]|(?:and|or)\s+[A-Z])")
#: what stands between two members of a list of places: ", ", ", and ", " and ", " or "
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


@dataclass
class Toponym:
    """A place name found in the text, with its gazetteer candidates."""

    start: int
    end: int
    text: str
    key: str
    candidates: list[Entry] = field(default_factory=list)
    via: str = "name"  # name, adjective, border
    metonym: bool = False  # the place stands for its government or people ("Moscow said")
    sentence: int | None = None
    partner: str | None = None  # border with a country to be found in the context ("its border with X")
    boost: dict[str, float] = field(default_factory=dict)
    local: bool = True  # where the gazetteer lacks it, place it in the article's local area
    part: Place | None = None  # the part of the country a direction before it names ("northeastern Syria")


def strip_name(text: str) -> tuple[int, int]:
    """Offsets (into ``text``) of the name without a leading ``the`` or a possessive ``'s``."""
    start, end = 0, len(text)
    m = _LEAD.match(text)
    if m:
        start = m.end()
    m = _POSSESSIVE.search(text[start:])
    if m and end - start > 3:
        end = start + m.start()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    return start, end


def country_of(gaz: Gazetteer, words: str) -> Entry | None:
    """A country (or continent) named or described by ``words``: ``Poland``, ``Polish``, ``Ukraine's``."""
    s, e = strip_name(words)
    words = words[s:e]
    adj = gaz.country_of_adjective(words)
    if adj is not None and adj.kind == "country":
        return adj
    for cand in gaz.lookup(words)[:1]:
        if cand.kind == "country":
            return cand
    return None


def composition(gaz: Gazetteer, text: str) -> tuple[int, int, list[Entry], str | None] | None:
    """A border written in ``text``: (start, end, candidates, partner country to find in context)."""
    comp = _composition(gaz, text)
    if comp is not None and text[comp[1] - 1] == "." and not re.search(r"\b\w{1,2}\.$", text[:comp[1]]):
        comp = (comp[0], comp[1] - 1, comp[2], comp[3])  # the full stop ends the sentence
    return comp


def _composition(gaz: Gazetteer, text: str) -> tuple[int, int, list[Entry], str | None] | None:
    for rx in (BORDER_PAIR, BORDER_BETWEEN):
        m = rx.search(text)
        if m:
            a, b = country_of(gaz, m.group(1)), country_of(gaz, m.group(2))
            if a and b and a.id != b.id:
                border = gaz.border(a.countries[0], b.countries[0])
                if border is not None:
                    return m.start(), m.end(), [border], None
    m = BORDER_WITH.search(text)
    if m:
        b = country_of(gaz, m.group(1))
        if b:
            return m.start(), m.end(), [b], b.countries[0]
    m = BORDER_OF.search(text)
    if m:
        a = country_of(gaz, m.group(1))
        if a:
            return m.start(), m.end(), [a], a.countries[0]
    return None


def candidates(gaz: Gazetteer, text: str, *, adjective_first: bool = False) -> tuple[str, list[Entry], str]:
    """(lookup key, candidates best prior first, how found) for a toponym's surface text."""
    s, e = strip_name(text)
    name = text[s:e]
    key = normalize(name)
    generic = data.words("place", "generic_words.txt")
    names = [] if key in generic else gaz.lookup_key(key)
    if name.isupper() and 2 <= len(key) <= 4 and " " not in key:
        # an abbreviation may be a country's initials ("SA" in a report on South Africa)
        extra = [e for e in gaz.initials(key) if e not in names]
        if extra:
            names = sorted(names + extra, key=lambda e: -gaz.score(key, e))
    adj = list(dict.fromkeys(gaz.entries[i].id for i in gaz.demonyms.get(key, ())))
    if not adj and key.endswith("s"):  # "Russians", "Belarusians"
        adj = [gaz.entries[i].id for i in gaz.demonyms.get(key[:-1], ())]
    adjs = [gaz.entries[gaz.by_id[i]] for i in adj]
    if adjs and (adjective_first or not names or names[0].prior < adjs[0].prior - 3):
        return key, adjs + [n for n in names if n not in adjs], "adjective"
    if not names and " " in key:
        found = _part(gaz, key)
        if found is not None:
            return found[0], found[1], "part"
    return key, names, "name"


def _part(gaz: Gazetteer, key: str) -> tuple[str, list[Entry]] | None:
    """For a name the gazetteer lacks: the name without generic words ("Benue State" -> Benue,
    "Harare City Council" -> Harare), else its longest known tail that is a country or region
    ("East Ukraine" -> Ukraine), else its longest known head ("Dubai World Cup" -> Dubai)."""
    generic = data.words("place", "generic_words.txt")
    words = key.split()
    core = [w for w in words if w not in generic]
    if core and len(core) < len(words):
        k = " ".join(core)
        found = gaz.lookup_key(k)
        if found:
            return k, found
    for i in range(1, len(words)):
        k = " ".join(words[i:])
        tail = [] if k in generic else gaz.lookup_key(k)
        if tail and tail[0].kind in ("country", "admin1", "region", "sea", "continent"):
            return k, tail
    for n in range(len(words) - 1, 0, -1):
        k = " ".join(words[:n])
        head = [] if k in generic else [e for e in gaz.lookup_key(k) if e.kind != "admin2"]
        if head and gaz.score(k, head[0]) >= 10.0:
            return k, head
    return None


def kind_cue(t: Toponym, text: str | None) -> str | None:
    """The kind of place a word written next to ``t`` names ("Washington state", "the state of
    Washington"): ``admin1``, ``admin2`` or ``city``; None where no such word stands there."""
    if text is None:
        return None
    after, before = text[t.end:t.end + 20].lower(), text[max(0, t.start - 20):t.start].lower()
    for r in _kind_cues():
        if r["side"] == "after" and re.match(rf"[ -]{re.escape(r['words'])}\b", after):
            return r["kind"]
        if r["side"] == "before" and re.search(rf"\b{re.escape(r['words'])}\s+(?:the\s+)?$", before):
            return r["kind"]
    return None


@lru_cache(maxsize=1)
def _kind_cues() -> list[dict[str, str]]:
    return data.tsv("place", "kind_cues.tsv")


def container(t: Toponym, toponyms: list[Toponym], text: str | None) -> list[Entry]:
    """The candidates of the place written right after ``t`` and a comma ("Masalaha District,
    West Hararghe"): the unit that should contain it; or of the country whose adjective names
    its kind before it ("the northern Mozambican town of Palma"). Not in a list ("Cairo, Giza,
    and Al-Minya"): neither ``t`` after a comma nor the place after it followed by another."""
    if text is None:
        return []
    for o in toponyms:
        if o.via == "adjective" and o.end <= t.start and o.candidates and o.candidates[0].kind == "country" \
                and _KIND_OF.fullmatch(text[o.end:t.start]):
            return o.candidates[:1]
    if _LIST_BEFORE.search(text[max(0, t.start - 3):t.start]):
        return []
    for o in toponyms:
        if o.start >= t.end and o.candidates and (gap := _COMMA.fullmatch(text[t.end:o.start])):
            if _LIST_AFTER.match(text[o.end:o.end + 8]):
                return []
            if gap.group("inside") and not _PLACE_BEFORE.search(text[max(0, t.start - 30):t.start]):
                return []  # "St. Gregory of Narek in Vatican": "in" contains only a place told as one
            return o.candidates[:5]
        if o.start >= t.end:
            break
    return []


def lists(toponyms: list[Toponym], text: str | None) -> dict[int, list[Toponym]]:
    """The places each toponym is listed with ("Arizona, California, Colorado and Oregon"), by
    ``id`` of the toponym: consecutive names with only a comma, "and" or "or" between them, and an
    "and" or "or" among them or every name's best reading of one kind. Names joined by commas
    alone are often a place and its containers ("Matias Romero, Oaxaca State, Mexico"), which
    ``container`` reads."""
    if text is None:
        return {}
    named = sorted((t for t in toponyms if t.candidates and t.via in ("name", "part")), key=lambda t: t.start)
    chains: list[list[Toponym]] = []
    for t in named:
        prev = chains[-1][-1] if chains else None
        if prev is not None and prev.end <= t.start and _LIST_GAP.fullmatch(text[prev.end:t.start]):
            chains[-1].append(t)
        else:
            chains.append([t])
    out: dict[int, list[Toponym]] = {}
    for chain in chains:
        joined = any(re.search(r"\b(?:and|or)\b", text[a.end:b.start]) for a, b in zip(chain, chain[1:]))
        alike = len({o.candidates[0].kind for o in chain}) == 1
        if len(chain) >= 2 and (joined or (alike and len(chain) >= 3)):
            for t in chain:
                out[id(t)] = [o for o in chain if o is not t]
    return out


def list_support(e: Entry, others: list[Toponym]) -> float:
    """``LIST_SUPPORT`` for each other member of a list (at most two) whose best reading is of the
    kind of ``e`` (and of its country, for a region, district or town)."""
    same = 0
    for o in others:
        f = o.candidates[0]
        if f.kind == e.kind and (e.kind in ("country", "continent") or set(f.countries) & set(e.countries)):
            same += 1
    return LIST_SUPPORT * min(same, 2)


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``outer`` (a country, admin-1 region or admin-2 unit) holds ``inner``."""
    if outer.kind == "country":
        return bool(set(outer.countries) & set(inner.countries))
    if outer.kind == "admin1":
        return bool(outer.admin1) and inner.admin1 == outer.admin1
    if outer.kind == "admin2":
        return bool(outer.admin2) and inner.admin2 == outer.admin2
    return False


def resolve(toponyms: list[Toponym], gaz: Gazetteer, *, focus: Counter | None = None,
            text: str | None = None) -> list[Place | None]:
    """One place per toponym: prior plus coherence with the countries of the article's other
    toponyms (and ``focus``: the countries of its actors), the regions and districts it names,
    the place written after it ("X, Y") and nearness to its unambiguous places."""
    first = [t.candidates[0] if t.candidates else None for t in toponyms]
    evidence: Counter = Counter(focus or {})
    by_key: dict[str, Counter] = {}
    for t, e in zip(toponyms, first):
        if e is None or not e.countries:
            continue
        # the best reading of another country is far behind (Birmingham the English borough
        # and the English city both point at Britain, whatever the one in Alabama)
        rival = next((c for c in t.candidates[1:] if c.countries != e.countries), None)
        strong = e.kind == "country" or rival is None or gaz.score(t.key, e) - gaz.score(t.key, rival) > 4
        if strong:
            for c in e.countries:
                by_key.setdefault(t.key, Counter())[c] += 1
                evidence[c] += 1
    # anchors: unambiguous local places (a town, a region), for nearness and the regions they lie in
    sure = [(t, e) for t, e in zip(toponyms, first)
            if e is not None and e.kind in ("city", "admin1", "region") and t.via == "name"
            and (len(t.candidates) == 1 or gaz.score(t.key, e) - gaz.score(t.key, t.candidates[1]) > 3)]
    anchors = list(dict.fromkeys((t.key, e.lat, e.lon) for t, e in sure))  # each place once, however often named
    # the admin-1 regions the article names ("Parkland, Florida": Parkland in Florida)
    regions: dict[str, set[str]] = {}
    districts: dict[str, set[str]] = {}
    region_keys: dict[str, set[str]] = {}  # the admin-1 regions named, by country
    for t, e in zip(toponyms, first):
        if e is not None and e.kind == "admin1" and e.admin1:
            regions.setdefault(e.admin1, set()).add(t.key)
        if e is not None and e.kind == "admin1" and e.countries and t.via == "name":
            region_keys.setdefault(e.countries[0], set()).add(t.key)
        if e is not None and e.kind == "admin2" and e.admin2:
            districts.setdefault(e.admin2, set()).add(t.key)
    town_regions: dict[str, set[str]] = {}  # the regions that hold the unambiguous towns named
    for t, e in sure:
        if e.kind == "city" and e.admin1:
            town_regions.setdefault(e.admin1, set()).add(t.key)
    listed = lists(toponyms, text)
    chosen: list[tuple[Entry | None, float]] = []
    for t in toponyms:
        if not t.candidates:
            chosen.append((None, float("-inf")))
            continue
        outer = container(t, toponyms, text)
        cue = kind_cue(t, text) if t.via in ("name", "part") else None  # "the Polish state": Poland
        # coherence: evidence from the other toponyms, not from this very name
        own = by_key.get(t.key, Counter())
        best, best_score = None, float("-inf")
        for rank, e in enumerate(t.candidates[:50]):
            score = gaz.score(t.key, e)
            if t.via == "adjective" and e.kind in ("country", "continent", "admin1", "region"):
                score = max(score, 30.0 - rank)
            support = max((evidence[c] - own[c] for c in e.countries), default=0)
            if support > 0:
                score += COUNTRY_SUPPORT * min(support, 2)
            if e.kind in ("city", "admin2") and e.admin1 in regions and regions[e.admin1] - {t.key}:
                score += REGION_SUPPORT
            if e.kind == "city" and e.key == t.key and e.admin2 in districts and districts[e.admin2] - {t.key}:
                score += DISTRICT_SUPPORT
            if any(o is not e and contains(o, e) for o in outer):
                score += CONTAINER_SUPPORT
            if cue is not None and e.kind == cue:
                score += KIND_CUE_SUPPORT
            if (e.kind == "admin1" and e.countries and e.countries != t.candidates[0].countries
                    and region_keys.get(e.countries[0], set()) - {t.key}):
                score += SIBLING_SUPPORT
            if e.kind == "admin1" and e.admin1 and town_regions.get(e.admin1, set()) - {t.key}:
                score += HOLDS_TOWN_SUPPORT
            if id(t) in listed:
                score += list_support(e, listed[id(t)])
            if e.kind in NEAR_KINDS and anchors:
                near = min((_km(e.lat, e.lon, la, lo) for k, la, lo in anchors if k != t.key), default=1e9)
                score += NEAR_100KM if near < 100 else (NEAR_300KM if near < 300 else 0.0)
            if score > best_score:
                best, best_score = e, score
        chosen.append((best, best_score))
    one_sense(toponyms, chosen)
    out: list[Place | None] = []
    foreign: list[int] = []
    for t, (best, _score) in zip(toponyms, chosen):
        if best is None:
            out.append(None)
            continue
        outer = container(t, toponyms, text)
        cue = kind_cue(t, text) if t.via in ("name", "part") else None
        own = by_key.get(t.key, Counter())
        if SAME_NAME_TOWN and best.kind in ("admin1", "admin2") and t.via == "name" and cue is None:
            # "in Mandera": the town the county is named after, not the county's middle
            best = next((c for c in t.candidates[:50] if c.kind == "city" and c.key == t.key and contains(best, c)),
                        best)
        if t.partner is not None:
            best = partner_border(gaz, t, toponyms, evidence) or best
        if _foreign_town(gaz, t, best, evidence, own):
            foreign.append(len(out))
        unit = outer[0] if outer else None
        if (unit is not None and unit.kind in CONTAINER_KINDS and best.kind in ("city", "admin2")
                and LEVEL[unit.kind] > LEVEL[best.kind]
                and not any(contains(o, e) for o in outer for e in t.candidates[:50])):
            # "Kiunga, Lamu County": no Kiunga the gazetteer knows lies in Lamu; the place is
            # somewhere in its container, and as precise as that
            out.append(Place(name=t.text, kind="local", lat=unit.lat, lon=unit.lon, countries=list(unit.countries),
                             precision=PRECISION[unit.kind], source=f"in {unit.name}"))
            continue
        out.append(to_place(best, t))
    # one place per name: a name its container put somewhere ("the Mozambican town of Palma") is
    # there at every mention ("Militants attacked Palma"), not at the gazetteer's namesake
    placed = {t.key: p for t, p in zip(toponyms, out) if p is not None and p.source.startswith("in ")}
    for i, t in enumerate(toponyms):
        if t.key in placed and t.via == "name" and out[i] is not None and not out[i].source.startswith("in "):
            out[i] = replace(placed[t.key])
    if text:
        from .place_context import in_dateline  # (place_context reads this module)

        # a wire dateline's city is where the story was filed, not the area it is about
        # ("BANGKOK (AP) — ... an air strike ... in Pazigyi village")
        filed = {id(o) for o in toponyms if in_dateline(text, o.start)}
    else:
        filed = set()
    for i in foreign:
        # the local area is that of the article's own countries: another mention of the name
        # is no evidence ("Nyanza" four times in a report on Kenya is not Rwanda's area)
        own = by_key.get(toponyms[i].key, Counter())
        local = local_place(toponyms[i], toponyms, out, within={c for c, n in evidence.items() if n - own[c] >= 2},
                            filed=filed)
        if local is not None:
            out[i] = local
    main = {c for c, n in evidence.items() if n >= 2}
    for i, t in enumerate(toponyms):
        if out[i] is None and t.local:
            # in the area of the article's own countries where it has them ("Rift Valley" in a
            # report on Kenya is not near the Eastern Province of Rwanda it also names)
            out[i] = (local_place(t, toponyms, out, within=main, filed=filed) if main else None) \
                or local_place(t, toponyms, out, filed=filed)
        elif (t.via == "part" and t.local and out[i] is not None and out[i].kind != _own_kind(t.text)
              and (out[i].kind == "city" or (out[i].kind == "admin1" and not set(out[i].countries) & main))):
            # "Suffolk County" read as the town of Suffolk, "West Midlands" as a region of
            # Zimbabwe: only where that place is in the article's area; else the area itself is
            # the better guess. A region of the article's countries stays ("University of
            # California", "Manitoba Chambers of Commerce"), and so does a name that says its
            # kind ("Sokoto State" read as the state of Sokoto)
            local = local_place(t, toponyms, out, filed=filed)
            if local is not None and _km(local.lat, local.lon, out[i].lat, out[i].lon) > 300:
                out[i] = local
    return out


def one_sense(toponyms: list[Toponym], chosen: list[tuple[Entry | None, float]]) -> None:
    """One place per name in an article: every mention of a name takes the reading of its
    best-supported mention ("Setton Farms based in California" after "... Arkansas, California,
    Colorado ...": the state both times, not California, Missouri). Only names read as names,
    and only where that reading is among the mention's candidates; changes ``chosen`` in place."""
    by_key: dict[str, list[int]] = {}
    for i, t in enumerate(toponyms):
        if chosen[i][0] is not None and t.via == "name" and t.partner is None:
            by_key.setdefault(t.key, []).append(i)
    for idx in by_key.values():
        if len(idx) < 2:
            continue
        sense, top = max((chosen[i] for i in idx), key=lambda c: c[1])
        for i in idx:
            if chosen[i][0] is not sense and sense in toponyms[i].candidates[:50]:
                chosen[i] = (sense, top)


def _own_kind(name: str) -> str | None:
    """The kind the last word of a name says ("Sokoto State": admin1; ``kind_cues.tsv``)."""
    last = name.split()[-1].lower() if name.split() else ""
    return next((r["kind"] for r in _kind_cues() if r["side"] == "after" and r["words"] == last), None)


def _foreign_town(gaz: Gazetteer, t: Toponym, best: Entry, evidence: Counter, own: Counter) -> bool:
    """A small town of a country nothing else in the article points at, in an article about
    another country that does not border it: "Choma" (Zambia) in a report on Oromia, Ethiopia."""
    if best.kind not in ("city", "admin2") or t.via not in ("name", "part") or not t.local:
        return False
    if gaz.score(t.key, best) >= FOREIGN_TOWN_MAX_PRIOR:
        return False
    if any(evidence[c] - own[c] > 0 for c in best.countries):
        return False
    main = [c for c, n in evidence.items() if n - own[c] >= 2]
    # a town just across a border of the article's country is no surprise (Malakal for Sudan)
    return bool(main) and not any(gaz.border(c, b) is not None for c in main for b in best.countries)


LOCAL_KINDS = ("city", "admin1", "admin2", "region", "facility")


def local_place(t: Toponym, toponyms: list[Toponym], places: list[Place | None], *,
                within: set[str] | None = None, filed: set[int] = frozenset()) -> Place | None:
    """A name the gazetteer lacks (a district, a county, a landmark: "Faubourg Marigny",
    "Barclays Center") lies, most likely, in the local area the article is about: the place of
    the nearest local toponym before it in its sentence, else the nearest after it there ("the
    Quinta do Lago resort near Faro"), else the article's most named one.
    Its precision says so: ``context``."""
    known = [(o, p) for o, p in zip(toponyms, places) if p is not None and o is not t and p.kind in LOCAL_KINDS
             and p.precision != "context" and o.via != "adjective" and not o.metonym
             and (within is None or set(p.countries) & within)]
    if not known:
        return None
    # the dateline's city (``filed``, by id) only where the article names no other place
    known = [(o, p) for o, p in known if id(o) not in filed] or known
    before = [(o, p) for o, p in known if o.start < t.start]
    same = [(o, p) for o, p in before if o.sentence == t.sentence]
    after = [(o, p) for o, p in known if o.start > t.start and o.sentence == t.sentence]
    if same:
        _o, base = max(same, key=lambda op: op[0].start)
    elif after:
        _o, base = min(after, key=lambda op: op[0].start)
    else:
        counts = Counter((p.name, p.lat, p.lon) for _o, p in known)
        _o, base = max(known, key=lambda op: (counts[(op[1].name, op[1].lat, op[1].lon)], -op[0].start))
    if base.kind in ("admin1", "admin2"):
        # a region's town the article names is nearer the local place than the region's middle
        # ("Eastern Creek" in a report naming Sydney and New South Wales)
        region = _entry(_o, base)
        towns = [(o, p) for o, p in known if p.kind == "city" and region is not None
                 and (e := _entry(o, p)) is not None and contains(region, e)]
        if towns:
            counts = Counter((p.name, p.lat, p.lon) for _o2, p in towns)
            _o, base = max(towns, key=lambda op: (counts[(op[1].name, op[1].lat, op[1].lon)], -op[0].start))
    return Place(name=t.text, kind="local", lat=base.lat, lon=base.lon, countries=list(base.countries),
                 precision="context", source=f"near {base.name}")


def _entry(t: Toponym, p: Place) -> Entry | None:
    """The candidate of ``t`` that ``p`` was made from."""
    return next((e for e in t.candidates[:50] if e.name == p.name and e.lat == p.lat and e.lon == p.lon), None)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def partner_border(gaz: Gazetteer, t: Toponym, toponyms: list[Toponym], evidence: Counter) -> Entry | None:
    """The border of ``t.partner`` with the country the context names: same sentence first (the
    nearest before the phrase), then the article's most mentioned neighbour."""
    same = [o for o in toponyms if o is not t and o.sentence == t.sentence and o.candidates]
    same.sort(key=lambda o: (o.start > t.start, abs(o.start - t.start)))
    for o in same:
        for c in o.candidates[0].countries:
            if c != t.partner and (b := gaz.border(c, t.partner)) is not None:
                return b
    for c, _n in evidence.most_common():
        if c != t.partner and (b := gaz.border(c, t.partner)) is not None:
            return b
    return None


#: the precision of a place of each kind, as the event model reports it
PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "city": "point", "border": "border",
             "sea": "sea", "region": "region", "continent": "continent", "facility": "point"}


def to_place(e: Entry, t: Toponym | None = None) -> Place:
    gid = int(e.id) if e.id.isdigit() else None
    return Place(name=e.name, kind=e.kind, lat=e.lat, lon=e.lon, countries=list(e.countries),
                 precision=PRECISION.get(e.kind, e.kind), geonameid=gid, geometry=e.geojson(),
                 source=None if t is None else ("metonym" if t.metonym else t.via))
