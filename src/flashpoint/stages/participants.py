"""participants: complete each event's actor and recipient from where the event happens.

Reads ``article.events`` (with their places, from the ``place`` stage) and ``article.places``;
writes ``event.actor`` and ``event.recipient``.

The coding conventions (``shared/spec/coding-conventions.md`` 3.3-3.7) code the people and groups
of a country by the country where they act: armed groups as REB of the country where they fight,
protesters and residents as CVL of the country where they are, "the military" of an article about
Ethiopia as ETH MIL. A mention that names no country ("separatists", "gunmen", "the opposition
side", "local vigilantes") therefore takes:

1. the country of the event's place, when the place lies in one country;
2. else the country the article's places point to most (``article.places``, weighted by how
   specific each place is).

"Gunmen in Nigeria kidnapped more than 200 school pupils in the northern town of Kuriga" gives
actor NGA UAF and recipient NGA EDU. Only sectors of ``data/participants/local_sectors.txt`` are
localised (never refugees, outlets or organisations), and never a mention that says it is from
elsewhere (``foreign_words.txt``: "Western leaders", "foreign governments", "the international
community"). An event the text gives no actor for (a
passive, "the attack"; types of ``unknown_actor.tsv``) gets the unidentified entities, UAF and UNK
with no country, as the conventions code it.

An act against someone whose target the sentence does not name ("Iran launched missiles on
Tuesday", "the UN called for restraint") is, in a story of one conflict, aimed at the other side:
types of ``counterpart_targets.txt`` with no recipient and no place that stands for the target
(save the measures a state takes at home, ``domestic_codes.txt``: a curfew, a state of emergency)
take the country the article most often puts on the other side of the actor's country (in
events whose recipient the text names). The recipient is marked as inferred (kind
``counterpart``; its span is the mention of that side it was inferred from, the nearest before the
event) and ``event.cues["participants"]`` says so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from dataclasses import replace

from .. import data
from ..model import Actor, Article, Entity, Event, Place, Span
from ..pipeline import stage
from .factuality import STATE_SECTORS
from .place_context import in_dateline
from .scores import tables

STAGE = "participants"
#: How much one place of each kind says about the country an article is about.
PLACE_WEIGHT = {"city": 1.5, "admin1": 1.5, "region": 1.5, "facility": 1.5, "border": 0.5, "country": 1.0}


@stage(STAGE, requires=("article.events", "event.place", "article.places"), assigns=("event.actor", "event.recipient"))
class Participants:
    """Give countryless local actors the country where the event happens (see the module docstring)."""

    def __init__(self, *, localise: bool = True, unknown_actors: bool = True, place_targets: bool = True,
                 counterparts: bool = True) -> None:
        self.localise = localise
        self.counterpart_targets = data.words(STAGE, "counterpart_targets.txt") if counterparts else frozenset()
        self.domestic = data.words(STAGE, "domestic_codes.txt")
        self.unknown_actors = unknown_actors
        self.local_sectors = data.words(STAGE, "local_sectors.txt")
        #: words that put a mention outside the country where the event happens ("Western leaders")
        self.foreign = data.words(STAGE, "foreign_words.txt")
        self.place_targets = data.words(STAGE, "place_targets.txt") if place_targets else frozenset()
        self.mutual_acts = data.words(STAGE, "mutual_acts.txt")
        rows = data.tsv(STAGE, "unknown_actor.tsv")
        self.unknown = {r["type"]: [s.strip() for s in r["sectors"].split(",") if s.strip()] for r in rows}
        self.unknown_local = {r["type"] for r in rows if r.get("local") == "yes"}

    def _mutual(self, event: Event) -> bool:
        """Two sides fight each other: their act has no third party as target."""
        return _lemma(event) in self.mutual_acts and len({a.entity.code for a in event.actor}) >= 2

    def __call__(self, article: Article) -> Article:
        home = article_country(article.places)
        sides = counterparts(article.events, self.local_sectors)
        spans: dict[str, list[Span]] = {}
        for e in article.events:
            for r in e.recipient + e.actor:
                if r.entity.country and r.span is not None:
                    spans.setdefault(r.entity.country, []).append(r.span)
        named = MentionIndex(article)
        for event in article.events:
            if self.unknown_actors and event.type in self.unknown and event.type not in self.unknown_local and event.actor and \
                    {a.entity.code for a in event.actor} == {r.entity.code for r in event.recipient}:
                event.actor = []  # a side does not attack itself: the parse took the victim for the author
            if not event.actor and self.unknown_actors and event.type in self.unknown:
                if event.type in self.unknown_local:  # "protests against Maduro": people of the place
                    event.actor = [Actor(Entity(None, s, None, "group"), event.trigger) for s in self.unknown[event.type]]
                    event.cues[STAGE] = "unnamed local actor"
                else:
                    event.actor = [Actor(Entity(None, s, "unidentified", "group")) for s in self.unknown[event.type]]
                    event.cues[STAGE] = "unidentified actor"
            if not event.recipient and event.type in self.place_targets and event_country(event.place) \
                    and event.place.kind not in ("sea", "border") \
                    and len({a.entity.country for a in event.actor if a.entity.country}) < 2:
                # (two sides that clash are each other's targets, not the place's country)
                # "they had captured Merawi": the place taken stands for its country
                event.recipient = [Actor(Entity(event_country(event.place), None, event.place.name, "place"),
                                         event.place.span)]
                _note(event, "target: the place's country")
            directed = event.type in self.counterpart_targets and _cameo(event) not in self.domestic \
                and not self._mutual(event)
            if not event.recipient and directed:
                after = named.after(article, event)
                if after is not None:
                    # the parse gave no target, but the sentence names another party after the act
                    event.recipient = [Actor(replace(after.entity), after.span)]
                    _note(event, f"target: {after.span.text!r}, named after the trigger")
            if not event.recipient and directed:
                other = counterpart(event, sides)
                how = "the other side"
                if other is None and not facing(event, sides) and _speaks_for_a_state(event):
                    # the actor faces no one the text names as a target: the other country the
                    # article names most ("Chinese ships ... blocked the resupply" in a story of a
                    # Philippine mission)
                    other, how = named.most_named_other(event), "the other country named most"
                if other:
                    near = _nearest(spans.get(other) or named.spans[other], event)
                    event.recipient = [Actor(Entity(other, None, None, "counterpart"), near)]
                    _note(event, f"target: {how} ({other}), inferred")
            if not self.localise:
                continue
            country = event_country(event.place) or home
            if country is None:
                continue
            # with no place of its own, an act of one state in a story of two states is not on its
            # own people: "Pakistan said the strikes killed 26 people", "Iran seized an oil tanker"
            abroad = event_country(event.place) is None and country in _actor_countries(event) \
                and (other := counterpart(event, sides)) is not None and other != country and other in _states()
            given: set[str] = set()
            for side in (event.actor, event.recipient):
                for k, a in enumerate(side):
                    # on the other side's people or forces: "Pakistan said the strikes killed 26
                    # civilians" (not its armed groups or gangs, which a story of two states may
                    # pit against neither: "its forces neutralised many terrorists")
                    home_of = country
                    if abroad and side is event.recipient:
                        if a.entity.sector not in OTHER_SIDE_SECTORS:
                            continue
                        home_of = other
                    if a.entity.country is None and a.span is not None and (
                            a.entity.sector in self.local_sectors or a.entity.kind == "unresolved") \
                            and not self.foreign.intersection(a.span.text.lower().split()):
                        side[k] = replace(a, entity=replace(a.entity, country=home_of))
                        given.add(home_of)
            if given - {country}:
                _note(event, f"targets: {other} (the other side of the state that acts)")
            if country in given:
                source = "event place" if event_country(event.place) else "article's country"
                _note(event, f"local actors: {country} ({source})")
        return article


def _events_cue(event: Event) -> list[tuple[str, str]]:
    """The parts of what the events stage says it found: "verb:fight; cameo:190" -> [("verb",
    "fight"), ("cameo", "190")]."""
    return [(name, value.strip()) for part in event.cues.get("events", "").split(";")
            for name, _, value in [part.strip().partition(":")]]


def _lemma(event: Event) -> str:
    """The lemma the events stage found the trigger by (the first part of its cue)."""
    return _events_cue(event)[0][1]


def _cameo(event: Event) -> str:
    """The CAMEO code the events stage found the trigger with ("verb:declare; cameo:1724")."""
    return next((value for name, value in _events_cue(event) if name == "cameo"), "")


def _note(event: Event, text: str) -> None:
    """Add ``text`` to what the stage says it did to the event (``event.cues["participants"]``)."""
    event.cues[STAGE] = (event.cues[STAGE] + "; " if STAGE in event.cues else "") + text


def counterparts(events: list[Event], local: frozenset[str] = frozenset()) -> Counter:
    """How often each (country, other country) pair faces each other in ``events`` of conflict
    (quad classes 3 and 4: accusing, threatening, attacking) whose recipient the text names, both
    ways; a country whose own sides fight counts a pair with itself (a civil war: the other side of
    the RSF is the army, no foreign country that sanctions it; armed men of no named country, of a
    ``local`` sector, who fight a country's side are of that country). Support, agreement or a
    meeting puts no one on the other side: "The African Union endorsed the ECOWAS call for ..." does
    not make the call aimed at the African Union; nor does a call, which is as often made to a
    mediator ("called for an emergency meeting of the UN Security Council": Iran's condemnation is
    not aimed at the UN), nor the accusation a report makes ("MSF said RSF fighters stormed it")."""
    pairs: Counter = Counter()
    for e in events:
        if e.type not in conflict_types() or _events_cue(e)[0][0] == "report":
            continue
        mine = {a.entity.country for a in e.actor if a.entity.country}
        theirs = {r.entity.country for r in e.recipient if r.entity.country and r.span is not None}
        if mine and not mine & _states() and e.type in ("ACCUSE", "REJECT"):
            continue  # "The African Union condemned the coup": a body's word makes it no side of the story
        for a in mine:
            for b in theirs - mine:
                pairs[(a, b)] += 1
                pairs[(b, a)] += 1
        sectors = {a.entity.sector for a in e.actor}
        if not mine and e.actor and all(a.entity.sector in local for a in e.actor):
            mine = theirs  # "its troops repelled an RSF assault": unnamed forces fight at home
        for a in mine & theirs:
            if any(r.entity.country == a and r.span is not None and r.entity.sector not in sectors for r in e.recipient):
                pairs[(a, a)] += 1  # a war at home: "the army repelled an RSF assault"
    return pairs


@lru_cache(maxsize=1)
def conflict_types() -> frozenset[str]:
    """Event types of verbal and material conflict (quad classes 3 and 4) but requests."""
    return frozenset(t for t, q in tables().quad.items() if q in (3, 4)) - {"REQUEST"}


def _nearest(spans: list[Span], event: Event) -> Span:
    """The mention among ``spans`` nearest before the event's trigger (else the first after it)."""
    before = [sp for sp in spans if sp.start < event.trigger.start]
    return max(before, key=lambda sp: sp.start) if before else min(spans, key=lambda sp: sp.start)


def _actor_countries(event: Event) -> set[str]:
    return {a.entity.country for a in event.actor if a.entity.country}


def counterpart(event: Event, pairs: Counter) -> str | None:
    """The one country the article most often sets against the event's actor: None when the actor
    faces no one in the article, has two countries, two countries tie, or its own country's other
    side comes first (a civil war)."""
    mine = _actor_countries(event)
    if len(mine) != 1:
        return None
    (a,) = mine
    ranked = sorted(((n, b) for (x, b), n in pairs.items() if x == a), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]) or ranked[0][1] == a:
        return None  # (the other side is at home: no country to name)
    return ranked[0][1]


#: Who an act of one state with no place of its own hits on the other side: its people and forces
OTHER_SIDE_SECTORS = frozenset({"CVL", "MIL"})
#: Sectors that act for a state (or none: the state as a whole); a country's opposition, rebels or
#: people do not aim their demands at the other country a story names most
STATE_VOICES = STATE_SECTORS | {None}


def _speaks_for_a_state(event: Event) -> bool:
    """Every actor of the event is a state or one of its organs ("Chinese ships", "Manila"), not
    its opposition or people ("opposition leader Raila Odinga called for dialogue")."""
    return all(a.entity.sector in STATE_VOICES for a in event.actor)


def facing(event: Event, pairs: Counter) -> bool:
    """The event's one actor country faces some other country in ``pairs``."""
    mine = _actor_countries(event)
    return len(mine) == 1 and any(x in mine for (x, _b) in pairs)


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(r["iso3"] for r in data.tsv("actors", "countries.tsv"))


class MentionIndex:
    """The article's mentions, read once for every event: their starts (in text order, for a
    bisection) and, per country, their spans."""

    def __init__(self, article: Article) -> None:
        self.mentions = sorted(article.mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.mentions]
        self.spans: dict[str, list[Span]] = {}
        for m in self.mentions:
            # a news agency ("KHARTOUM (AFP)") reports the story: it is no side of it
            if m.entity.country and m.entity.sector != "JRN" and not in_dateline(article.text, m.span.start):
                self.spans.setdefault(m.entity.country, []).append(m.span)

    def after(self, article: Article, event: Event):
        """The first mention after the event's trigger in its sentence of another side of the
        actors' own country (another sector: the government acting on the opposition), else None."""
        if event.sentence is None or not article.sentences or event.sentence >= len(article.sentences):
            return None
        end = article.sentences[event.sentence].end
        # a mention after the next act of the sentence is that act's ("condemned the attack and
        # urged residents to ...": the residents are urged, not condemned)
        end = min([end] + [e.trigger.start for e in article.events
                           if e.sentence == event.sentence and e.trigger.start > event.trigger.start])
        own = {(a.entity.country, a.entity.sector) for a in event.actor}
        countries = _actor_countries(event)
        if len(countries) != 1:  # sides of two countries ("Indian and Pakistani troops exchanged fire")
            return None          # face each other, not a third party named after the act
        for m in self.mentions[bisect_right(self.starts, event.trigger.start):]:
            if m.span.start >= end:
                break
            if not m.entity.country or (m.entity.country, m.entity.sector) in own \
                    or m.entity.country not in countries or not m.entity.sector:
                continue
            return m
        return None

    def most_named_other(self, event: Event) -> str | None:
        """The state, other than the event's one actor state, that the article's mentions name
        most; None on a tie, or where the actor is an international body (the UN, the EU: not a
        state of ``actors/countries.tsv``)."""
        mine = _actor_countries(event)
        states = _states()
        if len(mine) != 1 or not mine <= states:
            return None  # an international body's call or act is addressed to every party, not to one
        ranked = sorted(((len(v), k) for k, v in self.spans.items() if k in states and k not in mine), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]


def event_country(place: Place | None) -> str | None:
    """The one country of an event's place (None for a sea, a border between two, or no place)."""
    if place is None or len(place.countries) != 1 or place.source == "article_focus":
        return None
    return place.countries[0]


def article_country(places: list[Place]) -> str | None:
    """The country the article's places point to most, specific places counting more."""
    weights: Counter = Counter()
    for p in places:
        if len(p.countries) == 1:
            weights[p.countries[0]] += PLACE_WEIGHT.get(p.kind, 1.0)
    if not weights:
        return None
    return max(weights, key=lambda c: (weights[c], -list(weights).index(c)))
