"""The stored checks the web app decodes once per process (``data.CheckCache``) are read again when saved again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient

from crosswire.store import Store
from crosswire.web import data

from ..report.fixtures import make_inputs


def test_the_list_shows_a_check_saved_again_by_another_connection(client: TestClient, web_db: Path) -> None:
    [before] = client.get("/api/stories").json()["stories"]
    check = make_inputs()[3]
    confirmed = tuple(replace(fact, status="confirmed") for fact in check.facts)
    with Store.open(web_db) as store:  # as `crosswire brief` in another process would
        store.save_check(replace(check, facts=confirmed, contradictions=()))
    [after] = client.get("/api/stories").json()["stories"]
    assert (before["confirmed"], before["contradictions"]) == (2, len(check.contradictions))
    assert (after["confirmed"], after["disputed"], after["contradictions"]) == (len(check.facts), 0, 0)
    page = client.get("/stories/s1").text
    assert "No contradictions were found" in page


def test_counts_are_read_once_per_version_of_a_check(web_db: Path) -> None:
    cache = data.CheckCache()
    with Store.open(web_db) as store:
        [(_, row)] = data.story_checks(store)
        assert row is not None
        first = cache.counts(store, row)
        store.conn.execute("UPDATE checks SET data = '{}' WHERE story_id = ?", (row.story_id,))
        assert cache.counts(store, row) is first  # the same version: not read again
        store.save_check(make_inputs()[3])
        [(_, newer)] = data.story_checks(store)
        assert newer is not None and newer.version != row.version
        again = cache.counts(store, newer)
        assert again == first and again is not first  # a new version: read again


def test_the_list_of_stories_is_read_again_once_the_store_changed(web_db: Path) -> None:
    from crosswire.model import Story
    from crosswire.web.queries import ChangeCounter

    changes = ChangeCounter(web_db)
    cache = data.CheckCache(changes=changes)
    try:
        with Store.open(web_db) as store:
            first = cache.story_checks(store)
            assert cache.story_checks(store) is first
            with Store.open(web_db) as other:  # another connection, as another process
                other.update_stories([Story("s2", "Second story", ("a4",))])
            again = cache.story_checks(store)
        assert again is not first
        assert sorted(story.id for story, _ in again) == ["s1", "s2"]
    finally:
        changes.close()
