"""``flashpoint serve``: the web dashboard and the HTTP API over a store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..store import DEFAULT_DB


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file (created empty if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only loopback by default; another address exposes the store "
                   "(give --allow-host for the names it is reached by).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--token", envvar="FLASHPOINT_TOKEN", show_envvar=True,
              help="Token that POST /api/v1/articles needs (Authorization: Bearer TOKEN); without one, "
                   "writing is off. Reading needs none.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML or JSON file of user-defined flashpoints (as for flashpoint flashpoints).")
@click.option("--poll", default=2.0, show_default=True, type=click.FloatRange(0.2, 3600),
              help="Seconds between looks at the store for what an ingest wrote.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Host names the server answers to besides the loopback ones (repeatable; '*' for any).")
def serve(db: Path, host: str, port: int, token: str | None, config: Path | None, poll: float,
          allow_hosts: tuple[str, ...]) -> None:
    """Serve the dashboard (map, flashpoints, merged events, articles, alerts) and the JSON API
    (/api/v1, OpenAPI at /docs) over DB. An ingest may run meanwhile: the server reads a
    snapshot of the store and takes up what the ingest wrote when it ends."""
    import uvicorn

    from ..web.app import LOCAL_HOSTS, create_app

    hosts = None if not allow_hosts else (["*"] if "*" in allow_hosts else LOCAL_HOSTS + list(allow_hosts))
    from ..store import StoreError
    from ..web.replica import StoreBusy

    app = create_app(db, token=token or None, config=config, poll=poll, allowed_hosts=hosts)
    try:
        app.state.replica.start()  # the first snapshot, before listening
    except (StoreBusy, StoreError) as exc:
        click.secho(f"error: {exc} (is an ingest writing it? start flashpoint serve when it ends)", fg="red", err=True)
        sys.exit(2)
    if token is None and "FLASHPOINT_TOKEN" not in os.environ:
        click.echo("writing is off (no --token): POST /api/v1/articles answers 403", err=True)
    click.echo(f"flashpoint serve: {db} on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
