"""End to end in the system Chromium, driven by Playwright: the stories page, a story with its
dispute and both sides' evidence, then the cited article with the sentence highlighted.

Uses Debian's ``/usr/bin/chromium`` (never ``playwright install``); skipped when it is absent.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.settings import Settings

from .conftest import RecordingAnalyse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright (the dev extra) not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")


@pytest.fixture
def server(hostile_db: Path, web_settings: Settings) -> Iterator[str]:
    """``crosswire serve``'s app on uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from crosswire.web.app import create_app
    from crosswire.web.worker import Worker

    app = create_app(
        hostile_db, settings=web_settings, worker=Worker(hostile_db, settings=web_settings, analyse=RecordingAnalyse())
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(5)
    sock.close()


def test_open_a_story_see_a_dispute_open_the_article(server: str) -> None:
    problems: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            page.goto(server + "/")
            assert page.title() == "Stories · crosswire"
            page.get_by_role("link", name="Oil spill <script>alert(1)</script>").click()
            page.wait_for_url("**/stories/s1")
            assert page.locator("h1").inner_text() == "Oil spill <script>alert(1)</script>"

            dispute = page.locator(".dispute").first
            assert "harbourmaster <script>" in dispute.locator("h3").inner_text()
            sides = dispute.locator(".side")
            assert sides.count() == 2
            assert "Harbourmaster Dana Reyes said" in sides.nth(0).inner_text()
            assert "Harbourmaster Dana Rees said crews were working hard." in sides.nth(1).inner_text()
            # the page is styled by the brief's stylesheet: the high-severity card has its red edge
            assert dispute.evaluate("e => getComputedStyle(e).borderLeftWidth") == "5px"

            sides.nth(1).locator("blockquote a").click()
            page.wait_for_url("**/articles/a4?mark=*")
            assert page.locator("h1").inner_text() == "A town and its harbour"
            assert page.locator("mark#ev").inner_text() == "Harbourmaster Dana Rees said crews were working hard."
            assert page.locator(".kicker").first.inner_text().endswith("BAY CHRONICLE")

            page.fill("input[name=q]", "chowder")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/search?q=chowder")
            assert page.locator(".hit h3").all_inner_texts() == ["A town and its harbour"]
            assert page.locator(".hit mark").first.inner_text() == "chowder"
        finally:
            browser.close()
    assert problems == []


def test_the_add_sources_form_posts_with_its_csrf_token(server: str) -> None:
    """The real browser's form POST passes the same-origin and CSRF checks; the private URL is refused."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(server + "/sources")
            page.fill("#urls", "http://127.0.0.1:9/private")
            page.click("button[type=submit]")
            page.wait_for_url("**/jobs/*")
            for _ in range(50):  # the page refreshes itself every 2 s while the job runs
                if "Done" in page.locator("h1").inner_text():
                    break
                page.wait_for_timeout(200)
                page.reload()
            assert page.locator("h1").inner_text() == "Done"
            assert "private or loopback" in page.locator("ul.rejected").inner_text()
        finally:
            browser.close()
