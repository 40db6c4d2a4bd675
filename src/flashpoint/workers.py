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
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
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


#: How often the pool's wait looks for a held Ctrl-C or SIGTERM (seconds)
_POLL = 0.2


class _HeldSignals:
    """SIGINT and SIGTERM held back while this (the main) thread runs the pool's bookkeeping, and
    raised at the next safe point (:meth:`check`), between the pool's calls.

    Their handlers raise (KeyboardInterrupt; ingest's Terminated), and an exception raised from a
    handler between a lock's acquire and the ``with`` that would release it leaves that lock
    held: in ``submit`` (the work-id queue's ``put``), ``wait`` or ``Future.result``, a lock the
    pool's manager thread takes next, which then waits forever, and so does Python's exit,
    which joins that thread (seen: a SIGTERM landing in ``Queue.put`` within ``submit``). Only
    handlers that are Python functions are held; elsewhere than in the main thread, none."""

    def __init__(self) -> None:
        self.signals: list[int] = []
        self.previous: dict[int, object] = {}

    def _hold(self, signum: int, frame: object) -> None:
        self.signals.append(signum)

    def _install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            handler = signal.getsignal(signum)
            if callable(handler) and handler != self._hold:
                self.previous[signum] = handler
                signal.signal(signum, self._hold)

    def _restore(self) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self.previous = {}

    def __enter__(self) -> _HeldSignals:
        self._install()
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        previous = dict(self.previous)
        self._restore()
        if kind is None:  # none raised yet: a signal held during the shutdown is raised now
            self._raise(previous)

    def check(self) -> None:
        """Raise what the handler of a held signal raises (a safe point: no lock of the pool held)."""
        self._raise(self.previous)

    def _raise(self, handlers: dict[int, object]) -> None:
        if self.signals:
            signum = self.signals.pop(0)
            self.signals.clear()
            handlers[signum](signum, None)  # type: ignore[operator]

    @contextmanager
    def released(self) -> Iterator[None]:
        """The handlers as they were while the caller has the result (ingest writing an article
        can be interrupted as before; the pool is not touched meanwhile)."""
        self.check()
        self._restore()
        try:
            yield
        finally:
            self._install()


def run_pool(articles: list[Article], workers: int, model: str | Path | None = None) -> Iterator[Result]:
    """Analyse ``articles`` in ``workers`` processes, a bounded number in flight; results come in
    the order they finish. A dead worker costs its article only (see the module's docstring).
    Ctrl-C and SIGTERM are raised between the pool's calls, never inside them (see
    :class:`_HeldSignals`), and stop the pool: its workers are killed."""
    todo = deque(articles)
    suspects: deque[Article] = deque()  # in flight when a pool broke: tried again one at a time
    breaks: dict[int, int] = {}  # id(article) -> pools that broke while it was in flight
    with _HeldSignals() as held:
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
                        done, _ = wait(pending, timeout=_POLL, return_when=FIRST_COMPLETED)
                        held.check()
                        for future in done:
                            article = pending.pop(future)
                            try:
                                result = future.result()
                            except BrokenProcessPool:
                                in_flight.append(article)
                                continue
                            except Exception as exc:  # noqa: BLE001 - an error in a worker fails its article only
                                result = Result(article, StageError("worker", article.id, exc))
                            with held.released():
                                yield result
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
                    with held.released():
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
