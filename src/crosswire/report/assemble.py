"""Assemble a ``Brief``: number the sources, make citations, and call each section builder.

``Sources`` is the shared, read-only view every section builder works from: the story's articles
numbered [1]..[N], their extractions, the check result, and ``cite`` to turn an evidence span into
a ``Citation``.
"""

from __future__ import annotations

import bisect
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosswire.model import Article, CheckResult, Extraction, Story
from crosswire.report.brief import Brief, Citation, PreviousBrief, Scope, SourceRef, StoryHistory
from crosswire.report.newsworthy import newsworthy


@dataclass(frozen=True)
class Sources:
    """The story's numbered articles and everything the section builders read."""

    refs: tuple[SourceRef, ...]
    articles: Mapping[str, Article]
    extractions: Mapping[str, Extraction]
    check: CheckResult
    numbers: Mapping[str, int] = field(default_factory=dict)  # article id -> source number
    sentence_starts: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # cache

    @classmethod
    def of(cls, refs: tuple[SourceRef, ...], articles: Sequence[Article],
           extractions: Mapping[str, Extraction], check: CheckResult) -> Sources:
        """The view of the story's numbered articles (``refs``) over all the given inputs."""
        numbers = {ref.article_id: ref.number for ref in refs}
        chosen = {article.id: article for article in articles if article.id in numbers}
        return cls(refs, chosen, extractions, check, numbers)

    def number(self, article_id: str) -> int | None:
        """The source number of an article, or None when it is not in this story."""
        return self.numbers.get(article_id)

    def key(self, article_id: str) -> str:
        """The independent-source key: syndicated copies share one."""
        article = self.articles.get(article_id)
        return article.independent_key if article else article_id

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent sources the given articles amount to."""
        return len({self.key(article_id) for article_id in article_ids if article_id in self.articles})

    def sentence_span(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The extracted sentence that contains ``start``, else the span itself."""
        if article_id not in self.sentence_starts:
            extraction = self.extractions.get(article_id)
            spans = sorted((s.start, s.end) for s in (extraction.sentences if extraction else ()))
            self.sentence_starts[article_id] = spans
        spans = self.sentence_starts[article_id]
        index = bisect.bisect_right(spans, (start, float("inf"))) - 1
        if index >= 0 and spans[index][0] <= start < spans[index][1]:
            return spans[index]
        return start, end

    def cite(self, article_id: str, start: int, end: int, sentence: str | None = None) -> Citation | None:
        """A citation of ``article_id`` at the given sentence; None when the article is not in the story.

        When the offsets do not match the quoted sentence, the sentence is looked up in the text;
        when it cannot be found, the citation still names the article with the given offsets.
        """
        number = self.number(article_id)
        if number is None:
            return None
        text = self.articles[article_id].text
        if sentence is not None and text[start:end] != sentence:
            found = text.find(sentence)
            if found >= 0:
                start, end = found, found + len(sentence)
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        quoted = sentence if sentence is not None else text[start:end]
        return Citation(number, article_id, f"ev-{number}-{start}-{end}", quoted.strip(), start, end)


def unique_citations(citations: Iterable[Citation | None], *, per_article: bool = True) -> tuple[Citation, ...]:
    """Citations sorted by source number, one per article (or per sentence), Nones dropped."""
    seen: set[object] = set()
    kept = []
    for citation in sorted((c for c in citations if c), key=lambda c: (c.number, c.start, c.end)):
        marker = citation.number if per_article else citation.anchor
        if marker not in seen:
            seen.add(marker)
            kept.append(citation)
    return tuple(kept)


def number_sources(story: Story, articles: Sequence[Article]) -> tuple[SourceRef, ...]:
    """The story's articles numbered by publication date, then outlet, then id."""
    wanted = set(story.article_ids)
    chosen = {article.id: article for article in articles if article.id in wanted}
    ordered = sorted(chosen.values(), key=lambda a: (a.published_at is None, a.published_at or "",
                                                     (a.source or "").lower(), a.id))
    group_size: dict[str, int] = {}
    for article in ordered:
        group_size[article.independent_key] = group_size.get(article.independent_key, 0) + 1
    labels: dict[str, str] = {}
    for article in ordered:
        if group_size[article.independent_key] > 1 and article.independent_key not in labels:
            labels[article.independent_key] = _group_label(len(labels))
    return tuple(
        SourceRef(
            number=index,
            article_id=article.id,
            outlet=article.source or _host(article.url) or "Unknown outlet",
            title=article.title or "(untitled)",
            published_at=article.published_at,
            url=article.url,
            external_id=article.external_id,
            words=article.words,
            duplicate_of=article.dup_group if article.dup_group and article.dup_group != article.id else None,
            syndication_group=labels.get(article.independent_key),
        )
        for index, article in enumerate(ordered, start=1)
    )


def _group_label(index: int) -> str:
    letters = string.ascii_uppercase
    return letters[index] if index < len(letters) else f"G{index + 1}"


def _host(url: str | None) -> str | None:
    """A name for an article without an outlet: the URL's host, else the file's name."""
    if not url:
        return None
    if "://" not in url:
        return url.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None
    return url.split("://", 1)[1].split("/", 1)[0] or None


def assemble_brief(
    story: Story,
    articles: Sequence[Article],
    extractions: Mapping[str, Extraction],
    check: CheckResult,
    *,
    generated_at: str,
) -> Brief:
    """Build every section of the brief; see ``crosswire.report.brief.build_brief``."""
    from crosswire.report import findings, scorecard, verify, voices

    refs = number_sources(story, articles)
    in_story = {ref.article_id for ref in refs}
    sources = Sources.of(refs, articles, extractions, check)
    facts = findings.fact_lines(sources)
    disputed = findings.disputed_items(sources)
    figures = findings.figure_lines(sources)
    return Brief(
        story_id=story.id,
        generated_at=generated_at,
        scope=make_scope(story, sources, facts_status=[f.status for f in facts], missing=len(
            set(story.article_ids) - in_story), disputed_points=len(disputed)),
        sources=refs,
        takeaways=findings.takeaways([f for f in facts if newsworthy(f, extractions)], disputed),
        facts=facts,
        disputed=disputed,
        verify=verify.verify_items(sources, facts),
        figures=figures,
        speakers=voices.speaker_quotes(sources),
        timeline=voices.timeline(sources),
        scorecard=scorecard.score_rows(sources),
        matrix=scorecard.agreement_matrix(sources, facts),
    )


def make_scope(
    story: Story, sources: Sources, *, facts_status: Sequence[str], missing: int, disputed_points: int
) -> Scope:
    """Headline, counts, date span and the honest notes about what the brief can and cannot say."""
    refs = sources.refs
    dates = sorted(ref.published_at for ref in refs if ref.published_at)
    independent = sources.independent(ref.article_id for ref in refs)
    headline = story.headline or (refs[0].title if refs else "") or "Untitled story"
    return Scope(
        headline=headline,
        articles=len(refs),
        independent_sources=independent,
        first_published=story.first_published or (dates[0] if dates else None),
        last_published=story.last_published or (dates[-1] if dates else None),
        confirmed=facts_status.count("confirmed"),
        disputed=facts_status.count("disputed"),
        single_source=facts_status.count("single-source"),
        notes=scope_notes(refs, independent, confirmed=facts_status.count("confirmed"),
                          missing=missing, disputed_points=disputed_points),
    )


def scope_notes(
    refs: Sequence[SourceRef], independent: int, *, confirmed: int, missing: int, disputed_points: int
) -> tuple[str, ...]:
    """Plain statements about the limits of this brief, in the order a reader needs them."""
    count = len(refs)
    if count == 0:
        return ("No articles to cross-check: nothing was read, so nothing is confirmed, disputed or "
                "single-source.",)
    notes = []
    if missing:
        notes.append(f"{_plural(missing, 'article')} listed for this story could not be found and "
                     f"{'is' if missing == 1 else 'are'} left out.")
    if count == 1:
        notes.append(f"Only one article ({refs[0].outlet}): nothing can be confirmed by a second source, "
                     "so every claim below is single-source.")
    elif independent == 1:
        notes.append(f"All {count} articles are copies of one report, so they are one independent source: "
                     "nothing can be confirmed independently.")
    elif confirmed == 0:
        notes.append("No fact is reported by two independent sources: these articles may not share a story.")
    copies = sum(1 for ref in refs if ref.duplicate_of)
    if copies and independent > 1:
        verb = "is a syndicated copy of another report and counts" if copies == 1 else \
            "are syndicated copies of other reports and count"
        notes.append(f"{_plural(copies, 'article')} {verb} once.")
    if disputed_points == 0:
        notes.append(no_contradictions_message(count, independent))
    return tuple(notes)


def no_contradictions_message(articles: int, independent: int) -> str:
    """The sentence shown when the cross-check found nothing in dispute."""
    return (f"No contradictions found among {_plural(articles, 'article')} from "
            f"{_plural(independent, 'independent source')}.")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def with_history(brief: Brief, articles: Sequence[Article], previous: PreviousBrief) -> Brief:
    """``brief`` with its Developments section: what changed since ``previous``."""
    from dataclasses import replace

    from crosswire.developments import compare_briefs
    from crosswire.report.json import article_json, story_json

    listed = [*previous.articles, *(article_json(a) for a in articles)]
    changes = compare_briefs(previous.story, story_json(brief), articles=listed)
    return replace(brief, developments=StoryHistory(previous.generated_at, changes))
