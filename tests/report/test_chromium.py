"""The HTML brief in headless Chromium: it renders, logs no errors, and a citation click reveals evidence.

Skipped when Debian's ``chromium`` is not installed (``apt-get install -y chromium``).
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
from pathlib import Path

import pytest

from crosswire.report import build_brief, render_html

from .cdp import CHROMIUM, chromium_command, open_page
from .fixtures import make_inputs

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    story, articles, extractions, check = make_inputs(hostile=True)
    brief = build_brief(story, articles, extractions, check, generated_at="2026-03-05T00:00:00Z")
    path = tmp_path / "brief.html"
    path.write_text(render_html(brief, {a.id: a for a in articles}), encoding="utf-8")
    return path


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = chromium_command(
        tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", *args
    )
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_chromium_renders_a_screenshot(tmp_path: Path, page_file: Path) -> None:
    shot = tmp_path / "brief.png"
    result = run_chromium(tmp_path, "--window-size=1000,2400", f"--screenshot={shot}", page_file.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1000, 2400)
    assert shot.stat().st_size > 20_000  # a page with content, not a blank canvas
    assert console_lines(result.stderr) == []


def test_chromium_hash_opens_article_and_marks_evidence(tmp_path: Path, page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    anchor = re.search(r'<mark id="(ev-4-[\d-]+)"', html).group(1)
    result = run_chromium(tmp_path, "--dump-dom", f"{page_file.as_uri()}#{anchor}")
    dom = result.stdout
    assert f'<mark id="{anchor}" class="revealed">' in dom
    assert '<details class="article" id="art-4" open="">' in dom
    assert f'data-revealed="{anchor}"' in dom
    assert "<script>alert(1)" not in dom  # the hostile article stayed text
    assert console_lines(result.stderr) == []


def test_chromium_citation_click_reveals_evidence(tmp_path: Path, page_file: Path) -> None:
    with open_page(tmp_path / "profile") as page:
        page.call("Page.navigate", url=page_file.as_uri())
        page.wait_for("Page.loadEventFired")
        before = page.evaluate("document.querySelectorAll('details[open]').length")
        state = json.loads(
            page.evaluate("""(() => {
            const link = document.querySelector('#disputed a.cite[href^="#ev-4-"]');
            link.click();
            const mark = document.getElementById(link.getAttribute('href').slice(1));
            const box = mark.getBoundingClientRect();
            return JSON.stringify({
                id: mark.id, tag: mark.tagName, revealed: mark.classList.contains('revealed'),
                open: mark.closest('details').open, visible: box.height > 0 && box.top >= 0
                    && box.bottom <= window.innerHeight, hash: location.hash,
                text: mark.textContent});
        })()""")
        )
        errors = page.errors()
    assert before == 0
    assert state["tag"] == "MARK" and state["revealed"] and state["open"] and state["visible"]
    assert state["hash"] == f"#{state['id']}"
    assert state["text"] == "Harbourmaster Dana Rees said crews were working hard."
    assert errors == []
