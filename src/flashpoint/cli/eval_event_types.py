"""``flashpoint eval event-types``: score the event-type classifier on labelled pairs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


def default_extra() -> Path | None:
    """The PLOVER gold records the shipped classifier is also trained on, when present."""
    root = Path(os.environ.get("FLASHPOINT_SHARED", "/work/shared"))
    path = root / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    return path if path.exists() else None


@click.command("event-types")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--cross-validate", "k", type=click.IntRange(min=2), default=None,
              help="Train and test K folds on FILE (training data) instead of scoring the shipped classifier.")
@click.option("--extra", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="PLOVER gold records added (with data/classifier/written_pairs.jsonl) to every "
                   "training fold with --cross-validate "
                   "(default: $FLASHPOINT_SHARED/data/plover/PLOVER_GSR_CAMEO.txt when present, "
                   "as the shipped classifier is trained).")
@click.option("--no-extra", is_flag=True, help="Train folds on FILE alone (no PLOVER records, no written pairs).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the fold split.")
def eval_event_types(file: Path, as_json: bool, k: int | None, extra: Path | None, no_extra: bool,
                     seed: int) -> None:
    """Score event-type predictions on FILE (JSONL: text, actor, recipient, label).

    Predictions are PLOVER 2.0; labels of an older set are compared through
    data/classifier/labels.tsv (CONCEDE or RETREAT predicted where FILE says YIELD counts as YIELD).
    """
    from ..classifier import load_classifier
    from ..classifier.training import cross_validate, extra_training, read_pairs, score

    try:
        items, labels = read_pairs(file)
    except (ValueError, OSError) as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    if not items:
        click.secho(f"error: {file} holds no records", fg="red", err=True)
        sys.exit(2)
    extra_path = None
    if k:
        extra_path = None if no_extra else (extra or default_extra())
        extra_data = ([], []) if no_extra else extra_training(extra_path)
        preds = cross_validate(items, labels, k, extra=extra_data, seed=seed)
    else:
        preds = load_classifier().predict_many(items)
    report = score(labels, preds)
    report["file"] = str(file)
    report["mode"] = f"{k}-fold cross-validation" if k else "shipped classifier"
    report["extra_training"] = (None if not k or no_extra else
                                ", ".join(filter(None, ["written_pairs.jsonl", str(extra_path or "")])))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(render(report))


def render(report: dict) -> str:
    lines = [f"{report['file']}: {report['mode']}"
             + (f" (+ {report['extra_training']} in training)" if report["extra_training"] else ""),
             f"n={report['n']}  accuracy {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}", "",
             f"{'label':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for lab, c in sorted(report["per_class"].items(), key=lambda kv: -kv[1]["support"]):
        lines.append(f"{lab:<12} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f} "
                     f"{c['support']:>5} {c['predicted']:>5}")
    if report["confusions"]:
        lines += ["", "confusions (gold -> predicted: count)"]
        lines += [f"  {c['gold']:<10} -> {c['predicted']:<10} {c['count']}" for c in report["confusions"][:15]]
    return "\n".join(lines)
