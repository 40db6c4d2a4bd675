"""scores: CAMEO code, quad class, Goldstein and PLOVER scores of every event.

Reads ``article.events`` (type, mode, status, modality); writes ``Event.scores``
(:class:`~flashpoint.model.Scores`) from the tables in ``data/scores/`` (built from the PLOVER
manual, the CAMEO-to-PLOVER table and the CAMEO Goldstein scale by
``scripts/build_event_lexicon.py``):

- ``cameo``: the CAMEO code of the type and mode (``MOBILIZE``/``troops`` -> ``152``; a type
  without mode -> the CAMEO root most of its codes share, ``ACCUSE`` -> ``11``);
- ``quad_class``: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
  conflict (PLOVER manual);
- ``goldstein``: the Goldstein score of that CAMEO code;
- ``plover``: the PLOVER score of type and mode (else of the type);
- ``weight`` and ``weighted``: the escalation weight of the event's status and modality (the
  one table of them, ``data/factuality/weights.tsv``: an attributed event counts less than an
  asserted one; a denied, negated, hypothetical or habitual one not at all) and the PLOVER
  score times it.

"Russia deployed troops to Belarus" (MOBILIZE, troops, asserted, actual) gets CAMEO 152,
quad class 4, Goldstein -7.2, PLOVER -6.5, weight 1.0, weighted -6.5.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import data
from ..model import Article, Event, Scores
from ..pipeline import stage
from .factuality import escalation_weight

STAGE = "scores"


@dataclass(frozen=True)
class Tables:
    cameo: dict[tuple[str, str], str]
    goldstein: dict[str, float]
    plover: dict[tuple[str, str], float]
    quad: dict[str, int]


@lru_cache(maxsize=1)
def tables() -> Tables:
    cameo = {(r["type"], r["mode"] or ""): r["cameo"] for r in data.tsv(STAGE, "cameo_codes.tsv")}
    goldstein = {r["cameo"]: float(r["goldstein"]) for r in data.tsv(STAGE, "goldstein.tsv")}
    plover = {(r["type"], r["mode"] or ""): float(r["score"]) for r in data.tsv(STAGE, "plover_scores.tsv")}
    plover.update({(r["type"], r["mode"] or ""): float(r["score"]) for r in data.tsv(STAGE, "plover_score_fixes.tsv")})
    quad = {r["type"]: int(r["quad_class"]) for r in data.tsv(STAGE, "quad_classes.tsv")}
    return Tables(cameo, goldstein, plover, quad)


@lru_cache(maxsize=1)
def material_types() -> frozenset[str]:
    """Event types of material cooperation or conflict (quad classes 2 and 4): acts that happen
    somewhere and on a day of their own, unlike the statements about them."""
    return frozenset(t for t, q in tables().quad.items() if q in (2, 4))


@lru_cache(maxsize=1)
def verbal_types() -> frozenset[str]:
    """Event types of verbal cooperation or conflict (quad classes 1 and 3): what is said, asked,
    agreed or rejected."""
    return frozenset(t for t, q in tables().quad.items() if q in (1, 3))


def score(event: Event, t: Tables | None = None) -> Scores:
    """The scores of one event from its type, mode, status and modality."""
    t = t or tables()
    mode = (event.mode or "").lower()
    code = t.cameo.get((event.type, mode)) or t.cameo.get((event.type, ""))
    goldstein = None
    if code:
        for n in range(len(code), 1, -1):
            if code[:n] in t.goldstein:
                goldstein = t.goldstein[code[:n]]
                break
    plover = t.plover.get((event.type, mode), t.plover.get((event.type, "")))
    weight = escalation_weight(event.status or "asserted", event.modality or "actual")
    return Scores(cameo=code, quad_class=t.quad.get(event.type), goldstein=goldstein, plover=plover,
                  weight=round(weight, 3), weighted=None if plover is None else round(plover * weight, 3))


@stage("scores", requires=("article.events",), assigns=("event.scores",))
class ScoreEvents:
    """Fill ``Event.scores`` of every event (see the module docstring)."""

    def __init__(self) -> None:
        self.tables = tables()

    def __call__(self, article: Article) -> Article:
        for event in article.events:
            event.scores = score(event, self.tables)
        return article
