"""Training data readers, cross-validation and scores for the event-type classifier
(the shippable training sets are gathered in ``sources``).

Readers:
- :func:`read_pairs`: JSONL ``{"text", "actor": {"start","end"}, "recipient": {...}|null,
  "label"}`` (the format of the event-types benchmark);
- :func:`read_plover_gold`: the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``), whose
  ``textInfo.markup`` marks ``(SRC: ...)``, ``(TAR: ...)`` and ``(SRC/TAR: ...)``.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from .labels import LabelMap, load_label_map
from .model import EventTypeClassifier, Item

MARK = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC|DATE|[A-Z]+):\s*([^()]*?)\)")


def read_pairs(path: Path, label_map: LabelMap | None = None) -> tuple[list[Item], list[str]]:
    """Pairs of an event-type JSONL file; a bad line raises ``ValueError("FILE:LINE: reason")``
    (not JSON, a missing field, a span outside the text, a label not in ``labels.tsv``)."""
    label_map = label_map or load_label_map()
    items, labels = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item, label = _pair(json.loads(line), label_map)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            except (KeyError, TypeError, ValueError) as exc:
                reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
                raise ValueError(f"{path}:{n}: not an event-type record: {reason}") from None
            items.append(item)
            labels.append(label)
    return items, labels


def _pair(row: dict, label_map: LabelMap) -> tuple[Item, str]:
    text, label = row["text"], row["label"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty text")
    actor = _span(row["actor"], text, "actor")
    rec = row.get("recipient")
    recipient = _span(rec, text, "recipient") if rec is not None else None
    try:
        label_map.to_plover(label)
    except (KeyError, TypeError):
        raise ValueError(f"unknown label {label!r} (see data/classifier/labels.tsv)") from None
    return Item(text, actor, recipient), label


def _span(value: dict, text: str, name: str) -> tuple[int, int]:
    start, end = value["start"], value["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"{name} span {start}..{end} is not inside the text (length {len(text)})")
    return start, end


def read_plover_gold(path: Path, label_map: LabelMap | None = None) -> tuple[list[Item], list[str]]:
    """(sentence, first source, first other target) pairs of the PLOVER gold records whose
    label is in the label table (DOCUMENT records are skipped)."""
    label_map = label_map or load_label_map()
    items, labels = [], []
    for rec in json.loads(Path(path).read_text(encoding="utf-8")):
        info = rec.get("textInfo")
        markup = info.get("markup") if isinstance(info, dict) else None
        event = rec.get("event")
        if not markup or not event:
            continue
        try:
            label_map.to_plover(event)
        except KeyError:
            continue
        text, sources, targets, pos = [], [], [], 0
        last = 0
        for m in MARK.finditer(markup):
            text.append(markup[last:m.start()])
            pos += len(markup[last:m.start()])
            kind, surface = m.group(1), m.group(2).strip()
            span = (pos, pos + len(surface))
            text.append(surface)
            pos += len(surface)
            last = m.end()
            if "SRC" in kind:
                sources.append(span)
            if "TAR" in kind:
                targets.append(span)
        text.append(markup[last:])
        sentence = "".join(text)
        if not sources:
            continue
        actor = sources[0]
        recipient = next((t for t in targets if t != actor), None)
        items.append(Item(sentence, actor, recipient))
        labels.append(event)
    return items, labels


def folds(labels: Sequence[str], k: int, seed: int = 0) -> list[list[int]]:
    """Stratified folds: indices of each label dealt round-robin after a seeded shuffle."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_label[lab].append(i)
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    n = 0
    for lab in sorted(by_label):
        idx = by_label[lab]
        rng.shuffle(idx)
        for i in idx:
            out[n % k].append(i)
            n += 1
    return [sorted(f) for f in out]


def cross_validate(items: Sequence[Item], labels: Sequence[str], k: int, *,
                   extra: tuple[Sequence[Item], Sequence[str]] = ((), ()), seed: int = 0,
                   nlp=None, **settings) -> list[list[tuple[str, float]]]:
    """Out-of-fold predictions: each fold is predicted by a classifier trained on the other
    folds (plus ``extra`` data, never tested on). The data is parsed once, up front."""
    from ..stages.nlp import load_model

    nlp = nlp or load_model()
    items = with_docs(items, nlp)
    extra_items = with_docs(extra[0], nlp)
    preds: list[list[tuple[str, float]]] = [[] for _ in items]
    for test in folds(labels, k, seed):
        held = set(test)
        train = [i for i in range(len(items)) if i not in held]
        clf = EventTypeClassifier(**settings).fit(
            [items[i] for i in train] + list(extra_items), [labels[i] for i in train] + list(extra[1]))
        for i, p in zip(test, clf.predict_many([items[i] for i in test])):
            preds[i] = p
    return preds


def with_docs(items: Sequence[Item], nlp) -> list[Item]:
    todo = [it for it in items if it.doc is None]
    docs = iter(nlp.pipe((it.text for it in todo), batch_size=64))
    return [it if it.doc is not None else Item(it.text, it.actor, it.recipient, next(docs)) for it in items]


def score(gold: Sequence[str], predicted: Sequence[list[tuple[str, float]]],
          label_map: LabelMap | None = None) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1 and confusion pairs, in the label set
    of ``gold``: gold labels that PLOVER 2.0 merged are mapped to 2.0 (DEMAND -> REQUEST);
    predictions are expressed in the gold set (RETREAT -> YIELD where gold says YIELD)."""
    label_map = label_map or load_label_map()
    gold = [g if label_map.is_split(g) else label_map.to_plover(g)[0] for g in gold]
    gold_set = set(gold)
    pred = [label_map.to_scheme(p[0][0], gold_set) if p else "" for p in predicted]
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    per_class = {}
    for lab in sorted(gold_set | set(pred) - {""}):
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        n_pred = sum(p == lab for p in pred)
        n_gold = sum(g == lab for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold, "predicted": n_pred}
    gold_classes = [lab for lab in per_class if per_class[lab]["support"]]
    confusions = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "macro_f1": sum(per_class[c]["f1"] for c in gold_classes) / len(gold_classes) if gold_classes else 0.0,
        "per_class": per_class,
        "confusions": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common()],
    }


def train_file(path: Path, out: Path, **settings) -> dict:
    """Train a classifier on the pairs of JSONL file ``path`` alone and write it, with its
    metadata, to model directory ``out``; returns the metadata. ``ValueError`` names a bad line
    of the file, or a file with fewer than two labels."""
    from .modeldir import file_record, write_model_dir

    items, labels = read_pairs(path)
    coarse = {load_label_map().coarse(lab) for lab in labels}
    if len(coarse) < 2:
        raise ValueError(f"{path}: {len(items)} pairs with {len(coarse)} label(s); a classifier needs at least two")
    clf = EventTypeClassifier(**settings).fit(items, labels)
    return write_model_dir(clf, out, labels=labels, training=[file_record(path, len(items))])
