"""run_stories over the store: incremental, touching only what the new articles change."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy
import pytest

from crosswire import pipeline
from crosswire.model import Article
from crosswire.store import Store
from crosswire.stories import StoryState, assign_stories, story_item, stream_order

TOPICS = {
    "tram": "Brennholm council approves the tram line to the university campus, councillors said.",
    "leak": "Styrene leaks from the tanker Corran Star in Veltmar harbour, the port authority said.",
    "fire": "Fire at the Kestrel warehouse in Oderby injures workers, the fire service said.",
}


class TopicEmbedder:
    """Lead vectors by topic word (no model): articles of one topic are near-identical."""

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        rows = []
        for text in texts:
            topic = next(t for t, lead in TOPICS.items() if lead.split()[0] in text)
            rng = numpy.random.default_rng(zlib.crc32(topic.encode()))
            noise = numpy.random.default_rng(zlib.crc32(text.encode())).standard_normal(384)
            base = rng.standard_normal(384) + 0.05 * noise
            rows.append(base / numpy.linalg.norm(base))
        return numpy.asarray(rows, dtype=numpy.float32)


def article(topic: str, n: int, day: int) -> Article:
    text = f"{TOPICS[topic]} Report number {n} adds detail {n} on day {day}."
    return Article(
        f"{topic}{n:03d}",
        text,
        title=f"{topic} {n}",
        published_at=f"2026-03-{day:02d}T10:00:00Z",
        ingested_at="2026-04-01T00:00:00+00:00",
    )


def add(store: Store, articles: Sequence[Article]) -> None:
    for one in articles:
        store.add_article(one, signature=b"")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "x.db") as opened:
        yield opened


def test_runs_in_batches_give_the_stories_of_one_run(store: Store) -> None:
    batches = [[article(t, n, 1 + n) for t in TOPICS for n in range(k, k + 3)] for k in (0, 3, 6)]
    for batch in batches:
        add(store, batch)
        pipeline.run_stories(store, embedder=TopicEmbedder())
    found = sorted(sorted(s.article_ids) for s in store.stories())
    everything = [a for batch in batches for a in batch]
    vectors = TopicEmbedder().embed([a.text for a in stream_order(everything)])
    at_once = assign_stories([story_item(a, v) for a, v in zip(stream_order(everything), vectors, strict=True)])
    assert found == sorted(sorted(ids) for ids in at_once.stories().values())
    assert len(found) == 3


def test_a_new_article_reads_only_its_own_story(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    add(store, [article(t, n, 1 + n) for t in TOPICS for n in range(6)])
    pipeline.run_stories(store, embedder=TopicEmbedder())
    before = {s.id: s for s in store.stories()}
    loaded: list[str] = []
    original = Store.articles

    def counting(self: Store, ids: Sequence[str] | None = None) -> list[Article]:
        assert ids is not None, "run_stories must not load every article"
        loaded.extend(ids)
        return original(self, ids)

    monkeypatch.setattr(Store, "articles", counting)
    add(store, [article("fire", 99, 7)])
    found = {s.id: s for s in pipeline.run_stories(store, embedder=TopicEmbedder())}
    fire = next(s for s in found.values() if "fire099" in s.article_ids)
    assert set(loaded) == set(fire.article_ids)  # the new article, then its story for the headline
    assert {k: v for k, v in found.items() if k != fire.id} == {k: v for k, v in before.items() if k != fire.id}


def test_nothing_new_reads_no_clustering_state(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    add(store, [article("tram", n, 2) for n in range(3)])
    pipeline.run_stories(store, embedder=TopicEmbedder())
    monkeypatch.setattr(StoryState, "add", lambda *a, **k: pytest.fail("nothing to place"))
    assert [len(s.article_ids) for s in pipeline.run_stories(store, embedder=TopicEmbedder())] == [3]


def test_last_brief_is_kept_per_story(store: Store) -> None:
    assert store.last_brief("s1") is None
    store.save_last_brief("s1", "2026-03-04T00:00:00Z", {"story": {"id": "s1"}, "articles": []})
    store.save_last_brief("s1", "2026-03-05T00:00:00Z", {"story": {"id": "s1", "facts": []}, "articles": []})
    assert store.last_brief("s1") == ("2026-03-05T00:00:00Z", {"story": {"id": "s1", "facts": []}, "articles": []})
