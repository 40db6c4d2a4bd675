"""Calibrate the hand-written framing lexicons on the calibration half of a PTC-style file.

    python scripts/build_framing_lexicon.py /work/shared/benchmarks/framing/ptc-dev.jsonl

Runs the framing stage with every lexicon entry switched on over the articles of the
*calibration* half (split by a hash of the article id, see ``flashpoint.eval.framing``), counts
for each entry of OUR lexicons how often its spans overlap a gold loaded-language or
name-calling span, and writes those statistics to ``src/flashpoint/data/framing/calibration.tsv``
(entry, kind, hits, precision). Nothing of the corpus (no text, no spans) is written: only
counts about our own entries. The stage drops entries whose precision is below its
``min_precision`` setting. The script then prints the span scores of both halves.

It then trains the hit scorer (``data/framing/scorer.json``): a logistic regression over each
lexicon hit's context (the entry's smoothed precision, the article's and the sentence's density
of hits, quotation, ``!``/``?``, span length, part of speech, title; see
``flashpoint.stages.framing.SCORER_FEATURES``). The entry statistics of a training hit come
from the OTHER folds of the calibration half (5 folds by article id), so that the weights see
entry precisions as they will be on unseen articles; the decision threshold is the one with the
best span F1 over those folds' held-out predictions. Only weights and counts are written.

``--cache DIR`` keeps the parsed documents (a spaCy DocBin) between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from flashpoint import data  # noqa: E402
from flashpoint.eval.framing import DEFAULT_TECHNIQUES, load_ptc, merge_intervals, score_spans  # noqa: E402
from flashpoint.model import Article  # noqa: E402
from flashpoint.stages.framing import (LOADED_KINDS, SCORER_FEATURES, Framing, hit_contexts,  # noqa: E402
                                       hit_features)
from flashpoint.stages.nlp import NLP  # noqa: E402

OUT = ROOT / "src" / "flashpoint" / "data" / "framing" / "calibration.tsv"
SCORER = OUT.with_name("scorer.json")
FOLDS = 5
SMOOTHING = 2.0
L2 = 1.0


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the intercept is not penalised)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0])


def entry_counts(contexts, ids):
    hits: Counter[tuple[str, str]] = Counter()
    good: Counter[tuple[str, str]] = Counter()
    for i in ids:
        for c in contexts[i]:
            hits[(c["kind"], c["entry"])] += 1
            good[(c["kind"], c["entry"])] += c["gold"]
    return hits, good


def train_scorer(contexts, gold, cal_ids) -> dict:
    """Weights, standardisation and threshold of the hit scorer (see the module docstring)."""
    fold = {i: hashlib.sha1(("fold" + i).encode("utf-8")).digest()[0] % FOLDS for i in cal_ids}
    rows, ys, meta = [], [], []
    for f in range(FOLDS):
        hits, good = entry_counts(contexts, [i for i in cal_ids if fold[i] != f])
        prior = sum(good.values()) / max(1, sum(hits.values()))
        for i in cal_ids:
            if fold[i] != f:
                continue
            for c in contexts[i]:
                key = (c["kind"], c["entry"])
                rows.append(hit_features(c, good[key], hits[key], prior, SMOOTHING))
                ys.append(float(c["gold"]))
                meta.append((i, c["start"], c["end"], f))
    x, y = np.array(rows), np.array(ys)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    folds = np.array([m[3] for m in meta])
    prob = np.zeros(len(y))
    for f in range(FOLDS):
        w, b = fit_logistic(z[folds != f], y[folds != f])
        prob[folds == f] = 1 / (1 + np.exp(-(z[folds == f] @ w + b)))
    best = (0.0, 0.5)
    for t in np.arange(0.10, 0.51, 0.01):
        pred = {i: [] for i in cal_ids}
        for (i, s, e, _), p in zip(meta, prob):
            if p >= t:
                pred[i].append((s, e))
        r = score_spans(pred, {i: gold[i] for i in cal_ids})
        best = max(best, (r["f1"], round(float(t), 2)))
    print(f"scorer: cross-validated F1 {best[0]:.3f} at threshold {best[1]:.2f} ({len(y)} hits)")
    w, b = fit_logistic(z, y)
    hits, good = entry_counts(contexts, cal_ids)
    return {"features": list(SCORER_FEATURES), "weights": [round(float(v), 5) for v in w],
            "intercept": round(b, 5), "mean": [round(float(v), 5) for v in mean],
            "scale": [round(float(v), 5) for v in scale], "threshold": best[1],
            "prior": round(sum(good.values()) / max(1, sum(hits.values())), 5), "smoothing": SMOOTHING,
            "cv_f1": round(best[0], 4),
            "note": "hit scorer of the framing stage; weights over SCORER_FEATURES (standardised with "
                    "mean/scale), trained by scripts/build_framing_lexicon.py on the calibration half of "
                    "PTC with out-of-fold entry statistics; numbers only"}


def parsed(articles, cache: Path | None):
    nlp = NLP()
    file = cache / "ptc.spacy" if cache else None
    if file and file.exists():
        docs = list(DocBin().from_disk(file).get_docs(nlp.nlp.vocab))
    else:
        docs = list(nlp.nlp.pipe((a.text for a in articles), batch_size=16))
        if file:
            cache.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(file)
    out = []
    for a, doc in zip(articles, docs):
        out.append(nlp._attach(Article(id=a.id, text=a.text), doc))
    return out


def print_halves(label: str, stage: Framing, arts, gold, half) -> None:
    """Span scores of ``stage``'s loaded spans on the calibration and on the test half."""
    for which in ("calibration", "test"):
        pred = {a.id: [(f.span.start, f.span.end) for f in stage.find(a, a.spacy) if f.kind in LOADED_KINDS]
                for a in arts if half[a.id] == which}
        r = score_spans(pred, {k: v for k, v in gold.items() if half[k] == which})
        print(f"{label} {which:<11} P {r['precision']:.3f} R {r['recall']:.3f} "
              f"F1 {r['f1']:.3f} (predicted {r['predicted']}, gold {r['gold']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("file", type=Path)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the parsed documents")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write calibration.tsv")
    args = ap.parse_args()

    ptc = load_ptc(args.file)
    arts = parsed(ptc, args.cache)
    gold = {a.id: merge_intervals(a.gold(DEFAULT_TECHNIQUES)) for a in ptc}
    half = {a.id: a.half for a in ptc}

    # 1. statistics of every entry on the calibration half, all entries on
    stage = Framing(min_precision=0.0, use_scorer=False)
    hits: Counter[tuple[str, str]] = Counter()
    good: Counter[tuple[str, str]] = Counter()
    for art in arts:
        if half[art.id] != "calibration":
            continue
        doc = art.spacy
        for kind, s, e, entry in stage.widened_hits(doc):
            if kind not in LOADED_KINDS:
                continue
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            hits[(kind, entry)] += 1
            if any(gs < end and start < ge for gs, ge in gold[art.id]):
                good[(kind, entry)] += 1
    rows = sorted(hits, key=lambda k: (k[0], k[1]))
    lines = ["# Precision of each lexicon entry on the calibration half of PTC (SemEval-2020 Task 11",
             "# training articles with an even first byte of sha1(id)): hits = spans the entry",
             "# produced, precision = share of them overlapping a gold Loaded_Language or",
             "# Name_Calling,Labeling span. Counts only; built by scripts/build_framing_lexicon.py.",
             "kind\tentry\thits\tprecision"]
    lines += [f"{k}\t{e}\t{hits[(k, e)]}\t{good[(k, e)] / hits[(k, e)]:.3f}" for k, e in rows]
    if not args.dry_run:
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(rows)} entries)")

    # 2. the hit scorer, trained on the calibration half
    contexts = {}
    for art in arts:
        if half[art.id] != "calibration":
            continue
        ctx = hit_contexts(art.spacy, stage.widened_hits(art.spacy))
        for c in ctx:
            c["gold"] = any(gs < c["end"] and c["start"] < ge for gs, ge in gold[art.id])
        contexts[art.id] = ctx
    scorer = train_scorer(contexts, gold, [a.id for a in arts if half[a.id] == "calibration"])
    if not args.dry_run:
        SCORER.write_text(json.dumps(scorer, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SCORER}")
        print_halves("scorer", Framing(), arts, gold, half)

    # 3. without the scorer: scores on both halves with the entries below min_precision dropped
    for min_p in (0.0, 0.15, 0.25, 0.35):
        st = Framing(min_precision=min_p, use_scorer=False)
        keep = {tuple(ln.split("\t", 1)) for ln in data.lines("framing", "keep.txt")}
        st.lexicon = {k: {e: v for e, v in ents.items()
                          if k not in LOADED_KINDS or (k, e) in keep
                          or not (hits[(k, e)] >= st.min_hits and good[(k, e)] / hits[(k, e)] < min_p)}
                      for k, ents in stage.lexicon.items()}
        print_halves(f"min_precision {min_p:.2f}", st, arts, gold, half)

if __name__ == "__main__":
    main()
