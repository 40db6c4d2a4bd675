"""Where an event is when its own words name no place: the syntax of a toponym in its sentence,
definite sites read as the same site named before, the scene of the sentences before, the
dateline, and the parts of a country a direction names.

    "A truck bomb blew up on the Kerch Bridge ... acknowledged the attack on the bridge"
    -> "the bridge" is the Kerch Bridge (``site_anaphors``)
    "Turkish troops launched an offensive in northeastern Syria"
    -> the event is in "northeastern Syria", a region among Syria's north-eastern towns (``country_part``)

Used by the ``place`` stage (``stages/place.py``); data in ``data/place/site_nouns.txt``,
``dateline_types.txt`` and ``directions.tsv``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import data
from ..model import Article, Event, Place
from .nlp import doc_text, sentence_index
from .place_gazetteer import Gazetteer
from .place_resolve import Toponym, country_of, to_place


def toponym_root(doc: Doc, t: Toponym) -> Token | None:
    """The token that heads a toponym's words in the parse."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return None if span is None else span.root


def governor(root: Token) -> int | None:
    """The index of the word a toponym's preposition hangs from ("attack" in "Hamas' attack on
    Israel"; "attack" in "an attack in the town of Gwoza"), ``None`` without a preposition."""
    prep = preposition_token(root)
    return None if prep is None else prep.head.i


def preposition(root: Token) -> str | None:
    """The preposition a toponym hangs from, lower case."""
    prep = preposition_token(root)
    return None if prep is None else prep.lower_


def preposition_token(root: Token) -> Token | None:
    """The preposition a toponym hangs from ("to" in "deployed troops to Poland", "near" in "near
    the village of Starzyna")."""
    tok = root
    kinds = data.words("place", "generic_words.txt")
    for _ in range(4):
        if (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in kinds
                and tok.head.head.i != tok.head.i):
            tok = tok.head.head  # "in the northeastern province of Surin": the province's preposition
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
            return tok.head
        if tok.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj"):
            tok = tok.head
            continue
        break
    return None


_DIRECTION = re.compile(r"(?:(?<=\s)|^)([a-z-]+)\s+$")


@lru_cache(maxsize=1)
def directions() -> dict[str, tuple[float, float]]:
    """Direction words and their (north, east) steps, from ``data/place/directions.tsv``."""
    return {r["word"]: (float(r["north"]), float(r["east"])) for r in data.tsv("place", "directions.tsv")}


def country_part(article: Article, t: Toponym, p: Place, gaz: Gazetteer) -> Place | None:
    """"northeastern Syria", "southern Lebanon", "north-western Nigeria": a region of the country
    that way (``data/place/directions.tsv``), its point among the country's towns furthest that
    way (``Gazetteer.part``). The toponym stays the country; an event there takes the part."""
    text = article.text
    if p.kind != "country" or t.via != "name" or len(p.countries) != 1:
        return None
    m = _DIRECTION.search(text[max(0, t.start - 20):t.start])
    if m is None:
        return None
    step = directions().get(m.group(1).lower())
    if step is None:
        return None
    start = t.start - len(m.group(0))
    known = [e for e in gaz.lookup(text[start:t.end]) if e.kind == "region" and e.countries == tuple(p.countries)]
    span = article.span(start, t.end)
    if known:  # curated: "eastern Ukraine"
        return dataclasses.replace(to_place(known[0], t), span=span)
    point = gaz.part(p.countries[0], *step)
    if point is None:
        return None
    lat, lon = point
    name = f"{m.group(1)} {p.name}"
    return dataclasses.replace(p, name=name, kind="region", lat=round(lat, 2), lon=round(lon, 2), precision="region",
                               geonameid=None, geometry=None, span=span)


#: kinds of place specific enough to stand for a site named in the same sentence ("Gondar ... near
#: the university")
SITE_KINDS = frozenset({"city", "facility", "local", "admin2"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def site_anaphors(article: Article, pairs: list[tuple[Toponym, Place]], gaz: Gazetteer) -> list[tuple[Toponym, Place]]:
    """Definite sites that name no place ("the attack on the bridge", "Thai soldiers at the base",
    "occupying the islands"), each with the place of the nearest site of the same noun before it:
    the place in its own name or phrase ("Kerch Bridge", "Aegean Sea islands", "a Thai military
    base in the northeastern province of Surin"), else the most specific place of its sentence
    ("Gondar, said ... fighting took place near the university"). With no such site before it,
    "the town" or "the city" is the town named last before it, and "the capital" the capital of
    the country the article names most. Site nouns are ``data/place/site_nouns.txt``."""
    doc: Doc = article.spacy
    nouns = data.words("place", "site_nouns.txt")
    placed = [(t, p) for t, p in pairs if not t.metonym and t.via not in ("adjective", "anaphor")]
    rooted = [(r, t, p) for t, p in placed if (r := toponym_root(doc, t)) is not None]
    sents, index = sentence_index(doc)
    starts = [sents[k].start for k in index]  # each token's sentence start
    governors = {r.i: governor(r) for r, _t, _p in rooted}
    by_sentence: dict[int, list[tuple[Token, Place]]] = {}
    for r, _t, p in rooted:
        if p.kind in SITE_KINDS:
            by_sentence.setdefault(starts[r.i], []).append((r, p))
    out: list[tuple[Toponym, Place]] = []
    seen: dict[str, list[tuple[int, Place | None, Place | None]]] = {}  # lemma -> (token, own, sentence's)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "PROPN") or (lemma not in nouns and tok.lower_ not in nouns):
            continue
        own = next((p for r, t, p in rooted if p.kind not in ("country", "continent") and (
            r.i == tok.i or (r.head.i == tok.i and r.dep_ in ("compound", "nmod", "appos")) or governors[r.i] == tok.i)),
            None)
        here = [(abs(r.i - tok.i), p) for r, p in by_sentence.get(starts[tok.i], ())]
        sentence_place = min(here, key=lambda dp: dp[0])[1] if here else None
        earlier = seen.setdefault(lemma, [])
        if own is None and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children) \
                and not _named_by_of(tok):
            note = note_start(doc.text, tok.idx)  # in a list of event notes, only this note's sites
            ante = next((o for i, o, _s in reversed(earlier) if o is not None and doc[i].idx >= note), None) or next(
                (sp for i, _o, sp in reversed(earlier) if sp is not None and doc[i].idx >= note), None) or (
                _generic_site(lemma, tok, rooted, gaz) if not note else None)
            if ante is not None:
                t = Toponym(tok.idx, tok.idx + len(tok), tok.text, lemma, [], "anaphor",
                            sentence=article.sentence_at(tok.idx))
                out.append((t, dataclasses.replace(ante, source="anaphor")))
        earlier.append((tok.i, own, sentence_place))
    return out


def _named_by_of(tok: Token) -> bool:
    """The site has a name of its own after "of", known to the gazetteer or not: "the town of
    Anefis" is Anefis, not the town named before it."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children)
               for c in tok.children)


#: kinds of place specific enough to be the scene a story is still at, and how many sentences back
SCENE_KINDS = frozenset({"city", "local", "admin2", "facility", "admin1", "region", "sea", "border"})
SCENE_SENTENCES = 2


def scene_before(article: Article, event: Event, pairs: list[tuple[Toponym, Place]]) -> Place | None:
    """The scene a material event with no place of its own is still at: the last specific place
    named in the two sentences before it ("... the Ukraine's northwestern Volyn region ... Some 8,500
    servicemen and police will participate in the exercises"), never a dateline."""
    if event.sentence is None:
        return None
    first = event.sentence - SCENE_SENTENCES
    note = event_note(article, event)
    before = [(t.start, p) for t, p in pairs if t.sentence is not None and first <= t.sentence < event.sentence
              and t.start >= note and not t.metonym and t.via not in ("adjective", "anaphor") and p.kind in SCENE_KINDS
              and not in_dateline(article.text, t.start)]
    if not before:
        return None
    return dataclasses.replace(max(before, key=lambda sp: sp[0])[1], source="article_focus")


#: A paragraph that opens with its own date, as each report of a list of event notes does ("On 17
#: March 2024, the Malian army recaptured ...", "02 July. Unidentified gunmen ...", "15 December: ...")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_NOTE_DATE = re.compile(rf"(?:On\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\.?\s+\d{{1,2}})(?:,?\s+\d{{4}})?\s*[,.:]")


def note_start(text: str, offset: int) -> int:
    """Where the event note that ``offset`` lies in starts: its paragraph, when that paragraph opens
    with a date of its own (:data:`_NOTE_DATE`); else 0 (the article is one story). A note's scene
    is its own: no place of the note before it."""
    para = text.rfind("\n\n", 0, offset)
    para = 0 if para < 0 else para + 2
    return para if _NOTE_DATE.match(text, para) else 0


def event_note(article: Article, event: Event) -> int:
    """Where the event note the event is told in starts (:func:`note_start`); 0 outside a list of
    notes, or for an event with no sentence."""
    if event.sentence is None or event.sentence >= len(article.sentences):
        return 0
    return note_start(article.text, article.sentences[event.sentence].start)


_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+)*(?:,[^\n—–(]{0,40})?(?:\s*\([^)\n]{1,40}\))?\s+[—–-]")


def past_dateline(tok):
    """``tok`` as a clause's subject, with the dateline the parser hangs on it taken off: the
    first noun after the dateline in its phrase ("BANGKOK (AP) — Thailand launched": Thailand), the
    token itself where it is not in a dateline or runs past it ("KADUNA, Nigeria (Reuters) -Gunmen"),
    None where the phrase is all dateline."""
    end = dateline_end(doc_text(tok.doc), tok.idx)
    if end is None or tok.idx + len(tok.text) > end:
        return tok
    return next((t for t in tok.subtree if t.idx >= end and t.head.idx < end
                 and t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def dateline_end(text: str, offset: int) -> int | None:
    """Where the dateline that ``offset`` lies in ends (a capitalised place at the start of a
    line, before the agency and the dash: "KADUNA, Nigeria (Reuters) -", "ISTANBUL (AP) —"), or
    None where it lies in none."""
    line = text.rfind("\n", 0, offset) + 1
    m = _DATELINE.match(text, line)
    return m.end() if m is not None and offset < m.end() else None


def in_dateline(text: str, offset: int) -> bool:
    """Whether ``offset`` lies in a dateline (:func:`dateline_end`)."""
    return dateline_end(text, offset) is not None


_DATELINE_NAME = re.compile(r"[ \t]*([A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+)*)(?:,\s*([^\n—–(]{1,40}?))?\s*(?:\(|[—–-])")


def dateline_place(article: Article, gaz: Gazetteer) -> tuple[Place | None, int | None]:
    """The city of the article's dateline ("ISTANBUL (AP) —", "KADUNA, Nigeria (Reuters) -"), in
    the country it names if it names one, and the index of the sentence it opens (the lede)."""
    for line_start in (0, *(m.end() for m in re.finditer(r"\n", article.text[:400]))):
        if not in_dateline(article.text, line_start):
            continue
        m = _DATELINE_NAME.match(article.text, line_start)
        if m is None:
            return None, None
        cities = [e for e in gaz.lookup(m.group(1).title()) if e.kind == "city"]
        country = country_of(gaz, m.group(2)) if m.group(2) else None
        if country is not None:
            cities = [e for e in cities if set(e.countries) & set(country.countries)]
        if not cities:
            return None, None
        place = dataclasses.replace(to_place(cities[0]), span=article.span(m.start(1), m.end(1)), source="dateline")
        return place, article.sentence_at(m.start(1))
    return None, None


#: generic site nouns that stand for the town named before them ("the town", "the city")
TOWN_NOUNS = frozenset({"town", "city", "village"})


def _generic_site(lemma: str, tok: Token, rooted: list[tuple[Token, Toponym, Place]], gaz: Gazetteer) -> Place | None:
    """"the town" or "the city": the town named last before it; "the capital": the capital of the
    country the article's places name most."""
    if lemma in TOWN_NOUNS:
        before = [p for r, _t, p in rooted if r.i < tok.i and p.kind == "city"]
        return before[-1] if before else None
    if lemma == "capital":
        countries = Counter(c for _r, _t, p in rooted for c in p.countries if len(p.countries) == 1)
        if countries:
            capital = gaz.capital(countries.most_common(1)[0][0])
            return to_place(capital) if capital is not None else None
    return None
