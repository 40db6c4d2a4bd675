"""How the pipeline's time and memory grow with the length of one article, up to 1 MB.

    PYTHONPATH=src python benchmarks/bench_length.py                  # 10 kB ... 1 MB
    PYTHONPATH=src python benchmarks/bench_length.py --sizes 20000,200000 --json

Each article is built at run time (nothing is written to the repository) from the texts of the
articles of ../shared/examples, joined paragraph after paragraph until it has the asked number of
characters. Each size runs in a fresh process that loads the default pipeline, analyses the article
once and reports the seconds the analysis took, the characters per second, the events found and the
process's peak resident memory (``ru_maxrss``) with the pipeline loaded (before) and after the
article. A stage that grows worse than linearly shows as characters per second falling with size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from bench_scaling import corpus

DEFAULT_SIZES = (10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000)


def long_text(size: int) -> str:
    """Paragraphs of the examples' texts, joined until ``size`` characters (cut at a paragraph)."""
    paragraphs = [p.strip() for a in corpus(37) for p in a.text.split("\n\n") if p.strip()]
    out: list[str] = []
    n, k = 0, 0
    while n < size:
        p = paragraphs[k % len(paragraphs)]
        out.append(p)
        n += len(p) + 2
        k += 1
    return "\n\n".join(out)[:size]


def measure(size: int) -> dict:
    """Analyse one article of ``size`` characters in this process (called in a child process)."""
    import datetime as dt

    from flashpoint.pipeline import Pipeline
    from flashpoint.readers import article_from_text

    text = long_text(size)
    pipeline = Pipeline.default()
    pipeline(article_from_text("Warm-up. Russia deployed troops.", source="<warm-up>", published=dt.date(2021, 11, 15)))
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    (result,) = pipeline.pipe([article_from_text(text, source=f"<{size} characters>", published=dt.date(2021, 11, 15),
                                                 check=False)])
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"characters": len(text), "seconds": round(seconds, 2), "characters_per_s": round(len(text) / seconds),
            "events": len(result.article.events) if result.ok else None,
            "error": str(result.error) if result.error else None,
            "peak_mb_loaded": round(loaded), "peak_mb": round(peak)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="Article lengths in characters.")
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        done = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True)
        if done.returncode != 0:
            rows.append({"characters": size, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]})
        else:
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if not args.json:
            r = rows[-1]
            print(f"{r['characters']:>9,} characters  {r.get('seconds', '-'):>7} s  {r.get('characters_per_s', '-'):>7} chars/s"
                  f"  {r.get('events', '-'):>5} events  peak {r.get('peak_mb', '-')} MB"
                  f" (loaded {r.get('peak_mb_loaded', '-')} MB){'  ' + r['error'] if r.get('error') else ''}", flush=True)
    if args.json:
        print(json.dumps({"sizes": rows}))


if __name__ == "__main__":
    main()
