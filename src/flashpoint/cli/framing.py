"""``flashpoint framing``: how each article and each outlet frames its news, from the store.

The framing stage stores its measures per article (``articles.stats -> framing``) and per
sentence (``sentences.framing``); this command pools them by article or by outlet (see
:func:`flashpoint.stages.framing.aggregate_framing`): loaded-language density (loaded-language
and name-calling spans per 100 words), intensifiers per 100 words, scare quotes, the share of
sentences that evaluate rather than report, and who gets quoted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..stages.framing import aggregate_framing
from ..store import DEFAULT_DB, Store, StoreError
from .output import emit

COLUMNS = (("outlet", 26), ("articles", 8), ("words", 7), ("loaded", 6), ("per100", 6), ("opinion", 7),
           ("scare", 5), ("quoted", 30))
ARTICLE_COLUMNS = (("article", 30), ("words", 7), ("loaded", 6), ("per100", 6), ("opinion", 7), ("scare", 5),
                   ("quoted", 30))
SENTENCE_COLUMNS = (("sentence", 8), ("role", 10), ("words", 5), ("loaded", 6), ("per100", 6), ("opinion", 7),
                    ("text", 40))


def quoted_cell(sources: dict[str, int], most: int = 4) -> str:
    """``POLGOV 2, RUSGOV 2, EU 1``: the most quoted sources with their counts."""
    return ", ".join(f"{k} {v}" for k, v in list(sources.items())[:most])


def _row(key: str, name: str, agg: dict[str, Any]) -> dict[str, Any]:
    return {key: name, "articles": agg["articles"], "words": agg["words"], "loaded": agg["loaded"],
            "per100": agg["loaded_density"], "opinion": f"{100 * agg['opinion_share']:.0f}%",
            "scare": agg["scare_quotes"], "quoted": quoted_cell(agg["quoted_sources"])}


@click.command("framing")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file.")
@click.option("--by", "by", type=click.Choice(["outlet", "article"]), default="outlet", show_default=True,
              help="Pool the measures by outlet, or list them per article.")
@click.option("--article", "article_id", help="One article's sentences, each with its measures "
                                               "(an id or a unique prefix).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="Output format.")
def framing_command(db: Path, by: str, article_id: str | None, fmt: str) -> None:
    """Loaded language, opinion share and quoted sources per outlet, per article or per sentence."""
    try:
        with Store(db, read_only=True) as store:
            if article_id:
                return _sentences(store, article_id, fmt)
            rows = store.con.execute(
                "SELECT id, coalesce(outlet, ''), stats FROM articles ORDER BY outlet, published, id").fetchall()
    except StoreError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    per_article = [(aid, outlet or "(no outlet)", (json.loads(stats) if stats else {}).get("framing") or {})
                   for aid, outlet, stats in rows]
    if by == "article":
        full = [dict(aggregate_framing([st]), article=aid, outlet=outlet) for aid, outlet, st in per_article]
        flat = [dict(_row("article", r["article"], r), outlet=r["outlet"]) for r in full]
        return emit(flat, fmt, columns=ARTICLE_COLUMNS if fmt == "table" else None, full=full)
    groups: dict[str, list[dict[str, Any]]] = {}
    for _, outlet, st in per_article:
        groups.setdefault(outlet, []).append(st)
    full = [dict(aggregate_framing(sts), outlet=outlet) for outlet, sts in groups.items()]
    full.sort(key=lambda r: (-r["loaded_density"], r["outlet"]))
    flat = [_row("outlet", r["outlet"], r) for r in full]
    emit(flat, fmt, columns=COLUMNS if fmt == "table" else None, full=full)


def _sentences(store: Store, article_id: str, fmt: str) -> None:
    article = store.article(article_id)
    if article is None:
        click.secho(f"error: no article {article_id!r} in {store.path}", fg="red", err=True)
        sys.exit(2)
    full = []
    for s in article.sentences:
        f = s.framing or {}
        full.append({"sentence": s.index, "role": s.role, "words": f.get("words", 0), "loaded": f.get("loaded", 0),
                     "per100": f.get("loaded_density", 0.0), "opinion": "yes" if f.get("opinion") else "",
                     "intensifiers": f.get("intensifiers", 0), "scare_quotes": f.get("scare_quotes", 0),
                     "text": s.text, "start": s.start, "end": s.end})
    emit(full, fmt, columns=SENTENCE_COLUMNS if fmt == "table" else None, full=full)
