"""The store: an embedded DuckDB file with articles, sentences, mentions and events.

One article is written in one transaction: all of its rows or none. Writing an article whose
content hash is already stored with the same pipeline version changes nothing; with another
pipeline version (or the same id with new content) its old rows are replaced.

    >>> with Store("flashpoint.duckdb") as store:
    ...     outcome = store.write_article(article)   # "new", "replaced" or "unchanged"
    ...     frame = store.events_frame()
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..model import Article, _plain
from ..records import actor_codes
from .schema import MIGRATIONS

#: The rows of ``event_actors`` for the events ``{where}`` selects: each event once under each
#: code of its actor and of its recipient (POLGOV+LVAGOV gives POLGOV and LVAGOV), with the days
#: its date filters and its order read (as :func:`report_filters` and :meth:`Store.query_events`
#: compute them from the event's columns).
EVENT_ACTORS_SQL = """
SELECT role, code, lo, hi, day, type, article_id, idx, {appended} FROM (
    SELECT 'actor' AS role, unnest(string_split(actor, '+')) AS code,
           coalesce(date_start, date_end, published) AS lo, coalesce(date_end, date_start, published) AS hi,
           coalesce(date_start, published) AS day, type, article_id, idx FROM events WHERE {where}
    UNION ALL
    SELECT 'recipient', unnest(string_split(recipient, '+')), coalesce(date_start, date_end, published),
           coalesce(date_end, date_start, published), coalesce(date_start, published), type, article_id, idx
    FROM events WHERE {where})
WHERE code <> ''
"""

if TYPE_CHECKING:
    import pandas

DEFAULT_DB = "flashpoint.duckdb"

#: How long opening a store waits for another process's lock to go (``flashpoint serve`` holds
#: the file for a moment while it copies its read replica); FLASHPOINT_LOCK_WAIT overrides it.
LOCK_WAIT = 30.0


class StoreError(Exception):
    pass


class StoreLocked(StoreError):
    """Another process holds the database file (DuckDB has a single writer)."""


def rollback(con: Any) -> None:
    """Roll back the open transaction, if there still is one: a full disk or a fatal error has
    aborted it already, and the error to report is that first one, not "no transaction is
    active"."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


class Store:
    """A flashpoint database file (created and migrated on first use)."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False,
                 lock_wait: float | None = None) -> None:
        """``lock_wait``: seconds to wait while another process holds the file (default
        :data:`LOCK_WAIT`, or FLASHPOINT_LOCK_WAIT); then :class:`StoreLocked` is raised."""
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run flashpoint ingest first)")
        if lock_wait is None:
            lock_wait = float(os.environ.get("FLASHPOINT_LOCK_WAIT", LOCK_WAIT))
        deadline = time.monotonic() + lock_wait
        while True:
            try:
                self.con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.Error as exc:
                if not is_lock_error(exc):
                    raise StoreError(f"{self.path}: cannot open database: {exc}") from None
                if time.monotonic() >= deadline:
                    raise StoreLocked(f"{self.path}: held by another process (an ingest, or flashpoint "
                                      f"serve writing): {exc}") from None
                time.sleep(0.2)
        if not read_only:
            self.migrate()

    @classmethod
    def on(cls, con: Any, path: str | os.PathLike[str] = "") -> Store:
        """A Store over an open connection or cursor (one per thread of a server); closing it
        closes that cursor only."""
        store = cls.__new__(cls)
        store.path, store.con = Path(path), con
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema -------------------------------------------------------------------------------
    def unapplied(self) -> list[str]:
        """The migrations not yet applied (a store opened read-only is not migrated)."""
        try:
            done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        except duckdb.CatalogException:
            done = set()
        return [name for name, _ in MIGRATIONS if name not in done]

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, "
                         "applied_at TIMESTAMP DEFAULT current_timestamp)")
        done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
                self.con.execute("COMMIT")
            except Exception:
                rollback(self.con)
                raise
            applied.append(name)
        return applied

    # -- writing -------------------------------------------------------------------------------
    def status_of(self, article: Article, pipeline_version: str) -> str:
        """What writing ``article`` would do: "unchanged", "replaced" or "new"."""
        rows = self.con.execute(
            "SELECT content_hash, pipeline_version FROM articles WHERE id = ? OR content_hash = ?",
            [article.id, article.content_hash]).fetchall()
        if any(h == article.content_hash and v == pipeline_version for h, v in rows):
            return "unchanged"
        return "replaced" if rows else "new"

    def write_article(self, article: Article, *, force: bool = False) -> str:
        """Store one analysed article in one transaction; returns "new", "replaced" or
        "unchanged" (``force``: rewrite an unchanged article too, and say "replaced")."""
        version = article.pipeline_version or ""
        status = self.status_of(article, version)
        if status == "unchanged" and not force:
            return status
        status = "replaced" if status == "unchanged" else status
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            old = [r[0] for r in con.execute("SELECT id FROM articles WHERE id = ? OR content_hash = ?",
                                             [article.id, article.content_hash]).fetchall()]
            for table, key in (("event_actors", "article_id"), ("events", "article_id"),
                               ("mentions", "article_id"), ("sentences", "article_id"), ("articles", "id")):
                for old_id in old:
                    con.execute(f"DELETE FROM {table} WHERE {key} = ?", [old_id])
            self._insert(article)
            con.execute("COMMIT")
        except BaseException:
            rollback(con)
            raise
        return status

    def _insert(self, article: Article) -> None:
        con = self.con
        record = article.to_dict()
        for key in ("text", "original_text"):
            record.pop(key, None)
        con.execute(
            "INSERT INTO articles (id, content_hash, pipeline_version, source, title, url, outlet, published, "
            "text, original_text, n_sentences, n_events, stats, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [article.id, article.content_hash, article.pipeline_version or "", article.source, article.title,
             article.url, article.outlet, article.published, article.text, article.original_text,
             len(article.sentences), len(article.events), json.dumps(_plain(article.stats)),
             json.dumps(record)])
        if article.sentences:
            con.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
                [[article.id, s.index, s.start, s.end, s.text, s.role, json.dumps(s.framing)]
                 for s in article.sentences])
        if article.mentions:
            con.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [[article.id, i, m.span.sentence, m.span.start, m.span.end, m.span.text, m.label,
                  m.entity.country, m.entity.sector, m.entity.name, m.entity.kind, m.source, m.antecedent]
                 for i, m in enumerate(article.mentions)])
        if article.events:
            rows = [self._event_row(article, i, e) for i, e in enumerate(article.events)]
            con.executemany("INSERT INTO events VALUES (" + ",".join("?" * len(rows[0])) + ")", rows)
            con.execute("INSERT INTO event_actors " + EVENT_ACTORS_SQL.format(appended="true", where="article_id = ?"),
                        [article.id, article.id])

    def sort_event_actors(self, *, min_fraction: float = 0.1, force: bool = False) -> bool:
        """Rewrite ``event_actors`` from the events, sorted by role, code and first day, once the rows
        appended since it was last sorted (each written article adds its rows at the end) are
        ``min_fraction`` of it, or when ``force``. In that order the rows of one code lie together
        and a look-up by actor reads them only; scattered, it reads the whole table. Returns
        whether it was rewritten (in one transaction)."""
        appended, total = self.con.execute(
            "SELECT count(*) FILTER (WHERE appended), count(*) FROM event_actors").fetchone()
        if not force and appended <= min_fraction * total:
            return False
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM event_actors")
            con.execute("INSERT INTO event_actors " + EVENT_ACTORS_SQL.format(appended="false", where="true")
                        + " ORDER BY role, code, lo")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

    @staticmethod
    def _event_row(article: Article, i: int, e: Any) -> list[Any]:
        countries = lambda actors: sorted({a.entity.country for a in actors if a.entity.country})  # noqa: E731
        p, d, s = e.place, e.date, e.scores
        return [
            article.id, e.id or f"{article.id}:e{i + 1}", i, e.type, e.mode, actor_codes(e.actor),
            actor_codes(e.recipient), countries(e.actor), countries(e.recipient), e.status,
            actor_codes(e.attributed_to), e.modality, _date(d.start if d else None),
            _date(d.end if d else None), e.historical, p.name if p else None, p.lat if p else None,
            p.lon if p else None, list(p.countries) if p else [], s.cameo, s.quad_class, s.goldstein,
            s.plover, s.weight, article.published, article.outlet, e.sentence, e.trigger.start,
            e.trigger.end, e.trigger.text, e.evidence, json.dumps(_plain(e)),
        ]

    # -- reading -------------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        """The stored article with all its records, or None (a unique id prefix is accepted)."""
        rows = self.con.execute("SELECT id, text, original_text, record FROM articles WHERE id = ? "
                                "OR id LIKE ? ORDER BY id = ? DESC LIMIT 2",
                                [article_id, article_id + "%", article_id]).fetchall()
        if not rows or (len(rows) > 1 and rows[0][0] != article_id):
            return None
        _, text, original, record = rows[0]
        d = json.loads(record)
        d["text"], d["original_text"] = text, original
        return Article.from_dict(d)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "mentions", "events")}

    def query_events(self, *, type: str | None = None, actor: str | None = None,
                     recipient: str | None = None, since: dt.date | None = None,
                     until: dt.date | None = None, article_id: str | None = None,
                     limit: int | None = None, offset: int = 0, descending: bool = False,
                     columns: Sequence[str] | None = None, **more: Any) -> list[dict[str, Any]]:
        """Stored events as dicts, filtered. ``actor`` matches a code or its prefix ("RUS" finds
        RUS and RUSGOV) in any member of the actor list; dates filter on the event's date, or on
        the publication date where the event has none; ``more``: the other filters of
        :func:`event_filters`. Sorted by date (``descending``: newest first), then article.
        ``columns``: the columns wanted (always with article_id and idx; default all): each row is
        fetched column by column through the article index, so fewer columns cost less."""
        if columns is None:
            wanted = "* EXCLUDE (record), record"
        else:
            bad = [c for c in columns if not c.isidentifier()]
            if bad:
                raise ValueError(f"columns: not a column name: {bad[0]!r}")
            wanted = ", ".join(dict.fromkeys(["article_id", "idx", *columns]))
        order = " DESC" if descending else ""
        by_actor = self._by_actor(type=type, actor=actor, recipient=recipient, since=since, until=until,
                                  article_id=article_id, **more)
        if by_actor is not None:  # the keys from the events of the wanted codes only
            sql, args = by_actor
            sql += f" ORDER BY day{order}, article_id{order}, idx{order}"
        else:
            where, args = report_filters(type=type, actor=actor, recipient=recipient, since=since, until=until,
                                         article_id=article_id, **more)
            # first the keys (narrow columns, sorted), then the wanted rows through the article index
            sql = "SELECT article_id, idx FROM events"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += f" ORDER BY coalesce(date_start, published){order}, article_id{order}, idx{order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
        keys = [k[-2:] for k in self.con.execute(sql, args).fetchall()]
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        articles = sorted({k[0] for k in keys})
        for k in range(0, len(articles), 500):
            chunk = ",".join("'" + a.replace("'", "''") + "'" for a in articles[k:k + 500])
            cur = self.con.execute(f"SELECT {wanted} FROM events WHERE article_id IN ({chunk})")
            names = [c[0] for c in cur.description]
            for row in cur.fetchall():
                d = dict(zip(names, row))
                rows[(d["article_id"], d["idx"])] = d
        return [rows[(a, i)] for a, i in keys]

    def _by_actor(self, *, type: str | None, actor: str | None, recipient: str | None, since: dt.date | None,
                  until: dt.date | None, article_id: str | None, **more: Any) -> tuple[str, list[Any]] | None:
        """The query of the keys (day, article_id, idx) of the events :func:`report_filters`
        selects, read from ``event_actors`` (the rows of the wanted codes, which lie together),
        when the filters are an actor or recipient code and any of type, since and until; else
        None. Same events, same order."""
        codes = [(role, code.upper()) for role, code in (("actor", actor), ("recipient", recipient)) if code]
        if (not codes or any("+" in code for _, code in codes) or article_id or any(more.values())
                or not self.con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'event_actors' "
                                        "AND schema_name = 'main'").fetchone()):
            return None
        selects, args = [], []
        for role, code in codes:
            # code >= 'RUS' AND code < 'RUT': a range the zone maps of the sorted column prune by
            where = [f"role = '{role}'", "starts_with(code, ?)"]
            args.append(code)
            if code[-1] < "\x7f":
                where += ["code >= ?", "code < ?"]
                args += [code, code[:-1] + chr(ord(code[-1]) + 1)]
            if type:
                where.append("type = ?")
                args.append(type.upper())
            if since:
                where.append("hi >= ?")
                args.append(since)
            if until:
                where.append("lo <= ?")
                args.append(until)
            selects.append("SELECT day, article_id, idx FROM event_actors WHERE " + " AND ".join(where))
        # INTERSECT: an event once, though two of its codes begin with the one asked for
        return "SELECT DISTINCT day, article_id, idx FROM (" + " INTERSECT ".join(selects) + ")", args

    def event_columns(self) -> list[str]:
        """The columns of the events table, in order."""
        return [r[0] for r in self.con.execute("DESCRIBE events").fetchall()]

    def events_frame(self) -> "pandas.DataFrame":
        """Every stored event as a DataFrame (one row an event; ``record`` holds the full JSON)."""
        return self.con.execute("SELECT * FROM events ORDER BY article_id, idx").df()


def event_filters(*, type: str | None = None, actor: str | None = None, recipient: str | None = None,
                  status: str | None = None, modality: str | None = None, place: str | None = None,
                  bbox: tuple[float, float, float, float] | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions and their arguments on the columns that ``events`` and ``merged_events``
    share: ``type``, ``actor`` and ``recipient`` (an actor code matches itself or as a prefix in
    any member of the list: RUS finds RUSGOV), ``status``, ``modality``, ``place`` (a part of its
    name, any case) and ``bbox`` (west, south, east, north in degrees)."""
    where: list[str] = []
    args: list[Any] = []
    if type:
        where.append("type = ?")
        args.append(type.upper())
    for column, code in (("actor", actor), ("recipient", recipient)):
        if code:  # (^|\+)CODE without a regular expression (one with a bound pattern is 50x slower)
            where.append(f"(starts_with({column}, ?) OR contains({column}, ?))")
            args += [code.upper(), "+" + code.upper()]
    for column, value in (("status", status), ("modality", modality)):
        if value:
            where.append(f"{column} = ?")
            args.append(value.lower())
    if place:
        where.append("place ILIKE ? ESCAPE '\\'")
        args.append("%" + place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if bbox is not None:
        west, south, east, north = bbox
        where.append("lat BETWEEN ? AND ?")
        args += [south, north]
        where.append("lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)")
        args += [west, east]
    return where, args


def report_filters(*, type: str | None = None, actor: str | None = None, recipient: str | None = None,
                   since: dt.date | None = None, until: dt.date | None = None,
                   article_id: str | None = None, **more: Any) -> tuple[list[str], list[Any]]:
    """SQL conditions on the ``events`` table for the filters of ``flashpoint events``: dates
    filter on the event's date, or on the publication date where the event has none; ``more``:
    the other filters of :func:`event_filters`."""
    where, args = event_filters(type=type, actor=actor, recipient=recipient, **more)
    if since:
        where.append("coalesce(date_end, date_start, published) >= ?")
        args.append(since)
    if until:
        where.append("coalesce(date_start, date_end, published) <= ?")
        args.append(until)
    if article_id:
        where.append("article_id = ?")
        args.append(article_id)
    return where, args


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
