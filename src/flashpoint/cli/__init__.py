"""The ``flashpoint`` command: one module per command, a thin layer over the library."""

from __future__ import annotations

import click

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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="flashpoint")
def main() -> None:
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
