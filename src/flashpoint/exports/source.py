"""What an export reads: the stored reports (``events``) or the merged events, filtered as
``flashpoint events`` filters them, streamed from DuckDB in chunks.

The queries never sort and never collect: rows come in store order, ``CHUNK`` at a time, so a
store of millions of events is exported in the memory of one chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..escalation.queries import merged_filters
from ..store import report_filters

CHUNK = 10_000


@dataclass(frozen=True)
class Filters:
    """The filters of ``flashpoint events`` (all optional)."""

    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: str | None = None
    limit: int | None = None

    def table(self, merged: bool) -> tuple[str, list[Any]]:
        """A subquery of ``events`` (or ``merged_events``) with the filters applied, and its
        arguments."""
        make = merged_filters if merged else report_filters
        where, args = make(type=self.type, actor=self.actor, recipient=self.recipient, since=self.since,
                           until=self.until, article_id=self.article_id)
        sql = "SELECT * EXCLUDE (key) FROM merged_events" if merged else "SELECT * FROM events"  # the key: internal
        if where:
            sql += " WHERE " + " AND ".join(where)
        if self.limit:  # in a set order, so that the Events and Mentions files take the same events
            sql += (" ORDER BY day NULLS LAST, id" if merged else " ORDER BY article_id, idx") + f" LIMIT {int(self.limit)}"
        return f"({sql})", args


def report_sql(filters: Filters) -> tuple[str, list[Any]]:
    """The stored reports with their article's URL, title, length and ingestion time."""
    table, args = filters.table(False)
    sql = ("SELECT e.*, a.url, a.title, a.ingested_at, length(a.text) AS doc_len FROM " + table + " e "
           "LEFT JOIN articles a ON a.id = e.article_id")
    return sql, args


def merged_sql(filters: Filters) -> tuple[str, list[Any]]:
    """The merged events with the URL, title and ingestion time of their first report's article."""
    table, args = filters.table(True)
    sql = ("SELECT m.*, a.url, a.title, a.ingested_at FROM " + table + " m LEFT JOIN articles a "
           "ON a.id = json_extract_string(m.reports, '$[0].article_id')")
    return sql, args


def mention_sql(filters: Filters, merged: bool) -> tuple[str, list[Any]]:
    """One row per report of the exported events (GDELT's Mentions table): the merged event it
    belongs to (or itself), its sentence, offsets and article."""
    if merged:
        table, args = filters.table(True)
        pairs = " * ".join(f"coalesce(len(string_split(nullif(m.{c}, ''), '+')), 1)" for c in ("actor", "recipient"))
        sql = (f"SELECT m.id AS merged_id, {pairs} AS n_pairs, e.*, a.url, a.title, a.ingested_at, "
               "length(a.text) AS doc_len "
               "FROM " + table + " m "
               "JOIN merged_reports r ON r.merged_id = m.id "
               "JOIN events e ON e.article_id = r.article_id AND e.event_id = r.event_id "
               "LEFT JOIN articles a ON a.id = e.article_id")
        return sql, args
    sql, args = report_sql(filters)
    return sql.replace("SELECT e.*", "SELECT e.event_id AS merged_id, e.*", 1), args


def rows(con: Any, sql: str, args: list[Any]) -> Iterator[dict[str, Any]]:
    """The rows of ``sql`` as dicts, fetched ``CHUNK`` at a time."""
    cur = con.cursor()
    try:
        cur.execute(sql, args)
        names = [c[0] for c in cur.description]
        while chunk := cur.fetchmany(CHUNK):
            for row in chunk:
                yield dict(zip(names, row))
    finally:
        cur.close()
