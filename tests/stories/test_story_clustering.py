"""The clustering stage on hand-made vectors: no model needed."""

from __future__ import annotations

import numpy
import pytest

from crosswire.model import Article
from crosswire.stories import (
    Member,
    StoryItem,
    StoryParams,
    assign_stories,
    build_stories,
    dump_index,
    entity_keys,
    lead_text,
    publication_day,
    restore,
    story_id_for,
    stream_order,
)

RNG = numpy.random.default_rng(3)
CENTRES = RNG.standard_normal((4, 384)).astype(numpy.float32)


def vector(centre: int | numpy.ndarray, noise: float = 0.25) -> numpy.ndarray:
    base = CENTRES[centre] if isinstance(centre, int) else centre
    v = base + noise * RNG.standard_normal(384).astype(numpy.float32) * numpy.linalg.norm(base) / 19.6
    return (v / numpy.linalg.norm(v)).astype(numpy.float32)


def item(name: str, v: numpy.ndarray, day: float | None = 20000.0, dup: str | None = None) -> StoryItem:
    return StoryItem(name, v, frozenset(), day, dup)


def test_new_articles_join_existing_stories_incrementally() -> None:
    state = assign_stories([item("a1", vector(0)), item("b1", vector(1))])
    assert len(state.stories()) == 2
    assign_stories([item("a2", vector(0)), item("b2", vector(1)), item("c1", vector(2))], state=state)
    stories = state.stories()
    assert stories[story_id_for("a1")] == ["a1", "a2"]
    assert stories[story_id_for("b1")] == ["b1", "b2"]
    assert stories[story_id_for("c1")] == ["c1"]


def test_same_input_order_gives_the_same_stories() -> None:
    items = [item(f"x{i}", vector(i % 3)) for i in range(30)]
    assert assign_stories(items).stories() == assign_stories(items).stories()


def test_bridging_article_merges_two_stories_into_the_older() -> None:
    left, right = vector(0, 0.0), vector(1, 0.0)
    middle = left + right
    middle /= numpy.linalg.norm(middle)
    # left and right are unrelated (cos ~ 0); the bridge is cos ~0.71 to both, above the merge threshold
    state = assign_stories([item("l", left), item("r", right)], params=StoryParams(merge_threshold=0.7))
    assert len(state.stories()) == 2
    assign_stories([item("bridge", middle.astype(numpy.float32))], state=state)
    assert state.stories() == {story_id_for("l"): ["l", "r", "bridge"]}


def test_repeated_items_are_not_duplicated() -> None:
    items = [item("a", vector(0)), item("b", vector(0))]
    state = assign_stories(items)
    assign_stories(items + items, state=state)
    assert state.stories() == {story_id_for("a"): ["a", "b"]}


def test_flood_of_near_identical_articles_is_one_story() -> None:
    base = vector(0)
    flood = [item(f"copy{i}", vector(base, 0.02)) for i in range(300)]
    assert len(assign_stories(flood).stories()) == 1


def test_syndicated_copy_joins_its_original_whatever_the_score() -> None:
    state = assign_stories([item("orig", vector(0)), item("copy", vector(3), dup="orig")])
    assert state.stories() == {story_id_for("orig"): ["orig", "copy"]}


def test_far_apart_dates_keep_similar_articles_apart() -> None:
    near = StoryParams(time_weight=0.5)
    same = vector(0, 0.0)
    state = assign_stories([item("then", same, day=10000.0), item("now", vector(same, 0.3), day=20000.0)], params=near)
    assert len(state.stories()) == 2
    state = assign_stories([item("then", same, day=None), item("now", vector(same, 0.3), day=20000.0)], params=near)
    assert len(state.stories()) == 1


@pytest.mark.parametrize(
    ("published", "ingested", "usable", "reason"),
    [
        ("2026-03-03T09:15:00Z", "2026-03-04T00:00:00+00:00", True, None),
        (None, "2026-03-04T00:00:00+00:00", False, "no date"),
        ("2199-01-01T00:00:00Z", "2026-03-04T00:00:00+00:00", False, "after it was ingested"),
        ("1066-10-14", "2026-03-04T00:00:00+00:00", False, "before 1900"),
        ("last Tuesday", None, False, "unreadable date"),
    ],
)
def test_publication_day_flags_missing_and_doubtful_dates(
    published: str | None, ingested: str | None, usable: bool, reason: str | None
) -> None:
    day, why = publication_day(Article("a", "text", published_at=published, ingested_at=ingested))
    assert (day is not None) == usable
    assert (why is None) if reason is None else (reason in why)


def test_undated_and_doubtful_articles_are_flagged_in_the_story() -> None:
    articles = {
        "a": Article("a", "Leak at pier seven.", title="Leak", published_at="2026-03-03T09:00:00Z",
                     ingested_at="2026-03-04T00:00:00+00:00"),
        "b": Article("b", "Leak at pier seven again.", title="Leak again", ingested_at="2026-03-04T00:00:00+00:00"),
        "c": Article("c", "Leak.", title="Leak later", published_at="2199-01-01T00:00:00Z",
                     ingested_at="2026-03-04T00:00:00+00:00"),
    }
    [story] = build_stories({"s1": ["a", "b", "c"]}, articles)
    assert story.first_published == story.last_published == "2026-03-03T09:00:00Z"
    assert story.notes[0] == "1 of 3 articles have no date; clustered on content alone"
    assert "after it was ingested" in story.notes[1]


def test_stream_order_puts_undated_and_doubtful_last() -> None:
    articles = [
        Article("z", "t"),
        Article("b", "t", published_at="2026-03-04T00:00:00Z"),
        Article("a", "t", published_at="2026-03-03T00:00:00Z"),
        Article("y", "t", published_at="3000-01-01", ingested_at="2026-01-01T00:00:00+00:00"),
    ]
    assert [a.id for a in stream_order(articles)] == ["a", "b", "y", "z"]


def test_restore_continues_exactly_where_it_stopped() -> None:
    first = [item(f"p{i}", vector(i % 2)) for i in range(10)]
    later = [item(f"q{i}", vector(i % 3)) for i in range(10)]
    straight = assign_stories(first + later).stories()
    state = assign_stories(first)
    vectors = {i.article_id: i.vector for i in first}
    members = state.members()
    for blob in (dump_index(state), None):
        again = restore(members, lambda ids: {a: vectors[a] for a in ids}, index_blob=blob)
        assert assign_stories(later, state=again).stories() == straight
    assert isinstance(members[0], Member)


def test_entity_keys_are_name_words_without_sentence_openers() -> None:
    text = "Police said the MV Corran Star leaked. The Corran Star is at Pier 7 in Veltmar."
    article = Article("a", text, title="Leak")
    keys = entity_keys(article)
    assert {"corran", "star", "pier", "veltmar", "leak"} <= keys
    assert "police" not in keys and "the" not in keys


def test_lead_text_is_title_and_first_sentences() -> None:
    article = Article("a", "One. Two! Three? Four.", title="Head")
    assert lead_text(article) == "Head. One. Two! Three?"
