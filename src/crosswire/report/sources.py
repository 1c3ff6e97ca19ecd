"""The story's sources numbered [1]..[N], and ``Sources``, the view every section builder reads.

``Sources`` holds the numbered articles, their extractions and the check result, and ``cite`` turns
an evidence span into a ``Citation``. The section builders (``findings``, ``scorecard``, ``verify``,
``voices``) import it from here; ``assemble`` calls them.
"""

from __future__ import annotations

import bisect
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from crosswire.agencies import credited_agencies, wire_agency
from crosswire.model import Article, CheckResult, Evidence, Extraction, Story
from crosswire.passages import SharedPassages, shared_passages
from crosswire.report.brief import Citation, SourceRef


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
    def of(
        cls,
        refs: tuple[SourceRef, ...],
        articles: Sequence[Article],
        extractions: Mapping[str, Extraction],
        check: CheckResult,
    ) -> Sources:
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

    @cached_property
    def passages(self) -> SharedPassages:
        """The story's shared wire passages (``crosswire.passages``), found once per brief."""
        return shared_passages(self.articles, self.extractions)

    def wire_agencies(self, evidence: Iterable[Evidence]) -> tuple[str, ...]:
        """The agency behind each independent source of ``evidence`` that several outlets carry.

        A source that is a syndication group or a shared wire passage (several articles, one source)
        is named when its articles credit an agency (``agencies.wire_agency``); a source of one
        article, or one whose agency cannot be read, is left out.

        Returns:
            tuple[str, ...]: one agency per such source, sorted (an agency behind two sources is
            there twice).
        """
        spans = [(e.article_id, e.start) for e in evidence if e.article_id in self.articles]
        named = []
        for source in self.passages.sources(spans):
            offsets: dict[str, list[int]] = {}
            for article_id, start in source:
                offsets.setdefault(article_id, []).append(start)
            if len(offsets) < 2:
                continue
            agency = wire_agency([credited_agencies(self.articles[a], at) for a, at in offsets.items()])
            if agency is not None:
                named.append(agency)
        return tuple(sorted(named))

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
    ordered = sorted(
        chosen.values(), key=lambda a: (a.published_at is None, a.published_at or "", (a.source or "").lower(), a.id)
    )
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
