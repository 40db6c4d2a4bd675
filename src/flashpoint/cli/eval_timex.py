"""``flashpoint eval timex FILE.jsonl``: score the time stage on TIMEX3 gold."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("timex")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--errors", "n_errors", type=int, default=15, show_default=True,
              help="How many wrong values, missed and spurious expressions to list (text output).")
def eval_timex(file: Path, as_json: bool, n_errors: int) -> None:
    """Score time expressions against FILE (JSONL: id, text, published, timexes with TIMEX3 values)."""
    from ..eval.timex import evaluate, read_jsonl

    report = evaluate(read_jsonl(file))
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    pct = lambda v: "-" if v is None else f"{100 * v:.1f}%"  # noqa: E731
    click.echo(f"{file.name}: {report['n']} gold expressions, {report['predicted']} predicted, "
               f"{report['matched']} matched (span overlap)")
    click.echo(f"span recall {pct(report['span_recall'])}  span precision {pct(report['span_precision'])}")
    click.echo(f"value accuracy on matched: all {pct(report['value_accuracy'])}  "
               f"DATE {pct(report['value_accuracy_date'])}")
    click.echo("by type: " + ", ".join(f"{k} {pct(v)} (n={report['matched_by_type'][k]})"
                                       for k, v in report["value_accuracy_by_type"].items()))
    if n_errors:
        click.echo("\nwrong values:")
        for w in report["wrong_values"][:n_errors]:
            click.echo(f"  {w['type']:<8} {w['gold']!r} gold {w['gold_value']} predicted {w['predicted_value']} ({w['id']})")
        click.echo("most missed: " + ", ".join(f"{t!r} {n}" for t, n in report["missed_top"][:n_errors]))
        click.echo("most spurious: " + ", ".join(f"{t!r} {n}" for t, n in report["spurious_top"][:n_errors]))
