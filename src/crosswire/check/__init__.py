"""The cross-check engine: entities across sources, claims aligned into facts, typed contradictions.

Example::

    result = check_story("story-1", articles, extractions, embedder=load_embedder())
    [c.kind for c in result.contradictions]   # ['person-name', 'number', ...]
    [f.status for f in result.facts]          # ['confirmed', 'single-source', 'disputed', ...]

Stages, each its own module: ``entities`` (resolve people/orgs/places), ``align`` (claims -> facts,
blocked so cost grows about linearly), the checks registered in ``context.CHECKS`` (``contradict``
for people's names and quotes, ``roles`` for titles, ``slots`` for numbers, dates, places and
negation between aligned sentences, ``frames`` for dates, places and negation between clause-level
events, paired once per wording by ``events``; place names in ``places``; ``status`` for a measure in
force in one report and not yet agreed in another; ``causes`` for an event's cause given in one report
and said to be unknown in another), the optional ``judge``, and last ``corroborate``
(facts worded apart that state one specific value, reported as one fact).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

import numpy

from crosswire.check import causes, contradict, frames, measures, roles, slots, status  # noqa: F401  (registers the built-in checks)
from crosswire.check.align import (
    ClaimUnit,
    FactCluster,
    align_claims,
    collect_claims,
    fact_id,
    fact_pairs,
)
from crosswire.check.calibration import Calibration, packaged
from crosswire.check.context import (
    CHECKS,
    Check,
    CheckContext,
    merge_overlapping,
    register_check,
    text_key,
    unique,
)
from crosswire.check.corroborate import corroborating_links
from crosswire.check.entities import resolve_entities
from crosswire.embed import DIM, Embedder
from crosswire.model import Article, CheckResult, Contradiction, Extraction, Fact, FactStatus
from crosswire.passages import SharedPassages, shared_passages

__all__ = ["CHECKS", "Check", "CheckContext", "DEFAULT_MIN_CONFIDENCE", "check_story", "register_check"]

DEFAULT_MIN_CONFIDENCE = 0.75
"""Findings below this confidence are dropped. The checks score a clear case 0.8-0.95 and a
doubtful one (two police ranks, a different reference year) 0.5-0.6, so the default keeps only
clear cases; lower it to see the doubtful ones too."""


class Reviewer(Protocol):
    """A second opinion on candidate contradictions (see ``judge.ChatJudge``)."""

    def review(self, contradictions: Sequence[Contradiction]) -> list[Contradiction]: ...


def check_story(
    story_id: str,
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    *,
    embedder: Embedder,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    checks: Sequence[Check] | None = None,
    judge: Reviewer | None = None,
    calibration: Calibration | None = None,
) -> CheckResult:
    """Cross-check the articles of one story.

    Args:
        story_id: the story's id, copied into the result.
        articles: the story's articles (their ``independent_key`` decides corroboration).
        extractions: extraction per article id; articles without one are skipped.
        embedder: sentence embedder used to align claims.
        min_confidence: findings below this confidence are not reported.
        checks: the contradiction checks to run (default: every registered check).
        judge: optional second opinion that may reject or explain candidates.
        calibration: the checks' thresholds and confidences (``Settings.check``; default: the packaged ones).

    Returns:
        CheckResult: resolved entities, facts with their status, and contradictions.
    """
    by_id = {article.id: article for article in articles}
    present = {aid: extractions[aid] for aid in by_id if aid in extractions}
    index = resolve_entities(present)
    units = collect_claims(present, index, article_order=list(by_id))
    vectors = embedder.embed([unit.text for unit in units]) if units else numpy.zeros((0, DIM), numpy.float32)
    facts = align_claims(units, vectors)
    fact_ids = [fact_id(units, fact) for fact in facts]
    pairs = fact_pairs(facts, units, vectors)
    context = CheckContext(by_id, present, index, units, facts, fact_ids, pairs, calibration=calibration or packaged())
    found = merge_overlapping(
        unique(item for check in (checks if checks is not None else CHECKS) for item in check(context))
    )
    kept = [item for item in found if item.confidence >= min_confidence]
    if judge is not None and kept:
        kept = judge.review(kept)
    kept.sort(key=lambda item: (item.severity != "high", -item.confidence, item.kind, item.subject))
    disputed = {item.fact_id for item in kept if item.fact_id}
    reported, ids = _reported_facts(context, vectors)
    kept = [replace(item, fact_id=ids.get(item.fact_id, item.fact_id)) if item.fact_id else item for item in kept]
    disputed = {ids.get(fid, fid) for fid in disputed} | _facts_holding_conflicts(context, reported, kept)
    return CheckResult(
        story_id=story_id,
        article_ids=tuple(by_id),
        entities=tuple(index.entities),
        facts=tuple(_facts(context, reported, disputed, vectors, kept)),
        contradictions=tuple(kept),
    )


def _reported_facts(
    context: CheckContext, vectors: numpy.ndarray
) -> tuple[list[tuple[FactCluster, str]], dict[str, str]]:
    """The facts as reported: the aligned facts, those that state one specific value joined
    (``corroborate``), each with its id; and the id each aligned fact is reported under."""
    groups = corroborating_links(context.units, context.facts, vectors, context.extractions, context.articles)
    reported: list[tuple[FactCluster, str]] = []
    ids: dict[str, str] = {}
    for group in groups:
        if len(group) == 1:
            reported.append((context.facts[group[0]], context.fact_ids[group[0]]))
            continue
        first = context.facts[group[0]]
        members = sorted(m for n in group for m in context.facts[n].members)
        core = max(group, key=lambda n: (_sources(context, context.facts[n]), -n))
        joined = FactCluster(
            first.index,
            members,
            set().union(*(context.facts[n].keys for n in group)),
            first.event,
            core=sorted(context.facts[core].members),
        )
        fid = fact_id(context.units, joined)
        reported.append((joined, fid))
        ids.update({context.fact_ids[n]: fid for n in group})
    return reported, ids


def _sources(context: CheckContext, fact: FactCluster) -> int:
    """How many independent sources state an aligned fact (a shared wire passage counts once)."""
    return _passages(context).independent_sources(
        (context.units[m].article_id, context.units[m].start) for m in fact.members
    )


def _passages(context: CheckContext) -> SharedPassages:
    return context.memoised("passages", lambda: shared_passages(context.articles, context.extractions))


def _facts_holding_conflicts(
    context: CheckContext, facts: Sequence[tuple[FactCluster, str]], contradictions: Sequence[Contradiction]
) -> set[str]:
    """Facts whose own sentences take two sides of one conflict: '41 dead' and '40 dead' aligned into one
    fact are never a confirmed fact (a running tally neither: its value is still moving). Number
    conflicts for an aligned fact; any conflict for facts joined by a shared value (``_reported_facts``),
    whose sentences the checks did not compare as one fact."""
    held: set[str] = set()
    where = {
        (context.units[m].article_id, context.units[m].start): n
        for n, (fact, _) in enumerate(facts)
        for m in fact.members
    }
    aligned = set(context.fact_ids)
    joined = {fid for _, fid in facts if fid not in aligned}
    for item in contradictions:
        sides_of: dict[int, set[int]] = defaultdict(set)
        for n, side in enumerate(item.sides):
            for e in side.evidence:
                fact = where.get((e.article_id, e.start))
                if fact is not None:
                    sides_of[fact].add(n)
        held |= {
            facts[fact][1]
            for fact, sides in sides_of.items()
            if len(sides) >= 2 and (item.kind == "number" or facts[fact][1] in joined)
        }
    return held


def _disputed_sentences(contradictions: Sequence[Contradiction]) -> set[tuple[str, int]]:
    """Sentences that hold a disputed value: every side of a contradiction but its most-cited one."""
    held: set[tuple[str, int]] = set()
    for item in contradictions:
        ranked = sorted(item.sides, key=lambda side: -len({e.article_id for e in side.evidence}))
        for side in ranked[1:]:
            held.update((e.article_id, e.start) for e in side.evidence)
    return held


def _canonical(
    context: CheckContext, fact: FactCluster, vectors: numpy.ndarray, disputed: set[tuple[str, int]]
) -> ClaimUnit:
    """The clearest well-supported wording of a fact.

    Never a sentence that holds a disputed value (unless every member does); among the rest, the
    wording carried by most independent sources, then the most central one (highest mean cosine to
    the fact's other members: the sentence that says what they share), then the most checkable. A
    fact joined from facts worded apart (``corroborate``) is worded from its best-sourced part: 'six
    workers are missing', which three sources state, not 'authorities resumed the search for six
    missing workers', which one wire story states, however many outlets carry that story.
    """
    units = context.units
    candidates = fact.core or fact.members
    members = [m for m in candidates if (units[m].article_id, units[m].start) not in disputed] or candidates
    first: dict[tuple[str, float], int] = {}  # copies of one wording score the same: the first stands for all
    for m in members:
        first.setdefault((units[m].text, units[m].score), m)
    members = list(first.values())
    wordings: dict[str, list[int]] = defaultdict(list)  # every member by wording: copies weigh in the mean
    for m in fact.members:
        wordings[units[m].text].append(m)
    weights = numpy.array([len(same) for same in wordings.values()], dtype=numpy.float32)
    shown = [same[0] for same in wordings.values()]
    centrality = (
        (vectors[members] @ vectors[shown].T) @ weights / len(fact.members)
        if len(vectors)
        else numpy.zeros(len(members))
    )

    def support(position: int) -> tuple[int, float, float, int]:
        member = members[position]
        same = context.copies.get(text_key(units[member].text), [member])
        return (
            len({context.group_of(units[i].article_id) for i in same}),
            round(float(centrality[position]), 2),
            units[member].score,
            -len(units[member].text),
        )

    return units[members[max(range(len(members)), key=support)]]


def _facts(
    context: CheckContext,
    reported: Sequence[tuple[FactCluster, str]],
    disputed: set[str],
    vectors: numpy.ndarray,
    contradictions: Sequence[Contradiction],
) -> list[Fact]:
    total = max(1, len({article.independent_key for article in context.articles.values()}))
    facts: list[Fact] = []
    held = _disputed_sentences(contradictions)
    passages = _passages(context)  # a wire passage counts once
    for fact, fid in reported:
        sources = passages.independent_sources(
            (context.units[m].article_id, context.units[m].start) for m in fact.members
        )
        verdict: FactStatus = "disputed" if fid in disputed else "confirmed" if sources >= 2 else "single-source"
        entity_ids = sorted(
            {
                key
                for m in fact.members
                for key in context.units[m].keys
                if ":" in key and not key.startswith(("unit:", "date:"))
            }
        )
        facts.append(
            Fact(
                id=fid,
                text=_canonical(context, fact, vectors, held).text,
                status=verdict,
                independent_sources=sources,
                evidence=tuple(context.units[m].evidence for m in fact.members),
                entity_ids=tuple(entity_ids),
                salience=round(sources / total, 3),
            )
        )
    facts.sort(key=lambda f: (-f.independent_sources, f.status != "disputed", f.id))
    return facts
