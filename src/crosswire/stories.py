"""Story clustering: sort a stream of articles into stories, online and incrementally.

Each article is one ``StoryItem``: a lead vector (title plus the first sentences, see ``lead_text``),
its named-entity keys (``entity_keys`` of its extraction; empty when it has none yet) and its
publication day. An item is compared only with its ``neighbours`` nearest earlier articles, found
with an HNSW index (hnswlib), so the cost per article does not grow with the corpus. The score of
a new article ``a`` against an earlier article ``b`` is::

    score(a, b) = cos(a, b)
                + entity_weight * (overlap(a, b) - entity_prior)     # only when both have entities
                - time_weight * gap(a, b)                             # only when both have a sound date

* ``cos``: cosine of the two lead vectors (MiniLM, L2-normalised), in [-1, 1].
* ``overlap``: the entities both share, weighted by inverse document frequency over the articles
  seen so far, divided by the smaller article's total weight; in [0, 1]. A shared rare name counts
  far more than a shared country.
* ``gap``: 0 while the dates are within ``time_grace_days``, rising linearly to 1 at
  ``time_span_days`` apart. Missing and doubtful dates (after ingest, before 1900) leave it out:
  such an article is clustered on content alone, and its story says so in ``Story.notes``.

A story's score is its best member's (single link). The new article joins the best story when
that reaches ``join_threshold``; otherwise it opens a new story, whose id comes from its first
article's id and never changes. Every other story that also reaches ``merge_threshold`` is linked
by this bridging article and is merged into the oldest of them. A copy from a syndication group
(``dup_group``) always joins its original's story. The same input order gives the same stories.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy

from crosswire.model import Article, Extraction, Story

DIM = 384
VECTOR_MODEL = "all-MiniLM-L6-v2-int8/lead3"  # embedder and lead_text recipe; change it to re-embed
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]{2,}")
_STOPWORDS = _word_set(
    "the and but for with from this that these those his her their its our your they she him them what when "
    "where who why how there here then after before while about into over under said says mr mrs ms dr "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december"
)
_COMMON = _word_set(
    "police officers authorities officials residents people according despite during some many more most "
    "one two three several all not also"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+|\n+")


@dataclass(frozen=True, slots=True)
class StoryParams:
    """The knobs of the story score (see the module docstring). Defaults were set on the demo corpus
    and the ECB+/GVA dev splits and left round on purpose."""

    join_threshold: float = 0.6
    merge_threshold: float = 0.7
    entity_weight: float = 0.3
    entity_prior: float = 0.3
    time_weight: float = 0.3
    time_grace_days: float = 3.0
    time_span_days: float = 30.0
    neighbours: int = 20
    centroid_mix: float = 0.5


@dataclass(frozen=True, slots=True, eq=False)
class StoryItem:
    """What clustering needs of one article."""

    article_id: str
    vector: numpy.ndarray  # (384,) float32, L2-normalised
    entities: frozenset[str] = frozenset()
    day: float | None = None  # days since 1970-01-01 UTC; None when missing or doubtful
    dup_group: str | None = None  # the syndication group's first article, when a copy


@dataclass(frozen=True, slots=True)
class Member:
    """One clustered article as the store keeps it: arrival position, story, and what it was scored with."""

    article_id: str
    position: int
    story_id: str
    entities: tuple[str, ...]
    day: float | None


def story_id_for(article_id: str) -> str:
    """The id of a story opened by ``article_id``: stable for the story's whole life."""
    return "s" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:10]


# --------------------------------------------------------------------------- article features


def lead_text(article: Article, *, sentences: int = 3, max_chars: int = 1200) -> str:
    """The text embedded for clustering: the title and the first ``sentences`` sentences."""
    body = article.text.strip()
    title = (article.title or "").strip()
    if title and body.startswith(title):
        title = ""
    parts = [p.strip() for p in _SENTENCE_END.split(body[: max_chars * 2]) if p and p.strip()]
    lead = " ".join(parts[:sentences])
    return (f"{title}. {lead}" if title else lead)[:max_chars]


def entity_keys(article: Article, extraction: Extraction | None = None, *, max_chars: int = 3000) -> frozenset[str]:
    """Name words of an article, lower-cased: its capitalised words (a sentence's first word only when
    it is not a common one), plus the words of its extracted named entities when it has an extraction.

    Words, not phrases, so that 'MV Corran Star' and 'the Corran Star' share keys; the score weights
    each key by its rarity, so 'Veltmar' counts and 'Police' hardly does.
    """
    text = f"{article.title or ''}\n{article.text[:max_chars]}"
    keys = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0).lower()
        before = text[max(0, match.start() - 4) : match.start()].rstrip(" \t")
        sentence_start = not before or before[-1] in "\n.!?\"'“‘:"
        if word not in _STOPWORDS and not (sentence_start and word in _COMMON):
            keys.add(word)
    if extraction is not None:
        for mention in extraction.mentions:
            if mention.label in ENTITY_LABELS:
                keys.update(w.lower() for w in _CAPITALISED.findall(mention.text) if w.lower() not in _STOPWORDS)
    return frozenset(keys)


def publication_day(article: Article) -> tuple[float | None, str | None]:
    """The publication time in days since 1970, or None with the reason it is not used."""
    if not article.published_at:
        return None, "no date"
    when = _parse_time(article.published_at)
    if when is None:
        return None, f"unreadable date {article.published_at!r}"
    seen = _parse_time(article.ingested_at) if article.ingested_at else None
    if seen is not None and when > seen + timedelta(days=1):
        return None, f"date {article.published_at[:10]} is after it was ingested"
    if when < EARLIEST:
        return None, f"date {article.published_at[:10]} is before 1900"
    return when.timestamp() / 86400.0, None


def _parse_time(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def story_item(article: Article, vector: numpy.ndarray, extraction: Extraction | None) -> StoryItem:
    """The clustering view of one article."""
    day, _ = publication_day(article)
    group = article.dup_group if article.dup_group and article.dup_group != article.id else None
    return StoryItem(article.id, vector, entity_keys(article, extraction), day, group)


def stream_order(articles: Iterable[Article]) -> list[Article]:
    """Publication order, articles without a usable date last, ties by id."""
    keyed = [(publication_day(article)[0], article.id, article) for article in articles]
    keyed.sort(key=lambda row: (row[0] is None, row[0] or 0.0, row[1]))
    return [row[2] for row in keyed]


# --------------------------------------------------------------------------- the clusterer


@dataclass
class StoryState:
    """The running assignment: every clustered article, its story, and the ANN index over their vectors.

    ``assign`` extends it in place; ``members()`` is what the store keeps, and ``restore`` rebuilds
    the state from that (plus the saved index, when it still matches).
    """

    params: StoryParams = field(default_factory=StoryParams)
    article_ids: list[str] = field(default_factory=list)
    entities: list[frozenset[str]] = field(default_factory=list)
    days: list[float | None] = field(default_factory=list)
    root: list[int] = field(default_factory=list)  # position -> position of its story's first article
    groups: dict[int, list[int]] = field(default_factory=dict)  # story root -> member positions
    frequency: Counter[str] = field(default_factory=Counter)
    position: dict[str, int] = field(default_factory=dict)
    sums: dict[int, numpy.ndarray] = field(default_factory=dict)  # story root -> sum of member vectors
    index: object = None

    def __post_init__(self) -> None:
        if self.index is None:
            self.index = _new_index(1024)

    # ---------------------------------------------------------------- scoring

    def score(self, item: StoryItem, other: int, cosine: float) -> float:
        """The documented score of ``item`` against the article at position ``other``."""
        p = self.params
        value = cosine
        theirs = self.entities[other]
        if item.entities and theirs:
            value += p.entity_weight * (self._overlap(item.entities, theirs) - p.entity_prior)
        day = self.days[other]
        if item.day is not None and day is not None:
            span = max(p.time_span_days - p.time_grace_days, 1e-9)
            value -= p.time_weight * min(1.0, max(0.0, abs(item.day - day) - p.time_grace_days) / span)
        return value

    def _sum(self, root: int) -> numpy.ndarray:
        """The sum of a story's member vectors (read back from the index after a restore)."""
        if root not in self.sums:
            stored = numpy.asarray(self.index.get_items(self.groups[root]), dtype=numpy.float64)  # type: ignore[attr-defined]
            self.sums[root] = stored.sum(axis=0)
        return self.sums[root]

    def _overlap(self, mine: frozenset[str], theirs: frozenset[str]) -> float:
        weights = self._weights
        total = len(self.article_ids) + 1

        def weight(keys: Iterable[str]) -> float:
            value = 0.0
            for key in keys:
                if key not in weights:
                    weights[key] = math.log((1 + total) / (1 + self.frequency[key]))
                value += weights[key]
            return value

        smaller = min(weight(mine), weight(theirs))
        return weight(mine & theirs) / smaller if smaller > 0 else 0.0

    def story_scores(self, item: StoryItem) -> dict[int, float]:
        """Best score per story among the item's nearest earlier articles."""
        count = len(self.article_ids)
        if not count:
            return {}
        self._weights: dict[str, float] = {}  # inverse document frequencies, valid while scoring this item
        k = min(self.params.neighbours, count)
        labels, distances = self.index.knn_query(item.vector.reshape(1, -1), k=k)  # type: ignore[attr-defined]
        best: dict[int, tuple[float, float]] = {}  # root -> (score, cosine of that link)
        for label, distance in zip(labels[0].tolist(), distances[0].tolist(), strict=True):
            root = self.root[label]
            value = self.score(item, label, 1.0 - distance)
            if value > best.get(root, (-math.inf, 0.0))[0]:
                best[root] = (value, 1.0 - distance)
        mix = self.params.centroid_mix
        scores = {}
        for root, (value, cosine) in best.items():
            total = self._sum(root)
            centroid = float(item.vector @ total) / max(float(numpy.linalg.norm(total)), 1e-9)
            scores[root] = value - mix * (cosine - centroid)
        return scores

    # ---------------------------------------------------------------- assignment

    def add(self, item: StoryItem) -> str:
        """Place one article; returns its story id. An article already placed keeps its story."""
        if item.article_id in self.position:
            return self.story_id(self.position[item.article_id])
        scores = self.story_scores(item)
        target = self._choose(item, scores)
        linked = sorted(
            root for root, value in scores.items() if value >= self.params.merge_threshold and root != target
        )
        position = len(self.article_ids)
        self._append(item, position if target is None else target)
        if target is not None:
            for root in linked:
                self._merge(min(target, root), max(target, root))
                target = min(target, root)
        return self.story_id(position)

    def _choose(self, item: StoryItem, scores: Mapping[int, float]) -> int | None:
        if item.dup_group is not None and item.dup_group in self.position:
            return self.root[self.position[item.dup_group]]
        if not scores:
            return None
        root, value = max(scores.items(), key=lambda pair: (pair[1], -pair[0]))
        return root if value >= self.params.join_threshold else None

    def _append(self, item: StoryItem, root: int) -> None:
        position = len(self.article_ids)
        vector = item.vector.astype(numpy.float64)
        self.sums[root] = vector if root == position else self._sum(root) + vector
        self.article_ids.append(item.article_id)
        self.entities.append(item.entities)
        self.days.append(item.day)
        self.root.append(root)
        self.groups.setdefault(root, []).append(position)
        self.position[item.article_id] = position
        self.frequency.update(item.entities)
        _add_vectors(self.index, item.vector.reshape(1, -1), [position])

    def _merge(self, keep: int, gone: int) -> None:
        if keep == gone or gone not in self.groups:
            return
        self.sums[keep] = self._sum(keep) + self._sum(gone)
        del self.sums[gone]
        for position in self.groups.pop(gone):
            self.root[position] = keep
            self.groups[keep].append(position)
        self.groups[keep].sort()

    def story_id(self, position: int) -> str:
        return story_id_for(self.article_ids[self.root[position]])

    def members(self) -> list[Member]:
        """Every clustered article in arrival order, as the store keeps them."""
        return [
            Member(aid, pos, self.story_id(pos), tuple(sorted(self.entities[pos])), self.days[pos])
            for pos, aid in enumerate(self.article_ids)
        ]

    def stories(self) -> dict[str, list[str]]:
        """Story id -> its article ids in arrival order, oldest story first."""
        return {
            story_id_for(self.article_ids[root]): [self.article_ids[p] for p in positions]
            for root, positions in sorted(self.groups.items())
        }


def _new_index(capacity: int) -> object:
    import hnswlib

    index = hnswlib.Index(space="ip", dim=DIM)
    index.init_index(max_elements=capacity, ef_construction=64, M=16, random_seed=7)
    index.set_ef(64)
    index.set_num_threads(1)  # one thread keeps insertion, hence the graph, deterministic
    return index


def _add_vectors(index: object, vectors: numpy.ndarray, labels: Sequence[int]) -> None:
    needed = index.get_current_count() + len(labels)  # type: ignore[attr-defined]
    capacity = index.get_max_elements()  # type: ignore[attr-defined]
    if needed > capacity:
        index.resize_index(max(needed, capacity * 2))  # type: ignore[attr-defined]
    index.add_items(vectors.astype(numpy.float32), list(labels))  # type: ignore[attr-defined]


def assign_stories(
    items: Sequence[StoryItem], *, state: StoryState | None = None, params: StoryParams | None = None
) -> StoryState:
    """Cluster ``items`` in the given order on top of ``state`` (extended in place and returned).

    Args:
        items: new articles, normally in ``stream_order``; ones already clustered are skipped.
        state: the previous assignment (``restore`` it from the store), or None to start afresh.
        params: the score's knobs, used when starting afresh.
    """
    state = state if state is not None else StoryState(params=params or StoryParams())
    for item in items:
        state.add(item)
    return state


# --------------------------------------------------------------------------- persistence helpers


def restore(
    members: Sequence[Member],
    vectors: Callable[[Sequence[str]], Mapping[str, numpy.ndarray]],
    *,
    index_blob: bytes | None = None,
    params: StoryParams | None = None,
) -> StoryState:
    """Rebuild the state saved as ``members``, reusing ``index_blob`` when it still matches them.

    Args:
        members: the saved assignment (any order; arrival order is their ``position``).
        vectors: looks up lead vectors by article id; called only when the index must be rebuilt.
        index_blob: the saved index (``dump_index``), or None.
        params: the score's knobs.
    """
    state = StoryState(params=params or StoryParams())
    first: dict[str, int] = {}
    for member in sorted(members, key=lambda m: m.position):
        position = len(state.article_ids)
        root = first.setdefault(member.story_id, position)
        state.article_ids.append(member.article_id)
        state.entities.append(frozenset(member.entities))
        state.days.append(member.day)
        state.root.append(root)
        state.groups.setdefault(root, []).append(position)
        state.position[member.article_id] = position
        state.frequency.update(member.entities)
    loaded = _load_index(index_blob, len(state.article_ids)) if index_blob else None
    if loaded is not None:
        state.index = loaded
    elif state.article_ids:
        found = vectors(state.article_ids)
        matrix = numpy.stack([found[a] for a in state.article_ids])
        state.index = _new_index(max(1024, len(state.article_ids) * 2))
        _add_vectors(state.index, matrix, range(len(state.article_ids)))  # type: ignore[arg-type]
    return state


def dump_index(state: StoryState) -> bytes:
    """The HNSW index as bytes (hnswlib's own file format, not pickle)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "index.bin")
        state.index.save_index(path)  # type: ignore[attr-defined]
        with open(path, "rb") as handle:
            return handle.read()


def _load_index(blob: bytes, count: int) -> object | None:
    import hnswlib

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "index.bin")
        with open(path, "wb") as handle:
            handle.write(blob)
        index = hnswlib.Index(space="ip", dim=DIM)
        try:
            index.load_index(path, max_elements=max(1024, count * 2))
        except RuntimeError:
            return None
    if index.get_current_count() != count:
        return None
    index.set_ef(64)
    index.set_num_threads(1)
    return index


# --------------------------------------------------------------------------- stories


def build_stories(assignment: Mapping[str, Sequence[str]], articles: Mapping[str, Article]) -> list[Story]:
    """``Story`` objects for an assignment (story id -> article ids), with dates, headline and notes."""
    stories = []
    for story_id, ids in assignment.items():
        members = [articles[a] for a in ids if a in articles]
        stories.append(_story(story_id, members))
    return stories


def _story(story_id: str, members: Sequence[Article]) -> Story:
    dated: list[tuple[float, str]] = []
    notes: list[str] = []
    undated = 0
    for article in members:
        day, reason = publication_day(article)
        if day is not None and article.published_at:
            dated.append((day, article.published_at))
        elif reason == "no date":
            undated += 1
        else:
            notes.append(f"article {article.id[:8]}: {reason}; clustered on content alone")
    if undated:
        notes.insert(0, f"{undated} of {len(members)} articles have no date; clustered on content alone")
    dated.sort()
    titled = sorted((a.published_at or "~", i, a.title) for i, a in enumerate(members) if a.title)
    headline = titled[0][2] if titled else (members[0].text.strip().split("\n", 1)[0][:120] if members else "")
    return Story(
        id=story_id,
        headline=headline or "",
        article_ids=tuple(a.id for a in members),
        first_published=dated[0][1] if dated else None,
        last_published=dated[-1][1] if dated else None,
        notes=tuple(notes),
    )
