"""Build the shipped event-type classifier, src/flashpoint/data/classifier/event_types/.

Training data of the SHIPPED model: only data whose licence lets us ship what is learnt from it
(see flashpoint.classifier.sources and data/classifier/SOURCES.md):
  - the pairs written for flashpoint, src/flashpoint/data/classifier/written_pairs.jsonl,
  - the PLOVER gold-standard records (CC BY-SA 4.0), the CAMEO code examples and the event
    gold of data/classifier/training_gold.txt (the tuned half of gold/world only), read from
    the shared data folder (--shared, default $FLASHPOINT_SHARED or /work/shared).

The event-types benchmark (plv-train.jsonl, research-only) is NOT used, so `flashpoint eval
event-types plv-train.jsonl` is a held-out figure. A user with licensed annotations trains a
local model with `flashpoint train event-types FILE.jsonl --out DIR` instead.

    python scripts/train_event_types.py [--shared DIR] [--cv K] [--encoder-weight W]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoint.classifier.model import EventTypeClassifier  # noqa: E402
from flashpoint.classifier.modeldir import file_record, shipped_dir, write_model_dir  # noqa: E402
from flashpoint.classifier.sources import shippable  # noqa: E402
from flashpoint.classifier.training import cross_validate, score, with_docs  # noqa: E402
from flashpoint.stages.nlp import load_model  # noqa: E402

SHARED = Path(os.environ.get("FLASHPOINT_SHARED", "/work/shared"))
ENCODER_WEIGHT = EventTypeClassifier().encoder_weight


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    ap.add_argument("--cv", type=int, default=0, help="also print K-fold cross-validation figures on the training data")
    ap.add_argument("--encoder-weight", type=float, default=ENCODER_WEIGHT,
                    help="weight of the sentence-encoder features (0: TF-IDF views only)")
    ap.add_argument("--out", type=Path, default=shipped_dir(), help="the model directory to write")
    args = ap.parse_args()

    nlp = load_model()
    (items, labels), parts = shippable(args.shared if args.shared.is_dir() else None, nlp)
    items = with_docs(items, nlp)
    for name, _, n in parts:
        print(f"  {n:>5}  {name}")
    print(f"training on {len(items)} pairs")
    if args.cv:
        preds = cross_validate(items, labels, args.cv, nlp=nlp, encoder_weight=args.encoder_weight)
        s = score(labels, preds)
        print(f"{args.cv}-fold CV on the training data: accuracy {s['accuracy']:.3f}  "
              f"macro-F1 {s['macro_f1']:.3f}  n={s['n']}")
    clf = EventTypeClassifier(encoder_weight=args.encoder_weight).fit(items, labels)
    training = [file_record(path, n) if path is not None else {"file": name, "n": n} for name, path, n in parts]
    write_model_dir(clf, args.out, labels=labels, training=training)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
