"""Who may write: a request carrying the server's token (``--token`` or FLASHPOINT_TOKEN) in the
``Authorization: Bearer`` or ``X-Flashpoint-Token`` header. A header is never sent by a browser
on its own, so a page of another site cannot make a visitor's browser write (no CSRF); a request
whose Origin is another site is refused all the same."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import Request

from .errors import ApiError


def check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "writing is disabled: start flashpoint serve with --token or FLASHPOINT_TOKEN")
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise ApiError(403, f"cross-site write refused (origin {origin[:100]})")
    given = request.headers.get("x-flashpoint-token") or ""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "a valid token is needed to write (Authorization: Bearer TOKEN)",
                       headers={"WWW-Authenticate": "Bearer"})
