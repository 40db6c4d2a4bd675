"""Does a learned scorer over the factuality cues generalise better than the rules? (experiment)

Trains a logistic regression over the cues :func:`modality_cues` finds (each cue's modality and
depth, the rules' own label, the trigger's tag and relation) on one factuality set and scores it
on the other, both ways, next to the rules on the same set. Nothing it trains ships: the sets
are benchmarks read from where they lie (MEANTIME from ``shared/benchmarks``, UW from a
checkout of the unified factuality corpus), and a model trained on them may not be shipped.

    python scripts/experiment_factuality_scorer.py MEANTIME.jsonl UW-train.conll UW-test.conll

Scoring folds labels as ``flashpoint eval factuality`` does (a label the gold set never uses is
scored as the one it falls under there), so a model trained on UW, which has no ``planned``,
can never find MEANTIME's planned events.
"""

from __future__ import annotations

import sys
from pathlib import Path

from flashpoint.eval.factuality import read_benchmark, score, trigger_token
from flashpoint.stages.factuality_modality import modality_cues, modality_of
from flashpoint.stages.nlp import load_model


def features(token) -> dict[str, float]:
    label, _ = modality_of(token)
    f = {f"rule={label}": 1.0, f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0}
    for modality, cue, depth in modality_cues(token):
        f[f"cue={modality}"] = f.get(f"cue={modality}", 0.0) + 1.0
        f[f"cue={modality}@{min(depth, 2)}"] = 1.0
    return f


def rows(path: Path, nlp) -> tuple[list[dict[str, float]], list[str], list[str]]:
    docs = read_benchmark(path)
    xs, ys, rules = [], [], []
    for doc, parsed in zip(docs, nlp.pipe(d["text"] for d in docs)):
        for ev in doc["events"]:
            token = trigger_token(parsed, ev["start"], ev["end"])
            if token is not None:
                xs.append(features(token))
                ys.append(ev["modality"])
                rules.append(modality_of(token)[0])
    return xs, ys, rules


def main(meantime: str, uw_train: str, uw_test: str) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    nlp = load_model()
    sets = {name: rows(Path(p), nlp) for name, p in
            (("MEANTIME", meantime), ("UW train", uw_train), ("UW test", uw_test))}
    for train, test in (("MEANTIME", "UW test"), ("UW train", "MEANTIME")):
        xs, ys, _ = sets[train]
        vec = DictVectorizer()
        model = LogisticRegression(max_iter=2000, class_weight="balanced").fit(vec.fit_transform(xs), ys)
        txs, tys, trules = sets[test]
        learned = model.predict(vec.transform(txs))
        for name, pred in (("rules", trules), (f"learned on {train}", learned)):
            report = score([{"gold": g, "predicted": p} for g, p in zip(tys, pred)])
            print(f"{test:<9} {name:<20} accuracy {100 * report['accuracy']:.1f}  "
                  f"macro-F1 {100 * report['macro_f1']:.1f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
