"""Drive the HTTP API of ``flashpoint serve`` on loopback over the synthetic store of millions of
events that ``bench_queries.py`` builds, and report the latency of each endpoint.

    PYTHONPATH=src python benchmarks/bench_api.py                      # 5M events, 200 requests an endpoint
    PYTHONPATH=src python benchmarks/bench_api.py --events 200000 --requests 50 --json

The server runs as its own process (``python -m flashpoint serve``), as a user would start it;
this process sends a bounded number of requests to each endpoint, one at a time, with varied
parameters (actors, types, months, flashpoints, ids drawn with a fixed seed), and reports p50, p95
and the slowest in milliseconds, and any answer that is not 200. The first request of each
endpoint is timed apart (``first_ms``): it includes DuckDB reading the tables' pages from disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_queries import COUNTRIES, TYPES, generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(db: Path, n: int) -> None:
    """The synthetic store (generated once and reused, as bench_queries.py does)."""
    if not db.exists():
        t = time.perf_counter()
        generate(db, n)
        print(f"  .. generated {n:,} events in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    else:  # the merged tables are the known happenings, whatever the merge parameters
        from flashpoint.escalation.build import _merge_params, _set_state
        from flashpoint.store import Store

        with Store(db) as writable:
            _set_state(writable.con, merge_params=_merge_params())


def start_server(db: Path, port: int) -> tuple[subprocess.Popen, float]:
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flashpoint", "serve", "--db", str(db), "--port", str(port),
                             "--poll", "30"], env=env, stderr=subprocess.PIPE, text=True)
    import httpx

    while True:
        if proc.poll() is not None:
            raise SystemExit(f"bench_api: the server stopped: {proc.stderr.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/status", timeout=5).status_code == 200:
                return proc, time.perf_counter() - t
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def month(rng: random.Random) -> tuple[str, str]:
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 1070))
    return start.isoformat(), (start + dt.timedelta(days=30)).isoformat()


def requests_for(client, rng: random.Random, n: int) -> dict[str, list[tuple[str, dict]]]:
    """``n`` requests (path, params) for each endpoint."""
    fps = [f["name"] for f in client.get("/api/v1/flashpoints").json()]
    ids = [m["id"] for m in client.get("/api/v1/merged", params={"limit": 500, "since": "2021-01-01"}).json()["items"]]
    out: dict[str, list[tuple[str, dict]]] = {k: [] for k in (
        "GET /api/v1/events", "GET /api/v1/merged", "GET /api/v1/merged/{id}", "GET /api/v1/flashpoints",
        "GET /api/v1/flashpoints/{name}/timeline", "GET /api/v1/alerts", "GET /api/v1/articles")}
    for _ in range(n):
        since, until = month(rng)
        out["GET /api/v1/events"].append(("/api/v1/events", {"actor": rng.choice(COUNTRIES), "since": since,
                                                             "until": until, "limit": 50}))
        out["GET /api/v1/merged"].append(("/api/v1/merged", {"type": rng.choice(TYPES), "actor": rng.choice(COUNTRIES),
                                                             "since": since, "until": until, "limit": 50}))
        out["GET /api/v1/merged/{id}"].append((f"/api/v1/merged/{rng.choice(ids)}", {}))
        out["GET /api/v1/flashpoints"].append(("/api/v1/flashpoints", {}))
        out["GET /api/v1/flashpoints/{name}/timeline"].append(
            (f"/api/v1/flashpoints/{rng.choice(fps)}/timeline", {"by": rng.choice(["day", "week"])}))
        out["GET /api/v1/alerts"].append(("/api/v1/alerts", {"flashpoint": rng.choice(fps)} if rng.random() < 0.5 else {}))
        out["GET /api/v1/articles"].append(("/api/v1/articles", {"limit": 50, "offset": rng.randrange(0, 5000)}))
    return out


def drive(client, plan: dict[str, list[tuple[str, dict]]]) -> dict[str, dict]:
    results = {}
    for endpoint, reqs in plan.items():
        times, errors = [], []
        first = None
        for path, params in reqs:
            t = time.perf_counter()
            r = client.get(path, params=params)
            ms = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                errors.append(f"{r.status_code} {path} {params}")
            if first is None:
                first = ms
            else:
                times.append(ms)
        times.sort()
        results[endpoint] = {"requests": len(reqs), "first_ms": round(first or 0, 1),
                             "p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                             "max_ms": round(times[-1], 1), "errors": len(errors), "error_examples": errors[:3]}
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=5_000_000, help="Number of synthetic events.")
    ap.add_argument("--db", type=Path, help="Store path (default: bench_queries.py's, /tmp/flashpoint-bench-<events>-v4.duckdb).")
    ap.add_argument("--requests", type=int, default=200, help="Requests to each endpoint.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = ap.parse_args(argv)

    import httpx

    db = args.db or Path(f"/tmp/flashpoint-bench-{args.events}-v4.duckdb")
    prepare(db, args.events)
    port = free_port()
    proc, startup = start_server(db, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            status = client.get("/api/v1/status").json()
            plan = requests_for(client, random.Random(args.seed), args.requests)
            results = drive(client, plan)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    report = {"events": status["counts"]["events"], "articles": status["counts"]["articles"],
              "server_start_s": round(startup, 1), "snapshot_s": status["seconds_to_make"], "endpoints": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['events']:,} events, {report['articles']:,} articles; server up in {report['server_start_s']} s "
          f"(snapshot made in {report['snapshot_s']} s)")
    print(f"{'endpoint':<42} {'n':>4} {'first':>7} {'p50':>7} {'p95':>7} {'max':>7} errors")
    for name, r in results.items():
        print(f"{name:<42} {r['requests']:>4} {r['first_ms']:>7.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
              f"{r['max_ms']:>7.1f} {r['errors']}")
    return 1 if any(r["errors"] for r in results.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
