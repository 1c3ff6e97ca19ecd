"""Sources added from the browser: uploads and URLs go through the CLI's ingest (private addresses
refused), a background job runs the rest, and its page shows progress until it is done."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crosswire.settings import Settings
from crosswire.store import Store
from crosswire.web.app import MAX_UPLOAD_BYTES
from crosswire.web.worker import Job, _safe_name

from .conftest import CSRF, RecordingAnalyse, make_client

ORIGIN = {"origin": "http://testserver"}
DEMO = Path(__file__).resolve().parents[2] / "examples" / "harbour-spill"


def wait_for(client: TestClient, job_id: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still running after {timeout}s")


def upload(client: TestClient, files: list[tuple[str, bytes]], urls: str = "") -> object:
    return client.post(
        "/sources",
        data={"csrf": CSRF, "urls": urls},
        files=[("files", (name, content, "text/markdown")) for name, content in files],
        headers=ORIGIN,
    )


def test_an_uploaded_file_is_ingested_and_analysed(client: TestClient, analyse: RecordingAnalyse, web_db: Path) -> None:
    content = (DEMO / "01-veltmar-courier.md").read_bytes()
    response = upload(client, [("veltmar.md", content)])
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    job = wait_for(client, job_id)
    assert job["state"] == "done", job
    assert job["inputs"] == ["veltmar.md"] and len(job["article_ids"]) == 1
    assert analyse.calls == [job["article_ids"]]
    with Store.open(web_db) as store:
        assert store.count_articles() == 5
    assert f'<a href="/jobs/{job_id}">Job {job_id}</a> · done' in client.get("/sources").text
    page = client.get(f"/jobs/{job_id}").text
    assert "<h1>Done</h1>" in page and 'http-equiv="refresh"' not in page
    assert f'href="/articles/{job["article_ids"][0]}"' in page


def test_private_and_loopback_urls_are_refused_like_the_cli(client: TestClient, analyse: RecordingAnalyse) -> None:
    response = client.post(
        "/api/sources",
        json={"urls": ["http://127.0.0.1:8765/api/stories", "http://10.0.0.7/x"]},
        headers={**ORIGIN, "x-csrf-token": CSRF},
    )
    assert response.status_code == 202
    job = wait_for(client, response.json()["id"])
    assert [r["input"] for r in job["rejected"]] == ["http://127.0.0.1:8765/api/stories", "http://10.0.0.7/x"]
    assert all("private or loopback" in r["reason"] for r in job["rejected"])
    assert job["article_ids"] == [] and analyse.calls == []


def test_a_job_page_refreshes_while_the_job_runs(client: TestClient) -> None:
    job = Job(id="99", inputs=["https://example.org/a"], labels=["https://example.org/a"], state="running")
    job.step("extract", 4)
    job.done = 1
    client.app.state.web.worker.jobs["99"] = job
    page = client.get("/jobs/99").text
    assert 'http-equiv="refresh" content="2"' in page
    assert '<li class="current">extract 1 / 4</li>' in page and '<progress max="4" value="1">' in page


def test_an_upload_over_the_limit_is_413(client: TestClient) -> None:
    response = upload(client, [("big.txt", b"x" * (MAX_UPLOAD_BYTES + 100_000))])
    assert response.status_code == 413


def test_nothing_to_add_is_400(client: TestClient) -> None:
    assert client.post("/sources", data={"csrf": CSRF, "urls": "  "}, headers=ORIGIN).status_code == 400
    assert client.post("/api/sources", json={"urls": []}, headers={**ORIGIN, "x-csrf-token": CSRF}).status_code == 400
    assert client.post("/api/sources", json={"urls": "x"}, headers={**ORIGIN, "x-csrf-token": CSRF}).status_code == 400


def broken(*args: object) -> None:
    """An analysis that fails (module-level, so the worker can send it to its child process)."""
    raise RuntimeError("model missing")


def crashing(*args: object) -> None:
    """An analysis whose process dies under it, as it would if the kernel killed it for its memory."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_failing_analysis_is_shown_on_the_job(client: TestClient, analyse: RecordingAnalyse) -> None:
    client.app.state.web.worker.analyse = broken
    job_id = upload(client, [("veltmar.md", (DEMO / "02-northsea-wire.md").read_bytes())]).headers["location"][6:]
    job = wait_for(client, job_id)
    assert job["state"] == "failed" and job["error"] == "RuntimeError: model missing"
    assert "RuntimeError: model missing" in client.get(f"/jobs/{job_id}").text


@pytest.mark.parametrize(
    "name,saved",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\evil.md", "evil.md"),
        ("<script>.md", "_script_.md"),
        (".bashrc", "bashrc"),
        ("", "upload.txt"),
    ],
)
def test_upload_names_are_made_safe(name: str, saved: str) -> None:
    assert _safe_name(name) == saved


def test_a_refused_upload_is_listed_under_its_own_name_escaped(client: TestClient) -> None:
    job_id = upload(client, [("<script>x</script>.md", b"too short")]).headers["location"][6:]
    job = wait_for(client, job_id)
    assert [r["input"] for r in job["rejected"]] == ["<script>x</script>.md"], job
    page = client.get(f"/jobs/{job_id}").text
    assert "<li>&lt;script&gt;x&lt;/script&gt;.md: " in page and "<script>" not in page
    assert "crosswire-upload-" not in page  # the temporary path is not shown


def test_the_analysis_runs_in_a_child_process_kept_for_the_next_job(
    client: TestClient, analyse: RecordingAnalyse
) -> None:
    first = wait_for(
        client, upload(client, [("a.md", (DEMO / "01-veltmar-courier.md").read_bytes())]).headers["location"][6:]
    )
    second = wait_for(
        client, upload(client, [("b.md", (DEMO / "02-northsea-wire.md").read_bytes())]).headers["location"][6:]
    )
    assert first["state"] == second["state"] == "done"
    assert first["pid"] is not None and first["pid"] != os.getpid()
    assert second["pid"] == first["pid"]  # one long-lived child: its models stay loaded
    assert analyse.pids == [first["pid"], second["pid"]]


def test_a_crashed_child_fails_its_job_and_the_next_job_still_runs(
    client: TestClient, analyse: RecordingAnalyse
) -> None:
    worker = client.app.state.web.worker
    worker.analyse = crashing
    crashed_id = upload(client, [("a.md", (DEMO / "01-veltmar-courier.md").read_bytes())]).headers["location"][6:]
    crashed = wait_for(client, crashed_id)
    assert crashed["state"] == "failed"
    assert crashed["error"] == (
        "The analysis process was killed by SIGKILL before the job ended; articles stored before that are kept."
    )
    assert "was killed by SIGKILL" in client.get(f"/jobs/{crashed_id}").text
    assert not worker.job(crashed_id).folder.exists()  # the upload folder is removed all the same
    worker.analyse = analyse
    job = wait_for(
        client, upload(client, [("b.md", (DEMO / "02-northsea-wire.md").read_bytes())]).headers["location"][6:]
    )
    assert job["state"] == "done" and len(job["article_ids"]) == 1
    assert job["pid"] not in (None, os.getpid(), crashed["pid"])


def test_stopping_the_app_ends_the_child(web_db: Path, web_settings: Settings, analyse: RecordingAnalyse) -> None:
    with make_client(web_db, web_settings, analyse) as client:
        job = wait_for(
            client, upload(client, [("a.md", (DEMO / "01-veltmar-courier.md").read_bytes())]).headers["location"][6:]
        )
        process = client.app.state.web.worker._child.process
    assert job["state"] == "done" and not process.is_alive() and process.exitcode == 0
