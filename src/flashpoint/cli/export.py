"""``flashpoint export``: the stored events in the field's formats (GDELT, ICEWS, POLECAT,
ACLED, PLOVER JSON, GeoJSON) or as the store's typed tables (Parquet, CSV)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..exports import FORMATS, ExportError, export
from ..store import DEFAULT_DB, StoreError
from .events import filter_options
from .flashpoints import fail


@click.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file.")
@click.option("--format", "fmt", required=True,
              type=click.Choice(FORMATS),
              help="plover: PLOVER JSON lines; polecat, icews, gdelt: their tab-separated releases; acled: "
                   "ACLED's CSV export; geojson: events (and flashpoints) on a map; parquet, csv: the store's "
                   "tables, typed.")
@click.option("--out", default="-", show_default=True,
              help="Output file, or - for standard output. GDELT's Mentions table and the reports of "
                   "--merged parquet/csv go to a file beside it (x.export.CSV -> x.mentions.CSV).")
@click.option("--table", help="With --out -: the second table instead of the first (gdelt: mentions; "
                              "parquet/csv --merged: reports).")
@click.option("--merged", is_flag=True, help="The merged events (one per happening, with their reports) "
                                             "instead of every report.")
@filter_options
@click.option("--limit", type=int, help="At most this many events.")
def export_command(db, fmt, out, table, merged, type_, actor, recipient, since, until, article_id, limit) -> None:
    """Export the stored events in a format existing scripts read unchanged (filters as for
    ``flashpoint events``)."""
    skipped: dict[str, int] = {}
    try:
        written = export(db, fmt, out=out, merged=merged, table=table, type=type_, actor=actor,
                         recipient=recipient, since=since, until=until, article_id=article_id, limit=limit,
                         skipped=skipped)
    except BrokenPipeError:  # the reader stopped (| head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except (StoreError, ExportError, OSError) as exc:
        fail(str(exc))
    for path, n in written.items():
        left = skipped.get(path)
        note = f"; {left} events left out ({'not coded by ACLED or not actual' if fmt == 'acled' else 'no place'})" if left else ""
        click.echo(f"{fmt}: {n} rows -> {'standard output' if path == '-' else path}{note}", err=True)
