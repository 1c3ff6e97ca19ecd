"""Issue #11, item 9: story state is written in one transaction, and ``stories`` repairs half-written state."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire import pipeline
from crosswire.store import Store
from tests.stories.test_story_store import TOPICS, TopicEmbedder, add, article


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = ("story_members", "stories", "story_articles", "story_summaries", "term_frequencies", "story_index")
    return {t: sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def clean(store: Store) -> dict[str, list[tuple[object, ...]]]:
    found = snapshot(store)
    found["stories"] = [row[:3] for row in found["stories"]]  # not updated_at
    return found


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "x.db") as opened:
        add(opened, [article(t, n, 1 + n) for t in TOPICS for n in range(4)])
        yield opened


def test_a_crash_between_members_and_stories_leaves_nothing_half_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("killed between the two writes")

    monkeypatch.setattr(Store, "update_stories", crash)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_stories(store, embedder=TopicEmbedder())
    assert all(not rows for rows in snapshot(store).values())
    monkeypatch.undo()
    assert len(pipeline.run_stories(store, embedder=TopicEmbedder())) == 3


def test_stories_repairs_members_left_without_their_stories(store: Store, tmp_path: Path) -> None:
    pipeline.run_stories(store, embedder=TopicEmbedder())
    expected = clean(store)
    with store.conn:  # what a crash between the two transactions of older crosswire versions left
        store.conn.execute("DELETE FROM story_articles")
        store.conn.execute("DELETE FROM stories")
    assert store.stories() == []
    assert len(pipeline.run_stories(store, embedder=TopicEmbedder())) == 3
    assert clean(store) == expected


def test_stories_drops_a_story_row_no_member_points_at(store: Store) -> None:
    pipeline.run_stories(store, embedder=TopicEmbedder())
    expected = clean(store)
    with store.conn:
        store.conn.execute(
            "INSERT INTO stories (id, headline, data, updated_at) SELECT 'sgone', headline, data, "
            "updated_at FROM stories LIMIT 1"
        )
    assert pipeline.repair_stories(store) == ["sgone"]
    assert clean(store) == expected
