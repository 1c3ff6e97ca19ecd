"""The online clusterer: each new article joins the story it scores best against, or opens a new one.

See the package docstring for the score. ``StoryState`` holds what scoring needs (story summaries,
document frequencies, the lead-vector index) and can read it lazily from a ``StoryBacking`` (the
store), so placing a new article touches only the stories near it, not the whole corpus.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from crosswire.stories.features import term_id
from crosswire.stories.index import LeadIndex
from crosswire.stories.items import StoryItem, StoryParams
from crosswire.stories.score import story_scores
from crosswire.stories.sparse import Sparse, idf, tfidf
from crosswire.stories.summary import StorySummary


@dataclass(frozen=True, slots=True)
class Member:
    """One clustered article as the store keeps it: arrival position, story, and what it was scored with."""

    article_id: str
    position: int
    story_id: str
    entities: tuple[str, ...]
    day: float | None


class StoryBacking(Protocol):
    """Where a restored state reads what it has not loaded yet (``pipeline.StoreBacking`` reads the store)."""

    def stories_at(self, positions: Sequence[int]) -> Mapping[int, str]:
        """Story id of the articles at these arrival positions."""
        ...

    def stories_of(self, article_ids: Sequence[str]) -> Mapping[str, str]:
        """Story id of these (already clustered) articles."""
        ...

    def summaries(self, story_ids: Sequence[str]) -> Mapping[str, StorySummary]: ...

    def frequencies(self, terms: Sequence[int]) -> Mapping[int, int]:
        """How many clustered articles contain each term."""
        ...


def story_id_for(article_id: str) -> str:
    """The id of a story opened by ``article_id``: stable for the story's whole life."""
    return "s" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:10]


@dataclass
class StoryState:
    """The running assignment. ``add`` extends it in place and records what changed (``changed``,
    ``merged``, ``added``, ``new_frequencies``) so a caller can save just that."""

    params: StoryParams = field(default_factory=StoryParams)
    backing: StoryBacking | None = None
    count: int = 0  # articles clustered so far (the next arrival position)
    index: LeadIndex | None = None
    summaries: dict[str, StorySummary] = field(default_factory=dict)
    story_at: dict[int, str] = field(default_factory=dict)  # position -> story id (as placed; see resolve)
    frequency: dict[int, int] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # story merged away -> story it went into
    changed: set[str] = field(default_factory=set)
    added: list[Member] = field(default_factory=list)
    new_frequencies: Counter[int] = field(default_factory=Counter)
    _article_story: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.index is None:
            self.index = LeadIndex(window_days=self.params.window_days, reach_days=self.params.reach_days)

    # ---------------------------------------------------------------- lookups (lazy through the backing)

    def resolve(self, story_id: str) -> str:
        """The story ``story_id`` now belongs to, after any merges."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def _stories_at(self, positions: Sequence[int]) -> dict[int, str]:
        missing = [p for p in positions if p not in self.story_at]
        if missing and self.backing is not None:
            self.story_at.update(self.backing.stories_at(missing))
        return {p: self.resolve(self.story_at[p]) for p in positions if p in self.story_at}

    def _summaries(self, story_ids: Iterable[str]) -> dict[str, StorySummary]:
        wanted = list(dict.fromkeys(story_ids))
        missing = [s for s in wanted if s not in self.summaries]
        if missing and self.backing is not None:
            self.summaries.update(self.backing.summaries(missing))
        return {s: self.summaries[s] for s in wanted if s in self.summaries}

    def _frequencies(self, terms: Iterable[int]) -> dict[int, int]:
        wanted = set(terms)
        missing = [t for t in wanted if t not in self.frequency]
        if missing and self.backing is not None:
            found = self.backing.frequencies(missing)
            self.frequency.update({t: found.get(t, 0) for t in missing})
        return {t: self.frequency.get(t, 0) for t in wanted}

    def _story_of_article(self, article_id: str) -> str | None:
        if article_id not in self._article_story and self.backing is not None:
            self._article_story.update(self.backing.stories_of([article_id]))
        found = self._article_story.get(article_id)
        return self.resolve(found) if found else None

    # ---------------------------------------------------------------- scoring

    def score(self, item: StoryItem, terms: Sparse, names: Sparse, details: Sparse, summary: StorySummary) -> float:
        """The documented score of a new article (with its ``vectors_of``) against one story's summary."""
        return float(story_scores(item, terms, names, details, [summary], params=self.params)[0])

    def vectors_of(self, item: StoryItem) -> tuple[Sparse, Sparse, Sparse]:
        """The item's tf-idf vectors of words and of name words, and the idf of its lead's details,
        with frequencies as of now."""
        name_counts = {_name_id(w): 1 for w in item.names}
        detail_ids = [term_id(w) for w in item.details]
        frequency = self._frequencies(list(item.terms) + list(name_counts) + detail_ids)
        p = self.params
        cap, background = p.article_terms, p.background_articles
        return (
            tfidf(item.terms, frequency, self.count, cap=cap, background=background),
            tfidf(name_counts, frequency, self.count, cap=cap, background=background),
            idf(detail_ids, frequency, self.count, background=background),
        )

    def story_scores(self, item: StoryItem, terms: Sparse, names: Sparse, details: Sparse) -> dict[str, float]:
        """Score of every story among the item's nearest earlier articles."""
        assert self.index is not None
        labels = self.index.query(item.vector, item.day, k=self.params.neighbours)
        roots = self._stories_at(labels)
        summaries = self._summaries(roots[label] for label in labels if label in roots)
        values = story_scores(item, terms, names, details, list(summaries.values()), params=self.params)
        return dict(zip(summaries, values.tolist(), strict=True))

    # ---------------------------------------------------------------- assignment

    def add(self, item: StoryItem) -> str:
        """Place one article; returns its story id. An article already placed keeps its story."""
        known = self._story_of_article(item.article_id)
        if known is not None:
            return known
        terms, names, details = self.vectors_of(item)
        scores = self.story_scores(item, terms, names, details)
        target = self._choose(item, scores)
        linked = [s for s, v in scores.items() if v >= self.params.merge_threshold and s != target] if target else []
        position = self.count
        if target is None:
            target = story_id_for(item.article_id)
            self.summaries[target] = StorySummary.start(target, position)
        self.summaries[target].absorb(item, terms, names, details, cap=self.params.story_terms)
        self._record(item, position, target)
        for other in sorted(linked, key=lambda s: self.summaries[s].first):
            if not self.summaries[target].names_other_days(self.summaries[other]):
                target = self._merge(target, other)
        return target

    def _choose(self, item: StoryItem, scores: Mapping[str, float]) -> str | None:
        if item.dup_group is not None:
            original = self._story_of_article(item.dup_group)
            if original is not None and self._summaries([original]):
                return original
        if not scores:
            return None
        best, value = max(scores.items(), key=lambda pair: (pair[1], -self.summaries[pair[0]].first))
        return best if value >= self.params.join_threshold else None

    def _record(self, item: StoryItem, position: int, story_id: str) -> None:
        assert self.index is not None
        self.index.add(item.vector, position, item.day)
        self.story_at[position] = story_id
        self._article_story[item.article_id] = story_id
        self.changed.add(story_id)
        self.added.append(Member(item.article_id, position, story_id, tuple(sorted(item.names)), item.day))
        unique = set(item.terms) | {_name_id(w) for w in item.names}
        for term in unique:
            self.frequency[term] = self.frequency.get(term, 0) + 1
        self.new_frequencies.update(unique)
        self.count += 1

    def _merge(self, one: str, other: str) -> str:
        """Merge two stories into the older one; returns the one kept."""
        keep, gone = sorted((one, other), key=lambda s: self.summaries[s].first)
        self.summaries[keep].combine(self.summaries.pop(gone), cap=self.params.story_terms)
        self.merged[gone] = keep
        self.changed.discard(gone)
        self.changed.add(keep)
        return keep

    def stories(self) -> dict[str, list[str]]:
        """Story id -> article ids in arrival order (of the articles this state placed), oldest story first."""
        found: dict[str, list[str]] = {}
        for member in self.added:
            found.setdefault(self.resolve(member.story_id), []).append(member.article_id)
        return dict(sorted(found.items(), key=lambda pair: self.summaries[pair[0]].first))

    def members(self) -> list[Member]:
        """The articles this state placed, with their current story."""
        return [Member(m.article_id, m.position, self.resolve(m.story_id), m.entities, m.day) for m in self.added]


def _name_id(word: str) -> int:
    """Name words get their own ids (kept apart from the same word as a body term by a prefix)."""
    return term_id("\x00" + word)


def assign_stories(
    items: Sequence[StoryItem], *, state: StoryState | None = None, params: StoryParams | None = None
) -> StoryState:
    """Cluster ``items`` in the given order on top of ``state`` (extended in place and returned).

    Args:
        items: new articles, normally in ``stream_order``; ones already clustered are skipped.
        state: the previous assignment (restored from the store), or None to start afresh.
        params: the score's knobs, used when starting afresh.
    """
    state = state if state is not None else StoryState(params=params or StoryParams())
    for item in items:
        state.add(item)
    return state
