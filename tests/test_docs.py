"""Meta-tests: the docs cover every command and every setting, and the CLI reference is current."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.check.calibration import packaged
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
    written = f"`[{field}]`" if field == "check" else f"`{field}`"  # the calibration tables' section
    assert written in (DOCS / "settings.md").read_text("utf-8")


@pytest.mark.parametrize("key", [f"{name}.{key}" for name, table in packaged().items() for key in table])
def test_calibration_number_is_documented(key: str) -> None:
    assert f"`{key}`" in (DOCS / "settings.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text("utf-8")[:600]
    assert "make demo" in head and "make test" in head
