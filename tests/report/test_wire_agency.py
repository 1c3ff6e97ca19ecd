"""The brief names the agency behind shared wire text: '3 outlets, 1 independent (PTI)'."""

from __future__ import annotations

import json

import jsonschema
import pytest
from rich.console import Console

from crosswire.model import Article, CheckResult, Evidence, Extraction, Fact, Sentence, Story
from crosswire.report import SCHEMA_PATH, build_brief, render_html, render_json, render_markdown, render_terminal
from crosswire.report.brief import Citation, FactLine

WIRE = "The dredger Okapi capsized in the Veltmar channel on Monday night, and its crew of nine was rescued."
OWN = {
    "a1": "Harbour pilots had warned of the silted channel for months.",
    "a2": "The port said the channel would stay closed until the wreck is raised.",
    "a3": "A salvage barge is expected from Lindholt on Wednesday.",
}
OWN_REPORT = "Nine crew members of the dredger Okapi were pulled from the water after it capsized on Monday."


def _article(article_id: str, source: str, paragraphs: list[str]) -> tuple[Article, Extraction]:
    text = "\n".join(paragraphs)
    sentences, at = [], 0
    for i, paragraph in enumerate(paragraphs):
        sentences.append(Sentence(i, at, at + len(paragraph), paragraph))
        at += len(paragraph) + 1
    return Article(article_id, text, title=f"Okapi {article_id}", source=source), Extraction(
        article_id, "t", "en", tuple(sentences)
    )


def _brief(sources: dict[str, str], *, own_report: bool):
    """Three outlets printing one wire sentence (and a fourth reporting it itself when ``own_report``)."""
    pairs = [
        _article("a1", sources["a1"], ["VELTMAR, Mar 3 (PTI) - " + WIRE, OWN["a1"]]),
        _article("a2", sources["a2"], [OWN["a2"], WIRE]),
        _article("a3", sources["a3"], [WIRE, OWN["a3"]]),
    ]
    if own_report:
        pairs.append(_article("a4", "Coast Daily", [OWN_REPORT]))
    articles = [a for a, _ in pairs]
    extractions = {e.article_id: e for _, e in pairs}
    evidence = []
    for article in articles:
        sentence = OWN_REPORT if article.id == "a4" else WIRE
        start = article.text.index(sentence)
        evidence.append(Evidence(article.id, sentence, start, start + len(sentence)))
    independent = 2 if own_report else 1
    fact = Fact("f-okapi", WIRE, "confirmed" if own_report else "single-source", independent, tuple(evidence))
    story = Story("s1", "Okapi", tuple(a.id for a in articles))
    check = CheckResult("s1", story.article_ids, (), (fact,), ())
    return build_brief(story, articles, extractions, check, generated_at="t"), articles


PLAIN = {"a1": "Veltmar Courier", "a2": "Eastern Tribune", "a3": "Quay Review"}


@pytest.mark.parametrize(
    ("sources", "own_report", "support"),
    [
        (PLAIN, False, "3 outlets, 1 independent (PTI)"),  # the dateline of one carrier names it
        (PLAIN, True, "4 outlets, 2 independent (incl. PTI)"),  # the wire is one source of two
        ({**PLAIN, "a2": "Eastern Tribune (AFP)", "a3": "Quay Review (AFP)"}, False, "3 outlets, 1 independent (AFP)"),
        ({**PLAIN, "a2": "Eastern Tribune (AFP)"}, False, "3 outlets, 1 independent"),  # PTI once, AFP once
    ],
)
def test_fact_support_names_the_agency_of_the_shared_passage(
    sources: dict[str, str], own_report: bool, support: str
) -> None:
    brief, _ = _brief(sources, own_report=own_report)
    [fact] = brief.facts
    assert fact.support == support


def test_no_agency_is_named_without_a_credit() -> None:
    brief, _ = _brief(PLAIN, own_report=False)
    [fact] = brief.facts
    assert fact.agencies == ("PTI",)
    unnamed = FactLine(fact.fact_id, fact.text, fact.status, 1, 0.0, fact.citations)
    assert unnamed.support == "3 outlets, 1 independent"


def test_every_renderer_shows_outlets_and_agency() -> None:
    brief, articles = _brief(PLAIN, own_report=True)
    assert "[1][2][3][4] · 4 outlets, 2 independent (incl. PTI)\n" in render_markdown(brief)
    assert '<span class="chip confirmed">4 outlets, 2 independent (incl. PTI)</span>' in render_html(
        brief, {a.id: a for a in articles}
    )
    console = Console(width=200, record=True)
    render_terminal(brief, console)
    assert "[1][2][3][4] 4 outlets, 2 independent (incl. PTI)" in console.export_text()
    data = render_json([brief], articles)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))).validate(data)
    [fact] = data["stories"][0]["facts"]
    assert (fact["outlets"], fact["independent_sources"], fact["agencies"]) == (4, 2, ["PTI"])


@pytest.mark.parametrize(
    ("independent", "agencies", "support"),
    [
        (1, ("Reuters",), "2 outlets, 1 independent (Reuters)"),
        (2, ("AFP", "PTI"), "2 independent sources"),  # as many sources as outlets: nothing shared, no agency
        (1, (), "2 outlets, 1 independent"),
    ],
)
def test_support_wording(independent: int, agencies: tuple[str, ...], support: str) -> None:
    citations = tuple(Citation(n, f"a{n}", f"ev-{n}", "s", 0, 1) for n in (1, 2))
    line = FactLine("f", "t", "confirmed", independent, 0.0, citations, (), agencies)
    assert line.support == support
