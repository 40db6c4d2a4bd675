"""Scoring event modality on a benchmark of gold event mentions (MEANTIME-style JSONL).

Each line: ``{"id", "text", "events": [{"start", "end", "modality", ...}]}`` where the text is
tokenised, one sentence per line. Only the listed events are scored: for each, the trigger
token is found in the parse (the head of the gold span) and :func:`modality_of` - the same
function the factuality stage uses - predicts its modality.

MEANTIME has no ``generic`` label (its habitual events are certain, positive, non-future:
``actual``), so there a ``generic`` prediction is scored as ``actual`` and the number of them is
reported; a file whose gold uses ``generic`` scores it as a label of its own. Macro-F1 is the
mean F1 over actual, planned, hypothetical and negated (and generic where the gold has it).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LABELS = ("actual", "planned", "hypothetical", "negated")


def read_benchmark(path: Path) -> list[dict[str, Any]]:
    """The documents of a factuality JSONL file; a ValueError names the bad line."""
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

    Where the gold has no ``generic`` label, a generic prediction counts as ``actual``; where
    it has, ``generic`` is scored as a label of its own."""
    gold_generic = any(r["gold"] == "generic" for r in rows)
    if gold_generic and "generic" not in labels:
        labels = (*labels, "generic")
    pairs = [(r["gold"], "actual" if r["predicted"] == "generic" and not gold_generic else r["predicted"])
             for r in rows]
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
        "generic_as_actual": 0 if gold_generic else sum(r["predicted"] == "generic" for r in rows),
        "confusion": dict(sorted(confusion.items())),
    }
