"""``POST /api/v1/articles``: the articles a request sends go through the same readers and the
same ingest as ``flashpoint ingest`` (a JSON batch is read as a ``.jsonl`` file, uploads as the
files they are), so the same bad input gets the same one-line error."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..ingest import ingest
from ..model import Article
from ..readers import ReadError
from ..store import StoreLocked
from .errors import MAX_BODY, ApiError
from .replica import StoreBusy

RETRY_AFTER = "10"


def ingest_json(state: Any, items: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="flashpoint-post-") as tmp:
        path = Path(tmp) / "request.jsonl"
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        return _ingest(state, [path], tmp)


def safe_name(name: str | None, k: int) -> str:
    """An uploaded file's own name, without folders or odd characters (its suffix picks the reader)."""
    base = re.sub(r"[^\w.\-]+", "_", Path((name or "").replace("\\", "/")).name).strip("._")
    return base[:120] or f"upload-{k}"


def ingest_files(state: Any, files: list[Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="flashpoint-post-") as tmp:
        paths = []
        for k, upload in enumerate(files, 1):
            dest = Path(tmp) / str(k) / safe_name(upload.filename, k)
            dest.parent.mkdir()
            with dest.open("wb") as out:
                shutil.copyfileobj(upload.file, out, length=1024 * 1024)
            if dest.stat().st_size > MAX_BODY:
                raise ApiError(413, f"{dest.name}: too large")
            paths.append(dest)
        return _ingest(state, paths, tmp)


def _needs_date(article: Article) -> Article | ReadError:
    if article.published is None:
        return ReadError(article.source or article.id, "no publication date: give published (YYYY-MM-DD)")
    return article


def _ingest(state: Any, paths: list[Path], tmp: str) -> dict[str, Any]:
    replica = state.replica
    stored: list[dict[str, Any]] = []

    def on_article(kind: str, where: str, article: Article | None) -> None:
        if kind != "failed" and article is not None:
            stored.append({"id": article.id, "outcome": kind, "events": len(article.events)})

    try:
        with replica.writer():
            summary = ingest(paths, replica.db, pipeline=state.pipeline(), on_article=on_article,
                             check_date=_needs_date, lock_wait=replica.lock_wait)
    except (StoreLocked, StoreBusy):
        raise ApiError(503, "the store is being written by another process (an ingest); try again",
                       headers={"Retry-After": RETRY_AFTER}) from None
    strip = re.compile(re.escape(tmp) + r"/(\d+/)?")
    failures = [strip.sub("", f) for f in summary.failures]
    result = {"read": summary.read, "new": summary.new, "replaced": summary.replaced,
              "unchanged": summary.unchanged, "events": summary.events, "articles": stored,
              "failures": failures, "snapshot": replica.current.generation}
    if failures and not stored:
        raise ApiError(400, "; ".join(failures[:5]))
    return result
