"""``flashpoint watch DIR...``: ingest articles as they arrive and raise each new alert once."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

import click

from ..store import DEFAULT_DB, StoreError, StoreLocked
from .analyze import report_error


def _line(a: dict[str, Any]) -> str:
    driven = "; ".join(f"{e['type']} {e['actor'] or '?'}{'>' + e['recipient'] if e['recipient'] else ''}"
                       for e in a["events"] if e["contribution"] > 0)
    return (f"ALERT {a['id']}  {a['flashpoint']}  {a['period']['start']}/{a['period']['end']}  {a['rule']} "
            f"{a['value']:g} (baseline {a['baseline']:g}, {a['n_events']} events)  {driven}")


@click.command()
@click.argument("folders", nargs=-1, required=True, metavar="DIR...",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file (created when missing).")
@click.option("--interval", default=5.0, show_default=True, type=click.FloatRange(0.05),
              help="Seconds between two looks at the folders.")
@click.option("--settle", default=2.0, show_default=True, type=click.FloatRange(0),
              help="Seconds a file must stay unchanged before it is read (a file being written is waited for).")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The alerts log (JSON lines; default: DB with .alerts.jsonl). It records the alerts "
                   "raised, so a restarted watch raises none twice.")
@click.option("--notify", metavar="URL", help="POST each new alert as JSON to this URL (a webhook).")
@click.option("--by", type=click.Choice(["day", "week"]), default="week", show_default=True,
              help="Evaluate alerts on weeks ending on Sunday, or on every day.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="How new alerts are printed: one line each, or one JSON object a line.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML or JSON file of user-defined flashpoints (as for flashpoint alerts).")
@click.option("--once", is_flag=True, help="Run one cycle and stop (for cron jobs and scripts).")
def watch(folders, db, interval, settle, log_path, notify, by, fmt, config, once) -> None:
    """Watch DIR... for new and changed article files (.txt, .html, .pdf, .jsonl): ingest them,
    bring the merged events and flashpoints up to date, and print each new alert once, appending
    it to the alerts log. Ctrl-C or SIGTERM stops it after the article in hand; the store stays
    consistent and a restart carries on."""
    from ..watch import AlertLog, Stop, Watcher, post_json

    log_path = log_path or db.with_name(db.name + ".alerts.jsonl")
    try:
        log = AlertLog(log_path)
    except ValueError as exc:
        report_error(exc)
        sys.exit(2)

    def on_article(kind: str, where: str, article: Any) -> None:
        if kind == "failed":
            report_error(where)
        elif kind != "unchanged":
            click.echo(f"{kind:<9} {where} ({len(article.events)} events)", err=True)

    def on_alert(a: dict[str, Any]) -> None:
        click.echo(json.dumps(a, ensure_ascii=False, default=str) if fmt == "jsonl" else _line(a))
        if notify:
            try:
                post_json(notify, a)
            except OSError as exc:
                click.secho(f"warning: {notify}: alert {a['id']} not delivered: {exc}", fg="yellow", err=True)

    watcher = Watcher(list(folders), db, log, settle=0 if once else settle, by=by, config=config,
                      on_article=on_article, on_alert=on_alert)

    def stop(signum: int, _frame: Any) -> None:
        if watcher.stopping:  # a second Ctrl-C: stop now (each article is one transaction)
            raise KeyboardInterrupt
        watcher.stopping = True
        click.echo(f"stopping ({signal.Signals(signum).name}): finishing the article in hand", err=True)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    click.echo(f"watching {', '.join(map(str, folders))} into {db} every {interval:g}s; alerts log {log_path} "
               f"({len(log.raised)} alerts raised before)", err=True)
    try:
        while not watcher.stopping:
            try:
                if watcher.cycle() is not None:
                    click.echo(f"up to date: {len(watcher.tracker.done)} files, {len(log.raised)} alerts raised",
                               err=True)
            except StoreLocked as exc:  # another writer for longer than the lock wait: next cycle
                click.secho(f"warning: {exc}; trying again in {interval:g}s", fg="yellow", err=True)
            if once:
                break
            _sleep(interval, watcher)
    except Stop:
        pass
    except KeyboardInterrupt:
        click.echo("interrupted: every stored article is complete; start again to carry on", err=True)
        sys.exit(130)
    except StoreError as exc:
        report_error(exc)
        sys.exit(2)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    click.echo("stopped", err=True)


def _sleep(seconds: float, watcher: Any) -> None:
    end = time.monotonic() + seconds
    while not watcher.stopping and time.monotonic() < end:
        time.sleep(min(0.1, end - time.monotonic()))
