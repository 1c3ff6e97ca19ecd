"""`crosswire serve` shows the findings `crosswire brief` writes, on the demo corpus and on the real seeds.

Each corpus is briefed by the real command into a fresh store (brief.json); the web app over that store
must then give the same brief at ``/api/stories/{id}`` (all but when it was generated), and its story
page must show the same takeaways, disputes with each side's evidence, developing tallies and claims to
verify, each citing the same sentences.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from crosswire.cli import cli
from crosswire.settings import load_settings
from tests.conftest import DEMO, SEEDS

from .conftest import make_client

pytestmark = pytest.mark.slow
CORPORA = {"demo": DEMO, "seeds": SEEDS}
Span = tuple[str, int, int]  # (article id, start, end): one cited sentence


@pytest.fixture(scope="module", params=sorted(CORPORA))
def briefed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The store ``crosswire brief`` filled from one corpus, and the brief.json it wrote."""
    folder = CORPORA[request.param]
    if not folder.is_dir():
        pytest.skip(f"{folder} not present (the real seed articles live outside the repo)")
    out = tmp_path_factory.mktemp(request.param)
    args = ["--db", str(out / "store.db"), "brief", str(folder), "--out", str(out / "brief"), "--format", "json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / "store.db", json.loads((out / "brief" / "brief.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def served(briefed: tuple[Path, dict[str, Any]]) -> TestClient:
    with make_client(briefed[0], load_settings()) as client:
        yield client


def without_stamps(value: Any) -> Any:
    """``value`` without its ``generated_at`` fields (the web app's brief is stamped with its check's time)."""
    if isinstance(value, dict):
        return {k: without_stamps(v) for k, v in value.items() if k != "generated_at"}
    if isinstance(value, list):
        return [without_stamps(v) for v in value]
    return value


def test_api_story_is_the_static_brief(briefed: tuple[Path, dict[str, Any]], served: TestClient) -> None:
    static = briefed[1]
    assert static["stories"]
    for story in static["stories"]:
        response = served.get(f"/api/stories/{story['id']}")
        assert response.status_code == 200
        web = response.json()
        assert web["schema"] == static["schema"]
        assert without_stamps(web["stories"]) == [without_stamps(story)]
        assert web["articles"] == [a for a in static["articles"] if a["id"] in story["article_ids"]]


def test_story_page_shows_the_static_briefs_findings(briefed: tuple[Path, dict[str, Any]], served: TestClient) -> None:
    for story in briefed[1]["stories"]:
        page = served.get(f"/stories/{story['id']}")
        assert page.status_code == 200
        shown, expected = page_findings(page.text), brief_findings(story)
        assert shown["takeaways"] == expected["takeaways"]
        assert shown["verify"] == expected["verify"]
        assert [d["about"] for d in shown["disputed"]] == [d["about"] for d in expected["disputed"]]
        for on_page, in_brief in zip(shown["disputed"], expected["disputed"], strict=True):
            assert [side[:3] for side in on_page["sides"]] == [side[:3] for side in in_brief["sides"]]
            for (*_, quoted), (*_, sentences) in zip(on_page["sides"], in_brief["sides"], strict=True):
                assert quoted, "each side quotes at least one sentence"
                assert quoted == sentences[: len(quoted)]


# --------------------------------------------------------------------------- the findings, from each side


def brief_findings(story: dict[str, Any]) -> dict[str, list[Any]]:
    """Takeaways, disputes and claims to verify as brief.json gives them, in its order."""
    facts = {fact["id"]: fact for fact in story["facts"]}
    return {
        "takeaways": [(_words(facts[i]["text"]), [_span(e) for e in facts[i]["evidence"]]) for i in story["takeaways"]],
        "disputed": [
            {
                "about": (c["subject"], c["kind"], c["developing"]),
                "sides": [
                    (
                        side["value"],
                        side["independent_sources"],
                        [_span(e) for e in side["evidence"]],
                        [_words(e["sentence"]) for e in side["evidence"]],
                    )
                    for side in c["sides"]
                ],
            }
            for c in story["contradictions"]
        ],
        "verify": [
            (item["kind"], _words(item["text"]), item["source"], _span(item["evidence"])) for item in story["to_verify"]
        ],
    }


def page_findings(html: str) -> dict[str, list[Any]]:
    """The same findings read back from the story page's markup."""
    root = lxml.html.fromstring(html)
    return {
        "takeaways": [(_text(li.find_class("fact")[0]), _cited(li)) for li in _items(root, "ol", "takeaways")],
        "disputed": [_dispute(card) for card in root.find_class("dispute")],
        "verify": [_verify_item(li) for li in _items(root, "ul", "verify")],
    }


def _dispute(card: Any) -> dict[str, Any]:
    """One dispute card: what it is about, and per side the value, its sources, every cited sentence
    (quoted or linked) and the sentences it quotes."""
    chips = [_text(chip) for chip in card.find_class("chip")]
    sides = []
    for side in card.find_class("side"):
        sources = int(_text(side.find_class("muted")[0]).split()[0])
        quoted = [_text(q).rsplit("” — ", 1)[0].removeprefix("“") for q in side.find_class("evidence")]
        sides.append((_text(side.find_class("value")[0]), sources, _cited(side), quoted))
    return {"about": (_text(card.find("h3")), chips[1], "developing" in chips), "sides": sides}


def _verify_item(li: Any) -> tuple[str, str, str, Span]:
    kind = _text(li.find_class("chip")[0])
    body = _text(li).removeprefix(kind).strip()
    text, _, outlet = body.rpartition(" — only ")
    [span] = _cited(li)
    return kind, text, outlet.rsplit(" [", 1)[0], span


def _items(root: Any, tag: str, css_class: str) -> list[Any]:
    lists = [element for element in root.find_class(css_class) if element.tag == tag]
    return [li for element in lists for li in element.iterfind("li")]


def _cited(element: Any) -> list[Span]:
    """The sentences an element links to, as ``/articles/ID?mark=START-END`` gives them."""
    spans = []
    for link in element.iterfind(".//a"):
        href = link.get("href", "")
        if href.startswith("/articles/") and "?mark=" in href:
            article_id, mark = href.removeprefix("/articles/").split("#")[0].split("?mark=")
            start, end = mark.split("-")
            spans.append((article_id, int(start), int(end)))
    return spans


def _span(evidence: dict[str, Any]) -> Span:
    return evidence["article_id"], evidence["start"], evidence["end"]


def _text(element: Any) -> str:
    return _words(element.text_content())


def _words(text: str) -> str:
    return " ".join(text.split())
