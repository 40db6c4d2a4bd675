"""Re-analyse stored articles from their stored original text: after an upgrade (another
:data:`~flashpoint.pipeline.PIPELINE_VERSION`) the whole store gets the new extraction without
the input files. Each article is rewritten in one transaction; then the merge is brought up to
date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .escalation.build import refresh
from .ingest import Summary, _run_local
from .model import Article
from .pipeline import PIPELINE_VERSION, Pipeline
from .store import Store
from .workers import run_pool

BATCH = 200


def reanalyze(db: str | Path, *, everything: bool = False, workers: int = 1, pipeline: Pipeline | None = None,
              on_article: Callable[[str, str, Article | None], None] | None = None) -> Summary:
    """Re-analyse the articles of ``db`` stored by another pipeline version (``everything``: all
    of them); ``on_article`` as for :func:`~flashpoint.ingest.ingest`."""
    summary = Summary()
    report = on_article or (lambda *_: None)
    with Store(db) as store:
        sql = "SELECT id FROM articles" + ("" if everything else " WHERE pipeline_version IS DISTINCT FROM ?")
        ids = [r[0] for r in store.con.execute(sql + " ORDER BY id", [] if everything else [PIPELINE_VERSION]).fetchall()]
        summary.unchanged = store.counts()["articles"] - len(ids)
        for start in range(0, len(ids), BATCH):
            todo = list(_as_read(store, ids[start:start + BATCH]))
            summary.read += len(todo)
            results = (_run_local(todo, pipeline) if workers <= 1 or len(todo) <= 1 else run_pool(todo, workers))
            for result in results:
                if not result.ok:
                    summary.failures.append(str(result.error))
                    report("failed", str(result.error), result.article)
                    continue
                store.write_article(result.article, force=True)
                summary.replaced += 1
                summary.events += len(result.article.events)
                report("replaced", result.article.id, result.article)
        refresh(store)
    return summary


def _as_read(store: Store, ids: list[str]) -> Iterator[Article]:
    """The stored articles as a reader gave them: original text and metadata, nothing found yet."""
    for article_id in ids:
        stored = store.article(article_id)
        if stored is None:
            continue
        text = stored.original_text or stored.text
        yield Article(id=stored.id, text=text, original_text=text, published=stored.published, title=stored.title,
                      url=stored.url, outlet=stored.outlet, source=stored.source,
                      content_hash=stored.content_hash, meta=dict(stored.meta))
