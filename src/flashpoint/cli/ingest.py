"""``flashpoint ingest PATH...``: analyse articles and store them in a DuckDB file."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from ..readers import parse_date
from ..store import DEFAULT_DB, StoreError
from .analyze import ask_published, report_error
from .train import model_option


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file (created when missing).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each loads the model once.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for every input; overrides the files'.")
@click.option("--outlet", help="Outlet for every input; overrides the files'.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: on a terminal); off, one line per article.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this machine's worker processes; ray: a Ray Data actor pool (pip install "
                   "'flashpoint[ray]'), on a local Ray or the cluster at --address.")
@click.option("--address", help="With --engine ray: the Ray cluster to join (e.g. auto, or ray://HEAD:10001); "
                                "without it a local Ray with --workers CPUs is started.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="With --engine ray: the Parquet dataset of analysed articles (default: DB with .parquet).")
@model_option
def ingest(paths, db, workers, published, outlet, progress, model, engine, address, out) -> None:
    """Read PATHS (files or folders of .txt, .html, .pdf, .jsonl), analyse them and store
    articles, sentences, mentions and events in DB. Stored articles are skipped, so an
    interrupted run can simply be started again."""
    from tqdm import tqdm

    from ..classifier.modeldir import ModelError
    from ..ingest import ingest as run_ingest

    try:
        overrides = {"published": parse_date(published), "outlet": outlet}
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None
    if progress is None:
        progress = sys.stderr.isatty()
    bar = tqdm(unit="article", disable=not progress, file=sys.stderr, dynamic_ncols=True)

    def on_article(kind: str, where: str, article) -> None:
        bar.update(1)
        if kind == "failed":
            bar.clear()
            report_error(where)
        elif not progress:
            n = len(article.events) if article is not None else 0
            click.echo(f"{kind:<9} {where}" + (f" ({n} events)" if kind != "unchanged" else ""), err=True)

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if engine == "ray":
            summary = _ingest_ray(paths, db, out, address, workers, overrides, on_article, model)
        else:
            summary = run_ingest(paths, db, workers=workers, overrides=overrides, on_article=on_article,
                                 check_date=ask_published, model=model)
    except (ModelError, StoreError, OSError) as exc:
        bar.close()
        report_error(exc)
        sys.exit(2)
    except BaseException as exc:
        stop = _interruption(exc)
        if stop is None:
            raise
        bar.close()
        click.echo(f"{'terminated' if isinstance(stop, Terminated) else 'interrupted'}: the articles stored "
                   "so far are complete; run the same command again to finish", err=True)
        sys.exit(143 if isinstance(stop, Terminated) else 130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    bar.close()
    click.echo(summary.line())
    if summary.failures:
        sys.exit(1)


def _ingest_ray(paths, db, out, address, workers, overrides, on_article, model):
    if model is not None:
        raise click.UsageError("--model is not supported with --engine ray yet")
    try:
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise click.UsageError(f"--engine ray needs Ray Data ({exc}): pip install 'flashpoint[ray]'") from None
    import logging

    from ..engine_ray import ingest_ray

    logging.getLogger("ray").setLevel(logging.ERROR)  # Ray Data's progress lines; the summary says it all
    return ingest_ray(paths, db, out or db.with_name(db.name + ".parquet"), address=address,
                      workers=workers, overrides=overrides,
                      on_article=on_article, check_date=ask_published)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the article being written is rolled back, exit 143."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _interruption(exc: BaseException | None) -> KeyboardInterrupt | None:
    """The Ctrl-C or SIGTERM behind ``exc``: DuckDB turns one that arrives during a query into
    its own "Query interrupted" error, with the interruption as its cause (the article's
    transaction is rolled back all the same)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None
