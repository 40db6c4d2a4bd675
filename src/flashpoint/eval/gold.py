"""Gold files in the event-model format (``shared/spec/event-model.md``) and the text folding
that matching uses."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Case-folded, with every character that is not a letter or digit dropped."""
    return _NOT_ALNUM.sub("", text.casefold())


@dataclass
class GoldDoc:
    id: str
    text: str
    published: str | None
    events: list[dict[str, Any]]
    timexes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None


def load_gold(path: Path | str) -> GoldDoc:
    path = Path(path)
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable gold file: {exc}") from None
    for key in ("text", "events"):
        if key not in d:
            raise ValueError(f"{path}: gold file has no {key!r}")
    return GoldDoc(
        id=d.get("id") or path.stem.removesuffix(".gold"),
        text=d["text"],
        published=d.get("published"),
        events=d["events"],
        timexes=d.get("timexes", []),
        quantities=d.get("quantities", []),
        title=d.get("title"),
        outlet=d.get("outlet"),
        url=d.get("url"),
        path=str(path),
    )


def entities_match(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> bool:
    """One predicted entity has a gold entity's country (or, both countries null, its sector).
    An empty gold list accepts anything."""
    if not gold:
        return True
    for p in predicted:
        for g in gold:
            if p.get("country") and p.get("country") == g.get("country"):
                return True
            if not p.get("country") and not g.get("country") and p.get("sector") and p.get("sector") == g.get("sector"):
                return True
    return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))
