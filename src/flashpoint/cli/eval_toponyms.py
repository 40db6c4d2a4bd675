"""``flashpoint eval toponyms FILE.jsonl``: recall and resolution of toponyms on a benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("toponyms")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold-spans", is_flag=True, help="Resolve the gold toponym spans only (no recognition).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--misses", type=int, default=0, show_default=True,
              help="List this many missed or misplaced toponyms (in the JSON: all of them).")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
def eval_toponyms(path: Path, gold_spans: bool, as_json: bool, misses: int, limit: int | None) -> None:
    """Score toponyms in PATH (JSONL: text and toponyms with start, end, lat, lon): recall,
    accuracy within 161 km, mean and median error in km, AUC of the log errors, lookups/s."""
    from ..eval.toponyms import lookup_speed, read, score_end_to_end, score_gold_spans

    records = read(path)[:limit]
    report = score_gold_spans(records) if gold_spans else score_end_to_end(records)
    names = [r["text"][t["start"]:t["end"]] for r in records for t in r["toponyms"]]
    report["lookups_per_s"] = lookup_speed(names)
    report["mode"] = "gold_spans" if gold_spans else "end_to_end"
    report["file"] = str(path)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    fmt = lambda v, d=3: "-" if v is None else f"{v:.{d}f}"  # noqa: E731
    click.echo(f"{path.name} ({report['mode']}): n={report['n']} found={report['found']} "
               f"recall={fmt(report['recall'])} acc@161km={fmt(report['acc_161km'])} "
               f"mean_km={fmt(report['mean_km'], 0)} median_km={fmt(report['median_km'], 1)} auc={fmt(report['auc'])}"
               + (f" precision={fmt(report['precision'])}" if "precision" in report else "")
               + f" lookups/s={report['lookups_per_s']:,.0f}")
    click.echo("  within 161 km by kind of place given: " + ", ".join(
        f"{k} {fmt(v['acc_161km'])} (n={v['n']})" for k, v in report["by_kind"].items()))
    for m in report["misses"][:misses]:
        click.echo(f"  {m['id']:<16} {m['text']!r:<28} gold {m['gold']!r} {m['gold_latlon']} "
                   f"-> {m['predicted'] or 'NOT FOUND'} {'' if m['km'] is None else str(m['km']) + ' km'}")
