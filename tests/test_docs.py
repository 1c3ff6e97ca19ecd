"""Meta-tests: the docs cover every command and every setting, and the CLI reference is current."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.cli import cli
from crosswire.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_documented(name: str) -> None:
    assert f"## crosswire {name}" in (DOCS / "cli.md").read_text("utf-8")


def test_cli_reference_is_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"], check=False)
    assert result.returncode == 0, "docs/cli.md is stale: run `make docs`"


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Settings)])
def test_setting_is_documented(field: str) -> None:
    assert f"`{field}`" in (DOCS / "settings.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text("utf-8")[:600]
    assert "make demo" in head and "make test" in head
