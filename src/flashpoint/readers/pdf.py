"""PDF files: the text layer, page by page (pypdf). Pages are joined by a blank line, which the
repair stage rejoins where a sentence runs across the page break."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Article
from . import ReadError, article_from_text, parse_date, read_bytes


def read_pdf(path: Path, **overrides: Any) -> Article:
    import io

    import pypdf
    from pypdf.errors import PdfReadError

    raw = read_bytes(path)
    if not raw.strip():
        raise ReadError(path, "empty file")
    if not raw.lstrip().startswith(b"%PDF"):
        raise ReadError(path, "malformed PDF (no %PDF header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            raise ReadError(path, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(path, f"malformed PDF: {exc}") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise ReadError(path, "PDF has no text layer (scanned images?); run OCR first")
    fields: dict[str, Any] = {"title": info.get("/Title") or None}
    created = info.get("/CreationDate")
    if created and str(created).startswith("D:") and len(str(created)) >= 10:
        c = str(created)
        try:
            fields["published"] = parse_date(f"{c[2:6]}-{c[6:8]}-{c[8:10]}")
        except ValueError:
            pass
    fields.update({k: v for k, v in overrides.items() if v is not None})
    return article_from_text(text, source=str(path), origin=str(path.resolve()), **fields)
