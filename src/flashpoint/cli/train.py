"""``flashpoint train event-types FILE.jsonl --out DIR``: train a local event-type model."""

from __future__ import annotations

import sys
from pathlib import Path

import click

MODEL_HELP = ("An event-type model directory written by `flashpoint train event-types`: the events "
              "stage asks its classifier where the trigger lexicon is unsure (default: the lexicon alone).")


def model_option(func):
    """The ``--model DIR`` option shared by analyze, ingest and eval."""
    return click.option("--model", "model", metavar="DIR", type=click.Path(path_type=Path), default=None,
                        help=MODEL_HELP)(func)


@click.group("train")
def train_group() -> None:
    """Train local models on your own annotations."""


@train_group.command("event-types")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", required=True, metavar="DIR", type=click.Path(path_type=Path),
              help="The model directory to write (model.pkl and metadata.json).")
@click.option("--force", is_flag=True, help="Overwrite DIR when it already holds files.")
def train_event_types(file: Path, out: Path, force: bool) -> None:
    """Train an event-type classifier on FILE (JSONL, one pair a line: text, actor {start,end},
    recipient {start,end} or null, label; labels in any set of data/classifier/labels.tsv).

    Use it with --model DIR on analyze, ingest and eval. The model is trained on FILE alone and
    stays on your machine: a model trained on licensed annotations may not be redistributed.
    """
    from ..classifier.training import train_file

    if out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        fail(f"{out}: not empty (give --force to overwrite)")
    try:
        meta = train_file(file, out)
    except (ValueError, OSError) as exc:
        fail(str(exc))
    counts = ", ".join(f"{k} {v}" for k, v in meta["counts"].items())
    click.echo(f"trained on {meta['n']} pairs of {file.name} ({counts})")
    click.echo(f"wrote {out}; use it with --model {out}")


def fail(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(2)
