"""``flashpoint eval framing FILE.jsonl``: loaded-language spans against PTC-style gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

KINDS = ("loaded_language", "name_calling", "scare_quote", "intensifier")


@click.command("framing")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--techniques", default=None, metavar="NAMES",
              help="Gold techniques to score against, comma-separated (default: Loaded_Language,"
                   "Name_Calling,Labeling). Names that contain a comma, such as "
                   "'Name_Calling,Labeling', are recognised whole; 'all' takes every technique.")
@click.option("--kinds", default="loaded_language,name_calling", show_default=True,
              help=f"Predicted framing kinds that count as spans, comma-separated ({', '.join(KINDS)}).")
@click.option("--half", type=click.Choice(["all", "calibration", "test"]), default="all", show_default=True,
              help="Score all articles, or one half of the fixed split by article-id hash (the "
                   "lexicon is calibrated on the calibration half; the test half is held out).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
def eval_framing(file: Path, techniques: str | None, kinds: str, half: str, as_json: bool) -> None:
    """Score framing spans on FILE, a JSONL of {"id", "text", "spans": [{start, end, technique}]}
    (SemEval-2020 Task 11 span scoring with partial-overlap credit)."""
    from ..eval.framing import load_ptc, parse_techniques, score_spans
    from ..model import Article
    from ..pipeline import Pipeline

    try:
        articles = load_ptc(file)
        known = {s["technique"] for a in articles for s in a.spans}
        selected = parse_techniques(techniques, known | {"Loaded_Language", "Name_Calling,Labeling"})
    except ValueError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    wanted_kinds = {k.strip() for k in kinds.split(",") if k.strip()}
    bad = wanted_kinds - set(KINDS)
    if bad:
        click.secho(f"error: unknown kind(s) {', '.join(sorted(bad))}; known: {', '.join(KINDS)}", fg="red", err=True)
        sys.exit(2)
    if half != "all":
        articles = [a for a in articles if a.half == half]
    # No repair stage: the gold offsets refer to the file's text as it is.
    pipeline = Pipeline(["nlp", "framing"])
    predicted, gold, failed = {}, {}, 0
    inputs = (Article(id=a.id, text=a.text, source=str(file)) for a in articles)
    for a, result in zip(articles, pipeline.pipe(inputs)):
        gold[a.id] = a.gold(selected)
        if not result.ok:
            failed += 1
            continue
        predicted[a.id] = [(f.span.start, f.span.end) for f in result.article.framing if f.kind in wanted_kinds]
    report = score_spans(predicted, gold)
    report.update({"file": str(file), "articles": len(articles), "failed": failed, "half": half,
                   "techniques": list(selected), "kinds": sorted(wanted_kinds)})
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{file.name} ({half}, {len(articles)} articles): techniques {' + '.join(selected)}; "
               f"predicted kinds {', '.join(sorted(wanted_kinds))}")
    click.echo(f"spans  predicted {report['predicted']}  gold {report['gold']} (overlaps merged)")
    click.echo(f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  F1 {report['f1']:.3f}")
    if failed:
        click.echo(f"{failed} article(s) failed in the pipeline")
