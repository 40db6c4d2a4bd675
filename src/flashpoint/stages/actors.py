"""actors: find who acts in the text and resolve each mention to an entity.

Reads the spaCy parse (``article.spacy``) and ``article.published``; writes
``article.mentions``: one :class:`~flashpoint.model.Mention` per actor mention, sorted by start,
each with an :class:`~flashpoint.model.Entity` (country or organisation code, PLOVER sector,
canonical name, kind in country / organisation / person / group / role).

"The Polish prime minister Mateusz Morawiecki called it inevitable that the alliance gets
involved." gives ``Mateusz Morawiecki`` (POL GOV, person), and ``the alliance`` (NATO,
organisation, its antecedent the last NATO mention).

How a noun phrase is coded (compositionally, from the data in ``data/actors/``):

- its head is a country, organisation, institution ("the Kremlin" -> RUS GOV, "the Pentagon"
  -> USA MIL), seat of government ("Moscow" -> RUS GOV) or known person (``offices.tsv``,
  chosen by the article's publication date: "Stoltenberg" is NATO in 2021, Norway in 2012);
- or its head is a role word (``roles.tsv``, then ``agents.tsv``: "army" -> MIL, "refugees" ->
  REF) and its country comes from an adjective, a possessive or an "of" phrase ("the Polish
  army", "Russia's foreign minister", "the press service of ... the Ukrainian army"); a title
  with a country names the holder of the office on that date ("the NATO secretary-general");
- or its head is a person the NER tags and the phrase gives a title or a country ("Ukraine's
  foreign minister Dmytro Kuleba" -> UKR GOV).

Places used as places ("refugees in Belarus", "in Moscow", "visited Minsk") are no actors, nor
is an unknown name used as a modifier ("the Yamal-Europe pipeline"); a country that modifies an
event noun is a mention of its own ("a Belarusian threat" -> BLR, label "modifier"), unless the
noun is a place or thing of ``place_nouns.txt`` ("the Polish-Belarusian border"). "Brussels" is
the EU, or NATO in a sentence that speaks of NATO only. Later bare mentions are linked to the
first one (``Mention.antecedent``): surnames, acronyms in brackets, "the alliance", "the regime",
"its army", "the paratroopers", "it", "he", "they".

For the events stage (call them while ``article.spacy`` is attached):

- :func:`code_span` ``(article, start, end) -> Entity | None``: code any noun phrase of the text
  (the phrase's syntactic root is its head); a phrase that is an actor mention gets that
  mention's (coreference-resolved) entity.
- :func:`code_token` ``(article, token) -> Entity | None``: the same for a spaCy token as head.
- :func:`mention_at` ``(article, offset) -> Mention | None``: the mention whose head token
  starts at character ``offset``, else the smallest mention that covers it.
- :func:`mention_index` ``(article, mention) -> int``: its index in ``article.mentions``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from .. import data
from ..model import Article, Entity, Mention
from ..pipeline import stage
from .actors_lexicon import GROUP_SECTORS, STAGE, Entry, Match, doc_matches, generic_name_words, lexicon
from .place_context import dateline_end, in_dateline

#: Prepositions after which a country or city is a place, not an actor.
LOCATIVE = frozenset({"in", "at", "near", "inside", "within", "across", "throughout", "around",
                      "along", "through", "into", "via", "outside", "over", "beyond", "towards",
                      "toward", "from", "on", "off", "onto", "between", "of"})
#: Dependencies of a seat of government ("Moscow") that make it an actor.
SEAT_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
#: Modifier dependencies: a name with one of these is part of a larger phrase.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
ENTITY_KINDS = ("person", "institution", "organisation", "country", "seat", "adjective", "prefix")
#: NER labels of a capitalised word that is no person ("Austin", Texas; "May", the month).
NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
#: Sectors a bare definite role ("the regime", "the army") takes a country for from the text.
COREF_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG"})
PRONOUNS = {"it": "thing", "he": "person", "she": "person", "him": "person", "her": "person",
            "they": "plural", "them": "plural", "we": "speaker", "us": "speaker"}
#: The sectors of a state's organs: "the military", "the government" take up the last one told of.
STATE_SECTORS = frozenset({"GOV", "MIL"})
#: Where a pronoun stands for an actor: subjects, objects and objects of prepositions.
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative"})


@stage("actors", requires=("article.spacy",), assigns=("article.mentions",))
class Actors:
    """Find actor mentions and resolve them to entities (see the module docstring)."""

    def __init__(self, *, coreference: bool = True, pronouns: bool = True) -> None:
        self.coreference = coreference
        self.pronouns = pronouns
        lexicon()  # load the data once, when the pipeline is built

    def __call__(self, article: Article) -> Article:
        _state(article)["mentions"] = {}
        mentions = find_mentions(article)
        if self.coreference:
            resolve(article, mentions, pronouns=self.pronouns)
        article.mentions = mentions
        return article


# -- coding a phrase ---------------------------------------------------------------------------


def _state(article: Article) -> dict:
    """The lexicon matches of the article's parse and its mentions by head token, kept in the
    ``Doc``'s ``user_data`` so that they live and die with the parse (and batches of articles
    keep theirs apart)."""
    doc = article.spacy
    state = doc.user_data.get(_STATE_KEY)
    if state is None:
        state = {"matches": doc_matches(doc), "mentions": {}}
        doc.user_data[_STATE_KEY] = state
        for m in article.mentions:  # mentions of an earlier run
            span = doc.char_span(m.head, m.head + 1, alignment_mode="expand") if m.head is not None else None
            if span is not None:
                state["mentions"][span.root.i] = m
    return state


_STATE_KEY = "flashpoint.actors"


def _day(article: Article) -> dt.date | None:
    p = article.published
    if isinstance(p, dt.datetime):
        return p.date()
    return p


def _left_tokens(head: Token) -> list[Token]:
    """The head's pre-modifiers (determiners, adjectives, compounds, possessives), in order."""
    return [t for t in head.doc[head.left_edge.i:head.i]]


def _of_objects(head: Token) -> list[Token]:
    """Objects of "of" (and "from") phrases attached to the head: "the press service of X"."""
    out = []
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            out += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "appos":
            out.append(child)
    return out


def _country_modifier(article: Article, head: Token, matches: dict[int, Match], depth: int) -> tuple[Entity | None, Token | None]:
    """The country (or organisation) the pre-modifiers of ``head`` name: nearest first."""
    lex = lexicon()
    seen: set[int] = set()
    for tok in reversed(_left_tokens(head)):
        m = matches.get(tok.i)
        if m is None or id(m) in seen:
            continue
        seen.add(id(m))
        if m.end > head.i and m.start <= head.i:
            continue  # the match covers the head itself
        if _is_pro(head.doc, m.start, m.end) and not (head.lemma_.lower() in LED_BODIES and _is_led(head.doc, m.end)):
            continue  # "pro-Russian separatists" are not Russian; a "Saudi-led coalition" is Saudi Arabia's
        e = m.first("person")
        if e is not None:
            ent = lex.person_entity(e.name, _day(article))
            if ent.country:
                return Entity(ent.country, None, lex.country_names.get(ent.country, ent.country), "country"), tok
            continue
        e = m.first("institution", "organisation", "country", "adjective", "seat", "prefix")
        if e is not None and e.country:
            if e.kind == "organisation" and head.lemma_.lower() in ("nation", "country", "state"):
                continue  # "the West African nation" is a state of the region, not the bloc
            return _entity_of(e), tok
    return None, None


#: Bodies that a country leads and acts through: "the Saudi-led coalition", "a US-led alliance".
LED_BODIES = frozenset({"coalition", "alliance"})


def _another_bearer(head: Token, known: str) -> bool:
    """The article names, in full, another person who bears the surname ``head`` ("Lai Ching-te"
    for "Lai", where the lexicon knows only "Liow Tiong Lai")."""
    word = head.lower_
    for ent in head.doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or ent.start <= head.i < ent.end:
            continue
        words = [t.lower_ for t in ent]
        if word in words and ent.text.lower() not in known.lower():
            return True
    return False


def _person_named(head: Token, m: Match) -> Token | None:
    """The last name of a person the NER names in full, where the lexicon's name ``m`` (a group, a
    body) covers only that last word: ``head`` itself inside the full name ("Therese Kayikwamba
    Wagner"), or the full name told before a bare "Wagner"; else None."""
    if m.end - m.start != 1 or m.first("person") is not None:
        return None
    if head.ent_type_ == "PERSON" and head.ent_iob_ == "I":
        return head
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent.end <= head.i and ent[-1].text == head.text:
            return ent[-1]
    return None


def _is_led(doc: Doc, end: int) -> bool:
    """The name ending at ``end`` is followed by "-led"."""
    k = end
    while k < len(doc) and doc[k].text in ("-", "\u2010", "\u2011"):
        k += 1
    return k > end and k < len(doc) and doc[k].lower_ == "led"


def _is_pro(doc: Doc, start: int, end: int) -> bool:
    """"pro-Russian", "anti-NATO", "Kremlin-backed", "US-led": the name is no part of the actor."""
    j = start - 1
    while j >= 0 and doc[j].text in ("-", "\u2010", "\u2011"):
        j -= 1
    if j >= 0 and doc[j].lower_ in ("pro", "anti"):
        return True
    k = end
    while k < len(doc) and doc[k].text in ("-", "\u2010", "\u2011"):
        k += 1
    return k > end and k < len(doc) and doc[k].lower_ in ("backed", "led", "supported", "sponsored", "funded", "armed", "controlled", "occupied", "allied", "friendly")


def _entity_of(e: Entry) -> Entity:
    lex = lexicon()
    if e.kind in ("country", "adjective"):
        return Entity(e.country, None, lex.country_names.get(e.country, e.name), "country")
    if e.kind == "seat":
        return Entity(e.country, "GOV", lex.country_names.get(e.country, e.name), "country")
    return Entity(e.country, e.sector, e.name, "organisation")


def _left_roles(head: Token, matches: dict[int, Match]):
    """The role words among the head's pre-modifiers outside the head's own match, nearest the
    head first, with their tokens."""
    for tok in reversed(_left_tokens(head)):
        m = matches.get(tok.i)
        if m is not None and m.start <= head.i < m.end:
            continue
        r = _role_match(tok, matches)
        if r is not None:
            yield tok, r


def _modifier_role(head: Token, matches: dict[int, Match]) -> Entry | None:
    """A role word among the pre-modifiers, nearest the head ("rebel" in "rebel leaders")."""
    return next((r for _, r in _left_roles(head, matches) if r.role_kind not in ("proxy", "generic")), None)


def _outside_title(head: Token, matches: dict[int, Match]) -> Entry | None:
    """The role a title before a name gives ("opposition" in "opposition leader Raila Odinga"): the
    role word nearest the name outside the name's own match, its modifier's where it is generic."""
    tok, r = next(_left_roles(head, matches), (None, None))
    if r is None:
        return None
    return (_modifier_role(tok, matches) or r) if r.role_kind in ("proxy", "generic") else r


def _in_country(head: Token, matches: dict[int, Match]) -> str | None:
    """The country of an "in"/"throughout" phrase on the head: "rebels in the Ivory Coast"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "throughout", "across", "inside"):
            for obj in child.children:
                m = matches.get(obj.i)
                e = m.first("country", "organisation") if m is not None else None
                if obj.dep_ == "pobj" and e is not None:
                    return e.country  # "rebels in the Ivory Coast", "its allies in NATO"
    return None


def _role_match(head: Token, matches: dict[int, Match]) -> Entry | None:
    m = matches.get(head.i)
    if m is None:
        return None
    role = m.first("role", "agent")
    if role is not None and role.kind == "agent" and head.lower_ in data.words(STAGE, "place_nouns.txt"):
        return None  # the Phoenix agents list "village" and "town" as civilians: places here
    return role


def code_token(article: Article, head: Token, *, fallback: bool = True, _depth: int = 0) -> Entity | None:
    """The entity the noun phrase headed by ``head`` stands for, or None.

    With ``fallback`` a phrase whose head is no actor word still gets the country its modifiers
    name ("the US warship deployment" -> USA MIL); mentions are found without it."""
    state = _state(article)
    known = state["mentions"].get(head.i)
    if known is not None:
        return known.entity
    return _code(article, head, state["matches"], fallback, _depth)


def _code(article: Article, head: Token, matches: dict[int, Match], fallback: bool, depth: int) -> Entity | None:
    lex = lexicon()
    day = _day(article)
    m = matches.get(head.i)
    # 1. the head is a name
    if m is not None:
        e = m.first("person")
        if e is not None and (m.end - m.start > 1 or head.ent_type_ == "PERSON" or _has_title(head, matches)
                              or (head.pos_ == "PROPN" and head.ent_type_ not in NOT_PEOPLE)):
            # a bare surname ("May", "Austin") only where the NER or a title says it is a person,
            # and only for someone in office then (or lately), or named in full before
            if m.end - m.start == 1:  # of the people with this surname, one who fits ("Maduro" in 2019)
                e = next((p for p in m.entries if p.kind == "person"
                          and _plausible_surname(article, p.name, head, day)), None)
                if e is None:
                    return None
            person = lex.person_entity(e.name, day)
            title = _outside_title(head, matches)
            if title is not None and person.sector in STATE_SECTORS and title.sector not in (None, *STATE_SECTORS):
                # the text's own title says what the person is now: "opposition leader Raila Odinga",
                # whom the lexicon lists as prime minister with no end
                return Entity(person.country, title.sector, person.name, "person")
            return person
        person = _person_named(head, m)
        if person is not None:
            # "Foreign Minister Therese Kayikwamba Wagner", and "Wagner" after her: a person's
            # name, not the Wagner group
            return _code(article, person, matches, fallback, depth + 1) if person.i != head.i \
                else _code(article, head, {k: v for k, v in matches.items() if v is not m}, fallback, depth + 1)
        e = m.first("institution", "organisation", "country", "seat")
        if e is not None and e.kind == "organisation" and m.first("seat") is not None:
            # "Brussels": the EU, or NATO where the sentence speaks of NATO and not of the EU
            orgs = {x.first("organisation").country for x in matches.values()
                    if x.first("organisation") is not None and x is not m
                    and head.sent.start <= x.start < head.sent.end}
            if "NATO" in orgs and e.country not in orgs:
                return Entity("NATO", None, "North Atlantic Treaty Organization", "organisation")
        if e is not None and e.kind in ("institution", "organisation") and e.sector in ("LEG", "JUD", "GOV") \
                and m.end - m.start == 1:
            # a one-word body another country also has: "Peru's Congress", "the Colombian Senate"
            outer, _ = _country_modifier(article, head, matches, depth)
            if outer is not None and outer.kind == "country" and outer.country != e.country:
                return Entity(outer.country, e.sector, _name(head), "role")
        if e is not None:
            return _entity_of(e)
        e = m.first("adjective")
        if e is not None and head.dep_ not in MODIFIER_DEPS and (
                head.pos_ in ("NOUN", "PROPN") or head.dep_ in ("nsubj", "nsubjpass")
                or (head.dep_ == "conj" and head.head.dep_ in ("nsubj", "nsubjpass"))):
            # "the Russians", "Poles", "Belarusian and Russian will hold exercises": the people
            # (or forces) of a country; "Bosnian Serbs": of the country the modifier names
            outer, _ = _country_modifier(article, head, matches, depth)
            code = outer.country if outer is not None and outer.kind == "country" else e.country
            return Entity(code, None, lex.country_names.get(code, e.name), "group")
    if head.pos_ == "PROPN":  # a vessel: "the tanker USNS John Lenthall"
        for tok in _left_tokens(head):
            mm = matches.get(tok.i)
            if mm is not None and mm.first("prefix") is not None:
                return _entity_of(mm.first("prefix"))
    country, _ = _country_modifier(article, head, matches, depth)
    of_entity = None
    if depth < 4:
        for obj in _of_objects(head):
            of_entity = _code(article, obj, matches, False, depth + 1)
            if of_entity is not None:
                break
    if country is None and of_entity is not None and of_entity.country:
        country = of_entity
    in_country = _in_country(head, matches) if country is None else None
    role = _role_match(head, matches)
    # 2. the head is a person the NER found: code by title and country
    if role is None and head.ent_type_ == "PERSON":
        title = None
        for tok in _left_tokens(head):
            r = _role_match(tok, matches)
            if r is not None:
                title = r
        if title is None and country is None:
            known = lex.by_surname(head.text, day) if head.ent_iob_ == "B" and not any(
                t.ent_type_ == "PERSON" for t in head.lefts) else None
            if known and _another_bearer(head, known):
                known = None  # "Lai" after "its new president, Lai Ching-te": not Malaysia's Liow Tiong Lai
            # a surname alone that the lexicon knows one office holder of at the time ("Maduro")
            return lex.person_entity(known, day) if known else None
        name = _ent_text(head)
        return Entity(country.country if country else None, title.sector if title else None, name, "person")
    # 3. the head is a role word
    if role is not None:
        sector = role.sector
        modifier_role = _modifier_role(head, matches) if role.role_kind in ("proxy", "generic") else None
        if modifier_role is not None:
            sector = modifier_role.sector  # "rebel leaders", "the opposition party"
        elif role.role_kind in ("proxy", "generic") and of_entity is not None and of_entity.sector:
            sector = of_entity.sector  # "an alliance of ethnic armed groups": the groups' sector
        elif role.role_kind in ("proxy", "title") and not role.office and country is not None \
                and country.kind == "organisation" and country.sector:
            sector = country.sector  # "the CIA director", "a Kremlin spokesman"
        elif sector == "MIL" and (armed := _modifier_role(head, matches)) is not None and armed.sector == "REB":
            sector = "REB"  # "rebel forces", "insurgent troops": the armed group's, not the state's
        if sector == "MIL" and _own_name(head, matches):
            sector = "REB"  # "the Arakan Army", "the Myanmar National Democratic Alliance Army"
        code = country.country if country else None
        if code is None and in_country is not None and sector not in ("REF",):
            code = in_country  # "rebels in the Ivory Coast"
        if role.role_kind == "generic" and code is None and modifier_role is None:
            return None  # "a group", "the movement": no actor without more
        kind = "group" if sector in GROUP_SECTORS and code is None else "role"
        if role.office and code:
            office = "president" if code == "EU" and role.office == "head_of_state" else role.office
            holder = lex.holder(code, office, day)
            if holder is not None and head.tag_ not in ("NNS", "NNPS"):
                return Entity(code, holder.sector or (sector if code not in _ORGS else None), holder.person, "person")
        if code in _ORGS and sector == "GOV":
            sector = None  # "NATO member states", "the EU leaders": the organisation itself
        return Entity(code, sector, _name(head), kind)
    # 4. for code_span, any phrase with a country modifier ("the US warship deployment")
    if fallback and country is not None:
        sector = None
        for tok in _left_tokens(head):
            r = _role_match(tok, matches)
            if r is not None:
                sector = r.sector
        return Entity(country.country, sector or country.sector, country.name, country.kind)
    return None


def _proper_name(tok: Token) -> bool:
    """``tok`` heads a name of several words ("the Kachin Independence Army", "the National Unity
    Government"): a body of its own, no anaphor for one named before."""
    return tok.pos_ == "PROPN" and len(_name_tokens(tok)) > 1


def _name_tokens(head: Token) -> list[Token]:
    """The proper-noun compound a name's head closes ("Ta'ang National Liberation Army")."""
    toks = [head]
    for t in reversed(list(head.lefts)):
        if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i == toks[0].i - 1:
            toks.insert(0, t)
    return toks


def _own_name(head: Token, matches: dict[int, Match]) -> bool:
    """A force with a proper name of its own ("the Arakan Army", "Kachin Independence Army"): a
    word in its name that is neither a place or people the lexicon knows nor a word every
    state's forces use (``generic_name_words.txt``: National, Royal, Defence, ...)."""
    if head.pos_ != "PROPN":
        return False
    return any(t.i != head.i and matches.get(t.i) is None and t.lower_ not in generic_name_words()
               and t.ent_type_ not in ("GPE", "NORP", "LOC") for t in _name_tokens(head))


#: international organisations (``organisations.tsv``): no state, so no "regime" or "army" of their own
_ORGS = frozenset(r["code"] for r in data.tsv(STAGE, "organisations.tsv"))


def _name(head: Token) -> str:
    """A readable name for a role phrase: its words without determiners and numbers."""
    words = [t.text for t in _left_tokens(head) if t.dep_ not in ("det", "predet", "nummod", "poss", "case")
             and not t.is_punct and t.pos_ != "DET"]
    return " ".join(words + [head.text])


def _plausible_surname(article: Article, person: str, head: Token, day: dt.date | None) -> bool:
    if person in article.text[:head.idx]:
        return True
    if day is None:
        return True
    recent = day - dt.timedelta(days=4 * 365)
    return any((o.start is None or o.start <= day) and (o.end is None or o.end >= recent)
               for o in lexicon().offices_of(person))


def _has_title(head: Token, matches: dict[int, Match]) -> bool:
    return any((r := _role_match(t, matches)) is not None and r.role_kind == "title" for t in _left_tokens(head))


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))


def _ent_text(head: Token) -> str:
    """The text of the named entity ``head`` is in (walking its IOB tags, not the doc's entities)."""
    if not head.ent_type_:
        return head.text
    doc, start, end = head.doc, head.i, head.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def code_span(article: Article, start: int, end: int) -> Entity | None:
    """The entity of the noun phrase at characters ``start``..``end`` of ``article.text``."""
    doc: Doc = article.spacy
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return code_token(article, span.root)


def mention_at(article: Article, offset: int) -> Mention | None:
    """The mention whose head starts at ``offset``; else the smallest mention covering it."""
    best = None
    for m in article.mentions:
        if m.head == offset:
            return m
        if m.span.start <= offset < m.span.end:
            if best is None or (m.span.end - m.span.start) < (best.span.end - best.span.start):
                best = m
    return best


def mention_index(article: Article, mention: Mention) -> int:
    return next(i for i, m in enumerate(article.mentions) if m is mention)


# -- finding mentions --------------------------------------------------------------------------


def _is_place(head: Token, entity: Entity, match: Match | None) -> bool:
    """A country or city named as a location ("in Belarus", "to the border in Moscow")."""
    seat = match is not None and match.first("seat") is not None and match.first("country") is None
    if not seat and (entity.kind not in ("country",) or entity.sector not in (None, "GOV")):
        return False
    if seat:
        if head.dep_ in SEAT_ACTOR_DEPS:
            return False
        if head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() not in data.words(STAGE, "place_verbs.txt"):
            return False  # "warned Minsk", but "visited Minsk"
        if head.dep_ == "pobj" and head.head.lower_ == "by":
            return False
        return True
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
        # "the border with Belarus", "threats against Belarus" stay actors; "in Belarus" is a place
        return True
    if head.dep_ == "conj":
        root = head
        while root.dep_ == "conj":
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            return True
    return False


def _span_of(head: Token, with_of: bool) -> tuple[int, int]:
    """Token range of the phrase: pre-modifiers, the head and, when they coded it, "of"
    phrases; a possessive's phrase ends at the name."""
    start = head.left_edge.i
    end = head.i + 1
    if with_of:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                end = max(end, child.right_edge.i + 1)
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _past_dateline(doc: Doc, start: int, head: int) -> int:
    """The first token of a phrase from ``start`` to ``head`` that is past the dateline the parser
    hung on it ("OUAGADOUGOU, Oct 1 (Reuters) - Burkina Faso army captain Ibrahim Traore said")."""
    if start >= head or doc[start].idx > 200:
        return start
    cut = dateline_end(doc.text, doc[start].idx)
    if cut is None or doc[head].idx < cut:
        return start
    while start < head and doc[start].idx < cut:
        start += 1
    return start


def find_mentions(article: Article) -> list[Mention]:
    doc: Doc = article.spacy
    state = _state(article)
    matches: dict[int, Match] = state["matches"]
    heads: dict[int, tuple[int, int]] = {}
    for chunk in doc.noun_chunks:
        heads[chunk.root.i] = (chunk.start, chunk.end)
    # names inside larger phrases: "NATO's growing threats", "Russia's foreign minister"
    for m in set(matches.values()):
        head = _match_head(doc, m)
        # a role counts as a possessor only: "the rebels' positions", "the army's bases"
        if m.first(*ENTITY_KINDS) is None and not (head.dep_ == "poss" and m.first("role", "agent")):
            continue
        if head.i in heads:
            continue
        if head.dep_ == "poss" or head.dep_ not in MODIFIER_DEPS:
            heads[head.i] = (m.start, m.end)
    mentions: list[Mention] = []
    coded: dict[int, Entity] = {}
    chunk_roots = {c.root.i for c in doc.noun_chunks}
    for i in sorted(heads):
        head = doc[i]
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") or head.is_space:
            continue
        if head.dep_ in MODIFIER_DEPS and i not in chunk_roots:
            continue
        m = matches.get(i)
        if m is not None and _match_head(doc, m).i != i:
            continue  # "Defence" in "the Ministry of Defence": part of a longer name
        entity = _code(article, head, matches, False, 0)
        if entity is None:
            continue
        if _is_place(head, entity, m):
            continue
        if entity.kind == "person" and entity.country is None and entity.sector is None:
            continue
        start, end = heads[i]
        if m is not None and m.end > end and m.start <= i:
            end = m.end  # "the Ministry of Defence": the chunk ends before the name does
        if head.dep_ == "poss" and m is not None:
            start, end = m.start, m.end
        elif (m is None or m.first(*ENTITY_KINDS) is None) and any(True for _ in _of_objects(head)) \
                and entity.country and _country_modifier(article, head, matches, 0)[0] is None:
            # "the press service of ... the Ukrainian army": the "of" phrase gave the country
            start, end = _span_of(head, True)
        start = _past_dateline(doc, start, i)
        while start < i and (doc[start].is_punct or doc[start].is_space):
            start += 1  # "(EU" -> "EU"
        while end - 1 > i and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        # a determiner-less possessive's "'s" is not part of the name
        label = head.ent_type_ or ("lexicon" if m is not None else "parse")
        source = _source(m, head, matches)
        mentions.append(Mention(article.span(s, e), entity, label, head.idx, source, None))
        coded[i] = entity
    mentions += _modifier_mentions(article, matches, coded)
    mentions.sort(key=lambda x: (x.span.start, -x.span.end))
    state["mentions"] = {doc.char_span(x.head, x.head + 1, alignment_mode="expand").root.i: x for x in mentions}
    return mentions


def _modifier_mentions(article: Article, matches: dict[int, Match], coded: dict[int, Entity]) -> list[Mention]:
    """Names that modify a phrase which is no actor: "a Belarusian threat", "a large Russian
    troop build-up", "Russian and Belarusian paratroopers" (the second country of a pair)."""
    doc: Doc = article.spacy
    place_nouns = data.words(STAGE, "place_nouns.txt")
    out = []
    for m in sorted(set(matches.values()), key=lambda x: x.start):
        e = m.first("country", "adjective", "organisation", "institution")
        if e is None or not e.country:
            continue
        if e.kind == "institution" and e.sector in ("BUS", "JRN"):
            continue  # "its Facebook page", "an Aeroflot flight": no actor
        tok = doc[m.end - 1]
        if tok.i in coded or _is_pro(doc, m.start, m.end):
            continue
        first = tok
        while first.dep_ == "conj":
            first = first.head
        if first.dep_ not in ("amod", "compound", "nmod"):
            continue
        head = first.head
        while head.dep_ in ("compound", "amod") and head.head.i > head.i:
            head = head.head  # "Russian troop build-up": the phrase's head is "build-up"
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in place_nouns or head.lower_ in place_nouns:
            continue
        if head.i in coded:
            own = coded[head.i]
            if own.country == e.country:
                continue  # the phrase is already this actor ("the Polish army")
            sector = own.sector  # "Russian" in "Russian and Belarusian paratroopers"
        else:
            role = None
            for t in doc[head.left_edge.i:head.i]:
                r = _role_match(t, matches)
                if r is not None and r.role_kind not in ("proxy", "generic"):
                    role = r
            sector = role.sector if role is not None else (e.sector if e.kind != "country" else None)
        ent = _entity_of(e)
        ent = Entity(ent.country, sector if sector else ent.sector, ent.name, ent.kind)
        s, t_end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        out.append(Mention(article.span(s, t_end), ent, tok.ent_type_ or "modifier", tok.idx, "modifier", None))
    return out


def _match_head(doc: Doc, m: Match) -> Token:
    """The token of a matched name whose syntactic head lies outside it."""
    for tok in doc[m.start:m.end]:
        if tok.head.i < m.start or tok.head.i >= m.end or tok.head.i == tok.i:
            return tok
    return doc[m.end - 1]


def _source(m: Match | None, head: Token, matches: dict[int, Match]) -> str:
    if m is not None:
        return m.entries[0].source
    for tok in _left_tokens(head):
        mm = matches.get(tok.i)
        if mm is not None:
            return mm.entries[0].source
    return "ner"


# -- coreference -------------------------------------------------------------------------------


def resolve(article: Article, mentions: list[Mention], *, pronouns: bool = True) -> None:
    """Link later bare mentions to earlier ones and give them the earlier entity."""
    doc: Doc = article.spacy
    state = _state(article)
    by_head = {doc.char_span(m.head, m.head + 1, alignment_mode="expand").root.i: m for m in mentions}
    _appositive_people(article, mentions)
    first_person: dict[str, int] = {}
    last_org: dict[str, int] = {}
    surnames: dict[str, int] = {}
    for idx, m in enumerate(mentions):
        e = m.entity
        tok = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
        if e.kind == "person" and e.name:
            if e.name in first_person:
                m.antecedent = first_person[e.name]
            else:
                first_person[e.name] = idx
                if " " in e.name:
                    last = e.name.split()[-1].lower()
                    surnames[last] = idx
                    surnames.setdefault(_ascii(last), idx)  # "Erdoğan" written "Erdogan"
                    if "-" in last:  # "al-Burhan" later written "Burhan"
                        surnames.setdefault(last.rsplit("-", 1)[1], idx)
        elif e.kind == "organisation" and e.country:
            if m.span.text.lower().startswith("the alliance") and e.country in last_org:
                m.antecedent = last_org[e.country]
            elif m.span.text.lower() == "the alliance" and (named := _named_alliance(doc, mentions, idx)) is not None:
                # "the alliance" after "the Three Brotherhood Alliance": that one, not the lexicon's NATO
                m.antecedent, m.entity = named, replace(mentions[named].entity)
                continue
            last_org[e.country] = idx
        elif e.kind in ("role", "group") and e.country is None and e.sector \
                and any(c.lower_ in ("the", "these", "those") for c in tok.children) \
                and not _proper_name(tok):  # not "the Kachin Independence Army"
            # "the paratroopers" after "two Russian paratroopers": the same head word
            ante = _recent(doc, mentions, idx, lambda x: x.entity.country is not None
                           and _head(doc, x).lemma_.lower() == tok.lemma_.lower(), 6)
            if ante is None and e.sector == "REB" and tok.tag_ == "NN":
                # "the militia" after "the Rapid Support Forces": the armed group named last
                ante = _recent(doc, mentions, idx, lambda x: x.entity.country is not None
                               and x.entity.sector == "REB" and x.entity.kind in ("organisation", "role", "group"), 2)
            if ante is not None:
                m.antecedent = ante
                m.entity = replace(e, country=mentions[ante].entity.country,
                                   sector=mentions[ante].entity.sector or e.sector)
        possessed = any(c.lower_ in ("its", "their") and c.dep_ == "poss" for c in tok.children) \
            and tok.lower_ not in data.words(STAGE, "relational_nouns.txt")
        if m.antecedent is None and e.country is None and not _proper_name(tok) and (
                e.kind == "role" and e.sector in COREF_SECTORS
                and (tok.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in tok.children) or possessed)
                # "The United States urged its citizens to leave Haiti": the citizens of the country told of
                or e.kind in ("role", "group") and e.sector == "CVL" and possessed):
            # "the regime", "its army", "their allies": the country the text is about (not a name of
            # its own: "the shadow National Unity Government")
            local = _local_country(tok, state["matches"]) if any(
                c.dep_ == "amod" and c.lower_ == "local" for c in tok.children) else None
            if local is not None:
                # "Israel's strikes in Gaza have killed over 26,000, the local health ministry
                # reports": the authority of the place the sentence tells of
                m.entity = replace(e, country=local)
                continue
            ante = _speaker(mentions, by_head, tok)
            if ante is None and e.sector == "GOV" and any(c.lower_ == "its" and c.dep_ == "poss" for c in tok.children):
                # "The International Atomic Energy Agency said ... . Its director general called":
                # the official of the organisation just told of
                near = _recent(doc, mentions, idx, lambda x: x.entity.country is not None and x.entity.kind != "person", 1)
                ante = near if near is not None and mentions[near].entity.country in _ORGS else None
            if ante is None and e.sector in STATE_SECTORS and not possessed:
                # "the military" after "Myanmar's military government" and "Beijing brokered a truce":
                # the state organ told of last, before any country merely named
                ante = _recent(doc, mentions, idx, lambda x: x.entity.country is not None and x.entity.kind == "role"
                               and x.entity.sector in STATE_SECTORS and x.entity.country not in _ORGS, 3)
            if ante is None:
                ante = _recent(doc, mentions, idx, lambda x: x.entity.country is not None and x.entity.kind != "person"
                               and x.entity.country not in _ORGS, 3)
            if ante is not None:
                owner = mentions[ante].entity
                # an organisation's official speaks for it, in no sector of a state
                m.entity = replace(e, country=owner.country, sector=owner.sector if owner.country in _ORGS else e.sector)
                if m.entity.sector == owner.sector or owner.kind == "country":
                    # (only the country is taken from another actor: "the army" after "the RSF" is
                    # Sudan's army, not a later name of the RSF)
                    m.antecedent = ante
    _acronyms(article, mentions)
    # unknown people named again by surname
    if surnames:
        # a surname alone, whether or not the tagger saw a person in it ("Erdogan, enraged, accused")
        taken = {doc.char_span(m.head, m.head + 1, alignment_mode="expand").root.i for m in mentions}
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.lower_ not in surnames or tok.i in taken or tok.i in by_head:
                continue
            if (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                continue  # part of a longer name
            ante = surnames[tok.lower_]
            if mentions[ante].span.start < tok.idx:
                mentions.append(Mention(article.span(tok.idx, tok.idx + len(tok.text)), replace(mentions[ante].entity),
                                        "PERSON", tok.idx, "coref", ante))
    _group_anaphors(article, mentions, by_head)
    if pronouns:
        found = len(mentions)  # the pronouns added from here on come in text order
        order = sorted(range(found), key=lambda j: mentions[j].span.start)
        index = (order, [mentions[j].span.start for j in order], found)
        for tok in doc:
            kind = PRONOUNS.get(tok.lower_)
            if kind is None or tok.i in by_head:
                continue
            if tok.dep_ not in (("nsubj", "nsubjpass") if kind == "thing" else PRONOUN_DEPS):
                continue
            if tok.lower_ == "her" and tok.dep_ == "poss":
                continue
            ante = _speaker(mentions, by_head, tok, anyone=True) if kind == "speaker" \
                else _pronoun_antecedent(article, mentions, tok, kind, index)
            if ante is not None:
                mentions.append(Mention(article.span(tok.idx, tok.idx + len(tok.text)), replace(mentions[ante].entity),
                                        "PRON", tok.idx, "coref", ante))
    order = sorted(range(len(mentions)), key=lambda k: (mentions[k].span.start, -mentions[k].span.end))
    remap = {old: new for new, old in enumerate(order)}
    sorted_mentions = [mentions[k] for k in order]
    for m in sorted_mentions:
        if m.antecedent is not None:
            m.antecedent = remap[m.antecedent]
    mentions[:] = sorted_mentions
    state["mentions"] = {doc.char_span(x.head, x.head + 1, alignment_mode="expand").root.i: x for x in mentions}


def _named_alliance(doc: Doc, mentions: list[Mention], idx: int) -> int | None:
    """The last alliance the text named before mention ``idx`` ("The Three Brotherhood Alliance",
    "an alliance of ethnic armed groups"), when it is another than the one "the alliance" codes."""
    code = mentions[idx].entity.country
    for j in range(idx - 1, -1, -1):
        m = mentions[j]
        head = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
        if head.lemma_.lower() == "alliance" and m.entity.country and m.entity.country != code \
                and not m.span.text.lower().startswith("the alliance"):
            return j
    return None


def _speaker(mentions: list[Mention], by_head: dict, tok: Token, *, anyone: bool = False) -> int | None:
    """The index of the state's official or body whose reported words hold ``tok`` ("Israel's
    defense minister Yoav Gallant said the army would resume its offensive": Israel's army), or None;
    with ``anyone``, whoever of a known country says them, also in a closing report (""We will hold
    those responsible accountable," Biden said": "we" is Biden's side)."""
    clauses = ("ccomp", "parataxis") if anyone else ("ccomp",)
    cur = tok
    while cur.head.i != cur.i and cur.dep_ not in clauses:
        cur = cur.head
    if cur.dep_ not in clauses:
        return None
    for c in cur.head.children:
        if c.dep_ == "nsubj" and c.i in by_head:
            sp = by_head[c.i]
            if sp.entity.country and (anyone or sp.entity.country not in _ORGS and sp.entity.sector in ("GOV", "MIL")):
                return mentions.index(sp)
    return None


def _group_anaphors(article: Article, mentions: list[Mention], by_head: dict) -> None:
    """"The group", "the organisation" as a subject or a passive's agent: the organisation named
    last, within two sentences ("The RSF shelled the market. The group denied targeting civilians.")."""
    doc: Doc = article.spacy
    words = data.words(STAGE, "group_anaphors.txt")
    for tok in doc:
        if tok.lower_ not in words or tok.i in by_head or not (
                tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "pobj" and tok.head.dep_ == "agent"):
            continue  # (the agent of a passive too: "drones fired by the group")
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
                any(c.dep_ in ("amod", "compound", "prep", "appos") for c in tok.children):
            continue  # "the militant group", "the group of ..." are mentions of their own
        sent = article.sentence_at(tok.idx)
        if sent is None:
            continue
        found = [j for j, m in enumerate(mentions) if m.span.start < tok.idx and m.entity.kind == "organisation"
                 and m.entity.country and m.span.sentence is not None and sent - 2 <= m.span.sentence]
        if found:
            j = found[-1]
            ante = mentions[j].antecedent if mentions[j].antecedent is not None else j
            mentions.append(Mention(article.span(tok.idx, tok.idx + len(tok.text)), replace(mentions[ante].entity),
                                    "NOUN", tok.idx, "coref", ante))


def _places_in(doc: Doc, matches: dict, tokens: set[int]) -> list[str]:
    """The countries of the places named "in", "across" or "inside" ("strikes in Gaza") among
    ``tokens`` (indices of ``doc``), in text order."""
    out = []
    for i in sorted(matches):
        mm = matches[i]
        e = mm.first("country", "seat")
        if e is not None and e.country and mm.start in tokens and mm.start > 0 \
                and doc[mm.start - 1].lower_ in ("in", "across", "inside"):
            out.append(e.country)
    return out


def _local_country(tok: Token, matches: dict) -> str | None:
    """The country of the last place the sentence names before ``tok`` ("in Gaza")."""
    found = _places_in(tok.doc, matches, set(range(tok.sent.start, tok.i)))
    return found[-1] if found else None


def _appositive_people(article: Article, mentions: list[Mention]) -> None:
    """A person named beside a role that has a country takes it: "Sudan's army chief, General
    Abdel Fattah al-Burhan" -> SDN MIL (and so does every later "Burhan")."""
    doc: Doc = article.spacy
    for m in mentions:
        e = m.entity
        if e.kind != "person" or e.country is not None:
            continue
        tok = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
        others = [tok.head] if tok.dep_ == "appos" else []
        others += [c for c in tok.children if c.dep_ == "appos"]
        for other in others:
            try:
                role = code_token(article, other)
            except Exception:  # noqa: BLE001 - a coding failure must not lose the article
                role = None
            if role is not None and role.country and role.kind != "person":
                m.entity = replace(e, country=role.country, sector=e.sector or role.sector)
                break


def _ascii(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _acronyms(article: Article, mentions: list[Mention]) -> None:
    """"the Ministry of Defence (MoD)": the bracketed short name, and every later use of it,
    stand for the mention before the bracket."""
    text = article.text
    short: dict[str, int] = {}
    for idx, m in enumerate(mentions):
        bare = m.span.text.removeprefix("the ").removeprefix("The ")
        if " " in bare or not bare[:1].isupper() or sum(c.isupper() for c in bare) < 2:
            continue
        if bare in short:
            m.antecedent = short[bare]
            m.entity = replace(mentions[short[bare]].entity)
            continue
        before = text[:m.span.start].rstrip()
        if before.endswith("(") and idx > 0 and not in_dateline(text, m.span.start):
            prev = mentions[idx - 1]
            if prev.span.end >= len(before[:-1].rstrip()) - 1 and prev.span.start < m.span.start:
                m.antecedent = prev.antecedent if prev.antecedent is not None else idx - 1
                m.entity = replace(prev.entity)
                short[bare] = m.antecedent
    _defined_acronyms(article, mentions)


#: an acronym defined in brackets after a name: "Somali National Army (SNA)", "Ministry of Defence (MoD)"
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_MINOR = {"of", "and", "for", "the", "de", "du", "des", "la", "le", "el", "al", "e"}


def _initials_match(short: str, name: str) -> bool:
    """The capitals of ``short`` are, in order, the initials of ``name``'s words, the first one
    first ("KDF": Kenya Defence Forces; "PTI": Pakistan Tehreek-e-Insaf; "MoD": Ministry of Defence)."""
    caps = [c for c in short if c.isupper()]
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() != "the"]
    if len(caps) < 2 or not words or caps[0] != words[0][0].upper():
        return False
    initials = [w[0].upper() for w in words]
    k = 0
    for i in initials:
        if k < len(caps) and i == caps[k]:
            k += 1
    # every capital matched, and no capitalised word of the name left out
    skipped = sum(1 for w in words if w[0].isupper() and w.lower() not in _MINOR) - k
    return k == len(caps) and skipped <= 0


def _defined_acronyms(article: Article, mentions: list[Mention]) -> None:
    """An acronym the lexicon does not know, defined in brackets right after a mention whose
    words it abbreviates, stands for that mention wherever it is used later as a word of its own
    ("... a Somali National Army (SNA) base ... the SNA and allied clan militia recaptured")."""
    doc = article.spacy
    if doc is None or "(" not in article.text:
        return
    text = article.text
    ends = sorted((m.span.end, j) for j, m in enumerate(mentions))
    taken = [(m.span.start, m.span.end) for m in mentions]
    aliases: dict[str, tuple[int, int]] = {}
    for mt in _DEFINED.finditer(text):
        short = mt.group(1)
        if short in aliases:
            continue
        before = text[:mt.start()].rstrip()
        k = bisect_left(ends, (len(before) + 1, -1)) - 1
        if k < 0 or ends[k][0] != len(before):
            continue
        j = ends[k][1]
        if mentions[j].antecedent is not None:
            j = mentions[j].antecedent
        if mentions[j].entity.kind == "person" or not _initials_match(short, mentions[ends[k][1]].span.text):
            continue
        aliases[short] = (j, mt.end())
    if not aliases:
        return
    for tok in doc:
        hit = aliases.get(tok.text)
        if hit is None or tok.idx < hit[1]:
            continue
        if any(s <= tok.idx < e for s, e in taken):
            continue
        ante = hit[0]
        mentions.append(Mention(article.span(tok.idx, tok.idx + len(tok.text)), replace(mentions[ante].entity),
                                "ORG", tok.idx, "acronym", ante))


def _recent(doc: Doc, mentions: list[Mention], idx: int, ok, window: int) -> int | None:
    """The most recent acceptable mention within ``window`` sentences, subjects first."""
    sent = mentions[idx].span.sentence or 0
    found = []
    for j in range(idx - 1, -1, -1):
        m = mentions[j]
        if (m.span.sentence or 0) < sent - window:
            break
        if m.entity.sector == "JRN" or in_dateline(doc.text, m.span.start):
            continue  # "ISLAMABAD (AP) — ... The government": the agency is not what it refers back to
        if ok(m):
            head = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
            found.append((head.dep_ in ("nsubj", "nsubjpass"), j))
    if not found:
        return None
    j = max(found, key=lambda f: (f[0], f[1]))[1]
    return mentions[j].antecedent if mentions[j].antecedent is not None else j


def _near_before(mentions: list[Mention], order: list[int], starts: list[int], offset: int, sent: int) -> list[int]:
    """Indices (of ``order``, mentions sorted by ``starts``) of the mentions before ``offset`` in
    sentence ``sent - 1`` or later."""
    out = []
    for k in range(bisect_left(starts, offset) - 1, -1, -1):
        j = order[k]
        if mentions[j].span.sentence is not None and mentions[j].span.sentence < sent - 1:
            break
        out.append(j)
    return out


#: Singular heads that make one body of their plural "of" object ("an alliance of ethnic armed
#: groups ... said it had captured").
COLLECTIVES = frozenset({"alliance", "coalition", "bloc", "union", "federation", "group"})


def _collective(doc: Doc, m: Mention) -> bool:
    """``m`` is the plural object of a collective singular head ("an alliance of armed groups")."""
    head = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in COLLECTIVES \
        and prep.head.tag_ == "NN"


def _pronoun_antecedent(article: Article, mentions: list[Mention], tok: Token, kind: str,
                        index: tuple[list[int], list[int], int] | None = None) -> int | None:
    """The mention a pronoun stands for, in its sentence or the one before. ``index``: the first
    mentions' indices in text order, their starts, and how many they are (the pronoun mentions added
    after them are in text order): the candidates are looked up by bisection, not by a pass over all."""
    sent = article.sentence_at(tok.idx)
    if sent is None:
        return None
    doc = tok.doc
    candidates = []
    if index is None:
        near: list[int] | range = range(len(mentions))
    else:
        order, starts, first = index
        added = list(range(first, len(mentions)))
        near = sorted(_near_before(mentions, order, starts, tok.idx, sent)
                      + _near_before(mentions, added, [mentions[j].span.start for j in added], tok.idx, sent))
    for j in near:
        m = mentions[j]
        if m.span.start >= tok.idx or m.span.sentence is None or m.span.sentence < sent - 1:
            continue
        e = m.entity
        if kind == "person" and e.kind != "person":
            continue
        if in_dateline(article.text, m.span.start):
            continue  # "YANGON (Reuters) - An alliance ... said it had captured": not the agency
        if kind == "thing" and (e.kind in ("person", "group") or _plural(doc, m)) and not _collective(doc, m):
            continue
        if kind == "plural" and not (e.kind in ("role", "group") and _plural(doc, m)
                                     or e.kind == "organisation" and _plural_name(doc, m)):
            continue
        head = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
        if head.head.i == tok.head.i and head.i != tok.i and kind != "thing":
            continue  # "the guards detained them": co-arguments are not the same actor
        subject = head.dep_ in ("nsubj", "nsubjpass")
        candidates.append((m.span.sentence == sent, subject, m.span.start, j))
    if not candidates:
        return None
    best = max(candidates)
    j = best[3]
    return mentions[j].antecedent if mentions[j].antecedent is not None else j


def _head(doc: Doc, m: Mention) -> Token:
    return doc.char_span(m.head, m.head + 1, alignment_mode="expand").root


def _plural_name(doc: Doc, m: Mention) -> bool:
    """An organisation named in the plural ("the Houthis", "the Revolutionary Guards") is "they"."""
    head = _head(doc, m)
    return head.tag_ in ("NNS", "NNPS") or (head.tag_ == "NNP" and head.lower_.endswith("s") and len(head) > 3)


def _plural(doc: Doc, m: Mention) -> bool:
    head = doc.char_span(m.head, m.head + 1, alignment_mode="expand").root
    return head.tag_ in ("NNS", "NNPS")
