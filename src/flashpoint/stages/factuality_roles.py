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


def quoted_share(text: str) -> float:
    """The share of letters and digits of ``text`` that stand inside quotation marks."""
    mask = quoted_mask(text)
    alnum = [m for ch, m in zip(text, mask) if ch.isalnum()]
    return sum(alnum) / len(alnum) if alnum else 0.0


def is_quotation(sent: SpacySpan, max_frame_words: int = 8) -> bool:
    """A sentence that is mostly a quotation: it opens with a quotation mark and stands mostly
    inside quotes, or all that stands outside the quotes is a short speech frame ("he said",
    "Lavrov told reporters:"). A quoted phrase inside the author's sentence ("calling the
    activities of the US 'a destabilizing factor'") does not make a quotation."""
    from .factuality_status import kind_of

    text = sent.text.strip()
    if text.count('"') % 2:  # an unbalanced mark: the extent of the quote is unknown
        return False
    share = quoted_share(text)
    if share < 0.5:
        return False
    if text[0] in ('"', "\u201c"):
        return True
    mask = quoted_mask(sent.text)
    outside = [t for t in sent if not t.is_punct and not mask[t.idx - sent.start_char]]
    return len(outside) <= max_frame_words and any(
        kind_of(t) in ("report", "claim") and t.pos_ in ("VERB", "AUX") for t in outside)


def role_of(sent: SpacySpan) -> tuple[str, str | None]:
    """The role of a parsed sentence and the cue that decided it."""
    text = sent.text.strip()
    if is_quotation(sent):
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
