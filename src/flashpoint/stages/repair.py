"""repair: undo the damage PDF and web extraction did to a text, before any NLP.

Reads ``article.text`` (as read) and writes the repaired text back to ``article.text``, keeping
the original in ``article.original_text``. Every later offset refers to the repaired text.

A chain of small text-to-text functions, each with one job, in the way of textacy::

    >>> repair_text("a joint RussianBelarusian paratrooper\\nexercise on Friday")
    'a joint Russian-Belarusian paratrooper exercise on Friday'

Paragraphs come out separated by one blank line; lines inside a paragraph are joined.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence

from .. import data
from ..model import Article
from ..pipeline import stage

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000\t"), " ")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u00b4": "'"})
_END = ('.', '!', '?', '"', "'", ':', ';', ')', ']')


def normalize_unicode(text: str) -> str:
    """NFC; drop soft hyphens and zero-width characters; odd spaces to spaces; form feeds to
    page breaks; Windows and old Mac line ends to ``\\n``."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_SPACES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def normalize_quotes(text: str) -> str:
    """Curly and angle quotes to straight ones (one character for one: offsets do not move)."""
    return text.translate(_QUOTES)


def rejoin_hyphenated(text: str) -> str:
    """Rejoin a word hyphenated across a line end: ``ratch-\\neting`` -> ``ratcheting``; after a
    prefix that keeps its hyphen (``anti-\\nSemitism``) or before a capital, keep the hyphen."""
    keep = data.words("repair", "keep_hyphen_prefixes.txt")

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if left.lower() in keep or right[0].isupper() or left[-1].isdigit():
            return f"{left}-{right}"
        return left + right

    return re.sub(r"(\w+)-[ ]*\n[ ]*\n?[ ]*(\w+)", join, text)


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines into paragraphs separated by one blank line.

    In a hard-wrapped text (short lines, most not ending a sentence), a line break is a space,
    except after a short line that ends a run (a title, a heading, a paragraph's last line);
    a blank line is a paragraph break unless a sentence runs across it (a page break: the line
    before does not end a sentence and the line after starts in lower case). In a text with one
    paragraph a line (web pages, feeds), every line break is a paragraph break.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    body = [ln for ln in lines if ln]
    if not body:
        return ""
    widths = [len(ln) for ln in body]
    wrapped = statistics.median(widths) < 100 and sum(not ln.endswith(_END) for ln in body) > len(body) / 2
    if not wrapped:
        return "\n\n".join(body)
    short = 0.6 * statistics.median(widths)
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            prev = paragraphs[-1][-1] if paragraphs[-1] else ""
            nxt = next((ln for ln in lines[i + 1:] if ln), "")
            if prev and not prev.endswith(_END) and nxt[:1].islower():
                continue  # a page break inside a sentence
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if len(line) < short and nxt[:1].isupper() and not line.endswith((",", "-")):
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def restore_lost_hyphens(text: str) -> str:
    """``RussianBelarusian`` -> ``Russian-Belarusian`` where both halves are known words."""
    known = data.words("repair", "compound_words.txt")

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        for i in range(2, len(word) - 1):
            if word[i].isupper() and word[:i] in known and word[i:] in known:
                return f"{word[:i]}-{word[i:]}"
        return word

    return re.sub(r"\b[A-Z][a-z]+[A-Z][a-z]+\b", split, text)


def normalize_whitespace(text: str) -> str:
    """One space between words, no space at line ends, at most one blank line, no space before
    punctuation that a line join left behind."""
    text = re.sub(r"[ ]{2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


#: the most words a headline line has
HEADLINE_WORDS = 16
#: what a sentence of running text ends with, before any closing quotes; a headline line ends
#: without it (a headline may end on a quoted phrase: ... accuses Rwanda of "declaration of war")
SENTENCE_ENDS = (".", "!", "?", ":")
CLOSING_QUOTES = '"\u201d\u2019\''


def headlines(article: Article) -> set[int]:
    """The indexes of the headline lines that open the text before its first sentence (a line of
    its own with no final stop and at most ``HEADLINE_WORDS`` words, at most two, never the text's
    last sentence): the title and header are not coded (coding-conventions 2), and the lede is the
    sentence after them. A longer line is a lede that lost its stop ("Russian President Vladimir
    Putin said in an interview aired Saturday that ... a serious challenge")."""
    found: set[int] = set()
    for sentence in article.sentences[:2]:
        if sentence.index == len(article.sentences) - 1:
            break
        line_ends = article.text[sentence.end:sentence.end + 1] == "\n"
        if not line_ends or sentence.text.rstrip().rstrip(CLOSING_QUOTES).endswith(SENTENCE_ENDS) \
                or len(sentence.text.split()) > HEADLINE_WORDS:
            break
        found.add(sentence.index)
    return found


def separate_title(text: str, title: str | None) -> str:
    """Put a title that runs into the first sentence into a paragraph of its own."""
    if not title:
        return text
    words = title.split()
    pattern = r"\s+".join(map(re.escape, words))
    m = re.match(r"\s*" + pattern + r"[ \t]*\n?[ \t]*", text, flags=re.IGNORECASE)
    if not m or text[m.end():m.end() + 1] == "\n":
        return text
    return text[: m.start()] + " ".join(text[m.start():m.end()].split()) + "\n\n" + text[m.end():]


#: The repair chain, in order. Each function is text -> text.
RULES: dict[str, Callable[[str], str]] = {
    "unicode": normalize_unicode,
    "quotes": normalize_quotes,
    "hyphenation": rejoin_hyphenated,
    "unwrap": unwrap_lines,
    "lost_hyphens": restore_lost_hyphens,
    "whitespace": normalize_whitespace,
}


def repair_text(text: str, *, title: str | None = None, rules: Sequence[str] | None = None) -> str:
    """Run the repair chain over ``text``."""
    names = list(rules) if rules is not None else list(RULES)
    for name in names:
        if name == "unwrap" and title:
            text = separate_title(text, title)
        text = RULES[name](text)
    return text


@stage("repair", assigns=("article.text", "article.original_text"))
class Repair:
    """Repair the article's text; keep the text as read in ``original_text``."""

    def __init__(self, *, rules: Sequence[str] | None = None) -> None:
        unknown = set(rules or ()) - set(RULES)
        if unknown:
            raise ValueError(f"unknown repair rules: {sorted(unknown)}")
        self.rules = rules

    def __call__(self, article: Article) -> Article:
        if article.original_text is None:
            article.original_text = article.text
        article.text = repair_text(article.original_text, title=article.title, rules=self.rules)
        return article
