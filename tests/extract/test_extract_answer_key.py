"""The demo corpus's answer key (examples/harbour-spill/_answer_key.json), checked field by field.

Each key entry names an article and an exact substring of its body; the extraction of that body must
hold an item overlapping that substring with the key's values.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.extract import extract_articles, role_words
from crosswire.model import Article

DEMO = Path(__file__).resolve().parents[2] / "examples" / "harbour-spill"
KEY_PATH = next((DEMO / n for n in ("_answer_key.json", "answer_key.json") if (DEMO / n).is_file()), DEMO)
KEY = json.loads(KEY_PATH.read_text("utf-8")) if KEY_PATH.is_file() else {}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """('---' front matter as a dict, body) of a demo corpus file."""
    if not text.startswith("---\n"):
        return {}, text
    head, body = text[4:].split("\n---\n", 1)
    fields = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in fields.items()}, body


@pytest.fixture(scope="module")
def demo(nlp):
    if not KEY:
        pytest.skip("examples/harbour-spill/_answer_key.json not present")
    articles = []
    for name in KEY["articles"]:
        fields, body = split_front_matter((DEMO / name).read_text("utf-8"))
        articles.append(Article(id=name, text=body, published_at=fields.get("date")))
    extractions = {e.article_id: e for e in extract_articles(articles, nlp=nlp)}
    return {a.id: (a.text, extractions[a.id]) for a in articles}


def overlapping(items, body, entry):
    start = body.find(entry["text"])
    assert start >= 0, f"key text {entry['text']!r} not in {entry['article']}"
    end = start + len(entry["text"])
    return [item for item in items if item.start < end and start < item.end]


def ids(section):
    return [f"{e['article'][:2]}:{e['text'][:30]}" for e in KEY.get(section, [])]


@pytest.mark.parametrize("entry", KEY.get("people", []), ids=ids("people"))
def test_answer_key_people(demo, entry):
    body, extraction = demo[entry["article"]]
    found = {(p.given, p.family, role_words(p.role)) for p in overlapping(extraction.people, body, entry)}
    assert (entry["given"], entry["family"], role_words(entry["role"])) in found


@pytest.mark.parametrize("entry", KEY.get("figures", []), ids=ids("figures"))
def test_answer_key_figures(demo, entry):
    body, extraction = demo[entry["article"]]
    found = {
        (f.value, f.unit, f.rate, f.approx is not None, f.currency)
        for f in overlapping(extraction.figures, body, entry)
    }
    assert (entry["value"], entry["unit"], entry["rate"], entry["approx"], entry["currency"]) in found


@pytest.mark.parametrize("entry", KEY.get("dates", []), ids=ids("dates"))
def test_answer_key_dates(demo, entry):
    body, extraction = demo[entry["article"]]
    assert entry["resolved"] in {d.value for d in overlapping(extraction.dates, body, entry)}


@pytest.mark.parametrize("entry", KEY.get("quotes", []), ids=ids("quotes"))
def test_answer_key_quotes(demo, entry):
    body, extraction = demo[entry["article"]]
    found = {(q.text, q.speaker) for q in overlapping(extraction.quotes, body, entry)}
    assert (entry["text"], entry["speaker"]) in found


def test_answer_key_filler_article_has_highest_filler_share(demo):
    def share(extraction):
        return sum(not c.checkable for c in extraction.claims) / len(extraction.claims)

    shares = {name: share(extraction) for name, (_, extraction) in demo.items()}
    assert max(shares, key=shares.get) == KEY["filler"], shares
