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
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import data
from ..model import Article

#: The day every sentence is read on (the benchmark gives none; office holders are looked up then).
DAY = dt.date(2020, 1, 1)


def plover_labels() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in data.tsv("classifier", "labels.tsv"):
        out[row["label"]].add(row["plover"])
    return out


def read_records(path: Path) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                records.append({"id": r.get("id", str(n)), "text": r["text"], "label": r["label"],
                                "actor": (r["actor"]["start"], r["actor"]["end"]) if r.get("actor") else None})
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a record with text, label and actor ({exc})") from None
    return records


def score_coder(records: list[dict[str, Any]], pipeline) -> dict[str, Any]:
    """Per label and overall: records, found, found with the actor."""
    labels = plover_labels()
    texts = sorted({r["text"] for r in records})
    analysed: dict[str, Article | None] = {}
    for i, result in enumerate(pipeline.pipe([Article(id=f"s{i}", text=t, published=DAY) for i, t in enumerate(texts)])):
        analysed[texts[i]] = result.article if result.ok else None
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in records:
        article = analysed[r["text"]]
        wanted = labels.get(r["label"], {r["label"]})
        events = [e for e in (article.events if article else []) if e.type in wanted]
        with_actor = r["actor"] is not None and any(
            a.span is not None and a.span.start < r["actor"][1] and a.span.end > r["actor"][0]
            for e in events for a in e.actor)
        row = per[r["label"]]
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
