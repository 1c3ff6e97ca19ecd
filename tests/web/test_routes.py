"""Every page and API route over the hand-made harbour story: what it shows, and its 404s and 400s."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from starlette.testclient import TestClient

from crosswire.report import SCHEMA_PATH, build_brief, render_json

from ..report.fixtures import make_inputs


def test_stories_page_lists_the_story_with_its_counts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<a href="/stories/s1">Oil spill in Port Ellis harbour</a>' in page.text
    assert "2 confirmed" in page.text and "1 disputed" in page.text and "2 single-source" in page.text
    assert "1 story from 4 articles" in page.text


def test_story_page_shows_a_dispute_with_both_sides_evidence(client: TestClient) -> None:
    page = client.get("/stories/s1")
    assert page.status_code == 200
    dispute = page.text[page.text.index('id="c-name"') : page.text.index('id="c-day"')]
    assert "Dana Reyes" in dispute and "Dana Rees" in dispute
    assert "Harbourmaster Dana Reyes said: &#34;We have contained most of it.&#34;" in dispute
    assert "Harbourmaster Dana Rees said crews were working hard." in dispute
    start = make_inputs()[1][3].text.index("Harbourmaster Dana Rees")
    assert f'href="/articles/a4?mark={start}-' in dispute


def test_story_page_links_people_sources_and_takeaways(client: TestClient) -> None:
    text = client.get("/stories/s1").text
    assert '<a href="/people/p-reyes">Dana Reyes</a>' in text
    assert '<a href="/articles/a4">A town and its harbour</a>' in text
    assert "About 12,000 litres of oil leaked into Port Ellis harbour." in text
    quotes = text[text.index('id="quotes"') :]
    assert '<a href="/people/p-hale">Tom Hale</a>' in quotes and "“This is a disaster for the bay”" in quotes


def test_story_page_of_an_unchecked_story_says_so(client: TestClient, web_db) -> None:
    from crosswire.model import Story
    from crosswire.store import Store

    with Store.open(web_db) as store:
        store.update_stories([Story("s2", "Unchecked story", ("a4",))])
    page = client.get("/stories/s2")
    assert page.status_code == 200
    assert "has not been cross-checked yet" in page.text
    assert client.get("/api/stories/s2").status_code == 409


def test_article_page_marks_the_cited_sentence(client: TestClient) -> None:
    article = make_inputs()[1][3]
    start = article.text.index("Harbourmaster Dana Rees")
    end = article.text.index("hard.") + 5
    page = client.get(f"/articles/a4?mark={start}-{end}")
    assert page.status_code == 200
    assert '<mark id="ev">Harbourmaster Dana Rees said crews were working hard.</mark>' in page.text
    assert "Bay Chronicle" in page.text and '<a href="/stories/s1">' in page.text


def test_person_page_lists_roles_variants_facts_and_articles(client: TestClient) -> None:
    page = client.get("/people/p-reyes")
    assert page.status_code == 200
    assert "<h1>Dana Reyes</h1>" in page.text and "Harbourmaster" in page.text
    assert "The harbourmaster is Dana Reyes." in page.text
    assert page.text.count('href="/articles/a') == 3  # a1, a2, a3


def test_search_page_finds_articles_and_marks_the_words(client: TestClient) -> None:
    page = client.get("/search", params={"q": "chowder"})
    assert page.status_code == 200
    assert '<a href="/articles/a4">' in page.text and "<mark>chowder</mark>" in page.text
    assert 'href="/articles/a1"' not in page.text
    assert client.get("/search").status_code == 200  # the empty form


def test_api_stories_lists_the_story(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    [row] = body["stories"]
    assert (row["id"], row["articles"], row["checked"], row["disputed"], row["contradictions"]) == ("s1", 4, True, 1, 2)


def test_api_story_is_the_brief_json_of_the_cli(client: TestClient) -> None:
    body = client.get("/api/stories/s1").json()
    jsonschema.validate(body, json.loads(SCHEMA_PATH.read_text("utf-8")))
    story, articles, extractions, check = make_inputs()
    brief = build_brief(story, articles, extractions, check, generated_at=body["generated_at"])
    assert body == json.loads(json.dumps(render_json([brief], articles)))
    assert body["schema"] == "crosswire.brief/v1"


def test_api_article_and_person(client: TestClient) -> None:
    article = client.get("/api/articles/a2").json()
    assert article["source"] == "Coastal Times" and article["story_ids"] == ["s1"]
    assert article["text"].startswith("Some 12,000 litres")
    person = client.get("/api/people/p-hale").json()
    assert person["name"] == "Tom Hale" and person["article_ids"] == ["a2", "a3"]
    assert person["story_ids"] == ["s1"]


def test_api_search_ranks_and_limits(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "harbour", "limit": "2"}).json()
    assert len(body["hits"]) == 2
    assert all(re.search(r"<mark>harbour</mark>", hit["snippet"], re.IGNORECASE) for hit in body["hits"])


@pytest.mark.parametrize(
    "url",
    [
        "/stories/s9",
        "/stories/..%2Fetc",
        "/stories/%3Cscript%3E",
        "/articles/zz",
        "/articles/a1%27--",
        "/people/p-nobody",
        "/people/a1",
        "/jobs/7",
        "/jobs/abc",
        "/nothing-here",
        "/api/stories/s9",
        "/api/articles/zz",
        "/api/people/p-nobody",
        "/api/people/a1",
        "/api/jobs/7",
        "/api/nothing",
    ],
)
def test_unknown_or_malformed_ids_are_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert "error" in response.json()
    else:
        assert response.headers["content-type"].startswith("text/html") and "Not found" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=",
        "/search?q=%20%2B%2B",
        "/search?q=a&q=b",
        "/search?q=" + "x" * 201,
        "/search?q=oil&offset=-1",
        "/api/search",
        "/api/search?q=",
        "/api/search?q=%22",
        "/api/search?q=oil&limit=0",
        "/api/search?q=oil&limit=x",
        "/api/stories?limit=abc",
        "/api/stories?offset=-3",
        "/api/stories?limit=100000",
        "/articles/a4?mark=5",
        "/articles/a4?mark=9-3",
        "/articles/a4?mark=0-999999",
    ],
)
def test_bad_query_strings_are_400(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    if url.startswith("/api/"):
        assert response.json()["error"]


def test_search_words_are_never_fts_syntax(client: TestClient) -> None:
    for q in ['oil" OR "x', "NEAR(oil harbour)", "oil AND", "title:oil", "oil*", "-oil"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q


def test_wrong_method_is_405(client: TestClient) -> None:
    assert client.post("/api/stories", headers={"origin": "http://testserver"}).status_code == 405


def test_stylesheet_is_the_briefs_look(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "--ink: #1b1f24" in css.text and "nav.bar" in css.text


def test_a_check_stored_under_another_id_still_briefs_the_story(tmp_path, web_settings) -> None:
    """``crosswire brief`` on a one-story store saves the check under ``story_of``'s id, not the cluster's."""
    from dataclasses import replace

    from .conftest import fill_store, make_client

    story, articles, extractions, check = make_inputs()
    fill_store(
        tmp_path / "a.db", story, articles, extractions, replace(check, story_id="sabc123"), settings=web_settings
    )
    with make_client(tmp_path / "a.db", web_settings) as client:
        assert [s["id"] for s in client.get("/api/stories").json()["stories"]] == ["s1"]
        assert "Dana Rees" in client.get("/stories/s1").text
        assert client.get("/api/stories/sabc123").json()["stories"][0]["id"] == "s1"
        assert client.get("/api/people/p-reyes").json()["story_ids"] == ["s1"]


def test_a_check_without_a_clustered_story_is_listed_as_one(tmp_path, web_settings) -> None:
    from crosswire.store import Store

    from .conftest import fill_store, make_client

    fill_store(tmp_path / "b.db", *make_inputs(), settings=web_settings)
    with Store.open(tmp_path / "b.db") as store:
        store.update_stories([], removed=["s1"])
    with make_client(tmp_path / "b.db", web_settings) as client:
        [row] = client.get("/api/stories").json()["stories"]
        assert (row["id"], row["checked"], row["headline"]) == ("s1", True, "Oil spill closes Port Ellis harbour")
        assert client.get("/api/articles/a1").json()["story_ids"] == ["s1"]


def test_a_story_that_grew_since_its_check_shows_the_older_brief_as_stale(tmp_path, web_settings) -> None:
    from dataclasses import replace

    from .conftest import fill_store, make_client

    story, articles, extractions, check = make_inputs()
    older = replace(check, story_id="sold00001", article_ids=("a1", "a2", "a3"))
    fill_store(tmp_path / "c.db", story, articles, extractions, older, settings=web_settings)
    with make_client(tmp_path / "c.db", web_settings) as client:
        [row] = client.get("/api/stories").json()["stories"]  # the older check is not a story of its own
        assert (row["id"], row["stale"], row["checked_articles"], row["articles"]) == ("s1", True, 3, 4)
        assert "Checked 3 of 4 articles" in client.get("/").text
        page = client.get("/stories/s1").text
        assert "This brief covers the 3 articles checked; the story now has 4." in page
        assert [a["id"] for a in client.get("/api/stories/s1").json()["articles"]] == ["a1", "a2", "a3"]


def test_stories_page_shows_fifty_stories_a_page(client: TestClient, web_db) -> None:
    from crosswire.model import Story
    from crosswire.store import Store

    with Store.open(web_db) as store:
        store.update_stories([Story(f"x{n:02d}", f"Story {n:02d}", ("a4",)) for n in range(60)])
    first, second = client.get("/").text, client.get("/", params={"offset": 50}).text
    assert first.count('<div class="story">') == 50 and second.count('<div class="story">') == 11
    assert "61 stories from 4 articles · 1–50 shown" in first and "51–61 shown" in second
    assert '<a href="/?offset=50">Next 11</a>' in first and '<a href="/?offset=0">Previous 50</a>' in second
    assert "No stories after the first 61" in client.get("/", params={"offset": 100}).text
    assert client.get("/", params={"offset": "-1"}).status_code == 400
