"""Takeaways an editor would write first: the story's main event, as the leads of its sources give it.

The story is invented (a dam collapse in the fictional province of Vell), written the way wire and local
reports are: each report leads with the collapse, the toll and the place, and carries side details further
down, some of them in three reports.
"""

from __future__ import annotations

from rich.console import Console

from crosswire.model import Article, CheckResult, Contradiction, Extraction, Fact, Side, Story
from crosswire.report import build_brief, render_markdown, render_terminal
from crosswire.report.brief import Brief
from crosswire.report.focus import story_focus, terms

from .fixtures import evidence, make_article, sentences_of

BACKGROUND = "The dam's visitor centre had reopened in May after a two-year refit paid for by the province."
LEADS = {
    "v1": (
        "The Orrin dam in Vell province collapsed on Monday night, flooding three villages and killing "
        "12 people, officials said.",
        "Rescuers were still searching for 30 missing residents on Tuesday.",
    ),
    "v2": (
        "At least 12 people were killed when the Orrin dam gave way late on Monday, sending a wall of water "
        "through three villages in Vell province.",
        "Thirty people are missing, the provincial governor said.",
    ),
    "v3": (
        "Floodwater from the collapsed Orrin dam swept through three villages in Vell province on Monday, "
        "killing 12 people.",
        "Army units joined the search for the missing on Tuesday morning.",
    ),
    "v4": (
        "Twelve people died and 30 are missing after the Orrin dam in Vell province collapsed on Monday night.",
        "Engineers had warned of cracks in the spillway last year.",
    ),
}
FILLER = (
    "Local shops closed early as the news spread.",
    "Fishermen on the reservoir had noticed the water level dropping for weeks, they said.",
)
TITLES = {
    "v1": "EXPLAINER-Why did the Orrin dam fail and what happens next?",
    "v2": "Orrin dam collapse kills 12 in Vell province",
    "v3": "Vell floods: 12 dead as Orrin dam bursts",
    "v4": "Twelve dead, 30 missing after Orrin dam collapses",
}


def _articles() -> list[Article]:
    articles = []
    for day, (article_id, lead) in enumerate(LEADS.items(), start=1):
        body = (*lead, *FILLER, BACKGROUND) if article_id != "v4" else (*lead, *FILLER)
        articles.append(
            make_article(article_id, f"Outlet {article_id}", f"2026-05-0{day}T08:00:00Z", TITLES[article_id], body)
        )
    return articles


def _inputs(
    *facts: Fact, contradictions: tuple[Contradiction, ...] = ()
) -> tuple[Story, list[Article], dict[str, Extraction], CheckResult]:
    articles = _articles()
    extractions = {a.id: Extraction(a.id, "test", "en", sentences=sentences_of(a)) for a in articles}
    story = Story("s-orrin", TITLES["v1"], tuple(a.id for a in articles))
    return story, articles, extractions, CheckResult("s-orrin", story.article_ids, (), facts, contradictions)


def _by_id(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def _collapse(articles: dict[str, Article], status: str = "confirmed") -> Fact:
    return Fact(
        "f-collapse",
        LEADS["v1"][0],
        status,  # type: ignore[arg-type]
        4,
        tuple(evidence(articles[i], "Orrin dam") for i in ("v1", "v2", "v4"))
        + (evidence(articles["v3"], "Floodwater"),),
    )


def _visitor_centre(articles: dict[str, Article]) -> Fact:
    return Fact(
        "f-visitor",
        BACKGROUND,
        "confirmed",
        3,
        tuple(evidence(articles[i], "visitor centre") for i in ("v1", "v2", "v3")),
    )


def _missing(articles: dict[str, Article]) -> Fact:
    return Fact(
        "f-missing",
        LEADS["v1"][1],
        "confirmed",
        2,
        (evidence(articles["v1"], "30 missing"), evidence(articles["v2"], "Thirty people")),
    )


def _brief(*facts: Fact, contradictions: tuple[Contradiction, ...] = ()) -> Brief:
    story, articles, extractions, check = _inputs(*facts, contradictions=contradictions)
    return build_brief(story, articles, extractions, check, generated_at="t")


def test_terms_fold_what_reports_written_apart_share() -> None:
    assert terms("Six workers died; the toll rose to 1,644.") == {"6", "worker", "died", "toll", "rose", "1644"}
    assert terms("The plane crashed") == terms("the plane's crash") == {"plane", "crash"}


def test_focus_weighs_what_several_leads_say_and_nothing_one_lead_says() -> None:
    articles = _articles()
    extractions = {a.id: Extraction(a.id, "test", "en", sentences=sentences_of(a)) for a in articles}
    focus = story_focus(articles, extractions, key=lambda article_id: article_id)
    assert focus.weights["orrin"] == focus.weights["dam"] == focus.weights["12"] == 1.0
    assert focus.weights["vell"] == 1.0 and focus.weights["30"] == 0.75
    assert "spillway" not in focus.weights  # in one lead only
    assert "visitor" not in focus.weights  # in three reports, never in a lead


def test_a_detail_three_reports_carry_does_not_lead_the_main_event() -> None:
    articles = _by_id(_articles())
    brief = _brief(_visitor_centre(articles), _missing(articles), _collapse(articles))
    assert [t.fact_id for t in brief.takeaways][:2] == ["f-collapse", "f-missing"]


def test_more_support_does_not_lift_a_detail_above_a_lead_fact() -> None:
    articles = _by_id(_articles())
    brief = _brief(_visitor_centre(articles), _missing(articles))
    assert [t.fact_id for t in brief.takeaways] == ["f-missing", "f-visitor"]


def test_a_restatement_of_a_takeaway_is_not_taken_again() -> None:
    articles = _by_id(_articles())
    again = Fact(
        "f-again",
        "The Orrin dam in Vell province collapsed on Monday, killing 12 people in three villages.",
        "confirmed",
        2,
        (evidence(articles["v3"], "Floodwater"), evidence(articles["v4"], "Twelve people")),
    )
    brief = _brief(_collapse(articles), again, _missing(articles))
    assert [t.fact_id for t in brief.takeaways] == ["f-collapse", "f-missing"]


def test_headline_is_the_title_the_leads_bear_out_not_a_side_angle() -> None:
    articles = _by_id(_articles())
    brief = _brief(_collapse(articles))
    assert brief.scope.headline in {TITLES["v2"], TITLES["v4"]}


def test_a_headline_written_for_the_story_is_kept() -> None:
    story, articles, extractions, check = _inputs()
    story = Story(story.id, "Dam disaster in Vell", story.article_ids)
    assert build_brief(story, articles, extractions, check, generated_at="t").scope.headline == "Dam disaster in Vell"


def _toll_dispute(articles: dict[str, Article]) -> Contradiction:
    return Contradiction(
        "c-toll",
        "number",
        "people killed",
        "high",
        0.9,
        "12 against 15",
        (
            Side("12", (evidence(articles["v1"], "Orrin dam"), evidence(articles["v2"], "Orrin dam"))),
            Side("15", (evidence(articles["v4"], "Orrin dam"),)),
        ),
    )


def test_a_disputed_fact_two_sources_state_is_a_takeaway_shown_with_its_dispute() -> None:
    articles = _by_id(_articles())
    brief = _brief(_collapse(articles, "disputed"), _missing(articles), contradictions=(_toll_dispute(articles),))
    lead = brief.takeaways[0]
    assert (lead.fact_id, lead.status, lead.disputes) == ("f-collapse", "disputed", ("c-toll",))
    assert "   - Disputed: people killed: 12 [1][2] vs 15 [4]" in render_markdown(brief)
    console = Console(width=200, record=True)
    render_terminal(brief, console)
    assert "disputed: people killed: 12 vs 15" in console.export_text()


def test_a_name_dispute_is_shown_only_with_a_takeaway_that_names_the_person() -> None:
    articles = _by_id(_articles())
    name = Contradiction(
        "c-name",
        "person-name",
        "Harlan (provincial governor)",
        "high",
        0.9,
        "two spellings",
        (
            Side("Mara Harlan", (evidence(articles["v1"], "Orrin dam"),)),
            Side("Mira Harlan", (evidence(articles["v3"], "Floodwater"),)),
        ),
    )
    brief = _brief(_collapse(articles), contradictions=(name,))
    assert brief.takeaways[0].disputes == ()  # its cited sentence names no one: the dispute stays in Disputed
