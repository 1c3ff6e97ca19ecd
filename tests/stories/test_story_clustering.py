"""The clustering stage on hand-made vectors: no model needed."""

from __future__ import annotations

import json
from collections import Counter

import numpy
import pytest

from crosswire.model import Article
from crosswire.stories import (
    LeadIndex,
    StoryItem,
    StoryParams,
    StoryState,
    StorySummary,
    assign_stories,
    body_terms,
    build_stories,
    entity_keys,
    lead_details,
    lead_text,
    lead_weekday,
    publication_day,
    story_id_for,
    story_item,
    stream_order,
)
from crosswire.stories.sparse import Sparse

RNG = numpy.random.default_rng(3)
CENTRES = RNG.standard_normal((4, 384)).astype(numpy.float32)


def vector(centre: int | numpy.ndarray, noise: float = 0.25) -> numpy.ndarray:
    base = CENTRES[centre] if isinstance(centre, int) else centre
    v = base + noise * RNG.standard_normal(384).astype(numpy.float32) * numpy.linalg.norm(base) / 19.6
    return (v / numpy.linalg.norm(v)).astype(numpy.float32)


def item(name: str, v: numpy.ndarray, day: float | None = 20000.0, dup: str | None = None) -> StoryItem:
    return StoryItem(name, v, {}, frozenset(), day, dup)


def words(tokens: list[str]) -> Counter[int]:
    return body_terms(Article("x", " ".join(tokens)))


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
        "a": Article(
            "a",
            "Leak at pier seven.",
            title="Leak",
            published_at="2026-03-03T09:00:00Z",
            ingested_at="2026-03-04T00:00:00+00:00",
        ),
        "b": Article("b", "Leak at pier seven again.", title="Leak again", ingested_at="2026-03-04T00:00:00+00:00"),
        "c": Article(
            "c",
            "Leak.",
            title="Leak later",
            published_at="2199-01-01T00:00:00Z",
            ingested_at="2026-03-04T00:00:00+00:00",
        ),
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


class SnapshotBacking:
    """What the store would hand a restored state: a finished state's members, summaries and frequencies."""

    def __init__(self, state: StoryState) -> None:
        self.members = state.members()
        self.summary_bytes = {sid: summary.to_bytes() for sid, summary in state.summaries.items()}
        self.counts = dict(state.frequency)

    def stories_at(self, positions):
        return {m.position: m.story_id for m in self.members if m.position in set(positions)}

    def stories_of(self, article_ids):
        return {m.article_id: m.story_id for m in self.members if m.article_id in set(article_ids)}

    def summaries(self, story_ids):
        return {s: StorySummary.from_bytes(s, self.summary_bytes[s]) for s in story_ids if s in self.summary_bytes}

    def frequencies(self, terms):
        return {t: self.counts[t] for t in terms if t in self.counts}


def test_restore_continues_exactly_where_it_stopped() -> None:
    words = [Counter({i: 2, 100 + i % 2: 1}) for i in range(20)]
    first = [StoryItem(f"p{i}", vector(i % 2), words[i], day=20000.0 + i) for i in range(10)]
    later = [StoryItem(f"q{i}", vector(i % 3), words[10 + i], day=20005.0 + i) for i in range(10)]
    straight = assign_stories(first + later)
    state = assign_stories(first)
    blobs = state.index.dump()
    index = LeadIndex(loader=blobs.get, known=set(blobs))
    again = StoryState(backing=SnapshotBacking(state), count=state.count, index=index)
    assign_stories(later, state=again)
    assert {m.article_id: m.story_id for m in again.members()} == {
        m.article_id: m.story_id for m in straight.members() if m.article_id.startswith("q")
    }
    assert again.merged == {k: v for k, v in straight.merged.items() if k not in state.merged}


def test_summary_survives_its_bytes() -> None:
    state = assign_stories(
        [StoryItem("a", vector(0), Counter({5: 2, 9: 1}), frozenset({"veltmar"}), 20000.0, weekday=2)]
    )
    [summary] = state.summaries.values()
    again = StorySummary.from_bytes(summary.story_id, summary.to_bytes())
    assert (again.first, again.size, again.first_day, again.weekdays) == (0, 1, 20000.0, [0, 0, 1, 0, 0, 0, 0])
    assert numpy.allclose(again.lead, summary.lead)
    assert again.terms.dot(summary.terms) == pytest.approx(1.0, abs=1e-5)


def test_summary_reads_a_version_1_blob_without_details() -> None:
    state = assign_stories([story_item(Article("a", "INS Mysore captured 23 pirates near MV Gibe."), vector(0))])
    [summary] = state.summaries.values()
    assert len(summary.details) == 3  # mysore, gibe, 23
    again = StorySummary.from_bytes(summary.story_id, summary.to_bytes())
    assert again.details.ids.tolist() == summary.details.ids.tolist()
    header = json.dumps({"v": 1, "first": 0, "size": 1, "days": [None, None], "weekdays": [0] * 7}).encode()
    old = (
        len(header).to_bytes(4, "little")
        + header
        + summary.lead.astype("<f4").tobytes()
        + summary.terms.to_bytes()
        + summary.names.to_bytes()
    )
    assert len(StorySummary.from_bytes("s", old).details) == 0


def test_sparse_dot_and_capped_sum() -> None:
    left = Sparse(numpy.array([1, 4, 9], dtype=numpy.int32), numpy.array([0.5, 0.5, 1.0], dtype=numpy.float32))
    right = Sparse(numpy.array([4, 9, 12], dtype=numpy.int32), numpy.array([2.0, 1.0, 3.0], dtype=numpy.float32))
    assert left.dot(right) == pytest.approx(2.0)
    summed = left.plus(right, cap=2)
    assert summed.ids.tolist() == [4, 12] and summed.weights.tolist() == [2.5, 3.0]


def test_shared_rare_words_keep_two_similar_events_apart() -> None:
    """Two pirate captures in one sea: same topic words, different ships and counts."""
    topic = vector(0, 0.0)
    base = ["pirates", "aden"]
    mysore = [*base, "mysore", "23", "ethiopian", "commandos", "trawler", "yemeni"]
    sukanya = [*base, "sukanya", "26", "2011", "november", "frigate", "interdicts"]
    filler = [[f"other{i}", f"thing{i}", "pirates", "aden"] for i in range(200)]  # the topic words are common
    items = [StoryItem(f"f{i}", vector(i % 3 + 1), words(w)) for i, w in enumerate(filler)]
    # every lead is about as close to every other (cos ~0.55): only the words tell the two events apart
    items += [
        StoryItem(f"{k}{i}", vector(topic, 0.9), words(w)) for i in range(3) for k, w in (("m", mysore), ("s", sukanya))
    ]
    stories = assign_stories(items).stories()
    assert stories[story_id_for("m0")] == ["m0", "m1", "m2"]
    assert stories[story_id_for("s0")] == ["s0", "s1", "s2"]


def test_lead_details_are_the_names_and_figures_a_lead_states() -> None:
    article = Article(
        "a",
        "The Indian navy captured 23 pirates near INS Mysore's patrol area at 9:30 a.m. on Nov 12. "
        "Commander Nirad Sinha said the raid ended. The ship sailed on. Later, 99 more came.",
        title="Navy Captures Pirates In Gulf Of Aden",
    )
    # not the headline's capitals, a sentence's first word, the clock time, the day of the month, nor
    # what comes after the lead; a possessive is the name itself
    assert lead_details(article) == {"indian", "ins", "mysore", "nirad", "sinha", "23"}


PIRATES = {
    "m0": "Indian commandos from INS Mysore captured 23 pirates in the Gulf of Aden after a distress call from "
    "MV Gibe. The pirates were taken aboard the destroyer. Navy spokesman Nirad Sinha said no sailor was hurt.",
    "s0": "Warship INS Sukanya foiled an attack on five merchant ships in the Gulf of Aden and arrested 26 "
    "pirates, the Western Naval Command said. Three skiffs were seized with their weapons.",
    "m1": "The Indian navy said INS Mysore seized 23 pirates who tried to board MV Gibe in the Gulf of Aden. "
    "The pirates were taken aboard. Spokesman Nirad Sinha said the ship's crew were safe.",
    "m2": "The Indian navy now says INS Mysore captured 25 pirates in the Gulf of Aden, not the 23 first "
    "reported. The pirates were taken aboard. Nirad Sinha gave the new count.",
}


@pytest.mark.parametrize(
    ("day", "weight", "expected"),
    [
        (None, 1.0, [["m0", "m1", "m2"], ["s0"]]),  # the Sukanya report names nothing the Mysore one does
        (None, 0.0, [["m0", "s0", "m1", "m2"]]),  # without the contrast its lead and words are close enough
        (20000.0, 1.0, [["m0", "s0", "m1", "m2"]]),  # dated on one day: left to the time term
    ],
)
def test_undated_lookalikes_whose_leads_state_other_details_stay_apart(
    day: float | None, weight: float, expected: list[list[str]]
) -> None:
    """Two pirate captures in one sea, undated: ship, people and count differ. A later report that revises
    the count (25, not 23) still names the ship and the spokesman, so it joins its story."""
    topic = vector(0, 0.0)
    items = [story_item(Article(k, text, published_at=None), vector(topic, 0.5)) for k, text in PIRATES.items()]
    items = [StoryItem(i.article_id, i.vector, i.terms, i.names, day, None, i.weekday, i.details) for i in items]
    stories = assign_stories(items, params=StoryParams(contrast_weight=weight)).stories()
    assert sorted(stories.values()) == expected


def test_dated_articles_far_apart_are_not_compared() -> None:
    same = vector(0, 0.0)
    state = assign_stories([item("then", same, day=10000.0), item("now", same, day=10500.0)])
    assert len(state.stories()) == 2


def test_entity_keys_are_name_words_without_sentence_openers() -> None:
    text = "Police said the MV Corran Star leaked. The Corran Star is at Pier 7 in Veltmar."
    article = Article("a", text, title="Leak")
    keys = entity_keys(article)
    assert {"corran", "star", "pier", "veltmar", "leak"} <= keys
    assert "police" not in keys and "the" not in keys


def test_lead_text_is_title_and_first_sentences() -> None:
    article = Article("a", "One. Two! Three? Four.", title="Head")
    assert lead_text(article) == "Head. One. Two! Three?"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Navy captures pirates", "The Indian navy on Saturday captured 23 pirates.", 5),
        ("Quake", "A 4.6 quake struck on Thursday. On Friday, aftershocks.", 3),
        ("No day", "Nothing said about when.", None),
    ],
)
def test_lead_weekday_is_the_first_day_the_lead_names(title: str, text: str, expected: int | None) -> None:
    assert lead_weekday(Article("a", text, title=title)) == expected


@pytest.mark.parametrize(("weekday", "stories"), [(5, 1), (1, 2), (None, 1)])
def test_undated_article_weighs_the_weekday_its_lead_names(weekday: int | None, stories: int) -> None:
    same = vector(0, 0.0)
    lookalike = same + 0.5 * CENTRES[1] / numpy.linalg.norm(CENTRES[1]) * numpy.linalg.norm(same)
    lookalike = (lookalike / numpy.linalg.norm(lookalike)).astype(numpy.float32)  # cos 0.89
    items = [StoryItem("a", same, weekday=5, day=None), StoryItem("b", lookalike, weekday=weekday, day=None)]
    assert len(assign_stories(items, params=StoryParams(join_threshold=0.85)).stories()) == stories


@pytest.mark.parametrize(("left_day", "right_day", "stories"), [(5, 3, 2), (5, 5, 1), (5, None, 1), (None, None, 1)])
def test_bridge_does_not_merge_undated_stories_on_other_days(
    left_day: int | None, right_day: int | None, stories: int
) -> None:
    """Undated look-alike stories whose leads name other weekdays stay apart when a bridge resembles both."""
    left, right = vector(0, 0.0), vector(1, 0.0)
    middle = left + right
    middle = (middle / numpy.linalg.norm(middle)).astype(numpy.float32)
    items = [
        StoryItem("l", left, weekday=left_day, day=None),
        StoryItem("r", right, weekday=right_day, day=None),
        StoryItem("bridge", middle, day=None),
    ]
    assert len(assign_stories(items, params=StoryParams(merge_threshold=0.7)).stories()) == stories


def test_summaries_naming_other_days_only_when_one_is_undated() -> None:
    saturday = StorySummary("a", 0, 1, weekdays=[0, 0, 0, 0, 0, 1, 0])
    thursday = StorySummary("b", 1, 1, weekdays=[0, 0, 0, 1, 0, 0, 0])
    silent = StorySummary("c", 2, 1)
    assert saturday.names_other_days(thursday)
    assert not saturday.names_other_days(saturday) and not saturday.names_other_days(silent)
    dated = StorySummary("d", 3, 1, first_day=1.0, last_day=1.0, weekdays=[0, 0, 0, 1, 0, 0, 0])
    monday = StorySummary("e", 4, 1, first_day=1.0, last_day=2.0, weekdays=[1, 0, 0, 0, 0, 0, 0])
    assert not monday.names_other_days(dated)
