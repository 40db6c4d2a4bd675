"""Event-type model directories: the model file and a metadata JSON beside it.

A model directory holds ``model.pkl`` (see :meth:`EventTypeClassifier.save`) and
``metadata.json``::

    {"kind": "event-types", "format": 2, "labels": ["ACCUSE", ...], "counts": {"ACCUSE": 12, ...},
     "n": 240, "training": [{"file": "my-pairs.jsonl", "sha256": "...", "n": 240}],
     "flashpoint_version": "0.1.0", "created": "2026-12-03T04:40:00+00:00", "settings": {...}}

The shipped model is the directory ``data/classifier/event_types/``; ``flashpoint train
event-types FILE --out DIR`` writes a user's. The model file is a pickle: load only
directories you wrote yourself (or the shipped one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .. import data
from .model import FORMAT, MODEL_FILE, EventTypeClassifier

META_FILE = "metadata.json"
KIND = "event-types"


class ModelError(ValueError):
    """A model directory that is missing or not a flashpoint event-type model."""


def shipped_dir() -> Path:
    return data.path("classifier", "event_types")


def file_record(path: Path, n: int) -> dict:
    """What the metadata says of one training file: its name, SHA-256 and number of pairs."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return {"file": Path(path).name, "sha256": digest, "n": n}


def write_model_dir(clf: EventTypeClassifier, out: Path, *, labels: Sequence[str],
                    training: Sequence[dict]) -> dict:
    """Save ``clf`` (trained on gold ``labels``) and its metadata into ``out``; returns the metadata."""
    from .. import __version__

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clf.save(out / MODEL_FILE)
    counts = Counter(labels)
    meta = {
        "kind": KIND,
        "format": FORMAT,
        "labels": sorted(counts),
        "classes": list(clf.classes),
        "counts": dict(sorted(counts.items())),
        "n": len(labels),
        "training": list(training),
        "flashpoint_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "settings": {"c": clf.c, "temperature": clf.temperature, "split_share": clf.split_share,
                     "encoder_weight": clf.encoder_weight},
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def read_metadata(path: Path) -> dict:
    """The metadata of model directory ``path``; :class:`ModelError` when it is not one."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: no such model directory")
    if not path.is_dir():
        raise ModelError(f"{path}: not a directory (give the folder written by `flashpoint train event-types`)")
    for name in (META_FILE, MODEL_FILE):
        if not (path / name).is_file():
            raise ModelError(f"{path}: not an event-type model directory ({name} is missing)")
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path / META_FILE}: unreadable metadata ({exc})") from None
    if not isinstance(meta, dict) or meta.get("kind") != KIND:
        raise ModelError(f"{path / META_FILE}: not the metadata of an event-type model")
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path}: model format {meta.get('format')!r}, this flashpoint reads format {FORMAT}: "
                         f"train it again with `flashpoint train event-types`")
    return meta


def read_model_dir(path: Path) -> EventTypeClassifier:
    """The classifier in model directory ``path``."""
    read_metadata(path)
    try:
        return EventTypeClassifier.load(Path(path) / MODEL_FILE)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad model file
        raise ModelError(f"{Path(path) / MODEL_FILE}: cannot load the model ({type(exc).__name__}: {exc})") from None
