"""Sources added from the browser: a thread of the server queues each job and hands it to one long-lived
child process (``analysis``), which runs ingest -> extract -> stories -> cross-check -> brief and reports
its progress back for the job page to show. The server's process only serves pages.

Ingest goes through ``pipeline.run_ingest`` with ``allow_private=False``, exactly as the CLI does
without ``--allow-private``: a URL on a loopback or private address is refused and reported. Uploads
are saved into a private temporary folder first, ingested from there as files, and removed when the
job ends (also when the child process died under it).
"""

from __future__ import annotations

import itertools
import queue
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.settings import Settings
from crosswire.web.analysis import STAGES, Analyse, Child, Job, Task, analyse_articles, died

__all__ = ["MAX_KEPT_JOBS", "STAGES", "Analyse", "Job", "Worker", "analyse_articles"]

MAX_KEPT_JOBS = 50


class Worker:
    """Runs jobs one at a time in one long-lived child process, fed and watched by a thread of the server.

    The child is started (with the "spawn" method, so it shares nothing with the server's threads) on the
    first job, keeps its models loaded for the next ones, and runs at a lower CPU priority (``nice``), so
    page requests come first. If it dies, the job it was running fails and the next job starts a new one.
    """

    def __init__(self, db: Path, *, settings: Settings, analyse: Analyse = analyse_articles, nice: int = 5) -> None:
        self.db = db
        self.settings = settings
        self.analyse = analyse  # must be picklable (a module-level function or an instance of a module's class)
        self.nice = nice
        self.jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._child: Child | None = None

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
        """End the child process and the thread once the running job (if any) is done, waiting at most
        ``timeout`` seconds before ending the child by a signal.

        Jobs still queued are not run. A job cut short leaves the store as an interrupted CLI run would:
        each article, extraction and check is written in one transaction.
        """
        while not self._queue.empty():
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        thread = self._thread
        if thread is None:
            return
        thread.join(timeout)
        child = self._child
        if thread.is_alive() and child is not None:  # still in a job: end the child, and the job fails
            child.process.terminate()
            thread.join(timeout)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            self.run_job(job)
        if self._child is not None:
            self._child.end(timeout=5.0)
            self._child = None

    def run_job(self, job: Job) -> None:
        """Run one job in the child process to the end, recording a failure on the job rather than raising.

        The job shows its end (done or failed) only once its upload folder is removed.
        """
        job.state = "running"
        end: dict[str, Any] | None = None
        error = "The job did not run."
        try:
            if self._child is None or not self._child.alive():
                self._child = Child.start(nice=self.nice)
            end = self._child.run(Task(job.id, job.inputs, job.labels, self.db, self.settings, self.analyse), job)
            if end is None:
                error = died(self._child.process.exitcode)
                self._child.end(timeout=1.0)
                self._child = None
        except Exception as e:  # noqa: BLE001  (shown on the job page, not lost in a thread)
            error = f"{type(e).__name__}: {e}"
        finally:
            if job.folder is not None:
                shutil.rmtree(job.folder, ignore_errors=True)
            if end is not None:
                job.update(end)
            else:
                job.state, job.error = "failed", error


def _safe_name(name: str) -> str:
    """A file name with only the safe characters of ``name`` (its extension kept, so ingest knows the format)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in base).lstrip(".")
    return cleaned[-80:] or "upload.txt"
