"""JSONL feeds: one article a line, ``{"text": ...}`` with optional ``id``, ``title``, ``url``,
``outlet``, ``published``. A bad line is reported with its line number; the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Article
from . import ReadError, article_from_text, make_id
from .checks import MAX_BYTES

FIELDS = ("id", "title", "url", "outlet", "published")


def read_jsonl(path: Path, **overrides: Any) -> Iterator[Article | ReadError]:
    """The articles of a feed, read line by line (a 1 GB feed of small articles in constant
    memory); a line over the size limit or not UTF-8 is reported and the others go on."""
    for number, line in _lines(path):
        if isinstance(line, ReadError):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, f"expected a JSON object, got {type(record).__name__}")
            continue
        body = record.get("text")
        if not isinstance(body, str):
            yield ReadError(where, "no \"text\" field with the article text")
            continue
        fields = {k: record.get(k) for k in FIELDS if record.get(k) not in (None, "")}
        own_id = str(fields.pop("id")) if "id" in fields else None
        if own_id is not None:  # a feed's ids are its own: qualified by the feed, never used bare
            fields["id"] = make_id(where, fields.get("url"), "", origin=f"{path.resolve()}#{own_id}",
                                   name=f"{path.stem}-{own_id}")
        fields.update({k: v for k, v in overrides.items() if v is not None})
        meta = {k: v for k, v in record.items() if k not in FIELDS and k != "text"}
        try:
            yield article_from_text(body, source=where, meta=meta, **fields)
        except ReadError as err:
            yield err


def _lines(path: Path) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, text) for each line of ``path``, decoded one at a time; a line longer than
    :data:`MAX_BYTES` is skipped unread (its number with a ReadError)."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield 0, ReadError(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        number, seen = 0, False
        while True:
            raw = fh.readline(MAX_BYTES + 1)
            if not raw:
                if not seen:
                    yield 0, ReadError(path, "empty file")
                return
            number += 1
            seen = seen or bool(raw.strip())
            if number == 1 and b"\x00" in raw[:8192]:
                yield 0, ReadError(path, "binary file (contains NUL bytes), not text")
                return
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = fh.readline(1 << 20)
                yield number, ReadError(f"{path}:{number}", f"line too large (over {MAX_BYTES / 1e6:.0f} MB)")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, ReadError(f"{path}:{number}", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                                                            f"at column {exc.start + 1}); convert it with iconv -t UTF-8")
