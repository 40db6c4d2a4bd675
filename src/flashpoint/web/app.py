"""The FastAPI application: the JSON API, the pages, static files, error handling and limits.

    >>> app = create_app("flashpoint.duckdb", token="s3cret")   # then: uvicorn.run(app)
"""

from __future__ import annotations

import os
import threading
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from . import api, errors, pages
from .data import NotFound
from .replica import Replica, Snapshot

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
#: No script from anywhere but this server, no framing, no sniffing (article text is escaped too).
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer",
}
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:")


class PipelineHolder:
    """The analysis pipeline, loaded on the first write (reading never needs spaCy)."""

    def __init__(self) -> None:
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def __call__(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline.default()
            return self._pipeline


def warm(snap: Snapshot, config: Any) -> None:
    """What every page needs, computed when a snapshot is made, before it is served."""
    from . import data

    data.alerts(snap, config=config)
    data.timelines(snap, config)


def create_app(db: str | os.PathLike[str], *, token: str | None = None, config: str | os.PathLike[str] | None = None,
               poll: float = 2.0, lock_wait: float = 10.0, workdir: str | os.PathLike[str] | None = None,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The application over the store ``db``; writing needs ``token`` (None: writing is off).
    ``allowed_hosts``: the Host headers answered (default: the loopback names, which also stops
    DNS rebinding); ``["*"]`` for any."""
    replica = Replica(db, workdir=workdir, poll=poll, lock_wait=lock_wait,
                      prepare=lambda snap: warm(snap, config))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # the article page's framing line imports the framing stage (seconds): do it meanwhile
        threading.Thread(target=__import__, args=("flashpoint.cli.show",), daemon=True).start()
        replica.start()
        try:
            yield
        finally:
            replica.close()

    app = FastAPI(title="flashpoint", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Sourced event data from news about international crises: events, merged events, "
                              "articles, flashpoints, escalation timelines and alerts. Reading is open; writing "
                              "(POST /api/v1/articles) needs the server's token as `Authorization: Bearer TOKEN`.")
    app.state.replica = replica
    app.state.token = token
    app.state.config = Path(config) if config else None
    app.state.pipeline = PipelineHolder()
    errors.install(app)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        if request.url.path.startswith("/api/"):
            return JSONResponse(errors.error_body(404, str(exc)), status_code=404)
        return pages.error_page(404, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/") or exc.status_code == 405:
            return JSONResponse(errors.error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.error_page(exc.status_code, str(exc.detail))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        headers = dict(SECURITY_HEADERS)
        if request.url.path == "/docs":
            headers["content-security-policy"] = DOCS_CSP
        for k, v in headers.items():
            response.headers.setdefault(k, v)
        return response

    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("flashpoint.web").joinpath("static"))), name="static")
    docs(app)
    return app


def docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI served from the files of the swagger-ui-py package (FastAPI's own
    page would load it from a CDN)."""
    from importlib.util import find_spec

    from fastapi.openapi.docs import get_swagger_ui_html

    spec = find_spec("swagger_ui")
    assert spec is not None and spec.origin is not None, "swagger-ui-py is not installed"
    app.mount("/docs-static", StaticFiles(directory=str(Path(spec.origin).parent / "static")), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> Any:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="flashpoint API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")
