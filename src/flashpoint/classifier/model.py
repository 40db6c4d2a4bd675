"""The event-type classifier: linear SVM over TF-IDF of the feature views (see ``features``).

Trained labels are the data's coarse labels (``YIELD`` stays ``YIELD``); predictions are PLOVER
2.0: the probability of ``YIELD`` is split between ``RETREAT`` (material: a verb of the sentence
is in ``data/classifier/retreat.txt``) and ``CONCEDE`` (verbal) by ``split_share``.
Probabilities are a softmax of the SVM margins (``temperature``), good for ranking and rough
confidence, not calibrated.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from spacy.tokens import Doc

from .. import data
from .features import Views, views
from .labels import LabelMap, load_label_map

#: The model file inside a model directory (see ``modeldir``).
MODEL_FILE = "model.pkl"
FORMAT = 2
Span2 = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """One pair to classify: ``text`` (a sentence, or a whole article when ``doc`` is its
    parse), actor and recipient character spans in ``text``."""

    text: str
    actor: Span2
    recipient: Span2 | None = None
    doc: Doc | None = None


def _vectorizers() -> dict[str, TfidfVectorizer]:
    return {
        "masked": TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        "chars": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        "between": TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        "parse": TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, lowercase=False),
    }


def _view_text(v: Views, name: str) -> str:
    return v.masked if name == "chars" else getattr(v, name)


class EventTypeClassifier:
    """PLOVER category of the relation from an actor to a recipient in a sentence.

    >>> clf = load_classifier()
    >>> text = "Ukraine accused Russia of massing troops near the border."
    >>> clf.predict(text, actor=(0, 7), recipient=(16, 22))[0][0]
    'ACCUSE'
    """

    def __init__(self, *, c: float = 0.5, temperature: float = 3.0, split_share: float = 0.9,
                 encoder_weight: float = 1.0) -> None:
        self.c = c
        self.encoder_weight = encoder_weight
        self.temperature = temperature
        self.split_share = split_share
        self.vectorizers: dict[str, TfidfVectorizer] = {}
        self.svm: LinearSVC | None = None
        self.labels: LabelMap = load_label_map()
        self.retreat_cues: frozenset[str] = data.words("classifier", "retreat.txt")

    # -- training ---------------------------------------------------------------------------
    def fit(self, items: Sequence[Item], labels: Sequence[str], *, nlp=None) -> EventTypeClassifier:
        """Train on ``items`` with gold ``labels`` (any scheme of the label table)."""
        vs = self._views(items, nlp=nlp)
        self.vectorizers = _vectorizers()
        mats = [vec.fit_transform([_view_text(v, name) for v in vs]) for name, vec in self.vectorizers.items()]
        y = [self.labels.coarse(lab) for lab in labels]
        self.svm = LinearSVC(C=self.c, class_weight="balanced")
        self.svm.fit(self._with_embeddings(mats, vs), y)
        return self

    def _with_embeddings(self, mats: list, vs: Sequence[Views]):
        """The TF-IDF blocks, and the sentence encoder's embedding of the actor-to-recipient
        stretch (``Views.focus``) scaled by ``encoder_weight`` when that is above zero."""
        if self.encoder_weight > 0:
            from .encoder import load_encoder

            mats = [*mats, csr_matrix(self.encoder_weight * load_encoder().encode([v.focus for v in vs]))]
        return hstack(mats).tocsr()

    # -- prediction -------------------------------------------------------------------------
    def predict(self, text: str, actor: Span2, recipient: Span2 | None = None, *,
                doc: Doc | None = None) -> list[tuple[str, float]]:
        """PLOVER 2.0 labels with probabilities, best first."""
        return self.predict_many([Item(text, tuple(actor), tuple(recipient) if recipient else None, doc)])[0]

    def predict_many(self, items: Iterable[Item | tuple], *, nlp=None) -> list[list[tuple[str, float]]]:
        """Batch prediction; items are :class:`Item` or ``(text, actor, recipient[, doc])`` tuples.
        Texts without a ``doc`` are parsed with the pipeline's spaCy model (``nlp.pipe``)."""
        items = [it if isinstance(it, Item) else Item(*it) for it in items]
        if not items:
            return []
        if self.svm is None:
            raise RuntimeError("classifier is not trained")
        vs = self._views(items, nlp=nlp)
        X = self._with_embeddings([vec.transform([_view_text(v, name) for v in vs])
                                   for name, vec in self.vectorizers.items()], vs)
        margins = self.svm.decision_function(X)
        if margins.ndim == 1:  # two classes: one margin, for the second class
            margins = np.stack([-margins, margins], axis=1)
        z = self.temperature * margins
        z -= z.max(axis=1, keepdims=True)
        probs = np.exp(z)
        probs /= probs.sum(axis=1, keepdims=True)
        return [self._ranked(row, v) for row, v in zip(probs, vs)]

    def _ranked(self, row: np.ndarray, v: Views) -> list[tuple[str, float]]:
        out: dict[str, float] = {}
        verbs = {tok[2:] for tok in v.parse.split() if tok.startswith(("v_", "ah_"))}
        material = bool(verbs & self.retreat_cues)
        for label, p in zip(self.svm.classes_, row):
            parts = self.labels.to_plover(label)
            if len(parts) == 1:
                out[parts[0]] = out.get(parts[0], 0.0) + float(p)
                continue
            # a split label (YIELD): RETREAT when a material cue verb is present
            first = "RETREAT" if material else "CONCEDE"
            for part in parts:
                share = self.split_share if part == first else (1 - self.split_share) / (len(parts) - 1)
                out[part] = out.get(part, 0.0) + float(p) * share
        return sorted(out.items(), key=lambda kv: -kv[1])

    @staticmethod
    def _views(items: Sequence[Item], *, nlp=None) -> list[Views]:
        docs: list[Doc | None] = [it.doc for it in items]
        todo = [i for i, d in enumerate(docs) if d is None]
        if todo:
            if nlp is None:
                from ..stages.nlp import load_model

                nlp = load_model()
            for i, d in zip(todo, nlp.pipe(items[i].text for i in todo)):
                docs[i] = d
        return [views(it.text, it.actor, it.recipient, d) for it, d in zip(items, docs)]

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the model file (a pickle of the vectorisers and SVM weights; no sentences)."""
        for vec in self.vectorizers.values():
            vec.stop_words_ = None  # terms cut by min_df: not needed to transform, and large
        state = {"format": FORMAT, "c": self.c, "temperature": self.temperature, "split_share": self.split_share,
                 "encoder_weight": self.encoder_weight, "vectorizers": self.vectorizers, "svm": self.svm}
        Path(path).write_bytes(pickle.dumps(state, protocol=5))

    @classmethod
    def load(cls, path: Path) -> EventTypeClassifier:
        state = pickle.loads(Path(path).read_bytes())
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError(f"not an event-type model of format {FORMAT}")
        clf = cls(c=state["c"], temperature=state["temperature"], split_share=state["split_share"],
                  encoder_weight=state["encoder_weight"])
        clf.vectorizers, clf.svm = state["vectorizers"], state["svm"]
        return clf

    @property
    def classes(self) -> tuple[str, ...]:
        """The labels it was trained on (coarse: ``YIELD`` for CONCEDE and RETREAT)."""
        return tuple(self.svm.classes_) if self.svm is not None else ()


@lru_cache(maxsize=4)
def load_classifier(model: str | Path | None = None) -> EventTypeClassifier:
    """The classifier of a model directory (``flashpoint train event-types``), or the shipped
    one (``data/classifier/event_types/``) when ``model`` is None; loaded once per directory,
    offline. A missing or bad directory raises :class:`~flashpoint.classifier.modeldir.ModelError`."""
    from .modeldir import read_model_dir, shipped_dir

    return read_model_dir(Path(model) if model is not None else shipped_dir())
