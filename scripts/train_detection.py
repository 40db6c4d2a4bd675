"""Train the shipped detection model (``src/flashpoint/data/detection/model.json``).

Trains only on gold we may ship and tune on: ``shared/gold/*.json``, ``shared/gold/nov2021/``
and the tuned half of ``shared/gold/world/`` (``data/eval/world_split.tsv``). The scored half is
never read here: it stays a held-out measure.

    .venv/bin/python scripts/train_detection.py [--shared ../shared] [--c C] [--threshold T]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from flashpoint import data
from flashpoint.detection.model import DEFAULT_C, DEFAULT_THRESHOLD
from flashpoint.detection.training import extract, train
from flashpoint.eval.split import world_half


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--c", type=float, default=DEFAULT_C)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = ap.parse_args()
    gold = args.shared / "gold"
    paths = sorted(gold.glob("*.gold.json")) + sorted((gold / "nov2021").glob("*.gold.json"))
    paths += world_half(gold / "world", "tuned")
    model = train(extract(paths), c=args.c, threshold=args.threshold)
    model.meta["trained"] = dt.date.today().isoformat()
    out = data.path("detection", "model.json")
    model.save(out)
    print(f"{out}: {model.meta['candidates']} candidates ({model.meta['positives']} real) "
          f"from {len(paths)} documents; {len(model.weights)} weights")


if __name__ == "__main__":
    main()
