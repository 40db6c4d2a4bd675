"""Build the shipped event-type classifier, src/flashpoint/data/classifier/event_types.pkl.

Training data (read from where it lies, never copied into the repository):
  - the event-types benchmark (default /work/shared/benchmarks/event-types/plv-train.jsonl),
  - the PLOVER gold-standard records (default /work/shared/data/plover/PLOVER_GSR_CAMEO.txt),
  - the pairs written for flashpoint, src/flashpoint/data/classifier/written_pairs.jsonl.

    python scripts/train_event_types.py [--pairs FILE.jsonl] [--gsr PLOVER_GSR_CAMEO.txt] [--cv 5]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from flashpoint.classifier.model import ARTEFACT, EventTypeClassifier  # noqa: E402
from flashpoint.classifier.training import (  # noqa: E402
    cross_validate, extra_training, read_pairs, score, with_docs)
from flashpoint.stages.nlp import load_model  # noqa: E402

SHARED = Path(os.environ.get("FLASHPOINT_SHARED", "/work/shared"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, default=SHARED / "benchmarks/event-types/plv-train.jsonl",
                    help="event-type JSONL training file")
    ap.add_argument("--gsr", type=Path, default=SHARED / "data/plover/PLOVER_GSR_CAMEO.txt",
                    help="PLOVER gold-standard records (extra training data)")
    ap.add_argument("--cv", type=int, default=0, help="also print K-fold cross-validation figures")
    ap.add_argument("--out", type=Path, default=ROOT / "src/flashpoint/data/classifier" / ARTEFACT,
                    help="where to write the artefact")
    args = ap.parse_args()

    nlp = load_model()
    items, labels = read_pairs(args.pairs)
    extra_items, extra_labels = extra_training(args.gsr if args.gsr.exists() else None)
    items, extra_items = with_docs(items, nlp), with_docs(extra_items, nlp)
    print(f"training on {len(items)} pairs + {len(extra_items)} written pairs and PLOVER gold records")
    if args.cv:
        preds = cross_validate(items, labels, args.cv, extra=(extra_items, extra_labels), nlp=nlp)
        s = score(labels, preds)
        print(f"{args.cv}-fold CV: accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  n={s['n']}")
    clf = EventTypeClassifier().fit(items + extra_items, labels + extra_labels)
    clf.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
