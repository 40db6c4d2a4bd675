"""``flashpoint eval event-types``: score the event-type classifier on labelled pairs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click


def shared_folder() -> Path | None:
    """The shared data folder ($FLASHPOINT_SHARED, default /work/shared), when present."""
    root = Path(os.environ.get("FLASHPOINT_SHARED", "/work/shared"))
    return root if root.is_dir() else None


@click.command("event-types")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--model", "model_dir", metavar="DIR", type=click.Path(path_type=Path), default=None,
              help="Score the model in this directory (from `flashpoint train event-types`) "
                   "instead of the shipped one.")
@click.option("--cross-validate", "k", type=click.IntRange(min=2), default=None,
              help="Train and test K folds on FILE (training data) instead of scoring a trained model.")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --cross-validate: the shared data folder whose shippable data (PLOVER gold "
                   "records, CAMEO examples, tuned event gold) is added with data/classifier/"
                   "written_pairs.jsonl to every training fold, as the shipped model is trained "
                   "(default: $FLASHPOINT_SHARED or /work/shared when present).")
@click.option("--no-extra", is_flag=True, help="Train folds on FILE alone (no shippable data added).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the fold split.")
@click.option("--coder", is_flag=True,
              help="Score the events coder instead of the classifier: the share of sentences in which "
                   "the whole pipeline codes an event of the labelled type (and with the labelled actor).")
def eval_event_types(file: Path, as_json: bool, model_dir: Path | None, k: int | None, shared: Path | None,
                     no_extra: bool, seed: int, coder: bool) -> None:
    """Score event-type predictions on FILE (JSONL: text, actor, recipient, label).

    Predictions are PLOVER 2.0; labels of an older set are compared through
    data/classifier/labels.tsv (CONCEDE or RETREAT predicted where FILE says YIELD counts as YIELD).
    """
    if coder:
        from ..classifier.training import read_pairs
        from ..eval.sentences import render_coder, score_coder
        from .analyze import build_pipeline

        try:
            items, labels = read_pairs(file)
        except (ValueError, OSError) as exc:
            fail(str(exc))
        report = score_coder(items, labels, build_pipeline(model=model_dir))
        report["file"] = str(file)
        click.echo(json.dumps(report, indent=2) if as_json else render_coder(report))
        return
    from ..classifier import load_classifier
    from ..classifier.training import cross_validate, read_pairs, score

    if k and model_dir is not None:
        fail("--model and --cross-validate exclude each other (folds train their own models)")
    try:
        items, labels = read_pairs(file)
        clf = load_classifier(model_dir) if not k else None
    except (ValueError, OSError) as exc:
        fail(str(exc))
    if not items:
        fail(f"{file} holds no records")
    sources: list[str] = []
    if k:
        from ..classifier.sources import shippable
        from ..stages.nlp import load_model

        extra = ([], [])
        if not no_extra:
            extra, parts = shippable(shared or shared_folder(), load_model(), skip=file)
            sources = [f"{name} ({n})" for name, _, n in parts]
        preds = cross_validate(items, labels, k, extra=extra, seed=seed)
    else:
        preds = clf.predict_many(items)
    report = score(labels, preds)
    report["file"] = str(file)
    report["mode"] = (f"{k}-fold cross-validation" if k else
                      f"model {model_dir}" if model_dir is not None else "shipped classifier")
    report["extra_training"] = ", ".join(sources) or None
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(render(report))


def fail(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(2)


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
