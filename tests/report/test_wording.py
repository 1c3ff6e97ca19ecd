"""A fact is worded by the sentence of it that states most of its event: where and when, as well as who.

The story is invented (an envoy's meeting with a president in the fictional city of Varna). The check words
the meeting by its most central sentence, which says neither where nor when; one report says both.
"""

from __future__ import annotations

import pytest

from crosswire.model import Article, CheckResult, Contradiction, Extraction, Fact, Frame, Side, Story
from crosswire.report import build_brief
from crosswire.report.brief import Brief

from .fixtures import evidence, make_article, sentences_of

CENTRAL = (
    "Envoy Lena Okafor's long-awaited meeting with President Ruben Castell comes amid rising tension at the border."
)
PLACED = "Envoy Lena Okafor met President Ruben Castell in Varna on Tuesday as tension rose at the border."
LEADS = {
    "m1": (CENTRAL, "The two sides have not met since the border was closed in the spring."),
    "m2": (PLACED, "Officials described the talks as frank and said both sides would meet again."),
    "m3": (
        "The meeting between envoy Lena Okafor and President Ruben Castell comes amid rising tension at the border.",
        "Traders at the closed crossing have waited for weeks.",
    ),
}


def _articles() -> dict[str, Article]:
    return {
        article_id: make_article(article_id, f"Outlet {article_id}", f"2026-06-0{day}T08:00:00Z", "", lead)
        for day, (article_id, lead) in enumerate(LEADS.items(), start=1)
    }


def _extraction(article: Article, *, placed: bool) -> Extraction:
    sentences = sentences_of(article)
    frames = ()
    if placed and article.id == "m2":
        at = article.text.index("met")
        frames = (
            Frame(
                at,
                at + 3,
                0,
                "meet",
                ("okafor",),
                ("castell",),
                main=True,
                dates=(article.text.index("Tuesday"),),
                places=("Varna",),
            ),
        )
    return Extraction(article.id, "test", "en", sentences=sentences, frames=frames)


def _meeting(articles: dict[str, Article], text: str = CENTRAL) -> Fact:
    return Fact(
        "f-meeting",
        text,
        "confirmed",
        3,
        tuple(evidence(articles[i], "Okafor") for i in ("m1", "m2", "m3")),
    )


def _brief(
    articles: dict[str, Article], fact: Fact, contradictions: tuple[Contradiction, ...] = (), *, placed: bool = True
) -> Brief:
    extractions = {a.id: _extraction(a, placed=placed) for a in articles.values()}
    story = Story("s-varna", "Okafor meets Castell", tuple(articles))
    check = CheckResult("s-varna", story.article_ids, (), (fact,), contradictions)
    return build_brief(story, list(articles.values()), extractions, check, generated_at="t")


def _dispute(kind: str, articles: dict[str, Article], losing: str) -> Contradiction:
    return Contradiction(
        f"c-{kind}",
        kind,  # type: ignore[arg-type]
        "Okafor (envoy)" if kind == "person-name" else "when they met",
        "high",
        0.9,
        "two versions",
        (
            Side("Lena Okafor", (evidence(articles["m1"], "Okafor"), evidence(articles["m3"], "Okafor"))),
            Side(losing, (evidence(articles["m2"], "Okafor"),)),
        ),
    )


def test_the_sentence_that_says_where_and_when_words_the_fact() -> None:
    articles = _articles()
    [lead] = _brief(articles, _meeting(articles)).takeaways
    assert lead.text == PLACED
    assert [c.article_id for c in lead.citations] == ["m1", "m2", "m3"]  # the evidence is unchanged


def test_without_a_place_or_a_time_the_checks_wording_stays() -> None:
    articles = _articles()
    [lead] = _brief(articles, _meeting(articles), placed=False).takeaways
    assert lead.text == CENTRAL


def test_a_wording_never_drops_a_figure_the_checks_wording_gives() -> None:
    articles = _articles()
    counted = CENTRAL.replace("comes amid", "comes after 3 weeks of")
    articles["m1"] = make_article("m1", "Outlet m1", "2026-06-01T08:00:00Z", "", (counted, LEADS["m1"][1]))
    [lead] = _brief(articles, _meeting(articles, counted)).takeaways
    assert lead.text == counted


@pytest.mark.parametrize(
    ("kind", "losing", "worded"),
    [
        ("date", "Tuesday", CENTRAL),  # the place and time are what is disputed: not given as the event's
        ("person-name", "Lina Okafor", PLACED),  # the name is disputed, the meeting is not: shown with it
    ],
)
def test_a_sentence_on_the_losing_side_of_a_dispute_words_a_fact_only_for_a_name(
    kind: str, losing: str, worded: str
) -> None:
    articles = _articles()
    dispute = _dispute(kind, articles, losing)
    [lead] = _brief(articles, _meeting(articles), (dispute,)).takeaways
    assert lead.text == worded
    if worded == PLACED:
        assert dispute.id in lead.disputes
