"""The Ray engine of ``flashpoint ingest --engine ray``: the pipeline in a Ray Data actor pool,
its results as a Parquet dataset, the store loaded from it.

The driver reads the inputs (files, folders, JSONL dumps) and leaves out the articles already done:
stored in the database with the same content hash and pipeline version, or present without error
in the dataset (a re-run after an interruption analyses only what is missing). Ray Data then sends
the rest, in batches, to a pool of actors that each load the pipeline once; every article comes
back as one row, analysed or with its error (a crashing article is reported, never dropped; a dead
worker's batch is retried by Ray). Each actor writes its batches' rows as Parquet shards under
``OUT/articles/``:

    OUT/articles/<run uuid>_<actor>-<n>.parquet     one row per article, one file per batch:
        id, content_hash, pipeline_version, published, outlet, source, n_events,
        error (NULL when analysed), record (the analysed Article as JSON, as the store keeps it)

Only the driver writes the DuckDB store (it has a single writer): each shard row not yet stored is
written by :meth:`~flashpoint.store.Store.write_article`, the same call as the local engine's, so
both engines give the same rows and event ids; ``flashpoint flashpoints``/``alerts``/``watch``
then merge the new articles in incrementally.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .ingest import Summary, to_analyse
from .model import Article
from .pipeline import PIPELINE_VERSION, Pipeline
from .readers import ReadError
from .store import Store

COLUMNS = ["id", "content_hash", "pipeline_version", "published", "outlet", "source", "n_events", "error",
           "record"]


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c == "n_events" else pa.string()) for c in COLUMNS])


class Analyze:
    """A Ray Data actor: loads the pipeline once; analyses a batch of articles (``Article.to_dict``
    JSON), writes one row per article, errors included, as a Parquet shard of its own under
    ``out/articles`` and returns the shard's name and row count.

    The actor writes its shard itself, where Ray Data's ``write_parquet`` would run a write task per
    block: each such task took a new worker process (about a second of CPU to start, import pyarrow
    and Ray Data), which on a machine whose cores the actors hold is taken from the actors."""

    def __init__(self, out: str, run: str) -> None:
        self.pipeline = Pipeline.default()
        self.folder = Path(out) / "articles"
        self.prefix = f"{run}_{uuid.uuid4().hex[:8]}"
        self.written = 0

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        articles = [Article.from_dict(json.loads(r)) for r in batch["article"]]
        rows = [row(r.article, str(r.error) if r.error else None) for r in self.pipeline.pipe(articles)]
        name = f"{self.prefix}-{self.written}.parquet"
        write_shard(rows, self.folder / name)
        self.written += 1
        return {"shard": [name], "rows": [len(rows)]}


def row(article: Article, error: str | None) -> dict[str, Any]:
    return {"id": article.id, "content_hash": article.content_hash, "pipeline_version": PIPELINE_VERSION,
            "published": article.published.isoformat() if article.published else None,
            "outlet": article.outlet, "source": article.source,
            "n_events": 0 if error else len(article.events), "error": error,
            "record": None if error else json.dumps(article.to_dict(), ensure_ascii=False)}


def write_shard(rows: list[dict[str, Any]], path: Path) -> None:
    """Write ``rows`` as the Parquet file ``path``, whole or not at all (written under a name
    :func:`shards` does not read, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), partial)
    os.replace(partial, path)


def shards(out: Path) -> Iterator[dict[str, Any]]:
    """The rows of the dataset's shards (a shard cut short by an interruption is left out)."""
    import pyarrow.parquet as pq

    for path in sorted((out / "articles").glob("*.parquet")):
        try:
            table = pq.read_table(path, columns=COLUMNS)
        except Exception:  # noqa: BLE001 - a partial file from an interrupted run: its articles are redone
            continue
        yield from table.to_pylist()


def ingest_ray(paths: Iterable[Path], db: str | Path, out: str | Path, *, address: str | None = None,
               workers: int = 2, batch_size: int = 8, overrides: dict[str, Any] | None = None,
               on_article: Callable[[str, str, Article | None], None] | None = None,
               check_date: Callable[[Article], Article | ReadError] | None = None,
               lock_wait: float | None = None) -> Summary:
    """Ingest ``paths`` into ``db`` through Ray (``address``: an existing cluster, e.g.
    ``ray://head:10001`` or ``auto``; without it a local Ray with ``workers`` CPUs is started),
    keeping the analysed articles in the Parquet dataset ``out``. Reports as :func:`ingest` does."""
    import ray

    out = Path(out)
    summary = Summary()
    report = on_article or (lambda *_: None)
    done = {(r["id"], r["content_hash"]) for r in shards(out)
            if r["error"] is None and r["pipeline_version"] == PIPELINE_VERSION}
    todo: list[Article] = []
    pending: set[str] = set()  # read, and not stored yet: analysed now or found in the dataset
    with Store(db, lock_wait=lock_wait) as store:
        for item in to_analyse(store, paths, overrides, check_date, summary, report):
            pending.add(item.id)
            if (item.id, item.content_hash) not in done:
                todo.append(item)
    if todo:
        started = not ray.is_initialized()
        if started:
            ray.init(address=address, **({} if address else {"num_cpus": workers}),
                     include_dashboard=False, log_to_driver=False, configure_logging=False)
        try:
            _analyse(todo, out, workers, batch_size)
        finally:
            if started:
                ray.shutdown()
    _load(out, db, summary, report, lock_wait, wanted=pending)
    return summary


def _analyse(articles: list[Article], out: Path, workers: int, batch_size: int) -> list[str]:
    """Analyse ``articles`` in a pool of ``workers`` actors; returns the names of the shards written.

    Each block is one batch (one actor call, one shard), sized by :func:`block_sizes`, so the pool
    hands out work a batch at a time and the last batches are small: no actor is left with a large
    last batch while the others idle."""
    import pyarrow as pa
    import ray.data
    from ray.data import ActorPoolStrategy

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    items = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
    blocks, start = [], 0
    for size in block_sizes(len(items), workers, batch_size):
        blocks.append(pa.table({"article": items[start:start + size]}))
        start += size
    ds = ray.data.from_blocks(blocks)  # built here: from_arrow would run a task (a worker process) per block
    ds = ds.map_batches(Analyze, fn_constructor_args=(str(out), uuid.uuid4().hex), batch_size=None,
                        batch_format="numpy", num_cpus=1, compute=ActorPoolStrategy(size=workers),
                        max_restarts=2, max_task_retries=2)
    return [r["shard"] for r in ds.take_all()]


def block_sizes(n: int, workers: int, batch_size: int) -> list[int]:
    """How ``n`` articles are cut into batches: ``batch_size`` at most, and at most a
    ``2 * workers``-th of what is left (guided self-scheduling), so the batches shrink to one
    article at the end and the actors finish within about an article of each other."""
    sizes: list[int] = []
    while n > 0:
        sizes.append(max(1, min(batch_size, -(-n // (2 * workers)))))
        n -= sizes[-1]
    return sizes


def _load(out: Path, db: str | Path, summary: Summary, report: Callable, lock_wait: float | None,
          wanted: set[str]) -> None:
    """Write the dataset's rows for ``wanted`` articles into the store (one transaction each)."""
    seen: set[str] = set()
    failed: dict[str, str] = {}
    with Store(db, lock_wait=lock_wait) as store:
        for r in shards(out):
            if r["id"] not in wanted or r["id"] in seen or r["pipeline_version"] != PIPELINE_VERSION:
                continue
            if r["error"] is not None:
                failed[r["id"]] = r["error"]
                continue
            seen.add(r["id"])
            article = Article.from_dict(json.loads(r["record"]))
            kind = store.write_article(article)
            setattr(summary, kind, getattr(summary, kind) + 1)
            if kind != "unchanged":
                summary.events += len(article.events)
            report(kind, article.id, article)
        store.sort_event_actors()  # once the articles written add a tenth to it
    for article_id, error in failed.items():
        if article_id not in seen:  # failed in every run that took it
            summary.failures.append(error)
            report("failed", error, None)
    for article_id in sorted(wanted - seen - set(failed)):
        # no shard holds it: no worker ran it (Ray could not schedule the pool, or it stopped);
        # an empty run is a failure, not a success with nothing new
        error = f"{article_id}: not analysed: no Ray worker returned it (run the command again; what was analysed is kept)"
        summary.failures.append(error)
        report("failed", error, None)
