"""Sources added from the browser: uploads and URLs go through the CLI's ingest (private addresses
refused), a background job runs the rest, and its page shows progress until it is done."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crosswire.store import Store
from crosswire.web.app import MAX_UPLOAD_BYTES
from crosswire.web.worker import Job, _safe_name

from .conftest import CSRF, RecordingAnalyse

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
    return client.post("/sources", data={"csrf": CSRF, "urls": urls},
                       files=[("files", (name, content, "text/markdown")) for name, content in files], headers=ORIGIN)


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
    response = client.post("/api/sources", json={"urls": ["http://127.0.0.1:8765/api/stories", "http://10.0.0.7/x"]},
                           headers={**ORIGIN, "x-csrf-token": CSRF})
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


def test_a_failing_analysis_is_shown_on_the_job(client: TestClient, analyse: RecordingAnalyse) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("model missing")

    client.app.state.web.worker.analyse = broken
    job_id = upload(client, [("veltmar.md", (DEMO / "02-northsea-wire.md").read_bytes())]).headers["location"][6:]
    job = wait_for(client, job_id)
    assert job["state"] == "failed" and job["error"] == "RuntimeError: model missing"
    assert "RuntimeError: model missing" in client.get(f"/jobs/{job_id}").text


@pytest.mark.parametrize("name,saved", [
    ("../../etc/passwd", "passwd"), ("..\\..\\evil.md", "evil.md"), ("<script>.md", "_script_.md"),
    (".bashrc", "bashrc"), ("", "upload.txt"),
])
def test_upload_names_are_made_safe(name: str, saved: str) -> None:
    assert _safe_name(name) == saved


def test_a_refused_upload_is_listed_under_its_own_name_escaped(client: TestClient) -> None:
    job_id = upload(client, [("<script>x</script>.md", b"too short")]).headers["location"][6:]
    job = wait_for(client, job_id)
    assert [r["input"] for r in job["rejected"]] == ["<script>x</script>.md"], job
    page = client.get(f"/jobs/{job_id}").text
    assert "<li>&lt;script&gt;x&lt;/script&gt;.md: " in page and "<script>" not in page
    assert "crosswire-upload-" not in page  # the temporary path is not shown
