"""The server's read replica: how ``flashpoint serve`` and ``flashpoint ingest`` share one DuckDB
file although DuckDB allows one writing process at a time.

The server never keeps the store open. It reads from a copy (a *snapshot*) in a folder of its
own, and holds the store's lock only for a moment: to bring the merged tables up to date (as
``flashpoint events --merged`` does) and copy the file. So:

- ``flashpoint ingest`` (another process) writes the store as usual and holds its lock for the
  whole run; the server keeps answering from its last snapshot meanwhile.
- A watcher thread looks at the store file's size and modification time every ``poll`` seconds;
  when it has changed and its lock is free, a new snapshot is made (merged, copied, opened,
  flashpoints and alerts computed) and then swapped in; requests under way finish on the old one.
- ``POST /api/v1/articles`` analyses the articles first, then takes the lock to write them
  (waiting up to ``lock_wait`` seconds for an ingest, else a 503) and makes a snapshot at once.
- If an ingest starts while the server holds the lock, the ingest waits for it
  (:data:`flashpoint.store.LOCK_WAIT`).

A snapshot never changes, so what is computed from it (flashpoints, alerts) is computed once and
kept with it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import Store, StoreLocked


class StoreBusy(Exception):
    """The store is held by another process (an ingest) longer than the server waits."""


@dataclass
class Snapshot:
    """One immutable copy of the store, opened read-only, with what was computed from it."""

    generation: int
    path: Path
    store: Store
    made_at: float
    seconds: float
    cache: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cursor(self) -> Any:
        """A connection of its own for one request (temporary tables stay with it)."""
        return self.store.con.cursor()

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per snapshot and key (two requests at once may both compute it; the
        first result is kept). Keys must come from a bounded set, never from free request text."""
        with self.lock:
            if key in self.cache:
                return self.cache[key]
        value = compute()
        with self.lock:
            return self.cache.setdefault(key, value)


def signature(db: Path) -> tuple[Any, ...]:
    """What changes when a process writes the store: size and mtime of the file and its WAL."""
    out: list[Any] = []
    for p in (db, Path(str(db) + ".wal")):
        try:
            st = p.stat()
            out += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [None, None]
    return tuple(out)


class Replica:
    """Snapshots of the store at ``db`` for a server (see the module docstring)."""

    def __init__(self, db: str | os.PathLike[str], *, workdir: str | os.PathLike[str] | None = None,
                 poll: float = 2.0, lock_wait: float = 10.0,
                 prepare: Callable[[Snapshot], None] | None = None) -> None:
        self.db = Path(db)
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="flashpoint-serve-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.poll = poll
        self.lock_wait = lock_wait
        self.prepare = prepare
        self.busy_since: float | None = None  # the store changed but was locked at the last try
        self.last_error: str | None = None
        self._sig: tuple[Any, ...] | None = None
        self._current: Snapshot | None = None
        self._old: list[Snapshot] = []
        self._generation = itertools.count(1)
        self._write = threading.Lock()  # one snapshot or write at a time in this process
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- life -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Make the first snapshot (creating an empty store if there is none) and start watching
        (once: a second call does nothing)."""
        if self._thread is not None:
            return
        if not self.db.exists():
            Store(self.db, lock_wait=self.lock_wait).close()
        self.refresh(force=True, wait=max(self.lock_wait, 60.0))
        self._thread = threading.Thread(target=self._watch, name="flashpoint-replica", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.poll + 5)
        with self._write:
            for snap in self._old + ([self._current] if self._current else []):
                _drop(snap)
            self._old, self._current = [], None
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self.refresh()
            except StoreBusy:
                pass
            except Exception as exc:  # noqa: BLE001 - keep serving the last snapshot
                self.last_error = f"{type(exc).__name__}: {exc}"

    # -- snapshots ------------------------------------------------------------------------------
    @property
    def current(self) -> Snapshot:
        snap = self._current
        if snap is None:
            raise RuntimeError("the replica is not started")
        return snap

    def changed(self) -> bool:
        return signature(self.db) != self._sig

    def refresh(self, *, force: bool = False, wait: float = 0.0) -> bool:
        """Make a new snapshot if the store changed (or ``force``); False if nothing changed.
        Raises :class:`StoreBusy` when the store stays locked for ``wait`` seconds."""
        with self._write:
            if not force and not self.changed():
                return False
            self._snapshot(wait)
            return True

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the right to write the store (the caller opens it), then snapshot it at once."""
        with self._write:
            yield
            self._snapshot(self.lock_wait)

    def _snapshot(self, wait: float) -> None:
        from ..escalation.build import open_merged

        t0 = time.perf_counter()
        gen = next(self._generation)
        target = self.workdir / f"snapshot-{gen}.duckdb"
        try:
            store = open_merged(self.db, lock_wait=wait)  # merges new articles in, then holds a read lock
        except StoreLocked as exc:
            self.busy_since = self.busy_since or time.time()
            raise StoreBusy(str(exc)) from None
        try:
            shutil.copyfile(self.db, target)
            wal = Path(str(self.db) + ".wal")
            if wal.exists():
                shutil.copyfile(wal, Path(str(target) + ".wal"))
            self._sig = signature(self.db)
        finally:
            store.close()
        snap = Snapshot(gen, target, Store(target, read_only=True, lock_wait=0), time.time(), 0.0)
        if self.prepare is not None:
            self.prepare(snap)
        snap.seconds = round(time.perf_counter() - t0, 3)
        if self._current is not None:
            self._old.append(self._current)
        self._current = snap
        self.busy_since = None
        self.last_error = None
        while len(self._old) > 1:  # the one before stays open for requests still on it
            _drop(self._old.pop(0))


def _drop(snap: Snapshot) -> None:
    try:
        snap.store.close()
    finally:
        for p in (snap.path, Path(str(snap.path) + ".wal")):
            p.unlink(missing_ok=True)
