"""The FTS5 index: queries built from words only, incremental refresh, escaped snippets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from crosswire import dedupe
from crosswire.store import Store
from crosswire.web.search import MAX_QUERY_CHARS, BadQuery, SearchIndex, fts_query

from ..report.fixtures import make_inputs


@pytest.mark.parametrize(
    "text,query",
    [
        ("oil", '"oil"'),
        ("Oil  spill", '"Oil" "spill"'),
        ('oil" OR "x', '"oil" "OR" "x"'),
        ("harb*", '"harb"*'),
        ("NEAR(oil, 3)", '"NEAR" "oil" "3"'),
        ("Lindholt’s quay", '"Lindholt" "s" "quay"'),
    ],
)
def test_fts_query_quotes_every_word(text: str, query: str) -> None:
    assert fts_query(text) == query


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "x" * (MAX_QUERY_CHARS + 1)])
def test_fts_query_refuses_no_words_or_too_long(text: str) -> None:
    with pytest.raises(BadQuery):
        fts_query(text)


def test_search_finds_articles_stored_after_the_first_search(web_db: Path, web_settings) -> None:
    index = SearchIndex()
    with Store.open(web_db) as store:
        assert [h.article_id for h in index.search(store, "chowder")] == ["a4"]
        assert index.search(store, "lighthouse keeper") == []
        text = "The lighthouse keeper of Port Ellis saw the slick first. " * 3
        signature = dedupe.signature(text, num_perm=web_settings.minhash_perm, shingle_words=web_settings.shingle_words)
        store.add_article(
            replace(make_inputs()[1][0], id="a5", text=text, title="Keeper", ingested_at="2026-03-06T00:00:00+00:00"),
            signature=dedupe.to_bytes(signature),
        )
        assert [h.article_id for h in index.search(store, "lighthouse keeper")] == ["a5"]
        assert index.refresh(store) == 0


def test_titles_rank_above_text(web_db: Path) -> None:
    with Store.open(web_db) as store:
        hits = SearchIndex().search(store, "town")  # a4's title "A town and its harbour"; its text also says town
        assert hits[0].article_id == "a4"
        assert {h.article_id for h in SearchIndex().search(store, "tank*")} == {"a1", "a2", "a3"}  # tanker
