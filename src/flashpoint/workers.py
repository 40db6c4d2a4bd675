"""Worker processes for ingest: the pipeline runs in ``workers`` processes that each load the
model once and return plain :class:`~flashpoint.model.Article` records.

A worker that dies (the OOM killer, a crash in native code) breaks the process pool; the run goes
on in a fresh pool. The articles that were in flight are tried again one at a time, so the one
that killed its worker is found: it fails alone (reported as failed after its second try) and
the others are analysed. Workers die with their parent (Linux: the parent-death signal), so a
killed ingest leaves no 0.5 GB process behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .model import Article
from .pipeline import Pipeline, Result, StageError

_PIPELINE: Pipeline | None = None
_PR_SET_PDEATHSIG = 1


class WorkerDied(RuntimeError):
    """The worker analysing an article died twice on it."""


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux only; elsewhere a no-op);
    exit now if the parent ``parent`` is gone already (it died while this process started)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:
            return
    if os.getppid() != parent:
        os._exit(1)


def _init_worker(model: str | Path | None, parent: int) -> None:
    global _PIPELINE
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _PIPELINE = Pipeline.default(model=model)


def _analyze(article: Article) -> Result:
    assert _PIPELINE is not None
    (result,) = _PIPELINE.pipe([article])
    return result


def run_pool(articles: list[Article], workers: int, model: str | Path | None = None) -> Iterator[Result]:
    """Analyse ``articles`` in ``workers`` processes, a bounded number in flight; results come in
    the order they finish. A dead worker costs its article only (see the module's docstring)."""
    todo = deque(articles)
    suspects: deque[Article] = deque()  # in flight when a pool broke: tried again one at a time
    breaks: dict[int, int] = {}  # id(article) -> pools that broke while it was in flight
    while todo or suspects:
        in_flight: list[Article] = []
        pool, clean = _pool(workers, model), False
        try:
            pending: dict[Future[Result], Article] = {}
            try:
                while (todo or suspects or pending) and not in_flight:
                    while len(pending) < (1 if suspects else workers * 4) and (suspects or todo):
                        article = (suspects or todo).popleft()
                        pending[pool.submit(_analyze, article)] = article
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        article = pending.pop(future)
                        try:
                            yield future.result()
                        except BrokenProcessPool:
                            in_flight.append(article)
                        except Exception as exc:  # noqa: BLE001 - an error in a worker fails its article only
                            yield Result(article, StageError("worker", article.id, exc))
            except BrokenProcessPool:  # from submit: the pool broke before the result was read
                in_flight.append(article)
            in_flight += pending.values()
            for future in pending:
                future.cancel()
            clean = True
        finally:  # on Ctrl-C or SIGTERM, do not wait for the articles in flight
            if not clean:
                _kill_workers(pool)
            pool.shutdown(wait=clean, cancel_futures=True)
        for article in in_flight:
            breaks[id(article)] = breaks.get(id(article), 0) + 1
            if len(in_flight) == 1 and breaks[id(article)] >= 2:
                yield Result(article, StageError("worker", article.id, WorkerDied(
                    "its worker process died twice on this article (out of memory?)")))
            else:
                suspects.append(article)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now. Interrupted, the pool must not be left to wind down: at exit
    Python joins its manager thread, which waits for every worker, and a worker caught half
    spawned (or deep in a long article) would hold the interrupted command open indefinitely.

    A worker killed while it sent its result (a long article's is larger than a pipe holds)
    leaves the manager thread waiting for the rest of it, forever: this process holds the other
    end of the results pipe too, so the read never ends. Once the workers are dead, that end is
    closed here: the read ends (the pool counts as broken and winds down)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
    else:
        for process in processes:
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):  # gone already, or never started
                pass
    sentinels = []
    for process in processes:
        try:
            sentinels.append(process.sentinel)
        except ValueError:  # never started
            pass
    multiprocessing.connection.wait(sentinels, timeout=10)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()


def _pool(workers: int, model: str | Path | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(model, os.getpid()))
