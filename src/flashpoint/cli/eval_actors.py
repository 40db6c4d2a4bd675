"""``flashpoint eval actors``: how well the actors stage finds and codes who acts.

Three measures, each on data read from its path (nothing is copied into the package):

- gold files (event-model JSON): for every actor, recipient and attributed_to entity of a gold
  event, is there a mention in the sentence of the event's evidence with the same country (or,
  with no country, the same sector)? This is the recall of the entities the events stage can
  draw on.
- ``--gsr`` the PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt, CC BY-SA 4.0, OEDA): each
  source and target has a surface text, a country code and a sector. Found: a mention overlaps
  the surface; country and sector accuracy are counted over all coded entities.
- ``--plv`` event-types/plv-train.jsonl (research use only): share of the marked actor and
  recipient spans in which a mention has its head.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

#: PLOVER sectors compared in the GSR (others, such as ELI or CVLalb, are older or finer codes).
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "BUS", "CVL", "JRN", "REF", "OPP", "LAB"}


def _pipeline():
    from ..pipeline import Pipeline

    return Pipeline(["repair", "nlp", "actors"])


def _run(pipeline, text: str, published: dt.date | None, source: str):
    from ..readers import article_from_text

    return pipeline(article_from_text(text, source=source, published=published, check=False))


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def score_gold(paths: list[Path], pipeline) -> dict[str, Any]:
    from ..eval.gold import fold, load_gold

    total = found = 0
    missed: list[dict[str, Any]] = []
    per_doc = []
    for path in paths:
        gold = load_gold(path)
        article = _run(pipeline, gold.text, _date(gold.published), str(path))
        sent_fold = [(s, fold(s.text)) for s in article.sentences]
        n = f = 0
        for event in gold.events:
            ev = fold(event.get("evidence", ""))
            sents = [s.index for s, t in sent_fold if ev and ev in t]
            if not sents:  # evidence across a sentence split: take the sentences it touches
                sents = [s.index for s, t in sent_fold if ev and (ev[:40] in t or ev[-40:] in t)]
            ments = [m for m in article.mentions if m.span.sentence in sents]
            for role in ("actor", "recipient", "attributed_to"):
                for ent in event.get(role) or []:
                    n += 1
                    ok = any((m.entity.country == ent.get("country")) if ent.get("country")
                             else (m.entity.country is None and m.entity.sector == ent.get("sector"))
                             for m in ments)
                    f += ok
                    if not ok:
                        missed.append({"doc": gold.id, "event": event.get("id"), "role": role,
                                       "entity": f"{ent.get('country') or '-'}{ent.get('sector') or ''}",
                                       "evidence": event.get("evidence", "")[:80]})
        per_doc.append({"id": gold.id, "entities": n, "found": f, "mentions": len(article.mentions)})
        total += n
        found += f
    return {"entities": total, "found": found, "recall": found / total if total else None,
            "documents": per_doc, "missed": missed}


def score_gsr(path: Path, pipeline, limit: int | None) -> dict[str, Any]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r.get("event") != "DOCUMENT"]
    if limit:
        records = records[:limit]
    n = found = country_n = country_ok = sector_n = sector_ok = 0
    confusions: Counter[str] = Counter()
    for rec in records:
        article = _run(pipeline, rec["text"], _date(rec.get("date")), rec["id"])
        for role in ("source", "target"):
            ents = rec.get(role)
            if isinstance(ents, dict):
                ents = [ents]
            if not isinstance(ents, list):
                continue
            for ent in ents:
                surface = (ent.get("actorText") or "").strip()
                start = article.text.find(surface) if surface else -1
                if start < 0:
                    continue
                end = start + len(surface)
                n += 1
                over = [m for m in article.mentions if m.span.start < end and start < m.span.end]
                # the mention closest in size to the marked surface
                best = min(over, key=lambda m: abs((m.span.end - m.span.start) - len(surface)), default=None)
                found += best is not None
                code = ent.get("code") or ""
                if len(code) == 3 and code.isalpha() and code not in ("IGO", "NGO", "MNC"):
                    country_n += 1
                    got = best.entity.country if best else None
                    country_ok += got == code
                    if got != code:
                        confusions[f"{code}->{got or '-'}"] += 1
                sector = ent.get("sector")
                if sector in SECTORS:
                    sector_n += 1
                    got = best.entity.sector if best else None
                    sector_ok += got == sector
                    if got != sector:
                        confusions[f"{sector}->{got or '-'}"] += 1
    return {"records": len(records), "entities": n, "found": found,
            "found_rate": found / n if n else None,
            "country_n": country_n, "country_accuracy": country_ok / country_n if country_n else None,
            "sector_n": sector_n, "sector_accuracy": sector_ok / sector_n if sector_n else None,
            "confusions": dict(confusions.most_common(15))}


def score_plv(path: Path, pipeline, limit: int | None) -> dict[str, Any]:
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if limit:
        rows = rows[:limit]
    n = found = coded = 0
    for row in rows:
        article = _run(pipeline, row["text"], None, row["id"])
        if article.text != row["text"]:
            continue  # the repair stage changed the text: the offsets no longer hold
        for role in ("actor", "recipient"):
            span = row.get(role)
            if not span:
                continue
            n += 1
            inside = [m for m in article.mentions if m.head is not None and span["start"] <= m.head < span["end"]]
            found += bool(inside)
            coded += any(m.entity.country for m in inside)
    return {"sentences": len(rows), "spans": n, "found": found, "found_rate": found / n if n else None,
            "with_country": coded, "country_rate": coded / n if n else None}


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


@click.command("actors")
@click.argument("gold_files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gsr", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt) to score country and sector coding on.")
@click.option("--plv", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="event-types/plv-train.jsonl: score how many marked actor spans hold a mention.")
@click.option("--limit", type=int, default=None, help="Score only the first N records of --gsr and --plv.")
@click.option("--details/--no-details", default=False, show_default=True, help="List the gold entities not found.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
def eval_actors(gold_files: tuple[Path, ...], gsr: Path | None, plv: Path | None, limit: int | None,
                details: bool, as_json: bool) -> None:
    """Score actor mentions against GOLD_FILES (event-model JSON) and, optionally, the PLOVER
    GSR and PLV benchmarks."""
    if not (gold_files or gsr or plv):
        raise click.UsageError("give gold files, --gsr or --plv")
    pipeline = _pipeline()
    report: dict[str, Any] = {}
    if gold_files:
        report["gold"] = score_gold(list(gold_files), pipeline)
    if gsr:
        report["gsr"] = score_gsr(gsr, pipeline, limit)
    if plv:
        report["plv"] = score_plv(plv, pipeline, limit)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    if "gold" in report:
        g = report["gold"]
        click.echo(f"gold event entities found in their sentence: {g['found']}/{g['entities']} = {_pct(g['recall'])}")
        for d in g["documents"]:
            click.echo(f"  {d['id'][:60]:<60} {d['found']:>4}/{d['entities']:<4} mentions {d['mentions']}")
        if details:
            for m in g["missed"]:
                click.echo(f"  missed {m['doc'][:24]} {m['event']} {m['role']:<13} {m['entity']:<8} {m['evidence']}")
    if "gsr" in report:
        s = report["gsr"]
        click.echo(f"PLOVER GSR ({s['records']} records): found {s['found']}/{s['entities']} = {_pct(s['found_rate'])}, "
                   f"country {_pct(s['country_accuracy'])} (n={s['country_n']}), "
                   f"sector {_pct(s['sector_accuracy'])} (n={s['sector_n']})")
        if details:
            click.echo("  most frequent errors: " + ", ".join(f"{k} {v}" for k, v in s["confusions"].items()))
    if "plv" in report:
        p = report["plv"]
        click.echo(f"PLV ({p['sentences']} sentences): spans with a mention {p['found']}/{p['spans']} = "
                   f"{_pct(p['found_rate'])}, with a country {_pct(p['country_rate'])}")
