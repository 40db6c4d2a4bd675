"""Bad-input checks shared by the readers: each failure is one :class:`ReadError` that names the
file and the reason."""

from __future__ import annotations

import os

#: Files and texts over this size are refused (about 20 MB of text).
MAX_BYTES = 20_000_000
#: Texts shorter than this (in letters) hold no article.
MIN_LETTERS = 20


class ReadError(Exception):
    """A file, or a line of a JSONL file, that cannot be read as an article."""

    def __init__(self, path: os.PathLike[str] | str, reason: str) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"{self.path}: {reason}")


#: Byte-order marks and their encodings, the UTF-32 ones first (UTF-32-LE starts like UTF-16-LE).
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(path: os.PathLike[str] | str, raw: bytes) -> str:
    """UTF-8 text of a file (a BOM is dropped), or UTF-16/32 text that starts with its BOM;
    binary or undecodable content is an error."""
    if not raw.strip():
        raise ReadError(path, "empty file")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"not valid {encoding.upper()} (at byte {exc.start + len(bom)}); "
                                      "convert it with iconv -t UTF-8") from None
    if b"\x00" in raw[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                              "convert it with iconv -t UTF-8") from None


def check_text(path: os.PathLike[str] | str, text: str) -> None:
    """Refuse empty, oversized or mostly non-text content."""
    if len(text) > MAX_BYTES:
        raise ReadError(path, f"text too large ({len(text) / 1e6:.1f} M characters; the limit is "
                              f"{MAX_BYTES / 1e6:.0f} M)")
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        raise ReadError(path, "empty: no article text" if not text.strip() else
                        f"no article text (only {letters} letters)")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20000):
        raise ReadError(path, "binary content (control characters), not text")


def check_language(path: os.PathLike[str] | str, text: str) -> None:
    """Refuse text that is confidently not English (the pipeline's models are English)."""
    import py3langid

    sample = text[:5000]
    scores = dict(py3langid.rank(sample))
    lang = max(scores, key=scores.get)
    # log-probabilities: refuse only when English is far behind (names and acronyms alone are
    # not a language)
    if lang != "en" and scores[lang] - scores["en"] > 0.25 * abs(scores[lang]):
        raise ReadError(path, f"not English (detected language: {lang}); flashpoint reads English text")
