"""Articles per second: the local engine (one process) against the Ray engine with 1 and 2 workers,
on the same corpus, and the Ray overhead per article.

    PYTHONPATH=src python benchmarks/bench_scaling.py                 # 220 articles
    PYTHONPATH=src python benchmarks/bench_scaling.py --articles 60 --json

The corpus is built at run time (nothing of it is written to the repository) from the articles of
../shared/examples and the news documents of ../shared/benchmarks/timex/timebank.jsonl (TimeBank,
which carries publication dates), repeated with new ids if more articles are asked for. Every
engine analyses the whole corpus from a cold start: ``seconds`` includes loading the pipeline
(once per process or actor) and, for Ray, starting Ray, shipping the articles and writing the
Parquet shards; ``steady`` leaves out the start-up (the time to the first finished batch is not
measured apart, so it is the total minus the local engine's load time). Overhead per article is
(Ray 1 worker - local) / articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").exists() else Path("/work/shared")


def corpus(n: int) -> list:
    from flashpoint.ingest import iter_inputs
    from flashpoint.model import Article
    from flashpoint.readers import parse_date

    articles = [a for a in iter_inputs([SHARED / "examples"]) if isinstance(a, Article)]
    for line in (SHARED / "benchmarks" / "timex" / "timebank.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(id=d["id"], text=d["text"].strip(), published=parse_date(d["published"])))
    out = []
    while len(out) < n:
        k = len(out) // len(articles)
        out += [replace(a, id=f"{a.id}~{k}" if k else a.id) for a in articles[: n - len(out)]]
    return out


def run_local(articles: list) -> dict:
    from flashpoint.pipeline import Pipeline

    t0 = time.perf_counter()
    pipeline = Pipeline.default()
    load = time.perf_counter() - t0
    failed = sum(not r.ok for r in pipeline.pipe(articles))
    total = time.perf_counter() - t0
    return {"engine": "local", "workers": 1, "seconds": round(total, 1), "load_seconds": round(load, 1),
            "articles_per_s": round(len(articles) / total, 2),
            "steady_articles_per_s": round(len(articles) / (total - load), 2), "failed": failed}


def run_ray(articles: list, workers: int, load: float) -> dict:
    import ray

    from flashpoint.engine_ray import _analyse, shards

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
        started = time.perf_counter() - t0
        _analyse(articles, Path(tmp), workers, batch_size=8)
        total = time.perf_counter() - t0
        ray.shutdown()
        failed = sum(r["error"] is not None for r in shards(Path(tmp)))
    return {"engine": "ray", "workers": workers, "seconds": round(total, 1), "ray_start_seconds": round(started, 1),
            "articles_per_s": round(len(articles) / total, 2),
            "steady_articles_per_s": round(len(articles) / (total - started - load), 2), "failed": failed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=220, help="How many articles (default 220).")
    ap.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = ap.parse_args(argv)
    import logging

    logging.getLogger("ray").setLevel(logging.ERROR)
    articles = corpus(args.articles)
    chars = sum(len(a.text) for a in articles)
    local = run_local(articles)
    rows = [local] + [run_ray(articles, w, local["load_seconds"]) for w in (1, 2)]
    one, two = rows[1], rows[2]
    summary = {"articles": len(articles), "chars": chars, "runs": rows,
               "ray_overhead_ms_per_article": round(1000 * (one["seconds"] - local["seconds"]) / len(articles), 1),
               "speedup_2_over_1_workers": round(one["seconds"] / two["seconds"], 2),
               "steady_speedup_2_over_1_workers": round(two["steady_articles_per_s"] / one["steady_articles_per_s"], 2)}
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{len(articles)} articles, {chars / len(articles):.0f} characters each on average")
    print(f"{'engine':<8}{'workers':>8}{'seconds':>9}{'art/s':>8}{'steady art/s':>14}{'failed':>8}")
    for r in rows:
        print(f"{r['engine']:<8}{r['workers']:>8}{r['seconds']:>9}{r['articles_per_s']:>8}"
              f"{r['steady_articles_per_s']:>14}{r['failed']:>8}")
    print(f"Ray overhead {summary['ray_overhead_ms_per_article']} ms/article; 2 workers / 1 worker: "
          f"{summary['speedup_2_over_1_workers']}x (steady {summary['steady_speedup_2_over_1_workers']}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
