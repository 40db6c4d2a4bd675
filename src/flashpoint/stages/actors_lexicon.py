"""The actor lexicon: every name, adjective, seat, organisation, institution, person and role word
of ``data/actors/``, as token sequences matched against a spaCy ``Doc`` (leftmost-longest).

Loaded once per process (:func:`lexicon`). Keys are lower-cased token texts with hyphens left
out, so "secretary-general" and "secretary general", "Polish-Belarusian" and "Polish Belarusian"
meet. An all-capitals alias of up to four letters ("US", "UK", "AU", "RT") matches only in
capitals, so the pronoun "us" is no country. Offices are chosen by date (:meth:`Lexicon.holder`,
:meth:`Lexicon.person_entity`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import re

from .. import data
from ..model import Entity

STAGE = "actors"
#: Sectors of groups of people rather than bodies.
GROUP_SECTORS = frozenset({"REF", "CVL", "OPP", "REB", "LAB"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a phrase."""

    kind: str  # country, adjective, seat, organisation, institution, prefix, person, role, agent
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    role_kind: str | None = None  # for roles: title, role, proxy
    office: str | None = None  # for titles: head_of_state, foreign_minister, ...
    source: str = ""
    exact: str | None = None  # the text a case-sensitive alias must have


@dataclass(frozen=True, slots=True)
class Office:
    person: str
    country: str | None
    sector: str | None
    office: str
    start: dt.date | None
    end: dt.date | None
    source: str

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon phrase found in a doc: tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, *kinds: str) -> Entry | None:
        for kind in kinds:
            for e in self.entries:
                if e.kind == kind:
                    return e
        return None


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    return dt.date.fromisoformat(text) if text else None


def _plural(word: str) -> list[str]:
    if word.endswith(("s", "ce", "ia")) and not word.endswith("ss"):
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("sh", "ch", "x", "ss")):
        return [word + "es"]
    return [word + "s"]


_PIECE = re.compile(r"[^\s\-\u2010\u2011\u2013,()]+|[,()]")


def key_of(text: str) -> tuple[str, ...]:
    """The lookup key of a phrase: lower-cased tokens as spaCy splits them ("Russia's" ->
    "russia", "'s"), hyphens and spaces left out."""
    out: list[str] = []
    for piece in _PIECE.findall(norm(text)):
        if piece.endswith("'s") and len(piece) > 2:
            out += [piece[:-2], "'s"]
        else:
            out.append(piece)
    return tuple(out)


def norm(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def keep(text: str) -> bool:
    return bool(text.strip()) and text not in ("-", "\u2010", "\u2011", "\u2013")


class Lexicon:
    """Phrases to entries, offices by person and by (country, office)."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        self.offices_by_person: dict[str, list[Office]] = defaultdict(list)
        self.offices_by_title: dict[tuple[str | None, str], list[Office]] = defaultdict(list)
        self.country_names: dict[str, str] = {}
        self._people_ranges: dict[str, str] = {}
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self._load()
        self.max_len = max(len(k) for k in self.phrases)

    def add(self, phrase: str, entry: Entry) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        if phrase.isupper() and len(phrase.replace(".", "")) <= 4:
            entry = Entry(**{**_asdict(entry), "exact": phrase})
        key = key_of(phrase)
        if key and entry not in self.phrases[key]:
            self.phrases[key].append(entry)
        if phrase.lower().startswith("the ") and len(key) > 1 and entry.kind != "organisation":
            rest = phrase[4:].strip()
            if " " not in rest and entry.exact is None:
                # one word without its article is a name only as written: "the States" is "States",
                # not the "states" of "the Baltic states"
                entry = Entry(**{**_asdict(entry), "exact": rest})
            self.add(rest, entry)

    def _load(self) -> None:
        for row in data.tsv(STAGE, "countries.tsv"):
            iso, name = row["iso3"], row["name"]
            self.country_names[iso] = name
            for n in row["names"].split("|"):
                self.add(n, Entry("country", iso, None, name, source="countries"))
            for a in row["adjectives"].split("|"):
                self.add(a, Entry("adjective", iso, None, name, source="countries"))
            for s in row["seats"].split("|"):
                self.add(s, Entry("seat", iso, "GOV", name, source="countries"))
        for row in data.tsv(STAGE, "organisations.tsv"):
            e = Entry("organisation", row["code"], row["sector"] or None, row["name"], source="organisations")
            for n in row["names"].split("|"):
                self.add(n, e)
        for row in data.tsv(STAGE, "institutions.tsv"):
            kind = "prefix" if row["kind"] == "prefix" else "institution"
            e = Entry(kind, row["country"] or None, row["sector"] or None, row["name"], source="institutions")
            for n in row["names"].split("|"):
                self.add(n, e)
        for row in data.tsv(STAGE, "roles.tsv"):
            e = Entry("role", None, row["sector"] or None, row["phrase"], row["kind"], row["office"] or None,
                      source="roles")
            self.add(row["phrase"], e)
            words = row["phrase"].split(" ")
            for plural in _plural(words[-1]):
                self.add(" ".join(words[:-1] + [plural]), e)
        curated = {k for k, v in self.phrases.items() if any(e.kind == "role" for e in v)}
        for row in data.tsv(STAGE, "agents.tsv"):
            # the dictionary lists the singular; news names groups in the plural ("armed gangs", "bandits")
            words = row["phrase"].split(" ")
            for phrase in [row["phrase"]] + [" ".join(words[:-1] + [p]) for p in _plural(words[-1])]:
                key = key_of(phrase)
                if key and key not in curated:
                    self.phrases[key].append(Entry("agent", None, row["sector"], row["phrase"], "role", source="agents"))
        known: set[str] = set()
        for row in data.tsv(STAGE, "offices.tsv"):
            o = Office(row["name"], row["country"] or None, row["sector"] or None, row["office"],
                       _date(row["start"]), _date(row["end"]), "offices")
            self.offices_by_person[row["name"]].append(o)
            self.offices_by_title[(o.country, o.office)].append(o)
            if row["name"] not in known:
                self._add_surname(row["name"])
            known.add(row["name"])
            for n in [row["name"]] + row["aliases"].split("|"):
                self.add(n, Entry("person", name=row["name"], source="offices"))
        curated_keys = {k for k, v in self.phrases.items() if any(e.kind == "person" for e in v)}
        for row in data.tsv(STAGE, "people.tsv"):
            name = row["name"]
            if name in known:
                continue
            names = [name] + [a for a in row["aliases"].split("|") if a]
            keys = [key_of(n) for n in names]
            if any(k in curated_keys for k in keys):
                continue  # a curated person of the same spelling wins
            self._people_ranges[name] = row["ranges"]  # parsed when first looked up
            self._add_surname(name)
            entry = Entry("person", name=name, source="people")
            for k in dict.fromkeys(keys):
                if k:
                    self.phrases[k].append(entry)

    def _add_surname(self, name: str) -> None:
        words = name.split()
        if len(words) > 1:
            self.surnames[norm(words[-1])].append(name)

    def by_surname(self, word: str, day: dt.date | None, years: int = 4) -> str | None:
        """The one person of this surname in office on ``day`` or in the ``years`` before it
        ("Maduro" in 2019: Nicolas Maduro, not Ricardo Maduro of Honduras), or None."""
        if day is None:
            return None
        recent = day - dt.timedelta(days=years * 365)
        found = [n for n in self.surnames.get(norm(word), ())
                 if any((o.start is None or o.start <= day) and (o.end is None or o.end >= recent)
                        for o in self.offices_of(n))]
        return found[0] if len(found) == 1 else None

    def offices_of(self, person: str) -> list[Office]:
        """The offices of ``person`` (Phoenix date ranges are parsed on first use)."""
        raw = self._people_ranges.pop(person, None)
        if raw is not None:
            for part in raw.split(";"):
                country, sector, start, end = part.split(":")
                self.offices_by_person[person].append(
                    Office(person, country, sector, "office", _date(start), _date(end), "people"))
        return self.offices_by_person.get(person, [])

    # -- lookups -----------------------------------------------------------------------------

    def match(self, words: list[str], texts: list[str], i: int) -> tuple[int, list[Entry]] | None:
        """The longest phrase starting at ``words[i]``: (length, entries) or None."""
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            entries = self.phrases.get(tuple(words[i:i + n]))
            if not entries:
                continue
            text = " ".join(texts[i:i + n])
            ok = [e for e in entries if e.exact is None or e.exact.replace(" ", "") == text.replace(" ", "")]
            if ok:
                return n, ok
        return None

    def holder(self, country: str | None, office: str, day: dt.date | None) -> Office | None:
        """Who held ``office`` of ``country`` on ``day`` (the latest holder when no day)."""
        rows = self.offices_by_title.get((country, office), [])
        if not rows:
            return None
        if day is None:
            return max(rows, key=lambda o: o.start or dt.date.min)
        for o in rows:
            if o.holds(day):
                return o
        return None

    def person_entity(self, person: str, day: dt.date | None) -> Entity:
        """The entity a known person stands for on ``day``: the office held then, else the
        latest one held before, else the first one after."""
        rows = sorted(self.offices_of(person), key=lambda o: o.start or dt.date.min)
        chosen = None
        if rows:
            if day is None:
                chosen = rows[-1]
            else:
                now = [o for o in rows if o.holds(day)]
                past = [o for o in rows if o.start is not None and o.start <= day]
                if now:  # the highest office when several are held (head of state over minister)
                    chosen = min(now, key=lambda o: _RANK.get(o.office, 9))
                else:
                    chosen = past[-1] if past else rows[0]
        if chosen is None:
            return Entity(None, None, person, "person")
        return Entity(chosen.country, chosen.sector, person, "person")


_RANK = {"head_of_state": 0, "secretary_general": 0, "president": 0, "head_of_government": 1,
         "foreign_minister": 2, "defence_minister": 2}


def _asdict(entry: Entry) -> dict:
    return {f: getattr(entry, f) for f in Entry.__slots__}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    return Lexicon()


def doc_matches(doc) -> dict[int, Match]:
    """Leftmost-longest lexicon matches over ``doc``: token index -> the match covering it.

    Hyphen and whitespace tokens are skipped (and may sit inside a match)."""
    lex = lexicon()
    idx = [t.i for t in doc if keep(t.text)]
    words = [norm(doc[i].text) for i in idx]
    texts = [doc[i].text for i in idx]
    out: dict[int, Match] = {}
    j = 0
    while j < len(idx):
        found = lex.match(words, texts, j)
        if found is None:
            j += 1
            continue
        n, entries = found
        if n > 1 and _inside_longer_name(doc, idx[j], entries, out):
            j += 1  # "Ta'ang National Liberation Army" is not the ELN: try from the next word
            continue
        m = Match(idx[j], idx[j + n - 1] + 1, tuple(entries))
        for k in range(m.start, m.end):
            out[k] = m
        j += n
    return out


def _inside_longer_name(doc, start: int, entries, matched: dict) -> bool:
    """An organisation's name found at the end of a longer proper name whose first word the
    lexicon does not know ("Ta'ang National Liberation Army", not the "National Liberation Army"
    of Colombia): the name is another organisation's."""
    if not all(e.kind in ("organisation", "institution") for e in entries) or start == 0:
        return False
    before = doc[start - 1]
    return (before.pos_ == "PROPN" and before.dep_ == "compound" and before.i not in matched
            and before.head.i >= start and before.lower_ not in generic_name_words())


def generic_name_words() -> frozenset[str]:
    """Words of a state force's name that do not make it an organisation of its own (cached by
    :func:`flashpoint.data.words`)."""
    return data.words(STAGE, "generic_name_words.txt")
