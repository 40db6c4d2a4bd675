"""Errors as JSON (``{"error": {"status": 404, "message": "no article 'x'"}}``) and the limits on
what a request may send."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

#: The largest request body accepted (a batch of articles or uploaded files).
MAX_BODY = 32 * 1024 * 1024


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


def error_body(status: int, message: str, **more: Any) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, **more}}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {e.get('msg')}")
    return "; ".join(parts)


def install(app: FastAPI) -> None:
    """The handlers of API errors and invalid requests, and the body-size limit (the handlers of
    404 and other HTTP errors answer pages in HTML: see :func:`.app.create_app`)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.status, exc.message), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = json.loads(json.dumps(exc.errors(), default=str))
        for d in details:
            d.pop("input", None)  # never echo what was sent
            d.pop("ctx", None)
        return JSONResponse(error_body(422, _validation_message(exc), details=details), status_code=422)

    app.add_middleware(BodyLimit, limit=MAX_BODY)


class BodyLimit:
    """Refuse a body larger than ``limit`` bytes (by its Content-Length, or as it streams in)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _refuse(send, self.limit)
        seen = 0
        started = False

        async def limited() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(send, self.limit)


class _TooLarge(Exception):
    pass


async def _refuse(send: Any, limit: int) -> None:
    body = json.dumps(error_body(413, f"request body too large (the limit is {limit // (1024 * 1024)} MB)")).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
