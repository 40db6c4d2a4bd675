"""Watch folders: ingest new and changed article files as they arrive, merge them in, and raise
each new alert once.

Folders are polled (no dependency, and it works the same on network drives): a file is taken
when its size and modification time have not changed for ``settle`` seconds, so a file still
being written is waited for. Each cycle ingests the files that are ready (stored articles are
skipped by content hash and pipeline version, as ``flashpoint ingest`` does), brings the merged
events and flashpoints up to date (:func:`~flashpoint.escalation.build.open_merged`, incremental)
and evaluates the alerts. An alert's id is a hash of what identifies it (flashpoint, rule,
evaluation period), so the alerts log, which records every alert raised, tells a restarted
watcher which alerts it has already raised: none is raised twice and none is missed.

The store is opened only during a cycle, so ``flashpoint serve`` and the other commands can read
it between cycles.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .readers import SUFFIXES

#: (size, modification time in nanoseconds) of a file when last seen
Stamp = tuple[int, int]


class Stop(Exception):
    """Raised between two articles when the watcher has been asked to stop."""


def alert_id(alert: dict[str, Any], by: str) -> str:
    """A stable id for an alert: the same flashpoint, rule and period give the same id whatever the
    values (which grow as reports of the same week come in)."""
    key = "|".join([alert["flashpoint"], alert["rule"], by, alert["period"]["start"], alert["period"]["end"]])
    return "alert-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def scan(folders: Iterable[Path]) -> dict[Path, Stamp]:
    """The article files under ``folders`` (by suffix, as the readers take them), with their stamps."""
    found: dict[Path, Stamp] = {}
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
                continue
            try:
                st = path.stat()
            except FileNotFoundError:  # removed between listing and stat
                continue
            if path.is_file():
                found[path] = (st.st_size, st.st_mtime_ns)
    return found


@dataclass
class Tracker:
    """Which files are ready to ingest: new or changed files whose stamp has held for ``settle``
    seconds (a file being written keeps changing its size or time)."""

    settle: float
    done: dict[Path, Stamp] = field(default_factory=dict)
    seen: dict[Path, tuple[Stamp, float]] = field(default_factory=dict)

    def ready(self, files: dict[Path, Stamp], now: float) -> list[Path]:
        out = []
        for path, stamp in files.items():
            if self.done.get(path) == stamp:
                continue
            last = self.seen.get(path)
            if last is None or last[0] != stamp:
                self.seen[path] = (stamp, now)
                if self.settle > 0:
                    continue
                last = self.seen[path]
            if now - last[1] >= self.settle:
                out.append(path)
        for path in set(self.seen) - set(files):
            del self.seen[path]
        return sorted(out)

    def mark(self, path: Path, stamp: Stamp) -> None:
        self.done[path] = stamp
        self.seen.pop(path, None)


class AlertLog:
    """The alerts raised, one JSON object a line, each with its id; read back on start."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.raised: set[str] = set()
        if self.path.exists():
            for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    self.raised.add(json.loads(line)["id"])
                except (ValueError, KeyError, TypeError):
                    raise ValueError(f"{self.path}: line {n} is not an alert record") from None

    def append(self, alert: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(alert, ensure_ascii=False, default=str) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.raised.add(alert["id"])


def post_json(url: str, payload: dict[str, Any], timeout: float = 5.0) -> None:
    """POST ``payload`` as JSON to ``url`` (a webhook); raises OSError when it cannot be delivered."""
    body = json.dumps(payload, ensure_ascii=False, default=str).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the user's URL
        response.read()


@dataclass
class Watcher:
    """One watch over ``folders`` into the database ``db``. Call :meth:`cycle` repeatedly (the
    command does, every ``interval`` seconds); set :attr:`stopping` to stop after the article in
    hand."""

    folders: list[Path]
    db: Path
    log: AlertLog
    settle: float = 2.0
    by: str = "week"
    config: Path | None = None
    on_article: Callable[[str, str, Any], None] = lambda *_: None
    on_alert: Callable[[dict[str, Any]], None] = lambda _: None
    stopping: bool = False
    tracker: Tracker = field(init=False)
    _pipeline: Any = None
    _evaluated: bool = False

    def __post_init__(self) -> None:
        self.tracker = Tracker(self.settle)

    def cycle(self) -> list[dict[str, Any]] | None:
        """Ingest the files that are ready, merge, and return the alerts not raised before (each
        already appended to the log and passed to ``on_alert``); None when nothing was new."""
        files = scan(self.folders)
        ready = self.tracker.ready(files, time.monotonic())
        if ready:
            self._evaluated = False
            self._ingest(ready, files)
        if self._evaluated:
            return None  # nothing new since the last evaluation
        found = self._alerts()
        self._evaluated = True
        return found

    def _ingest(self, ready: list[Path], files: dict[Path, Stamp]) -> None:
        from .ingest import ingest
        from .pipeline import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline.default()

        def report(kind: str, where: str, article: Any) -> None:
            self.on_article(kind, where, article)
            if self.stopping:
                raise Stop

        for path in ready:  # one file at a time: a stop lands between two files
            ingest([path], self.db, pipeline=self._pipeline, on_article=report, check_date=_dated)
            self.tracker.mark(path, files[path])

    def _alerts(self) -> list[dict[str, Any]]:
        from .escalation.alerts import alerts
        from .escalation.build import open_merged
        from .escalation.flashpoints import flashpoints

        if not self.db.exists():
            return []
        with open_merged(self.db) as store:
            found = alerts(store.con, flashpoints(store.con, self.config), by=self.by)
        new = []
        for a in sorted(found, key=lambda a: (a["period"]["end"], a["flashpoint"], a["rule"])):
            a = {"id": alert_id(a, self.by), "by": self.by, **a}
            if a["id"] in self.log.raised:
                continue
            self.log.append(a)
            self.on_alert(a)
            new.append(a)
        return new


def _dated(article: Any) -> Any:
    """A watched article needs its publication date (nobody is there to be asked)."""
    from .readers import ReadError

    if article.published is None:
        return ReadError(article.source or article.id, "no publication date in the file")
    return article
