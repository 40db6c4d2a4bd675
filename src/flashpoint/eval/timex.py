"""Scoring time expressions against TIMEX3 gold (``shared/benchmarks/timex/*.jsonl``).

Each line: ``{"id", "text", "published", "timexes": [{"start", "end", "text", "type", "value"}]}``.
The text is analysed as it is (no repair, so offsets agree) by the ``nlp`` and ``time`` stages.
A predicted expression matches a gold one when their spans overlap (each matched once, the
largest overlap first). Span recall = matched gold / gold, span precision = matched predictions /
predictions; value accuracy = matched pairs with the identical TIMEX3 value / matched pairs,
overall and per gold type (DATE separately, as the benchmark's headline).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Article


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; a bad line raises ValueError naming the file and line."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: malformed JSON: {exc.msg} at column {exc.colno}") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}")
            rows.append(row)
    return rows


def match(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs of overlapping spans, the largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def score_document(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    pairs = match(gold, predicted)
    by_type: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        right = g.get("value") == p.get("value")
        by_type[g.get("type", "?")].append(right)
        if not right:
            wrong.append({"gold": g["text"], "gold_value": g.get("value"), "predicted": p["text"],
                          "predicted_value": p.get("value"), "type": g.get("type")})
    matched_g = {gi for gi, _ in pairs}
    return {"gold": len(gold), "predicted": len(predicted), "matched": len(pairs), "by_type": dict(by_type),
            "wrong": wrong,
            "missed": [g["text"] for i, g in enumerate(gold) if i not in matched_g],
            "spurious": [p["text"] for i, p in enumerate(predicted) if i not in {pi for _, pi in pairs}]}


def predict(pipeline: Any, doc: dict[str, Any]) -> list[dict[str, Any]]:
    published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
    article = pipeline(Article(id=doc.get("id", "?"), text=doc["text"], published=published))
    return [{"start": t.span.start, "end": t.span.end, "text": t.span.text, "type": t.type, "value": t.value}
            for t in article.timexes]


def evaluate(docs: Iterable[dict[str, Any]], pipeline: Any = None) -> dict[str, Any]:
    """Score the ``time`` stage on benchmark documents."""
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline(["nlp", "time"])
    n_gold = n_pred = n_match = 0
    by_type: dict[str, list[bool]] = defaultdict(list)
    errors: Counter = Counter()
    wrong, missed, spurious = [], Counter(), Counter()
    for doc in docs:
        r = score_document(doc.get("timexes", []), predict(pipeline, doc))
        n_gold += r["gold"]
        n_pred += r["predicted"]
        n_match += r["matched"]
        for k, v in r["by_type"].items():
            by_type[k].extend(v)
        for w in r["wrong"]:
            wrong.append({"id": doc.get("id"), **w})
            errors[w["type"]] += 1
        missed.update(t.lower() for t in r["missed"])
        spurious.update(t.lower() for t in r["spurious"])
    all_right = [x for v in by_type.values() for x in v]
    acc = lambda v: sum(v) / len(v) if v else None  # noqa: E731
    return {
        "n": n_gold,
        "predicted": n_pred,
        "matched": n_match,
        "span_recall": n_match / n_gold if n_gold else None,
        "span_precision": n_match / n_pred if n_pred else None,
        "value_accuracy": acc(all_right),
        "value_accuracy_date": acc(by_type.get("DATE", [])),
        "matched_by_type": {k: len(v) for k, v in sorted(by_type.items())},
        "value_accuracy_by_type": {k: acc(v) for k, v in sorted(by_type.items())},
        "wrong_values": wrong,
        "missed_top": missed.most_common(25),
        "spurious_top": spurious.most_common(25),
    }
