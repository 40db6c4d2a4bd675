"""``flashpoint events``: query the stored events."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..readers import parse_date
from ..records import TABLE_COLUMNS, table_row
from ..store import DEFAULT_DB, Store, StoreError
from .output import emit


def _date_option(ctx, param, value):
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def filter_options(command):
    """The event filters of ``flashpoint events``, shared with ``flashpoint export``."""
    for option in reversed([
        click.option("--type", "type_", help="PLOVER category, e.g. MOBILIZE."),
        click.option("--actor", help="Actor code or its prefix: RUS finds RUS, RUSGOV, RUSMIL."),
        click.option("--recipient", help="Recipient code or its prefix."),
        click.option("--since", callback=_date_option, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=_date_option, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--article", "article_id", help="Only this article's events."),
    ]):
        command = option(command)
    return command


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file.")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--merged", is_flag=True,
              help="One row per happening: the reports of one event across articles merged, with their "
                   "outlets and disagreements (new or changed articles are merged in first).")
@click.option("--rebuild", is_flag=True,
              help="With --merged: re-cluster every stored report (a full rebuild) instead of merging in "
                   "only the new or changed articles.")
def events(db, type_, actor, recipient, since, until, article_id, limit, fmt, merged, rebuild) -> None:
    """List stored events, filtered by type, actor, recipient, date or article."""
    if merged:
        from .flashpoints import list_merged

        return list_merged(db, fmt, rebuild=rebuild, type=type_, actor=actor, recipient=recipient, since=since, until=until,
                           article_id=article_id, limit=limit)
    try:
        with Store(db, read_only=True) as store:
            rows = store.query_events(type=type_, actor=actor, recipient=recipient, since=since,
                                      until=until, article_id=article_id, limit=limit)
            columns = [(c, 12) for c in store.event_columns() if c != "record"]
    except StoreError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    full = [dict(json.loads(r["record"]), article_id=r["article_id"], published=r["published"],
                 outlet=r["outlet"]) for r in rows]
    flat = [{k: v for k, v in r.items() if k != "record"} for r in rows]
    if fmt == "table":
        flat = [table_row(r) for r in flat]
    emit(flat, fmt, columns=TABLE_COLUMNS if fmt == "table" else columns, full=full)
