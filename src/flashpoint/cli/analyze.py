"""``flashpoint analyze FILE...``: run the pipeline and print the events, without a database."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model import Article
from ..readers import ReadError, iter_path, parse_date
from ..records import TABLE_COLUMNS, flat_event, full_event, table_row
from .output import emit
from .train import model_option


def ask_published(article: Article) -> Article | ReadError:
    """The publication date anchors relative dates: ask for it on a terminal, else fail."""
    if article.published is not None:
        return article
    if not sys.stdin.isatty():
        return ReadError(article.source or article.id, "no publication date in the file: give --published YYYY-MM-DD")
    value = click.prompt(f"{article.source}: publication date (YYYY-MM-DD)", err=True)
    try:
        article.published = parse_date(value)
    except ValueError as exc:
        return ReadError(article.source or article.id, str(exc))
    return article


def read_all(paths: tuple[Path, ...], **overrides) -> tuple[list[Article], list[ReadError]]:
    articles, errors = [], []
    for path in paths:
        for item in iter_path(path, **overrides):
            if isinstance(item, Article):
                item = ask_published(item)
            (errors if isinstance(item, ReadError) else articles).append(item)
    return articles, errors


def build_pipeline(stages: str | None = None, model: Path | None = None, exclude: tuple[str, ...] = ()):
    """The pipeline of ``--stages`` and ``--model`` (less the stages of ``exclude``); a bad model
    directory exits with a one-line error."""
    from ..classifier.modeldir import ModelError
    from ..classifier.rerank import TypeClassifier
    from ..pipeline import Pipeline

    try:
        if not stages:
            return Pipeline.default(model=model, exclude=exclude)
        names = stages.split(",")
        use_model = model is not None and "events" in names
        return Pipeline(names, {"events": {"classifier": TypeClassifier(model).check()}} if use_model else {})
    except ModelError as exc:
        report_error(exc)
        sys.exit(2)
    except ValueError as exc:  # an unknown stage, or one whose requirements no earlier stage meets
        raise click.BadParameter(str(exc), param_hint="--stages") from None


def report_error(err: Exception) -> None:
    click.secho(f"error: {err}", fg="red", err=True)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", help="Publication date (YYYY-MM-DD); overrides the file's.")
@click.option("--title", help="Title; overrides the file's.")
@click.option("--outlet", help="Outlet; overrides the file's.")
@click.option("--url", help="URL; overrides the file's.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--stages", help="Comma-separated stages to run (default: all).")
@model_option
def analyze(files, published, title, outlet, url, fmt, stages, model) -> None:
    """Run the pipeline on FILES (.txt, .html, .pdf, .jsonl, or folders) and print the events."""

    try:
        overrides = {"published": parse_date(published), "title": title, "outlet": outlet, "url": url}
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None
    pipeline = build_pipeline(stages, model)
    articles, errors = read_all(files, **overrides)
    rows, full = [], []
    for result in pipeline.pipe(articles):
        if not result.ok:
            errors.append(result.error)
            continue
        for event in result.article.events:
            rows.append(flat_event(result.article, event))
            full.append(full_event(result.article, event))
    if fmt == "table":
        rows = [table_row(r) for r in rows]
    emit(rows, fmt, columns=TABLE_COLUMNS, full=full)
    for err in errors:
        report_error(err)
    if errors:
        click.echo(f"{len(errors)} of {len(articles) + len(errors)} inputs failed", err=True)
        sys.exit(1)
