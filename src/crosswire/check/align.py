"""Align claims from different articles into facts.

Each checkable claim is embedded once (syndicated copies share a cache entry) and joined to the
best existing fact among a small candidate set, or starts a new fact. Candidates come from
blocking, never from all pairs: identical text, an earlier claim worded the same but for a word
or two (``text.edited_copy``; a copy with a name changed joins its original's fact), random-
hyperplane LSH buckets over the facts' leading vectors (approximate nearest neighbours), and shared
entities, figures and dates (each key keeps only its most recent facts). While a story has few
facts (``EXACT_FACTS``) every fact is a candidate. Each claim meets at most ``EXACT_FACTS`` or
``MAX_CANDIDATES`` facts, so cost grows about linearly with the number of claims.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy

from crosswire.check.entities import EntityIndex
from crosswire.check.text import GENERIC_ARGUMENTS, LIGHT_VERBS, edited_copy, words
from crosswire.model import Claim, Evidence, Extraction

FACT_THRESHOLD = 0.72  # cosine (plus key bonus) needed to join a fact
OTHER_CLAIM_MARGIN = 0.1  # more cosine (and no key bonus) when main clauses make other claims (``other_claim``)
KEY_BONUS = 0.03  # added per shared entity / figure / date key, at most three times
LSH_BANDS = 20
LSH_BITS = 8
EXACT_FACTS = 512  # below this many facts every fact is a candidate (exact search)
KEY_FACTS = 48  # facts remembered per blocking key
MAX_CANDIDATES = 256


Event = tuple[str, frozenset[str]]
"""A main clause's claim: its predicate stem and the stems of its subjects and objects."""


def main_event(extraction: Extraction, sentence: int) -> Event | None:
    """The claim a sentence's main clause makes ('spark', {'talk', 'flurry'}), or None when it has no
    main clause with a content verb and named arguments (then only similarity can align it)."""
    for frame in extraction.frames:
        if frame.sentence != sentence or not frame.main or frame.reporting or frame.predicate in LIGHT_VERBS:
            continue
        arguments = frozenset(frame.subjects + frame.objects) - GENERIC_ARGUMENTS
        if arguments:
            return frame.predicate, arguments
    return None


def other_claim(a: Event | None, b: Event | None) -> bool:
    """Whether two main clauses make different claims: both have one, with different predicates.

    'The talks between Witkoff and Putin sparked speculation' and 'The outcome of the Witkoff-Putin
    discussions represents a pivot point' both mention the meeting, but each asserts something else;
    'The recent talks ... highlight the critical juncture' asserts a third thing about the same talks.
    """
    return a is not None and b is not None and a[0] != b[0]


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """One checkable claim sentence, placed in its article, with its blocking keys."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    keys: frozenset[str]
    score: float = 0.0
    event: Event | None = None  # the claim its main clause makes (``main_event``), when it has one

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.article_id, self.text, self.start, self.end)


@dataclass
class FactCluster:
    """Claims that report the same thing."""

    index: int
    members: list[int] = field(default_factory=list)  # indexes into the claim list
    keys: set[str] = field(default_factory=set)
    event: Event | None = None  # the leader's main-clause claim
    core: list[int] = field(default_factory=list)  # a joined fact: the members of its best-sourced part


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two claims of one fact, with their cosine similarity."""

    left: int
    right: int
    similarity: float
    fact: int


def _figure_keys(extraction: Extraction) -> dict[int, set[str]]:
    keys: dict[int, set[str]] = defaultdict(set)
    for figure in extraction.figures:
        if figure.unit:
            keys[figure.sentence].add("unit:" + " ".join(words(figure.unit))[-12:])
    for date in extraction.dates:
        if date.value:
            keys[date.sentence].add("date:" + date.value)
    return keys


def collect_claims(
    extractions: Mapping[str, Extraction], index: EntityIndex, *, article_order: Sequence[str]
) -> list[ClaimUnit]:
    """The checkable claims of every article, in article order.

    Sentences that name a person in full are used too, checkable or not: a renamed person is a
    finding even in a sentence of opinion. An extraction that marks no claims at all falls back
    to its sentences that name a person or hold a figure, date or quote.
    """
    units: list[ClaimUnit] = []
    for article_id in article_order:
        extraction = extractions.get(article_id)
        if extraction is None:
            continue
        figure_keys = _figure_keys(extraction)
        if extraction.claims:
            named = {p.sentence for p in extraction.people if p.given or p.role}
            spans = [(c.sentence, c.start, c.end, c.text, c.score) for c in extraction.claims if _usable(c, named)]
        else:
            busy = {p.sentence for p in extraction.people} | set(figure_keys)
            busy |= {q.sentence for q in extraction.quotes}
            spans = [(s.index, s.start, s.end, s.text, 0.5) for s in extraction.sentences if s.index in busy]
        for sentence, start, end, text, score in spans:
            keys = frozenset(index.by_sentence.get((article_id, sentence), set()) | figure_keys.get(sentence, set()))
            units.append(
                ClaimUnit(article_id, sentence, start, end, text, keys, score, main_event(extraction, sentence))
            )
    return units


def _usable(claim: Claim, named: set[int]) -> bool:
    """A checkable claim, or a sentence that names a person in full (who did what is checkable too)."""
    if claim.checkable:
        return True
    return claim.sentence in named and "named-entity" in claim.reasons and "heading" not in claim.reasons


class _Lsh:
    """Random-hyperplane LSH over unit vectors: similar vectors share a band code."""

    def __init__(self, dim: int) -> None:
        rng = numpy.random.default_rng(20250806)
        self.planes = rng.standard_normal((LSH_BANDS * LSH_BITS, dim)).astype(numpy.float32)
        self.weights = (1 << numpy.arange(LSH_BITS)).astype(numpy.int64)
        self.buckets: dict[tuple[int, int], list[int]] = defaultdict(list)

    def codes(self, vector: numpy.ndarray) -> list[tuple[int, int]]:
        bits = (self.planes @ vector > 0).reshape(LSH_BANDS, LSH_BITS).astype(numpy.int64)
        return list(enumerate((bits @ self.weights).tolist()))

    def add(self, codes: list[tuple[int, int]], fact: int) -> None:
        for code in codes:
            self.buckets[code].append(fact)

    def query(self, codes: list[tuple[int, int]]) -> set[int]:
        found: set[int] = set()
        for code in codes:
            found.update(self.buckets.get(code, ()))
        return found


def align_claims(
    units: Sequence[ClaimUnit], vectors: numpy.ndarray, *, threshold: float = FACT_THRESHOLD
) -> list[FactCluster]:
    """Greedy leader clustering of claims into facts over blocked candidates.

    Args:
        units: the claims, in article order.
        vectors: their embeddings, one L2-normalised row per claim.
        threshold: cosine (plus a small bonus per shared key) needed to join a fact.
    """
    facts: list[FactCluster] = []
    leaders: list[numpy.ndarray] = []
    by_text: dict[str, int] = {}
    by_key: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=KEY_FACTS))
    lsh = _Lsh(vectors.shape[1] if len(vectors) else 1)
    near = _Lsh(vectors.shape[1] if len(vectors) else 1)  # over every claim so far: near-duplicate wordings
    fact_of: list[int] = []
    for i, unit in enumerate(units):
        text_key = " ".join(words(unit.text))
        codes = lsh.codes(vectors[i])
        fact = by_text.get(text_key)
        if fact is None:
            fact = _near_duplicate(units, i, codes, near, fact_of)
        if fact is None:
            fact = _best_fact(unit, vectors[i], codes, facts, leaders, lsh, by_key, threshold)
        if fact is None:
            fact = len(facts)
            facts.append(FactCluster(fact, event=unit.event))
            leaders.append(vectors[i])
            lsh.add(codes, fact)
        facts[fact].members.append(i)
        facts[fact].keys |= unit.keys
        fact_of.append(fact)
        near.add(codes, i)
        by_text.setdefault(text_key, fact)
        for key in unit.keys:
            if not by_key[key] or by_key[key][-1] != fact:
                by_key[key].append(fact)
    return facts


def _near_duplicate(
    units: Sequence[ClaimUnit], i: int, codes: list[tuple[int, int]], near: _Lsh, fact_of: list[int]
) -> int | None:
    """The fact of an earlier claim worded the same but for a word or two (a copy with a name, number,
    date or place changed), if any. Such a copy joins its original's fact even when the change costs it
    the similarity to the fact's leader (a renamed person loses the entity keys it shared): the changed
    value is exactly what the checks must then compare. Candidates come from LSH over every claim."""
    for other in sorted(near.query(codes), reverse=True)[:MAX_CANDIDATES]:
        if edited_copy(units[i].text, units[other].text):
            return fact_of[other]
    return None


def _best_fact(
    unit: ClaimUnit,
    vector: numpy.ndarray,
    codes: list[tuple[int, int]],
    facts: list[FactCluster],
    leaders: list[numpy.ndarray],
    lsh: _Lsh,
    by_key: Mapping[str, deque[int]],
    threshold: float,
) -> int | None:
    candidates = set(range(len(facts))) if len(facts) <= EXACT_FACTS else lsh.query(codes)
    for key in unit.keys:
        candidates.update(by_key.get(key, ()))
    if not candidates:
        return None
    chosen = sorted(candidates)[-MAX_CANDIDATES:]
    sims = numpy.stack([leaders[f] for f in chosen]) @ vector
    best, best_score = None, threshold
    for fact, sim in zip(chosen, sims.tolist(), strict=True):
        bonus = KEY_BONUS * min(3, len(unit.keys & facts[fact].keys))
        if other_claim(unit.event, facts[fact].event):
            bonus = -OTHER_CLAIM_MARGIN  # it mentions the fact's people while asserting something else
        if sim + bonus >= best_score:
            best, best_score = fact, sim + bonus
    return best


def fact_pairs(
    facts: Sequence[FactCluster], units: Sequence[ClaimUnit], vectors: numpy.ndarray, *, per_text: int = 12
) -> list[ClaimPair]:
    """Pairs of claims inside each fact with different wording, each wording paired with its nearest.

    Identical wordings (syndicated copies) are compared once; each wording meets at most
    ``per_text`` others, so a fact repeated by a thousand articles stays cheap.
    """
    pairs: list[ClaimPair] = []
    for fact in facts:
        by_text: dict[str, int] = {}
        for member in fact.members:
            by_text.setdefault(" ".join(words(units[member].text)), member)
        distinct = list(by_text.values())
        if len(distinct) < 2:
            continue
        sims = vectors[distinct] @ vectors[distinct].T
        seen: set[tuple[int, int]] = set()
        for a in range(len(distinct)):
            order = numpy.argsort(-sims[a])[: per_text + 1]
            for b in order.tolist():
                pair = (min(a, b), max(a, b))
                if a == b or pair in seen:
                    continue
                seen.add(pair)
                pairs.append(ClaimPair(distinct[pair[0]], distinct[pair[1]], float(sims[a, b]), fact.index))
    return pairs


def fact_id(units: Sequence[ClaimUnit], fact: FactCluster) -> str:
    """A stable id for a fact: a hash of its members' positions."""
    spans = sorted(f"{units[m].article_id}:{units[m].start}" for m in fact.members)
    return "fact:" + hashlib.sha1("|".join(spans).encode("utf-8")).hexdigest()[:12]
