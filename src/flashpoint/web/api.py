"""The JSON API under ``/api/v1`` (OpenAPI at ``/docs``): reading is open, writing needs the token.

Every parameter is validated before it reaches a query, and every query takes its values as
bound parameters (no SQL is built from a request string)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from pydantic import BaseModel, Field

from . import data
from .errors import ApiError

MAX_PAGE = 500
MAX_OFFSET = 1_000_000
MAX_BATCH = 100
MAX_TEXT = 2_000_000

CODE = r"^[A-Za-z0-9+\-_]{1,40}$"
STATUSES = Literal["asserted", "attributed", "denied"]
MODALITIES = Literal["actual", "planned", "hypothetical", "negated", "generic"]

router = APIRouter(prefix="/api/v1")


def snapshot(request: Request):
    return request.app.state.replica.current


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError:
        raise ApiError(422, f"bbox {value!r}: give west,south,east,north in degrees") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ApiError(422, f"bbox {value!r}: longitudes within ±180, latitudes within ±90, south <= north")
    return (w, s, e, n)


def filters(type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,20}$", description="PLOVER type, e.g. MOBILIZE")] = None,
            actor: Annotated[str | None, Query(pattern=CODE, description="Actor code or its prefix: RUS finds RUSGOV")] = None,
            recipient: Annotated[str | None, Query(pattern=CODE, description="Recipient code or its prefix")] = None,
            since: Annotated[dt.date | None, Query(description="On or after (YYYY-MM-DD)")] = None,
            until: Annotated[dt.date | None, Query(description="On or before (YYYY-MM-DD)")] = None,
            place: Annotated[str | None, Query(max_length=100, description="A part of the place name")] = None,
            bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north")] = None,
            status: STATUSES | None = None, modality: MODALITIES | None = None,
            article: Annotated[str | None, Query(max_length=200, description="Only this article's events")] = None
            ) -> data.Filters:
    return data.Filters(type=type, actor=actor, recipient=recipient, since=since, until=until, place=place,
                        bbox=parse_bbox(bbox), status=status, modality=modality, article_id=article)


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Order = Annotated[Literal["asc", "desc"], Query(description="By date: oldest (asc) or newest (desc) first")]
By = Annotated[Literal["day", "week"], Query(description="Period of the series")]


@router.get("/status", summary="The snapshot served and whether the store changed since")
def get_status(request: Request) -> dict[str, Any]:
    return data.status(snapshot(request), request.app.state.replica)


@router.get("/events", summary="Events (one per report), filtered, sorted by date, paginated")
def get_events(request: Request, f: data.Filters = Depends(filters), limit: Limit = 50, offset: Offset = 0,
               order: Order = "asc") -> dict[str, Any]:
    return data.events(snapshot(request).cursor(), f, limit=limit, offset=offset, descending=order == "desc")


@router.get("/merged", summary="Merged events with reports, outlets, corroboration, disagreements")
def get_merged(request: Request, f: data.Filters = Depends(filters), limit: Limit = 50, offset: Offset = 0,
               order: Order = "asc") -> dict[str, Any]:
    return data.merged(snapshot(request).cursor(), f, limit=limit, offset=offset, descending=order == "desc")


@router.get("/merged/{merged_id}", summary="One merged event, each report with its marked sentence")
def get_merged_one(request: Request, merged_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    return data.merged_one(snapshot(request).cursor(), merged_id)


@router.get("/articles", summary="Stored articles, newest first")
def get_articles(request: Request, q: Annotated[str | None, Query(max_length=200, description="Words of the title or text")] = None,
                 outlet: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 50,
                 offset: Offset = 0) -> dict[str, Any]:
    return data.articles(snapshot(request).cursor(), q=q, outlet=outlet, limit=limit, offset=offset)


@router.get("/articles/{article_id}", summary="One article: repaired text, events, marks, framing")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    return data.article(snapshot(request).cursor(), article_id)


@router.get("/flashpoints", summary="Flashpoints, discovered and configured, busiest first")
def get_flashpoints(request: Request) -> list[dict[str, Any]]:
    return data.flashpoints(snapshot(request), request.app.state.config)


@router.get("/flashpoints/{name}/timeline", summary="A flashpoint's escalation series by day or week")
def get_timeline(request: Request, name: Annotated[str, Path(max_length=200)], by: By = "week",
                 dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,10}(\s*-?>?\s*[A-Za-z]{2,10})?$",
                                                   description="RUS->BLR, or RUS for any recipient")] = None,
                 since: dt.date | None = None, until: dt.date | None = None) -> dict[str, Any]:
    snap = snapshot(request)
    fp = data.flashpoint(snap, name, request.app.state.config)
    rows = data.flashpoint_timeline(snap, fp, by=by, dyad=dyad, since=since, until=until)
    return {"flashpoint": fp["name"], "dyad": dyad, "by": by, "series": rows}


@router.get("/alerts", summary="Alerts, newest first, with reasons and the events that drove them")
def get_alerts(request: Request, by: By = "week",
               flashpoint: Annotated[str | None, Query(max_length=200)] = None,
               since: Annotated[dt.date | None, Query(description="Alerts of periods ending on or after")] = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    snap = snapshot(request)
    found = data.alerts(snap, by=by, config=request.app.state.config)
    if flashpoint:
        name = data.flashpoint(snap, flashpoint, request.app.state.config)["name"]
        found = [a for a in found if a["flashpoint"] == name]
    if since:
        found = [a for a in found if str(a["period"]["end"]) >= since.isoformat()]
    return {"total": len(found), **data.page(found[offset:offset + limit + 1], limit, offset)}


@router.get("/actors", summary="Actors (countries, organisations) by number of merged events")
def get_actors(request: Request, limit: Limit = 50) -> list[dict[str, Any]]:
    return data.actors(snapshot(request).cursor(), limit=limit)


@router.get("/actors/{code}/timeline", summary="An actor's merged events over time, by quad class")
def get_actor(request: Request, code: Annotated[str, Path(pattern=r"^[A-Za-z]{2,10}$")], by: By = "week") -> dict[str, Any]:
    return data.actor_series(snapshot(request).cursor(), code, by=by)


# -- writing -------------------------------------------------------------------------------------
class ArticleIn(BaseModel):
    """One article as the JSONL reader takes it (``text`` and optional metadata)."""

    text: str = Field(max_length=MAX_TEXT)
    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD; anchors relative dates")


class Batch(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


def authorised(request: Request) -> None:
    from .auth import check_token

    check_token(request)


@router.post("/articles", summary="Analyse and store one article or a batch (needs the token)",
             dependencies=[Depends(authorised)])
def post_articles(request: Request, body: ArticleIn | Batch) -> dict[str, Any]:
    from .writes import ingest_json

    items = body.articles if isinstance(body, Batch) else [body]
    return ingest_json(request.app.state, [i.model_dump(exclude_none=True) for i in items])


@router.post("/articles/files", summary="Analyse and store uploaded files: .txt, .html, .pdf, .jsonl (needs the token)",
             dependencies=[Depends(authorised)])
def post_files(request: Request, files: Annotated[list[UploadFile], File(description="Article files")]) -> dict[str, Any]:
    from .writes import ingest_files

    if len(files) > MAX_BATCH:
        raise ApiError(413, f"{len(files)} files: at most {MAX_BATCH} a request")
    return ingest_files(request.app.state, files)
