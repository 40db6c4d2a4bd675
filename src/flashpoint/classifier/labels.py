"""The one table that maps event-type label sets onto PLOVER 2.0 (``data/classifier/labels.tsv``).

flashpoint predicts PLOVER 2.0 categories. Older data uses CAMEO/PLOVER 0.5 labels: ``YIELD``
(split by PLOVER 2.0 into verbal ``CONCEDE`` and material ``RETREAT``) and ``DEMAND``,
``DISAPPROVE``, ``INVESTIGATE``, ``FIGHT`` (merged into ``REQUEST``, ``ACCUSE``, ``ACCUSE``,
``ASSAULT``). The table says which is which; nothing else in the code hard-codes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .. import data


class LabelMap:
    """Conversions between a label (any scheme) and PLOVER 2.0 labels.

    >>> m = load_label_map()
    >>> m.to_plover("YIELD")
    ('CONCEDE', 'RETREAT')
    >>> m.to_scheme("RETREAT", {"YIELD", "ASSAULT"})
    'YIELD'
    """

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self._to: dict[str, list[str]] = defaultdict(list)
        self._from: dict[str, list[str]] = defaultdict(list)
        for label, plover in rows:
            if plover not in self._to[label]:
                self._to[label].append(plover)
            if label not in self._from[plover]:
                self._from[plover].append(label)

    @property
    def plover_labels(self) -> tuple[str, ...]:
        """The PLOVER 2.0 categories (labels that map only to themselves)."""
        return tuple(lab for lab, targets in self._to.items() if targets == [lab])

    def to_plover(self, label: str) -> tuple[str, ...]:
        """The PLOVER 2.0 label(s) a label stands for (one, or several where 2.0 split it)."""
        if label not in self._to:
            raise KeyError(f"unknown event-type label {label!r} (not in data/classifier/labels.tsv)")
        return tuple(self._to[label])

    def is_split(self, label: str) -> bool:
        """True for a label that PLOVER 2.0 splits into several (YIELD)."""
        return len(self.to_plover(label)) > 1

    def coarse(self, label: str) -> str:
        """The label to train on: a 2.0 label that is one part of a split label (CONCEDE,
        RETREAT) becomes that split label (YIELD); merged labels become their 2.0 label
        (DEMAND -> REQUEST)."""
        plover = self.to_plover(label)
        if len(plover) > 1:
            return label
        target = plover[0]
        for other in self._from[target]:
            if other != target and self.is_split(other):
                return other
        return target

    def to_scheme(self, plover: str, labels: Iterable[str]) -> str:
        """Express a predicted PLOVER 2.0 label in the label set ``labels`` of some data:
        kept when that set has it, else the set's label that stands for it (RETREAT -> YIELD)."""
        labels = set(labels)
        if plover in labels:
            return plover
        for label in self._from.get(plover, ()):
            if label in labels:
                return label
        return plover


@lru_cache(maxsize=1)
def load_label_map() -> LabelMap:
    return LabelMap((row["label"], row["plover"]) for row in data.tsv("classifier", "labels.tsv"))
