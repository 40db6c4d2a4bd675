"""``flashpoint eval ...``: score the pipeline on gold and benchmark data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .train import model_option


@click.group("eval")
def eval_group() -> None:
    """Score flashpoint on gold files and benchmarks."""


@eval_group.command("events")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--details/--no-details", default=True, show_default=True,
              help="List missed and spurious events and wrong attributes per document.")
@click.option("--half", type=click.Choice(["tuned", "scored"]), default=None,
              help="Of the files in the fixed world split (data/eval/world_split.tsv), keep this half; "
                   "files outside the split (the example, nov2021) are kept.")
@click.option("--folds", type=int, default=None, metavar="K",
              help="Document folds: retrain the detection model K times, each time on the other folds' "
                   "documents, and score every document with the model that never saw it.")
@model_option
def eval_events(gold_files: tuple[Path, ...], as_json: bool, details: bool, half: str | None,
                folds: int | None, model: Path | None) -> None:
    """Score extracted events against GOLD_FILES (event-model JSON, each with its text)."""
    from ..eval.events import Prediction, aggregate, article_quantities, article_timexes, score_document
    from ..eval.gold import load_gold
    from ..eval.split import half_of
    from ..readers import article_from_text
    from .analyze import build_pipeline

    if half is not None:
        gold_files = tuple(p for p in gold_files if half_of(p) in (half, None))
        if not gold_files:
            click.secho(f"error: no gold file left after keeping the {half} half of the world split", fg="red", err=True)
            sys.exit(2)
    pipeline = build_pipeline(model=model)
    golds = []
    for path in gold_files:
        try:
            golds.append(load_gold(path))
        except ValueError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(2)
    if folds is not None:
        from ..detection.training import cross_validate, extract

        try:
            pairs = cross_validate(extract(gold_files, pipeline=build_pipeline(model=model, exclude=("detection", "framing"))), folds)
        except ValueError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(2)
        articles = [a for _c, a in pairs]
    else:
        articles = [pipeline(article_from_text(gold.text, source=str(path), id=gold.id, title=gold.title,
                                               outlet=gold.outlet, url=gold.url, published=gold.published,
                                               check=False)) for path, gold in zip(gold_files, golds)]
    docs = []
    for gold, article in zip(golds, articles):
        preds = [Prediction.from_event(article, e) for e in article.events]
        docs.append(score_document(gold, preds, text=article.text, timexes=article_timexes(article),
                                   quantities=article_quantities(article)))
    report = aggregate(docs)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    click.echo(render_events_report(report, details=details))


def render_events_report(report: dict, *, details: bool) -> str:
    pct = lambda v: "   -" if v is None else f"{100 * v:5.1f}"  # noqa: E731
    lines = [f"{'document':<58} {'P':>5} {'R':>5} {'F1':>5} {'match':>5} {'pred':>5} {'gold':>5}"]
    for d in report["documents"]:
        lines.append(f"{d['id'][:58]:<58} {pct(d['precision'])} {pct(d['recall'])} {pct(d['f1'])} "
                     f"{d['matched']:>5} {d['predicted']:>5} {d['gold_required']:>5}")
    lines.append(f"{'ALL (micro)':<58} {pct(report['precision'])} {pct(report['recall'])} {pct(report['f1'])} "
                 f"{report['matched']:>5} {report['predicted']:>5} {report['gold_required']:>5}")
    lines.append("")
    lines.append("attribute accuracy on matched events: " + ", ".join(
        f"{k} {pct(v).strip()}% (n={report['attributes_n'][k]})" for k, v in report["attributes"].items()))
    if report.get("material_n"):
        lines.append(f"material events ({', '.join(report['material_types'])}) with no place: "
                     f"{pct(report['material_unplaced']).strip()}% of {report['material_n']} predicted")
    for key, name in (("timexes", "value_accuracy"), ("quantities", "qualifier_accuracy")):
        if key in report:
            r = report[key]
            lines.append(f"{key}: recall {pct(r['recall']).strip()}% ({r['matched']}/{r['gold']}), "
                         f"precision {pct(r['precision']).strip()}% (of {r['predicted']} predicted), "
                         f"{name.replace('_', ' ')} on matched {pct(r[name]).strip()}%, "
                         f"right overall {pct(r['right']).strip()}%")
    if details:
        for d in report["documents"]:
            wrong_tq = [("timex", w) for w in d.get("timexes", {}).get("wrong", [])] + [
                ("quantity", w) for w in d.get("quantities", {}).get("wrong", [])]
            if not (d["missed"] or d["spurious"] or d["wrong_attributes"] or wrong_tq):
                continue
            lines.append(f"\n== {d['id']}")
            for m in d["missed"]:
                lines.append(f"  missed   {m['id']} {m['type']:<9} {m['evidence'][:70]}")
            for s in d["spurious"]:
                lines.append(f"  spurious {s['type']:<9} {s['actor'] or '-'} -> {s['recipient'] or '-'} "
                             f"[{s['trigger']}] {s['sentence'][:50]}")
            for w in d["wrong_attributes"]:
                lines.append(f"  wrong    {w['gold']} {w['attribute']}: gold {w['gold_value']!r} "
                             f"predicted {w['predicted']!r}"[:150])
            for kind, w in wrong_tq:
                lines.append(f"  {kind:<8} {w.get('text') or w.get('context')!r}: gold {w['gold']} "
                             f"predicted {w['predicted']}"[:150])
    return "\n".join(lines)

from .eval_timex import eval_timex  # noqa: E402
eval_group.add_command(eval_timex)
from .eval_factuality import eval_factuality  # noqa: E402

eval_group.add_command(eval_factuality)
from .eval_framing import eval_framing  # noqa: E402

eval_group.add_command(eval_framing)
from .eval_event_types import eval_event_types  # noqa: E402

eval_group.add_command(eval_event_types)

from .eval_merge import eval_merge  # noqa: E402

eval_group.add_command(eval_merge)

from .eval_toponyms import eval_toponyms  # noqa: E402

eval_group.add_command(eval_toponyms)
from .eval_actors import eval_actors  # noqa: E402
eval_group.add_command(eval_actors)
