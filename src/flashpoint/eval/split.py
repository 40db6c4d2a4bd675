"""The fixed split of ``shared/gold/world/`` into a half we read and tune on and a half we only
score (``data/eval/world_split.tsv``). A change that raises the tuned half and not the scored
half is overfitting."""

from __future__ import annotations

from pathlib import Path

from .. import data

HALVES = ("tuned", "scored")


def split() -> dict[str, str]:
    """Document stem -> half."""
    return {r["document"]: r["half"] for r in data.tsv("eval", "world_split.tsv")}


def half_of(path: Path | str) -> str | None:
    name = Path(path).name.removesuffix(".json").removesuffix(".gold")
    return split().get(name)


def world_half(folder: Path | str, half: str) -> list[Path]:
    """The gold files of ``folder`` in ``half`` (``tuned`` or ``scored``), sorted."""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}: use one of {', '.join(HALVES)}")
    return sorted(p for p in Path(folder).glob("*.gold.json") if half_of(p) == half)
