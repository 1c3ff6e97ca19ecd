"""Sources added from the browser: one background thread runs each job, ingest -> extract ->
stories -> cross-check -> brief, and records its progress for the job page to show.

Ingest goes through ``pipeline.run_ingest`` with ``allow_private=False``, exactly as the CLI does
without ``--allow-private``: a URL on a loopback or private address is refused and reported. Uploads
are saved into a private temporary folder first and ingested from there as files.
"""

from __future__ import annotations

import itertools
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from crosswire import pipeline
from crosswire.settings import Settings
from crosswire.store import Store

JobState = Literal["queued", "running", "done", "failed"]
STAGES = ("ingest", "extract", "stories", "check", "brief")
MAX_KEPT_JOBS = 50


@dataclass
class Job:
    """One batch of sources and how far its analysis got. Only the worker thread writes it."""

    id: str
    inputs: list[str]
    labels: list[str]  # what to show for each input (an upload's own file name, not its temp path)
    folder: Path | None = None  # the temporary folder of uploaded files, removed when done
    state: JobState = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    stored: list[str] = field(default_factory=list)  # article ids stored or found
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    story_ids: list[str] = field(default_factory=list)
    error: str | None = None
    log: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "state": self.state, "stage": self.stage, "done": self.done, "total": self.total,
                "inputs": list(self.labels), "article_ids": list(self.stored),
                "rejected": [{"input": i, "reason": r} for i, r in self.rejected],
                "story_ids": list(self.story_ids), "error": self.error, "log": list(self.log),
                "created_at": self.created_at}

    def step(self, stage: str, total: int = 0) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self.log.append(stage)


Analyse = Callable[[Store, Sequence[str], Job, Settings], None]


def analyse_articles(store: Store, article_ids: Sequence[str], job: Job, settings: Settings) -> None:
    """Extract the new articles, cluster them into stories, and cross-check and brief each story they joined."""
    job.step("extract", pipeline.pending_extractions(store, article_ids))

    def extracted(_: object) -> None:
        job.done += 1

    pipeline.run_extract(store, list(article_ids), on_done=extracted)
    job.step("stories")
    stories = pipeline.run_stories(store)
    touched = [s for s in stories if set(s.article_ids) & set(article_ids)]
    job.step("check", len(touched))
    checked = []
    for story in touched:
        pipeline.run_extract(store, list(story.article_ids))  # its older articles may never have been extracted
        loaded = pipeline.load_story(store, story)
        checked.append((story, pipeline.run_check(store, story, settings=settings, loaded=loaded), loaded))
        job.done += 1
    job.step("brief", len(checked))
    generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    for story, result, loaded in checked:
        pipeline.build_story_brief(store, story, result, generated_at=generated_at, history=True, loaded=loaded)
        job.story_ids.append(story.id)
        job.done += 1


class Worker:
    """Runs jobs one at a time on a daemon thread, each with its own store connection."""

    def __init__(self, db: Path, *, settings: Settings, analyse: Analyse = analyse_articles) -> None:
        self.db = db
        self.settings = settings
        self.analyse = analyse
        self.jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, urls: Sequence[str], uploads: Sequence[tuple[str, bytes]] = ()) -> Job:
        """Queue a job for these URLs and uploaded ``(file name, content)`` pairs."""
        folder = Path(tempfile.mkdtemp(prefix="crosswire-upload-")) if uploads else None
        inputs, labels = list(urls), list(urls)
        for number, (name, content) in enumerate(uploads):
            assert folder is not None  # made above whenever there are uploads
            path = folder / f"{number:03d}-{_safe_name(name)}"
            path.write_bytes(content)
            inputs.append(str(path))
            labels.append(name)
        with self._lock:
            job = Job(id=str(next(self._ids)), inputs=inputs, labels=labels, folder=folder)
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-MAX_KEPT_JOBS]:
                if self.jobs[old].state in ("done", "failed"):
                    del self.jobs[old]
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="crosswire-worker", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def job(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def recent(self, count: int = 10) -> list[Job]:
        """The latest jobs, newest first."""
        with self._lock:
            return list(self.jobs.values())[::-1][:count]

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread once the job it is running (if any) is done, waiting at most ``timeout`` seconds.

        Jobs still queued are not run. A job cut short by the process ending leaves the store as it
        would an interrupted CLI run: each article, extraction and check is written in one transaction.
        """
        while not self._queue.empty():
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            self.run_job(job)

    def run_job(self, job: Job) -> None:
        """Run one job to the end, recording a failure on the job rather than raising."""
        job.state = "running"
        try:
            with Store.open(self.db) as store:
                ids = self._ingest(store, job)
                if ids:
                    self.analyse(store, ids, job, self.settings)
            job.state, job.stage = "done", "done"
        except Exception as e:  # noqa: BLE001  (shown on the job page, not lost in a thread)
            job.state, job.error = "failed", f"{type(e).__name__}: {e}"
        finally:
            if job.folder is not None:
                shutil.rmtree(job.folder, ignore_errors=True)

    def _ingest(self, store: Store, job: Job) -> list[str]:
        job.step("ingest", len(job.inputs))
        labels = dict(zip(job.inputs, job.labels, strict=True))
        for outcome in pipeline.run_ingest(store, job.inputs, settings=self.settings, allow_private=False):
            shown = next((labels[i] for i in labels if outcome.input.startswith(i)), outcome.input)
            if outcome.status == "rejected":
                job.rejected.append((shown, outcome.detail))
            elif outcome.article_id and outcome.article_id not in job.stored:
                job.stored.append(outcome.article_id)
            job.done += 1
        return list(job.stored)


def _safe_name(name: str) -> str:
    """A file name with only the safe characters of ``name`` (its extension kept, so ingest knows the format)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base).lstrip(".")
    return cleaned[-80:] or "upload.txt"
