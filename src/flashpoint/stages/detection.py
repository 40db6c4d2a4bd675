"""detection: keep the candidate events that a model learned from gold calls real events.

Reads ``article.events`` with every field the earlier stages set (type, how the trigger was found,
actor and recipient, status, modality, date, place, the sentence's role); writes
``article.events`` (the accepted ones) and ``event.cues["detection"]`` (the probability).

The rules of the ``events`` stage propose; this stage decides, with a logistic model over
:func:`flashpoint.detection.event_features` trained on gold documents we may ship (see
``data/detection/SOURCES.md``). "Air raid sirens and loud booms sounded across Israel as Iran
... launched dozens of drones and missiles at Israel" keeps the launch and drops the sirens.
``model`` is a model file of your own (``DetectionModel.save``); ``None`` takes the shipped one.
"""

from __future__ import annotations

from pathlib import Path

from ..detection import DetectionModel, event_features, load_model
from ..detection.training import apply
from ..model import Article
from ..pipeline import stage


@stage("detection", requires=("article.events",), assigns=("article.events",))
class Detection:
    """Drop candidate events the detection model rejects (see the module docstring)."""

    def __init__(self, *, model: str | Path | None = None, threshold: float | None = None) -> None:
        self.model = DetectionModel.read(Path(model)) if model else load_model()
        if threshold is not None:
            self.model.threshold = threshold

    def __call__(self, article: Article) -> Article:
        return apply(self.model, article, [event_features(article, e) for e in article.events])
