"""Find toponyms in a parsed article: compositions, spaCy entities and gazetteer matches.

Order of precedence, each claiming its characters so that a shorter name is never taken from
inside a longer one ("Azov" in "Sea of Azov", "Polish" in "the Polish-Belarusian border"):

1. border compositions written in the text ("the Polish-Belarusian border", "its border with
   Russia", "the border between Poland and Belarus", "Ukraine's border");
2. spaCy entities GPE, LOC, FAC and NORP (demonyms and adjectives: "Russian", "Belarusians");
3. gazetteer names the model missed: the longest capitalised proper-noun run (up to six words)
   that the gazetteer knows, outside person and organisation names ("Washington Post").

A toponym that is the subject of a speech or action verb ("Moscow said", "Washington warned")
is marked as a metonym: it stays a toponym, but it is not where an event happened.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import data
from ..model import Article
from .place_gazetteer import Gazetteer, normalize
from .place_resolve import (BORDER_BETWEEN, BORDER_OF, BORDER_PAIR, BORDER_WITH, Toponym, candidates, composition,
                            strip_name)

ENTITY_LABELS = {"GPE", "LOC", "FAC", "NORP"}
#: labels the small model gives places by mistake ("EU" as ORG, "Tamil Nadu" as PERSON)
MISLABELLED = {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
#: entities whose words are no toponyms of their own ("Washington Post", "Kyiv Independent")
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "DATE", "TIME", "MONEY",
                   "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL", "LANGUAGE"}
MAX_WORDS = 6
#: a gazetteer match the model did not tag must be at least this likely: a town of ~20,000 after
#: a locative preposition ("in Hrodna"), else a city of ~400,000 (or its curated name)
MIN_SCAN_PRIOR = 10.0
STRONG_CITY_PRIOR = 15.5
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "to", "from", "into", "outside", "around", "across", "towards",
                         "toward", "of"}


def metonymy_verbs() -> frozenset[str]:
    return data.words("place", "metonymy_verbs.txt")


def find_toponyms(article: Article, gaz: Gazetteer) -> list[Toponym]:
    doc: Doc = article.spacy
    text = article.text
    taken = bytearray(len(text) + 1)
    found: list[Toponym] = []

    def claim(start: int, end: int) -> bool:
        if start >= end or any(taken[start:end]):
            return False
        taken[start:end] = b"\x01" * (end - start)
        return True

    # 1. compositions, sentence by sentence
    for sent in article.sentences:
        s_text = sent.text
        if "border" not in s_text and "frontier" not in s_text and "boundary" not in s_text:
            continue
        for rx in (BORDER_PAIR, BORDER_BETWEEN, BORDER_WITH, BORDER_OF):
            for m in rx.finditer(s_text):
                comp = composition(gaz, m.group(0))
                if comp is None:
                    continue
                cs, ce, cands, partner = comp
                start, end = sent.start + m.start() + cs, sent.start + m.start() + ce
                if claim(start, end):
                    found.append(Toponym(start, end, text[start:end], cands[0].id, cands, "border",
                                         sentence=sent.index, partner=partner))

    # 2. spaCy entities
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            top = _extended_toponym(ent, gaz) or _entity_toponym(ent, gaz)
        elif ent.label_ in MISLABELLED:
            top = _mislabelled_toponym(ent, gaz)
        else:
            continue
        if top is not None and claim(top.start, top.end):
            top.sentence = article.sentence_at(top.start)
            top.metonym = is_metonym(doc, top.start, top.end)
            found.append(top)

    # 3. gazetteer names the model missed
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not _may_start(tok) or taken[tok.idx]:
            i += 1
            continue
        hit = None
        for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            if not _may_end(span[-1]) or any(t.ent_type_ in BLOCKING_LABELS for t in span):
                continue
            if any(taken[span.start_char:span.end_char]):
                continue
            key, cands, via = candidates(gaz, span.text)
            if not cands or via == "part" or not _scan_ok(gaz, key, cands[0], via, span):
                continue
            s0, e0 = strip_name(span.text)
            hit = Toponym(span.start_char + s0, span.start_char + e0, span.text[s0:e0], key, cands, via)
            break
        if hit is not None and claim(hit.start, hit.end):
            hit.sentence = article.sentence_at(hit.start)
            hit.metonym = is_metonym(doc, hit.start, hit.end)
            found.append(hit)
            i = max(i + 1, doc.char_span(hit.start, hit.end, alignment_mode="expand").end)
        else:
            i += 1
    # 4. another mention of a name already read as a place ("the city of Douma" ... "in Douma"),
    # where the model tagged it as nothing, or as a person or organisation of just that name
    again(article, found, claim)
    found.sort(key=lambda t: t.start)
    return found


def again(article: Article, found: list[Toponym], claim) -> None:
    """Add the other mentions of the names in ``found``: one sense per article. A word inside a
    longer entity stays out ("Jordan" of "Michael Jordan"); an entity of just that name, which
    the model tagged as a person or an organisation, is the place again."""
    doc: Doc = article.spacy
    known = {t.key: t for t in found if t.via == "name" and t.candidates}
    lengths = sorted({len(t.text.split()) for t in known.values()}, reverse=True)
    for tok in doc:
        if not tok.text[:1].isupper():
            continue
        for n in lengths:
            span = doc[tok.i:tok.i + n]
            if len(span) < n or normalize(span.text) not in known:
                continue
            whole = span[0].ent_iob_ == "B" and (span.end == len(doc) or doc[span.end].ent_iob_ != "I")
            if any(t.ent_type_ in BLOCKING_LABELS for t in span) and not whole:
                break  # part of a longer name
            if claim(span.start_char, span.end_char):
                t = known[normalize(span.text)]
                found.append(Toponym(span.start_char, span.end_char, span.text, t.key, t.candidates, t.via,
                                     sentence=article.sentence_at(span.start_char),
                                     metonym=is_metonym(doc, span.start_char, span.end_char)))
            break


def _entity_toponym(ent: Span, gaz: Gazetteer) -> Toponym | None:
    """The toponym an entity names: the whole entity, else its longest known part; a GPE or LOC
    the gazetteer lacks altogether is kept (it is placed in the article's local area)."""
    if ent.label_ == "NORP" and ent[-1].tag_ in ("NNS", "NNPS"):
        return None  # "Americans", "Europeans": people, not places
    key, cands, via = candidates(gaz, ent.text, adjective_first=ent.label_ == "NORP")
    if via == "part" and ent.label_ == "NORP":
        cands = []
    if cands:
        s, e = strip_name(ent.text)
        return Toponym(ent.start_char + s, ent.start_char + e, ent.text[s:e], key, cands, via)
    # the longest run of the entity's words that the gazetteer knows ("Kherson region" -> Kherson)
    words = list(ent)
    for n in range(len(words) - 1, 0, -1):
        for i in range(0, len(words) - n + 1):
            span = ent[i:i + n]
            if not span[0].text[:1].isupper():
                continue
            key, cands, via = candidates(gaz, span.text)
            if cands and (cands[0].kind != "city" or cands[0].prior >= MIN_SCAN_PRIOR or ent.label_ in ("GPE", "LOC")):
                s0, e0 = strip_name(span.text)
                return Toponym(span.start_char + s0, span.start_char + e0, span.text[s0:e0], key, cands, via)
    if ent.label_ in ("GPE", "LOC") and ent.text[:1].isupper():
        s, e = strip_name(ent.text)
        return Toponym(ent.start_char + s, ent.start_char + e, ent.text[s:e], normalize(ent.text[s:e]), [], "name")
    return None


def _extended_toponym(ent: Span, gaz: Gazetteer) -> Toponym | None:
    """The entity with the next word or two where the gazetteer knows the longer name
    ("the Black Sea" + "region")."""
    doc = ent.doc
    for n in (2, 1):
        if ent.end + n > len(doc) or any(t.is_punct or t.is_space for t in doc[ent.end:ent.end + n]):
            continue
        span = doc[ent.start:ent.end + n]
        key, cands, via = candidates(gaz, span.text)
        if cands and via == "name" and cands[0].key == key:
            s, e = strip_name(span.text)
            return Toponym(span.start_char + s, span.start_char + e, span.text[s:e], key, cands, via)
    return None


def _mislabelled_toponym(ent: Span, gaz: Gazetteer) -> Toponym | None:
    """A place the model tagged as an organisation or a person: the whole entity where it is a
    well-known place ("EU", "Zimbabwe", "Tamil Nadu"), else the country or demonym that opens an
    organisation's name ("US Federal Reserve", "European Commission", "Russian Embassy"); never
    a two-letter code ("Al" of "Al Shabaab" is not Alabama)."""
    key, cands, via = candidates(gaz, ent.text)
    s, e = strip_name(ent.text)
    if cands and via == "part" and ent.label_ != "PERSON" and len(key) > 2 and normalize(ent.text[s:e]).startswith(key + " "):
        # "Dubai World Cup", "Colorado State University": the place that opens the name
        if _strong(gaz, key, cands[0], "name"):
            n = len(key.split())
            words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
            span = ent.doc[words[0].i:words[0].i + n]
            if normalize(span.text) == key:
                return Toponym(span.start_char, span.end_char, span.text, key, cands, "name")
    if cands and via != "part" and _strong(gaz, key, cands[0], via):
        return Toponym(ent.start_char + s, ent.start_char + e, ent.text[s:e], key, cands, via)
    if cands and via == "name" and len(ent) == 1 and _after_locative(ent[0]) and gaz.score(key, cands[0]) >= MIN_SCAN_PRIOR:
        # "a gas station in Riverdale": a one-word name after "in" that the gazetteer knows as a town
        return Toponym(ent.start_char + s, ent.start_char + e, ent.text[s:e], key, cands, via)
    if ent.label_ == "PERSON":
        return None
    # "Bank of Canada", "University of California", "Council of Europe": the place after "of"
    ofs = [t for t in ent if t.lower_ == "of"]
    if ofs and ofs[-1].i + 1 < ent.end:
        span = ent.doc[ofs[-1].i + 1:ent.end]
        key, cands, via = candidates(gaz, span.text)
        if cands and via != "part" and span.text[:1].isupper() and _strong(gaz, key, cands[0], via):
            s, e = strip_name(span.text)
            return Toponym(span.start_char + s, span.start_char + e, span.text[s:e], key, cands, via)
    words = list(ent)
    if words and words[0].lower_ == "the":
        words = words[1:]
    for n in range(min(3, len(words) - 1), 0, -1):
        span = ent.doc[words[0].i:words[0].i + n]
        if not span.text[:1].isupper():
            continue
        key, cands, via = candidates(gaz, span.text)
        if cands and via != "part" and cands[0].kind in ("country", "continent") and _strong(gaz, key, cands[0], via):
            return Toponym(span.start_char, span.end_char, span.text, key, cands, via)
    return None


def _strong(gaz: Gazetteer, key: str, best, via: str) -> bool:
    if via == "adjective":
        return True
    if best.kind in ("country", "continent", "admin1", "sea", "region", "border", "facility"):
        return gaz.score(key, best) >= 14.0
    return gaz.score(key, best) >= 13.0  # a city of ~250,000 and more


def _scan_ok(gaz: Gazetteer, key: str, best, via: str, span: Span) -> bool:
    """Whether a gazetteer match the model did not tag is a toponym: an adjective only as one
    singular word ("Polish", not "Europeans"); a single word not at a sentence start nor a stop
    word ("Many", "Police"); a town only where it is large, or follows "in", "at", "near"..."""
    tok = span[0]
    if via == "adjective":
        return len(span) == 1 and tok.tag_ not in ("NNS", "NNPS") and tok.pos_ in ("ADJ", "PROPN", "NOUN")
    if len(span) == 1 and (tok.is_stop or (tok.text.isupper() and len(tok) <= 3 and gaz.score(key, best) < 20)):
        return False
    if len(span) == 1 and tok.is_sent_start and best.kind in ("city", "admin1", "admin2") and gaz.score(key, best) < STRONG_CITY_PRIOR:
        return False  # "Police", "Many" open a sentence; "Toronto" and "Canada" may too
    if best.kind not in ("city", "admin2"):  # a district is held to a town's standard
        return True
    prior = gaz.score(key, best)
    after_preposition = tok.i > 0 and tok.doc[tok.i - 1].lower_ in LOCATIVE_PREPOSITIONS
    return prior >= (MIN_SCAN_PRIOR if after_preposition else STRONG_CITY_PRIOR)


#: prepositions after which a known town's name is the town even where the model tags a person
#: or an organisation ("in Riverdale"; not "to", "from": "a letter to Kenner")
PLACE_PREPOSITIONS = {"in", "near", "outside", "around"}


def _after_locative(tok: Token) -> bool:
    """After "in", "near" ...; or after "of" that follows a noun of people or parts of a town
    ("residents of Galkayo", "the outskirts of Kidal": ``of_nouns.txt``)."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.lower_ in PLACE_PREPOSITIONS:
        return True
    return (prev.lower_ == "of" and tok.i > 1
            and tok.doc[tok.i - 2].lemma_.lower() in data.words("place", "of_nouns.txt"))


def _may_start(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.ent_type_ not in BLOCKING_LABELS


def _may_end(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def is_metonym(doc: Doc, start: int, end: int) -> bool:
    """True where the toponym is the subject of a speech or action verb ("Moscow has warned")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return root.head.lemma_.lower() in metonymy_verbs()
