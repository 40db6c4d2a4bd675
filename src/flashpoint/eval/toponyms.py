"""Score toponym recognition and resolution on a JSONL benchmark.

Input: one article a line, ``{"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon"}]}``
(the format of GeoWebNews and GeoVirus in shared/benchmarks/toponyms).

- ``gold_spans=True``: resolve the gold spans only (resolution measured alone);
- otherwise the ``nlp`` and ``place`` stages run end to end (no repair, so offsets stay those of
  the file), and a gold toponym is found when a predicted place's span overlaps it.

Distances are great-circle kilometres. ``acc_161km`` is the share of resolved gold toponyms
within 161 km (100 miles); an unresolved one counts with the largest error on Earth (20,039 km)
in the distance figures. ``auc`` is the area under the curve of the sorted, log-scaled errors
as in Gritta et al. (2018, "What's missing in geoparsing?"): 0 is perfect, 1 is worst.

Every place is scored by its distance alone, a country as much as a town (the event scorer takes
a country-level place as right by its country): ``by_kind`` gives the share within 161 km by the
kind of place given (country, admin1, city, ...), so that a benchmark whose gold points for
countries follow another convention than GeoNames' (GeoVirus: Canada at 60 N, 95 W) shows it.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_KM = 20039.0


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def auc(errors: list[float]) -> float | None:
    """Area under the sorted ``ln(1 + km)`` curve, scaled by ``ln(20039)`` (Gritta et al. 2018)."""
    if len(errors) < 2:
        return None
    ys = sorted(math.log(1 + e) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / (math.log(MAX_KM) * (len(ys) - 1))


def read(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(ln) for ln in fh if ln.strip()]


def by_kind(kinds: list[str], errors: list[float]) -> dict[str, dict[str, Any]]:
    """Count and share within 161 km of the resolved toponyms, by the kind of place given
    (``none`` for a toponym left unresolved)."""
    out: dict[str, dict[str, Any]] = {}
    for kind, err in zip(kinds, errors):
        row = out.setdefault(kind, {"n": 0, "within_161km": 0})
        row["n"] += 1
        row["within_161km"] += err <= 161
    for row in out.values():
        row["acc_161km"] = row["within_161km"] / row["n"]
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["n"]))


def summarise(errors: list[float], *, n_gold: int, found: int, predicted: int | None, correct_pred: int | None,
              misses: list[dict[str, Any]]) -> dict[str, Any]:
    report: dict[str, Any] = {
        "n": n_gold,
        "found": found,
        "recall": found / n_gold if n_gold else None,
        "acc_161km": sum(e <= 161 for e in errors) / len(errors) if errors else None,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "auc": auc(errors),
    }
    if predicted is not None:
        report["predicted"] = predicted
        report["precision"] = correct_pred / predicted if predicted else None
    report["misses"] = misses
    return report


def score_gold_spans(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Resolve every gold span with the place stage's rules and measure the error."""
    from ..stages.place import resolve_spans

    errors: list[float] = []
    kinds: list[str] = []
    misses: list[dict[str, Any]] = []
    n = 0
    t0 = time.perf_counter()
    for rec in records:
        spans = [(t["start"], t["end"]) for t in rec["toponyms"]]
        places = resolve_spans(rec["text"], spans)
        for t, place in zip(rec["toponyms"], places):
            n += 1
            err = MAX_KM if place is None else haversine(t["lat"], t["lon"], place.lat, place.lon)
            errors.append(err)
            kinds.append("none" if place is None else place.kind)
            if err > 161:
                misses.append(_miss(rec, t, place, err))
    elapsed = time.perf_counter() - t0
    report = summarise(errors, n_gold=n, found=n, predicted=None, correct_pred=None, misses=misses)
    report["by_kind"] = by_kind(kinds, errors)
    report["resolved_per_s"] = n / elapsed if elapsed else None
    return report


def score_end_to_end(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Run ``nlp`` and ``place`` on each text; match predicted places to gold spans by overlap."""
    from ..pipeline import Pipeline
    from ..readers import article_from_text

    pipeline = Pipeline(["nlp", "place"])
    records = list(records)
    articles = [article_from_text(r["text"], source=r["id"], id=r["id"], check=False) for r in records]
    errors: list[float] = []
    kinds: list[str] = []
    misses: list[dict[str, Any]] = []
    n = found = predicted = correct_pred = 0
    t0 = time.perf_counter()
    results = list(pipeline.pipe(articles))
    elapsed = time.perf_counter() - t0
    for rec, result in zip(records, results):
        if not result.ok:
            raise RuntimeError(str(result.error))
        article = result.article
        assert article.text == rec["text"], "the benchmark text must reach the place stage unchanged"
        places = [p for p in article.places if p.span is not None]
        predicted += len(places)
        correct_pred += sum(any(_overlap(p.span.start, p.span.end, t["start"], t["end"]) for t in rec["toponyms"])
                            for p in places)
        for t in rec["toponyms"]:
            n += 1
            hits = [p for p in places if _overlap(p.span.start, p.span.end, t["start"], t["end"])]
            if not hits:
                misses.append(_miss(rec, t, None, None))
                continue
            found += 1
            place = max(hits, key=lambda p: min(p.span.end, t["end"]) - max(p.span.start, t["start"]))
            err = haversine(t["lat"], t["lon"], place.lat, place.lon)
            errors.append(err)
            kinds.append(place.kind)
            if err > 161:
                misses.append(_miss(rec, t, place, err))
    report = summarise(errors, n_gold=n, found=found, predicted=predicted, correct_pred=correct_pred, misses=misses)
    report["by_kind"] = by_kind(kinds, errors)
    report["articles_per_s"] = len(records) / elapsed if elapsed else None
    return report


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _miss(rec: dict[str, Any], t: dict[str, Any], place: Any, err: float | None) -> dict[str, Any]:
    return {"id": rec["id"], "text": rec["text"][t["start"]:t["end"]], "gold": t.get("name"),
            "gold_latlon": [t["lat"], t["lon"]],
            "predicted": None if place is None else f"{place.name} ({place.kind}, {','.join(place.countries)})",
            "km": None if err is None else round(err)}


def lookup_speed(names: list[str], *, repeat: int = 3) -> float:
    """Gazetteer lookups per second over ``names`` (the gazetteer loaded beforehand)."""
    from ..stages.place_gazetteer import load

    gaz = load()
    t0 = time.perf_counter()
    for _ in range(repeat):
        for name in names:
            gaz.lookup(name)
    elapsed = time.perf_counter() - t0
    return repeat * len(names) / elapsed if elapsed else float("inf")
