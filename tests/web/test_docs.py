"""Meta-test: docs/web.md names every page and API route the app serves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosswire.web.app import ROUTES

DOC = Path(__file__).resolve().parents[2] / "docs" / "web.md"
UNDOCUMENTED = {"/static/style.css", "/favicon.ico"}
PARAMETER = re.compile(r"\{\w+\}")


@pytest.mark.parametrize("path", sorted({r.path for r in ROUTES} - UNDOCUMENTED))  # type: ignore[attr-defined]
def test_route_is_documented(path: str) -> None:
    text = DOC.read_text("utf-8").replace("`GET ", "`").replace("`POST ", "`")
    assert "`" + PARAMETER.sub("{id}", path) in text
