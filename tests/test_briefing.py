"""Briefing many stories as a batch: vectors stored once and re-read, unchanged stories skipped, one
failing story reported while the others are written, an interrupted batch leaving finished briefs whole."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy
import pytest
from click.testing import CliRunner

from crosswire import briefing, embed, pipeline
from crosswire.cli import cli
from crosswire.model import Story
from crosswire.settings import Settings
from crosswire.store import Store
from tests.conftest import DEMO

FORMATS = {"md", "html", "json"}


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = embed.MiniLMEmbedder()
        self.texts = 0
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        self.calls += 1
        self.texts += len(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="module")
def counting() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def demo_store(store: Store, settings: Settings, counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The demo corpus, ingested and extracted, with the shared embedder replaced by ``counting``."""
    monkeypatch.setattr(embed, "load_embedder", lambda **_: counting)
    list(pipeline.run_ingest(store, [str(DEMO)], settings=settings))
    pipeline.run_extract(store)
    return store


def three_stories(store: Store) -> list[Story]:
    """The demo's articles cut into three stories (independent of how clustering would group them)."""
    articles = store.articles()
    cut = [articles[:3], articles[3:5], articles[5:]]
    return [pipeline.story_of(part) for part in cut if part]


def test_claim_vectors_are_embedded_once_and_re_read_by_every_check(
    demo_store: Store, counting: CountingEmbedder
) -> None:
    counting.calls = counting.texts = 0
    assert pipeline.run_embed(demo_store) == demo_store.count_articles()
    assert counting.calls == 1 and counting.texts > 0  # one large batch for every article
    assert pipeline.run_embed(demo_store) == 0
    [story] = three_stories(demo_store)[:1]
    first = pipeline.run_check(demo_store, story)
    again = pipeline.run_check(demo_store, story)
    assert counting.calls == 1  # neither check embedded anything
    assert first.facts == again.facts and first.contradictions == again.contradictions


def test_stored_vectors_give_the_check_the_embedder_would(demo_store: Store, counting: CountingEmbedder) -> None:
    pipeline.run_embed(demo_store)
    story = three_stories(demo_store)[0]
    articles, extractions = pipeline.load_story(demo_store, story)
    from crosswire.check import check_story

    live = check_story(story.id, articles, extractions, embedder=counting.inner)
    stored = pipeline.run_check(demo_store, story)
    assert stored.facts == live.facts and stored.contradictions == live.contradictions


def test_re_extracting_an_article_embeds_its_claims_again(demo_store: Store) -> None:
    pipeline.run_embed(demo_store)
    first = demo_store.articles()[0]
    demo_store.save_extraction(demo_store.extractions([first.id])[first.id])
    assert pipeline.pending_embeddings(demo_store) == [first.id]


def test_unchanged_stories_are_skipped_and_a_changed_one_is_checked_again(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.run_embed(demo_store)
    stories = three_stories(demo_store)
    out = tmp_path / "out"
    first = briefing.brief_stories(demo_store, stories, out_dir=out, formats=FORMATS)
    assert [o.status for o in first] == ["briefed"] * len(stories)
    before = {p: p.read_text() for p in out.rglob("brief.*")}

    checked: list[str] = []
    run_check = pipeline.run_check
    monkeypatch.setattr(
        pipeline, "run_check", lambda store, story, **kw: checked.append(story.id) or run_check(store, story, **kw)
    )
    again = briefing.brief_stories(demo_store, stories, out_dir=out, formats=FORMATS)
    assert [o.status for o in again] == ["unchanged"] * len(stories) and checked == []
    assert {p: p.read_text() for p in out.rglob("brief.*")} == before

    grown = Story(stories[1].id, stories[1].headline, (*stories[1].article_ids, stories[2].article_ids[0]))
    changed = briefing.brief_stories(demo_store, [stories[0], grown], out_dir=out, formats=FORMATS)
    assert [o.status for o in changed] == ["unchanged", "briefed"] and checked == [grown.id]


def test_a_new_brief_format_rewrites_files_without_checking_again(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.run_embed(demo_store)
    stories = three_stories(demo_store)
    briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    monkeypatch.setattr(briefing, "BRIEF_FORMAT", "brief-files/next")
    monkeypatch.setattr(pipeline, "run_check", _fail)
    outcomes = briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    assert [o.status for o in outcomes] == ["rewritten"] * len(stories)
    (tmp_path / stories[0].id / "brief.md").unlink()  # a missing file is written again, from the stored check
    outcomes = briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    assert [o.status for o in outcomes] == ["rewritten", "unchanged", "unchanged"]


def _fail(store: Store, story: Story, **_: object) -> None:
    raise ValueError(f"absurd input in {story.id}")


def test_one_failing_story_is_reported_and_the_others_are_written(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.run_embed(demo_store)
    stories = three_stories(demo_store)
    run_check = pipeline.run_check
    bad = stories[1].id
    monkeypatch.setattr(
        pipeline,
        "run_check",
        lambda store, story, **kw: _fail(store, story) if story.id == bad else run_check(store, story, **kw),
    )
    outcomes = briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    assert [o.status for o in outcomes] == ["briefed", "failed", "briefed"]
    assert outcomes[1].detail == f"ValueError: absurd input in {bad}"
    assert not (tmp_path / bad).exists()
    for good in (stories[0], stories[2]):
        assert json.loads((tmp_path / good.id / "brief.json").read_text())["stories"][0]["id"] == good.id
    monkeypatch.setattr(pipeline, "run_check", run_check)  # fixed: the next run briefs just that story
    outcomes = briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    assert [o.status for o in outcomes] == ["unchanged", "briefed", "unchanged"]


def test_an_interrupted_batch_leaves_finished_briefs_whole_and_resumes(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.run_embed(demo_store)
    stories = three_stories(demo_store)
    run_check = pipeline.run_check

    def interrupted(store: Store, story: Story, **kw: object) -> object:
        if story.id == stories[1].id:
            raise KeyboardInterrupt
        return run_check(store, story, **kw)

    monkeypatch.setattr(pipeline, "run_check", interrupted)
    with pytest.raises(KeyboardInterrupt):
        briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    done = tmp_path / stories[0].id
    assert sorted(p.name for p in done.iterdir()) == ["brief.html", "brief.json", "brief.md"]  # no .tmp left
    assert json.loads((done / "brief.json").read_text())["stories"][0]["id"] == stories[0].id
    assert "</html>" in (done / "brief.html").read_text()
    assert not (tmp_path / stories[1].id).exists()
    monkeypatch.setattr(pipeline, "run_check", run_check)
    outcomes = briefing.brief_stories(demo_store, stories, out_dir=tmp_path, formats=FORMATS)
    assert [o.status for o in outcomes] == ["unchanged", "briefed", "briefed"]


def test_a_failed_rename_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefing.write_files({tmp_path / "brief.md": "old\n"})

    def killed(self: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        briefing.write_files({tmp_path / "brief.md": "new\n"})
    assert (tmp_path / "brief.md").read_text() == "old\n"


def test_cli_reports_a_failing_story_on_one_line_and_exits_1(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = three_stories(demo_store)
    monkeypatch.setattr(pipeline, "run_stories", lambda store, **_: stories)
    run_check = pipeline.run_check
    bad = stories[0].id
    monkeypatch.setattr(
        pipeline,
        "run_check",
        lambda store, story, **kw: _fail(store, story) if story.id == bad else run_check(store, story, **kw),
    )
    result = CliRunner().invoke(
        cli, ["--db", str(demo_store.path), "brief", "--out", str(tmp_path / "out"), "--format", "json,html"]
    )
    assert result.exit_code == 1, result.output
    assert f"error: story {bad}: ValueError: absurd input in {bad}" in result.stderr
    assert "3 stories: 2 briefed, 0 re-written, 0 unchanged, 1 failed" in result.stderr
    index = (tmp_path / "out" / "index.html").read_text()
    assert f"{stories[1].id}/brief.html" in index and f"{bad}/brief.html" not in index


def test_a_one_article_story_is_checked_without_embedding_anything(
    demo_store: Store, counting: CountingEmbedder, tmp_path: Path
) -> None:
    counting.calls = counting.texts = 0
    articles = demo_store.articles()
    single, pair = pipeline.story_of(articles[:1]), pipeline.story_of(articles[1:3])
    briefing.prepare(demo_store, [single, pair])
    assert demo_store.claim_vector_ids(model=embed.VERSION) == {a.id for a in articles[1:3]}
    embedded = counting.texts
    outcomes = briefing.brief_stories(demo_store, [single, pair], out_dir=tmp_path / "out", formats=FORMATS)
    assert [o.status for o in outcomes] == ["briefed", "briefed"]
    assert counting.texts == embedded  # neither check embedded anything: the single story needs no vectors
    check = demo_store.load_check(single.id)
    assert check is not None and check.facts  # its claims are still facts, each its own
    assert len(check.facts) == len({f.text for f in check.facts})


def test_wording_only_vectors_are_alike_only_for_the_same_text() -> None:
    texts = [
        "Four dock workers were taken to hospital.",
        "Four dock workers were taken to a hospital.",
        "Four dock workers were taken to hospital.",
    ]
    vectors = embed.WordingOnly().embed(texts)
    assert vectors.shape == (3, embed.DIM)
    assert numpy.allclose(numpy.linalg.norm(vectors, axis=1), 1.0)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(1.0)
    assert abs(float(vectors[0] @ vectors[1])) < 0.3
    assert embed.WordingOnly().embed([]).shape == (0, embed.DIM)
