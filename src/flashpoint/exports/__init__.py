"""Exports in the field's formats: files that scripts written for GDELT, ICEWS, POLECAT, ACLED
and PLOVER read unchanged, GeoJSON for maps, and the store's own tables as Parquet or CSV.

    >>> from flashpoint.exports import export
    >>> export("flashpoint.duckdb", "gdelt", out="20211115.export.CSV", actor="RUS")
    {'20211115.export.CSV': 12, '20211115.mentions.CSV': 14}

Every export streams: rows are read from DuckDB a chunk at a time (or copied by DuckDB itself)
and written as they come, so the size of the store does not matter to memory.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from . import acled, cells, gdelt, geojson, icews, plover, polecat, source, tables, tabular, view
from .source import Filters

FORMATS = ("plover", "polecat", "icews", "gdelt", "acled", "geojson", "parquet", "csv")
DELIMITED = {"polecat": polecat, "icews": icews, "gdelt": gdelt, "acled": acled}


class ExportError(Exception):
    pass


def sibling(path: Path, table: str) -> Path:
    """The file of a second table beside ``path``: ``x.export.CSV`` -> ``x.mentions.CSV`` (GDELT's
    naming), else ``events.parquet`` -> ``events.reports.parquet``."""
    if ".export." in path.name:
        return path.with_name(path.name.replace(".export.", f".{table}.", 1))
    return path.with_name(f"{path.stem}.{table}{path.suffix}")


@contextlib.contextmanager
def _opened(out: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    if str(out) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    with open(out, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as f:
        yield f


def _events(con: Any, filters: Filters, merged: bool) -> Iterator[dict[str, Any]]:
    sql, args = (source.merged_sql if merged else source.report_sql)(filters)
    make = view.from_merged if merged else view.from_report
    for row in source.rows(con, sql, args):
        yield make(row)


def _delimited(module: Any, events: Iterator[dict[str, Any]], stream: IO[str], columns: tuple[str, ...]) -> tuple[int, int]:
    """Write the rows of ``module`` for ``events``; returns (rows written, events left out)."""
    writer = csv.writer(stream, delimiter=module.SEPARATOR, lineterminator="\n")
    clean = (lambda row: row) if module.SEPARATOR == "," else (lambda row: [cells.text(v) for v in row])
    if module.HEADER:
        writer.writerow(columns)
    written = skipped = 0
    for event in events:
        out = list(module.rows(event))
        if not out:
            skipped += 1
        for row in out:
            if len(row) != len(columns):
                raise ExportError(f"{module.NAME}: a row of {len(row)} cells for {len(columns)} columns")
            writer.writerow(clean(row))
            written += 1
    return written, skipped


def _mentions(con: Any, filters: Filters, merged: bool, stream: IO[str]) -> int:
    columns = tables.columns("gdelt_mentions")
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    sql, args = source.mention_sql(filters, merged)
    n = 0
    for row in source.rows(con, sql, args):
        for out in gdelt.mention_rows(row, view.from_report(row)):
            if len(out) != len(columns):
                raise ExportError(f"gdelt mentions: a row of {len(out)} cells for {len(columns)} columns")
            writer.writerow([cells.text(v) for v in out])
            n += 1
    return n


def _geojson(con: Any, filters: Filters, merged: bool, stream: IO[str]) -> tuple[int, int]:
    stream.write('{"type": "FeatureCollection", "features": [\n')
    n = skipped = 0
    items: Iterator[dict[str, Any] | None] = (geojson.feature(e, con) for e in _events(con, filters, merged))
    if merged:
        from ..escalation.flashpoints import flashpoints

        items = itertools.chain(items, (geojson.flashpoint_feature(fp) for fp in flashpoints(con)))
    for feature in items:
        if feature is None:
            skipped += 1
            continue
        stream.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False, default=str))
        n += 1
    stream.write("\n]}\n")
    return n, skipped


def _tabular(con: Any, fmt: str, filters: Filters, merged: bool, out: str | os.PathLike[str],
             table: str | None) -> dict[str, int]:
    selects = tabular.queries(filters, merged)
    first = next(iter(selects))
    # rows in any order: DuckDB then copies without holding row groups back to keep their order
    # (on 5 million events: a third of the time and a quarter of the memory)
    con.execute("SET preserve_insertion_order = false")
    if table and table not in selects:
        raise ExportError(f"--table {table}: {fmt} {'--merged ' if merged else ''}has the tables {', '.join(selects)}")
    written: dict[str, int] = {}
    if str(out) == "-":
        name = table or first
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name}.{fmt}"
            n = tabular.copy(con, name, selects[name], path, fmt)
            with open(path, "rb") as f, _opened("-", binary=True) as stream:
                shutil.copyfileobj(f, stream, 1 << 20)
        return {"-": n}
    for name, select in selects.items():
        path = Path(out) if name == first else sibling(Path(out), name)
        written[str(path)] = tabular.copy(con, name, select, path, fmt)
    return written


def export(db: str | os.PathLike[str], fmt: str, *, out: str | os.PathLike[str] = "-", merged: bool = False,
           table: str | None = None, type: str | None = None, actor: str | None = None,
           recipient: str | None = None, since: Any = None, until: Any = None, article_id: str | None = None,
           limit: int | None = None, skipped: dict[str, int] | None = None) -> dict[str, int]:
    """Export the stored events (``merged``: the merged events) of ``db`` in format ``fmt`` to
    ``out`` (a path, or ``"-"`` for standard output), filtered like ``flashpoint events``.

    GDELT writes its Mentions table beside the Events file, ``parquet``/``csv`` with ``merged``
    the reports beside the merged events (see :func:`sibling`); to standard output only the first
    table goes, or the one named by ``table``. Returns the rows written per file; ``skipped``, if
    given, receives how many events each file left out (ACLED: events it does not code; GeoJSON:
    events with no place)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    filters = Filters(type=type, actor=actor, recipient=recipient, since=since, until=until,
                      article_id=article_id, limit=limit)
    with _store(db, merged) as store:
        con = store.con
        if fmt in ("parquet", "csv"):
            return _tabular(con, fmt, filters, merged, out, table)
        if table and not (fmt == "gdelt" and table in ("events", "mentions")):
            raise ExportError(f"--table {table}: only gdelt (events, mentions), parquet and csv have tables")
        written: dict[str, int] = {}
        left: dict[str, int] = {}
        key = str(out)
        if fmt == "gdelt" and table == "mentions":
            with _opened(out) as stream:
                written[key] = _mentions(con, filters, merged, stream)
        elif fmt in DELIMITED:
            module = DELIMITED[fmt]
            with _opened(out) as stream:
                written[key], left[key] = _delimited(module, _events(con, filters, merged), stream,
                                                     tables.columns(module.NAME))
            if fmt == "gdelt" and key != "-":
                path = sibling(Path(out), "mentions")
                with _opened(path) as stream:
                    written[str(path)] = _mentions(con, filters, merged, stream)
        elif fmt == "plover":
            with _opened(out) as stream:
                n = 0
                for event in _events(con, filters, merged):
                    stream.write(json.dumps(plover.record(event), ensure_ascii=False, default=str) + "\n")
                    n += 1
                written[key] = n
        else:
            with _opened(out) as stream:
                written[key], left[key] = _geojson(con, filters, merged, stream)
    if skipped is not None:
        skipped.update(left)
    return written


@contextlib.contextmanager
def _store(db: str | os.PathLike[str], merged: bool) -> Iterator[Any]:
    """The store, read-only; with ``merged`` opened by the escalation build, which merges new
    articles in first."""
    from ..store import Store

    if merged:
        from ..escalation.build import open_merged

        store = open_merged(db)
    else:
        store = Store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


__all__ = ["FORMATS", "ExportError", "export", "sibling"]
