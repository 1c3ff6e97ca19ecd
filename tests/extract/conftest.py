"""Fixtures for the extraction tests: one pipeline per session and a helper to extract one text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.extract import extract_articles, load_nlp
from crosswire.model import Article, Extraction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / ".." / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples" / "harbour-spill"

Extract = Callable[..., Extraction]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Extract:
    """extract(text, published_at=None) -> the Extraction of one article made of ``text``."""

    def run(text: str, published_at: str | None = None, language: str | None = None) -> Extraction:
        article = Article(id="t", text=text, published_at=published_at, language=language)
        return next(extract_articles([article], nlp=nlp))

    return run


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The real seed articles by number ('000' -> text); skipped when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds not present")
    return {path.name[:3]: path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))}
