"""Plain text, optionally opening with a header block of ``KEY: value`` lines ended by a blank
line::

    TITLE: NATO push for dangerous escalation along its European border with Russia
    DATE: 2021-11-15
    OUTLET: World Socialist Web Site
    URL: https://www.wsws.org/en/articles/2021/11/15/ukra-n15.html

    NATO push for dangerous escalation ...
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Article
from . import article_from_text, decode_file

#: Header keys and the article field each fills.
HEADER_KEYS = {
    "TITLE": "title", "DATE": "published", "PUBLISHED": "published", "URL": "url",
    "OUTLET": "outlet", "SOURCE": "outlet", "ID": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ ]{1,20}):[ \t]*(.*)$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``({KEY: value}, body)``; a text whose first line is no ``KEY: value`` has no header."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1:])
            return {}, text
        m = _HEADER_LINE.match(line.strip())
        key = m.group(1).strip() if m else ""
        if not m or not (key.isupper() or key.upper() in HEADER_KEYS):  # Date, date: any case for known keys
            return {}, text
        header[key.upper()] = m.group(2).strip()
    return {}, text


def read_text(path: Path, **overrides: Any) -> Article:
    text = decode_file(path)
    header, body = split_header(text)
    fields: dict[str, Any] = {}
    for key, value in header.items():
        if key in HEADER_KEYS and value:
            fields.setdefault(HEADER_KEYS[key], value)
    meta = {k.lower(): v for k, v in header.items() if k not in HEADER_KEYS}
    fields.update({k: v for k, v in overrides.items() if v is not None})
    return article_from_text(body, source=str(path), meta=meta, origin=str(path.resolve()), **fields)
