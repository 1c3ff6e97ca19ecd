"""End to end on the five real seed articles (skipped when they or the extractor are absent)."""

from __future__ import annotations

import pytest
from tests.check.realtext import extract, seed_articles

from crosswire.check import check_story

pytestmark = [pytest.mark.seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def result(embedder):
    articles = seed_articles()
    return check_story("seeds", articles, extract(articles), embedder=embedder)


def test_seeds_envoy_name_conflict_found(result):
    names = [c for c in result.contradictions if c.kind == "person-name" and "Witkoff" in c.subject]
    assert len(names) == 1
    values = {side.value for side in names[0].sides}
    assert {"David Witkoff", "Amos Witkoff"} <= values
    assert names[0].within_article  # David and Amos in the same article
    majority = names[0].sides[0]
    assert majority.value in {"Steven Witkoff", "Steve Witkoff"}
    assert {e.article_id[:3] for e in majority.evidence} == {"000", "001"}  # Steven and Steve together


def test_seeds_steve_and_steven_not_flagged(result):
    for contradiction in result.contradictions:
        values = {side.value for side in contradiction.sides}
        assert not {"Steven Witkoff", "Steve Witkoff"} <= values


def test_seeds_witkoff_putin_meeting_confirmed(result):
    meetings = [
        fact
        for fact in result.facts
        if fact.status == "confirmed"
        and fact.independent_sources >= 3
        and sum("Witkoff" in e.sentence and "Putin" in e.sentence for e in fact.evidence) >= 3
    ]
    assert meetings, [(f.status, f.independent_sources, f.text[:80]) for f in result.facts[:5]]


def test_seeds_ceasefire_status_conflict_found(result):
    """004 takes the ceasefire to be in force ('violating the ceasefire'), 001 has Trump urging Russia
    to 'get moving on a ceasefire' and 003 hopes to 'facilitate a ceasefire': none yet."""
    found = [c for c in result.contradictions if c.kind == "negation" and "ceasefire" in c.subject]
    assert len(found) == 1, [(c.kind, c.subject) for c in result.contradictions]
    sides = {side.value: {e.article_id[:3] for e in side.evidence} for side in found[0].sides}
    assert sides["in force"] == {"004"}
    assert "001" in sides["not yet"]
    assert any("get moving on a ceasefire" in e.sentence for side in found[0].sides for e in side.evidence)


def test_seeds_flag_nothing_else_with_high_severity(result):
    assert sorted(c.kind for c in result.contradictions if c.severity == "high") == ["negation", "person-name"]
