"""Readers: article files in, :class:`~flashpoint.model.Article` objects out.

``read(path)`` picks the reader by suffix (``.txt``, ``.html``/``.htm``, ``.pdf``, ``.jsonl``)
and yields articles; a folder is read recursively. Bad input raises :class:`ReadError` with the
file and the reason; for a JSONL file a bad line is reported and the other lines go on
(``iter_path`` yields the error in place of the article).

Metadata given as keyword arguments (command-line options) override what the file says. The
publication date is essential: it comes from the file, the options, or a date in the URL or file
name; a reader never guesses it from today's date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Article
from .checks import MAX_BYTES, ReadError, check_language, check_text, decode

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf", ".jsonl": "jsonl"}

__all__ = ["ReadError", "read", "iter_path", "article_from_text", "parse_date", "MAX_BYTES", "SUFFIXES"]


def iter_path(path: Path, **overrides: Any) -> Iterator[Article | ReadError]:
    """Articles of a file or folder; a file or line that cannot be read yields its ReadError."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        for file in files:
            yield from iter_path(file, **overrides)
        return
    try:
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            raise ReadError(path, f"unsupported file type {path.suffix or '(none)'!r}; "
                                  f"expected one of {', '.join(sorted(SUFFIXES))}")
        if not path.exists():
            raise ReadError(path, "no such file")
        if kind == "jsonl":  # a feed is read line by line: the size limit is per article
            from .jsonl import read_jsonl

            yield from read_jsonl(path, **overrides)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
        if kind == "text":
            from .text import read_text

            article = read_text(path, **overrides)
        elif kind == "html":
            from .html import read_html

            article = read_html(path, **overrides)
        else:
            from .pdf import read_pdf

            article = read_pdf(path, **overrides)
        yield article
    except ReadError as err:
        yield err


def read(path: Path | str, **overrides: Any) -> Iterator[Article]:
    """Articles of a file or folder; the first unreadable file raises :class:`ReadError`."""
    for item in iter_path(Path(path), **overrides):
        if isinstance(item, ReadError):
            raise item
        yield item


_DATE_IN_NAME = re.compile(r"(?<!\d)(19\d\d|20\d\d)[-_/.]?(0[1-9]|1[0-2])[-_/.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (``2021-11-15``, ``2021-11-15T08:00:00Z``) or a common written date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return dt.date(*map(int, m.groups()))
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)")


def date_from_name(*names: str | None) -> dt.date | None:
    """A date written in a URL or file name (``/2021/11/15/``, ``..._2021-11-12_...``)."""
    for name in names:
        if not name:
            continue
        m = _DATE_IN_NAME.search(name)
        if m:
            try:
                return dt.date(*map(int, m.groups()))
            except ValueError:
                continue
    return None


def article_from_text(text: str, *, source: str, id: str | None = None, title: str | None = None,
                      url: str | None = None, outlet: str | None = None, published: Any = None,
                      meta: dict[str, Any] | None = None, check: bool = True,
                      origin: str | None = None) -> Article:
    """Build an Article from text and metadata (after the bad-input checks).

    The id says where the article came from, so that an edited article keeps it and replaces
    its earlier version: its URL if it has one, else ``origin`` (a file's resolved path, or a
    feed's path and the feed's own id for the article), else its content hash. ``id`` given
    explicitly (a text file's ``ID:`` header) is kept as it is."""
    if check:
        check_text(source, text)
        check_language(source, text)
    try:
        date = parse_date(published)
    except ValueError as exc:
        raise ReadError(source, str(exc)) from None
    meta = dict(meta or {})
    if date is None:
        date = date_from_name(url, Path(source).name if source else None)
        if date is not None:
            meta["published_from"] = "url_or_filename"
    digest = content_hash(text, title=title, url=url, outlet=outlet, published=date)
    return Article(
        id=id or make_id(source, url, digest, origin=origin),
        text=text,
        original_text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=date,
        source=source,
        content_hash=digest,
        meta=meta,
    )


def content_hash(text: str, **meta: Any) -> str:
    """SHA-256 of the text and its metadata: the same article read twice has the same hash."""
    h = hashlib.sha256(text.encode("utf-8"))
    for key in sorted(meta):
        h.update(f"\x00{key}={meta[key]}".encode())
    return h.hexdigest()


def make_id(source: str | None, url: str | None, digest: str, *, origin: str | None = None,
            name: str | None = None) -> str:
    """A readable, stable article id: a name (the file stem, the feed's own id, or the URL
    slug) and a short hash of the article's identity: its URL, else ``origin``, else its
    content (``digest``). Two feeds that both number their articles 1, 2, ... give different
    ids; an edited file keeps its id."""
    base = name or ""
    if not base and source and not source.startswith("<"):
        base = Path(source.split(":")[0]).stem
    elif not base and url:
        base = url.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base)[:60].strip("-")
    identity = f"url:{url.strip().rstrip('/')}" if url and url.strip() else f"origin:{origin}" if origin else None
    tag = hashlib.sha256(identity.encode()).hexdigest() if identity else digest
    return f"{base}-{tag[:8]}" if base else tag[:16]


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None


def decode_file(path: Path) -> str:
    return decode(path, read_bytes(path))
