"""Two sentences that count their event's victims differently tell of two incidents (real extractor)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.check.conftest import HashEmbedder

from crosswire.check import check_story
from crosswire.extract import extract_articles, load_nlp
from crosswire.model import Article


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _dates(nlp: Language, a: str, b: str) -> list[str]:
    articles = [
        Article(id=f"a{n}", text=t, source=f"S{n}", published_at="2026-05-08T12:00:00Z") for n, t in enumerate((a, b))
    ]
    extractions = {x.article_id: x for x in extract_articles(articles, nlp=nlp)}
    result = check_story("s", articles, extractions, embedder=HashEmbedder(), min_confidence=0.0)
    return [c.kind for c in result.contradictions if c.kind == "date"]


def test_one_count_dated_two_ways_is_a_date_conflict(nlp: Language) -> None:
    found = _dates(
        nlp,
        "Four people were wounded in a shooting on Harbour Street on Thursday, police said.",
        "Four people were wounded in a shooting on Harbour Street on Monday, police said.",
    )
    assert found == ["date"]


def test_another_count_on_another_day_is_another_incident(nlp: Language) -> None:
    found = _dates(
        nlp,
        "Four people were wounded in a shooting on Harbour Street on Thursday, police said.",
        "Five people were wounded in a shooting on Harbour Street on Monday, police said.",
    )
    assert found == []
