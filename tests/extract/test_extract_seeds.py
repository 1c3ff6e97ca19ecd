"""The real seed articles (../shared/corpus/seeds): what the issue promises comes out of them."""

from __future__ import annotations

import pytest

from crosswire.extract import extract_articles
from crosswire.model import Article


@pytest.fixture(scope="module")
def extractions(seeds, nlp):
    articles = [Article(id=number, text=text, published_at=None) for number, text in seeds.items()]
    return {e.article_id: e for e in extract_articles(articles, nlp=nlp)}


@pytest.mark.parametrize(
    ("number", "given_names"),
    [("000", {"Steven"}), ("001", {"Steve"}), ("002", {"David", "Amos"}), ("004", set())],
)
def test_seeds_envoy_given_names_as_written(extractions, number, given_names):
    envoy = [p for p in extractions[number].people if p.family == "Witkoff"]
    assert envoy
    assert {p.given for p in envoy if p.given} == given_names


@pytest.mark.parametrize(
    ("number", "role"),
    [("000", "US envoy"), ("001", "US Special Envoy"), ("002", "U.S. Envoy for Ukraine"), ("004", "US envoy")],
)
def test_seeds_envoy_roles(extractions, number, role):
    assert role in {p.role for p in extractions[number].people if p.family == "Witkoff"}


@pytest.mark.parametrize(
    ("number", "name", "role"),
    [
        ("000", "Yuri Ushakov", "Putin’s aide"),
        ("000", "Vladimir Putin", "Russian President"),
        ("001", "Dmitry Peskov", "Kremlin spokesman"),
    ],
)
def test_seeds_other_roles(extractions, number, name, role):
    assert role in {p.role for p in extractions[number].people if p.text == name}


@pytest.mark.parametrize(
    ("number", "value", "unit", "currency", "rate", "approx"),
    [("000", 5000, "lives", None, "week", "about"), ("001", 21e9, None, "EUR", None, None)],
)
def test_seeds_figures(extractions, number, value, unit, currency, rate, approx):
    figures = [(f.value, f.unit, f.currency, f.rate, f.approx) for f in extractions[number].figures]
    assert (value, unit, currency, rate, approx) in figures


@pytest.mark.parametrize(
    ("number", "quote", "speaker"),
    [
        ("000", "constructive", "Yuri Ushakov"),
        ("001", "no breakthroughs", "Dmitry Peskov"),
        ("001", "get moving on a ceasefire", "Donald Trump"),
    ],
)
def test_seeds_quotes_with_speakers(extractions, number, quote, speaker):
    assert (quote, speaker) in {(q.text, q.speaker) for q in extractions[number].quotes}


def test_seeds_listicle_has_highest_filler_share(extractions):
    def share(extraction):
        return sum(not c.checkable for c in extraction.claims) / len(extraction.claims)

    shares = {number: share(e) for number, e in extractions.items()}
    assert max(shares, key=shares.get) == "004", shares


def test_seeds_offsets_point_into_text(extractions, seeds):
    for number, extraction in extractions.items():
        text = seeds[number]
        for item in (*extraction.sentences, *extraction.people, *extraction.figures, *extraction.quotes):
            assert text[item.start : item.end] == item.text


def test_no_extractor_fails_on_the_seeds_or_the_demo(nlp, seeds):
    """An extractor that raises is caught and noted (the article goes on): on the real seeds and the
    project's own demo corpus none may fail, or a bug would pass silently."""
    from tests.extract.conftest import DEMO

    from crosswire.extract import extract_articles
    from crosswire.ingest import Ingested, load_inputs
    from crosswire.model import Article
    from crosswire.settings import load_settings

    articles = [Article(id=f"seed{n}", text=text) for n, text in seeds.items()]
    articles += [r.article for r in load_inputs([str(DEMO)], settings=load_settings()) if isinstance(r, Ingested)]
    assert len(articles) > len(seeds)
    failed = [
        (x.article_id, note) for x in extract_articles(articles, nlp=nlp) for note in x.notes if " failed: " in note
    ]
    assert failed == []
