"""Sentence roles: reporting, quotation, commentary, call_to_action.

- ``quotation``: most of the sentence's words stand inside quotation marks ("'We will not
  allow provocations,' Lavrov said."). Its events are attributed to the speaker.
- ``call_to_action``: an imperative ("Stop the war drive!"), or "must/should/need to" with the
  author's audience as subject ("Workers must oppose ...", "We must ..."), or an opener such as
  "we call on".
- ``commentary``: the author's opinion, opened by a stance phrase ("In reality, ...", "It is
  clear that ...", "This shows ...").
- ``reporting``: everything else - the article reporting what happened or what was said.

No event is coded from commentary or a call to action. Cue phrases: ``data/factuality/roles.tsv``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from .. import data

STAGE = "factuality"


@lru_cache(maxsize=1)
def role_cues() -> dict[str, list[tuple[str, str]]]:
    cues: dict[str, list[tuple[str, str]]] = {}
    for row in data.tsv(STAGE, "roles.tsv"):
        cues.setdefault(row["kind"], []).append((row["role"], row["phrase"]))
    return cues


def quoted_mask(text: str) -> list[bool]:
    """Per character of ``text``: is it inside double quotation marks?"""
    mask, inside = [], False
    for ch in text:
        if ch in ('"', "\u201c", "\u201d"):
            if ch == "\u201c":
                inside = True
            elif ch == "\u201d":
                inside = False
            else:
                inside = not inside
            mask.append(True)
            continue
        mask.append(inside)
    return mask


def article_quote_mask(text: str, max_chars: int = 2000) -> list[bool]:
    """Per character of a whole article: is it inside a quotation? Unlike :func:`quoted_mask`,
    a quotation may run over sentences and paragraphs: '"The United States ... in the Black
    Sea.\n\nNot only ... This is a serious challenge for us," he said'. A paragraph that opens
    with a mark while a quotation is open continues it (the news way of quoting over several
    paragraphs); an opening mark left unclosed before the next opening one, or with no other mark
    within ``max_chars`` after it, opens nothing."""
    mask = [False] * len(text)
    marks = [i for i, ch in enumerate(text) if ch in ('"', "\u201c", "\u201d")]
    open_at: int | None = None
    for k, i in enumerate(marks):
        side = _mark_side(text, i)
        if open_at is None:
            following = marks[k + 1] if k + 1 < len(marks) else None
            if side != "close" and following is not None and following - i <= max_chars:
                open_at = i
            continue
        line_start = text.rfind("\n", 0, i)
        at_paragraph_start = line_start >= open_at and not text[line_start + 1:i].strip()
        if side != "close" and at_paragraph_start:
            continue  # a new paragraph of the same quotation
        if side == "open":
            open_at = i  # an opening mark never closed ('"unacceptable\' for Russia'): start again
            continue
        mask[open_at:i + 1] = [True] * (i + 1 - open_at)
        open_at = None
    return mask


def _mark_side(text: str, i: int) -> str:
    """Whether the quotation mark at ``i`` opens, closes, or may do either: curly marks say so;
    a straight one opens after a space and before a word, and closes after a word or a stop."""
    ch = text[i]
    if ch == "\u201c":
        return "open"
    if ch == "\u201d":
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([\u2014-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]\u2014-"):
        return "close"
    return "either"


def quoted_share(text: str) -> float:
    """The share of letters and digits of ``text`` that stand inside quotation marks."""
    mask = quoted_mask(text)
    alnum = [m for ch, m in zip(text, mask) if ch.isalnum()]
    return sum(alnum) / len(alnum) if alnum else 0.0


def is_quotation(sent: SpacySpan, max_frame_words: int = 8, mask: list[bool] | None = None) -> bool:
    """A sentence that is mostly a quotation: it opens with a quotation mark and stands mostly
    inside quotes, or all that stands outside the quotes is a short speech frame ("he said",
    "Lavrov told reporters:"). A quoted phrase inside the author's sentence ("calling the
    activities of the US 'a destabilizing factor'") does not make a quotation. ``mask``: the
    sentence's characters inside quotes as read over the whole article
    (:func:`article_quote_mask`), for a quotation that runs over sentences and paragraphs."""
    from .factuality_status import kind_of

    text = sent.text.strip()
    if mask is None:
        if text.count('"') % 2:  # an unbalanced mark: the extent of the quote is unknown
            return False
        mask = quoted_mask(sent.text)
    alnum = [m for ch, m in zip(sent.text, mask) if ch.isalnum()]
    share = sum(alnum) / len(alnum) if alnum else 0.0
    if share < 0.5:
        return False
    if text[0] in ('"', "\u201c") or share == 1.0:
        return True
    outside = [t for t in sent if not t.is_punct and not mask[t.idx - sent.start_char]]
    return len(outside) <= max_frame_words and any(
        kind_of(t) in ("report", "claim") and t.pos_ in ("VERB", "AUX") for t in outside)


def role_of(sent: SpacySpan, mask: list[bool] | None = None) -> tuple[str, str | None]:
    """The role of a parsed sentence and the cue that decided it (``mask``: see
    :func:`is_quotation`)."""
    text = sent.text.strip()
    if is_quotation(sent, mask=mask):
        return "quotation", "quotation marks"
    lowered = text.lower().lstrip("\"'\u201c\u2018([ ")
    cues = role_cues()
    for role, phrase in cues.get("opener", []):
        if lowered.startswith(phrase) and (len(lowered) == len(phrase) or not lowered[len(phrase)].isalnum()):
            return role, phrase
    root = sent.root
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if (words and words[0] is root and root.tag_ == "VB"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
            and not text.endswith("?")):
        return "call_to_action", "imperative"
    subjects = {p for _, p in cues.get("call_subject", [])}
    modals = {p for _, p in cues.get("call_modal", [])}
    for child in root.children:
        if child.dep_ != "nsubj":
            continue
        subject = sent.doc[child.left_edge.i:child.right_edge.i + 1].text.lower()
        if subject not in subjects:
            continue
        modal = [c.lower_ for c in root.children if c.dep_ == "aux" and c.lower_ in modals]
        if root.lemma_.lower() in modals:  # "we need to ..." with "need" as the main verb
            modal.append(root.lemma_.lower())
        if modal:
            return "call_to_action", f"{subject} {modal[0]}"
    return "reporting", None
