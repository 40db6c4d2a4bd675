"""Scoring event modality on a benchmark of gold event mentions.

Two formats are read:

- JSONL (MEANTIME as converted in ``shared/benchmarks``): each line ``{"id", "text", "events":
  [{"start", "end", "modality", ...}]}`` where the text is tokenised, one sentence per line.
- CoNLL with a factuality value (``*.conll``, the UW factuality set of Lee et al. 2015 in the
  unified format of Stanovsky et al. 2017): one token a line, ``index, word, value, ...``,
  sentences separated by a blank line; ``value`` is ``_`` or a mean judgement from -3 (certainly
  did not happen) to +3 (certainly happened). Each value is mapped as MEANTIME's attributes are:
  rounded to the nearest FactBank degree, +3 is ``actual``, below 0 is ``negated`` (polarity
  first), anything between is ``hypothetical`` (:func:`uw_label`).

Only the listed events are scored: for each, the trigger token is found in the parse (the head
of the gold span) and :func:`modality_of` - the same function the factuality stage uses -
predicts its modality.

A label the gold never uses is folded into the one it falls under there: MEANTIME has no
``generic`` (its habitual events are certain, positive, non-future), so a ``generic``
prediction is scored as ``actual``; UW has no ``planned`` (a future event has not happened, so
its judges put it between -3 and +3), so a ``planned`` prediction is scored as
``hypothetical``. The number of folded predictions is reported. Macro-F1 is the mean F1 over
the labels the gold uses among actual, planned, hypothetical and negated (and generic).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LABELS = ("actual", "planned", "hypothetical", "negated")


#: Where a label the gold never uses is scored (see the module docstring).
FOLD = {"generic": "actual", "planned": "hypothetical"}


def read_benchmark(path: Path) -> list[dict[str, Any]]:
    """The documents of a factuality JSONL or CoNLL file; a ValueError names the bad line."""
    if path.suffix == ".conll":
        return read_conll(path)
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                doc["text"], doc["events"]  # noqa: B018 - check the fields exist
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a factuality record ({exc})") from None
            docs.append(doc)
    return docs


def uw_label(value: float) -> str:
    """The modality of a UW judgement (-3..+3), read as FactBank degrees like MEANTIME's.

    >>> [uw_label(v) for v in (3.0, 2.6, 2.4, 0.0, -0.4, -0.6, -3.0)]
    ['actual', 'actual', 'hypothetical', 'hypothetical', 'hypothetical', 'negated', 'negated']
    """
    degree = math.floor(value + 0.5)
    if degree >= 3:
        return "actual"
    if degree < 0:
        return "negated"
    return "hypothetical"


def read_conll(path: Path) -> list[dict[str, Any]]:
    """One document per sentence of a CoNLL factuality file: the words joined by single
    spaces, and an event at every word with a value."""
    docs: list[dict[str, Any]] = []
    words: list[str] = []
    events: list[dict[str, Any]] = []

    def flush() -> None:
        if words:
            docs.append({"id": f"{path.stem}-{len(docs) + 1}", "text": " ".join(words), "events": list(events)})
        words.clear()
        events.clear()

    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if not line.strip():
                flush()
                continue
            if len(cols) < 3:
                raise ValueError(f"{path}:{n}: not a CoNLL factuality line (fewer than 3 columns)")
            start = sum(len(w) + 1 for w in words)
            words.append(cols[1])
            if cols[2] != "_":
                try:
                    value = float(cols[2])
                except ValueError:
                    raise ValueError(f"{path}:{n}: factuality value {cols[2]!r} is not a number") from None
                events.append({"start": start, "end": start + len(cols[1]), "modality": uw_label(value),
                               "value": value})
    flush()
    return docs


def predict(docs: Iterable[dict[str, Any]], nlp: Any = None) -> list[dict[str, Any]]:
    """One row per gold event: id, trigger text, gold and predicted modality, the cue."""
    from ..stages.factuality_modality import modality_of
    from ..stages.nlp import load_model

    nlp = nlp or load_model()
    docs = list(docs)
    rows = []
    for doc, parsed in zip(docs, nlp.pipe(d["text"] for d in docs)):
        for ev in doc["events"]:
            token = trigger_token(parsed, ev["start"], ev["end"])
            if token is None:
                continue
            label, cue = modality_of(token)
            rows.append({"id": doc["id"], "start": ev["start"], "end": ev["end"],
                         "trigger": doc["text"][ev["start"]:ev["end"]], "gold": ev["modality"],
                         "predicted": label, "cue": cue,
                         "sentence": token.sent.text})
    return rows


def trigger_token(doc: Any, start: int, end: int) -> Any:
    """The head token of the gold span, or the token that covers its start."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        return span.root
    for token in doc:
        if token.idx <= start < token.idx + max(len(token.text), 1):
            return token
    return None


def score(rows: list[dict[str, Any]], labels: tuple[str, ...] = LABELS) -> dict[str, Any]:
    """Accuracy, per-label precision/recall/F1 and macro-F1 of predicted against gold modality.

    A label the gold never uses is folded (:data:`FOLD`): where the gold has no ``generic``, a
    generic prediction counts as ``actual``, where it has no ``planned``, a planned prediction
    counts as ``hypothetical``; the labels the gold uses are scored as labels of their own."""
    used = {r["gold"] for r in rows}
    if "generic" in used and "generic" not in labels:
        labels = (*labels, "generic")
    folded = {k: v for k, v in FOLD.items() if k not in used and rows}
    labels = tuple(label for label in labels if label not in folded)
    pairs = [(r["gold"], folded.get(r["predicted"], r["predicted"])) for r in rows]
    n = len(pairs)
    correct = sum(g == p for g, p in pairs)
    per_label = {}
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        n_pred = sum(p == label for _, p in pairs)
        n_gold = sum(g == label for g, _ in pairs)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1,
                            "gold": n_gold, "predicted": n_pred}
    confusion = Counter(f"{g}->{p}" for g, p in pairs)
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "macro_f1": sum(v["f1"] for v in per_label.values()) / len(labels) if labels else 0.0,
        "labels": per_label,
        "generic_as_actual": sum(r["predicted"] == "generic" for r in rows) if "generic" in folded else 0,
        "planned_as_hypothetical": sum(r["predicted"] == "planned" for r in rows) if "planned" in folded else 0,
        "confusion": dict(sorted(confusion.items())),
    }
