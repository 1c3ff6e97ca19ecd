"""Issue #11: an XSS corpus through every output (terminal, Markdown rendered, HTML, JSON), in Chromium.

Skipped when Debian's ``chromium`` is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.xss import CHECK, PAYLOADS, pages
from tests.report.cdp import CHROMIUM, open_page

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")


def test_no_payload_runs_in_any_output(tmp_path: Path) -> None:
    """All payloads at once in every field here (4 pages); ``make fuzz`` tries them one by one."""
    executed = []
    with open_page(tmp_path / "profile") as page:
        for number, payload in enumerate([" ".join(PAYLOADS)]):
            folder = tmp_path / f"p{number}"
            folder.mkdir()
            for name, path in pages(payload, folder).items():
                page.call("Page.navigate", url=path.as_uri())
                page.wait_for("Page.loadEventFired")
                state = json.loads(page.evaluate(CHECK))
                if any(state.values()):
                    executed.append((name, payload, state))
    assert executed == []
