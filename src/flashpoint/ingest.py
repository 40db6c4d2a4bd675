"""Ingest: read article files, run the pipeline, store the results; resumable and idempotent.

Articles already stored with the same content hash and pipeline version are skipped before
analysis, so an interrupted ingest run again finishes the job with no duplicate and no loss
(each article is written in one transaction); then the merged tables are brought up to date, so
that the query commands only ever read. With ``workers > 1`` the pipeline runs in worker
processes that each load the model once and return plain :class:`~flashpoint.model.Article`
records, never spaCy objects; only this process writes to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .escalation.build import refresh as refresh_merge
from .model import Article
from .pipeline import PIPELINE_VERSION, Pipeline, Result
from .readers import ReadError, iter_path
from .store import Store
from .workers import run_pool as _run_pool


@dataclass
class Summary:
    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.replaced

    def line(self) -> str:
        return (f"{self.read} articles read: {self.new} new, {self.replaced} replaced, {self.unchanged} "
                f"unchanged; {self.events} events stored; {len(self.failures)} failed")


def iter_inputs(paths: Iterable[Path], **overrides: Any) -> Iterator[Article | ReadError]:
    for path in paths:
        yield from iter_path(Path(path), **overrides)


def to_analyse(store: Store, paths: Iterable[Path], overrides: dict[str, Any] | None,
               check_date: Callable[[Article], Article | ReadError] | None, summary: "Summary",
               report: Callable[[str, str, Article | None], None]) -> Iterator[Article]:
    """The articles read from ``paths`` that ``store`` does not hold as they are (by this pipeline
    version); a file that cannot be read, and an article already stored, are counted in
    ``summary`` and reported as they go by (shared by the local and the Ray engine)."""
    for item in iter_inputs(paths, **(overrides or {})):
        if isinstance(item, Article) and check_date is not None:
            item = check_date(item)
        if isinstance(item, ReadError):
            summary.failures.append(str(item))
            report("failed", str(item), None)
            continue
        summary.read += 1
        if store.status_of(item, PIPELINE_VERSION) == "unchanged":
            summary.unchanged += 1
            report("unchanged", item.id, item)
            continue
        yield item


def ingest(paths: Iterable[Path], db: str | Path, *, workers: int = 1, overrides: dict[str, Any] | None = None,
           on_article: Callable[[str, str, Article | None], None] | None = None,
           pipeline: Pipeline | None = None, check_date: Callable[[Article], Article | ReadError] | None = None,
           model: str | Path | None = None, lock_wait: float | None = None) -> Summary:
    """Ingest files and folders into the database ``db``.

    ``on_article(kind, where, article)`` is called once per input with kind "new", "replaced",
    "unchanged" or "failed" (``where`` is the article id or the error message). ``model``: an
    event-type model directory for the default pipeline (see :meth:`Pipeline.default`).
    ``lock_wait``: how long to wait for another process holding the database (see :class:`Store`).
    """
    if model is not None:
        from .classifier import load_classifier

        load_classifier(model)  # a bad model directory fails before any article is read
    summary = Summary()
    report = on_article or (lambda *_: None)
    with Store(db, lock_wait=lock_wait) as store:
        todo = list(to_analyse(store, paths, overrides, check_date, summary, report))
        results = (_run_local(todo, pipeline, model) if workers <= 1 or len(todo) <= 1
                   else _run_pool(todo, workers, model))
        # closed when the loop stops, also on Ctrl-C or SIGTERM while an article is written or
        # reported: otherwise the generator waits, held by the exception's traceback, for the
        # garbage collector at exit, and the worker pool it would kill goes on with the
        # articles in flight, which Python's exit then waits for (tens of seconds under load)
        with closing(results):
            for result in results:
                if not result.ok:
                    summary.failures.append(str(result.error))
                    report("failed", str(result.error), result.article)
                    continue
                kind = store.write_article(result.article)
                setattr(summary, kind, getattr(summary, kind) + 1)
                if kind != "unchanged":
                    summary.events += len(result.article.events)
                report(kind, result.article.id, result.article)
        store.sort_event_actors()  # once the articles written add a tenth to it
        refresh_merge(store)  # the writer keeps the merge up to date, so that queries only read
    return summary


def _run_local(articles: list[Article], pipeline: Pipeline | None, model: str | Path | None = None
               ) -> Iterator[Result]:
    if not articles:
        return
    pipeline = pipeline or Pipeline.default(model=model)
    yield from pipeline.pipe(articles)
