"""Training data for the detection model from gold files, training, and document folds.

A candidate is what the pipeline (without the ``detection`` stage) extracts from a gold
document. It is labelled 1 when the event-model scorer matches it to a required gold event, 0
when it matches nothing; a candidate that matches an optional record is left out (coding it or
not costs nothing). Folds are over documents, so that a score is always taken on documents the
model did not learn from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..eval.events import Prediction, match_document
from ..eval.gold import GoldDoc, load_gold
from ..model import Article
from .features import event_features
from .model import DetectionModel


@dataclass
class Candidates:
    """One gold document and what the pipeline found in it, before detection."""

    gold: GoldDoc
    article: Article
    features: list[dict[str, float]]
    labels: list[int | None]  # 1 real, 0 spurious, None neutral (matches an optional record)


def extract(paths: Iterable[Path | str], *, pipeline=None) -> list[Candidates]:
    """Run the pipeline without detection on each gold file and label its events."""
    from ..pipeline import Pipeline
    from ..readers import article_from_text

    pipeline = pipeline or Pipeline.default(exclude=("detection", "framing"))
    out = []
    for path in paths:
        gold = load_gold(path)
        article = article_from_text(gold.text, source=str(path), id=gold.id, title=gold.title, outlet=gold.outlet,
                                    url=gold.url, published=gold.published, check=False)
        article = pipeline(article)
        preds = [Prediction.from_event(article, e) for e in article.events]
        to_required, to_optional = match_document(gold, preds)
        labels = [1 if k in to_required else None if k in to_optional else 0 for k in range(len(preds))]
        out.append(Candidates(gold, article, [event_features(article, e) for e in article.events], labels))
    return out


def train(cands: Sequence[Candidates], **settings) -> DetectionModel:
    X, y = [], []
    for c in cands:
        for f, lab in zip(c.features, c.labels):
            if lab is not None:
                X.append(f)
                y.append(lab)
    meta = {"documents": sorted(c.gold.id for c in cands), "candidates": len(y), "positives": sum(y)}
    return DetectionModel.fit(X, y, meta=meta, **settings)


def folds(cands: Sequence[Candidates], k: int) -> list[list[int]]:
    """Document indices of ``k`` folds: documents sorted by id, dealt round-robin."""
    if k < 2 or k > len(cands):
        raise ValueError(f"--folds needs 2 <= K <= {len(cands)} documents, got {k}")
    order = sorted(range(len(cands)), key=lambda i: cands[i].gold.id)
    return [order[f::k] for f in range(k)]


def apply(model: DetectionModel, article: Article, features: list[dict[str, float]]) -> Article:
    """Keep the article's events the model accepts (what the ``detection`` stage does)."""
    kept = []
    for event, f in zip(article.events, features):
        p = model.probability(f)
        if p >= model.threshold:
            event.cues["detection"] = f"p={p:.2f}"
            kept.append(event)
    article.events = kept
    return article


def cross_validate(cands: Sequence[Candidates], k: int, **settings) -> list[tuple[Candidates, Article]]:
    """Each document's article with the events kept by a model trained on the other folds."""
    import copy

    out: dict[int, Article] = {}
    for fold in folds(cands, k):
        held = set(fold)
        model = train([c for i, c in enumerate(cands) if i not in held], **settings)
        for i in fold:
            out[i] = apply(model, copy.deepcopy(cands[i].article), cands[i].features)
    return [(cands[i], out[i]) for i in range(len(cands))]
