"""A job's analysis, run in a child process of the server: ingest -> extract -> stories -> cross-check -> brief.

The worker (``worker.Worker``) starts one child with ``Child.start`` and sends it one ``Task`` at a time
over a pipe. The child opens its own ``Store`` on the same database (SQLite WAL; ``pipeline.run_ingest``
is safe beside other writers), loads the models on its first job and keeps them, and sends the job's
progress back as it goes: a snapshot of its ``Job`` a few times a second while it changes, and a last
one when the job is done or failed. If the child dies, the pipe reaches its end and the job fails with
the child's exit code; the worker starts a new child for the next job.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Literal

from crosswire import pipeline
from crosswire.settings import Settings
from crosswire.store import Store

JobState = Literal["queued", "running", "done", "failed"]
STAGES = ("ingest", "extract", "stories", "check", "brief")
REPORT_EVERY = 0.2  # seconds between the child's progress snapshots while a job runs
PROGRESS = ("state", "stage", "done", "total", "stored", "rejected", "story_ids", "error", "log", "pid")


@dataclass
class Job:
    """One batch of sources and how far its analysis got.

    The server's copy is written only by the worker's thread, from the snapshots the child sends.
    """

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
    pid: int | None = None  # the process that ran the analysis
    created_at: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "inputs": list(self.labels),
            "article_ids": list(self.stored),
            "rejected": [{"input": i, "reason": r} for i, r in self.rejected],
            "story_ids": list(self.story_ids),
            "error": self.error,
            "log": list(self.log),
            "pid": self.pid,
            "created_at": self.created_at,
        }

    def step(self, stage: str, total: int = 0) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self.log.append(stage)

    def progress(self) -> dict[str, Any]:
        """A snapshot of how far the job got (lists copied), for ``update`` in another process."""
        return {name: (list(value) if isinstance(value := getattr(self, name), list) else value) for name in PROGRESS}

    def update(self, progress: dict[str, Any]) -> None:
        for name in PROGRESS:
            setattr(self, name, progress[name])


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


@dataclass(frozen=True)
class Task:
    """What the child needs to run one job (sent pickled; ``analyse`` must be a module-level callable)."""

    job_id: str
    inputs: list[str]
    labels: list[str]
    db: Path
    settings: Settings
    analyse: Analyse


class Child:
    """The server's handle on the child process that runs the jobs."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    @classmethod
    def start(cls, *, nice: int = 0) -> Child:
        """Start a child process ("spawn": a fresh interpreter, nothing inherited from the server's threads)."""
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=serve_tasks, args=(theirs, nice), name="crosswire-analysis", daemon=True)
        process.start()
        theirs.close()  # so that our end reads end-of-file when the child exits
        return cls(process, ours)

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(self, task: Task, job: Job) -> dict[str, Any] | None:
        """Run ``task`` in the child, updating ``job`` from its reports while it runs.

        Returns:
            The child's last report, of the job done or failed (for ``job.update``), or None when the
            child died first (see ``died`` for the error to show).
        """
        self.conn.send(task)  # pickled here: a task that cannot be sent raises in the caller
        while True:
            try:
                progress: dict[str, Any] = self.conn.recv()
            except (EOFError, OSError):
                self.process.join(timeout=5.0)
                return None
            if progress["state"] in ("done", "failed"):
                return progress
            job.update(progress)

    def end(self, timeout: float) -> None:
        """Ask the child to exit once its current job is done; after ``timeout`` seconds, end it by a signal."""
        with contextlib.suppress(OSError, ValueError):  # already gone
            self.conn.send(None)
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5.0)
        self.conn.close()


def died(exitcode: int | None) -> str:
    """The one-line error of a job whose child process ended under it."""
    if exitcode is not None and exitcode < 0:
        how = f"was killed by {signal.Signals(-exitcode).name}"
    else:
        how = f"exited with code {exitcode}"
    return f"The analysis process {how} before the job ended; articles stored before that are kept."


# --------------------------------------------------------------------------- in the child process


def serve_tasks(conn: Connection, nice: int) -> None:
    """The child's main loop: run each task received, until ``None`` or the server's end of the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the server's to handle
    if nice:
        os.nice(nice)
    lock = threading.Lock()

    def send(progress: dict[str, Any]) -> None:
        with lock:
            conn.send(progress)

    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        run_task(task, send)


def run_task(task: Task, send: Callable[[dict[str, Any]], None]) -> None:
    """Run one job here, sending its progress while it changes and once more at its end."""
    job = Job(id=task.job_id, inputs=task.inputs, labels=task.labels, state="running", pid=os.getpid())
    finished = threading.Event()
    reporter = threading.Thread(target=_report, args=(job, send, finished), name="crosswire-progress", daemon=True)
    reporter.start()
    try:
        with Store.open(task.db) as store:
            ids = _ingest(store, job, task.settings)
            if ids:
                task.analyse(store, ids, job, task.settings)
        job.state, job.stage = "done", "done"
    except Exception as e:  # noqa: BLE001  (shown on the job page)
        job.state, job.error = "failed", f"{type(e).__name__}: {e}"
    finally:
        finished.set()
        reporter.join()
        send(job.progress())


def _report(job: Job, send: Callable[[dict[str, Any]], None], finished: threading.Event) -> None:
    last: dict[str, Any] = {}
    while not finished.wait(REPORT_EVERY):
        progress = job.progress()
        if progress != last and progress["state"] == "running":
            send(progress)
            last = progress


def _ingest(store: Store, job: Job, settings: Settings) -> list[str]:
    job.step("ingest", len(job.inputs))
    labels = dict(zip(job.inputs, job.labels, strict=True))
    for outcome in pipeline.run_ingest(store, job.inputs, settings=settings, allow_private=False):
        shown = next((labels[i] for i in labels if outcome.input.startswith(i)), outcome.input)
        if outcome.status == "rejected":
            job.rejected.append((shown, outcome.detail))
        elif outcome.article_id and outcome.article_id not in job.stored:
            job.stored.append(outcome.article_id)
        job.done += 1
    return list(job.stored)
