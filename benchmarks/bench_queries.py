"""Time the escalation queries on a synthetic store of millions of events.

    PYTHONPATH=src python benchmarks/bench_queries.py                 # 5M events, /tmp store
    PYTHONPATH=src python benchmarks/bench_queries.py --events 200000 --json

The store is generated once (DuckDB SQL, a few seconds a million) under /tmp and reused. Each
synthetic happening is reported one to five times by different articles and outlets, at one of
300 hotspots, over three years. The merged tables of the big store are filled from the known
happenings in SQL (what a perfect merge would give), so the query timings do not wait for the
merge. Then the incremental merge is timed: ``--new-articles`` new articles (five reports each,
half of them repeats of stored happenings, half new ones) are added and merged into the store
(candidate events found in SQL, only those re-clustered), in a transaction that is rolled back so
the store stays as generated. The full merge (Python, one pass over the reports) is timed on
``--merge-sample`` reports and its rate given, which is what ``--rebuild`` costs. Last, each
format of ``--exports`` is exported from the whole store by ``flashpoint export`` in a process of
its own, timed, with its peak memory (the peak of a process that only imports flashpoint is given
beside it: what the export itself adds is the difference).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"]
COUNTRIES = ["RUS", "UKR", "BLR", "POL", "USA", "GBR", "DEU", "FRA", "CHN", "TWN", "ISR", "PSE", "IRN", "SYR",
             "TUR", "ARM", "AZE", "IND", "PAK", "PRK", "KOR", "JPN", "SRB", "XKX", "ETH", "SDN", "MLI", "NGA",
             "VEN", "COL"]


def generate(db: Path, n: int) -> None:
    from flashpoint.escalation.merge import _ladder
    from flashpoint.store import Store
    from flashpoint.store.schema import INPUTS_SQL

    n_articles = max(1, n // 5)
    types = "[" + ",".join(f"'{t}'" for t in TYPES) + "]"
    countries = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
    with Store(db) as store:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        con.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT i, i // 3 + CAST(hash(i) % 2 AS BIGINT) AS hid, CAST(hash(i) % 1000000007 AS BIGINT) AS hr FROM range({n}) t(i);
        """)
        con.execute(f"""
        CREATE TEMP TABLE hap AS
        SELECT DISTINCT hid, CAST(hash(hid * 7919) % 4000000000000 AS BIGINT) AS hh FROM gen;
        """)
        con.execute(f"""
        CREATE TEMP TABLE hap2 AS
        SELECT hid, {types}[1 + hh % 16] AS type,
               {countries}[1 + (hh // 16) % 30] AS a, {countries}[1 + (hh // 480) % 30] AS r,
               (hh // 14400) % 300 AS spot, DATE '2020-01-01' + CAST((hh // 4320000) % 1100 AS INTEGER) AS day,
               (hh // 7) % 5 = 0 AS undated
        FROM hap;
        """)
        con.execute(f"""
        INSERT INTO events
        SELECT 'a' || (g.hr % {n_articles}) AS article_id, 'h' || g.hid || '-r' || g.i AS event_id,
               CAST(row_number() OVER (PARTITION BY g.hr % {n_articles} ORDER BY g.i) - 1 AS INTEGER) AS idx, h.type, NULL AS mode, h.a || 'GOV' AS actor,
               CASE WHEN h.a = h.r THEN '' ELSE h.r || 'MIL' END AS recipient, [h.a] AS actor_countries,
               CASE WHEN h.a = h.r THEN [] ELSE [h.r] END AS recipient_countries,
               CASE WHEN g.hr % 10 = 0 THEN 'attributed' ELSE 'asserted' END AS status, NULL AS attributed_to,
               'actual' AS modality, CASE WHEN h.undated THEN NULL ELSE h.day END AS date_start,
               CASE WHEN h.undated THEN NULL ELSE h.day END AS date_end, false AS historical,
               'spot ' || h.spot AS place, 20 + (h.spot % 30) * 1.5 + ((g.hr // 3) % 100) / 500.0 AS lat,
               -10 + (h.spot // 30) * 9.0 + ((g.hr // 5) % 100) / 500.0 AS lon, [] AS place_countries,
               NULL AS cameo, CAST(1 + (hash(h.type) % 4) AS INTEGER) AS quad_class, -5.0 + CAST(hash(h.type) % 10 AS DOUBLE) AS goldstein,
               NULL AS plover_score, NULL AS weight, h.day + CAST(g.hr % 3 AS INTEGER) AS published,
               'outlet ' || (g.hr % 200) AS outlet, 0 AS sentence, 0, 5, 'event', 'A synthetic report.' AS evidence,
               '{{"place": {{"kind": "city"}}, "quantities": []}}' AS record
        FROM gen g JOIN hap2 h USING (hid);
        """)
        con.execute(f"""
        INSERT INTO articles (id, content_hash, pipeline_version, outlet, published, text, n_sentences, n_events)
        SELECT 'a' || i, 'c' || i, 'synthetic', 'outlet ' || (i % 200),
               DATE '2020-01-01' + CAST(hash(i) % 1102 AS INTEGER), '', 1, 5 FROM range({n_articles}) t(i);
        """)
        # the merged events' integer keys: the happening's number (its id is 'h' and the number)
        key = "CAST(substr(split_part(event_id, '-', 1), 2) AS BIGINT)"
        rungs = "CASE any_value(type) " + " ".join(
            f"WHEN '{t}' THEN {r}" for (t, m), (r, _) in _ladder().items() if m == "*") + " ELSE 0 END"
        con.execute(f"""
        INSERT INTO merged_reports
        SELECT split_part(event_id, '-', 1), article_id, event_id, outlet, published, status, modality,
               date_start, date_end, place, '[]', evidence, {INPUTS_SQL}, {key} FROM events e;
        INSERT INTO merged_events
        SELECT * FROM (
        SELECT split_part(event_id, '-', 1) AS id, any_value(type), NULL, any_value(actor), any_value(recipient),
               any_value(actor_countries), any_value(recipient_countries), min(status), 'actual',
               min(date_start), max(date_end), coalesce(min(date_start), min(published)), false, any_value(place),
               'city', avg(lat), avg(lon), [], NULL, any_value(quad_class), avg(goldstein), NULL, NULL,
               {rungs}, NULL, min(published), max(published), count(*), count(DISTINCT outlet),
               list(DISTINCT outlet), any_value(evidence), '[]',
               to_json(list({{'article_id': article_id, 'event_id': event_id, 'outlet': outlet,
                             'published': published, 'status': status, 'modality': modality,
                             'date_start': date_start, 'date_end': date_end, 'place': place,
                             'quantities': [], 'evidence': evidence}} ORDER BY published, article_id)) AS reports,
               any_value({key})
        FROM events GROUP BY 1) ORDER BY 12, 1;
        """)
        # what the incremental merge finds candidate events by (see escalation.build.update), and
        # the article versions merged
        con.execute(f"""
        INSERT INTO merged_blocks
        SELECT m.id, m.type, k.actor, w.week, m.lo, m.hi, m.lat_lo, m.lat_hi, m.lon_lo, m.lon_hi, m.recipients, m.key FROM (
          SELECT split_part(event_id, '-', 1) AS id, any_value({key}) AS key, any_value(type) AS type,
                 list_distinct(flatten(list(list_concat(actor_countries, recipient_countries)))) AS keys,
                 min(coalesce(date_start, published - 7)) AS lo, max(coalesce(date_end, published)) AS hi,
                 min(lat) AS lat_lo, max(lat) AS lat_hi, min(lon) AS lon_lo, max(lon) AS lon_hi,
                 any_value(recipient_countries) AS recipients
          FROM events GROUP BY 1) m, unnest(m.keys) AS k(actor),
          unnest(range(CAST(datediff('day', DATE '1970-01-01', m.lo) // 7 AS INTEGER),
                       CAST(datediff('day', DATE '1970-01-01', m.hi) // 7 + 1 AS INTEGER))) AS w(week)
        ORDER BY m.lo;
        INSERT INTO merged_articles SELECT id, content_hash, pipeline_version FROM articles;
        """)
        con.execute("COMMIT")
        store.sort_event_actors(force=True)  # the events by actor code, as ingest leaves them
        t = time.perf_counter()
        from flashpoint.escalation.build import _flashpoint_params, _merge_params, _set_state, fingerprint, store_flashpoints

        con.execute("BEGIN TRANSACTION")
        store_flashpoints(con, store)
        _set_state(con, merge_params=_merge_params(), flashpoint_params=_flashpoint_params(),
                   articles=fingerprint(store), discover_seconds=time.perf_counter() - t)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


def time_update(db: Path, n_articles: int, seed: int = 1) -> dict:
    """Add ``n_articles`` synthetic articles (five reports each: half repeat stored happenings,
    half are new) and time merging them in; everything is rolled back afterwards."""
    from flashpoint.escalation.build import update
    from flashpoint.store import Store

    n = n_articles * 5
    with Store(db) as store:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f"""
            INSERT INTO articles (id, content_hash, pipeline_version, outlet, published, text, n_sentences, n_events)
            SELECT 'new' || i, 'new-c' || i, 'synthetic', 'outlet ' || (i % 200), DATE '2020-01-01', '', 1, 5
            FROM range({n_articles}) t(i);
            CREATE TEMP TABLE _sample AS SELECT *, row_number() OVER () - 1 AS k
            FROM (SELECT * FROM events USING SAMPLE {n} ROWS (reservoir, {seed}));
            INSERT INTO events
            SELECT 'new' || (k % {n_articles}), CASE WHEN k % 2 = 0 THEN split_part(event_id, '-', 1) || '-new' || k
                                                    ELSE 'n' || k || '-new' END,
                   CAST(k // {n_articles} AS INTEGER), CASE WHEN k % 2 = 0 THEN type ELSE
                   {_types_sql()}[CAST(1 + (hash(k) % {len(TYPES)}) AS BIGINT)] END,
                   mode, actor, recipient, actor_countries, recipient_countries, status, attributed_to, modality,
                   date_start, date_end, historical, place, lat, lon, place_countries, cameo, quad_class, goldstein,
                   plover_score, weight, published + CAST(k % 2 AS INTEGER), 'outlet ' || (k % 200), sentence,
                   trigger_start, trigger_end, trigger, evidence, record
            FROM _sample;
            UPDATE articles SET published = s.published FROM (
              SELECT article_id, min(published) AS published FROM events WHERE article_id LIKE 'new%' GROUP BY 1) s
            WHERE articles.id = s.article_id;
            DROP TABLE _sample;
            """)
            t = time.perf_counter()
            stats = update(store, transaction=False)
            stats["total_s"] = round(time.perf_counter() - t, 3)
        finally:
            con.execute("ROLLBACK")
    return stats


def peak_of(cmd: list[str]) -> tuple[float, float, int]:
    """Run ``cmd``; its wall time and CPU time (user + system) in seconds, and its peak resident
    memory in MB. On a loaded machine the CPU time is the steadier figure."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {proc.stderr.read().decode() if proc.stderr else ''}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def time_exports(db: Path, formats: list[str], merged: bool = False) -> dict:
    """Export the whole store in each format (``flashpoint export``, one process each); time, peak
    memory and size of the files written."""
    report: dict = {"import_only_peak_mb": peak_of([sys.executable, "-c", "import flashpoint.cli, flashpoint.exports"])[2]}
    for fmt in formats:
        with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
            out = Path(tmp) / f"bench.export.{fmt}"
            took, cpu, peak = peak_of([sys.executable, "-m", "flashpoint", "export", "--db", str(db), "--format", fmt,
                                       "--out", str(out)] + (["--merged"] if merged else []))
            size = sum(f.stat().st_size for f in Path(tmp).iterdir())
            shutil.rmtree(tmp, ignore_errors=True)
        report[fmt] = {"seconds": round(took, 1), "cpu_seconds": round(cpu, 1), "peak_mb": peak,
                       "file_mb": round(size / 2**20)}
        print(f"  .. export {fmt}: {took:.1f} s (CPU {cpu:.1f} s), peak {peak} MB", file=sys.stderr)
    return report


def _types_sql() -> str:
    return "[" + ",".join(f"'{t}'" for t in TYPES) + "]"


def timed(fn, repeat: int) -> dict[str, float]:
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    size = len(result) if hasattr(result, "__len__") else result
    return {"median_s": round(statistics.median(times), 4), "max_s": round(max(times), 4), "rows": size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=5_000_000, help="Number of synthetic events.")
    ap.add_argument("--db", type=Path, help="Store path (default /tmp/flashpoint-bench-<events>.duckdb).")
    ap.add_argument("--repeat", type=int, default=3, help="Runs of each query (the median is reported).")
    ap.add_argument("--merge-sample", type=int, default=100_000,
                    help="Reports to time the full merge (--rebuild) on (0: skip).")
    ap.add_argument("--new-articles", type=int, default=1000,
                    help="New articles to time the incremental merge with (0: skip).")
    ap.add_argument("--exports", default="parquet,csv,gdelt,plover",
                    help="Formats to export the whole store in, comma-separated ('' to skip).")
    ap.add_argument("--no-queries", action="store_true", help="Skip the query timings (exports only).")
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = ap.parse_args(argv)

    import datetime as dt

    from flashpoint.escalation.alerts import alerts
    from flashpoint.escalation.build import open_merged
    from flashpoint.escalation.flashpoints import flashpoints
    from flashpoint.escalation.merge import Merger, Report
    from flashpoint.escalation.queries import merged_events
    from flashpoint.escalation.series import series

    # v4: an event's (article_id, idx) is unique, as the store writes it, and event_actors is filled
    db = args.db or Path(f"/tmp/flashpoint-bench-{args.events}-v4.duckdb")
    report: dict = {"events": args.events, "db": str(db)}
    if not db.exists():
        t = time.perf_counter()
        generate(db, args.events)
        report["generate_s"] = round(time.perf_counter() - t, 1)
    else:  # the merged tables are the known happenings, whatever the merge parameters: say they are current
        from flashpoint.escalation.build import _merge_params, _set_state
        from flashpoint.store import Store

        with Store(db) as writable:
            _set_state(writable.con, merge_params=_merge_params())
    print(f"  .. store ready ({db})", file=sys.stderr)
    store = open_merged(db)
    con = store.con
    report["merged_events"] = con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    report["articles"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    secs = con.execute("SELECT value FROM escalation_state WHERE key = 'discover_seconds'").fetchone()
    if secs:
        report["discover_flashpoints_s"] = round(float(secs[0]), 3)
    fps = flashpoints(con)
    report["flashpoints"] = len(fps)
    fp = fps[0]
    since, until = dt.date(2021, 6, 1), dt.date(2021, 6, 30)
    queries = {
        "events --merged --type MOBILIZE --actor RUS (a month, limit 100)": lambda: merged_events(
            con, type="MOBILIZE", actor="RUS", since=since, until=until, limit=100),
        "events (reports) --actor RUS --since/--until (a month, limit 100)": lambda: store.query_events(
            actor="RUS", since=since, until=until, limit=100),
        "flashpoints": lambda: flashpoints(con),
        "timeline FLASHPOINT --by week": lambda: series(con, flashpoint=fp, by="week"),
        "timeline FLASHPOINT --by day": lambda: series(con, flashpoint=fp, by="day"),
        "timeline --dyad RUS->UKR --by week": lambda: series(con, dyad="RUS->UKR", by="week"),
        "alerts (one flashpoint, by week)": lambda: alerts(con, [fp]),
        f"alerts (all {len(fps)} flashpoints, by week)": lambda: alerts(con, fps),
    }
    report["queries"] = {}
    for name, fn in ({} if args.no_queries else queries).items():
        report["queries"][name] = timed(fn, args.repeat)
        print(f"  .. {name}: {report['queries'][name]['median_s']} s", file=sys.stderr)
    store.close()
    if args.new_articles:
        report["incremental_merge"] = time_update(db, args.new_articles)
        print(f"  .. incremental merge: {report['incremental_merge']['total_s']} s", file=sys.stderr)
    if args.merge_sample:
        from duckdb import connect

        ro = connect(str(db), read_only=True)
        cur = ro.execute(f"SELECT * FROM events USING SAMPLE {int(args.merge_sample)} ROWS (reservoir, 1)")
        names = [c[0] for c in cur.description]
        reports = [Report.from_row(dict(zip(names, r))) for r in cur.fetchall()]
        ro.close()
        t = time.perf_counter()
        clusters = Merger().cluster(reports)
        took = time.perf_counter() - t
        report["merge"] = {"reports": len(reports), "events": len(clusters), "seconds": round(took, 2),
                           "reports_per_s": round(len(reports) / took)}
    if args.exports:
        report["exports"] = time_exports(db, [f for f in args.exports.split(",") if f])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.events:,} events, {report['merged_events']:,} merged events, {report['articles']:,} articles, "
              f"{report['flashpoints']} flashpoints  ({db})")
        if "generate_s" in report:
            print(f"  generated in {report['generate_s']} s")
        if "discover_flashpoints_s" in report:
            print(f"  flashpoint discovery: {report['discover_flashpoints_s']} s")
        for name, r in report["queries"].items():
            print(f"  {r['median_s']:>8.3f} s  (max {r['max_s']:.3f})  {r['rows']:>6} rows  {name}")
        if "incremental_merge" in report:
            m = report["incremental_merge"]
            print(f"  {m['total_s']:>8.3f} s  merge {args.new_articles:,} new articles ({m['articles']} changed, "
                  f"{m['reports']:,} reports re-clustered, {m['events_before']:,} -> {m['events_after']:,} events; "
                  f"read {m['read_s']} s, cluster {m['cluster_s']} s, write {m['write_s']} s"
                  f"{', flashpoints rediscovered' if m['rediscovered'] else ''})")
        if "exports" in report:
            x = report["exports"]
            for fmt, r in x.items():
                if fmt != "import_only_peak_mb":
                    print(f"  {r['seconds']:>8.1f} s  export --format {fmt} (CPU {r['cpu_seconds']} s): peak {r['peak_mb']} MB "
                          f"(importing flashpoint alone: {x['import_only_peak_mb']} MB), {r['file_mb']:,} MB written")
        if "merge" in report:
            m = report["merge"]
            print(f"  full merge (--rebuild): {m['reports']:,} reports -> {m['events']:,} events in {m['seconds']} s "
                  f"({m['reports_per_s']:,} reports/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
