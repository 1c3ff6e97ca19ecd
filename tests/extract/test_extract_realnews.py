"""Extraction fixes seen on the real-news set: whole names, titles of works, 'he said' speakers.

Reads ``../shared/eval/realnews`` (third-party text, never copied here); skipped when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest import draft_from_text
from crosswire.model import Article, Extraction
from crosswire.text import normalize_text

REALNEWS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "realnews"


@pytest.fixture(scope="module")
def realnews(nlp) -> dict[str, tuple[Article, Extraction]]:
    from crosswire.extract import extract_articles

    if not REALNEWS.is_dir():
        pytest.skip(f"real-news set absent: {REALNEWS}")
    articles = []
    for path in sorted(REALNEWS.glob("*/*.md")):
        if path.name.startswith("_") or path.name in {"SOURCE.md", "README.md"}:
            continue
        draft = draft_from_text(path.read_text("utf-8"), origin=str(path))
        articles.append(Article(path.name, normalize_text(draft.text), published_at=draft.published_at))
    return {a.id: (a, e) for a, e in zip(articles, extract_articles(articles, nlp=nlp), strict=True)}


@pytest.mark.parametrize(
    ("name", "family"), [("Min Aung Hlaing", "Hlaing"), ("Tek Bahadur KC", "KC"), ("Francis Scott Key", "Key")]
)
def test_multi_word_names_are_never_cut(realnews, name, family):
    written = {p.refers_to for _, e in realnews.values() for p in e.people if p.family == family and p.given}
    first = name.split()[0]
    assert name in written
    assert f"{first} {family}" not in written  # 'Min Hlaing', 'Tek KC', 'Francis Key'


def test_song_title_is_not_a_quote(realnews):
    quotes = [q for _, e in realnews.values() for q in e.quotes]
    assert quotes and not [q for q in quotes if "Spangled Banner" in q.text]


def test_he_said_goes_to_the_governor_named_before(realnews):
    article, extraction = realnews["wftv.md"]
    [quote] = [q for q in extraction.quotes if q.text.startswith("We've got to bring these families closure")]
    assert quote.speaker == "Wes Moore"


def test_no_extractor_fails_on_real_reporting(realnews):
    """An extractor that raises is caught and noted, so the article still goes through: a bug would
    then pass silently. On 45 real articles no extractor may fail."""
    failed = [(name, note) for name, (_, x) in realnews.items() for note in x.notes if " failed: " in note]
    assert failed == []
