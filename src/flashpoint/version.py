"""The package version and the pipeline version derived from it.

An article stored by another pipeline version is re-analysed on the next ingest, so the pipeline
version must change whenever what the stages extract can change: it is the package version and
a short hash of every file the stages read (their data folders) and of the stages' code, e.g.
``0.1.0+3f2a9c1e07``. Nobody has to remember to bump it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"

PACKAGE = Path(__file__).resolve().parent

#: Data folders that no stage reads (evaluation, the web pages, the merge with its own
#: fingerprint, the optional event-type model given by --model).
NOT_STAGE_DATA = frozenset({"eval", "web", "escalation", "classifier"})

#: Code folders whose modules decide what an article's records are.
STAGE_CODE = ("stages", "detection")


def stage_files() -> list[Path]:
    """The files the pipeline version covers, in a stable order."""
    files = [p for folder in sorted((PACKAGE / "data").iterdir()) if folder.is_dir()
             and folder.name not in NOT_STAGE_DATA and not folder.name.startswith("__")
             for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [p for name in STAGE_CODE for p in (PACKAGE / name).rglob("*.py")]
    files.append(PACKAGE / "model.py")
    return sorted(files)


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``<package version>+<10 hex digits of the stages' files>``."""
    h = hashlib.sha256()
    for file in stage_files():
        h.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(file.read_bytes()).digest())
    return f"{__version__}+{h.hexdigest()[:10]}"
