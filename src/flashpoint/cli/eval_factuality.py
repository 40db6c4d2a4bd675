"""``flashpoint eval factuality FILE``: modality of gold event mentions (MEANTIME JSONL, UW CoNLL)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("factuality")
@click.argument("benchmark", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--errors", type=int, default=0, show_default=True,
              help="List this many wrongly predicted events with their sentence and cue.")
def eval_factuality(benchmark: Path, as_json: bool, errors: int) -> None:
    """Predict the modality of each gold event of BENCHMARK from its trigger span, with the
    factuality stage's own rules; print accuracy and per-label and macro F1.

    BENCHMARK is JSONL (text, events with start, end and modality: MEANTIME) or, ending in
    .conll, one token a line with a factuality value from -3 to +3 (UW, unified format)."""
    from ..eval.factuality import FOLD, predict, read_benchmark, score

    try:
        docs = read_benchmark(benchmark)
    except ValueError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    rows = predict(docs)
    report = score(rows)
    report["file"] = str(benchmark)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{benchmark}: {report['n']} events")
    click.echo(f"{'label':<13} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for label, v in report["labels"].items():
        click.echo(f"{label:<13} {100 * v['precision']:6.1f} {100 * v['recall']:6.1f} {100 * v['f1']:6.1f} "
                   f"{v['gold']:>6} {v['predicted']:>6}")
    folded = {k: v for k, v in FOLD.items() if k not in report["labels"]}
    notes = [f"{k} predictions scored as {v}: {report[f'{k}_as_{v}']}" for k, v in folded.items()]
    click.echo(f"accuracy {100 * report['accuracy']:.1f}%  macro-F1 {100 * report['macro_f1']:.1f}%"
               + (f"  ({'; '.join(notes)})" if notes else ""))
    wrong = [r for r in rows if r["gold"] != folded.get(r["predicted"], r["predicted"])]
    for r in wrong[:errors]:
        click.echo(f"  {r['gold']:>12} <- {r['predicted']:<12} [{r['trigger']}] cue={r['cue']!r}  {r['sentence'][:110]}")
