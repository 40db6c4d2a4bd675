"""The ``flashpoint`` command: one module per command, a thin layer over the library."""

from __future__ import annotations

import sys

import click
import duckdb

from .. import __version__
from .analyze import analyze
from .eval import eval_group
from .events import events
from .export import export_command
from .ingest import ingest
from .show import show
from .flashpoints import flashpoints_command
from .timeline import timeline
from .alerts import alerts


class Main(click.Group):
    """The command group: an expected failure (a store that cannot be opened, a bad input file,
    a full disk, a permission, a bad value in a file) ends in one line and exit status 2, a
    traceback only with ``--debug``; Ctrl-C ends with status 130."""

    def invoke(self, ctx: click.Context):
        from ..readers import ReadError
        from ..store import StoreError

        try:
            return super().invoke(ctx)
        except (StoreError, ReadError, OSError, ValueError, duckdb.Error) as exc:
            if ctx.params.get("debug"):
                raise
            message = " ".join(str(exc).split()) or type(exc).__name__
            click.secho(f"error: {message} (--debug shows where)", fg="red", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            if ctx.params.get("debug"):
                raise
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="flashpoint")
@click.option("--debug", is_flag=True, help="Show the traceback of an error instead of one line.")
def main(debug: bool) -> None:
    """flashpoint: who did what to whom, where, when, how many, and according to whom,
    from news articles, offline."""


main.add_command(analyze)
main.add_command(ingest)
main.add_command(events)
main.add_command(export_command)
main.add_command(show)
main.add_command(eval_group)

from .bench import bench  # noqa: E402

main.add_command(bench)
main.add_command(flashpoints_command)
main.add_command(timeline)
main.add_command(alerts)

from .framing import framing_command  # noqa: E402

main.add_command(framing_command)

from .train import train_group  # noqa: E402

main.add_command(train_group)

from .serve import serve  # noqa: E402

main.add_command(serve)

from .watch import watch  # noqa: E402

main.add_command(watch)

from .remove import remove  # noqa: E402

main.add_command(remove)

from .reanalyze import reanalyze  # noqa: E402

main.add_command(reanalyze)
