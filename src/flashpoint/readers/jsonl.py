"""JSONL feeds: one article a line, ``{"text": ...}`` with optional ``id``, ``title``, ``url``,
``outlet``, ``published``. A bad line is reported with its line number; the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Article
from . import ReadError, article_from_text, decode_file, make_id

FIELDS = ("id", "title", "url", "outlet", "published")


def read_jsonl(path: Path, **overrides: Any) -> Iterator[Article | ReadError]:
    text = decode_file(path)
    for number, line in enumerate(text.split("\n"), start=1):
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
