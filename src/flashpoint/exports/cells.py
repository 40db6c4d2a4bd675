"""Cell values shared by the delimited formats: numeric ids, dates, clean text cells and the
spreadsheet-safe text of the formats meant for spreadsheets."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

#: A cell starting with one of these is read by Excel, LibreOffice and Google Sheets as a formula
#: (OWASP "CSV injection"); tab and carriage return hide such a start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def numeric_id(text: str) -> int:
    """A stable positive integer (< 2**60) for a text id: the formats whose ids are integers
    (GDELT GLOBALEVENTID, ICEWS Event ID and Story ID) get this of our event or article id."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:15], 16)


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe, which
    spreadsheets show as text ("=HYPERLINK(...)" -> "'=HYPERLINK(...)"); other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def text(value: Any) -> str:
    """A cell of a tab-separated release: empty for None, no tab or line break inside."""
    kind = type(value)
    if kind is str:
        if "\t" in value or "\n" in value or "\r" in value:
            return " ".join(value.replace("\t", " ").splitlines())
        return value
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is bool:
        return "1" if value else "0"
    if kind is float:
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.1f}"
    return str(value)


def day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def compact(moment: Any) -> str:
    """``YYYYMMDDHHMMSS`` of a timestamp (or a date, at midnight); empty for None."""
    if isinstance(moment, dt.datetime):
        return moment.strftime("%Y%m%d%H%M%S")
    if isinstance(moment, dt.date):
        return moment.strftime("%Y%m%d") + "000000"
    return ""


def joined(values: list[Any], sep: str = "; ") -> str:
    return sep.join(str(v) for v in values if v not in (None, ""))
