"""The shippable training data of the shipped event-type classifier, read where it lies.

- the pairs written for flashpoint (``data/classifier/written_pairs.jsonl``, MIT);
- the PLOVER gold-standard records (``data/plover/PLOVER_GSR_CAMEO.txt``, CC BY-SA 4.0);
- the example sentence of each CAMEO code (``data/cameo/cameo-codes.icews.utf8.csv``), labelled
  through the PLOVER manual's CAMEO-to-PLOVER table (``data/plover/CAMEO2PLOVER-2021.txt``);
- the event gold listed in ``data/classifier/training_gold.txt`` (the November 2021 set and the
  tuned half of the world set; never the scored half).

CAMEO examples and gold evidence carry no actor and recipient spans: they are read from the
parse (:func:`subject_object`): the subject of the event's verb (of the clause under a reporting
verb, "X did Y, officials said") and its object, dative or prepositional object ("Russia
expelled ten Estonian diplomats" gives actor "Russia", recipient "ten Estonian diplomats").
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import data
from .model import Item
from .training import read_plover_gold, read_pairs

PLOVER_GSR = "data/plover/PLOVER_GSR_CAMEO.txt"
CAMEO_CODES = "data/cameo/cameo-codes.icews.utf8.csv"
CAMEO2PLOVER = "data/plover/CAMEO2PLOVER-2021.txt"
SPAN_CUT = frozenset({"relcl", "acl", "punct", "appos"})

Pairs = tuple[list[Item], list[str]]


def written_pairs() -> Pairs:
    """Pairs written for flashpoint, across the 16 PLOVER categories and many crises."""
    return read_pairs(data.path("classifier", "written_pairs.jsonl"))


def _phrase(tok: Token, sent: SpacySpan) -> tuple[int, int]:
    toks = [t for t in tok.subtree if t.dep_ not in SPAN_CUT] or [tok]
    return toks[0].idx - sent.start_char, toks[-1].idx + len(toks[-1].text) - sent.start_char


def subject_object(sent: SpacySpan, anchor: Token | None = None) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """(actor, recipient) character spans in ``sent.text`` for the verb at ``anchor`` (default:
    the sentence root, or the clause under it when the root is a reporting verb); None without
    a subject."""
    verb = anchor if anchor is not None else sent.root
    if anchor is None and verb.lemma_.lower() in data.words("classifier", "reporting_verbs.txt"):
        verb = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), verb)
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if subj is not None and subj.dep_ == "nsubjpass" and agent is not None:
        actor, recipient = agent, subj
    else:
        actor = subj
        recipient = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if recipient is None:
            recipient = next((g for c in verb.children if c.dep_ == "prep" for g in c.children
                              if g.dep_ == "pobj"), None)
    if actor is None:
        return None
    a = _phrase(actor, sent)
    r = _phrase(recipient, sent) if recipient is not None else None
    if r is not None and a[0] < r[1] and r[0] < a[1]:
        r = None
    return a, r


def cameo_labels(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER category, from the manual's conversion table ("0311: AGREE, ...")."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _repair_macroman(text: str) -> str:
    """The CSV's curly quotes were decoded as Mac Roman once ("Moscow‚Äôs"): undo that."""
    try:
        return text.encode("mac_roman").decode("utf-8")
    except (UnicodeError, ValueError):
        return text


def cameo_examples(shared: Path, nlp) -> Pairs:
    """The example sentence of every CAMEO code that maps to a PLOVER category."""
    labels = cameo_labels(shared / CAMEO2PLOVER)
    texts, tags = [], []
    with open(shared / CAMEO_CODES, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            example = _repair_macroman((row.get("example") or "").strip())
            label = labels.get(row.get("code") or "")
            if example and example != "NA" and label:
                texts.append(example)
                tags.append(label)
    items, out = [], []
    for doc, label in zip(nlp.pipe(texts), tags):
        sent = next(iter(doc.sents))
        spans = subject_object(sent)
        if spans is not None:
            items.append(Item(sent.text, *spans))
            out.append(label)
    return items, out


def gold_files(shared: Path) -> list[Path]:
    """The gold files of ``data/classifier/training_gold.txt`` (never the scored world half)."""
    return sorted({p for pattern in data.lines("classifier", "training_gold.txt") for p in shared.glob(pattern)})


def gold_events(files: list[Path], nlp) -> Pairs:
    """One pair per gold event: the sentence of its evidence, actor and recipient from the
    parse of its first verb (else its first noun phrase as the actor)."""
    items, labels = [], []
    for path in files:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        doc = nlp(gold["text"])
        for event in gold.get("events", []):
            start = gold["text"].find(event["evidence"])
            span = doc.char_span(start, start + len(event["evidence"]), alignment_mode="expand") if start >= 0 else None
            if span is None:
                continue
            sent = span.root.sent
            spans = subject_object(sent, next((t for t in span if t.pos_ == "VERB"), span.root))
            if spans is None:
                chunk = next((c for c in doc.noun_chunks if c.start >= span.start and c.end <= span.end), None)
                if chunk is None:
                    continue
                spans = ((chunk.start_char - sent.start_char, chunk.end_char - sent.start_char), None)
            items.append(Item(sent.text, *spans))
            labels.append(event["type"])
    return items, labels


def shippable(shared: Path | None, nlp, *, skip: Path | None = None
              ) -> tuple[Pairs, list[tuple[str, Path | None, int]]]:
    """All shippable training pairs and, per source, (name, file, count). Without ``shared``
    (the shared data folder) only the written pairs. ``skip``: a file left out (the one being
    cross-validated, so that its folds are not also in every training set)."""
    parts: list[tuple[str, Path | None, Pairs]] = [("written_pairs.jsonl", data.path("classifier", "written_pairs.jsonl"),
                                                    written_pairs())]
    if shared is not None:
        if (shared / PLOVER_GSR).exists():
            parts.append(("PLOVER_GSR_CAMEO.txt", shared / PLOVER_GSR, read_plover_gold(shared / PLOVER_GSR)))
        if (shared / CAMEO_CODES).exists() and (shared / CAMEO2PLOVER).exists():
            parts.append(("cameo-codes.icews.utf8.csv", shared / CAMEO_CODES, cameo_examples(shared, nlp)))
        files = gold_files(shared)
        if files:
            parts.append((f"event gold ({len(files)} files)", None, gold_events(files, nlp)))
    if skip is not None:
        parts = [p for p in parts if p[1] is None or p[1].resolve() != Path(skip).resolve()]
    items: list[Item] = []
    labels: list[str] = []
    for _, _, (i, lab) in parts:
        items += i
        labels += lab
    return (items, labels), [(name, path, len(p[0])) for name, path, p in parts]
