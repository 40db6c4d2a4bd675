"""Packaged data, one folder per stage (see SOURCES.md for origin and licence)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def path(stage: str, name: str) -> Path:
    """The path of data file ``name`` of ``stage`` inside the installed package."""
    return Path(str(resources.files("flashpoint.data").joinpath(stage, name)))


@lru_cache(maxsize=None)
def words(stage: str, name: str) -> frozenset[str]:
    """A one-item-a-line word list; ``#`` starts a comment line."""
    return frozenset(lines(stage, name))


def lines(stage: str, name: str) -> list[str]:
    text = path(stage, name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def tsv(stage: str, name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line (comment lines start with ``#``)."""
    text = path(stage, name).read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def jsonl(stage: str, name: str) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in lines(stage, name)]


def load_json(stage: str, name: str) -> Any:
    return json.loads(path(stage, name).read_text(encoding="utf-8"))
