"""Span scoring for loaded language, SemEval-2020 Task 11 style (span identification).

Gold and predicted spans are character intervals of one article. As in the task's scorer for
span identification, overlapping spans of the same article are first merged (on each side), and
then every pair gets partial credit for its overlap::

    C(s, t, h) = |s ∩ t| / h
    precision  = Σ_s Σ_t C(s, t, |s|) / |S|      (over all predicted spans S of the corpus)
    recall     = Σ_t Σ_s C(s, t, |t|) / |T|      (over all gold spans T of the corpus)

Sums run over every article of the corpus (micro average): an article without gold spans still
counts its predicted spans in ``|S|``. With no predictions, precision is 1.0 by convention and
with no gold spans recall is 1.0 (the scorer's convention too); F1 is the harmonic mean.

>>> score_spans({"a": [(0, 4)]}, {"a": [(0, 8)]})["precision"]
1.0
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The techniques scored by default: loaded language and name-calling (PTC names).
DEFAULT_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")

Interval = tuple[int, int]


def merge_intervals(spans: Iterable[Interval]) -> list[Interval]:
    """Sort intervals and merge those that overlap (touching intervals stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_spans(predicted: Mapping[str, Sequence[Interval]], gold: Mapping[str, Sequence[Interval]]) -> dict[str, Any]:
    """Precision, recall and F1 with partial-overlap credit, over all articles (ids of both maps)."""
    p_credit = r_credit = 0.0
    n_pred = n_gold = 0
    for doc_id in set(predicted) | set(gold):
        preds = merge_intervals(predicted.get(doc_id, ()))
        golds = merge_intervals(gold.get(doc_id, ()))
        n_pred += len(preds)
        n_gold += len(golds)
        for s in preds:
            for t in golds:
                ov = _overlap(s, t)
                if ov:
                    p_credit += ov / (s[1] - s[0])
                    r_credit += ov / (t[1] - t[0])
    precision = p_credit / n_pred if n_pred else 1.0
    recall = r_credit / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": n_pred, "gold": n_gold,
            "precision_credit": p_credit, "recall_credit": r_credit}


def parse_techniques(value: str | Sequence[str] | None, known: Iterable[str]) -> tuple[str, ...]:
    """Technique names from a comma-separated option value.

    Some PTC technique names contain a comma (``Name_Calling,Labeling``,
    ``Exaggeration,Minimisation``), so the value is read greedily against the names in the data:
    at each step the longest known name that the remaining pieces spell is taken. A piece that
    starts no known name is an error. ``all`` selects every known technique.
    """
    known = sorted(set(known), key=len, reverse=True)
    if value is None:
        return DEFAULT_TECHNIQUES
    if not isinstance(value, str):
        value = ",".join(value)
    if value.strip().lower() == "all":
        return tuple(sorted(known))
    pieces = [p.strip() for p in value.split(",") if p.strip()]
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for name in known:
            n = name.count(",") + 1
            if [p.lower() for p in pieces[i:i + n]] == [p.lower() for p in name.split(",")]:
                out.append(name)
                i += n
                break
        else:
            raise ValueError(f"unknown technique {pieces[i]!r}; known: {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(out))


@dataclass
class PTCArticle:
    """One article of a PTC-style JSONL file: ``{"id", "text", "spans": [{start, end, technique}]}``."""

    id: str
    text: str
    spans: list[dict[str, Any]] = field(default_factory=list)

    def gold(self, techniques: Iterable[str]) -> list[Interval]:
        wanted = set(techniques)
        return [(s["start"], s["end"]) for s in self.spans if s["technique"] in wanted]

    @property
    def half(self) -> str:
        """``calibration`` or ``test``: a fixed split of articles by a hash of their id."""
        return "test" if hashlib.sha1(self.id.encode("utf-8")).digest()[0] % 2 else "calibration"


def load_ptc(path: Path) -> list[PTCArticle]:
    """Read a PTC-style JSONL file (see ``shared/benchmarks/README.md``)."""
    articles = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                articles.append(PTCArticle(str(d["id"]), d["text"], list(d.get("spans") or [])))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a PTC record ({exc})") from None
    return articles
