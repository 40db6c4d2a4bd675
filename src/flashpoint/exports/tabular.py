"""``parquet`` and ``csv``: the store's tables as they are, typed, written by DuckDB's COPY
(which streams: nothing is collected in Python; rows come in no set order). Without ``--merged`` the events (one row a
report, with its full JSON record); with it the merged events and, beside them, their reports.

CSV is meant for spreadsheets, so the columns that carry article text (evidence, trigger, place,
outlet, title) are made spreadsheet-safe in SQL: a cell starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe. Codes such as ``-REF`` are not article text and are
left as they are; Parquet is typed and left as stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .cells import FORMULA_START
from .source import Filters

#: The columns of each exported table that hold text from the articles.
TEXT_COLUMNS = {
    "events": ("trigger", "evidence", "place", "outlet"),
    "merged": ("evidence", "place"),
    "reports": ("evidence", "place", "outlet"),
}


def literal(value: Any) -> str:
    """A filter value as an SQL literal (COPY takes no prepared parameters)."""
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def inline(sql: str, args: list[Any]) -> str:
    parts = sql.split("?")
    if len(parts) != len(args) + 1:
        raise ValueError("placeholders and arguments differ")
    return "".join(p + (literal(a) if i < len(args) else "") for i, (p, a) in enumerate(zip(parts, [*args, None])))


def queries(filters: Filters, merged: bool) -> dict[str, str]:
    """Table name -> the SELECT that exports it."""
    table, args = filters.table(merged)
    table = inline(table, args)
    if not merged:
        return {"events": f"SELECT * FROM {table}"}
    return {"merged": f"SELECT * FROM {table}",
            "reports": f"SELECT r.* EXCLUDE (inputs, merged_key) FROM merged_reports r WHERE r.merged_id IN (SELECT id FROM {table})"}


def _safe(column: str) -> str:
    starts = " OR ".join(f"starts_with({column}, {literal(c)})" for c in FORMULA_START)
    return f"CASE WHEN {starts} THEN '''' || {column} ELSE {column} END AS {column}"


def copy(con: Any, name: str, select: str, path: Path, fmt: str) -> int:
    """COPY one table to ``path``; returns its number of rows."""
    if fmt == "csv":
        cols = ", ".join(_safe(c) for c in TEXT_COLUMNS[name])
        select = f"SELECT * REPLACE ({cols}) FROM ({select})"
        options = "FORMAT csv, HEADER true"
    else:
        options = "FORMAT parquet, COMPRESSION zstd"
    target = str(path).replace("'", "''")
    result = con.execute(f"COPY ({select}) TO '{target}' ({options})").fetchone()
    return int(result[0]) if result else 0
