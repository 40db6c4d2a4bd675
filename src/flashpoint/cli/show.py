"""``flashpoint show ARTICLE_ID``: the repaired article with its events marked in the text."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model import Article
from ..records import actor_codes
from ..stages.framing import aggregate_framing
from ..store import DEFAULT_DB, Store, StoreError
from .framing import quoted_cell
from .output import terminal_safe

#: How each kind of mark looks: (opening, closing) in plain text, and its terminal colour.
MARKS = {
    "trigger": ("[", "]", "green"),
    "attributed": ("[?", "]", "yellow"),
    "denied": ("[!", "]", "red"),
    "actor": ("{", "}", "cyan"),
    "framing": ("_", "_", "magenta"),
}


LEGEND = ("marks: [trigger]^eN asserted event, [?trigger] attributed (a claim or report), "
          "[!trigger] denied, {actor}, _loaded language_")


def mark_spans(article: Article) -> list[tuple[int, int, str, str]]:
    """What ``show`` marks, in order: (start, end, kind, label) with kind one of :data:`MARKS`
    ("e3" labels the third event's trigger); an actor of several events is listed once."""
    spans: list[tuple[int, int, str, str]] = []
    done: set[tuple[int, int, str]] = set()
    for span in article.framing:
        spans.append((span.span.start, span.span.end, "framing", ""))
    for i, e in enumerate(article.events):
        for a in e.actor:
            if a.span is not None and (a.span.start, a.span.end, "actor") not in done:
                done.add((a.span.start, a.span.end, "actor"))
                spans.append((a.span.start, a.span.end, "actor", ""))
        kind = e.status if e.status in ("attributed", "denied") else "trigger"
        spans.append((e.trigger.start, e.trigger.end, kind, f"e{i + 1}"))
    return spans


def marked_text(article: Article, *, color: bool) -> str:
    """The text with triggers (by status), actors and loaded language marked."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, kind, label in mark_spans(article):
        left, right, fg = MARKS[kind]
        if color:
            left, right = click.style("", fg=fg, bold=kind != "framing", underline=kind == "framing",
                                      reset=False), click.style("", reset=True)
        opens.setdefault(start, []).append(left)
        closes.setdefault(end, []).insert(0, right + (f"^{label}" if label else ""))
    out = []
    for pos, ch in enumerate(article.text):
        out.extend(closes.get(pos, []))
        out.extend(opens.get(pos, []))
        out.append(ch)
    out.extend(closes.get(len(article.text), []))
    return "".join(out)


def event_lines(article: Article) -> list[str]:
    lines = []
    for i, e in enumerate(article.events):
        status = e.status + (f" by {actor_codes(e.attributed_to)}" if e.attributed_to else "")
        date = "" if e.date is None else f" {e.date.start}..{e.date.end}"
        place = f" @{e.place.name}" if e.place else ""
        lines.append(f"e{i + 1:<3} {e.type:<9} {actor_codes(e.actor) or '-'} -> {actor_codes(e.recipient) or '-'}"
                     f"  {status}, {e.modality}{date}{place}  [{e.trigger.text}] sentence {e.sentence}")
    return lines


@click.command()
@click.argument("article_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="The database file.")
@click.option("--color/--no-color", default=None, help="Colour the marks (default: on a terminal).")
def show(article_id, db, color) -> None:
    """Print a stored article's repaired text with its events marked: [trigger]^eN for an
    asserted event, [?trigger] attributed (a claim), [!trigger] denied, {actor}, _loaded
    language_; then the list of events."""
    try:
        with Store(db, read_only=True) as store:
            article = store.article(article_id)
    except StoreError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(2)
    if article is None:
        click.secho(f"error: no article {article_id!r} in {db} (see flashpoint events --format csv)",
                    fg="red", err=True)
        sys.exit(2)
    color = sys.stdout.isatty() if color is None else color
    terminal_safe(article)
    head = " | ".join(str(x) for x in (article.title, article.outlet, article.published, article.url) if x)
    click.echo(click.style(head, bold=True) if color else head)
    click.echo(LEGEND)
    click.echo()
    click.echo(marked_text(article, color=color))
    click.echo()
    for line in event_lines(article):
        click.echo(line)
    summary = framing_line(article)
    if summary:
        click.echo()
        click.echo(summary)


def framing_line(article: Article) -> str:
    """One line on the article's framing: loaded language per 100 words, scare quotes, opinion
    share and who is quoted (``flashpoint framing`` pools these by outlet)."""
    st = (article.stats or {}).get("framing")
    if not st:
        return ""
    agg = aggregate_framing([st])
    return (f"framing: {agg['loaded']} loaded-language spans ({agg['loaded_density']:.2f} per 100 words), "
            f"{agg['scare_quotes']} scare quotes, opinion in {100 * agg['opinion_share']:.0f}% of "
            f"sentences; quoted: {quoted_cell(agg['quoted_sources'], 6) or 'nobody'}")
