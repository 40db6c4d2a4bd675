"""``flashpoint bench``: end-to-end throughput and peak memory of the default pipeline, beside
the bare spaCy parse of the same texts in the same process."""

from __future__ import annotations

import copy
import json
import resource
import sys
import time
from pathlib import Path

import click


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(articles: list, *, repeat: int = 1, batch_size: int = 16) -> dict:
    """Time ``Pipeline.default()`` and ``nlp.pipe`` (the nlp stage's model) on ``articles``.

    Both are warmed up on the first article first; each timing is the best of ``repeat`` runs
    on fresh copies of the articles. spaCy parses the texts as the pipeline's nlp stage sees
    them (after the repair stage), so both sides parse the same text. ``ratio`` is pipeline
    articles/s over spaCy articles/s.
    """
    from ..pipeline import Pipeline
    from ..stages.nlp import load_model

    if not articles:
        raise ValueError("no articles to time")
    pipeline = Pipeline.default()
    nlp = load_model()
    texts = [a.text for a in articles]
    list(pipeline.pipe(copy.deepcopy(articles[:1])))
    list(nlp.pipe(texts[:1]))

    best, results = float("inf"), []
    for _ in range(repeat):
        fresh = copy.deepcopy(articles)
        start = time.perf_counter()
        results = list(pipeline.pipe(fresh, batch_size=batch_size))
        best = min(best, time.perf_counter() - start)
    texts = [r.article.text for r in results]  # repaired: what the nlp stage parsed
    spacy_best, n_sents_spacy = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        spacy_best = min(spacy_best, time.perf_counter() - start)
        n_sents_spacy = sum(1 for d in docs for s in d.sents if s.text.strip())
        del docs
    n = len(articles)
    sentences = sum(len(r.article.sentences or []) for r in results)
    return {
        "articles": n,
        "sentences": sentences,
        "characters": sum(len(a.text) for a in articles),
        "errors": sum(1 for r in results if not r.ok),
        "stages": list(pipeline.names),
        "seconds": best,
        "articles_per_s": n / best,
        "sentences_per_s": sentences / best,
        "spacy_model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "spacy_seconds": spacy_best,
        "spacy_articles_per_s": n / spacy_best,
        "spacy_sentences_per_s": n_sents_spacy / spacy_best,
        "ratio": (n / best) / (n / spacy_best),
        "peak_rss_mb": peak_rss_mb(),
        "repeat": repeat,
    }


@click.command("bench")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for scripts).")
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True,
              help="Time each side this many times and keep the best run.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per batch, for the pipeline and for nlp.pipe.")
def bench(paths: tuple[Path, ...], as_json: bool, repeat: int, batch_size: int) -> None:
    """Throughput (articles/s, sentences/s) of the full default pipeline on the articles in
    PATHS (.txt, .html, .pdf, .jsonl files or folders), next to the bare spaCy parse of the same
    texts, and the peak memory of the process."""
    from ..readers import ReadError, iter_path

    articles = []
    for path in paths:
        for item in iter_path(path):
            if isinstance(item, ReadError):
                click.secho(f"skipped: {item}", fg="yellow", err=True)
            else:
                articles.append(item)
    if not articles:
        click.secho("error: no readable articles in " + ", ".join(map(str, paths)), fg="red", err=True)
        sys.exit(2)
    report = measure(articles, repeat=repeat, batch_size=batch_size)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(
        f"{report['articles']} articles, {report['sentences']} sentences, {report['characters']:,} characters"
        f" ({report['errors']} failed)\n"
        f"pipeline ({len(report['stages'])} stages: {', '.join(report['stages'])}): "
        f"{report['articles_per_s']:.2f} articles/s, {report['sentences_per_s']:.1f} sentences/s "
        f"({report['seconds']:.2f} s)\n"
        f"spaCy {report['spacy_model']} alone: {report['spacy_articles_per_s']:.2f} articles/s, "
        f"{report['spacy_sentences_per_s']:.1f} sentences/s ({report['spacy_seconds']:.2f} s)\n"
        f"ratio pipeline/spaCy: {report['ratio']:.2f}\n"
        f"peak memory: {report['peak_rss_mb']:.0f} MB"
    )
