"""The server and `flashpoint ingest` on one store: the server reads snapshots, the ingest (another
process) writes the store meanwhile, and what it wrote is served when it ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from web_server import LiveServer, make_app

ROOT = Path(__file__).resolve().parents[1]


def test_snapshot_is_taken_up_after_an_ingest_in_another_process(tmp_path, example_path):
    db = tmp_path / "shared.duckdb"
    with LiveServer(make_app(db)) as live:  # no store yet: the server creates an empty one
        status = httpx.get(f"{live.url}/api/v1/status").json()
        assert status["counts"]["articles"] == 0
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        proc = subprocess.Popen([sys.executable, "-m", "flashpoint", "ingest", str(example_path), "--db", str(db)],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        answered = 0
        while proc.poll() is None:  # the server answers from its snapshot while the ingest writes
            r = httpx.get(f"{live.url}/api/v1/events", params={"limit": 5}, timeout=30)
            assert r.status_code == 200
            answered += 1
            time.sleep(0.2)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        assert "1 new" in out and answered >= 1
        deadline = time.monotonic() + 60
        while True:
            status = httpx.get(f"{live.url}/api/v1/status").json()
            if status["counts"]["articles"] == 1:
                break
            assert time.monotonic() < deadline, status
            time.sleep(0.3)
        assert status["snapshot"] >= 2 and not status["store_changed_since"]
        flashpoints_or_merged = httpx.get(f"{live.url}/api/v1/merged", params={"limit": 500}).json()["items"]
        assert flashpoints_or_merged  # the new articles were merged when the snapshot was made
        # and the CLI still reads the store while the server runs
        cli = subprocess.run([sys.executable, "-m", "flashpoint", "events", "--db", str(db), "--type", "MOBILIZE",
                              "--format", "csv"], env=env, capture_output=True, text=True, timeout=120)
        assert cli.returncode == 0 and "MOBILIZE" in cli.stdout


HOLD = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
        "time.sleep(30)")


def hold(db: Path) -> subprocess.Popen:
    """Another process that holds the store for writing (as an ingest does)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_write_waits_for_an_ingest_then_answers_503(tmp_path):
    from fastapi.testclient import TestClient

    from flashpoint.store import Store

    db = tmp_path / "busy.duckdb"
    Store(db).close()
    with TestClient(make_app(db, lock_wait=0.5), base_url="http://127.0.0.1") as client:
        holder = hold(db)
        try:
            r = client.post("/api/v1/articles", headers={"Authorization": "Bearer test-token-0123456789"},
                            json={"text": "Russia moved troops to the border with Ukraine on Monday, officials said.",
                                  "published": "2022-01-10"})
            assert r.status_code == 503 and r.headers["retry-after"] == "10"
            assert "another process" in r.json()["error"]["message"]
            assert client.get("/api/v1/events").status_code == 200  # reading goes on
        finally:
            holder.kill()
            holder.wait()


def test_opening_a_held_store_waits_then_names_the_holder(tmp_path):
    from flashpoint.store import Store, StoreLocked

    db = tmp_path / "held.duckdb"
    Store(db).close()
    holder = hold(db)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreLocked, match="held by another process"):
            Store(db, lock_wait=0.3)
        assert time.monotonic() - t0 >= 0.3
    finally:
        holder.kill()
        holder.wait()
