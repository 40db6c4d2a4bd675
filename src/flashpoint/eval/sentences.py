"""How often the coder finds the event a labelled sentence carries: the event-type benchmark
(one sentence, an actor span and a PLOVER root per record) read as a test of detection.

A record counts as *found* when the pipeline codes, anywhere in the sentence, an event whose type
is the record's label (through ``data/classifier/labels.tsv`` for older label sets: CONCEDE or
RETREAT for YIELD), and as *found with its actor* when one of that event's actors lies on the
record's actor span. The sentences come from many sources and crises and were never used to
write the rules, so this is a measure of how the coder carries over, not of the classifier.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..classifier.labels import load_label_map
from ..classifier.model import Item
from ..model import Article

#: The day every sentence is read on (the benchmark gives none; office holders are looked up then).
DAY = dt.date(2020, 1, 1)


def score_coder(items: list[Item], labels: list[str], pipeline) -> dict[str, Any]:
    """Per label and overall: records, found, found with the actor (``items`` and ``labels`` as
    :func:`~flashpoint.classifier.training.read_pairs` reads them)."""
    label_map = load_label_map()
    texts = sorted({item.text for item in items})
    analysed: dict[str, Article | None] = {}
    for i, result in enumerate(pipeline.pipe([Article(id=f"s{i}", text=t, published=DAY) for i, t in enumerate(texts)])):
        analysed[texts[i]] = result.article if result.ok else None
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item, label in zip(items, labels):
        article = analysed[item.text]
        wanted = set(label_map.to_plover(label))
        events = [e for e in (article.events if article else []) if e.type in wanted]
        start, end = item.actor
        with_actor = any(a.span is not None and a.span.start < end and a.span.end > start
                         for e in events for a in e.actor)
        row = per[label]
        row[0] += 1
        row[1] += bool(events)
        row[2] += with_actor
    total = [sum(v[i] for v in per.values()) for i in range(3)]
    return {"records": total[0], "found": total[1] / total[0] if total[0] else 0.0,
            "found_with_actor": total[2] / total[0] if total[0] else 0.0,
            "labels": {k: {"records": v[0], "found": v[1], "found_with_actor": v[2]} for k, v in sorted(per.items())}}


def render_coder(report: dict[str, Any]) -> str:
    lines = [f"{'label':<10} {'records':>7} {'found':>6} {'with actor':>10}"]
    for label, v in report["labels"].items():
        lines.append(f"{label:<10} {v['records']:>7} {v['found'] / v['records']:>6.1%} {v['found_with_actor'] / v['records']:>10.1%}")
    lines.append(f"{'ALL':<10} {report['records']:>7} {report['found']:>6.1%} {report['found_with_actor']:>10.1%}")
    lines.append("found: an event of the sentence's type anywhere in it; with actor: one of its actors on the "
                 "labelled actor span")
    return "\n".join(lines)
