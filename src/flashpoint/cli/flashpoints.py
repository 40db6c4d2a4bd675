"""``flashpoint flashpoints``: places where the same dyads keep interacting (and the shared
plumbing of the escalation commands: opening the merged store, ``events --merged``)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import click

from ..store import DEFAULT_DB, Store, StoreError
from .output import emit

FORMATS = ("table", "json", "csv")


def db_option(f):
    return click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
                        help="The database file.")(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format.")(f)


def config_option(f):
    return click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="TOML or JSON file of user-defined flashpoints ([[flashpoint]] name, lat, lon, "
                             "radius_km, actors).")(f)


def rebuild_option(f):
    return click.option("--rebuild", is_flag=True,
                        help="Rebuild the merged events and flashpoints from every stored report (by default "
                             "only new or changed articles are merged in).")(f)


def fail(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(2)


@contextmanager
def merged_store(db: Path, rebuild: bool = False) -> Iterator[Store]:
    from ..escalation.build import open_merged

    try:
        store = open_merged(db, rebuild_now=rebuild)
    except StoreError as exc:
        fail(str(exc))
    try:
        yield store
    finally:
        store.close()


def load_flashpoints(store: Store, config: Path | None) -> list[dict[str, Any]]:
    from ..escalation.flashpoints import ConfigError, flashpoints

    try:
        return flashpoints(store.con, config)
    except ConfigError as exc:
        fail(str(exc))


def list_merged(db: Path, fmt: str, *, rebuild: bool = False, **filters: Any) -> None:
    """``flashpoint events --merged [--rebuild]``."""
    from ..escalation.queries import MERGED_CSV, MERGED_TABLE, flat, merged_events

    with merged_store(db, rebuild) as store:
        records = merged_events(store.con, **filters)
    rows = [flat(r) for r in records]
    columns = MERGED_TABLE if fmt == "table" else [(c, 12) for c in MERGED_CSV]
    emit(rows, fmt, columns=columns, full=records)


def _dyads(dyads: list[dict[str, Any]], n: int = 4) -> str:
    return ", ".join(f"{d['actor']}{'->' + d['recipient'] if d.get('recipient') else ''} {d['events']}"
                     for d in dyads[:n])


@click.command("flashpoints")
@db_option
@config_option
@format_option
@rebuild_option
def flashpoints_command(db: Path, config: Path | None, fmt: str, rebuild: bool) -> None:
    """List flashpoints: places where the same dyads keep interacting, discovered from the
    stored events (and defined in --config), busiest first."""
    with merged_store(db, rebuild) as store:
        fps = load_flashpoints(store, config)
    records = [{"name": f["name"], "source": f["source"], "lat": f["lat"], "lon": f["lon"],
                "radius_km": f["radius_km"], "actors": f["actors"], "dyads": f["dyads"],
                "events": f.get("n_events"), "articles": f.get("n_articles"),
                "first_day": str(f["first_day"]) if f.get("first_day") else None,
                "last_day": str(f["last_day"]) if f.get("last_day") else None} for f in fps]
    rows = [dict(r, dyads=_dyads(r["dyads"]), actors="+".join(r["actors"])) for r in records]
    columns = [("name", 26), ("source", 10), ("lat", 7), ("lon", 7), ("radius_km", 9), ("events", 6),
               ("articles", 8), ("dyads", 30)]
    emit(rows, fmt, columns=columns if fmt == "table" else [(k, 12) for k in rows[0]] if rows else None,
         full=records)
