"""``flashpoint remove ARTICLE...``: delete stored articles with their events; the merge follows."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..store import DEFAULT_DB


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--source", "sources", multiple=True, metavar="PATH",
              help="Also remove every article read from PATH (a file, a folder or a feed, as given to ingest).")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path), help="The database file.")
def remove(articles: tuple[str, ...], sources: tuple[str, ...], db: Path) -> None:
    """Delete ARTICLES (ids, or unique id prefixes) with their sentences, mentions and events,
    and update the merged events, series and flashpoints."""
    from ..escalation.build import refresh
    from ..store import Store, StoreError
    from ..store.remove import UnknownArticle, from_source, remove as remove_articles, resolve

    if not articles and not sources:
        raise click.UsageError("name the articles to remove, or give --source PATH")
    if not Path(db).exists():
        raise StoreError(f"{db}: no such database")
    with Store(db) as store:
        try:
            ids = resolve(store, articles)
        except UnknownArticle as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(2)
        for source in sources:
            found = from_source(store, source)
            if not found:
                click.secho(f"error: no stored article was read from {source}", fg="red", err=True)
                sys.exit(2)
            ids += found
        n = remove_articles(store, ids)
        refresh(store)
    click.echo(f"{n} article{'s' if n != 1 else ''} removed from {db}")
