"""``flashpoint alerts``: surges and baseline breaks of the flashpoints' escalation, with reasons."""

from __future__ import annotations

from pathlib import Path

import click

from .flashpoints import config_option, db_option, format_option, load_flashpoints, merged_store, rebuild_option
from .output import emit


@click.command()
@click.option("--by", type=click.Choice(["day", "week"]), default="week", show_default=True,
              help="Evaluate the rolling seven days at the end of every week, or of every day.")
@click.option("--flashpoint", "only", help="Only this flashpoint (a name or a unique part of one).")
@db_option
@config_option
@format_option
@rebuild_option
def alerts(by: str, only: str | None, db: Path, config: Path | None, fmt: str, rebuild: bool) -> None:
    """List alerts, newest first: a week whose escalation is at least twice the mean of the four
    weeks before (surge), or far above its rolling baseline (zscore), with a floor so that a
    single event does not alert. Each alert names the events that drove it."""
    from ..escalation.alerts import alerts as find_alerts
    from ..escalation.flashpoints import find

    with merged_store(db, rebuild) as store:
        fps = load_flashpoints(store, config)
        if only:
            fp = find(fps, only)
            fps = [fp] if fp else []
        found = find_alerts(store.con, fps, by=by)
    rows = [{"flashpoint": a["flashpoint"], "period": f"{a['period']['start']}/{a['period']['end']}",
             "rule": a["rule"], "value": a["value"], "baseline": a["baseline"], "n_events": a["n_events"],
             "events": "; ".join(e["id"] for e in a["events"]), "reasons": " ".join(a["reasons"]),
             "driven_by": "; ".join(f"{e['type']} {e['actor'] or '?'}{'>' + e['recipient'] if e['recipient'] else ''} "
                                    f"{str(e['day'])[5:]}" for e in a["events"] if e["contribution"] > 0)}
            for a in found]
    columns = [("flashpoint", 22), ("period", 21), ("rule", 6), ("value", 6), ("baseline", 8), ("driven_by", 30)]
    emit(rows, fmt, columns=columns if fmt == "table" else [(k, 12) for k in rows[0]] if rows else
         [(k, 12) for k in ("flashpoint", "period", "rule", "value", "baseline", "n_events", "events", "reasons")],
         full=found)
