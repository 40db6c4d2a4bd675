"""``flashpoint reanalyze``: re-run the pipeline on the stored articles after an upgrade."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store import DEFAULT_DB, StoreError


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path), help="The database file.")
@click.option("--all", "everything", is_flag=True,
              help="Every article, not only those stored by another pipeline version.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each loads the model once.")
def reanalyze(db: Path, everything: bool, workers: int) -> None:
    """Re-analyse the stored articles of another pipeline version (see flashpoint --version and
    the articles' pipeline_version) from their stored text, and update the merge. The input
    files are not needed."""
    from ..reanalyze import reanalyze as run

    if not Path(db).exists():
        raise StoreError(f"{db}: no such database (run flashpoint ingest first)")

    def on_article(kind: str, where: str, article) -> None:
        if kind == "failed":
            click.secho(f"error: {where}", fg="red", err=True)

    summary = run(db, everything=everything, workers=workers, on_article=on_article)
    click.echo(f"{summary.read} articles re-analysed ({summary.unchanged} already current); "
               f"{summary.events} events stored; {len(summary.failures)} failed")
    if summary.failures:
        sys.exit(1)
