"""The events stage's ``classifier`` callable over a model directory.

``Events(classifier=TypeClassifier(model))`` asks it for the category of an unsure trigger with
``(sentence_text, actor_span, recipient_span)``, where the spans are the mentions'
:class:`~flashpoint.model.Span` (article offsets) or ``(start, end)`` pairs in the sentence. It
holds only the directory, so a pipeline that carries it can be sent to worker processes; the
model is loaded on first use (once per directory and process).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Span
from .model import load_classifier


def local_span(text: str, span: Span | tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` as offsets into ``text`` (a sentence): a pair is taken as it is; a mention span is
    found by its surface in ``text`` (at its own offsets when they fit)."""
    if span is None:
        return None
    if isinstance(span, tuple):
        return span
    if text[span.start:span.end] == span.text:
        return span.start, span.end
    at = text.find(span.text)
    return (at, at + len(span.text)) if at >= 0 and span.text else None


class TypeClassifier:
    """PLOVER categories, best first, of a (sentence, actor, recipient) for the events stage.

    >>> rank = TypeClassifier()
    >>> rank("Kyiv accused Moscow of shelling the plant.", (0, 4), (13, 19))[0][0]
    'ACCUSE'
    """

    def __init__(self, model: str | Path | None = None) -> None:
        self.model = Path(model) if model is not None else None

    def check(self) -> TypeClassifier:
        """Load the model now, so that a bad directory fails before any article is read."""
        load_classifier(self.model)
        return self

    def __call__(self, text: str, actor: Span | tuple[int, int] | None,
                 recipient: Span | tuple[int, int] | None = None) -> list[tuple[str, float]]:
        a = local_span(text, actor)
        if a is None:
            return []
        return load_classifier(self.model).predict(text, a, local_span(text, recipient))

    def __repr__(self) -> str:
        return f"TypeClassifier({str(self.model) if self.model else 'shipped'})"
