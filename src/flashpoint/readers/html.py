"""Saved web pages: main text and metadata extracted with trafilatura."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article
from . import ReadError, article_from_text, decode_file


def read_html(path: Path, **overrides: Any) -> Article:
    import trafilatura

    html = decode_file(path)
    if "<" not in html:
        raise ReadError(path, "not HTML (no markup)")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise ReadError(path, f"malformed HTML: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise ReadError(path, "malformed HTML or no article text found in the page")
    fields: dict[str, Any] = {
        "title": doc.title, "url": doc.url, "outlet": doc.sitename, "published": doc.date,
    }
    fields.update({k: v for k, v in overrides.items() if v is not None})
    return article_from_text(doc.text, source=str(path), origin=str(path.resolve()), **fields)
