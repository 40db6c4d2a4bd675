"""Event coreference across articles: cluster reports (event records of single sentences) into
events, one per happening.

A report joins the best-scoring cluster it is compatible with, in a fixed order (reference date,
then publication, article id, index), so the same reports always give the same clusters:

- the type is the same, or a pair listed in ``data/escalation/compatible_types.tsv``;
- the actor countries overlap (or, none known, the actor codes do), or, for a joint happening
  (``joint_words`` of params.json) credited to different partners, each report's actors are
  among the countries the other involves (actors, recipients, countries its words name); the
  recipients overlap when both reports name one;
- the dates overlap (an undated report stands for the week before its publication);
- the places lie within ``place_km`` of each other, or share a country when one is a country, or
  the country (a coarse place, often only the actor's) takes part in the other report;
- the words are alike (stems, with the synonyms of ``data/escalation/synonyms.tsv`` as one
  concept, weighted), or two outlets give the same size (troops, ships);
- both are background (``historical``) or both news, both generic or both one-off;
- undated reports need alike words, or the same dyad, or the same precise place (a named border,
  city or region within ``place_anchor_km``) with the same type and modality;
- across articles, a stance (``stance_types``: "Russia has strongly supported Belarus" / "The
  Kremlin has backed the Belarusian president") between the same actor and recipient countries,
  published within ``stance_days``, is one happening whatever dates or background its sentence
  gives; and two articles recalling a background happening of the same year, actors and a type
  group of ``data/escalation/background_types.tsv`` in a shared word ("Russia's invasion and
  annexation of Crimea in 2014" / "which was annexed by Russia in 2014") recall one happening;
- a country given as the place of a report none of whose participants it is (the article's
  focus, not the event's place) says nothing about where the event was;
- two reports of one article join only when their evidence is alike (an article repeats an event
  in its standfirst and its quotes, but also reports neighbouring events of the same kind), or
  when an undated lead and a report of the same type, mode, actors and recipients share words
  ("Russia has sent paratroopers to Belarus" / "about 250 Russian paratroopers parachuted");
  two events of one sentence never join (the extractor told them apart).

A cluster's id is a hash of its earliest report (article id and event id), so re-ingesting the
same articles gives the same ids. What the reports disagree on (quantities, dates, places, one
outlet's denial of what another asserts) is kept side by side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import data
from ..readers import parse_date

_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
_DAY = dt.timedelta(days=1)

#: Sources of event dates that the text does not state for the event itself (time stage).
INFERRED_DATES = frozenset({"lede", "narrative"})


class _kept:
    """A property computed on first use and kept in the instance's ``__dict__`` (where later
    reads find it without calling the descriptor): :func:`functools.cached_property` without
    its lock, which in Python 3.11 costs about as much as what the merge keeps this way (four
    properties of every report re-clustered: 63,000 first reads for 15,751 reports)."""

    def __init__(self, fn: Any) -> None:
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@lru_cache(maxsize=1)
def params() -> dict[str, Any]:
    return data.load_json("escalation", "params.json")


@lru_cache(maxsize=1)
def compatible_types() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = defaultdict(set)
    for row in data.tsv("escalation", "compatible_types.tsv"):
        pairs[row["type"]].add(row["other"])
        pairs[row["other"]].add(row["type"])
    return {k: frozenset(v) for k, v in pairs.items()}


@lru_cache(maxsize=1)
def background_groups() -> dict[str, frozenset[str]]:
    """Type -> the types one recalled background happening may also be coded with."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in data.tsv("escalation", "background_types.tsv"):
        types = {t.strip() for t in row["types"].split("|") if t.strip()}
        for t in types:
            out[t] |= types
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return data.words("escalation", "stopwords.txt")


@lru_cache(maxsize=1)
def _actor_stems() -> frozenset[str]:
    """Stems of nationality words and country names: the actors are compared on their codes, so
    "Russian" in two sentences says nothing more about the happening."""
    words = {w.lower() for w in data.words("repair", "nationality_words.txt")}
    words |= {r["name"].lower() for r in data.tsv("eval", "country_names.tsv")}
    return frozenset(w[:5] for w in words if len(w) >= 3)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Stem -> concept: words outlets use interchangeably for one happening ("drills", "war
    games", "exercises"; "sent", "dispatched") from ``data/escalation/synonyms.tsv``."""
    out: dict[str, str] = {}
    for row in data.tsv("escalation", "synonyms.tsv"):
        for w in row["words"].split("|"):
            out[w.strip().lower()[:5]] = row["concept"]
    return out


@lru_cache(maxsize=1)
def _concept_weights() -> dict[str, float]:
    return {row["concept"]: float(row["weight"]) for row in data.tsv("escalation", "synonyms.tsv")}


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Lower-case one-word country names and nationality adjectives -> ISO3 code."""
    out: dict[str, str] = {}
    for row in data.tsv("actors", "countries.tsv"):
        for w in (row.get("names") or "").split("|") + (row.get("adjectives") or "").split("|"):
            w = w.strip().lower()
            if w and " " not in w:
                out.setdefault(w, row["iso3"])
    return out


@lru_cache(maxsize=200_000)
def named_countries(text: str | None) -> frozenset[str]:
    """Countries a piece of evidence names ("a joint Russian-Belarusian exercise": RUS, BLR)."""
    words = _country_words()
    return frozenset(words[w] for w in re.findall(r"[a-z]+", (text or "").lower()) if w in words)


@lru_cache(maxsize=200_000)
def tokens(text: str | None, *, concepts: bool = True) -> frozenset[str]:
    """Content words of a piece of evidence, cut to five letters (a cheap stem), without
    function words and nationality words; synonyms become their concept (unless ``concepts``
    is false: the gold links of the merge evaluation keep the plain words)."""
    stop, actors, syn = _stopwords(), _actor_stems(), (_synonyms() if concepts else {})
    out = set()
    for w in _WORD.findall((text or "").lower()):
        if w in stop:
            continue
        parts = w.split("-")
        out.update(syn.get(p[:5], p[:5]) for p in parts if len(p) >= 3 and p[:5] not in actors and p not in stop)
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str], *, weighted: bool = True) -> float:
    """Overlap coefficient of two token sets (0 when either is empty); a shared concept of
    ``synonyms.tsv`` counts with its weight (at most 1)."""
    if not a or not b:
        return 0.0
    shared = a & b
    if not shared:
        return 0.0
    common = sum(_concept_weights().get(t, 1.0) for t in shared) if weighted else len(shared)
    return min(1.0, common / min(len(a), len(b)))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def event_weight(weight: float | None, status: str | None, modality: str | None) -> float:
    """The escalation weight of a report: the factuality stage's, or (NULL) the default of its
    status times its modality from params.json."""
    if weight is not None and not (isinstance(weight, float) and math.isnan(weight)):
        return float(weight)
    w = params()["weights"]
    return w["status"].get(status or "asserted", 1.0) * w["modality"].get(modality or "actual", 1.0)


def _as_date(value: Any) -> dt.date | None:
    """A date from a stored value (date, datetime or ISO string); None where there is none."""
    try:
        return parse_date(value)
    except ValueError:
        return None


@dataclass
class Report:
    """One event record of one sentence of one article, as the merge sees it."""

    article_id: str
    event_id: str
    idx: int
    type: str
    actor: str = ""
    recipient: str = ""
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    mode: str | None = None
    status: str | None = "asserted"
    attributed_to: str | None = None
    modality: str | None = "actual"
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    historical: bool = False
    place: str | None = None
    place_kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_countries: frozenset[str] = frozenset()
    published: dt.date | None = None
    outlet: str | None = None
    evidence: str = ""
    quantities: list[dict[str, Any]] = field(default_factory=list)
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    weight: float | None = None
    sentence: int | None = None
    trigger: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Report:
        """From a row of the store's events table: its ``record`` holds the place kind, the
        quantities and where the date came from, or the row gives them as ``place_kind``,
        ``quantities`` (JSON) and ``date_source``, read from the record in SQL."""
        record = row.get("record")
        if isinstance(record, str):
            record = json.loads(record)
        record = record or {}
        place_kind = row["place_kind"] if "place_kind" in row else (record.get("place") or {}).get("kind")
        quantities = row["quantities"] if "quantities" in row else record.get("quantities")
        if isinstance(quantities, str):
            quantities = json.loads(quantities)
        date_source = row["date_source"] if "date_source" in row else (record.get("date") or {}).get("source")
        codes = lambda v: frozenset(c for c in (v or []) if c)  # noqa: E731
        # a date the time stage took from the lede's day, not from the report's own words, does not
        # tell two reports apart (each outlet's lede names its own day of the story)
        inferred = date_source in INFERRED_DATES
        return cls(
            article_id=row["article_id"], event_id=row["event_id"], idx=int(row.get("idx") or 0),
            type=row["type"], actor=row.get("actor") or "", recipient=row.get("recipient") or "",
            actor_countries=codes(row.get("actor_countries")),
            recipient_countries=codes(row.get("recipient_countries")), mode=row.get("mode"),
            status=row.get("status"), attributed_to=row.get("attributed_to"),
            modality=row.get("modality"), date_start=None if inferred else _as_date(row.get("date_start")),
            date_end=None if inferred else _as_date(row.get("date_end")), historical=bool(row.get("historical")),
            place=row.get("place"), place_kind=place_kind, lat=row.get("lat"), lon=row.get("lon"),
            place_countries=codes(row.get("place_countries")), published=_as_date(row.get("published")),
            outlet=row.get("outlet"), evidence=row.get("evidence") or "",
            quantities=[{k: q.get(k) for k in ("value", "of", "kind", "qualifier")} for q in quantities or []],
            cameo=row.get("cameo"), quad_class=row.get("quad_class"), goldstein=row.get("goldstein"),
            plover_score=row.get("plover_score"), weight=row.get("weight"), sentence=row.get("sentence"),
            trigger=row.get("trigger") or "",
        )

    # -- derived -------------------------------------------------------------------------------
    @_kept
    def size(self) -> dict[str, Any] | None:
        """The size of the moved force the report tells of (:func:`report_size`), read once:
        the merge asks for it for every candidate event."""
        return report_size(self)

    @_kept
    def words(self) -> frozenset[str]:
        """The content words of the evidence (:func:`tokens`), read once per report."""
        return tokens(self.evidence)

    @_kept
    def amounts(self) -> frozenset[float]:
        """The sizes the report gives (:func:`_sizes`), read once per report."""
        return frozenset(_sizes(self))

    @property
    def dated(self) -> bool:
        return self.date_start is not None or self.date_end is not None

    def interval(self) -> tuple[dt.date, dt.date] | None:
        """The stated date interval, or None when the report gives no date."""
        if not self.dated:
            return None
        start = self.date_start or self.date_end
        end = self.date_end or (self.published if self.published and self.published >= start else start)
        return (start, max(start, end))

    def window(self, undated_days: int) -> tuple[dt.date, dt.date] | None:
        """Where the event can lie: its interval, or the days before publication when undated."""
        if self.dated:
            return self.interval()
        if self.published:
            return (self.published - dt.timedelta(days=undated_days), self.published)
        return None

    @_kept
    def participants(self) -> frozenset[str]:
        """Every country the report involves: actors, recipients and countries its words name."""
        return self.actor_countries | self.recipient_countries | named_countries(self.evidence)

    @property
    def outlet_key(self) -> str:
        return self.outlet or self.article_id

    def order_key(self) -> tuple:
        ref = self.date_start or self.published or dt.date.max
        return (ref, self.published or dt.date.max, self.article_id, self.idx)


def _overlap(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None, tol: int) -> bool:
    if a is None or b is None:
        return True
    slack = dt.timedelta(days=tol)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _intersect(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None):
    """The common part of two intervals; where they do not meet (a report a day off), the first."""
    if a is None:
        return b
    if b is None:
        return a
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else a


def located(r: Report) -> bool:
    """The report's place says where its event was: it has one, and a country given as the place
    is one of the report's participants (else it is the article's focus: "The US has sent a
    missile destroyer" placed in Russia)."""
    if r.lat is None or r.lon is None:
        return False
    return r.place_kind != "country" or bool(r.place_countries & r.participants)


def _same_place(a: Report, b: Report, km: float) -> bool:
    """Both reports name one precise place (not a country): the same name, or within ``km``."""
    if a.lat is None or b.lat is None or "country" in (a.place_kind, b.place_kind) or not a.place or not b.place:
        return False
    return a.place.casefold() == b.place.casefold() or haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _year(r: Report) -> int | None:
    """The one calendar year a dated report lies in (None: undated, or over several years)."""
    iv = r.interval()
    return iv[0].year if iv and iv[0].year == iv[1].year else None


def _places_compatible(a: Report, b: Report, km: float) -> bool:
    if not located(a) or not located(b):
        return True
    if "country" in (a.place_kind, b.place_kind):
        if a.place_countries & b.place_countries:
            return True
        # a country is a coarse place, often only the actor's own: it does not contradict a
        # precise place when the country takes part in the other report's happening
        for x, y in ((a, b), (b, a)):
            if x.place_kind == "country" and x.place_countries & (y.participants | x.actor_countries):
                return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _sizes(r: Report) -> set[float]:
    """The sizes a report gives (troops, ships...): numbers of 10 or more, not money or lengths."""
    return {float(q["value"]) for q in r.quantities
            if isinstance(q.get("value"), (int, float)) and q["value"] >= 10
            and q.get("kind") not in ("money", "length", "area", "duration", "percent")}


def _shared_weight(a: frozenset[str], b: frozenset[str]) -> float:
    """How many words two reports share, a concept of ``synonyms.tsv`` counting its weight."""
    weights = _concept_weights()
    return sum(weights.get(t, 1.0) for t in a & b)


def _same_dyad(r: Report, o: Report) -> bool:
    """Two reports of one type, mode, actors and recipients (both named): an article's lead
    ("Russia has sent paratroopers to Belarus") and its detail ("about 250 Russian paratroopers
    parachuted...") say little alike but name the same dyad. One of them must be undated (the
    lead's summary): two dated reports have their dates to go by."""
    return (r.type == o.type and (r.mode or "") == (o.mode or "") and bool(r.recipient_countries)
            and not (r.dated and o.dated)
            and r.actor_countries == o.actor_countries and r.recipient_countries == o.recipient_countries
            and bool(r.actor_countries))


def _dyad(r: Report, c: Cluster) -> list[Report]:
    """The reports of ``c`` of ``r``'s dyad (:func:`_same_dyad`) that share words with it: a lead
    and its detail. Asked only where the score needs it (an undated report told unalike, a
    report of an article ``c`` has already)."""
    words = r.words
    return [o for o in c.reports if _same_dyad(r, o) and _shared_weight(words, o.words) >= 2]


@dataclass
class Cluster:
    """Reports of one happening, and the running summary the merge compares new reports with."""

    reports: list[Report] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    actor_countries: set[str] = field(default_factory=set)
    actor_codes: set[str] = field(default_factory=set)
    recipient_countries: set[str] = field(default_factory=set)
    interval: tuple[dt.date, dt.date] | None = None  # intersection of the dated reports
    window: tuple[dt.date, dt.date] | None = None  # intersection of every report's window
    tokens: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    quantities: set[float] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)  # land, sea, air: where the reported forces act
    historical: bool = False
    generic: bool = False

    def add(self, r: Report, undated_days: int) -> None:
        first = not self.reports
        self.reports.append(r)
        self.articles.add(r.article_id)
        self.types.add(r.type)
        self.actor_countries |= r.actor_countries
        self.actor_codes |= set(filter(None, r.actor.split("+")))
        self.recipient_countries |= r.recipient_countries
        if r.dated:
            self.interval = _intersect(self.interval, r.interval())
        w = r.window(undated_days)
        self.window = w if first else _intersect(self.window, w) if w else self.window
        self.tokens |= r.words
        self.participants |= r.participants
        self.quantities |= r.amounts
        domain = report_domain(r)
        if domain:
            self.domains.add(domain)
        if first:
            self.historical, self.generic = r.historical, r.modality == "generic"

    @property
    def first(self) -> Report:
        return min(self.reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.idx))

    @property
    def id(self) -> str:
        f = self.first
        return "m" + hashlib.sha1(f"{f.article_id}\x1f{f.event_id}".encode()).hexdigest()[:12]


class Merger:
    """Clusters reports into events (see the module docstring for the rules)."""

    def __init__(self, *, undated_window_days: int | None = None, date_tolerance_days: int | None = None,
                 place_km: float | None = None, same_article_min_similarity: float | None = None) -> None:
        p = params()["merge"]
        self.undated_days = p["undated_window_days"] if undated_window_days is None else undated_window_days
        self.tol = p["date_tolerance_days"] if date_tolerance_days is None else date_tolerance_days
        self.place_km = p["place_km"] if place_km is None else place_km
        self.same_article_sim = (p["same_article_min_similarity"] if same_article_min_similarity is None
                                 else same_article_min_similarity)
        self.near_date_sim = p["near_date_min_similarity"]
        self.undated_sim = p["undated_min_similarity"]
        self.compatible = compatible_types()
        # a type and those it may share a happening with: the types of a cluster a report of that
        # type may join are a subset (one set operation per candidate instead of a loop)
        self._joinable = {t: others | {t} for t, others in self.compatible.items()}
        self.joint_words = frozenset(w.lower() for w in p.get("joint_words", ()))
        self.stance_types = frozenset(p.get("stance_types", ()))
        self.stance_days = int(p.get("stance_days", 0))
        self.anchor_km = float(p.get("place_anchor_km", 0))
        self.background = background_groups()

    def _joint(self, r: Report) -> bool:
        """The report tells of a joint happening ("joint drills", "together with")."""
        return bool(self.joint_words & set(re.findall(r"[a-z]+", r.evidence.lower())))

    def types_compatible(self, a: str, types: Iterable[str]) -> bool:
        joinable = self._joinable.get(a)
        if joinable is None:
            return all(t == a for t in types)
        return joinable.issuperset(types)

    def score(self, r: Report, c: Cluster) -> float | None:
        """How well report ``r`` fits cluster ``c``; None when it may not join it.

        The tests that need no words come first (recipients, types, dates): most candidates
        fail one of them (three in four of the bench's on recipients alone), and the word overlap
        is the dearest part of a score. Reports naming other recipients are no stance either."""
        recipient_sim = 0.0
        if r.recipient_countries and c.recipient_countries:
            common = r.recipient_countries & c.recipient_countries
            if not common:
                return None
            recipient_sim = len(common) / len(r.recipient_countries | c.recipient_countries)
        cross = r.article_id not in c.articles
        stance = self._stance(r, c) if cross and r.type in self.stance_types else None
        if stance is not None:
            return stance
        background = cross and r.historical and c.historical and self._background(r, c)
        if not self.types_compatible(r.type, c.types) and not background:
            return None
        if r.historical != c.historical or (r.modality == "generic") != c.generic:
            return None
        domain = report_domain(r) if c.domains else None
        if domain and domain not in c.domains:
            return None  # bombers over the sea and a destroyer in it: two happenings
        dated = r.dated and c.interval is not None
        if dated:
            interval = r.interval()
            if not _overlap(interval, c.interval, self.tol):
                return None
        elif not _overlap(r.window(self.undated_days), c.window, self.tol):
            return None
        r_tokens = r.words
        text_sim = similarity(r_tokens, c.tokens)
        if r.amounts and any(r.amounts & o.amounts for o in c.reports if o.article_id != r.article_id):
            text_sim = max(text_sim, self.near_date_sim)  # two outlets give the same size: told alike
        if r.actor_countries or c.actor_countries:
            common = r.actor_countries & c.actor_countries
            if common:
                actor_sim = len(common) / len(r.actor_countries | c.actor_countries)
            elif (r.actor_countries and c.actor_countries and r.actor_countries <= c.participants
                  and c.actor_countries & r.participants and text_sim >= self.undated_sim
                  and (self._joint(r) or any(self._joint(o) for o in c.reports))):
                # a joint happening credited to different partners ("joint Russian-Belarusian
                # exercise" with Belarus as actor, "Russian paratroopers" with Russia)
                actor_sim = 0.5
            else:
                return None
        else:
            codes = set(filter(None, r.actor.split("+")))
            if not codes & c.actor_codes:
                return None
            actor_sim = 1.0
        dyad: list[Report] | None = None  # the reports of c that r is the lead or detail of, when asked
        if dated:
            if _overlap(interval, c.interval, 0):
                date_bonus = 1.0
            elif text_sim >= self.near_date_sim:
                date_bonus = 0.5  # a day apart: the same happening only if told alike
            else:
                return None
        else:
            if text_sim < self.undated_sim and not (dyad := _dyad(r, c)) and not any(
                    o.article_id != r.article_id and o.type == r.type and o.modality == r.modality
                    and _same_place(r, o, self.anchor_km) for o in c.reports):
                return None  # an undated report needs the words of the event (its dyad, its place) to match
            date_bonus = 0.0
        if r.type not in c.types and text_sim < self.undated_sim and not background:
            return None  # two types for one happening only when the reports are told alike
        # (a report without a place it may be said to be at fits every place)
        if located(r) and not all(_places_compatible(r, o, self.place_km) for o in c.reports):
            return None
        same_article = [o for o in c.reports if o.article_id == r.article_id] if not cross else []
        if r.sentence is not None and any(o.sentence == r.sentence for o in same_article):
            return None  # the extractor told these apart within one sentence
        if same_article and dyad is None:
            dyad = _dyad(r, c)
        if (same_article and not any(o in dyad for o in same_article)
                and max(similarity(r_tokens, o.words, weighted=False) for o in same_article)
                < self.same_article_sim):
            return None
        type_bonus = 0.5 if r.type in c.types else 0.0
        return actor_sim + recipient_sim + date_bonus + text_sim + type_bonus

    def _stance(self, r: Report, c: Cluster) -> float | None:
        """A stance of one actor towards one recipient reported by several articles within
        ``stance_days`` of each other (whatever dates or background their sentences give): the
        score to join, or None when the rule does not apply."""
        if (r.type not in self.stance_types or not c.types <= self.stance_types or not r.actor_countries
                or not r.recipient_countries or r.actor_countries != c.actor_countries
                or r.recipient_countries != c.recipient_countries or r.published is None):
            return None
        if any(o.published is None or abs((o.published - r.published).days) > self.stance_days
               or o.actor_countries != r.actor_countries or o.recipient_countries != r.recipient_countries
               for o in c.reports):
            return None
        if (r.modality or "actual") in ("negated", "hypothetical") or any(
                (o.modality or "actual") in ("negated", "hypothetical") for o in c.reports):
            return None
        return 2.5

    def _stance_open(self, c: Cluster, r: Report) -> bool:
        """A stance cluster a report published now may still join (see :meth:`_stance`)."""
        return (bool(self.stance_types) and c.types <= self.stance_types and r.published is not None
                and any(o.published and o.published + dt.timedelta(days=self.stance_days) >= r.published
                        for o in c.reports))

    def _background(self, r: Report, c: Cluster) -> bool:
        """``r`` and every report of ``c`` recall a background happening of the same one year
        with types of one group of ``background_types.tsv``."""
        if not r.historical or not c.historical:
            return False
        year, group = _year(r), self.background.get(r.type, frozenset({r.type}))
        # ... and share a word of what happened ("annexation" / "annexed")
        return (year is not None and all(_year(o) == year and o.type in group for o in c.reports)
                and bool(r.words & c.tokens))

    def cluster(self, reports: Iterable[Report]) -> list[Cluster]:
        """The clusters of ``reports``. Dated reports are clustered first, in date order; the
        undated ones then join the cluster they fit best, so that a vague report cannot bridge
        two distinct happenings."""
        reports = sorted(reports, key=Report.order_key)
        clusters: list[Cluster] = []
        self._sweep([r for r in reports if r.dated], clusters)
        self._sweep([r for r in reports if not r.dated], clusters)
        return clusters

    def _sweep(self, reports: list[Report], clusters: list[Cluster]) -> None:
        # blocking: candidate clusters by (type, actor country or code); stale ones are dropped
        blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, c in enumerate(clusters):
            for key in self._block_keys_of(c):
                blocks[key].append(i)
        horizon = dt.timedelta(days=self.undated_days + self.tol + 1)
        for r in reports:
            ref = r.date_start or r.published
            best, best_score = None, None
            seen: set[int] = set()
            for key in self._block_keys(r):
                cand = blocks.get(key)
                if not cand:
                    continue
                if ref is not None:  # drop clusters that ended well before this report (a stance: its last report)
                    cand[:] = [i for i in cand if clusters[i].window is None or clusters[i].window[1] + horizon >= ref
                               or self._stance_open(clusters[i], r)]
                for i in cand:
                    if i in seen:
                        continue
                    seen.add(i)
                    s = self.score(r, clusters[i])
                    if s is not None and (best_score is None or s > best_score):
                        best, best_score = i, s
            if best is None:
                clusters.append(Cluster())
                best = len(clusters) - 1
            before = self._block_keys_of(clusters[best])
            clusters[best].add(r, self.undated_days)
            for key in self._block_keys_of(clusters[best]) - before:
                blocks[key].append(best)

    def block_keys(self, r: Report) -> set[tuple[str, str]]:
        """The (type, actor) keys under which report ``r`` looks for clusters (also the keys the
        incremental merge finds candidate events by in ``merged_blocks``)."""
        return self._block_keys(r)

    def block_keys_of(self, c: Cluster) -> set[tuple[str, str]]:
        """The (type, actor) keys a cluster is found by."""
        return self._block_keys_of(c)

    def _block_keys(self, r: Report) -> set[tuple[str, str]]:
        actors = r.actor_countries or frozenset(filter(None, r.actor.split("+"))) or frozenset({"?"})
        types = {r.type} | set(self.compatible.get(r.type, ()))
        if r.historical:
            types |= self.background.get(r.type, frozenset())
        return {(t, a) for t in types for a in actors}

    def _block_keys_of(self, c: Cluster) -> set[tuple[str, str]]:
        # a joint happening may be credited to any of its partners: the cluster is found by them too
        actors = (c.actor_countries | c.participants) if c.actor_countries else (c.actor_codes or {"?"})
        return {(t, a) for t in c.types for a in actors}


# -- summaries ----------------------------------------------------------------------------------

def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent value (ties: the first seen), None and "" left out."""
    counts: dict[Any, int] = {}
    for v in values:
        if v not in (None, ""):
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


@lru_cache(maxsize=1)
def _force_words() -> dict[str, tuple[str, str, str]]:
    """word -> (role, concept, domain) from ``data/escalation/force_size.tsv``."""
    return {row["word"]: (row["role"], row.get("concept") or row["word"], row.get("domain") or "")
            for row in data.tsv("escalation", "force_size.tsv")}


def report_domain(r: Report) -> str | None:
    """Where the force a report tells of acts (land, sea, air), from its size noun; None when
    it names no force of one domain."""
    return r.size.get("domain") if r.size else None


@lru_cache(maxsize=1)
def _size_types() -> frozenset[str]:
    return data.words("escalation", "size_types.txt")


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d,.]*\d|\d")
_CASUALTIES = ("deaths", "injuries", "arrests")  # casualties of a force are not its size
_NOT_SIZES = ("money", "length", "area", "duration", "percent", "time", "speed", "weight") + _CASUALTIES


def _size_phrase(toks: list[str], i: int, depth: int = 0) -> tuple[list[str], str]:
    """The size words before the force noun ``toks[i]`` and the noun ("a small team" -> (["a",
    "small"], "team")): determiners, number words and size adjectives are kept, modifiers
    ("elite", "armed", names) passed over; "a small team of UK armed forces personnel" goes back
    to the unit it is a part of, "hundreds of troops" keeps its amount."""
    words = _force_words()
    noun, kept = toks[i].lower(), []
    j = i - 1
    while j >= 0:
        w = toks[j]
        role = words.get(w.lower(), ("", ""))[0]
        if role == "size" or w[0].isdigit():
            kept.insert(0, w.lower())
        elif role in ("skip", "force") or (w[0].isupper() and not role):
            pass
        elif w.lower() == "of" and j > 0 and depth < 2 and words.get(toks[j - 1].lower(), ("", ""))[0] in ("unit", "amount"):
            head_words, head = _size_phrase(toks, j - 1, depth + 1)
            if words[toks[j - 1].lower()][0] == "unit":
                return head_words, head
            return head_words + [head, "of"], noun
        else:
            break
        j -= 1
    return kept, noun


def report_size(r: Report) -> dict[str, Any] | None:
    """The size of the force a report tells of: its number where it gives one ("8,500
    soldiers"), else the size words of the moved force's noun phrase ("troops", "a unit", "a
    small team"), the noun nearest the trigger among the force and unit words of
    ``force_size.tsv``. ``key`` is what reports compare (synonyms as one concept); ``vague`` marks
    a bare plural ("troops"), which says nothing against a number. None when it gives no size."""
    if r.type not in _size_types():
        return None
    words = _force_words()
    toks = _TOKEN.findall(r.evidence or "")
    trig = (r.trigger or "").split()[:1]
    at = next((k for k, t in enumerate(toks) if trig and t.lower() == trig[0].lower()), len(toks) // 2)
    casualties = {w.lower() for q in r.quantities if q.get("kind") in _CASUALTIES for w in (q.get("of") or "").split()}
    nouns = [k for k, t in enumerate(toks) if words.get(t.lower(), ("", ""))[0] in ("force", "unit")
             and t.lower() not in casualties]  # "two paratroopers died": the dead, not the force
    noun_at = min(nouns, key=lambda k: (abs(k - at), k > at)) if nouns else None
    for q in r.quantities:
        v = q.get("value")
        if isinstance(v, (int, float)) and v >= 1 and q.get("kind") not in _NOT_SIZES:
            of = [w.lower() for w in (q.get("of") or "").split()]
            forces = [w for w in of if words.get(w, ("", ""))[0] in ("force", "unit")]
            if of and not forces and q.get("kind") != "personnel":
                continue  # a number of something else (migrants, days)
            if not of and noun_at is None:
                continue
            noun = forces[0] if forces else of[-1] if of else toks[noun_at].lower()
            qual = q.get("qualifier")
            text = f"{v:,.0f}" + (f" {noun}" if noun else "")
            if qual and qual not in ("exact", None):
                text = f"{qual.replace('_', ' ')} {text}"
            return {"text": text, "value": float(v), "key": f"{v:g}", "vague": False,
                    "domain": words.get(noun or "", ("", "", ""))[2] or None}
    if noun_at is None:
        return None
    kept, noun = _size_phrase(toks, noun_at)
    if not kept and words.get(noun, ("", ""))[0] == "unit":
        return None  # a bare singular is a modifier ("the warship deployment"), not a size
    concept = words.get(noun, ("", noun))[1]
    vague = not kept and words.get(noun, ("", ""))[0] == "force"
    return {"text": " ".join(kept + [noun]), "value": None, "key": " ".join(kept + [concept]), "vague": vague,
            "domain": words.get(noun, ("", "", ""))[2] or None}


def size_disagreement(reports: Sequence[Report]) -> dict[str, Any] | None:
    """The sizes of one event's reports side by side when they differ: two numbers, two size
    phrases ("troops" / "a small team"), or a number and a phrase with size words ("a small
    team" / "600"); a bare plural does not contradict a number, and absent sizes say nothing."""
    sizes = [(r, r.size) for r in reports]
    sizes = [(r, z) for r, z in sizes if z]
    numbers = {z["key"] for _, z in sizes if z["value"] is not None}
    phrases = {z["key"] for _, z in sizes if z["value"] is None}
    sized_phrases = {z["key"] for _, z in sizes if z["value"] is None and not z["vague"]}
    if not (len(numbers) > 1 or len(phrases) > 1 or (numbers and sized_phrases)):
        return None
    groups: dict[str, list[tuple[Report, dict[str, Any]]]] = defaultdict(list)
    for r, z in sizes:
        groups[z["key"]].append((r, z))
    values = []
    for key, items in groups.items():
        texts = list(dict.fromkeys(z["text"] for _, z in items))
        values.append({"value": " / ".join(texts), "outlets": sorted({r.outlet_key for r, _ in items}),
                       "reports": [f"{r.article_id}:{r.event_id}" for r, _ in items]})
    order = {id(r): k for k, r in enumerate(reports)}
    values.sort(key=lambda v: min(order.get(id(r), 0) for r, z in sizes if f"{r.article_id}:{r.event_id}" in v["reports"]))
    return {"field": "size", "values": values}


def disagreements(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """What the reports of one event disagree on, each value with the outlets that give it."""
    out: list[dict[str, Any]] = []
    if len(reports) < 2:  # one report does not disagree with itself (see side_by_side)
        return out

    def side_by_side(field_name: str, values: dict[Any, list[Report]], **extra: Any) -> None:
        # reports disagree, not one report with itself ("100 kilometres (62 miles)")
        if len(values) > 1 and len({id(r) for rs in values.values() for r in rs}) > 1:
            out.append({"field": field_name, **extra, "values": [
                {"value": v, "outlets": sorted({r.outlet_key for r in rs}),
                 "reports": [f"{r.article_id}:{r.event_id}" for r in rs]}
                for v, rs in sorted(values.items(), key=lambda kv: str(kv[0]))]})

    by_kind: dict[str, dict[Any, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        for q in r.quantities:
            if q.get("value") is None:
                continue
            of_words = (q.get("of") or "").split()
            kind = q.get("kind") or (of_words[-1] if of_words else "number")
            value = f"{q['value']:g}" if isinstance(q["value"], (int, float)) else str(q["value"])
            if q.get("qualifier") and q["qualifier"] != "exact":
                value = f"{q['qualifier']} {value}"
            by_kind[kind][value].append(r)
    for kind, values in sorted(by_kind.items()):
        side_by_side("quantity", values, kind=kind)
    size = size_disagreement(sorted(reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.idx)))
    if size:
        out.append(size)
    dates: dict[Any, list[Report]] = defaultdict(list)
    for r in reports:
        if r.dated:
            a, b = r.interval()
            dates[a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"].append(r)
    side_by_side("date", dates)
    statuses: dict[Any, list[Report]] = defaultdict(list)
    for r in reports:
        statuses[r.status or "asserted"].append(r)
    if "denied" in statuses and len(statuses) > 1:
        side_by_side("status", statuses)
    modalities: dict[Any, list[Report]] = defaultdict(list)
    for r in reports:
        modalities[r.modality or "actual"].append(r)
    if "actual" in modalities and ({"negated", "hypothetical"} & set(modalities)):
        side_by_side("modality", modalities)
    places: dict[Any, list[Report]] = defaultdict(list)
    for r in reports:
        if r.place:
            places[r.place].append(r)
    side_by_side("place", places)
    return out


def _medoid(reports: Sequence[Report]) -> Report:
    """The report whose words the others share most (ties: the earliest). The overlap is
    symmetric: each pair is compared once (half the comparisons), and each report's sum is
    added up in the reports' order, as one pass per report would."""
    if len(reports) == 1:  # the one report (half the merged events have one)
        return reports[0]
    toks = [r.words for r in reports]
    n = len(toks)
    sims = [[0.0] * n for _ in range(n)]
    for i in range(n):
        sims[i][i] = similarity(toks[i], toks[i], weighted=False)
        for j in range(i + 1, n):
            sims[i][j] = sims[j][i] = similarity(toks[i], toks[j], weighted=False)
    return max(zip(reports, sims), key=lambda rs: sum(rs[1]))[0]


def summarise(cluster: Cluster) -> dict[str, Any]:
    """One merged event as a flat dict (the merged_events row; lists stay lists)."""
    rs = sorted(cluster.reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.idx))
    first = rs[0]
    type_ = _most_common(r.type for r in rs)
    interval = cluster.interval
    if interval is not None and interval[0] > interval[1]:  # reports disagree: take the earliest stated
        interval = next(r.interval() for r in rs if r.dated)
    placed = [r for r in rs if r.lat is not None]
    precise = [r for r in placed if r.place_kind != "country"] or placed
    place_name = _most_common(r.place for r in precise)
    place = next((r for r in precise if r.place == place_name), None)
    statuses = {r.status or "asserted" for r in rs}
    status = next((s for s in ("asserted", "attributed", "denied") if s in statuses), "asserted")
    weights = [event_weight(r.weight, r.status, r.modality) for r in rs]
    goldsteins = [r.goldstein for r in rs if r.goldstein is not None]
    plovers = [r.plover_score for r in rs if r.plover_score is not None]
    outlets = sorted({r.outlet_key for r in rs})
    mode = _most_common(r.mode for r in rs if r.type == type_)
    rung, rung_label = ladder_rung(type_, mode)
    return {
        "id": cluster.id,
        "type": type_,
        "mode": mode,
        "actor": _most_common(r.actor for r in rs) or "",
        "recipient": _most_common(r.recipient for r in rs) or "",
        "actor_countries": sorted(cluster.actor_countries),
        "recipient_countries": sorted(cluster.recipient_countries),
        "status": status,
        "modality": _most_common(r.modality for r in rs) or "actual",
        "date_start": interval[0] if interval else None,
        "date_end": interval[1] if interval else None,
        "historical": cluster.historical,
        "place": place.place if place else None,
        "place_kind": place.place_kind if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_countries": sorted(place.place_countries) if place else [],
        "cameo": _most_common(r.cameo for r in rs),
        "quad_class": _most_common(r.quad_class for r in rs),
        "goldstein": sum(goldsteins) / len(goldsteins) if goldsteins else None,
        "plover_score": sum(plovers) / len(plovers) if plovers else None,
        "weight": max(weights),
        "rung": rung,
        "rung_label": rung_label,
        "first_published": first.published,
        "last_published": max((r.published for r in rs if r.published), default=None),
        "n_reports": len(rs),
        "n_outlets": len(outlets),
        "outlets": outlets,
        "evidence": _medoid(rs).evidence,
        "disagreements": disagreements(rs),
    }


@lru_cache(maxsize=1)
def _ladder() -> dict[tuple[str, str], tuple[int, str]]:
    return {(row["type"], row["mode"]): (int(row["rung"]), row["label"])
            for row in data.tsv("escalation", "ladder.tsv")}


def ladder_rung(type_: str | None, mode: str | None) -> tuple[int, str]:
    """The rung of the escalation ladder a type (and mode) reaches: (0, "cooperation") etc."""
    table = _ladder()
    if mode and (type_, mode.lower()) in table:
        return table[(type_, mode.lower())]
    return table.get((type_ or "", "*"), (0, "none"))
