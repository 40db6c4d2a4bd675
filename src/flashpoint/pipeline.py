"""The stage registry and the pipeline that runs named stages over articles.

A stage is a small class registered by name next to its code, in the way of spaCy's pipeline
components::

    @stage("repair", assigns=("article.text", "article.original_text"))
    class Repair:
        def __init__(self, *, rules: Sequence[str] | None = None) -> None: ...
        def __call__(self, article: Article) -> Article: ...

It declares what it requires and assigns, so that a pipeline can be checked when it is built;
its settings are keyword-only; it computes, writes onto the article and returns it. A stage may
also define ``pipe(articles)`` to work in batches (the ``nlp`` stage does, for speed).

An error in one article is caught, recorded on the :class:`Result` and the batch goes on.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Article
from .version import pipeline_version

#: The stages of the full pipeline, in order. A stage's name is its module in
#: ``flashpoint.stages``, its data folder in ``flashpoint/data`` and its key in reports.
DEFAULT_STAGES: tuple[str, ...] = (
    "repair",
    "nlp",
    "actors",
    "events",
    "time",
    "place",
    "participants",
    "quantities",
    "factuality",
    "detection",
    "framing",
    "scores",
)

#: What a reader gives every article before any stage runs.
READER_FIELDS = ("article.text", "article.published", "article.title", "article.outlet", "article.url")

#: The package version and a hash of the stages' data and code (see :mod:`flashpoint.version`):
#: stored articles of another version are re-analysed on the next ingest.
PIPELINE_VERSION = pipeline_version()


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., Any]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, StageInfo] = {}


def stage(name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()):
    """Register a stage class (or function) under ``name``."""

    def register(factory: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = StageInfo(name, factory, tuple(requires), tuple(assigns))
        factory.stage_name = name  # type: ignore[attr-defined]
        return factory

    return register


def get_stage(name: str) -> StageInfo:
    """The registered stage ``name``, importing ``flashpoint.stages.<name>`` on first use."""
    if name not in _REGISTRY:
        try:
            importlib.import_module(f"flashpoint.stages.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"flashpoint.stages.{name}":
                raise ValueError(f"unknown stage {name!r}") from None
            raise
    if name not in _REGISTRY:
        raise ValueError(f"module flashpoint.stages.{name} registers no stage {name!r}")
    return _REGISTRY[name]


class StageError(Exception):
    """An error raised by a stage on one article."""

    def __init__(self, stage: str, article_id: str, error: BaseException) -> None:
        self.stage, self.article_id, self.error = stage, article_id, error
        super().__init__(f"{article_id}: stage {stage!r} failed: {type(error).__name__}: {error}")


@dataclass
class Result:
    """The outcome of one article: the article, or the error that stopped it."""

    article: Article
    error: StageError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Pipeline:
    """An ordered list of named stages over articles.

    >>> pipe = Pipeline.default()
    >>> article = pipe(Article(id="x", text="Russia deployed troops.", published=date(2021, 11, 15)))
    """

    names: list[str]
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    stages: list[Any] = field(init=False)

    def __post_init__(self) -> None:
        infos = [get_stage(n) for n in self.names]
        assigned: set[str] = set(READER_FIELDS)
        for info in infos:
            missing = [r for r in info.requires if r not in assigned]
            if missing:
                raise ValueError(f"stage {info.name!r} requires {missing}, which no earlier stage assigns")
            assigned.update(info.assigns)
        self.stages = [info.factory(**self.settings.get(info.name, {})) for info in infos]

    @classmethod
    def default(cls, *, exclude: Sequence[str] = (), settings: dict[str, dict[str, Any]] | None = None,
                model: str | os.PathLike[str] | None = None) -> Pipeline:
        """The full pipeline; ``model``: an event-type model directory (``flashpoint train
        event-types``) whose classifier the events stage asks where its lexicon is unsure
        (a bad directory raises :class:`~flashpoint.classifier.modeldir.ModelError` here).
        Without it the events stage runs on its lexicon alone: asking the shipped classifier
        (``model=flashpoint.classifier.modeldir.shipped_dir()``) left the event figures as they
        were (F1 79.5 on the November 2021 set, 22.0 -> 22.2 on the tuned world half) and cost
        speed (bench ratio 1.04 -> 0.42) and memory (+300 MB), so it is not the default."""
        settings = {name: dict(value) for name, value in (settings or {}).items()}
        if model is not None:
            from .classifier.rerank import TypeClassifier

            settings.setdefault("events", {})["classifier"] = TypeClassifier(model).check()
        return cls([n for n in DEFAULT_STAGES if n not in exclude], settings)

    @property
    def version(self) -> str:
        return PIPELINE_VERSION

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article; a stage's error is raised as :class:`StageError`."""
        (result,) = self.pipe([article])
        if result.error:
            raise result.error
        return result.article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Result]:
        """Run the stages over a stream of articles, in batches, catching errors per article."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> list[Result]:
        results = [Result(a) for a in batch]
        for name, component in zip(self.names, self.stages):
            live = [r for r in results if r.ok]
            if not live:
                break
            batch_pipe = getattr(component, "pipe", None)
            if batch_pipe is not None:
                try:
                    outs = list(batch_pipe([r.article for r in live]))
                    for r, out in zip(live, outs):
                        r.article = out
                    continue
                except Exception:
                    pass  # fall back to one article at a time, to find the one that fails
            for r in live:
                try:
                    r.article = component(r.article)
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
                    r.error = StageError(name, r.article.id, exc)
        for r in results:
            r.article.spacy = None
            if r.ok:
                r.article.pipeline = list(self.names)
                r.article.pipeline_version = self.version
        return results
