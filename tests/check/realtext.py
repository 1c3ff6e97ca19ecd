"""Real articles for the end-to-end tests: the seed articles and the demo corpus, extracted once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from crosswire.model import Article, Extraction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples" / "harbour-spill"


def extractor():
    """The real extractor, or skip the test with the reason it is unusable."""
    try:
        from crosswire.extract import extract_articles, load_nlp
    except ImportError as e:  # the extraction stage is being written in parallel
        pytest.skip(f"extractor not available: {e}")
    return load_nlp(), extract_articles


def extract(articles: list[Article]) -> dict[str, Extraction]:
    nlp, extract_articles = extractor()
    return {extraction.article_id: extraction for extraction in extract_articles(articles, nlp=nlp)}


def seed_articles() -> list[Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles absent: {SEEDS}")
    return [
        Article(id=path.stem, text=path.read_text("utf-8"), source=path.stem) for path in sorted(SEEDS.glob("*.txt"))
    ]


def answer_key_path() -> Path | None:
    for name in ("_answer_key.json", "answer_key.json"):
        if (DEMO / name).is_file():
            return DEMO / name
    return None


def demo_articles() -> list[Article]:
    """The demo articles, ids = file names, syndication groups from the project's own de-duplication."""
    from crosswire.dedupe import DupIndex, assign_group, signature
    from crosswire.settings import load_settings

    if answer_key_path() is None:
        pytest.skip("examples/harbour-spill has no answer key yet")
    settings = load_settings()
    index = DupIndex(threshold=settings.near_dup_threshold, num_perm=settings.minhash_perm)
    articles = []
    for path in sorted(DEMO.glob("*.md")):
        text = path.read_text("utf-8")
        head, body = text.split("\n---\n", 1) if text.startswith("---") else ("", text)
        fields = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        article = Article(id=path.name, text=body.strip(), source=fields.get("source"), published_at=fields.get("date"))
        minhash = signature(article.text, num_perm=settings.minhash_perm, shingle_words=settings.shingle_words)
        articles.append(assign_group(article, minhash, index))
    # an original read after its copies takes over their group
    return [dataclasses.replace(a, dup_group=index.group(a.id)) if a.id in index.moved else a for a in articles]
