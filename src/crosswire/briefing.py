"""Brief many stories as one batch: each story checked and written once, unchanged ones skipped.

    outcomes = brief_stories(store, store.stories(), out_dir=Path("brief"), formats={"md", "html", "json"})

Before the batch, every article is extracted and its claim sentences embedded in large batches
(``pipeline.run_extract``, ``pipeline.run_embed``); then each story is cross-checked from the stored
vectors and its files written. A story whose articles, extractions and check settings are those of
its last brief in the same folder (its *signature*) is not checked again; its files are re-written
from the stored check only if the brief format changed or a file is missing. A story that fails is
reported (``StoryOutcome.status == "failed"``) and the others go on. Each story's files are written
to temporary names and renamed in together, and its state recorded after that, so an interrupted
batch leaves every finished story's brief complete and the next run continues with the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

from crosswire import embed, pipeline, report
from crosswire.model import Article, CheckResult, Story
from crosswire.report import Brief, IndexEntry
from crosswire.settings import Settings
from crosswire.store import Store

FILE_FORMATS = {"md": "brief.md", "html": "brief.html", "json": "brief.json"}
BRIEF_FORMAT = "brief-files/2"  # 2: takeaways ranked by the story's focus, with their disputes (#12)
"""Bump when the files written for the same check change (templates, JSON layout): every story's
files are then re-written from its stored check, without checking it again."""

OutcomeStatus = Literal["briefed", "rewritten", "unchanged", "failed"]


@dataclass(frozen=True)
class StoryOutcome:
    """What the batch did with one story: checked and briefed, re-written from its stored check,
    left as it was, or failed (``detail`` says why)."""

    story_id: str
    status: OutcomeStatus
    detail: str = ""
    written: tuple[Path, ...] = ()
    brief: Brief | None = None  # when briefed or re-written


def brief_stories(
    store: Store,
    stories: Sequence[Story],
    *,
    out_dir: Path,
    formats: Collection[str],
    nested: bool = True,
    settings: Settings | None = None,
    min_confidence: float | None = None,
    generated_at: str | None = None,
    keep_briefs: bool = False,
    on_story: Callable[[StoryOutcome], None] | None = None,
) -> list[StoryOutcome]:
    """Check and write the briefs of ``stories`` (already extracted and embedded: see ``prepare``).

    Args:
        out_dir: the folder briefs go into: ``OUT/<story-id>/`` each when ``nested``, else ``OUT/``
            itself (one story).
        formats: file formats among md, html, json (others, e.g. terminal, are the caller's).
        keep_briefs: keep each written ``Brief`` in its outcome (memory grows with the stories;
            ``on_story`` sees it either way).
        on_story: called after each story, e.g. to advance a progress bar.

    Returns:
        One outcome per story, in order.
    """
    stamp = generated_at or datetime.now(UTC).replace(microsecond=0).isoformat()
    wanted = sorted(set(formats) & set(FILE_FORMATS))
    layout = f"{BRIEF_FORMAT}|{','.join(wanted)}|{'nested' if nested else 'flat'}"
    root = str(out_dir.resolve())
    states = store.brief_states(root)
    versions = store.extraction_versions()
    outcomes = []
    for story in stories:
        folder = out_dir / story.id if nested else out_dir
        signature = story_signature(story, versions, settings=settings, min_confidence=min_confidence)
        state = states.get(story.id)
        try:
            if state and state[0] == signature and state[1] == layout and _complete(folder, wanted):
                outcome = StoryOutcome(story.id, "unchanged")
            else:
                stored = store.load_check(story.id) if state and state[0] == signature else None
                if stored is not None and set(stored.article_ids) != set(story.article_ids):
                    stored = None
                outcome = _brief_one(
                    store,
                    story,
                    stored,
                    folder=folder,
                    wanted=wanted,
                    generated_at=stamp,
                    settings=settings,
                    min_confidence=min_confidence,
                )
                store.save_brief_state(
                    story.id, root, signature=signature, format=layout, entry=_entry(outcome).to_json()
                )
        except Exception as e:  # noqa: BLE001 - one story must never stop the batch
            outcome = StoryOutcome(story.id, "failed", detail=f"{type(e).__name__}: {e}")
        if on_story is not None:
            on_story(outcome)
        outcomes.append(outcome if keep_briefs else dataclasses.replace(outcome, brief=None))
    return outcomes


def prepare(
    store: Store,
    stories: Sequence[Story],
    *,
    processes: int = 1,
    on_extracted: Callable[[], None] | None = None,
    on_embedded: Callable[[int], None] | None = None,
) -> None:
    """Extract the stories' articles not yet extracted and embed the claim sentences not yet embedded,
    each in one pass over all of them (so models load once and embedding runs in large batches). The
    articles of one-article stories are not embedded (``pipeline.aligned_articles``)."""
    pipeline.run_extract(
        store,
        [a for story in stories for a in story.article_ids],
        processes=processes,
        on_done=(lambda _: on_extracted()) if on_extracted else None,
    )
    pipeline.run_embed(store, pipeline.aligned_articles(stories), on_done=on_embedded)


def story_signature(
    story: Story,
    extraction_versions: dict[str, str],
    *,
    settings: Settings | None = None,
    min_confidence: float | None = None,
) -> str:
    """What a story's check is made from: its articles, their extractions, the embedder and the check
    settings, and crosswire's version (a new crosswire may check differently)."""
    judge = (settings.judge_url, settings.judge_model) if settings is not None and settings.judge_url else None
    parts = [
        _crosswire_version(),
        embed.VERSION,
        repr(min_confidence),
        repr(judge),
        *sorted(f"{aid}:{extraction_versions.get(aid, '-')}" for aid in story.article_ids),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]


def index_entries(store: Store, out_dir: Path, story_ids: Collection[str]) -> list[IndexEntry]:
    """The index lines of these stories as last briefed into ``out_dir`` (stories never briefed there are absent)."""
    states = store.brief_states(str(out_dir.resolve()))
    return [IndexEntry.from_json(states[sid][2]) for sid in story_ids if sid in states]


def write_index(out_dir: Path, entries: Sequence[IndexEntry]) -> Path:
    """``OUT/index.html`` linking every story's brief."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_files({out_dir / "index.html": report.render_index_html(entries)})[0]


def render_files(
    the_brief: Brief, articles: Sequence[Article], folder: Path, formats: Collection[str]
) -> dict[Path, str]:
    """The text of each wanted brief file of one story, by path."""
    texts = {}
    if "md" in formats:
        texts[folder / "brief.md"] = report.render_markdown(the_brief)
    if "html" in formats:
        texts[folder / "brief.html"] = report.render_html(the_brief, {a.id: a for a in articles})
    if "json" in formats:
        data = report.render_json([the_brief], articles)
        texts[folder / "brief.json"] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_files(texts: dict[Path, str]) -> list[Path]:
    """Write every file to a temporary name first, then rename them all in: a reader (or a run
    killed half-way) never sees half a file, and a story's files are replaced together."""
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(path.suffix + ".tmp").write_text(text, "utf-8")
    for path in texts:
        path.with_suffix(path.suffix + ".tmp").replace(path)
    return list(texts)


def _brief_one(
    store: Store,
    story: Story,
    stored: CheckResult | None,
    *,
    folder: Path,
    wanted: Sequence[str],
    generated_at: str,
    settings: Settings | None,
    min_confidence: float | None,
) -> StoryOutcome:
    """Check (unless ``stored`` is given) and write one story's brief files."""
    loaded = pipeline.load_story(store, story)
    check = stored or pipeline.run_check(store, story, min_confidence=min_confidence, settings=settings, loaded=loaded)
    # A re-write (same check, new format) has no Developments section: the previous brief the store
    # remembers is this very one now, so it is not compared again.
    the_brief = pipeline.build_story_brief(
        store, story, check, generated_at=generated_at, history=stored is None, loaded=loaded
    )
    written = write_files(render_files(the_brief, loaded[0], folder, wanted))
    return StoryOutcome(story.id, "rewritten" if stored else "briefed", written=tuple(written), brief=the_brief)


def _entry(outcome: StoryOutcome) -> IndexEntry:
    assert outcome.brief is not None
    return IndexEntry.of(outcome.brief)


def _complete(folder: Path, wanted: Sequence[str]) -> bool:
    return all((folder / FILE_FORMATS[name]).is_file() for name in wanted)


def _crosswire_version() -> str:
    try:
        return version("crosswire")
    except PackageNotFoundError:
        return "unknown"
