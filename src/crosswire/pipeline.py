"""Runs the stages in order over the store: the one place where stages meet storage.

Each ``run_*`` function can be called on its own (the CLI's commands and the tests do), and each is
incremental: work already stored is not redone.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from crosswire import dedupe, embed
from crosswire import stories as clustering
from crosswire.check import DEFAULT_MIN_CONFIDENCE, check_story
from crosswire.check.align import collect_claims
from crosswire.check.entities import EntityIndex
from crosswire.check.judge import ChatJudge
from crosswire.embed import Embedder, VectorTable, text_key
from crosswire.fetch import Fetcher
from crosswire.ingest import load_inputs
from crosswire.model import Article, CheckResult, Extraction, Rejected, Story
from crosswire.report import Brief, PreviousBrief, build_brief, render_json
from crosswire.report.json import article_json, story_json
from crosswire.settings import Settings
from crosswire.store import Store, StoryChange
from crosswire.stories import StoryParams, StorySummary

IngestStatus = Literal["stored", "exists", "copy", "rejected"]


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input (or one record of a JSON(L) file, or one feed item)."""

    input: str
    status: IngestStatus
    article_id: str | None = None
    detail: str = ""  # the reason when rejected; the group when a near copy
    notes: tuple[str, ...] = ()  # what was dropped from a stored article (a date that could not be trusted)


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

    Safe with other writers: each article is matched and stored under the store's write lock, against
    every signature stored so far, by this run or by another one running at the same time.
    """
    index = _IngestIndex(
        dedupe.DupIndex(
            threshold=settings.near_dup_threshold,
            num_perm=settings.minhash_perm,
            shingle_words=settings.shingle_words,
            text_of=lambda article_id: next((a.text for a in store.articles([article_id])), None),
            heads_of=store.group_heads,
        )
    )
    for result in load_inputs(inputs, settings=settings, fields=fields, fetcher=fetcher, allow_private=allow_private):
        if isinstance(result, Rejected):
            yield IngestOutcome(result.input, "rejected", detail=result.reason)
        else:
            outcome = _store_article(store, result.article, origin=result.origin, index=index, settings=settings)
            yield replace(outcome, notes=result.notes) if result.notes else outcome


@dataclass
class _IngestIndex:
    """The near-copy index of one ingest run and how far into the store's articles it has read."""

    index: dedupe.DupIndex
    last_row: int = 0

    def catch_up(self, store: Store) -> dedupe.DupIndex:
        """Add the signatures stored since the last call (by anyone); call under the write lock."""
        self.index.add_all(store.signatures(after=self.last_row))
        self.last_row = store.last_article_row()
        return self.index


def _store_article(
    store: Store, article: Article, *, origin: str, index: _IngestIndex, settings: Settings
) -> IngestOutcome:
    signature = dedupe.signature(article.text, num_perm=settings.minhash_perm, shingle_words=settings.shingle_words)
    with store.write_lock():
        if store.has_article(article.id):
            if store.add_origin(article.id, origin, article.source):
                detail = f"identical text already stored as {article.id}"
                return IngestOutcome(origin, "copy", article.id, detail=detail)
            return IngestOutcome(origin, "exists", article.id)
        groups = index.catch_up(store)
        article = dedupe.assign_group(article, signature, groups)
        if not store.add_article(article, origin=origin, signature=dedupe.to_bytes(signature)):
            return IngestOutcome(origin, "exists", article.id)  # stored by another writer (not under the lock)
        if groups.moved_heads:  # this article is the original of copies stored before it
            store.move_groups(groups.moved_heads)
            groups.moved.clear()
            groups.moved_heads.clear()
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
    max_chars: int | None = None,
) -> int:
    """Extract every article (of ``article_ids``, or all) not yet extracted by the current extractor.

    ``max_chars`` (setting ``max_extract_chars``) cuts longer texts, with a note.

    Returns:
        int: how many articles were extracted now (0 when everything was up to date).
    """
    from crosswire.extract import MAX_CHARS, extract_articles  # start-up cost: importing spaCy takes ~2.5 s

    todo = store.articles(_outdated(store, article_ids))
    if not todo:
        return 0
    limit = MAX_CHARS if max_chars is None else max_chars
    for extraction in extract_articles(
        todo, nlp=shared_nlp(), processes=processes, batch_size=batch_size, max_chars=limit
    ):
        store.save_extraction(extraction)
        if on_done is not None:
            on_done(extraction)
    return len(todo)


@functools.cache
def shared_nlp() -> Any:
    """The extraction pipeline (``extract.load_nlp``), loaded once per process and then shared."""
    from crosswire.extract import load_nlp  # start-up cost: importing spaCy takes ~2.5 s

    return load_nlp()


def pending_extractions(store: Store, article_ids: Sequence[str] | None = None) -> int:
    """How many of these articles the current extractor has not processed yet."""
    return len(_outdated(store, article_ids))


def _outdated(store: Store, article_ids: Sequence[str] | None) -> list[str]:
    """Ids of these (or all) stored articles not extracted by the current extractor, without reading their texts."""
    from crosswire.extract import EXTRACTOR_VERSION  # start-up cost: importing spaCy takes ~2.5 s

    versions = store.extraction_versions()
    if article_ids is None:
        return [i for i in store.article_ids() if versions.get(i) != EXTRACTOR_VERSION]
    return [i for i in dict.fromkeys(article_ids) if versions.get(i) != EXTRACTOR_VERSION and store.has_article(i)]


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


def run_stories(store: Store, *, embedder: Embedder | None = None, params: StoryParams | None = None) -> list[Story]:
    """Cluster every stored article not yet in a story, on top of the saved assignment; store the stories.

    New articles are taken in publication order (undated last). Their lead vectors are cached in the
    store; articles without an extraction yet are clustered on their text, vector and date alone.
    Only what the new articles touch is read and written: the index buckets of their periods, the
    summaries of the stories near them, the frequencies of their words, and the stories they join.

    The run reads and writes under the store's write lock, in one transaction: a second ``stories``
    running at the same time waits, then finds the articles already placed; a crash leaves the
    state as it was before the run. State half-written by an older crosswire (members without their
    stories) is repaired first.

    Returns:
        list[Story]: every story.
    """
    pending = store.unclustered_ids()
    if pending:  # the slow part, outside the lock: the vectors are cached, so this is idempotent
        lead_vectors(store, store.articles(pending), embedder=embedder)
    with store.write_lock():
        repair_stories(store)
        new_ids = store.unclustered_ids()
        if new_ids:
            state = clustering.StoryState(
                params=params or clustering.StoryParams(), backing=StoreBacking(store), count=store.story_count()
            )
            assert state.index is not None
            state.index.loader, state.index.known = store.story_index_bucket, store.story_index_names()
            new = clustering.stream_order(store.articles(new_ids))
            vectors = lead_vectors(store, new, embedder=embedder)
            extractions = store.extractions(new_ids)
            clustering.assign_stories(
                [clustering.story_item(a, vectors[a.id], extractions.get(a.id)) for a in new], state=state
            )
            _save_story_state(store, state)
    return store.stories()


def repair_stories(store: Store) -> list[str]:
    """Rebuild the stories whose members are stored but whose story rows are missing or stale, and drop
    story rows no member points at (what a crash between two writes could leave).

    Returns:
        list[str]: the ids of the stories rebuilt or dropped.
    """
    missing, orphaned = store.half_written_stories()
    if not missing and not orphaned:
        return []
    assignment = store.story_member_ids(missing)
    articles = {a.id: a for a in store.articles([a for ids in assignment.values() for a in ids])}
    store.update_stories(clustering.build_stories(assignment, articles), removed=orphaned)
    return sorted([*missing, *orphaned])


class StoreBacking:
    """``stories.StoryBacking`` over the store: what a clustering run reads lazily."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def stories_at(self, positions: Sequence[int]) -> Mapping[int, str]:
        return self.store.story_ids_at(positions)

    def stories_of(self, article_ids: Sequence[str]) -> Mapping[str, str]:
        return self.store.story_ids_of(article_ids)

    def summaries(self, story_ids: Sequence[str]) -> Mapping[str, Any]:
        return {sid: StorySummary.from_bytes(sid, blob) for sid, blob in self.store.story_summaries(story_ids).items()}

    def frequencies(self, terms: Sequence[int]) -> Mapping[int, int]:
        return self.store.term_frequencies(terms)


def _save_story_state(store: Store, state: Any) -> None:
    """Write what a clustering run changed, then rebuild just the stories it touched."""
    merged = {gone: state.resolve(gone) for gone in state.merged}
    changed = sorted({state.resolve(s) for s in state.changed})
    store.save_story_state(
        StoryChange(
            members=[(m.article_id, m.position, m.story_id, m.entities, m.day) for m in state.added],
            merged=merged,
            summaries={sid: state.summaries[sid].to_bytes() for sid in changed},
            frequencies=dict(state.new_frequencies),
            buckets=state.index.dump(),
        )
    )
    assignment = store.story_member_ids(changed)
    articles = {a.id: a for a in store.articles([a for ids in assignment.values() for a in ids])}
    store.update_stories(clustering.build_stories(assignment, articles), removed=list(merged))


def lead_vectors(store: Store, articles: Sequence[Article], *, embedder: Embedder | None = None) -> dict[str, Any]:
    """Lead vectors of ``articles`` for story clustering: cached ones from the store, the rest embedded and saved."""
    cached = store.article_vectors([a.id for a in articles], model=clustering.VECTOR_MODEL)
    missing = [a for a in articles if a.id not in cached]
    if missing:
        if embedder is None:
            embedder = embed.load_embedder()
        matrix = embedder.embed([clustering.lead_text(a) for a in missing])
        fresh = {a.id: matrix[i] for i, a in enumerate(missing)}
        store.save_article_vectors(fresh, model=clustering.VECTOR_MODEL)
        cached |= fresh
    return cached


StoryData = tuple[list[Article], dict[str, Extraction]]
"""A story's articles and their extractions, as read from the store once (``load_story``)."""


def load_story(store: Store, story: Story) -> StoryData:
    """A story's articles and extractions, to pass to ``run_check`` and ``build_story_brief`` so the
    store is read (and the extractions decoded) once for both."""
    return store.articles(story.article_ids), store.extractions(story.article_ids)


def run_check(
    store: Store,
    story: Story,
    *,
    embedder: Embedder | None = None,
    min_confidence: float | None = None,
    settings: Settings | None = None,
    loaded: StoryData | None = None,
) -> CheckResult:
    """Cross-check one story's (already extracted) articles and store the result.

    The claim vectors stored by ``run_embed`` are re-read; only sentences without one are embedded
    (and the embedder loaded only then). When ``settings.judge_url`` is set, candidate
    contradictions also go to that chat endpoint.
    """
    judge = None
    if settings is not None and settings.judge_url:
        judge = ChatJudge(settings.judge_url, model=settings.judge_model, timeout=settings.judge_timeout)
    articles, extractions = loaded or load_story(store, story)
    result = check_story(
        story.id,
        articles,
        extractions,
        embedder=claim_vectors(store, story.article_ids, embedder=embedder),
        min_confidence=DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence,
        judge=judge,
        calibration=settings.check if settings is not None else None,
    )
    store.save_check(result)
    return result


def claim_vectors(store: Store, article_ids: Sequence[str], *, embedder: Embedder | None = None) -> Embedder:
    """The claim vectors a story's check aligns with: its articles' stored vectors (``stored_vectors``),
    or for a story of one article, none (``embed.WordingOnly``): with no second report there is
    nothing to align across, and its sentences are never embedded (``aligned_articles``)."""
    if not _aligned(article_ids):
        return embed.WordingOnly()
    return stored_vectors(store, article_ids, embedder=embedder)


def aligned_articles(stories: Sequence[Story]) -> list[str]:
    """The articles whose claim sentences are embedded: those of stories of two or more articles. A
    story of one article is checked without vectors (``claim_vectors``); when a second article joins
    it, both are embedded then."""
    return [aid for story in stories if _aligned(story.article_ids) for aid in story.article_ids]


def _aligned(article_ids: Sequence[str]) -> bool:
    """Whether a story's claims are aligned across reports by their vectors: it has two or more articles."""
    return len(set(article_ids)) > 1


def stored_vectors(store: Store, article_ids: Sequence[str], *, embedder: Embedder | None = None) -> VectorTable:
    """An embedder answering from these articles' stored claim vectors, falling back to ``embedder``
    (default: the process's shared one, loaded on first need) for any sentence not stored."""

    def fallback() -> Embedder:
        return embedder or embed.load_embedder()

    return VectorTable(store.claim_vectors(article_ids, model=_vector_version(embedder)), fallback)


def _vector_version(embedder: Embedder | None) -> str:
    return embed.version_of(embedder) if embedder is not None else embed.VERSION


def claim_texts(extraction: Extraction) -> list[str]:
    """The sentences of one article the cross-check aligns (``check.align.collect_claims``), once each."""
    no_entities = EntityIndex(people=[], entities=[], by_sentence={}, person_of={})
    units = collect_claims({extraction.article_id: extraction}, no_entities, article_order=[extraction.article_id])
    return list(dict.fromkeys(unit.text for unit in units))


def pending_embeddings(
    store: Store, article_ids: Sequence[str] | None = None, *, version: str | None = None
) -> list[str]:
    """Ids of the extracted articles (of ``article_ids``, or all) with no claim vectors by this embedder version."""
    done = store.claim_vector_ids(model=version or embed.VERSION)
    extracted = store.extraction_versions()
    wanted = extracted if article_ids is None else [i for i in article_ids if i in extracted]
    return sorted(i for i in wanted if i not in done)


def run_embed(
    store: Store,
    article_ids: Sequence[str] | None = None,
    *,
    embedder: Embedder | None = None,
    chunk: int = 500,
    on_done: Callable[[int], None] | None = None,
) -> int:
    """Embed the claim sentences of every extracted article without stored vectors, ``chunk`` articles
    per embedder call (large batches, sorted by length inside the embedder), and store them keyed by
    the embedder's version, so checks and re-checks only read them. A chunk's extractions are held in
    memory while it is embedded: 500 articles (about 7,000 sentences) keep that small, and calls that
    large cost within a few percent of one call for all.

    Returns:
        int: how many articles were embedded now.
    """
    version = _vector_version(embedder)
    todo = pending_embeddings(store, article_ids, version=version)
    if not todo:
        return 0
    embedder = embedder or embed.load_embedder()
    for start in range(0, len(todo), chunk):
        ids = todo[start : start + chunk]
        texts = {aid: claim_texts(extraction) for aid, extraction in store.extractions(ids).items()}
        matrix = embedder.embed([text for some in texts.values() for text in some])
        rows, at = {}, 0
        for aid, some in texts.items():
            rows[aid] = ([text_key(text) for text in some], matrix[at : at + len(some)])
            at += len(some)
        store.save_claim_vectors(rows, model=version)
        if on_done is not None:
            on_done(len(ids))
    return len(todo)


def build_story_brief(
    store: Store,
    story: Story,
    check: CheckResult,
    *,
    generated_at: str,
    history: bool = False,
    loaded: StoryData | None = None,
) -> Brief:
    """Assemble the brief of a checked story from what the store holds.

    With ``history``, the story's previous brief (if one was written) gives it a Developments
    section, and this brief is remembered as the previous one for next time.
    """
    articles, extractions = loaded or load_story(store, story)
    last = store.last_brief(story.id) if history else None
    previous = PreviousBrief(last[0], last[1]["story"], last[1]["articles"]) if last else None
    brief = build_brief(story, articles, extractions, check, generated_at=generated_at, previous=previous)
    if history:
        shown = story_json(brief)
        shown.pop("developments", None)
        current = {"story": shown, "articles": [article_json(a) for a in articles]}
        store.save_last_brief(story.id, generated_at, current)
    return brief


def story_brief_json(
    store: Store, story: Story, *, generated_at: str, known_at: str | None = None
) -> dict[str, Any] | None:
    """The brief of ``story`` as brief JSON, from all its articles or from those ingested by ``known_at``.

    The current brief's check is stored (as ``brief`` does); a brief as of ``known_at`` is not.

    Returns:
        The ``render_json`` dict, or None when no article of the story was known at ``known_at``.
    """
    articles = store.articles(story.article_ids)
    if known_at is not None:
        articles = [a for a in articles if (a.ingested_at or "") <= known_at]
    if not articles:
        return None
    ids = [a.id for a in articles]
    run_extract(store, ids)
    if _aligned(ids):
        run_embed(store, ids)
    if known_at is None:
        result = run_check(store, story)
    else:
        result = check_story(
            story.id,
            articles,
            store.extractions(ids),
            embedder=claim_vectors(store, ids),
            min_confidence=DEFAULT_MIN_CONFIDENCE,
        )
    scoped = Story(story.id, story.headline, tuple(ids), story.first_published, story.last_published, story.notes)
    brief = build_story_brief(store, scoped, result, generated_at=generated_at)
    return render_json([brief], articles)
