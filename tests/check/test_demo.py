"""The demo corpus answer key: every planted conflict found with its kind and sides, nothing else."""

from __future__ import annotations

import json

import pytest
from tests.check.realtext import answer_key_path, demo_articles, extract

from crosswire.check import check_story

pytestmark = pytest.mark.slow
KEY = answer_key_path()
PLANTED = json.loads(KEY.read_text("utf-8"))["conflicts"] if KEY else []


@pytest.fixture(scope="module")
def result(embedder):
    articles = demo_articles()
    return check_story("demo", articles, extract(articles), embedder=embedder)


def _matches(contradiction, planted) -> bool:
    if contradiction.kind != planted["kind"] or len(contradiction.sides) != len(planted["sides"]):
        return False
    found = sorted(frozenset(e.article_id for e in side.evidence) for side in contradiction.sides)
    wanted = [frozenset(side["articles"]) for side in planted["sides"]]
    # every planted side is covered by one found side, and the lone dissenting side is exact
    minority = min(wanted, key=len)
    return minority in found and all(any(w & f for f in found) for w in wanted)


@pytest.mark.parametrize("planted", PLANTED, ids=[f"{p['kind']}:{p['subject']}" for p in PLANTED])
def test_demo_planted_conflict_found(result, planted):
    hits = [c for c in result.contradictions if _matches(c, planted)]
    assert hits, [(c.kind, [s.value for s in c.sides]) for c in result.contradictions]
    assert hits[0].within_article == planted["within_article"]
    assert hits[0].syndicated == planted.get("syndicated", False)


def test_demo_flags_nothing_unplanted(result):
    extra = [c for c in result.contradictions if not any(_matches(c, p) for p in PLANTED)]
    assert extra == []
