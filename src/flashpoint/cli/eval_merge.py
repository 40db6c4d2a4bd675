"""``flashpoint eval merge GOLD.json...``: pairwise precision and recall of the event merge."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("merge")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--oracle", is_flag=True,
              help="Merge the gold events themselves (perfect extraction): measures the merge alone.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--details/--no-details", default=True, show_default=True,
              help="List wrong merges, missed links and the events merged across documents.")
def eval_merge(gold_files: tuple[Path, ...], oracle: bool, as_json: bool, details: bool) -> None:
    """Score how reports are merged into events across GOLD_FILES: a pair of reports of one gold
    happening should share an event, a pair of different ones should not (which gold events are one
    happening is defined in flashpoint.escalation.evaluate: repeat notes within a file, type +
    actors + dates + place across files)."""
    from ..escalation.evaluate import score_merge
    from ..eval.gold import load_gold

    docs = []
    for path in gold_files:
        try:
            docs.append(load_gold(path))
        except ValueError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(2)
    pipeline = None
    if not oracle:
        from ..pipeline import Pipeline

        pipeline = Pipeline.default()
    report = score_merge(docs, oracle=oracle, pipeline=pipeline)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    pct = lambda v: "-" if v is None else f"{100 * v:.1f}"  # noqa: E731
    click.echo(f"merge ({report['mode']}): {report['documents']} documents, {report['gold_events']} gold events, "
               f"{report['reports']} reports ({report['matched_reports']} matched to gold) -> "
               f"{report['clusters']} events")
    click.echo(f"pairwise  P {pct(report['precision'])}  R {pct(report['recall'])}  F1 {pct(report['f1'])}  "
               f"(together {report['pairs_together']}, same {report['pairs_same']}, both {report['pairs_both']})")
    if details:
        for title, key in (("wrongly merged", "false_merges"), ("not merged", "missed_links")):
            if report[key]:
                click.echo(f"\n{title} ({len(report[key])}):")
                for a, b in report[key][:40]:
                    click.echo(f"  {a}\n    ~ {b}")
        if report["cross_document_events"]:
            click.echo("\nevents reported across documents:")
            for members in report["cross_document_events"]:
                click.echo("  * " + "\n    ".join(members))
