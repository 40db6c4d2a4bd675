"""Rendering rows for the terminal (a table that fits 100 columns), JSON, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Sequence
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
        buf = io.StringIO()
        names = [c for c, _ in columns] if columns else list(rows[0]) if rows else []
        writer = csv.DictWriter(buf, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(table(rows, columns or [(k, 12) for k in (rows[0] if rows else {})]))


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
    return " ".join(str(value).split())
