"""framing: loaded language, name-calling, scare quotes, intensifiers and who gets quoted.

Reads the spaCy ``Doc`` (``article.spacy``), ``article.sentences`` and, when the actors stage
ran, ``article.mentions``. Writes

- ``article.framing``: :class:`FramingSpan` objects of kind ``loaded_language``,
  ``name_calling``, ``scare_quote`` or ``intensifier`` (``cue`` is the lexicon entry or rule);
- ``sentence.framing``: ``{"words", "loaded", "loaded_density", "intensifiers", "scare_quotes",
  "opinion"}`` for every sentence (``loaded`` counts loaded language and name-calling spans,
  ``loaded_density`` is per 100 words, ``opinion`` is 1 when the sentence evaluates rather than
  reports);
- ``article.stats["framing"]``: the same measures for the whole article, the opinion share and
  the quoted sources (speaker text, entity code where a mention resolves it, sentence, quote).

Example (from the example article)::

    "The far-right Polish government of the Law and Justice Party announced on Sunday ..."
    -> name_calling "far-right"

The lexicons are hand-written word lists in ``data/framing/`` (our own words; see SOURCES.md).
Every loaded-language or name-calling hit is then weighed by the hit scorer
(``data/framing/scorer.json``, a logistic regression built by
``scripts/build_framing_lexicon.py``): the entry's smoothed precision on the calibration half of
the PTC corpus (``data/framing/calibration.tsv``), how many hits its article and its sentence
carry, quotation, ``!``/``?``, span length, part of speech and the title. Hits rated below the
scorer's threshold are dropped unless ``keep.txt`` lists their entry. With ``use_scorer=False``
the older cut applies instead: entries with at least ``min_hits`` calibration hits and a
precision below ``min_precision`` are switched off.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import data
from ..model import Article, FramingSpan
from ..pipeline import stage
from .nlp import sentence_index

#: Lexicon file of each kind, in order of priority when the same words match twice.
LEXICONS = {
    "name_calling": "name_calling.txt",
    "loaded_language": "loaded_language.txt",
    "intensifier": "intensifiers.txt",
}
LOADED_KINDS = ("loaded_language", "name_calling")
_QUOTE_MARK = re.compile('["\u201c\u201d]')
_WORD = re.compile(r"\w")
#: Parts of speech of a hit's root that are features of the hit scorer.
SCORER_POS = ("ADJ", "NOUN", "VERB", "ADV", "PROPN")
#: Names of the hit scorer's features, in the order of ``scorer.json``'s weights.
SCORER_FEATURES = ("entry_logit", "entry_log_hits", "article_log_density", "sentence_log_hits", "in_quote",
                   "exclamation", "question", "tokens", "name_calling", "first_sentence",
                   "sentence_log_len") + tuple(f"pos_{p}" for p in SCORER_POS)


def entry_logit(good: float, hits: float, prior: float, smoothing: float) -> tuple[float, float]:
    """Smoothed precision of a lexicon entry as log-odds, and log(1 + hits)."""
    p = (good + smoothing * prior) / (hits + smoothing)
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p)), math.log1p(hits)


def hit_contexts(doc: Doc, hits: Sequence[tuple[str, int, int, str]]) -> list[dict[str, Any]]:
    """Context of each loaded hit (kind, token start, token end, entry) for the hit scorer:
    char offsets, the article's loaded-hit density (per 100 words), hits in the same sentence,
    inside a quotation, the sentence's ``!``/``?``, span length, root part of speech, first
    sentence (the title in PTC-style files) and sentence length."""
    loaded = [h for h in hits if h[0] in LOADED_KINDS]
    words = sum(1 for t in doc if t.is_alpha) or 1
    text = doc.text  # built once: Doc.text joins every token each time it is read
    quotes = quotations(text)
    sents, index = sentence_index(doc)
    per_sentence = Counter(index[h[1]] for h in loaded)
    first_break = text.find("\n")
    out = []
    for kind, s, e, entry in loaded:
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        sent = sents[index[s]]
        out.append({
            "kind": kind, "entry": entry, "start": cs, "end": ce,
            "density": 100 * len(loaded) / words,
            "sentence_hits": per_sentence[index[s]],
            "in_quote": any(qs <= cs and ce <= qe for qs, qe in quotes),
            "exclamation": "!" in sent.text, "question": "?" in sent.text,
            "tokens": e - s, "pos": doc[s:e].root.pos_,
            "first": sent.start == 0 or first_break < 0 or first_break >= doc[sent.start].idx,
            "sentence_len": len(sent),
        })
    return out


def hit_features(ctx: dict[str, Any], good: float, hits: float, prior: float, smoothing: float) -> list[float]:
    """The feature vector of one hit context (see ``SCORER_FEATURES``)."""
    logit, log_hits = entry_logit(good, hits, prior, smoothing)
    return [logit, log_hits, math.log1p(ctx["density"]), math.log1p(ctx["sentence_hits"]), float(ctx["in_quote"]),
            float(ctx["exclamation"]), float(ctx["question"]), float(min(ctx["tokens"], 5)),
            float(ctx["kind"] == "name_calling"), float(ctx["first"]), math.log(max(ctx["sentence_len"], 1))
            ] + [float(ctx["pos"] == p) for p in SCORER_POS]


def quotations(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, quotation marks included, paired in order within a line.

    Curly quotes open and close by their shape; straight double quotes alternate. An unpaired
    mark (a quote running on into the next paragraph) pairs with nothing.

    >>> quotations('a "retake" of the "Crimean Peninsula"')
    [(2, 10), (18, 37)]
    """
    out = []
    offset = 0
    for line in text.split("\n"):
        opened: int | None = None
        for m in _QUOTE_MARK.finditer(line):
            ch, pos = m.group(), offset + m.start()
            if ch == "\u201c" or (ch == '"' and opened is None):
                opened = pos
            elif opened is not None:
                out.append((opened, pos + 1))
                opened = None
        offset += len(line) + 1
    return out


def aggregate_framing(article_stats: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Pool the ``article.stats["framing"]`` of several articles (e.g. one outlet's).

    Densities are recomputed from the pooled counts (per 100 words); the opinion share is over
    all sentences; quoted sources are counted by entity code, else by speaker text.
    """
    words = loaded = intensifiers = scare = sentences = opinion = articles = 0
    sources: dict[str, int] = {}
    for st in article_stats:
        if not st:
            continue
        articles += 1
        words += st.get("words", 0)
        loaded += st.get("loaded", 0)
        intensifiers += st.get("intensifiers", 0)
        scare += st.get("scare_quotes", 0)
        sentences += st.get("sentences", 0)
        opinion += st.get("opinion_sentences", 0)
        for q in st.get("quoted_sources", []):
            key = q.get("entity") or q.get("speaker") or "?"
            sources[key] = sources.get(key, 0) + 1
    per100 = lambda n: round(100 * n / words, 3) if words else 0.0  # noqa: E731
    return {
        "articles": articles,
        "words": words,
        "loaded": loaded,
        "loaded_density": per100(loaded),
        "intensifier_density": per100(intensifiers),
        "scare_quotes": scare,
        "scare_quote_density": per100(scare),
        "sentences": sentences,
        "opinion_share": round(opinion / sentences, 4) if sentences else 0.0,
        "quoted_sources": dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


@stage("framing", requires=("article.spacy", "article.sentences"),
       assigns=("article.framing", "article.stats.framing", "sentence.framing"))
class Framing:
    """Mark loaded language, name-calling, scare quotes and intensifiers; measure them."""

    def __init__(self, *, min_precision: float = 0.25, min_hits: int = 3, extend_heads: bool = True,
                 max_scare_quote_tokens: int = 4, use_scorer: bool = True,
                 threshold: float | None = None) -> None:
        self.min_precision = min_precision
        self.min_hits = min_hits
        self.extend_heads = extend_heads
        self.max_scare_quote_tokens = max_scare_quote_tokens
        self.scorer = self._load_scorer() if use_scorer else None
        if self.scorer is not None and threshold is not None:
            self.scorer["threshold"] = threshold
        self.keep = {tuple(ln.split("\t", 1)) for ln in data.lines("framing", "keep.txt")}
        self.entry_stats = self._entry_stats()
        # with the scorer every entry is on: the scorer weighs each hit in its context instead
        dropped = set() if self.scorer is not None else self._imprecise()
        self.lexicon: dict[str, dict[str, str]] = {}  # kind -> lower-case entry -> entry
        for kind, name in LEXICONS.items():
            self.lexicon[kind] = {e.lower(): e for e in data.lines("framing", name)
                                  if (kind, e.lower()) not in dropped}
        self.speech = data.words("framing", "speech_verbs.txt")
        self.speaker_nouns = data.words("framing", "speaker_nouns.txt")
        self.opinion_cues = [c.lower() for c in data.lines("framing", "opinion_cues.txt")]
        self._matcher: PhraseMatcher | None = None

    @staticmethod
    def _load_scorer() -> dict[str, Any] | None:
        try:
            scorer = data.load_json("framing", "scorer.json")
        except FileNotFoundError:
            return None
        if tuple(scorer["features"]) != SCORER_FEATURES:
            raise ValueError("data/framing/scorer.json was built for other features; rebuild it "
                             "with scripts/build_framing_lexicon.py")
        return scorer

    def _entry_stats(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(kind, entry) -> (hits, hits overlapping gold) on the calibration half."""
        try:
            rows = data.tsv("framing", "calibration.tsv")
        except FileNotFoundError:
            return {}
        return {(r["kind"], r["entry"]): (int(r["hits"]), round(int(r["hits"]) * float(r["precision"])))
                for r in rows}

    def hit_probability(self, ctx: dict[str, Any]) -> float:
        """The scorer's probability that a loaded hit lies in a loaded-language span."""
        sc = self.scorer
        hits, good = self.entry_stats.get((ctx["kind"], ctx["entry"]), (0, 0))
        x = hit_features(ctx, good, hits, sc["prior"], sc["smoothing"])
        z = sc["intercept"] + sum(w * (v - m) / sd for w, v, m, sd in zip(sc["weights"], x, sc["mean"], sc["scale"]))
        return 1 / (1 + math.exp(-z))

    def _imprecise(self) -> set[tuple[str, str]]:
        try:
            rows = data.tsv("framing", "calibration.tsv")
        except FileNotFoundError:
            return set()
        return {(r["kind"], r["entry"]) for r in rows
                if r["kind"] in LOADED_KINDS and (r["kind"], r["entry"]) not in self.keep
                and int(r["hits"]) >= self.min_hits and float(r["precision"]) < self.min_precision}

    def matcher(self, doc: Doc) -> PhraseMatcher:
        if self._matcher is None:
            m = PhraseMatcher(doc.vocab, attr="LOWER")
            tokenizer = spacy.blank("en")  # English tokenizer rules only, to split the entries
            for kind, entries in self.lexicon.items():
                multi = [e for e in entries if " " in e or "-" in e]
                m.add(kind, [tokenizer.make_doc(e) for e in multi])
            self._matcher = m
        return self._matcher

    # -- finding spans -------------------------------------------------------------------------

    def lexicon_hits(self, doc: Doc) -> list[tuple[str, int, int, str]]:
        """(kind, token start, token end, entry) of lexicon matches, longest first, no overlaps."""
        found: list[tuple[str, int, int, str]] = []
        for match_id, start, end in self.matcher(doc)(doc):
            kind = doc.vocab.strings[match_id]
            found.append((kind, start, end, doc[start:end].text.lower()))
        for tok in doc:
            low, lemma = tok.lower_, tok.lemma_.lower()
            if not tok.is_alpha and "-" not in low:
                continue
            for kind, entries in self.lexicon.items():
                entry = low if low in entries else lemma if lemma in entries else None
                if entry is not None:
                    found.append((kind, tok.i, tok.i + 1, entry))
                    break
        priority = {k: n for n, k in enumerate(LEXICONS)}
        found.sort(key=lambda f: (-(f[2] - f[1]), priority[f[0]], f[1]))
        taken: set[int] = set()
        hits = []
        for kind, start, end, entry in found:
            if taken.intersection(range(start, end)):
                continue
            if kind == "name_calling" and end - start == 1 and doc[start].pos_ == "VERB":
                kind = "loaded_language"
            taken.update(range(start, end))
            hits.append((kind, start, end, entry))
        return sorted(hits, key=lambda h: h[1])

    def _extend(self, doc: Doc, start: int, end: int, intensifiers: set[int]) -> tuple[int, int]:
        """Widen a loaded word to its phrase: an intensifier or adverb just before it
        (``extremely careless``), the noun it modifies (``vicious campaign``), the modifiers of
        a loaded noun (``racist campaign``) and the word a loaded adverb modifies."""
        while start > 0 and start - 1 in intensifiers:
            start -= 1
        if not self.extend_heads:
            return start, end
        first, last = doc[start], doc[end - 1]
        head = last.head
        if last.dep_ in ("amod", "compound") and end <= head.i <= end + 2 and head.pos_ in ("NOUN", "PROPN"):
            end = head.i + 1
            last = head
        if last.pos_ in ("NOUN", "PROPN"):
            lefts = [c.left_edge.i for c in last.lefts if c.dep_ in ("amod", "compound", "nmod", "poss")]
            start = min([start] + lefts)
        if last.pos_ == "ADV" and last.dep_ == "advmod" and head.i == end and head.pos_ in ("ADJ", "VERB"):
            end = head.i + 1
        if first.pos_ in ("ADJ", "VERB") and start > 0:
            before = doc[start - 1]
            if before.dep_ == "advmod" and before.pos_ == "ADV" and before.head.i == start:
                start -= 1
        return start, end

    def scare_quotes(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Short quoted phrases that are not introduced as speech: (char start, char end, text).

        The span includes the quotation marks.
        """
        out = []
        text = doc.text
        for start, end in quotations(text):
            inner = text[start + 1:end - 1]
            if not _WORD.search(inner):
                continue
            if len(inner.split()) > self.max_scare_quote_tokens or inner.rstrip(" ,.").endswith(("!", "?")):
                continue
            span = doc.char_span(start + 1, end - 1, alignment_mode="expand")
            if span is None or self._introduced_as_speech(doc, span):
                continue
            out.append((start, end, inner))
        return out

    def _introduced_as_speech(self, doc: Doc, span: SpacySpan) -> bool:
        """A quote governed by a speech verb (``called it "inevitable"``, ``described it as a
        "serious challenge"``, through prepositions and nouns of the quote's phrase) or after a
        colon or comma."""
        sents, index = sentence_index(doc)
        prev = [t for t in doc[max(sents[index[span.start]].start, span.start - 3):span.start] if not t.is_quote]
        if prev and prev[-1].text in (":", ","):
            return True
        if span.root.pos_ in ("VERB", "AUX"):  # a quoted predicate: to "retake" the peninsula
            return False
        outside = [a for a in span.root.ancestors if not span.start <= a.i < span.end]
        for anc in outside[:3]:
            if anc.pos_ in ("VERB", "AUX"):
                return anc.lemma_.lower() in self.speech
        return False

    # -- quoted sources --------------------------------------------------------------------------

    def quoted_sources(self, article: Article, doc: Doc) -> list[dict[str, Any]]:
        """Speakers of reported speech: the subject of a speech verb, or ``according to X``;
        ``direct`` when their sentence carries a quotation longer than a scare quote."""
        text = doc.text
        quoted = {article.sentence_at(s) for s, e in quotations(text)
                  if len(text[s:e].split()) > self.max_scare_quote_tokens}
        out = []
        for i, sent in enumerate(doc.sents):
            for tok in sent:
                speaker = None
                if tok.pos_ == "VERB" and tok.lemma_.lower() in self.speech:
                    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.dep_ != "expl"]
                    if subj and self._can_speak(subj[0]):
                        speaker = subj[0]
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                    speaker = objs[0] if objs else None
                if speaker is None:
                    continue
                start, end = self._phrase(speaker)
                source = self._source(article, doc, start, end, tok)
                source["direct"] = source["sentence"] is not None and source["sentence"] in quoted
                out.append(source)
        return out

    def _can_speak(self, tok: Token) -> bool:
        """A name, a named person, organisation or country, or a speaker noun (``government``)."""
        return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or tok.lemma_.lower() in self.speaker_nouns)

    @staticmethod
    def _phrase(tok: Token) -> tuple[int, int]:
        """The noun phrase of a head token (its left modifiers and a following name), token offsets."""
        left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod")])
        right = tok.i + 1
        for c in tok.rights:
            if c.dep_ in ("appos", "compound", "flat") and c.i == right:
                right = c.right_edge.i + 1
        return left, right

    @staticmethod
    def _source(article: Article, doc: Doc, start: int, end: int, verb: Token) -> dict[str, Any]:
        cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        entity = None
        for m in article.mentions:
            if m.span.start < ce and cs < m.span.end and m.entity is not None:
                entity = m.entity.code
                break
        return {"speaker": article.text[cs:ce], "start": cs, "end": ce, "entity": entity,
                "verb": verb.lemma_.lower(), "sentence": article.sentence_at(cs)}

    # -- the stage -------------------------------------------------------------------------------

    def widened_hits(self, doc: Doc) -> list[tuple[str, int, int, str]]:
        """Lexicon hits (kind, token start, token end, entry), loaded ones widened to their phrase."""
        hits = self.lexicon_hits(doc)
        intens = {i for kind, s, e, _ in hits if kind == "intensifier" for i in range(s, e)}
        return [(kind, *self._extend(doc, s, e, intens), entry) if kind in LOADED_KINDS else (kind, s, e, entry)
                for kind, s, e, entry in hits]

    def scored_hits(self, doc: Doc) -> list[tuple[str, int, int, str]]:
        """Widened hits, the loaded ones kept when the scorer rates them at or above its
        threshold (or their entry is in ``keep.txt``); all of them without a scorer."""
        hits = self.widened_hits(doc)
        if self.scorer is None:
            return hits
        probs = iter([self.hit_probability(c) for c in hit_contexts(doc, hits)])  # loaded hits, in order
        t = self.scorer["threshold"]
        return [h for h in hits if h[0] not in LOADED_KINDS or next(probs) >= t or (h[0], h[3]) in self.keep]

    def find(self, article: Article, doc: Doc) -> list[FramingSpan]:
        """Every framing span of the article, in text order (overlapping loaded spans merged)."""
        spans: list[FramingSpan] = []
        loaded: list[list[Any]] = []  # [start, end, kind, cues]
        for kind, s, e, entry in sorted(self.scored_hits(doc), key=lambda h: (h[1], h[2])):
            if kind not in LOADED_KINDS:
                spans.append(FramingSpan(self._span(article, doc, s, e), kind, entry))
            elif loaded and s < loaded[-1][1]:
                prev = loaded[-1]
                prev[1] = max(prev[1], e)
                prev[3].append(entry)
                if kind == "name_calling":
                    prev[2] = kind
            else:
                loaded.append([s, e, kind, [entry]])
        for s, e, kind, cues in loaded:
            spans.append(FramingSpan(self._span(article, doc, s, e), kind, "; ".join(cues)))
        for cs, ce, inner in self.scare_quotes(doc):
            spans.append(FramingSpan(article.span(cs, ce), "scare_quote", "quotation marks"))
        spans.sort(key=lambda f: (f.span.start, f.span.end))
        return spans

    @staticmethod
    def _span(article: Article, doc: Doc, start: int, end: int):
        return article.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))

    def __call__(self, article: Article) -> Article:
        doc = article.spacy
        article.framing = self.find(article, doc)
        counts: dict[int, dict[str, int]] = {}
        for f in article.framing:
            c = counts.setdefault(f.span.sentence if f.span.sentence is not None else -1, {})
            c[f.kind] = c.get(f.kind, 0) + 1
        total_words = opinion_n = 0
        for sent in article.sentences:
            c = counts.get(sent.index, {})
            words = sum(1 for t in doc.char_span(sent.start, sent.end, alignment_mode="expand") or ()
                        if not (t.is_punct or t.is_space))
            loaded = c.get("loaded_language", 0) + c.get("name_calling", 0)
            low = f" {sent.text.lower()} "
            cue = any((f" {q} " in low) if q[0].isalnum() else (q in sent.text) for q in self.opinion_cues)
            opinion = int(bool(loaded or c.get("scare_quote", 0) or cue))
            sent.framing = {
                "words": words,
                "loaded": loaded,
                "loaded_density": round(100 * loaded / words, 3) if words else 0.0,
                "intensifiers": c.get("intensifier", 0),
                "scare_quotes": c.get("scare_quote", 0),
                "opinion": opinion,
            }
            total_words += words
            opinion_n += opinion
        loaded = sum(1 for f in article.framing if f.kind in LOADED_KINDS)
        intens = sum(1 for f in article.framing if f.kind == "intensifier")
        scare = sum(1 for f in article.framing if f.kind == "scare_quote")
        n_sent = len(article.sentences)
        article.stats["framing"] = {
            "words": total_words,
            "sentences": n_sent,
            "loaded": loaded,
            "loaded_density": round(100 * loaded / total_words, 3) if total_words else 0.0,
            "intensifiers": intens,
            "intensifier_density": round(100 * intens / total_words, 3) if total_words else 0.0,
            "scare_quotes": scare,
            "opinion_sentences": opinion_n,
            "opinion_share": round(opinion_n / n_sent, 4) if n_sent else 0.0,
            "quoted_sources": self.quoted_sources(article, doc),
        }
        return article
