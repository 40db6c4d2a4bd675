"""quantities: numbers and what they count, with a qualifier, and the events they belong to.

A number is found in digits ("8,500", "1.5", "560 million") or words ("two", "Six hundred"), or
as a vague plural ("thousands of refugees": the lower bound, ``at_least``); a currency before or
a unit after it ("€560 million", "EUR 560 million", "1,000-kilometer", "100 kilometres") makes
it money or a length. What it counts is the noun it modifies (the spaCy parse: ``nummod``, or
"of" + noun), with conjoined nouns ("8,500 soldiers and police officers"); the noun's kind comes
from ``data/quantities/kinds.tsv``; a count that dies or is killed, wounded or arrested
("two Russian paratroopers died", "At least eight have already died") is deaths, injuries,
arrests (``outcomes.tsv``). The qualifier comes from the words before it (``qualifiers.tsv``:
"at least", "about", "some", "up to"); a converted figure in brackets ("about 100 kilometres
(62 miles)") shares the qualifier of the figure before it.

Numbers inside time expressions ("1991", "seven-year"), names ("Article 4", "Il-76", "B-1B")
and lone pronoun "one" are not quantities.

``event.quantities``: the quantities in the event's sentence that lie under its trigger in the
parse, or in the trigger's clause, or in a clause above it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data
from ..model import Article, Event, Quantity
from ..pipeline import stage


@lru_cache(maxsize=1)
def _lex() -> dict:
    numbers = {r["word"]: (float(r["value"]), r["role"]) for r in data.tsv("quantities", "numbers.tsv")}
    vague = {r["word"]: (float(r["value"]), r["qualifier"]) for r in data.tsv("quantities", "vague_numbers.tsv")}
    qualifiers = {r["phrase"]: r["qualifier"] for r in data.tsv("quantities", "qualifiers.tsv")}
    units = {r["spelling"]: (r["unit"], r["kind"]) for r in data.tsv("quantities", "units.tsv")}
    kinds = {r["noun"]: r["kind"] for r in data.tsv("quantities", "kinds.tsv")}
    outcomes = {r["word"]: r["kind"] for r in data.tsv("quantities", "outcomes.tsv")}
    return dict(numbers=numbers, vague=vague, qualifiers=qualifiers, units=units, kinds=kinds, outcomes=outcomes)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regex() -> re.Pattern:
    lx = _lex()
    word_nums = [w for w, (_, role) in lx["numbers"].items() if role in ("unit", "ten", "hundred", "scale", "dozen")
                 and len(w) > 2]
    scales = [w for w, (_, role) in lx["numbers"].items() if role == "scale"]
    symbols = [u for u, (_, kind) in lx["units"].items() if kind == "money" and (not u.isalpha() or u.upper() == u.upper() and len(u) == 3)]
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    words = rf"(?:(?:a|an|{_alt(word_nums)})(?:(?:\s+and\s+|[\s-]+)(?:{_alt(word_nums)}))*)"
    return re.compile(
        rf"(?P<cur>{_alt(symbols)})?\s?"
        rf"(?:(?P<dig>{digits})(?:\s?(?P<scale>{_alt(scales)})\b)?|(?P<words>\b{words}\b)"
        rf"|(?P<vague>\b{_alt(lx['vague'])})\s+of\b)",
        re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number in digits and/or words: "8,500", "560 million", "Six hundred"."""
    lx = _lex()["numbers"]
    text = text.strip().lower().replace(",", "")
    total = current = 0.0
    seen = False
    for part in re.split(r"[\s-]+", text):
        if not part or part == "and":
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", part):
            current += float(part)
            seen = True
            continue
        hit = lx.get(part)
        if hit is None:
            return None
        value, role = hit
        if role in ("unit", "ten", "article"):
            current += value
        elif role == "hundred":
            current = (current or 1) * 100
        elif role == "dozen":
            current = (current or 1) * 12
        elif role == "scale":
            total += (current or 1) * value
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


@stage("quantities", requires=("article.text",), assigns=("article.quantities", "event.quantities"))
class Quantities:
    """Find quantities; attach them to events."""

    def __init__(self, *, window: int = 25) -> None:
        self.window = window

    def __call__(self, article: Article) -> Article:
        doc = article.spacy
        lx = _lex()
        taken = [(t.span.start, t.span.end) for t in article.timexes if t.type in ("DATE", "TIME", "DURATION", "SET")]
        found: list[tuple[Quantity, int | None]] = []
        text = article.text
        for m in _regex().finditer(text):
            start, end = m.start(), m.end()
            if m["cur"] is None:
                start = m.start("dig") if m["dig"] else m.start("words") if m["words"] else m.start("vague")
            if any(start < e and s < end for s, e in taken):
                continue
            q = self._quantity(article, m, start, end)
            if q is None:
                continue
            quantity, token = q
            found.append((quantity, token))
        # a converted figure in brackets shares the qualifier of the figure before it
        for (prev, _), (q, _) in zip(found, found[1:]):
            between = text[prev.span.end:q.span.start]
            if re.fullmatch(r"\s*\w*\s*\(\s*", between) and q.qualifier == "exact" and prev.unit and q.unit:
                q.qualifier = prev.qualifier
        article.quantities = [q for q, _ in found]
        if doc is not None:
            tokens = {id(q): tok for q, tok in found}
            for event in article.events:
                self.attach(article, event, tokens)
        return article

    # -- one number ----------------------------------------------------------------------------

    def _quantity(self, article: Article, m: re.Match, start: int, end: int) -> tuple[Quantity, int | None] | None:
        lx = _lex()
        text = article.text
        doc = article.spacy
        qualifier = "exact"
        unit = kind = None
        if m["vague"]:
            value, qualifier = lx["vague"][m["vague"].lower()]
            end = m.end("vague")
        elif m["dig"]:
            raw = m["dig"]
            if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-/#." and start > 1 and text[start - 2].isalnum()):
                return None  # "B-1B", "Il-76", "COVID-19"
            if re.match(r"[-/]?[A-Za-z]*\d", text[m.end("dig"):m.end("dig") + 2]) and not m["scale"]:
                if re.match(r"[-/]\d", text[m.end("dig"):]) or re.match(r"[A-Za-z]+\d", text[m.end("dig"):]):
                    return None  # "2021-22", "24/7", "3M2"
            value = parse_number(raw + (" " + m["scale"] if m["scale"] else ""))
            if re.match(r"(?:st|nd|rd|th)\b", text[m.end("dig"):]):
                return None  # ordinal
        else:
            words = m["words"]
            # "and" joins only after hundred/thousand ("two hundred and fifty"), not two numbers
            for am in re.finditer(r"(\w+)\s+and\s+", words):
                if _lex()["numbers"].get(am.group(1).lower(), (0, ""))[1] not in ("hundred", "scale"):
                    words = words[:am.start(1) + len(am.group(1))]
                    break
            # "a"/"an" is a number only before hundred, dozen, thousand...: "a hundred", not "a one-page"
            if re.match(r"an?\s", words, re.IGNORECASE):
                nxt = words.split()[1].lower() if len(words.split()) > 1 else ""
                if _lex()["numbers"].get(nxt, (0, ""))[1] not in ("hundred", "scale", "dozen"):
                    words = words.split(None, 1)[1] if len(words.split()) > 1 else ""
                    start = m.start("words") + len(m["words"]) - len(m["words"].split(None, 1)[-1]) if words else start
            if not words or words.lower() in ("a", "an"):
                return None
            if re.match(r"-\w", text[m.start("words") + len(m["words"]):]) and words.lower().endswith("one"):
                return None  # "one-page", "one-sided"
            value = parse_number(words)
            end = m.start("words") + len(m["words"]) - (len(m["words"]) - m["words"].index(words) - len(words))
        if value is None:
            return None
        tok = None
        if doc is not None:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                tok = span[-1]
        # what kind of number is this?
        if m["words"] and tok is not None:
            if tok.lower_ in ("one",) and tok.dep_ != "nummod":
                return None
            if tok.dep_ not in ("nummod", "nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "quantmod", "npadvmod", "attr") \
                    and not re.match(r"\s+of\b", text[end:]):
                return None
            if tok.dep_ in ("nummod",) and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
                return None
        before = text[max(0, start - 30):start]
        if m["dig"] and re.search(r"\b[A-Z][a-z]+\s$", before) and not re.search(
                rf"\b(?:{_alt(lx['qualifiers'])})\s$", before, re.IGNORECASE):
            word = re.search(r"\b([A-Z][a-z]+)\s$", before).group(1)
            if word.lower() not in lx["qualifiers"] and word.lower() not in ("and", "but", "the", "some", "about", "only", "all"):
                return None  # "Article 4", "Resolution 2231"
        if tok is not None and tok.ent_type_ == "ORDINAL":
            return None  # dates and times are the time stage's (their spans are skipped above)
        # currency / unit
        if m["cur"]:
            unit, kind = lx["units"][m["cur"].lower()]
        after = text[end:end + 25]
        um = re.match(rf"[\s-]?(?P<u>{_alt(lx['units'])})(?![A-Za-z])", after, re.IGNORECASE)
        if unit is None and um:
            unit, kind = lx["units"][um["u"].lower()]
            end = end + um.end()
        if unit is None:
            before_unit = re.search(rf"\b(?P<u>{_alt([u for u, (_, k) in lx['units'].items() if k == 'money' and u.isalpha()])})\s?$",
                                    text[max(0, start - 6):start], re.IGNORECASE)
            if before_unit and before_unit["u"].isupper():
                unit, kind = lx["units"][before_unit["u"].lower()]
                start = start - (len(text[max(0, start - 6):start]) - before_unit.start())
        # qualifier: the words just before
        qm = re.search(rf"\b(?P<q>{_alt(lx['qualifiers'])})\s+(?:of\s+)?$", text[max(0, start - 25):start], re.IGNORECASE)
        if qm:
            phrase = qm["q"].lower()
            if phrase not in ("over", "under", "some") or m["dig"] or m["words"]:
                qualifier = lx["qualifiers"][phrase]
        of = None
        if unit:
            of = unit
        elif tok is not None:
            of, kind = self._counted(tok, end, doc)
        if tok is not None and kind not in ("money", "length", "weight", "percent"):
            outcome = self._outcome(tok)
            if outcome:
                kind = outcome
        span = article.span(start, end)
        value = round(value, 6)
        if value == int(value):
            value = float(int(value))
        return Quantity(value=value, of=of, kind=kind, qualifier=qualifier, span=span, unit=unit), (tok.i if tok is not None else None)

    def _counted(self, tok, end: int, doc) -> tuple[str | None, str | None]:
        """The noun a number counts, with conjoined nouns, and its kind."""
        lx = _lex()
        noun = None
        if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
        elif tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            noun = tok.head
        else:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                    if objs:
                        noun = objs[0]
            if noun is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].pos_ == "NOUN":
                noun = doc[tok.i + 2]
        if noun is None:
            return None, None
        first = tok.i + 1 if noun.i > tok.i else noun.left_edge.i
        last = noun.i
        for conj in noun.conjuncts:
            if conj.i > noun.i and conj.pos_ == "NOUN" and conj.i - last <= 4:
                last = conj.i
        while first < last and doc[first].lower_ in ("of", "the", "their", "its", "his", "her"):
            first += 1
        of = doc[first:last + 1].text if first <= last else noun.text
        of = of.lstrip("-")
        kind = None
        for cand in [noun] + [c for c in noun.conjuncts]:
            compound = " ".join(c.lower_ for c in cand.children if c.dep_ == "compound" and c.i < cand.i)
            kind = lx["kinds"].get(f"{compound} {cand.lemma_.lower()}".strip()) or lx["kinds"].get(cand.lemma_.lower()) \
                or lx["kinds"].get(cand.lower_)
            if kind:
                break
        if kind == "people" and any(c.lower_ in ("military", "armed") for c in noun.children):
            kind = "personnel"
        return of, kind

    @staticmethod
    def _outcome(tok) -> str | None:
        """deaths / injuries / arrests when the counted thing dies, is killed, wounded, arrested."""
        outcomes = _lex()["outcomes"]
        subject = tok.head if tok.dep_ == "nummod" else tok
        if subject.dep_ in ("nsubj", "nsubjpass", "dobj") and subject.head.pos_ in ("VERB", "AUX", "ADJ"):
            verb = subject.head
            lemma = verb.lemma_.lower()
            if subject.dep_ == "dobj" and lemma not in ("kill", "injure", "wound", "arrest", "detain"):
                return None
            if lemma in outcomes or verb.lower_ in outcomes:
                return outcomes.get(lemma) or outcomes.get(verb.lower_)
            for c in verb.children:  # "were found dead", "left two dead"
                if c.dep_ in ("acomp", "oprd", "xcomp") and (c.lemma_.lower() in outcomes or c.lower_ in outcomes):
                    return outcomes.get(c.lemma_.lower()) or outcomes.get(c.lower_)
        for c in subject.children:  # "two dead", "five people killed"
            if c.dep_ in ("amod", "acl") and c.i > subject.i and (c.lower_ in outcomes):
                return outcomes[c.lower_]
        return None

    # -- events --------------------------------------------------------------------------------

    def attach(self, article: Article, event: Event, tokens: dict[int, int | None]) -> None:
        doc = article.spacy
        trig = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trig is None or not len(trig):
            return
        trigger = trig.root
        subtree = {t.i for t in trigger.subtree}
        clause = _clause_verb(trigger)
        above = {a.i for a in trigger.ancestors}
        out = []
        for q in article.quantities:
            if q.span is None or q.span.sentence != event.sentence:
                continue
            i = tokens.get(id(q))
            if i is None:
                continue
            tok = doc[i]
            qverb = _clause_verb(tok)
            if i in subtree or (qverb is not None and (qverb == clause or qverb.i in above)):
                out.append(q)
        event.quantities = out


def _clause_verb(tok):
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None
