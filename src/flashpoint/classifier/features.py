"""Features of one (sentence, actor, recipient) for the event-type classifier.

Four text views, each turned into TF-IDF by the model:

- ``masked``: the sentence with the actor and recipient replaced by placeholders
  (``ACTORX``, ``RECIPX``), so the words around them, not their names, decide;
- ``between``: the words between actor and recipient (or after the actor when there is none);
- ``parse``: symbols from the spaCy dependency parse: the verbs that govern the actor (lemma,
  negation, their objects and clausal complements), the recipient's relation and governing
  word or preposition, and the lemmas on the path from the recipient up to the word it shares
  with the actor;
- ``focus``: the stretch of the sentence from the first to the last of actor and recipient
  (or the actor and what follows it), read by the sentence encoder when the model uses it;
- the model also reads ``masked`` as character n-grams.

Example: "Ukraine accuses Russia of sending the tanks." with actor "Ukraine", recipient
"Russia" gives masked " ACTORX  accuses  RECIPX  of sending the tanks." and parse symbols
such as ``ah0_accuse bdep_dobj bhead_accuse``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

ACTOR, RECIPIENT = " ACTORX ", " RECIPX "
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "dobj", "prep", "advcl", "acomp", "attr", "dative"})


@dataclass(frozen=True)
class Views:
    masked: str
    between: str
    parse: str
    focus: str = ""


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_window(doc: Doc, actor: tuple[int, int]) -> tuple[int, int]:
    """Character bounds of the sentence of ``doc`` that holds the actor."""
    span = doc.char_span(actor[0], actor[1], alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return 0, len(doc.text)
    sent = span.root.sent
    return sent.start_char, sent.end_char


def views(text: str, actor: tuple[int, int], recipient: tuple[int, int] | None, doc: Doc) -> Views:
    """The feature views of one pair; ``doc`` is the spaCy parse of ``text`` (a whole article
    is fine: only the sentence of the actor is read)."""
    lo, hi = sentence_window(doc, actor)
    if recipient is not None and overlaps(recipient, actor):
        recipient_masked = None
    else:
        recipient_masked = recipient
    sent = text[lo:hi]
    marks = [(actor[0] - lo, actor[1] - lo, ACTOR)]
    if recipient_masked is not None and lo <= recipient_masked[0] and recipient_masked[1] <= hi:
        marks.append((recipient_masked[0] - lo, recipient_masked[1] - lo, RECIPIENT))
    masked = sent
    for s, e, rep in sorted(marks, reverse=True):
        masked = masked[:max(s, 0)] + rep + masked[e:]
    if recipient is None:
        between = "NOREC " + text[actor[1]:min(hi, actor[1] + 80)]
    elif recipient[0] >= actor[1]:
        between = text[actor[1]:recipient[0]]
    elif recipient[1] <= actor[0]:
        between = "REV " + text[recipient[1]:actor[0]]
    else:
        between = "INSIDE " + text[actor[1]:min(hi, actor[1] + 80)]
    return Views(masked=masked, between=between, parse=" ".join(parse_symbols(doc, actor, recipient, lo, hi)),
                 focus=focus_text(text, actor, recipient_masked, hi))


def focus_text(text: str, actor: tuple[int, int], recipient: tuple[int, int] | None, hi: int) -> str:
    """From the first to the last of actor and recipient; the actor and up to 120 characters
    after it (within the sentence) when there is no recipient."""
    if recipient is None:
        return text[actor[0]:max(actor[1], min(hi, actor[1] + 120))]
    return text[min(actor[0], recipient[0]):max(actor[1], recipient[1])]


def _root(doc: Doc, span: tuple[int, int]) -> Token | None:
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def _ancestors(tok: Token) -> list[Token]:
    out = []
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() or tok.lower_


def parse_symbols(doc: Doc, actor: tuple[int, int], recipient: tuple[int, int] | None,
                  lo: int, hi: int) -> list[str]:
    """Parse features (see the module docstring); ``lo``/``hi`` bound the sentence."""
    f: list[str] = []
    a = _root(doc, actor)
    b = _root(doc, recipient) if recipient is not None else None
    if a is not None:
        f.append("adep_" + a.dep_)
        heads = [t for t in _ancestors(a) if t.pos_ in ("VERB", "AUX", "NOUN")][:3]
        for i, h in enumerate(heads):
            lem = _lemma(h)
            f += [f"ah{i}_{lem}", f"ah_{lem}"]
            if any(c.dep_ == "neg" for c in h.children):
                f += [f"aneg_{lem}", "NEG"]
            for c in h.children:
                if c.dep_ in CLAUSE_DEPS:
                    f += [f"{c.dep_}_{_lemma(c)}", f"{lem}_{c.dep_}_{_lemma(c)}"]
                    if any(g.dep_ == "neg" for g in c.children):
                        f.append(f"cneg_{_lemma(c)}")
    if b is not None:
        f += ["bdep_" + b.dep_, "bhead_" + _lemma(b.head)]
        if b.head.dep_ == "prep":
            f.append(f"bprep_{_lemma(b.head)}_{_lemma(b.head.head)}")
        if a is not None:
            ca = [a, *_ancestors(a)]
            cb = [b, *_ancestors(b)]
            ib = [t.i for t in cb]
            common = next((t for t in ca if t.i in ib), None)
            if common is not None:
                f.append("lca_" + _lemma(common))
                path = [_lemma(t) for t in cb[1:ib.index(common.i)]]
                f.append("bpath_" + "_".join(path[:3]))
                f += ["bp_" + p for p in path]
    else:
        f.append("NOREC")
    for t in doc:
        if t.idx < lo or t.idx >= hi:
            continue
        if t.pos_ == "VERB":
            f.append("v_" + _lemma(t))
        if t.dep_ == "neg":
            f.append("hasneg")
    return f
