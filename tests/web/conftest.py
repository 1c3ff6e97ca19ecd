"""A store holding the report tests' hand-made harbour story (no model runs), and clients of the app over it.

``hostile_store`` puts markup into every article-derived string the pages show: titles, texts,
quotes, outlet names, a person's name and role, a dispute's value, and a ``javascript:`` URL.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crosswire import dedupe
from crosswire.model import Article, CheckResult, Extraction, Story
from crosswire.settings import Settings, load_settings
from crosswire.store import Store
from crosswire.web.app import create_app
from crosswire.web.worker import Job, Worker

from ..report.fixtures import SCRIPT, make_inputs

CSRF = "test-csrf-token-0123456789"
HOSTILE_SOURCE = '<img src=x onerror="alert(2)">Bay Chronicle'
HOSTILE_PERSON = "Tom <b onmouseover=alert(3)>Hale</b>"


def fill_store(
    path: Path,
    story: Story,
    articles: list[Article],
    extractions: dict[str, Extraction],
    check: CheckResult,
    settings: Settings,
) -> None:
    """Write a story as the pipeline would: articles (with real MinHash signatures), extractions, check, story."""
    with Store.open(path) as store:
        for article in articles:
            signature = dedupe.signature(
                article.text, num_perm=settings.minhash_perm, shingle_words=settings.shingle_words
            )
            store.add_article(
                replace(article, ingested_at="2026-03-05T00:00:00+00:00"), signature=dedupe.to_bytes(signature)
            )
        for extraction in extractions.values():
            store.save_extraction(extraction)
        store.save_check(check)
        store.update_stories([story])


def hostile_inputs() -> tuple[Story, list[Article], dict[str, Extraction], CheckResult]:
    story, articles, extractions, check = make_inputs(hostile=True)
    a1, a2, a3, a4 = articles
    articles = [replace(a1, url="javascript:alert(4)"), a2, a3, replace(a4, source=HOSTILE_SOURCE)]
    entities = tuple(
        replace(e, name=HOSTILE_PERSON, roles=(SCRIPT,)) if e.id == "p-hale" else e for e in check.entities
    )
    first = check.contradictions[0]
    sides = (replace(first.sides[0], value=f"Dana Reyes {SCRIPT}"), *first.sides[1:])
    contradictions = (replace(first, sides=sides, subject=f"harbourmaster {SCRIPT}"), *check.contradictions[1:])
    check = replace(check, entities=entities, contradictions=contradictions)
    return replace(story, headline=f"Oil spill {SCRIPT}"), articles, extractions, check


@pytest.fixture
def web_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    return load_settings()


@pytest.fixture
def web_db(tmp_path: Path, web_settings: Settings) -> Path:
    path = tmp_path / "web.db"
    fill_store(path, *make_inputs(), settings=web_settings)
    return path


@pytest.fixture
def hostile_db(tmp_path: Path, web_settings: Settings) -> Path:
    path = tmp_path / "hostile.db"
    fill_store(path, *hostile_inputs(), settings=web_settings)
    return path


class RecordingAnalyse:
    """Stands in for extract -> stories -> check -> brief: records what it was given, runs no model.

    It runs in the worker's child process, so it records into a file (``record``) that ``calls`` reads back.
    """

    def __init__(self, record: Path | None = None) -> None:
        self.record = record

    def __call__(self, store: Store, article_ids: list[str], job: Job, settings: Settings) -> None:
        if self.record is not None:
            with self.record.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"article_ids": list(article_ids), "pid": os.getpid()}) + "\n")
        job.step("extract", len(article_ids))
        job.done = len(article_ids)

    @property
    def calls(self) -> list[list[str]]:
        return [line["article_ids"] for line in self._lines()]

    @property
    def pids(self) -> list[int]:
        return [line["pid"] for line in self._lines()]

    def _lines(self) -> list[dict]:
        if self.record is None or not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text("utf-8").splitlines()]


@pytest.fixture
def analyse(tmp_path: Path) -> RecordingAnalyse:
    return RecordingAnalyse(tmp_path / "analysed.jsonl")


def make_client(db: Path, settings: Settings, analyse: RecordingAnalyse | None = None, **options: object) -> TestClient:
    worker = Worker(db, settings=settings, analyse=analyse or RecordingAnalyse())
    app = create_app(
        db,
        settings=settings,
        worker=worker,
        csrf_token=CSRF,
        allowed_hosts=options.pop("allowed_hosts", ("testserver",)),
        **options,
    )  # type: ignore[arg-type]
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def client(web_db: Path, web_settings: Settings, analyse: RecordingAnalyse) -> TestClient:
    with make_client(web_db, web_settings, analyse) as opened:
        yield opened


@pytest.fixture
def hostile_client(hostile_db: Path, web_settings: Settings) -> TestClient:
    with make_client(hostile_db, web_settings) as opened:
        yield opened
