"""Shared fixtures: paths to the real seeds and the demo corpus, settings, a fresh store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosswire.settings import Settings, load_settings
from crosswire.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEMO = ROOT / "examples" / "harbour-spill"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)  # no stray ./crosswire.toml or ./crosswire.db
    return load_settings()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds not present (real seed articles live outside the repo)")
    return SEEDS


@pytest.fixture
def demo_dir() -> Path:
    return DEMO


@pytest.fixture
def answer_key() -> dict[str, Any]:
    return json.loads((DEMO / "_answer_key.json").read_text("utf-8"))
