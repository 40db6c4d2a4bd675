"""The Python API for notebooks: :func:`analyze` (:func:`analyze_file`, :func:`analyze_text`),
:func:`load_events` and :func:`export`."""

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

    A :class:`~pathlib.Path` or a string naming an existing file is read as a file (see
    :func:`analyze_file`); a string that looks like a file name (one line, no spaces, a known
    suffix) but names no file raises :class:`FileNotFoundError` rather than being analysed as
    text; any other string is the text (see :func:`analyze_text`). Say which you mean with
    those two functions. ``published`` anchors relative dates. ``model``: an event-type model
    directory written by ``flashpoint train event-types`` (a missing or bad one raises
    :class:`~flashpoint.classifier.modeldir.ModelError`).
    """
    from .readers import SUFFIXES

    options = dict(published=published, title=title, outlet=outlet, url=url, pipeline=pipeline, model=model)
    if isinstance(text_or_path, os.PathLike):
        return analyze_file(text_or_path, **options)
    value = str(text_or_path)
    if "\n" not in value and len(value) < 4096:
        if Path(value).is_file():
            return analyze_file(value, **options)
        if not any(ch.isspace() for ch in value) and Path(value).suffix.lower() in SUFFIXES:
            raise FileNotFoundError(f"{value}: no such file (to analyse this string as text, "
                                    "call flashpoint.analyze_text)")
    return analyze_text(value, **options)


def analyze_file(path: str | os.PathLike[str], *, published: str | dt.date | None = None,
                 title: str | None = None, outlet: str | None = None, url: str | None = None,
                 pipeline: Pipeline | None = None, model: str | os.PathLike[str] | None = None) -> Article:
    """Read one article from ``path`` (.txt, .html, .pdf or a one-article .jsonl) with its
    metadata, which the keyword arguments override, and analyse it. A missing file raises
    :class:`FileNotFoundError`, an unreadable one :class:`~flashpoint.readers.ReadError`."""
    from .readers import read

    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no such file")
    overrides = {"published": published, "title": title, "outlet": outlet, "url": url}
    articles = list(read(Path(path), **overrides))
    if len(articles) != 1:
        raise ValueError(f"{path}: holds {len(articles)} articles; use Pipeline.pipe for many")
    return _pipeline(pipeline, model)(articles[0])


def analyze_text(text: str, *, published: str | dt.date | None = None, title: str | None = None,
                 outlet: str | None = None, url: str | None = None, pipeline: Pipeline | None = None,
                 model: str | os.PathLike[str] | None = None) -> Article:
    """Analyse ``text``, an article's text, with the metadata given."""
    from .readers import article_from_text

    article = article_from_text(str(text), source="<text>", published=published, title=title,
                                outlet=outlet, url=url)
    return _pipeline(pipeline, model)(article)


def _pipeline(pipeline: Pipeline | None, model: str | os.PathLike[str] | None) -> Pipeline:
    if pipeline is not None and model is not None:
        raise ValueError("give either pipeline or model, not both")
    return pipeline or default_pipeline(str(Path(model).resolve()) if model is not None else None)


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
