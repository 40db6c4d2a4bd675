"""The Python API for notebooks: :func:`analyze`, :func:`load_events` and :func:`export`."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Article
from .pipeline import Pipeline

if TYPE_CHECKING:
    import pandas


@lru_cache(maxsize=2)
def default_pipeline(model: str | None = None) -> Pipeline:
    return Pipeline.default(model=model)


def analyze(text_or_path: str | os.PathLike[str], *, published: str | dt.date | None = None,
            title: str | None = None, outlet: str | None = None, url: str | None = None,
            pipeline: Pipeline | None = None, model: str | os.PathLike[str] | None = None) -> Article:
    """Run the pipeline on a text or a file and return the :class:`Article` with its events.

    A path (to a .txt, .html, .pdf or one-article .jsonl file) is read with its metadata; the
    keyword arguments override that metadata. ``published`` anchors relative dates. ``model``:
    an event-type model directory written by ``flashpoint train event-types`` (a missing or
    bad one raises :class:`~flashpoint.classifier.modeldir.ModelError`).
    """
    from .readers import article_from_text, read

    if pipeline is not None and model is not None:
        raise ValueError("give either pipeline or model, not both")
    pipeline = pipeline or default_pipeline(str(Path(model).resolve()) if model is not None else None)
    overrides = {"published": published, "title": title, "outlet": outlet, "url": url}
    looks_like_path = isinstance(text_or_path, os.PathLike) or (
        "\n" not in str(text_or_path) and len(str(text_or_path)) < 4096 and Path(str(text_or_path)).is_file()
    )
    if looks_like_path:
        articles = list(read(Path(text_or_path), **overrides))
        if len(articles) != 1:
            raise ValueError(f"{text_or_path}: holds {len(articles)} articles; use Pipeline.pipe for many")
        article = articles[0]
    else:
        article = article_from_text(str(text_or_path), source="<text>", **overrides)
    return pipeline(article)


def load_events(db: str | os.PathLike[str] = "flashpoint.duckdb") -> "pandas.DataFrame":
    """All stored events as a pandas DataFrame, one row an event."""
    from .store import Store

    with Store(db, read_only=True) as store:
        return store.events_frame()


def export(db: str | os.PathLike[str], format: str, *, out: str | os.PathLike[str] = "-", merged: bool = False,
           **filters: object) -> dict[str, int]:
    """Write the stored events of ``db`` in ``format`` (plover, polecat, icews, gdelt, acled,
    geojson, parquet, csv) to ``out``; filters as :meth:`Store.query_events` (type, actor,
    recipient, since, until, article_id, limit). Returns the rows written per file.

        >>> flashpoint.export("flashpoint.duckdb", "parquet", out="events.parquet")
    """
    from .exports import export as run

    return run(db, format, out=out, merged=merged, **filters)  # type: ignore[arg-type]
