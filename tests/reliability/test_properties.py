"""Property-based tests (issue #11): whatever the input, a result or a one-line rejection, never a traceback.

Inputs are random text and real text (the demo corpus) mutated with hostile strings: console markup,
ANSI/OSC escapes, control characters, bidi overrides, HTML and script tags, template syntax, deep or
huge JSON, and 1 MB lines. They go through ingest (text, Markdown, JSON, JSONL, HTML, feeds),
extraction, the cross-check and every renderer. ``CROSSWIRE_FUZZ_EXAMPLES`` / ``_PROFILE`` set how
many (``make fuzz``).
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console

from crosswire.check import check_story
from crosswire.extract import extract_articles
from crosswire.fetch import Page
from crosswire.ingest import Ingested, load_inputs
from crosswire.model import Rejected
from crosswire.pipeline import story_of
from crosswire.report import build_brief, render_html, render_json, render_markdown, render_terminal
from crosswire.settings import DEFAULTS, load_settings

DEMO = Path(__file__).resolve().parents[2] / "examples" / "harbour-spill"
REAL = [p.read_text("utf-8") for p in sorted(DEMO.glob("*.md"))]
SETTINGS = load_settings(DEFAULTS)
HOSTILE = [
    "[/x]",
    "[bold]",
    "[/]",
    "[link=javascript:alert(1)]x[/link]",
    "\x1b[31m",
    "\x1b]8;;http://e\x07",
    "\x1b[2J",
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\x0b",
    "\x85",
    "\u2028",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u200b",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea>",
    "]]>",
    "<!--",
    "{{ 7*7 }}",
    "{% raw %}",
    "%s%n",
    "${x}",
    "'; DROP TABLE articles; --",
    "\\",
    "*_`|#>",
    "\n\n\n",
    "“”‘’",
    "ﬁ",
    "𝔘𝔫𝔦",
    "12,000 litres",
    "on 31 February 2026",
    "-1",
    "1e308",
    "NaN",
    "Mr. ",
    '"',
    "'",
]
fragment = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))


@st.composite
def mutated_text(draw: st.DrawFn, *, max_chars: int = 3000) -> str:
    """A real article (or random text) with hostile fragments inserted, parts dropped or repeated."""
    text = draw(st.one_of(st.sampled_from(REAL), st.text(max_size=400)))[:max_chars]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if operation == "insert":
            text = text[:at] + draw(fragment) + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + draw(st.integers(0, 200)) :]
        else:
            text = text[:at] + text[at : at + 80] * draw(st.integers(1, 4)) + text[at:]
    return text


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), mutated_text(max_chars=600)),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "body", "title", "date", "url", "source", "author", "id", "x"]),
            children,
            max_size=6,
        )
    ),
    max_leaves=12,
)


def assert_result_or_one_line_rejection(results: Sequence[object]) -> None:
    assert results, "every input yields at least one result"
    for result in results:
        assert isinstance(result, Ingested | Rejected)
        if isinstance(result, Rejected):
            assert result.reason and "\n" not in result.reason and "Traceback" not in result.reason
        else:
            assert result.article.text and result.article.id


def ingest_file(name: str, data: bytes) -> list[object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(load_inputs([str(path)], settings=SETTINGS))


@given(
    suffix=st.sampled_from([".txt", ".md", ".html"]),
    text=mutated_text(),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "bytes"]),
    raw=st.binary(max_size=200),
)
def test_text_markdown_and_html_files(suffix: str, text: str, encoding: str, raw: bytes) -> None:
    data = raw + text.encode("utf-8", "replace") if encoding == "bytes" else text.encode(encoding, "replace")
    assert_result_or_one_line_rejection(ingest_file("a" + suffix, data))


@given(
    records=st.lists(json_value, max_size=5),
    as_lines=st.booleans(),
    junk=st.sampled_from(
        ["", "[" * 3000, '{"text": ' + "9" * 5000 + "}", "\x00", "\ufeff", '{"text": "' + "x" * 1_000_000 + '"}']
    ),
)
def test_json_and_jsonl_files(records: list[object], as_lines: bool, junk: str) -> None:
    if as_lines:
        lines = [json.dumps(r) for r in records] + ([junk] if junk else [])
        assert_result_or_one_line_rejection(ingest_file("a.jsonl", "\n".join(lines).encode()))
    else:
        body = json.dumps(records) if not junk else junk + json.dumps(records)
        assert_result_or_one_line_rejection(ingest_file("a.json", body.encode()))


class Canned:
    def __init__(self, pages: dict[str, tuple[str, bytes]]) -> None:
        self.pages = pages

    def fetch(self, url: str) -> Page:
        ctype, body = self.pages.get(url, ("text/html", b"<html><body>gone</body></html>"))
        return Page(url, body, ctype)


@given(
    titles=st.lists(mutated_text(max_chars=100), max_size=6),
    links=st.lists(
        st.one_of(
            st.sampled_from(
                ["https://e.org/feed", "https://e.org/a", "http://[::1/", "http://h:abc/", "javascript:x", ""]
            ),
            st.text(max_size=30),
        ),
        max_size=6,
    ),
    body=mutated_text(),
    broken=st.booleans(),
)
def test_feeds(titles: list[str], links: list[str], body: str, broken: bool) -> None:
    def esc(text: str) -> str:
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text).replace("&", "&amp;").replace("<", "&lt;")

    items = "".join(
        f"<item><title>{esc(t)}</title><link>{esc(link)}</link></item>" for t, link in zip(titles, links, strict=False)
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
    if broken:
        feed = feed[: len(feed) // 2] + "<feed <entry<link</item</link>"
    page = f"<html><body><article><p>{esc(body)}</p></article></body></html>"
    fetcher = Canned(
        {"https://e.org/feed": ("application/rss+xml", feed.encode()), "https://e.org/a": ("text/html", page.encode())}
    )
    results = list(load_inputs(["https://e.org/feed"], settings=SETTINGS, fetcher=fetcher))
    assert_result_or_one_line_rejection(results)


class HashEmbedder:
    """Bag-of-hashed-words vectors: sentences sharing words are near (no model)."""

    def embed(self, texts: Sequence[str]) -> numpy.ndarray:
        rows = numpy.zeros((len(texts), 384), dtype=numpy.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                rows[i, zlib.crc32(word.encode()) % 384] += 1.0
            rows[i] /= max(float(numpy.linalg.norm(rows[i])), 1e-9)
        return rows


@given(
    texts=st.lists(mutated_text(max_chars=2500), min_size=1, max_size=3),
    outlets=st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)), min_size=3, max_size=3),
    dates=st.lists(
        st.one_of(st.none(), st.sampled_from(HOSTILE), st.text(max_size=12), st.just("2026-03-02T10:00:00Z")),
        min_size=3,
        max_size=3,
    ),
)
def test_extraction_cross_check_and_every_renderer(
    nlp_pipeline,
    texts: list[str],
    outlets: list[str],  # noqa: ANN001
    dates: list[str | None],
) -> None:
    from dataclasses import replace

    from crosswire.ingest import Draft, finish

    articles = []
    for n, text in enumerate(texts):
        result = finish(Draft(origin=f"a{n}.txt", text=text, title=text[:60]), settings=SETTINGS)
        if isinstance(result, Ingested):
            articles.append(replace(result.article, source=outlets[n], published_at=dates[n]))
    if not articles:
        return
    articles = list({a.id: a for a in articles}.values())
    extractions = {e.article_id: e for e in extract_articles(articles, nlp=nlp_pipeline)}
    assert set(extractions) == {a.id for a in articles}
    story = story_of(articles)
    check = check_story(story.id, articles, extractions, embedder=HashEmbedder())
    brief = build_brief(story, articles, extractions, check, generated_at="2026-03-05T00:00:00Z")
    html = render_html(brief, {a.id: a for a in articles})
    markdown_html = MarkdownIt("commonmark").render(render_markdown(brief)).lower()
    for tag in ("<script>alert", "<img"):
        assert tag not in markdown_html, markdown_html[max(0, markdown_html.index(tag) - 300) :][:400]
        assert tag not in html.lower()
    json.dumps(render_json([brief], articles))
    console = Console(file=io.StringIO(), record=True, width=100, force_terminal=True)
    render_terminal(brief, console)
    shown = console.export_text(styles=False)
    assert "\x1b]" not in shown and "\x07" not in shown
