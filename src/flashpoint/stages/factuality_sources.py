"""Coding the source of a claim or denial (``Event.attributed_to``) from its head tokens.

The source phrase is the subtree of the head token the status walk found ("Several articles
in the Russian press", "the US", "The Kremlin"). An actor mention of ``article.mentions`` that
covers the head (or lies inside the phrase) gives the entity; failing that, the phrase is coded
from country names (``data/eval/country_names.tsv``, GeoNames) and the source words of
``data/factuality/source_words.tsv`` ("Russian" -> RUS, "press" -> JRN, "Kremlin" -> RUS GOV).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from .. import data
from ..model import Actor, Article, Entity

STAGE = "factuality"


@lru_cache(maxsize=1)
def source_lexicon() -> dict[str, tuple[str | None, str | None]]:
    lex: dict[str, tuple[str | None, str | None]] = {}
    for row in data.tsv("eval", "country_names.tsv"):
        lex[row["name"].casefold()] = (row["iso3"], None)
    for row in data.tsv(STAGE, "source_words.tsv"):
        lex[row["word"]] = (row["country"] or None, row["sector"] or None)
    return lex


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of the source phrase: the head's subtree, without a trailing clause."""
    left = head.left_edge
    right = head
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "appos") or child.tag_ == "-LRB-":
            break
        right = child.right_edge
    return left.idx, right.idx + len(right.text)


@lru_cache(maxsize=1)
def _source_pattern() -> re.Pattern[str]:
    # longest entries first, so that "defence ministry" wins over "ministry" at one position
    words = sorted(source_lexicon(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def code_phrase(text: str) -> Entity | None:
    """Country and sector of a source phrase from the word lists, or None when nothing fits:
    the first word that gives a country and the first that gives a sector."""
    country = sector = None
    lex = source_lexicon()
    for match in _source_pattern().finditer(text.casefold()):
        c, s = lex[match.group(0)]
        country = country or c
        sector = sector or s
        if country and sector:
            break
    if country is None and sector is None:
        return None
    return Entity(country=country, sector=sector, name=text.strip(), kind="source")


def code_source(article: Article, head: Token, base: int = 0) -> Actor:
    """The actor behind a claim whose phrase has ``head`` as its syntactic head."""
    start, end = phrase_bounds(head)
    start, end = start + base, end + base
    head_start = head.idx + base
    best = None
    for mention in article.mentions:
        s, e = mention.span.start, mention.span.end
        if s <= head_start < e:
            best = mention
            break
        if start <= s and e <= end and best is None:
            best = mention
    span = article.span(start, end) if article.sentences else None
    if best is not None and not (best.span.start <= head_start < best.span.end) and best.entity.sector is None:
        # a country's word before a source noun: "Russian news reports" are Russian press
        own = code_phrase(head.text)
        if own is not None and own.sector is not None and own.country is None:
            return Actor(entity=Entity(country=best.entity.country, sector=own.sector,
                                       name=article.text[start:end].strip(), kind="source"), span=span)
    if best is not None and best.entity.country is None:
        # "a spokesman for the Congolese army": the body the speaker speaks for
        body = next((o.idx + base for p in head.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
                     for o in p.children if o.dep_ == "pobj"), None)
        spoken_for = next((m for m in article.mentions if body is not None and m.entity.country
                           and m.span.start <= body < m.span.end), None)
        if spoken_for is not None:
            return Actor(entity=spoken_for.entity, span=span)
    if best is not None:
        return Actor(entity=best.entity, span=best.span)
    entity = code_phrase(article.text[start:end]) or Entity(name=article.text[start:end].strip(), kind="source")
    return Actor(entity=entity, span=span)


#: Source phrases that refer back to an earlier speaker ("It said", "the ministry added").
ANAPHORS = frozenset({"it", "he", "she", "they", "its", "his", "her", "their", "we", "i"})


def is_anaphoric(actor: Actor) -> bool:
    """A source with no country whose phrase is a pronoun or a definite role ("the ministry")."""
    if actor.entity.country or actor.span is None:
        return False
    words = actor.span.text.lower().split()
    return (len(words) == 1 and words[0] in ANAPHORS) or (
        len(words) in (2, 3) and words[0] == "the" and actor.entity.sector is not None)


def speakers(article: Article, doc) -> list[tuple[int, Actor]]:
    """Every coded subject of a report or claim verb in the article, with its offset, in order:
    the candidates an anaphoric source ("It said ...") refers back to."""
    from .factuality_status import kind_of, subject_of

    found = []
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and kind_of(token) in ("report", "claim"):
            for head in subject_of(token):
                actor = code_source(article, head)
                if actor.entity.country:
                    found.append((head.idx, actor))
    return found


def resolve_anaphor(actor: Actor, candidates: list[tuple[int, Actor]]) -> Actor:
    """The nearest earlier speaker with a country (of the same sector, where the anaphor has
    one: "the ministry" -> "the Russian Defence Ministry"), else the actor unchanged."""
    if not is_anaphoric(actor):
        return actor
    sector = actor.entity.sector
    for offset, cand in reversed(candidates):
        if offset >= actor.span.start:
            continue
        if sector and cand.entity.sector and cand.entity.sector != sector and not (
                {sector, cand.entity.sector} <= {"GOV", "MIL"}):
            continue
        return Actor(entity=Entity(country=cand.entity.country, sector=sector or cand.entity.sector,
                                   name=cand.entity.name, kind=cand.entity.kind), span=actor.span)
    return actor
