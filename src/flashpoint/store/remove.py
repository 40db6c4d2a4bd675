"""Removing articles from the store: an article goes with its sentences, mentions and events in
one transaction; the caller then brings the merge up to date (:func:`flashpoint.escalation.build.refresh`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import rollback

if TYPE_CHECKING:
    from . import Store


class UnknownArticle(LookupError):
    pass


def resolve(store: "Store", names: Iterable[str]) -> list[str]:
    """The stored ids that ``names`` stand for (an id or a unique prefix of one); an unknown or
    ambiguous name raises :class:`UnknownArticle`."""
    ids = []
    for name in names:
        rows = [r[0] for r in store.con.execute(
            "SELECT id FROM articles WHERE id = ? OR starts_with(id, ?) ORDER BY id = ? DESC LIMIT 2",
            [name, name, name]).fetchall()]
        if not rows or (len(rows) > 1 and rows[0] != name):
            raise UnknownArticle(f"{name}: {'no such article' if not rows else 'more than one article starts so'} "
                                 f"in {store.path} (see flashpoint events --format csv)")
        ids.append(rows[0])
    return ids


def from_source(store: "Store", source: str) -> list[str]:
    """The ids of the articles read from ``source``: a file, a folder, or a feed (all its lines),
    as given to ingest."""
    source = source.rstrip("/")
    return [r[0] for r in store.con.execute(
        "SELECT id FROM articles WHERE source = ? OR starts_with(source, ?) OR starts_with(source, ?) ORDER BY id",
        [source, source + ":", source + "/"]).fetchall()]


def remove(store: "Store", ids: Iterable[str]) -> int:
    """Delete the articles ``ids`` with all their rows in one transaction; how many there were."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table, key in (("event_actors", "article_id"), ("events", "article_id"), ("mentions", "article_id"),
                           ("sentences", "article_id"),
                           ("articles", "id")):
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return len(ids)
