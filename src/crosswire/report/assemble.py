"""Build a ``Brief``: number the sources, call each section builder, and add the Developments.

``build_brief`` is the entry point (re-exported by ``crosswire.report``); the sections come from
``findings``, ``verify``, ``voices`` and ``scorecard``, each reading the numbered ``Sources``
(``report/sources.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from crosswire.developments import compare_briefs
from crosswire.model import Article, CheckResult, Extraction, Story
from crosswire.report import findings, scorecard, verify, voices
from crosswire.report.brief import (
    Brief,
    PreviousBrief,
    Scope,
    SourceRef,
    StoryHistory,
    no_contradictions_message,
    plural,
)
from crosswire.report.focus import StoryFocus, headline, story_focus
from crosswire.report.json import article_json, story_json
from crosswire.report.newsworthy import newsworthy
from crosswire.report.sources import Sources, number_sources


def build_brief(
    story: Story,
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    check: CheckResult,
    *,
    generated_at: str,
    previous: PreviousBrief | None = None,
) -> Brief:
    """Build the brief of one story.

    Args:
        story: the story (headline, article ids).
        articles: the story's articles; others are ignored.
        extractions: extraction per article id; a missing one counts as nothing extracted.
        check: the cross-check of this story.
        generated_at: ISO timestamp written into the brief, the only non-deterministic field.
        previous: the story's previous brief, when it had one: the brief then gets a Developments
            section (new facts, facts now confirmed, new contradictions, changed figures, new sources).

    Returns:
        A ``Brief``; with no articles, an empty brief whose scope note says so.
    """
    brief = assemble_brief(story, articles, extractions, check, generated_at=generated_at)
    if previous is None:
        return brief
    return with_history(brief, articles, previous)


def assemble_brief(
    story: Story,
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    check: CheckResult,
    *,
    generated_at: str,
) -> Brief:
    """Build every section of the brief; see ``build_brief``."""
    refs = number_sources(story, articles)
    in_story = {ref.article_id for ref in refs}
    sources = Sources.of(refs, articles, extractions, check)
    focus = story_focus(sources.articles.values(), extractions, sources.key)
    facts = findings.fact_lines(sources, focus)
    disputed = findings.disputed_items(sources)
    figures = findings.figure_lines(sources)
    return Brief(
        story_id=story.id,
        generated_at=generated_at,
        scope=make_scope(
            story,
            sources,
            headline=lead_headline(story, sources, focus),
            facts_status=[f.status for f in facts],
            missing=len(set(story.article_ids) - in_story),
            disputed_points=len(disputed),
        ),
        sources=refs,
        takeaways=findings.takeaways(
            [f for f in facts if newsworthy(f, extractions)],
            disputed,
            focus=focus,
            key=sources.key,
        ),
        facts=facts,
        disputed=disputed,
        verify=verify.verify_items(sources, facts),
        figures=figures,
        speakers=voices.speaker_quotes(sources),
        timeline=voices.timeline(sources),
        scorecard=scorecard.score_rows(sources),
        matrix=scorecard.agreement_matrix(sources, facts),
    )


def lead_headline(story: Story, sources: Sources, focus: StoryFocus) -> str | None:
    """The title that states what most independent sources lead with (``focus.headline``), in place of
    the story's headline when that is only its earliest article's title (``stories.build``) or empty;
    None (keep the story's) when fewer than two independent sources have a title."""
    titled = [(ref.article_id, sources.articles[ref.article_id].title or "") for ref in sources.refs]
    titled = [(article_id, title.strip()) for article_id, title in titled if title.strip()]
    if story.headline.strip() not in {"", *(title for _, title in titled)}:
        return None  # a headline written for the story, not taken from a title
    if sources.independent(article_id for article_id, _ in titled) < 2:
        return None
    return headline(titled, focus)


def make_scope(
    story: Story,
    sources: Sources,
    *,
    facts_status: Sequence[str],
    missing: int,
    disputed_points: int,
    headline: str | None = None,
) -> Scope:
    """Headline (``headline``, else the story's), counts, date span and the honest notes about what the
    brief can and cannot say."""
    refs = sources.refs
    dates = sorted(ref.published_at for ref in refs if ref.published_at)
    independent = sources.independent(ref.article_id for ref in refs)
    headline = headline or story.headline or (refs[0].title if refs else "") or "Untitled story"
    return Scope(
        headline=headline,
        articles=len(refs),
        independent_sources=independent,
        first_published=story.first_published or (dates[0] if dates else None),
        last_published=story.last_published or (dates[-1] if dates else None),
        confirmed=facts_status.count("confirmed"),
        disputed=facts_status.count("disputed"),
        single_source=facts_status.count("single-source"),
        notes=scope_notes(
            refs,
            independent,
            confirmed=facts_status.count("confirmed"),
            missing=missing,
            disputed_points=disputed_points,
        ),
    )


def scope_notes(
    refs: Sequence[SourceRef], independent: int, *, confirmed: int, missing: int, disputed_points: int
) -> tuple[str, ...]:
    """Plain statements about the limits of this brief, in the order a reader needs them."""
    count = len(refs)
    if count == 0:
        return ("No articles to cross-check: nothing was read, so nothing is confirmed, disputed or single-source.",)
    notes = []
    if missing:
        notes.append(
            f"{plural(missing, 'article')} listed for this story could not be found and "
            f"{'is' if missing == 1 else 'are'} left out."
        )
    if count == 1:
        notes.append(
            f"Only one article ({refs[0].outlet}): nothing can be confirmed by a second source, "
            "so every claim below is single-source."
        )
    elif independent == 1:
        notes.append(
            f"All {count} articles are copies of one report, so they are one independent source: "
            "nothing can be confirmed independently."
        )
    elif confirmed == 0:
        notes.append("No fact is reported by two independent sources: these articles may not share a story.")
    copies = sum(1 for ref in refs if ref.duplicate_of)
    if copies and independent > 1:
        verb = (
            "is a syndicated copy of another report and counts"
            if copies == 1
            else "are syndicated copies of other reports and count"
        )
        notes.append(f"{plural(copies, 'article')} {verb} once.")
    if disputed_points == 0:
        notes.append(no_contradictions_message(count, independent))
    return tuple(notes)


def with_history(brief: Brief, articles: Sequence[Article], previous: PreviousBrief) -> Brief:
    """``brief`` with its Developments section: what changed since ``previous``."""
    listed = [*previous.articles, *(article_json(a) for a in articles)]
    changes = compare_briefs(previous.story, story_json(brief), articles=listed)
    return replace(brief, developments=StoryHistory(previous.generated_at, changes))
