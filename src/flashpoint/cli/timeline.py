"""``flashpoint timeline FLASHPOINT``: the escalation series of a flashpoint or a dyad."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .flashpoints import config_option, db_option, fail, format_option, load_flashpoints, merged_store, rebuild_option
from .output import emit

COLUMNS = ("period", "events", "q1", "q2", "q3", "q4", "goldstein", "plover", "escalation", "max_rung",
           "rung_label", "articles", "events_per_10_articles", "escalation_per_10_articles")


@click.command()
@click.argument("flashpoint", required=False)
@click.option("--by", type=click.Choice(["day", "week"]), default="week", show_default=True,
              help="Period of the series.")
@click.option("--dyad", help="Directed dyad instead of (or within) a flashpoint: RUS->BLR, or RUS for any recipient.")
@db_option
@config_option
@format_option
@rebuild_option
def timeline(flashpoint: str | None, by: str, dyad: str | None, db: Path, config: Path | None, fmt: str,
             rebuild: bool) -> None:
    """Show the escalation series of FLASHPOINT (a name, or a unique part of one) by day or week:
    events by quad class, weighted Goldstein and PLOVER scores, the escalation score and the
    highest rung of the ladder, also per ten articles of the period."""
    from ..escalation.flashpoints import find
    from ..escalation.series import chart, series

    if not flashpoint and not dyad:
        fail("give a FLASHPOINT or --dyad (see flashpoint flashpoints)")
    with merged_store(db, rebuild) as store:
        fp = None
        if flashpoint:
            fps = load_flashpoints(store, config)
            fp = find(fps, flashpoint)
            if fp is None:
                fail(f"no flashpoint {flashpoint!r} (or more than one); known: "
                     + ", ".join(f["name"] for f in fps))
        try:
            rows = series(store.con, flashpoint=fp, dyad=dyad, by=by)
        except ValueError as exc:
            fail(str(exc))
    records = [{k: (str(v) if k == "period" else v) for k, v in r.items()} for r in rows]
    if fmt == "json":
        click.echo(json.dumps({"flashpoint": fp["name"] if fp else None, "dyad": dyad, "by": by,
                               "series": records}, indent=2, default=str))
    elif fmt == "csv":
        emit(records, "csv", columns=[(c, 12) for c in COLUMNS])
    else:
        title = " / ".join(filter(None, [fp["name"] if fp else None, dyad]))
        click.echo(f"{title}: escalation by {by} (weight x ladder rung of merged events)")
        click.echo(chart(records))
