"""Helpers of the web tests: the example folders, a real server on a loopback port (uvicorn in a
thread); their fixtures are in conftest.py."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TOKEN = "test-token-0123456789"
#: Screenshots and other files the browser tests leave for a person to look at.
ARTEFACTS = Path(os.environ.get("FLASHPOINT_TEST_ARTEFACTS", ROOT / "test-artefacts"))


class LiveServer:
    def __init__(self, app) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def make_app(db: Path, **kwargs):
    from flashpoint.web.app import create_app

    return create_app(db, token=TOKEN, poll=0.3, **kwargs)
