"""The brief: what an editor reads, as frozen dataclasses (``assemble.build_brief`` makes one).

``build_brief`` is pure and deterministic: the same story, articles, extractions and check result
give the same ``Brief`` (only ``generated_at`` is taken from the caller). Every renderer
(terminal, Markdown, HTML, JSON) reads a ``Brief`` and nothing else, except the HTML page, which
also needs the article texts to show evidence in place.

Sources are numbered [1]..[N] by publication date, then outlet, then id. A ``Citation`` is one
source number plus the evidence sentence (offsets into ``Article.text``) and the HTML anchor that
highlights it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from crosswire.developments import Developments
from crosswire.model import FactStatus

Cell = Literal["supports", "contradicts", "silent"]

# An article whose filler share is at least this is flagged as padded in the scorecard.
PADDED_FILLER_SHARE = 0.5
# How many confirmed facts the brief leads with, and how many facts the agreement matrix shows.
MAX_TAKEAWAYS = 8
VERIFY_SHOWN = 10  # to-verify items in the terminal and Markdown; the JSON and HTML list every one
MAX_MATRIX_ROWS = 24


@dataclass(frozen=True, slots=True)
class Citation:
    """One source backing a statement: ``[number]`` and the sentence that says it."""

    number: int  # the source's number in this brief, 1-based
    article_id: str
    anchor: str  # HTML id of the highlighted sentence: "ev-<number>-<start>-<end>"
    sentence: str
    start: int  # offsets of the sentence in Article.text
    end: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An article as the brief numbers and names it."""

    number: int
    article_id: str
    outlet: str
    title: str
    published_at: str | None
    url: str | None
    external_id: str | None
    words: int
    duplicate_of: str | None  # the syndication group head when this article is a copy
    syndication_group: str | None  # "A", "B"... shared by copies of one report; None when alone


@dataclass(frozen=True, slots=True)
class Scope:
    """Headline and scope: the story in one line, and how much it rests on."""

    headline: str
    articles: int
    independent_sources: int
    first_published: str | None
    last_published: str | None
    confirmed: int
    disputed: int
    single_source: int
    notes: tuple[str, ...] = ()  # plain statements about limits: one article, no contradictions...


@dataclass(frozen=True, slots=True)
class FactLine:
    """A fact with its status and one citation per article that reports it."""

    fact_id: str
    text: str
    status: FactStatus
    independent_sources: int
    salience: float
    citations: tuple[Citation, ...]
    # ids of the contradictions one of whose sides cites a sentence of this fact: a takeaway whose figure,
    # date or name is disputed (or still developing) shows it as such
    disputes: tuple[str, ...] = ()
    # the agency behind each independent source that several outlets carry (copies, or a shared wire
    # passage) when their articles credit one: ("PTI",) for three outlets printing one PTI paragraph
    agencies: tuple[str, ...] = ()

    @property
    def outlets(self) -> int:
        """How many articles state the fact (copies and wire text included)."""
        return len({citation.article_id for citation in self.citations})

    @property
    def support(self) -> str:
        """'3 independent sources', or '3 outlets, 1 independent' when copies or a shared wire passage
        make several outlets one source, with the agency when it can be read: '3 outlets, 1 independent
        (PTI)', or '4 outlets, 2 independent (incl. PTI)' when the agency's text is one source of two."""
        outlets = self.outlets
        if outlets > self.independent_sources:
            named = ", ".join(dict.fromkeys(self.agencies))
            wire = (
                ""
                if not named
                else f" ({named})"
                if len(self.agencies) >= self.independent_sources
                else f" (incl. {named})"
            )
            return f"{outlets} outlets, {self.independent_sources} independent{wire}"
        return f"{self.independent_sources} independent source{'s' if self.independent_sources != 1 else ''}"


@dataclass(frozen=True, slots=True)
class SideLine:
    """One side of a contradiction: its value and the articles that give it."""

    value: str
    independent_sources: int
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class DisputedItem:
    """A contradiction between (or within) articles, every side quoted."""

    contradiction_id: str
    kind: str
    subject: str
    severity: Literal["high", "low"]
    confidence: float
    explanation: str
    sides: tuple[SideLine, ...]
    fact_id: str | None = None
    within_article: bool = False
    syndicated: bool = False
    developing: bool = False  # a running count (66, then 68, then 70): shown apart from the conflicts

    @property
    def joiner(self) -> str:
        """What goes between the sides' values: ' vs ', or ' then ' for a developing count."""
        return " then " if self.developing else " vs "

    def summary(self) -> str:
        """The point and its values in one line: 'dock workers: 14 vs 41', 'bodies: 66 then 68 then 70'."""
        return f"{self.subject}: {self.joiner.join(side.value for side in self.sides)}"


@dataclass(frozen=True, slots=True)
class FigureLine:
    """A number one article gives, and how many independent sources give the same number."""

    text: str
    value: float
    unit: str | None
    article_id: str
    independent_sources: int
    citation: Citation


@dataclass(frozen=True, slots=True)
class VerifyItem:
    """A single-source claim to verify: a figure or a fact only one independent source reports."""

    kind: Literal["figure", "claim"]
    text: str  # the figure phrase or the fact's wording
    outlet: str  # the one source, named
    citation: Citation


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One quotation and every article that carries it."""

    text: str
    speaker: str | None
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """Who said what: one speaker's quotations."""

    speaker: str  # "Unattributed" when no speaker was found
    quotes: tuple[QuoteLine, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event and the articles that date it so."""

    date: str  # ISO date, month or year
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One line of the source scorecard."""

    number: int
    article_id: str
    outlet: str
    published_at: str | None
    words: int
    checkable_claims: int
    fact_density: float  # checkable claims per 100 words
    filler_share: float  # share of words in sentences that are neither checkable nor evidence
    unique_facts: int  # facts only this article's independent source reports
    contradicted_facts: int  # disputed points where another source says otherwise
    syndication_group: str | None
    padded: bool


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One fact (or unlinked contradiction) across all sources."""

    label: str
    status: FactStatus
    fact_id: str | None
    cells: tuple[Cell, ...]  # one per source, in source-number order


@dataclass(frozen=True, slots=True)
class AgreementMatrix:
    """Facts × sources: who supports, contradicts, or is silent on each."""

    numbers: tuple[int, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class PreviousBrief:
    """The previous brief of a story, as its brief JSON: ``story`` (one entry of ``stories``), the
    ``articles`` it listed, and when it was written."""

    generated_at: str
    story: Mapping[str, Any]
    articles: Sequence[Mapping[str, Any]] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class StoryHistory:
    """The Developments section: what changed since the brief written at ``since``."""

    since: str
    changes: Developments

    def sections(self) -> list[tuple[str, list[str]]]:
        """The non-empty parts, titled, in reading order (each renderer lays them out its own way)."""
        changes = self.changes
        figures = [f"{c.unit}: {_values(c.before)} → {_values(c.now)}" for c in changes.changed_figures]
        parts = [
            ("New facts", list(changes.new_facts)),
            ("Now confirmed", list(changes.newly_confirmed)),
            ("New contradictions", list(changes.new_contradictions)),
            ("Figures changed", figures),
            ("Sources added", list(changes.sources_added)),
        ]
        return [(title, lines) for title, lines in parts if lines]


def _values(values: Sequence[float]) -> str:
    return ", ".join(f"{v:g}" for v in values) or "none"


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the renderers show for one story."""

    story_id: str
    generated_at: str
    scope: Scope
    sources: tuple[SourceRef, ...]
    takeaways: tuple[FactLine, ...]
    facts: tuple[FactLine, ...]  # every fact, ranked
    disputed: tuple[DisputedItem, ...]
    verify: tuple[VerifyItem, ...]
    figures: tuple[FigureLine, ...]
    speakers: tuple[SpeakerQuotes, ...]
    timeline: tuple[TimelineEntry, ...]
    scorecard: tuple[ScoreRow, ...]
    matrix: AgreementMatrix
    developments: StoryHistory | None = None  # what changed since the previous brief, when there was one

    @property
    def empty(self) -> bool:
        """True when there was nothing to read: no articles."""
        return not self.sources

    def timeline_highlights(self, limit: int) -> tuple[TimelineEntry, ...]:
        """At most ``limit`` timeline entries: the best-supported ones, in date order."""
        if len(self.timeline) <= limit:
            return self.timeline
        ranked = sorted(range(len(self.timeline)), key=lambda i: (-len(self.timeline[i].citations), i))
        return tuple(self.timeline[i] for i in sorted(ranked[:limit]))

    def disputes_of(self, fact: FactLine) -> tuple[DisputedItem, ...]:
        """The disputed points that touch a fact (``FactLine.disputes``), in the Disputed section's order."""
        wanted = set(fact.disputes)
        return tuple(item for item in self.disputed if item.contradiction_id in wanted)

    def source(self, number: int) -> SourceRef:
        """The source numbered ``number``."""
        return self.sources[number - 1]


def no_contradictions_message(articles: int, independent: int) -> str:
    """The sentence shown when the cross-check found nothing in dispute."""
    return (
        f"No contradictions found among {plural(articles, 'article')} from {plural(independent, 'independent source')}."
    )


def plural(count: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
