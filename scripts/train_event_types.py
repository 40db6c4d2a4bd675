"""Build the shipped event-type classifier, src/flashpoint/data/classifier/event_types.pkl.

Training data of the SHIPPED artefact: only data whose licence lets us redistribute what is
learnt from it:
  - the PLOVER gold-standard records (default /work/shared/data/plover/PLOVER_GSR_CAMEO.txt,
    CC BY-SA 4.0), read from where they lie,
  - the pairs written for flashpoint, src/flashpoint/data/classifier/written_pairs.jsonl.

The event-types benchmark (plv-train.jsonl, research-only, no redistribution) is NOT used for
the shipped artefact, so `flashpoint eval event-types plv-train.jsonl` is a held-out figure.
A user who holds such a corpus may build a local model with `--pairs FILE.jsonl --out PATH`
(never commit that one).

    python scripts/train_event_types.py [--gsr PLOVER_GSR_CAMEO.txt] [--pairs FILE.jsonl --out PATH]
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
    ap.add_argument("--pairs", type=Path, default=None,
                    help="extra event-type JSONL training file (a local model only: not for the shipped one)")
    ap.add_argument("--gsr", type=Path, default=SHARED / "data/plover/PLOVER_GSR_CAMEO.txt",
                    help="PLOVER gold-standard records (extra training data)")
    ap.add_argument("--cv", type=int, default=0, help="also print K-fold cross-validation figures")
    ap.add_argument("--out", type=Path, default=ROOT / "src/flashpoint/data/classifier" / ARTEFACT,
                    help="where to write the artefact")
    args = ap.parse_args()

    nlp = load_model()
    if args.pairs and args.out.resolve() == (ROOT / "src/flashpoint/data/classifier" / ARTEFACT).resolve():
        ap.error("--pairs builds a local model: give --out outside the package")
    items, labels = read_pairs(args.pairs) if args.pairs else ([], [])
    extra_items, extra_labels = extra_training(args.gsr if args.gsr.exists() else None)
    items, extra_items = with_docs(items, nlp), with_docs(extra_items, nlp)
    print(f"training on {len(items)} pairs + {len(extra_items)} written pairs and PLOVER gold records")
    if args.cv and items:
        preds = cross_validate(items, labels, args.cv, extra=(extra_items, extra_labels), nlp=nlp)
        s = score(labels, preds)
        print(f"{args.cv}-fold CV: accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  n={s['n']}")
    clf = EventTypeClassifier().fit(items + extra_items, labels + extra_labels)
    clf.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
