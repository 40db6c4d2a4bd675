"""Rendering rows for the terminal (a table that fits 100 columns), JSON, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import Any

import click

FORMATS = ("table", "json", "jsonl", "csv")


def emit(rows: Sequence[dict[str, Any]], fmt: str, *, columns: Sequence[tuple[str, int]] | None = None,
         full: Sequence[dict[str, Any]] | None = None) -> None:
    """Print ``rows`` (flat dicts for table and CSV) or ``full`` (nested records for JSON)."""
    records = list(full if full is not None else rows)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    elif fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
    elif fmt == "csv":
        click.echo(csv_text(rows, [c for c, _ in columns] if columns else list(rows[0]) if rows else []), nl=False)
    else:
        click.echo(table(rows, columns or [(k, 12) for k in (rows[0] if rows else {})]))


def csv_text(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> str:
    """CSV with a header line (also when there are no rows), list cells joined with ``;`` and
    cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
    neutralised with a leading apostrophe; numbers stay numbers."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(names)
    writer.writerows([csv_cell(row.get(name)) for name in names] for row in rows)
    return buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """One CSV cell: lists and tuples joined with ``;``, a text that starts like a formula
    prefixed with ``'`` (``=cmd|' /C calc'!A0`` -> ``'=cmd|' /C calc'!A0``)."""
    if isinstance(value, (list, tuple)):
        value = ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def terminal_text(text: str) -> str:
    """``text`` with its control characters replaced by U+FFFD, one for one so that offsets
    hold (escape sequences from an article would drive the terminal: retitle it, clear it);
    newlines and tabs stay."""
    return CONTROL.sub("\ufffd", text)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(obj: Any) -> Any:
    """``obj`` (an Article and everything in it) with :func:`terminal_text` applied to every
    string, in place; returns it."""
    if is_dataclass(obj):
        for f in fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, str):
                object.__setattr__(obj, f.name, terminal_text(value))
            else:
                terminal_safe(value)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            obj[i] = terminal_text(value) if isinstance(value, str) else terminal_safe(value)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            obj[key] = terminal_text(value) if isinstance(value, str) else terminal_safe(value)
    return obj


def table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, int]], *, width: int | None = None) -> str:
    """A plain-text table; the last column takes the remaining width and wraps."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 160)
    fixed = sum(w + 1 for _, w in columns[:-1])
    last = max(20, width - fixed)
    widths = [w for _, w in columns[:-1]] + [last]
    lines = [" ".join(name.upper()[:w].ljust(w) for (name, _), w in zip(columns, widths)).rstrip()]
    lines.append(" ".join("-" * w for w in widths))
    for row in rows:
        cells = [_cell(row.get(name)) for name, _ in columns]
        wrapped = textwrap.wrap(cells[-1], last) or [""]
        head = [c[:w].ljust(w) if len(c) <= w else c[: w - 1] + "~" for c, w in zip(cells[:-1], widths)]
        lines.append((" ".join(head) + " " + wrapped[0]).rstrip())
        for more in wrapped[1:3]:
            lines.append(" " * fixed + more)
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        value = ";".join(map(str, value))
    return terminal_text(" ".join(str(value).split()))
