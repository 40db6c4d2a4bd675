"""place: every toponym of the article resolved to a place, and each event's location.

Reads the spaCy ``Doc``, ``article.sentences`` and ``article.events``; writes ``article.places``
(each resolved toponym, a :class:`Place` with its span; ``source`` says how it was read: ``name``,
``adjective``, ``border`` or ``metonym``) and ``event.place`` (``source`` ``clause``,
``purpose`` (a purpose clause of the trigger: "sent a destroyer to take part in drills in the
Black Sea"), ``conjunct`` (the clause of the verb the trigger is conjoined to), ``head`` (the
place a relative clause describes: "Crimea, which was annexed by Russia") or ``article_focus``).
Only material events (quad classes 2 and 4 of ``data/scores/quad_classes.tsv``) fall back to
the article's focus: a statement, a demand or an accusation with no place in its text has none.

    "Ukraine has deployed 8,500 troops to its border with Belarus."
    -> places: Ukraine (country, metonym: the subject of "deployed"),
       "border with Belarus" (border UKR-BLR, a point on the shared boundary, its line as geometry)
    -> the MOBILIZE event on "deployed": the Belarus-Ukraine border, from its clause.

Resolution uses the packaged gazetteer (``place_gazetteer``) with priors and the coherence of
the article's countries (``place_resolve``); recognition combines spaCy entities, border
compositions and gazetteer matching (``place_recognise``); where an event's own words name no
place, ``place_context`` reads definite sites ("the bridge"), the scene of the sentences before,
the dateline and the parts of a country ("northeastern Syria").
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.tokens import Doc, Token

from .. import data
from ..model import Article, Event, Place
from ..pipeline import stage
from .place_gazetteer import Entry, Gazetteer, load
from .place_context import (country_part, dateline_place, event_note, governor, preposition, scene_before,
                            site_anaphors, toponym_root)
from .place_resolve import FOREIGN_TOWN_MAX_PRIOR, Toponym, candidates, composition, resolve, to_place
from .scores import material_types

#: prepositions that put an event at a place ("deployed to", "exercises in"), and their weight
LOCATIVE = {"in": 3.0, "to": 3.0, "at": 3.0, "near": 3.0, "on": 2.5, "into": 3.0, "over": 2.5, "along": 3.0,
            "across": 2.5, "inside": 3.0, "within": 2.5, "toward": 2.0, "towards": 2.0, "off": 2.5,
            "around": 2.5, "outside": 2.0, "through": 2.0, "from": 1.0}
#: how much a mention of each kind weighs when the article's focus is chosen
FOCUS_WEIGHT = {"border": 2.0, "city": 1.5, "admin1": 1.5, "admin2": 1.5, "region": 1.5, "sea": 1.5, "country": 1.0,
                "continent": 0.3}
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")


@stage("place", requires=("article.spacy", "article.sentences"), assigns=("article.places", "event.place"))
class PlaceStage:
    """Recognise and resolve toponyms; give each event its location."""

    def __init__(self, *, focus: bool = True) -> None:
        self.gaz: Gazetteer = load()
        self.focus = focus
        #: event types that may take the article's focus as their place (material events)
        self.focus_types = material_types()
        #: event types that take the dateline's place in the lede (meetings, signings)
        self.dateline_types = data.words("place", "dateline_types.txt")
        #: material types whose state actor acts at home when its text names no place (home_types.txt)
        self.home_types = data.words("place", "home_types.txt")
        #: verbs that move forces away from home ("sent paratroopers to Belarus", "have deployed")
        self.away_verbs = data.words("place", "away_verbs.txt")

    def __call__(self, article: Article) -> Article:
        from .place_recognise import find_toponyms

        found = find_toponyms(article, self.gaz)
        toponyms = outside_actor_names(found, article)
        kept = {id(t) for t in toponyms}
        actor_words = {t.key for t in found if id(t) not in kept}
        places = resolve(toponyms, self.gaz, focus=actor_countries(article, self.gaz), text=article.text)
        article.places = []
        pairs: list[tuple[Toponym, Place]] = []
        for t, p in zip(toponyms, places):
            if p is None or (p.lat == 0 and p.lon == 0):
                continue
            if t.key in actor_words and (p.kind == "local" or (
                    p.kind == "city" and t.candidates and self.gaz.score(t.key, t.candidates[0]) < FOREIGN_TOWN_MAX_PRIOR)):
                continue  # "pushed back by Fano" after "local Fano militiamen": the group again, not Fano, Italy
            t.part = country_part(article, t, p, self.gaz)
            p.span = article.span(t.start, t.end)
            article.places.append(p)
            pairs.append((t, p))
        pairs += bare_borders(article, pairs, self.gaz)
        pairs.sort(key=lambda tp: tp[0].start)
        article.places = [p for _t, p in pairs]
        # events take the part of a country a direction names ("northeastern Syria"); the
        # toponym itself stays the country
        pairs = [(t, t.part or p) for t, p in pairs]
        focus = article_focus(pairs) if self.focus else None
        sites = site_anaphors(article, pairs, self.gaz) if article.spacy is not None else []
        dateline, lede = dateline_place(article, self.gaz)
        for event in article.events:
            material = event.type in self.focus_types
            event.place = place_event(article, event, pairs + sites, focus if material else None, material=material)
            if event.place is None and event.type in self.dateline_types and event.sentence == lede:
                event.place = dateline
            if material and event.place is not None and event.place.source == "article_focus" \
                    and event.type in self.home_types and not self.sent_away(article, event) \
                    and (home := self.home(event)) is not None \
                    and home.countries[0] not in event.place.countries:
                # "Serbia put its army on high alert" in a story about Kosovo: at home, not at the focus
                event.place = dataclasses.replace(to_place(home), source="actor_country")
            if material and event.place is not None and event.place.source == "article_focus":
                scene = scene_before(article, event, pairs)
                if scene is not None and set(scene.countries) & set(event.place.countries):
                    event.place = scene
                elif scene is None and event_note(article, event) > 0:
                    event.place = None  # one of a list of event notes: the other notes' places are not its
        return article

    def sent_away(self, article: Article, event: Event) -> bool:
        """The event's trigger, or the verb it is the object of, moves forces away (``away_verbs``)."""
        doc = article.spacy
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if doc is not None else None
        if span is None:
            return True  # no parse to tell: the focus stays
        root = span.root
        return root.lemma_.lower() in self.away_verbs or root.head.lemma_.lower() in self.away_verbs

    def home(self, event: Event) -> Entry | None:
        """The one country whose state (a government, its forces, the country itself) acts in
        ``event``, as a gazetteer entry; None for none, several, or an organisation."""
        home = {a.entity.country for a in event.actor if a.entity.country and a.entity.sector in (None, "GOV", "MIL")}
        return self.gaz.country(next(iter(home))) if len(home) == 1 else None


#: actor kinds whose names are no places ("Al Shabaab", "Boko Haram", "Islamic State in West Africa")
NAMED_ACTOR_KINDS = frozenset({"organisation", "institution", "group", "person"})


def outside_actor_names(toponyms: list[Toponym], article: Article) -> list[Toponym]:
    """Toponyms less those inside the name of an organisation, armed group or person the actors
    stage recognised ("Al" of "Al Shabaab" is not Alabama), unless the toponym is the actor's own
    country ("Kenya" in "Kenya Defence Forces") or an adjective ("Somali" in "Somali National Army")."""
    names = [(m.span.start, m.span.end, m.entity.country, m.entity.kind in NAMED_ACTOR_KINDS, m.entity.kind == "person")
             for m in article.mentions if m.span is not None and (m.entity.kind in NAMED_ACTOR_KINDS or m.entity.country)]
    if not names:
        return toponyms
    names.sort(key=lambda n: n[0])  # by start: a toponym looks only at names that can hold it
    starts = [n[0] for n in names]
    longest = max(e - s for s, e, *_ in names)
    out = []
    for t in toponyms:
        near = names[bisect_left(starts, t.start - longest):bisect_right(starts, t.start)]
        # a named actor, or an actor of a country the toponym is not in ("Al Shabaab militants": SOM);
        # a person's name the gazetteer does not know even where it is the whole mention ("Erdogan")
        inside = [c for s, e, c, named, person in near if s <= t.start and t.end <= e
                  and ((e - s) > (t.end - t.start) or (person and t.via == "name" and not t.candidates))
                  and (named or not (t.candidates and c in t.candidates[0].countries))]
        own = t.via == "adjective" or any(c and t.candidates and c in t.candidates[0].countries for c in inside)
        if inside and not own:
            continue
        out.append(t)
    return out


def actor_countries(article: Article, gaz: Gazetteer) -> Counter:
    """The countries of the article's actors ("Kenya Defence Forces", "Ethiopian police"), one
    count each: evidence for same-country candidates of its toponyms."""
    return Counter({c: 1 for c in {m.entity.country for m in article.mentions}
                    if c and gaz.country(c) is not None})


_BARE_BORDER = re.compile(r"\b(?:(?:the|this|that|its|their|our)\s+(?:(?:[\w’']+)\s+)?(border|frontier)\b(?!\s+(?:with|between|of)\b)"
                          r"|(border)(?=\s+(?:areas?|regions?|zones?)\b))")


def bare_borders(article: Article, pairs: list[tuple[Toponym, Place]], gaz: Gazetteer) -> list[tuple[Toponym, Place]]:
    """"the border" with no country named: the border the article names most (if it names one);
    else the border of the article's main country with a neighbour its sentence names ("a large
    Russian troop build-up on the country's border" in an article about Ukraine)."""
    named = [(t.start, p) for t, p in pairs if p.kind == "border" and len(p.countries) == 2]
    main = Counter(c for t, p in pairs if p.kind == "country" and t.via != "adjective" for c in p.countries)
    if not named and not main:
        return []
    taken = [(t.start, t.end) for t, _p in pairs]
    out = []
    for m in _BARE_BORDER.finditer(article.text):
        g = 1 if m.group(1) else 2
        start, end = m.start(g), m.end(g)
        if any(a < end and start < b for a, b in taken):
            continue
        sentence = article.sentence_at(start)
        if named:
            # the border named last before it, else the first one named after it
            before = [p for s, p in named if s < start]
            base = before[-1] if before else named[0][1]
        else:
            ranked = [c for c, _n in main.most_common()]
            home = ranked[0]
            here = [c for t, p in pairs if t.sentence == sentence for c in p.countries]
            # the main country's border with a country of the sentence, else with the article's
            # next country that borders it
            partners = [c for c in here if c != home] + ranked[1:]
            base = next((b for c in partners if (b := gaz.border(home, c)) is not None), None)
            if base is None:
                continue
            base = to_place(base)
        t = Toponym(start, end, article.text[start:end], "border", [], "anaphor", sentence=sentence)
        place = dataclasses.replace(base, span=article.span(start, end), source="border")
        out.append((t, place))
    return out


def article_focus(pairs: list[tuple[Toponym, Place]]) -> Place | None:
    """The place the article is about: the most mentioned one where something can happen (not a
    metonym, not an adjective, not a bare "the border"), a specific place counting more than a
    whole country."""
    weights: Counter = Counter()
    first: dict[tuple, Place] = {}
    for t, p in pairs:
        if t.metonym or t.via in ("adjective", "anaphor"):
            continue
        k = (p.name, p.kind)
        weights[k] += FOCUS_WEIGHT.get(p.kind, 1.0)
        first.setdefault(k, p)
    if not weights:
        return None
    best = max(weights, key=lambda k: (weights[k], -list(first).index(k)))
    return first[best]


def place_event(article: Article, event: Event, pairs: list[tuple[Toponym, Place]], focus: Place | None, *,
                material: bool = False) -> Place | None:
    """The event's location: a place of the trigger's clause (for a ``material`` event, also the
    town it acts on: "attacked Kumba", "captured Merawi"); else of its purpose clause; else of
    the clause of the verb it is conjoined to; else the place a relative clause around the trigger
    describes; else the article's focus (``None`` to have no fallback)."""
    doc: Doc | None = article.spacy
    in_sentence = [(t, p) for t, p in pairs if t.sentence == event.sentence and not t.metonym and t.via != "adjective"]
    if doc is None or not in_sentence:
        return dataclasses.replace(focus, source="article_focus") if focus is not None else None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is not None and span.root.pos_ in ("NOUN", "PROPN"):
        # "Hamas' Oct. 7 attack on Israel": the noun's own phrase, before the clause around it
        own = [(t, p) for t, p in in_sentence if (r := toponym_root(doc, t)) is not None and governor(r) == span.root.i]
        best = _best_place(doc, own, _clause(span.root), event.trigger.start, 0.0)
        if best is not None:
            return dataclasses.replace(best, source="clause")
    verb = _verb(span.root) if span is not None else None
    if verb is not None:
        clause = clause_tokens(doc, event.trigger.start, event.trigger.end) or set()
        purpose = set().union(*[_subtree(c) for c in verb.children if _is_purpose(c)] or [set()])
        # not a relative clause that describes someone in it ("to oust the prime minister, who was in Kenya")
        purpose -= set().union(*[_subtree(t) for t in doc if t.i in purpose and t.dep_ == "relcl"] or [set()])
        conjunct = _clause(verb.head, exclude=verb) if _goes_on_from_head(verb) else set()
        for tokens, source, penalty in ((clause, "clause", 0.0), (purpose, "purpose", 0.5), (conjunct, "conjunct", 0.5)):
            best = _best_place(doc, in_sentence, tokens, event.trigger.start, penalty,
                               target_of=verb.i if material and source == "clause" else None)
            if best is not None:
                return dataclasses.replace(best, source=source)
        if verb.dep_ == "relcl":
            head = [p for t, p in in_sentence if (r := toponym_root(doc, t)) is not None and r.i == verb.head.i]
            if head:
                return dataclasses.replace(head[0], source="head")
    if focus is not None:
        return dataclasses.replace(focus, source="article_focus")
    return None


def _goes_on_from_head(verb: Token) -> bool:
    """``verb`` tells more of the act of the verb it hangs on, with no subject of its own: a
    conjoined verb ("broke through ... and entered Poland") or a participle ("raided the camp in
    the West Bank, detaining a dozen"), not a clause opened by a conjunction ("after arriving")."""
    if verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.dep_ == "conj":
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _best_place(doc: Doc, in_sentence: list[tuple[Toponym, Place]], tokens: set[int], trigger_start: int,
                penalty: float, *, target_of: int | None = None) -> Place | None:
    """The best located place among the toponyms whose root lies in ``tokens``: a locative
    preposition first ("to Poland", "in the Black Sea"), a border before other kinds, the nearest.
    A town or region that is the direct object of the verb ``target_of`` is where that verb acted
    ("attacked Kumba")."""
    best, best_score = None, float("-inf")
    for t, p in in_sentence:
        root = toponym_root(doc, t)
        if root is None or root.i not in tokens:
            continue
        prep = preposition(root)
        site = prep not in LOCATIVE and p.kind not in ("country", "continent") and _owns_site(root)
        if site:
            prep = "at"  # "Kyiv's main children's hospital took a direct hit": at the site, a little less sure
        elif (target_of is not None and p.kind in ("city", "admin1", "admin2", "local", "facility")
              and _acted_on(_kind_head(root), target_of)):
            prep = "at"
        elif prep not in LOCATIVE and p.kind in ("country", "city", "admin1", "continent"):
            continue  # "annexed by Russia", "with US backing": not where it happened
        elif p.kind in ("country", "continent") and root.dep_ in ("compound", "amod", "poss", "nmod"):
            continue  # "drills of the US Joint Forces Command": a country that qualifies a noun
        score = LOCATIVE.get(prep, 0.5) - abs(t.start - trigger_start) / 1000 - penalty - (0.5 if site else 0.0)
        if p.kind == "border":
            score += 0.5
        if score > best_score:
            best, best_score = p, score
    return best


def _acted_on(obj: Token, verb: int) -> bool:
    """``obj`` is the direct object of the verb ``verb`` ("attacked Kumba"), or hangs by "of" on
    one of a noun of ``of_nouns.txt`` ("took full control of Mekelle", "shelled the outskirts of
    Kharkiv", "killed residents of Galkayo")."""
    if obj.dep_ == "dobj" and obj.head.i == verb:
        return True
    if obj.dep_ != "pobj" or obj.head.lower_ != "of":
        return False
    noun = obj.head.head
    return noun.dep_ == "dobj" and noun.head.i == verb and noun.lemma_.lower() in data.words("place", "of_nouns.txt")


def _kind_head(root: Token) -> Token:
    """The noun that names a toponym's kind, where the toponym hangs from it by "of" ("the town of
    Bunia": town), else the toponym itself."""
    if (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i != root.head.i
            and root.head.head.lower_ in data.words("place", "generic_words.txt")):
        return root.head.head
    return root


def _owns_site(root: Token) -> bool:
    """Whether a toponym owns a site (``data/place/site_nouns.txt``), through a chain of
    possessives: "Kyiv's main children's hospital", "Odesa's port"."""
    sites = data.words("place", "site_nouns.txt")
    tok = root
    for _ in range(3):
        if tok.dep_ != "poss" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in sites or tok.lower_ in sites:
            return True
    return False


def _verb(tok: Token) -> Token | None:
    """The verb that governs a trigger token (itself when it is one)."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # spaCy makes a new Token per .head
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _is_purpose(child: Token) -> bool:
    """An infinitival clause of purpose: "sent troops [to take part in drills in the Black Sea]"."""
    return child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children)


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def clause_tokens(doc: Doc, start: int, end: int) -> set[int] | None:
    """Token indices of the clause of the trigger: the subtree of its verb, less embedded clauses
    (a complement, adverbial or relative clause) that do not contain the trigger."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return _clause(_verb(span.root) or span.root, inside=span.root)


def _clause(verb: Token, *, inside: Token | None = None, exclude: Token | None = None) -> set[int]:
    """The tokens of ``verb``'s clause: its subtree less embedded and conjoined clauses (unless
    they hold ``inside``) and less ``exclude``'s subtree."""
    keep: set[int] = set()
    stack = [verb]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for child in t.children:
            if exclude is not None and child.i == exclude.i:
                continue
            embedded = child.dep_ in ("ccomp", "advcl", "relcl", "csubj", "parataxis") or (
                child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))
            if embedded and (inside is None or inside not in child.subtree):
                continue
            stack.append(child)
    return keep


def resolve_spans(text: str, spans: list[tuple[int, int]]) -> list[Place | None]:
    """Resolve given toponym spans of ``text`` (no recognition, no spaCy): for ``eval --gold-spans``."""
    gaz = load()
    bounds = [m.end() for m in _SENT_END.finditer(text)]
    toponyms = []
    for start, end in spans:
        surface = text[start:end]
        sentence = sum(b <= start for b in bounds)
        comp = composition(gaz, surface) if re.search(r"border|frontier|boundary", surface) else None
        if comp is not None:
            _cs, _ce, cands, partner = comp
            toponyms.append(Toponym(start, end, surface, cands[0].id, cands, "border", sentence=sentence,
                                    partner=partner))
            continue
        key, cands, via = candidates(gaz, surface)
        toponyms.append(Toponym(start, end, surface, key, cands, via, sentence=sentence))
    return resolve(toponyms, gaz, text=text)
