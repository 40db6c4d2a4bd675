"""flashpoint: sourced event data from news articles about international crises, offline.

    >>> import flashpoint
    >>> article = flashpoint.analyze("examples/wsws-2021-11-15-nato-escalation.txt")
    >>> [(e.type, e.actor[0].entity.code, e.evidence[:40]) for e in article.events][:3]
    >>> df = flashpoint.load_events("flashpoint.duckdb")
    >>> flashpoint.export("flashpoint.duckdb", "gdelt", out="20211115.export.CSV")
"""

from __future__ import annotations

from .api import analyze, analyze_file, analyze_text, export, load_events
from .model import Article, Event
from .pipeline import PIPELINE_VERSION, Pipeline
from .version import __version__
__all__ = ["analyze", "analyze_file", "analyze_text", "load_events", "export", "Article", "Event", "Pipeline", "PIPELINE_VERSION", "__version__"]
