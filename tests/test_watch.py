"""flashpoint watch: files added while it runs (one written slowly, one bad) raise the expected
alerts once, on stdout, in the alerts log and at a local webhook; a restart raises none again."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flashpoint.escalation.alerts import alerts
from flashpoint.escalation.build import open_merged
from flashpoint.escalation.flashpoints import flashpoints
from flashpoint.readers import read
from flashpoint.watch import Tracker, alert_id

from conftest import shared

SRC = Path(__file__).resolve().parents[1] / "src"
QUICK = ["03_lbc_2021-11-12_british-troops-deploy-to-poland.txt",
         "05_trtworld_2021-11-12_russia-belarus-paratrooper-drills.txt",
         "07_rferl_2021-11-12_kremlin-lashes-out-defends-troop-movements.txt"]
SLOW = "09_dtnext-reuters_2021-11-14_polish-pm-calls-for-concrete-steps-from-nato.txt"


@pytest.fixture
def webhook():
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


class Watch:
    """A ``flashpoint watch`` process with its output in files."""

    def __init__(self, tmp: Path, folder: Path, db: Path, url: str, run: int) -> None:
        self.out, self.err = tmp / f"out{run}.txt", tmp / f"err{run}.txt"
        env = dict(os.environ, PYTHONPATH=str(SRC))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flashpoint", "watch", str(folder), "--db", str(db), "--interval", "0.2",
             "--settle", "1.0", "--format", "jsonl", "--notify", url],
            stdout=self.out.open("w"), stderr=self.err.open("w"), env=env)

    def stderr(self) -> str:
        return self.err.read_text()

    def alerts(self) -> list[dict]:
        return [json.loads(line) for line in self.out.read_text().splitlines() if line.strip()]

    def wait_for(self, predicate, timeout: float = 240) -> None:
        end = time.monotonic() + timeout
        while not predicate(self.stderr()):
            assert self.proc.poll() is None, f"watch exited early:\n{self.stderr()}"
            assert time.monotonic() < end, f"timed out:\n{self.stderr()}"
            time.sleep(0.1)

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=120)


def _up_to_date(n: int):
    return lambda err: err.count("up to date") >= n


def test_watch_raises_each_alert_once_and_a_restart_none(tmp_path, webhook):
    nov = shared("examples", "nov2021")
    url, received = webhook
    folder, db = tmp_path / "inbox", tmp_path / "fp.duckdb"
    folder.mkdir()
    w = Watch(tmp_path, folder, db, url, 1)
    w.wait_for(_up_to_date(1))  # the first look at the empty folder

    for name in QUICK:
        shutil.copy(nov / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"this is no PDF")
    text = (nov / SLOW).read_text(encoding="utf-8")
    with (folder / SLOW).open("w", encoding="utf-8") as f:  # written over ~2.4 s in pauses under --settle
        for k in range(8):
            f.write(text[k * len(text) // 8:(k + 1) * len(text) // 8])
            f.flush()
            time.sleep(0.3)
    w.wait_for(lambda err: "new       09_dtnext" in err and err.rfind("up to date") > err.find("new       09_dtnext"))
    assert w.stop() == 0
    err = w.stderr()
    assert "stopped" in err
    assert f"error: {folder / 'broken.pdf'}: malformed PDF" in err
    assert "replaced" not in err  # the slowly written file was read once, whole
    assert err.count("new  ") == 4

    raised = w.alerts()
    ids = [a["id"] for a in raised]
    assert len(ids) == len(set(ids))
    logged = [json.loads(line) for line in (tmp_path / "fp.duckdb.alerts.jsonl").read_text().splitlines()]
    assert [a["id"] for a in logged] == ids
    assert sorted(a["id"] for a in received) == sorted(ids)
    border = [a for a in raised if a["flashpoint"] == "Belarus-Poland border" and a["rule"] == "surge"]
    assert [a["period"] for a in border] == [{"start": "2021-11-08", "end": "2021-11-14"}]
    assert any("British troops have deployed to Poland" in r for r in border[0]["reasons"])

    with open_merged(db) as store:  # every alert the store has now was raised
        now = alerts(store.con, flashpoints(store.con))
        stored = store.con.execute("SELECT text FROM articles WHERE id LIKE '09_dtnext%'").fetchall()
    assert {alert_id(a, "week") for a in now} <= set(ids)
    assert [t.strip() for (t,) in stored] == [a.text.strip() for a in read(nov / SLOW)]

    again = Watch(tmp_path, folder, db, url, 2)
    again.wait_for(_up_to_date(1))
    assert again.stop() == 0
    assert again.alerts() == []
    assert f"({len(ids)} alerts raised before)" in again.stderr()
    assert len(received) == len(ids)


def test_a_file_is_ready_once_its_stamp_has_held_for_settle_seconds():
    t = Tracker(settle=1.0)
    p = Path("a.txt")
    assert t.ready({p: (10, 1)}, now=0.0) == []
    assert t.ready({p: (20, 2)}, now=0.8) == []  # still growing
    assert t.ready({p: (20, 2)}, now=1.5) == []  # unchanged for 0.7 s only
    assert t.ready({p: (20, 2)}, now=1.8) == [p]
    t.mark(p, (20, 2))
    assert t.ready({p: (20, 2)}, now=5.0) == []
    assert t.ready({p: (30, 3)}, now=6.0) == []  # changed: taken again once it settles
    assert t.ready({p: (30, 3)}, now=7.0) == [p]
