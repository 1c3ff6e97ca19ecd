"""Runs the stages in order over the store: the one place where stages meet storage.

Each ``run_*`` function can be called on its own (the CLI's commands and the tests do), and each is
incremental: work already stored is not redone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crosswire import dedupe
from crosswire.fetch import Fetcher
from crosswire.ingest import load_inputs
from crosswire.model import Article, CheckResult, Extraction, Rejected, Story
from crosswire.settings import Settings
from crosswire.store import Store

if TYPE_CHECKING:
    from crosswire.embed import Embedder
    from crosswire.report import Brief

IngestStatus = Literal["stored", "exists", "copy", "rejected"]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input (or one record of a JSON(L) file, or one feed item)."""

    input: str
    status: IngestStatus
    article_id: str | None = None
    detail: str = ""  # the reason when rejected; the group when a near copy


def run_ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    settings: Settings,
    fields: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    allow_private: bool = False,
) -> Iterator[IngestOutcome]:
    """Ingest ``inputs`` into ``store``, de-duplicating against everything stored before.

    Re-running with the same inputs stores nothing new (status ``exists``). An identical text found
    at a new path or URL is not stored again; its origin is recorded (status ``copy``).
    """
    index = dedupe.DupIndex(threshold=settings.near_dup_threshold, num_perm=settings.minhash_perm)
    index.add_all(store.signatures())
    for result in load_inputs(inputs, settings=settings, fields=fields, fetcher=fetcher, allow_private=allow_private):
        if isinstance(result, Rejected):
            yield IngestOutcome(result.input, "rejected", detail=result.reason)
        else:
            yield _store_article(store, result.article, origin=result.origin, index=index, settings=settings)


def _store_article(
    store: Store, article: Article, *, origin: str, index: dedupe.DupIndex, settings: Settings
) -> IngestOutcome:
    if store.has_article(article.id):
        if store.add_origin(article.id, origin, article.source):
            return IngestOutcome(origin, "copy", article.id, detail=f"identical text already stored as {article.id}")
        return IngestOutcome(origin, "exists", article.id)
    signature = dedupe.signature(article.text, num_perm=settings.minhash_perm, shingle_words=settings.shingle_words)
    article = dedupe.assign_group(article, signature, index)
    store.add_article(article, origin=origin, signature=dedupe.to_bytes(signature))
    detail = f"near copy of {article.dup_group}" if article.dup_group else ""
    return IngestOutcome(origin, "stored", article.id, detail=detail)


# --------------------------------------------------------------------------- extract


def run_extract(
    store: Store,
    article_ids: Sequence[str] | None = None,
    *,
    processes: int = 1,
    batch_size: int = 16,
    on_done: Callable[[Extraction], None] | None = None,
) -> int:
    """Extract every article (of ``article_ids``, or all) not yet extracted by the current extractor.

    Returns:
        int: how many articles were extracted now (0 when everything was up to date).
    """
    from crosswire.extract import EXTRACTOR_VERSION, extract_articles, load_nlp

    versions = store.extraction_versions()
    todo = [a for a in store.articles(article_ids) if versions.get(a.id) != EXTRACTOR_VERSION]
    if not todo:
        return 0
    for extraction in extract_articles(todo, nlp=load_nlp(), processes=processes, batch_size=batch_size):
        store.save_extraction(extraction)
        if on_done is not None:
            on_done(extraction)
    return len(todo)


def pending_extractions(store: Store, article_ids: Sequence[str] | None = None) -> int:
    """How many of these articles the current extractor has not processed yet."""
    from crosswire.extract import EXTRACTOR_VERSION

    versions = store.extraction_versions()
    return sum(1 for a in store.articles(article_ids) if versions.get(a.id) != EXTRACTOR_VERSION)


# --------------------------------------------------------------------------- stories, check, brief


def story_of(articles: Sequence[Article]) -> Story:
    """The story made of exactly these articles (until story clustering assigns them)."""
    ids = tuple(sorted(a.id for a in articles))
    story_id = "s" + hashlib.sha256(" ".join(ids).encode()).hexdigest()[:10]
    dated = sorted(a.published_at for a in articles if a.published_at)
    titled = sorted((a.published_at or "~", a.id, a.title) for a in articles if a.title)
    headline = titled[0][2] if titled else (articles[0].text.split("\n", 1)[0][:120] if articles else "")
    return Story(
        id=story_id,
        headline=headline or "",
        article_ids=tuple(a.id for a in articles),
        first_published=dated[0] if dated else None,
        last_published=dated[-1] if dated else None,
    )


def run_check(
    store: Store,
    story: Story,
    *,
    embedder: Embedder | None = None,
    min_confidence: float | None = None,
    settings: Settings | None = None,
) -> CheckResult:
    """Cross-check one story's (already extracted) articles and store the result.

    When ``settings.judge_url`` is set, candidate contradictions also go to that chat endpoint.
    """
    from crosswire.check import DEFAULT_MIN_CONFIDENCE, check_story
    from crosswire.check.judge import ChatJudge
    from crosswire.embed import load_embedder

    judge = None
    if settings is not None and settings.judge_url:
        judge = ChatJudge(settings.judge_url, model=settings.judge_model, timeout=settings.judge_timeout)
    articles = store.articles(story.article_ids)
    extractions = store.extractions(story.article_ids)
    result = check_story(
        story.id,
        articles,
        extractions,
        embedder=embedder or load_embedder(),
        min_confidence=DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence,
        judge=judge,
    )
    store.save_check(result)
    return result


def build_story_brief(store: Store, story: Story, check: CheckResult, *, generated_at: str) -> Brief:
    """Assemble the brief of a checked story from what the store holds."""
    from crosswire.report import build_brief

    articles = store.articles(story.article_ids)
    return build_brief(story, articles, store.extractions(story.article_ids), check, generated_at=generated_at)
