"""render_html / render_index_html: escaping, self-containment, citations that lead to marked evidence."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from crosswire.model import CheckResult, Story
from crosswire.report import build_brief, render_html, render_index_html
from crosswire.report.brief import Brief
from crosswire.report.html import script_hash

from .fixtures import SCRIPT, make_inputs


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def page_and_brief(**options: bool) -> tuple[str, Brief]:
    story, articles, extractions, check = make_inputs(**options)
    brief = build_brief(story, articles, extractions, check, generated_at="t")
    return render_html(brief, {a.id: a for a in articles}), brief


def test_html_escapes_script_from_title_text_and_quote() -> None:
    page, _ = page_and_brief(hostile=True)
    assert SCRIPT not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # title, article text, quote
    tags = parse(page)
    assert [tag for tag, _ in tags.tags].count("script") == 1  # only the page's own
    assert "alert" not in "".join(tags.scripts)


def test_html_is_self_contained() -> None:
    page, _ = page_and_brief()
    tags = parse(page)
    assert not [attrs for tag, attrs in tags.tags if "src" in attrs]
    assert not [tag for tag, _ in tags.tags if tag in {"link", "iframe", "object", "embed", "img"}]
    external = [attrs["href"] for tag, attrs in tags.tags if tag == "a" and not attrs["href"].startswith("#")]
    assert external == [f"https://example.org/a{n}" for n in range(1, 5)]  # the articles' own addresses
    assert "@media print" in page and 'name="viewport"' in page


def test_html_csp_allows_exactly_the_page_script() -> None:
    page, _ = page_and_brief()
    (script,) = parse(page).scripts
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src {script_hash(script)};" in policy
    assert policy.startswith("default-src 'none';")


def test_html_every_citation_leads_to_an_element() -> None:
    page, brief = page_and_brief()
    tags = parse(page)
    ids = {attrs["id"] for _, attrs in tags.tags if attrs.get("id")}
    cites = [attrs["href"][1:] for tag, attrs in tags.tags if tag == "a" and "cite" in (attrs.get("class") or "")]
    assert cites and set(cites) <= ids
    marks = [attrs["id"] for tag, attrs in tags.tags if tag == "mark"]
    assert len(marks) == len(set(marks))
    assert brief.takeaways[0].citations[0].anchor in marks


def test_html_marks_the_evidence_sentence_in_its_article() -> None:
    page, brief = page_and_brief()
    citation = brief.disputed[0].sides[1].citations[0]
    assert f'<mark id="{citation.anchor}">{citation.sentence}</mark>' in page


def test_html_matrix_is_inline_svg_with_escaped_labels() -> None:
    story, articles, extractions, check = make_inputs()
    facts = (replace(check.facts[0], text=f"Fact with {SCRIPT} & more"), *check.facts[1:])
    brief = build_brief(story, articles, extractions, replace(check, facts=facts), generated_at="t")
    page = render_html(brief, {a.id: a for a in articles})
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "&lt;script&gt;" in svg and "<script" not in svg
    assert svg.count('class="cell contradicts"') == 2


@pytest.mark.parametrize("case", ["no-articles", "one-article", "no-contradictions"])
def test_html_edge_cases_say_what_they_are(case: str) -> None:
    story, articles, extractions, check = make_inputs()
    if case == "no-articles":
        story, articles, check = Story("s0", "", ()), [], CheckResult("s0", ())
    elif case == "one-article":
        articles = articles[:1]
        check = CheckResult("s1", ("a1",), (), (), ())
    else:
        check = replace(check, contradictions=())
    page = render_html(build_brief(story, articles, extractions, check, generated_at="t"), {a.id: a for a in articles})
    expected = {
        "no-articles": "No articles to cross-check",
        "one-article": "Only one article (Harbour Gazette)",
        "no-contradictions": "No contradictions found among 4 articles from 3 independent sources.",
    }
    assert expected[case] in page
    assert ("Key takeaways" in page) == (case != "no-articles")


def test_index_lists_stories_with_links_and_escapes() -> None:
    story, articles, extractions, check = make_inputs()
    brief = build_brief(replace(story, headline=f"Spill {SCRIPT}"), articles, extractions, check, generated_at="t")
    page = render_index_html([brief])
    assert 'href="s1/brief.html"' in page and SCRIPT not in page and "&lt;script&gt;" in page
    assert "No stories" in render_index_html([])
