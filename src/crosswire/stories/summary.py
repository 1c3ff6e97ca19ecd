"""A story's running summary: the sums that its score against a new article needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy

from crosswire.embed import DIM
from crosswire.stories.items import StoryItem
from crosswire.stories.sparse import Sparse


@dataclass(slots=True, eq=False)
class StorySummary:
    """Sums over a story's members: scores against the story are dot products with these sums.

    Attributes:
        story_id: the story.
        first: arrival position of its first article (the older story has the smaller one).
        size: members.
        lead: sum of their lead vectors.
        terms: sum of their word tf-idf vectors (the heaviest ``story_terms`` kept).
        names: sum of their name-word tf-idf vectors.
        first_day, last_day: span of their usable publication days, None when none has one.
        weekdays: how many leads named each weekday, Monday first.
        details: the identifying details their leads state (``lead_details``), each weighted by its idf
            when the member came, summed over the members (the heaviest ``story_terms`` kept).
    """

    story_id: str
    first: int
    size: int = 0
    lead: numpy.ndarray = field(default_factory=lambda: numpy.zeros(DIM, dtype=numpy.float32))
    terms: Sparse = field(default_factory=Sparse.empty)
    names: Sparse = field(default_factory=Sparse.empty)
    first_day: float | None = None
    last_day: float | None = None
    weekdays: list[int] = field(default_factory=lambda: [0] * 7)
    details: Sparse = field(default_factory=Sparse.empty)

    @classmethod
    def start(cls, story_id: str, first: int) -> StorySummary:
        return cls(story_id, first)

    def absorb(self, item: StoryItem, terms: Sparse, names: Sparse, details: Sparse, *, cap: int) -> None:
        """Add one article."""
        self.size += 1
        self.lead = self.lead + item.vector.astype(numpy.float32)
        self.terms = self.terms.plus(terms, cap=cap)
        self.names = self.names.plus(names, cap=cap)
        self.details = self.details.plus(details, cap=cap)
        if item.day is not None:
            self._span(item.day, item.day)
        if item.weekday is not None:
            self.weekdays[item.weekday] += 1

    def combine(self, other: StorySummary, *, cap: int) -> None:
        """Add every member of ``other`` (a merge)."""
        self.size += other.size
        self.lead = self.lead + other.lead
        self.terms = self.terms.plus(other.terms, cap=cap)
        self.names = self.names.plus(other.names, cap=cap)
        self.details = self.details.plus(other.details, cap=cap)
        if other.first_day is not None and other.last_day is not None:
            self._span(other.first_day, other.last_day)
        self.weekdays = [a + b for a, b in zip(self.weekdays, other.weekdays, strict=True)]

    def names_other_days(self, other: StorySummary) -> bool:
        """Whether the two stories' leads name different days of the week and no day in common.

        Only said when at least one of the two has no usable date (dated stories are kept apart by
        the time term) and both have leads that name a weekday. Two such stories report events on
        different days, so an article resembling both does not make them one story.
        """
        if self.first_day is not None and other.first_day is not None:
            return False
        if not sum(self.weekdays) or not sum(other.weekdays):
            return False
        return not any(mine and theirs for mine, theirs in zip(self.weekdays, other.weekdays, strict=True))

    def _span(self, first: float, last: float) -> None:
        self.first_day = first if self.first_day is None else min(self.first_day, first)
        self.last_day = last if self.last_day is None else max(self.last_day, last)

    def to_bytes(self) -> bytes:
        """A compact, versioned binary form (JSON header, float32 lead sum, three sparse vectors).

        Version 1 (before lead details) had two; such a summary reads back with no details.
        """
        header = json.dumps(
            {
                "v": 2,
                "first": self.first,
                "size": self.size,
                "days": [self.first_day, self.last_day],
                "weekdays": self.weekdays,
            }
        ).encode("utf-8")
        lead = self.lead.astype("<f4").tobytes()
        vectors = self.terms.to_bytes() + self.names.to_bytes() + self.details.to_bytes()
        return len(header).to_bytes(4, "little") + header + lead + vectors

    @classmethod
    def from_bytes(cls, story_id: str, blob: bytes) -> StorySummary:
        length = int.from_bytes(blob[:4], "little")
        header = json.loads(blob[4 : 4 + length])
        start = 4 + length
        lead = numpy.frombuffer(blob, dtype="<f4", count=DIM, offset=start).astype(numpy.float32)
        terms, offset = Sparse.from_bytes(blob, start + 4 * DIM)
        names, offset = Sparse.from_bytes(blob, offset)
        details = Sparse.from_bytes(blob, offset)[0] if header["v"] >= 2 else Sparse.empty()
        first_day, last_day = header["days"]
        return cls(
            story_id,
            header["first"],
            header["size"],
            lead,
            terms,
            names,
            first_day,
            last_day,
            list(header["weekdays"]),
            details,
        )
