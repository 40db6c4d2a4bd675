"""Build the merged tables of a store (merged_events, merged_reports, merged_blocks, flashpoints
and their membership) from its events: in full (:func:`rebuild`), or by merging in the reports of
the articles added, replaced or removed since (:func:`update`).

    >>> from flashpoint.escalation.build import open_merged
    >>> store = open_merged("flashpoint.duckdb")     # merges on first use, then reads
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import duckdb
import pandas as pd

from ..store import Store, StoreError, rollback
from .flashpoints import insert_rows
from .merge import Cluster, Merger, Report, params, summarise

#: What the merge reads of each stored event: its columns and, from its record, what the stages
#: stored there (the place kind, the quantities, and where the date came from: a date the time
#: stage took from the lede does not tell reports apart), not recomputed from the evidence.
_READ_SQL = """
SELECT article_id, event_id, idx, type, mode, actor, recipient, actor_countries, recipient_countries,
       status, attributed_to, modality, date_start, date_end, historical, place,
       json_extract_string(record, '$.place.kind') AS place_kind, lat, lon, place_countries,
       cameo, quad_class, goldstein, plover_score, weight, published, outlet, sentence, trigger, evidence,
       CAST(json_extract(record, '$.quantities') AS VARCHAR) AS quantities,
       json_extract_string(record, '$.date.source') AS date_source
FROM events
"""

MERGED_COLUMNS = [
    "id", "type", "mode", "actor", "recipient", "actor_countries", "recipient_countries", "status",
    "modality", "date_start", "date_end", "day", "historical", "place", "place_kind", "lat", "lon",
    "place_countries", "cameo", "quad_class", "goldstein", "plover_score", "weight", "rung",
    "rung_label", "first_published", "last_published", "n_reports", "n_outlets", "outlets",
    "evidence", "disagreements", "reports",
]
REPORT_COLUMNS = ["merged_id", "article_id", "event_id", "outlet", "published", "status", "modality",
                  "date_start", "date_end", "place", "quantities", "evidence"]
#: What merged_reports also keeps of each report, as a JSON array in its ``inputs`` column: the
#: rest of what the merge compares it by, as :class:`Report` holds it (with the columns above,
#: :meth:`Report.from_row` gives the report back), so that the incremental merge reads the reports
#: of the events it re-clusters from there.
INPUT_COLUMNS = ["idx", "type", "mode", "actor", "recipient", "actor_countries", "recipient_countries",
                 "attributed_to", "historical", "place_kind", "lat", "lon", "place_countries", "cameo",
                 "quad_class", "goldstein", "plover_score", "weight", "sentence", "trigger"]


#: A block ``b`` a probe ``p`` (a key of a new report) may join: days within the tolerance, the
#: place within reach of the box of the event's precise places, recipients in common.
_CANDIDATE = """(p.lo IS NULL OR b.lo IS NULL OR (b.lo <= p.hi + {tol} AND p.lo <= b.hi + {tol}))
              AND (p.lat IS NULL OR b.lat_lo IS NULL OR (p.lat BETWEEN b.lat_lo - p.dlat AND b.lat_hi + p.dlat
                   AND (abs(p.lon) > 170 OR p.lon BETWEEN b.lon_lo - p.dlon AND b.lon_hi + p.dlon)))
              AND (len(p.recipients) = 0 OR len(b.recipients) = 0 OR list_has_any(p.recipients, b.recipients))"""
#: The articles whose id, content hash or pipeline version differ from those merged (added,
#: replaced or removed since): one pass over both tables. ``merged``: the article has reports in
#: the merged tables; the hashes of its merged and stored versions as :func:`fingerprint` adds them.
_CHANGED = """CREATE OR REPLACE TEMP TABLE _changed AS
    SELECT coalesce(a.id, m.article_id) AS article_id, m.article_id IS NOT NULL AS merged,
           CASE WHEN m.article_id IS NOT NULL
                THEN hash(m.article_id || '/' || m.content_hash || '/' || m.pipeline_version) END AS old_hash,
           CASE WHEN a.id IS NOT NULL THEN hash(a.id || '/' || a.content_hash || '/' || a.pipeline_version) END AS new_hash
    FROM articles a FULL JOIN merged_articles m ON m.article_id = a.id
    WHERE a.id IS NULL OR m.article_id IS NULL OR m.content_hash IS DISTINCT FROM a.content_hash
       OR m.pipeline_version IS DISTINCT FROM a.pipeline_version"""
#: The reports of ``_taken`` (see :func:`_take_reports`) but those of the changed articles (read
#: from events as new), as the merge reads them.
_KEPT = "SELECT * FROM _taken WHERE article_id NOT IN (SELECT article_id FROM _changed)"
T = TypeVar("T")
BLOCK_COLUMNS = ["merged_id", "type", "actor", "week", "lo", "hi", "lat_lo", "lat_hi", "lon_lo", "lon_hi", "recipients"]


def store_flashpoints(con: Any, store: Any) -> int:
    """Discover the flashpoints of the merged events and store them (replacing the discovered
    ones). Returns how many were found."""
    from .flashpoints import discover

    from .alerts import store_days, store_members

    found = discover(con)
    con.execute("DELETE FROM flashpoints")
    for f in found:
        con.execute("INSERT INTO flashpoints VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [f["name"], f["source"], f["lat"], f["lon"], f["radius_km"], f["actors"],
                     json.dumps(f["dyads"]), f["n_events"], f["n_articles"], f["first_day"], f["last_day"]])
    con.execute("DELETE FROM flashpoint_members")
    store_members(con, found)
    store_days(con)
    _set_state(con, flashpoint_params=_flashpoint_params(), changed_since_discovery="0", flashpoint_series="1")
    return len(found)


def _merge_params() -> str:
    """The parameters the merged events depend on (a change needs a full rebuild)."""
    return json.dumps({k: params()[k] for k in ("merge", "weights")}, sort_keys=True)


def _flashpoint_params() -> str:
    return json.dumps(params()["flashpoints"], sort_keys=True)


def fingerprint(store: Store) -> str:
    """The stored articles (ids, content hashes, pipeline versions) the merged tables must follow."""
    n, h = store.con.execute("SELECT count(*), coalesce(sum(hash(id || '/' || content_hash || '/' || "
                             "pipeline_version)), 0) FROM articles").fetchone()
    return f"{int(n)}:{h}"


def _next_fingerprint(store: Store) -> str:
    """The :func:`fingerprint` of the articles once the ``_changed`` ones are merged: the one
    recorded at the last build with their merged versions taken out and their stored ones put in
    (no pass over the articles). Computed afresh when none was recorded or nothing changed."""
    recorded = _state(store, "articles")
    n_old, h_old, n_new, h_new = store.con.execute(
        "SELECT count(old_hash), coalesce(sum(old_hash), 0), count(new_hash), coalesce(sum(new_hash), 0) "
        "FROM _changed").fetchone()
    try:
        n, h = (int(x) for x in (recorded or "").split(":"))
    except ValueError:
        return fingerprint(store)
    if not (n_old or n_new):
        return fingerprint(store)
    return f"{n - int(n_old) + int(n_new)}:{h - int(h_old) + int(h_new)}"


def _state(store: Store, key: str) -> str | None:
    try:
        row = store.con.execute("SELECT value FROM escalation_state WHERE key = ?", [key]).fetchone()
    except Exception:  # an old read-only store without the table
        return None
    return row[0] if row else None


def _set_state(con: Any, **values: Any) -> None:
    for key, value in values.items():
        con.execute("INSERT OR REPLACE INTO escalation_state VALUES (?, ?)", [key, str(value)])


def needed(store: Store) -> str | None:
    """What the merged tables need: "rebuild" (never built, or built with other merge parameters),
    "update" (articles were added, replaced or removed since), "flashpoints" (other flashpoint
    parameters) or None (up to date)."""
    tables = _tables(store)
    if not {"merged_events", "merged_articles", "merged_blocks"} <= tables:
        return "rebuild"
    if _state(store, "merge_params") != _merge_params():
        return "rebuild"
    if _state(store, "articles") != fingerprint(store):
        return "update"
    if _state(store, "flashpoint_params") != _flashpoint_params() or _state(store, "flashpoint_series") is None:
        return "flashpoints"
    return None


def is_stale(store: Store) -> bool:
    return needed(store) is not None


def iter_reports(store: Store, batch: int = 100_000, *, keys: str | None = None,
                 sql: str | None = None) -> Iterator[Report]:
    """Stored events (all, those whose article_id and event_id the query or table ``keys``
    gives, or the rows of ``sql``, a query on events) as :class:`Report` objects, read in
    batches."""
    cur = store.con  # not a cursor: it would not see the temporary tables ``keys`` reads
    cur.execute(sql or _READ_SQL + (f" SEMI JOIN ({keys}) USING (article_id, event_id)" if keys else ""))
    names = [c[0] for c in cur.description]
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            break
        for row in rows:
            yield Report.from_row(dict(zip(names, row)))


def _extent(c: Cluster, undated_days: int) -> tuple[Any, Any, Any, Any, Any, Any]:
    """The days a cluster's reports can lie on and the box of its precise places."""
    windows = [r.window(undated_days) for r in c.reports]
    lo = hi = None
    if windows and all(windows):
        lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    precise = [r for r in c.reports if r.lat is not None and r.lon is not None and r.place_kind != "country"]
    if not precise:
        return lo, hi, None, None, None, None
    return (lo, hi, min(r.lat for r in precise), max(r.lat for r in precise), min(r.lon for r in precise),
            max(r.lon for r in precise))


_EPOCH = dt.date(1970, 1, 1)


def _weeks(lo: dt.date | None, hi: dt.date | None, slack: int = 0) -> list[int | None]:
    """The weeks (days since 1970 // 7) the days ``lo - slack`` to ``hi + slack`` touch; [None]
    when unbounded. Blocks and probes meet on type, actor and week: an equi-join."""
    if lo is None or hi is None:
        return [None]
    return list(range(((lo - _EPOCH).days - slack) // 7, ((hi - _EPOCH).days + slack) // 7 + 1))


def _stance_span(published: list[dt.date], merger: Merger) -> tuple[dt.date, dt.date]:
    days = dt.timedelta(days=merger.stance_days)
    return min(published) - days, max(published) + days


def _rows(clusters: list[Cluster], merger: Merger) -> tuple[list[dict], list[list], list[list]]:
    """The merged_events, merged_reports and merged_blocks rows of ``clusters``."""
    merged, reports, blocks = [], [], []
    with_dates = _WITH_DATES.encode
    for c in clusters:
        m = summarise(c)
        m["day"] = m["date_start"] or m["first_published"]
        m["disagreements"] = with_dates(m["disagreements"])
        ordered = sorted(c.reports, key=lambda r: (r.published or dt.date.max, r.article_id, r.idx))
        rows = [{
            "article_id": r.article_id, "event_id": r.event_id, "outlet": r.outlet,
            "published": _text(r.published), "status": r.status, "modality": r.modality,
            "date_start": _text(r.date_start), "date_end": _text(r.date_end), "place": r.place,
            "quantities": r.quantities, "evidence": r.evidence,
            "size": (r.size or {}).get("text")} for r in ordered]
        m["reports"] = with_dates(rows)
        merged.append(m)
        reports += [[m["id"], r.article_id, r.event_id, r.outlet, r.published, r.status, r.modality, r.date_start,
                     r.date_end, r.place, "[]" if r.quantities == [] else json.dumps(r.quantities), r.evidence, _inputs(r)]
                    for r in ordered]  # most reports give no quantities: no call to the encoder
        extent = _extent(c, merger.undated_days)
        recipients = sorted(c.recipient_countries)
        weeks = _weeks(extent[0], extent[1])
        if merger.stance_types and c.types <= merger.stance_types:  # a stance is found by its publication days
            pubs = [r.published for r in c.reports if r.published]
            lo, hi = _stance_span(pubs, merger)
            if None not in weeks and pubs:
                weeks = sorted(set(weeks) | set(_weeks(lo, hi)))
                extent = (min(extent[0], lo), max(extent[1], hi), *extent[2:])
        blocks += [[m["id"], t, a, w, *extent, recipients] for t, a in sorted(merger.block_keys_of(c)) for w in weeks]
    merged.sort(key=lambda m: (m["day"] or dt.date.max, m["id"]))  # by day: zone maps prune dates
    return merged, reports, blocks


def _text(day: dt.date | None) -> str | None:
    """A day as the JSON of a merged event's reports writes it (``str``, as ``default=str`` would,
    but without a call back from the encoder for each of the 50,000 days of 15,000 reports)."""
    return None if day is None else str(day)


#: json.dumps(..., default=str) and the compact form of ``inputs``, built once (json.dumps with
#: options builds an encoder on every call: 26,000 calls for 5,000 events)
_WITH_DATES = json.JSONEncoder(default=str)
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _inputs(r: Report) -> str:
    """The ``inputs`` of report ``r``'s merged_reports row (see INPUT_COLUMNS)."""
    return _COMPACT.encode([r.idx, r.type, r.mode, r.actor, r.recipient, sorted(r.actor_countries),
                           sorted(r.recipient_countries), r.attributed_to, r.historical, r.place_kind, r.lat, r.lon,
                           sorted(r.place_countries), r.cameo, r.quad_class, r.goldstein, r.plover_score, r.weight,
                           r.sentence, r.trigger])


#: The columns of merged_reports :func:`stored_reports` builds a report from
_STORED_COLUMNS = ["article_id", "event_id", "outlet", "published", "status", "modality", "date_start", "date_end",
                   "place", "quantities", "evidence", "inputs"]


def stored_reports(store: Store, sql: str) -> list[Report]:
    """The merged_reports rows ``sql`` selects (all columns) as the :class:`Report` objects they
    were written from (built here: :meth:`Report.from_row` takes a third of the time)."""
    rows = store.con.execute(f"SELECT {', '.join(_STORED_COLUMNS)} FROM ({sql})").fetchall()
    # the JSON of all rows parsed at once: one call instead of two a row
    inputs = json.loads("[" + ",".join(row[11] or "null" for row in rows) + "]")
    quantities = json.loads("[" + ",".join(row[9] or "null" for row in rows) + "]")
    out = []
    for (article_id, event_id, outlet, published, status, modality, start, end, place, _, evidence, _), \
            (idx, type_, mode, actor, recipient, actor_countries, recipient_countries, attributed_to, historical,
             place_kind, lat, lon, place_countries, cameo, quad_class, goldstein, plover_score, weight, sentence,
             trigger), qs in zip(rows, inputs, quantities):
        out.append(Report(  # as Report.from_row reads the event (the lists are its codes already)
            article_id=article_id, event_id=event_id, idx=idx, type=type_, actor=actor, recipient=recipient,
            actor_countries=frozenset(actor_countries), recipient_countries=frozenset(recipient_countries),
            mode=mode, status=status, attributed_to=attributed_to, modality=modality, date_start=start,
            date_end=end, historical=historical, place=place, place_kind=place_kind, lat=lat, lon=lon,
            place_countries=frozenset(place_countries), published=published, outlet=outlet,
            evidence=evidence or "", quantities=[{k: q.get(k) for k in ("value", "of", "kind", "qualifier")}
                                                 for q in qs or []],
            cameo=cameo, quad_class=quad_class, goldstein=goldstein, plover_score=plover_score, weight=weight,
            sentence=sentence, trigger=trigger))
    return out


def _write(con: Any, merged: list[dict], reports: list[list], blocks: list[list]) -> None:
    """Insert the rows of :func:`_rows`. Each event takes the next integer key (merged_events.key,
    internal: see migration 0009), which its reports and blocks carry too (``merged_key``)."""
    if not merged:
        return
    (last,) = con.execute("SELECT coalesce(max(key), 0) FROM merged_events").fetchone()
    keys = {}
    for i, m in enumerate(merged, start=int(last) + 1):
        m["key"] = keys[m["id"]] = i
    for row in reports:
        row.append(keys[row[0]])
    for row in blocks:
        row.append(keys[row[0]])
    _insert_frame(con, "merged_events", pd.DataFrame(merged, columns=MERGED_COLUMNS + ["key"]), MERGED_COLUMNS + ["key"])
    columns = REPORT_COLUMNS + ["inputs", "merged_key"]
    _insert_frame(con, "merged_reports", pd.DataFrame(reports, columns=columns), columns)
    if blocks:
        _insert_frame(con, "merged_blocks", pd.DataFrame(blocks, columns=BLOCK_COLUMNS + ["merged_key"]),
                      BLOCK_COLUMNS + ["merged_key"])


def _record_articles(con: Any, changed: str | None = None) -> None:
    """Remember which article versions are merged (all, or those of the ``changed`` temp table)."""
    if changed is None:
        con.execute("DELETE FROM merged_articles")
        con.execute("INSERT INTO merged_articles SELECT id, content_hash, pipeline_version FROM articles")
        return
    con.execute(f"DELETE FROM merged_articles WHERE article_id IN (SELECT article_id FROM {changed})")
    con.execute(f"INSERT INTO merged_articles SELECT id, content_hash, pipeline_version FROM articles "
                f"WHERE id IN (SELECT article_id FROM {changed})")


def rebuild(store: Store, *, merger: Merger | None = None) -> dict[str, int]:
    """Cluster every stored event and rewrite merged_events, merged_reports and the discovered
    flashpoints, in one transaction. Returns counts."""
    merger = merger or Merger()
    with _no_gc():
        clusters = merger.cluster(iter_reports(store))
        merged, reports, blocks = _rows(clusters, merger)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("merged_reports", "merged_events", "merged_blocks"):
            con.execute(f"DELETE FROM {table}")
        _write(con, merged, reports, blocks)
        _record_articles(con)
        n_flashpoints = store_flashpoints(con, store)
        _set_state(con, merge_params=_merge_params(), articles=fingerprint(store),
                   built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return {"reports": len(reports), "events": len(merged), "flashpoints": n_flashpoints}


def _probe_rows(reports: list[Report], merger: Merger) -> list[list[Any]]:
    """Rows of the ``_probe`` table: each key a report looks for clusters under, with its days,
    the box its place allows (precise places only) and its recipients."""
    km = merger.place_km * 1.1
    rows = []
    for r in reports:
        w = r.window(merger.undated_days)
        lat = lon = dlat = dlon = None
        if r.lat is not None and r.lon is not None and r.place_kind != "country":
            lat, lon, dlat = r.lat, r.lon, km / 111.0
            dlon = km / (111.0 * max(0.02, math.cos(math.radians(min(89.0, abs(lat) + dlat)))))
        weeks = _weeks(w[0], w[1], merger.tol) if w else [None]
        if r.type in merger.stance_types and r.published and w:  # a stance is found by its publication days
            lo, hi = _stance_span([r.published], merger)
            weeks = sorted(set(weeks) | set(_weeks(lo, hi, merger.tol)))
            w = (min(w[0], lo), max(w[1], hi))
        for t, a in merger.block_keys(r):
            rows += [[t, a, week, w[0] if w else None, w[1] if w else None, lat, lon, dlat, dlon,
                      sorted(r.recipient_countries)] for week in weeks]
    return rows


def update(store: Store, *, merger: Merger | None = None, transaction: bool = True) -> dict[str, Any]:
    """Merge the reports of the articles added, replaced or removed since the last build into the
    merged tables, without a pass over everything:

    1. the changed articles are those whose id, content hash or pipeline version differ from
       ``merged_articles``; their old reports leave their events (which are re-clustered);
    2. the events each new report may join are found in SQL (``merged_blocks``: type and actor
       keys, days, the box of their places, recipients), as are those the remaining reports of
       the events in step 1 may join;
    3. those events are dissolved and their reports re-clustered with the new ones, in the
       merge's fixed order; an event keeps its id when its earliest report stays its earliest.

    This gives what a full :func:`rebuild` gives (tested on synthetic corpora) unless a report's
    best cluster changes through an event two steps away from the new reports, which the
    re-clustering does not reach; ``--rebuild`` re-clusters everything.

    The flashpoints are discovered again once the events changed since the last discovery
    exceed ``rediscover_fraction`` (params.json) of all events; until then they stay, and the
    stored membership and daily series of the rewritten events follow. Returns counts and
    timings.

    Python's cycle collector is paused throughout: the reads, the clustering and the rows make
    many objects and no cycles, and each collection walks them all (in a process that has
    spaCy's models loaded, every object of those too)."""
    with _no_gc():
        return _update(store, merger=merger, transaction=transaction)


def _update(store: Store, *, merger: Merger | None, transaction: bool) -> dict[str, Any]:
    import time

    merger = merger or Merger()
    con = store.con
    t0 = time.perf_counter()
    out: dict[str, Any] = {}
    timings: dict[str, float] = {}
    if transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        # the reads come back in any order (the merge sorts its reports): DuckDB need not keep it
        con.execute("SET preserve_insertion_order = false")
        try:
            new, joined = _read_affected(store, merger, out, timings)
        finally:
            _reset_order(con)
        out["read_s"] = round(time.perf_counter() - t0, 3)
        out["read_steps"] = {k: round(v, 3) for k, v in timings.items()}
        # 3. re-cluster them and write the result; meanwhile DuckDB drops the rows of the events
        # dissolved (it works outside the GIL, and the clustering does not use the connection)
        t1 = time.perf_counter()
        dropped = _meanwhile(lambda: _drop_dissolved(store))
        try:
            clusters = merger.cluster(joined + new)
            merged, reports, blocks = _rows(clusters, merger)
        finally:
            articles_fingerprint = dropped()
        out["cluster_s"] = round(time.perf_counter() - t1, 3)
        t2 = time.perf_counter()
        _write(con, merged, reports, blocks)
        out["events_after"] = len(merged)
        changed = int(_state(store, "changed_since_discovery") or 0) + out["events_before"] + len(merged)
        total = con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
        out["rediscovered"] = changed > params()["flashpoints"].get("rediscover_fraction", 0.0) * total
        if out["rediscovered"]:
            store_flashpoints(con, store)
        else:  # the flashpoints stay: the membership of the rewritten events follows
            from .alerts import store_days, store_members
            from .flashpoints import flashpoints as stored_flashpoints

            # the events written took the keys after the last (see _write): no rows from Python
            first = merged[0]["key"] if merged else 0
            con.execute("CREATE OR REPLACE TEMP TABLE _new_keys AS SELECT range AS key FROM range(?, ?)",
                        [first, first + len(merged)])
            store_members(con, stored_flashpoints(con), "_new_keys")
            con.execute("INSERT INTO _touched SELECT DISTINCT name, day FROM flashpoint_members "
                        "WHERE key IN (SELECT key FROM _new_keys)")
            store_days(con, "_touched")
            con.execute("DROP TABLE IF EXISTS _new_keys")
            _set_state(con, changed_since_discovery=changed)
        _set_state(con, articles=articles_fingerprint,
                   updated_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        for table in ("_changed", "_affected", "_probe", "_candidates", "_taken", "_taken_rows", "_touched"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        out["write_s"] = round(time.perf_counter() - t2, 3)
        if transaction:
            con.execute("COMMIT")
    except BaseException:
        if transaction:
            rollback(con)
        raise
    out["seconds"] = round(time.perf_counter() - t0, 3)
    return out


def _read_affected(store: Store, merger: Merger, out: dict[str, Any],
                   timings: dict[str, float]) -> tuple[list[Report], list[Report]]:
    """Steps 1 and 2 of :func:`update`: the reports of the changed articles (new) and those of the
    events they leave or may join (joined), whose merged_reports rows go (``_affected`` lists
    those events by their keys)."""
    import time

    con, t0 = store.con, time.perf_counter()
    con.execute(_CHANGED)
    changed = con.execute("SELECT article_id, merged FROM _changed").fetchall()
    out["articles"] = len(changed)
    # 1. events holding old reports of the changed articles (none when every changed article
    # is new): their other reports (dirty) are read back from merged_reports
    con.execute("CREATE OR REPLACE TEMP TABLE _affected (merged_key BIGINT)")
    con.execute("CREATE OR REPLACE TEMP TABLE _taken_rows (row_id BIGINT)")
    dirty: list[Report] = []
    if any(merged for _, merged in changed):
        con.execute("""INSERT INTO _affected SELECT DISTINCT merged_key FROM merged_reports
            WHERE article_id IN (SELECT article_id FROM _changed WHERE merged)""")
        _take_reports(con, "_affected")
        dirty = stored_reports(store, _KEPT)
    # the reports of the changed articles (new), read from events
    new = list(iter_reports(store, sql=_READ_SQL + "WHERE article_id IN (SELECT article_id FROM _changed)"))
    timings["new_and_dirty"] = time.perf_counter() - t0
    # 2. events the new reports (and the loosened ones) may join
    probe = _probe_rows(new + dirty, merger)
    con.execute("CREATE OR REPLACE TEMP TABLE _probe (type TEXT, actor TEXT, week INTEGER, lo DATE, hi DATE, "
                "lat DOUBLE, lon DOUBLE, dlat DOUBLE, dlon DOUBLE, recipients TEXT[])")
    if probe:
        insert_rows(con, "_probe", probe, ["TEXT", "TEXT", "INTEGER", "DATE", "DATE", "DOUBLE", "DOUBLE",
                                           "DOUBLE", "DOUBLE", "TEXT[]"])
    # an equi-join on type, actor and week (unbounded blocks or probes, week NULL, meet all weeks)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _candidates AS
        SELECT DISTINCT b.merged_key FROM _probe p JOIN merged_blocks b ON b.type = p.type AND b.actor = p.actor
             AND b.week = p.week
        WHERE {_CANDIDATE}
        UNION SELECT DISTINCT b.merged_key FROM (SELECT * FROM _probe WHERE week IS NULL) p
              JOIN merged_blocks b ON b.type = p.type AND b.actor = p.actor WHERE {_CANDIDATE}
        UNION SELECT DISTINCT b.merged_key FROM _probe p
              JOIN (SELECT * FROM merged_blocks WHERE week IS NULL) b ON b.type = p.type AND b.actor = p.actor
        WHERE {_CANDIDATE}
        EXCEPT SELECT merged_key FROM _affected""".replace("{tol}", str(int(merger.tol))))
    timings["candidates"] = time.perf_counter() - t0
    # the reports of the candidate events (those of the events of step 1 are read)
    _take_reports(con, "_candidates")
    joined = dirty + stored_reports(store, _KEPT)
    con.execute("INSERT INTO _affected SELECT merged_key FROM _candidates")
    out["events_before"] = con.execute("SELECT count(*) FROM _affected").fetchone()[0]
    out["reports"] = len(joined) + len(new)
    return new, joined


def _reset_order(con: Any) -> None:
    """Back to DuckDB's default (the merged events are written in day order for its zone maps)."""
    try:
        con.execute("RESET preserve_insertion_order")
    except duckdb.Error:  # the transaction failed: the error being raised says why
        pass


def _drop_dissolved(store: Store) -> str:
    """Delete the merged events of ``_affected``, their reports (``_taken_rows``), blocks and
    flashpoint membership, and record the ``_changed`` article versions as merged. Keeps the
    flashpoint days the events counted on in ``_touched``; returns the articles' fingerprint
    (the articles stay)."""
    con = store.con
    con.execute("DELETE FROM merged_reports WHERE rowid IN (SELECT row_id FROM _taken_rows)")
    con.execute("DELETE FROM merged_events WHERE key IN (SELECT merged_key FROM _affected)")
    con.execute("DELETE FROM merged_blocks WHERE merged_key IN (SELECT merged_key FROM _affected)")
    # kept, then deleted: DELETE ... RETURNING costs three times the two (0.18 s of CPU against 0.06 s)
    con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT name, day FROM flashpoint_members "
                "WHERE key IN (SELECT merged_key FROM _affected)")
    con.execute("DELETE FROM flashpoint_members WHERE key IN (SELECT merged_key FROM _affected)")
    _record_articles(con, "_changed")
    return _next_fingerprint(store)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Python's cycle collector paused: the clustering makes many objects and no cycles, and
    every full collection walks them all (a third of the clustering's time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _meanwhile(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a thread; the function returned waits for it and gives its result (or
    raises its error)."""
    done: dict[str, Any] = {}

    def run() -> None:
        try:
            done["result"] = work()
        except BaseException as exc:  # handed to the waiting thread
            done["error"] = exc

    thread = threading.Thread(target=run, name="flashpoint-merge-drop", daemon=True)
    thread.start()

    def wait() -> T:
        thread.join()
        if "error" in done:
            raise done["error"]
        return done["result"]

    return wait


def _take_reports(con: Any, events: str) -> None:
    """Keep the merged_reports rows of the merged events in the table ``events`` (they are
    re-clustered) in the table ``_taken``, and their row ids in ``_taken_rows``: they are deleted
    by these (:func:`_drop_dissolved`, while the merge clusters), without another pass over
    merged_reports."""
    # only the columns stored_reports reads: the scan decompresses each column of every row (the
    # rows lie anywhere), and the text ids would cost half as much again
    con.execute(f"CREATE OR REPLACE TEMP TABLE _taken AS SELECT rowid AS row_id, {', '.join(_STORED_COLUMNS)} "
                f"FROM merged_reports WHERE merged_key IN (SELECT merged_key FROM {events})")
    con.execute("INSERT INTO _taken_rows SELECT row_id FROM _taken")


def _insert_frame(con: Any, table: str, frame: pd.DataFrame, columns: list[str]) -> None:
    con.register("_frame", frame)
    try:
        casts = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({casts}) SELECT {casts} FROM _frame")
    finally:
        con.unregister("_frame")


def refresh(store: Store) -> str | None:
    """Bring the merged tables, series and discovered flashpoints of a writable ``store`` up to
    date with its articles; what it did (see :func:`needed`). The writers (ingest, remove,
    reanalyze) call it after their articles, so that queries never have to write."""
    need = needed(store)
    if need == "rebuild":
        rebuild(store)
    elif need == "update":
        update(store)
    elif need == "flashpoints":
        store.con.execute("BEGIN TRANSACTION")
        try:
            store_flashpoints(store.con, store)
            store.con.execute("COMMIT")
        except BaseException:
            rollback(store.con)
            raise
    return need


def open_merged(db: str | os.PathLike[str], *, rebuild_now: bool = False,
                lock_wait: float | None = None) -> Store:
    """The store at ``db``, read-only, with merged tables that are up to date with its articles.

    A store written by ingest is up to date already (ingest merges its new articles in), so this
    only reads. A store left behind by an older flashpoint, or an ingest killed before its merge,
    is brought up to date here once (:func:`refresh`; :func:`rebuild` when ``rebuild_now``); if it
    cannot be written then, :class:`StoreError` says so in one line. A store with migrations not
    yet applied is migrated first (opening it writable migrates it). ``lock_wait``: see
    :class:`~flashpoint.store.Store`."""
    store = Store(db, read_only=True, lock_wait=lock_wait)
    try:
        need = "rebuild" if rebuild_now else needed(store)
        migrate = bool(store.unapplied())
    except BaseException:
        store.close()
        raise
    if need is None and not migrate:
        return store
    store.close()
    try:
        with Store(db, lock_wait=lock_wait) as writable:
            if rebuild_now:
                rebuild(writable)
            else:
                refresh(writable)
    except StoreError as exc:
        raise StoreError(f"{db}: its merged tables are out of date and it cannot be written now "
                         f"({str(exc).removeprefix(f'{db}: ')}); run flashpoint ingest on it once "
                         f"with write access") from None
    return Store(db, read_only=True, lock_wait=lock_wait)


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
