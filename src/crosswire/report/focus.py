"""What a story is about, read from the leads of its independent sources, and how much of it a fact states.

An editor's first takeaways state the story's main event: who, what, when, where and the main figures.
Reporters put exactly that in their lead (the title and the first sentences), so the story's focus is the
words that the leads of several independent sources share: names, figures (number words as digits) and
event words. A word in the leads of 5 of 8 sources weighs 5/8; a word in one lead only weighs nothing,
however often its article repeats it. Copies and wire passages count as one source, as everywhere.

A confirmed fact is then ranked by three shares of the story's independent sources (``FocusScore``):

* focus: how much of the focus its sentence states (the weights of its words, over the square root of its
  word count, so a long sentence does not win by length alone);
* lead: how many sources state it in their lead;
* support: how many sources state it at all.

Takeaways are chosen one at a time (``pick``): each is scored on the focus words the ones before it have
not stated yet, so the second takeaway adds the place or the figures the first left out rather than saying
the death toll again. Nothing here decides whether a sentence may be a takeaway (``newsworthy`` does).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosswire.model import Article, Extraction, Sentence
from crosswire.report.brief import FactLine
from crosswire.vocabulary import STOP_WORDS

LEAD_SENTENCES = 3
"""How many of an article's first sentences (besides its title) are its lead."""
RESTATED = 0.25
"""What a focus word still weighs once a chosen takeaway has stated it."""
RESTATES = 0.7
"""A fact with at least this share of its words in the takeaways already chosen restates them: not taken."""
MIN_WORDS = 8
"""A sentence counts as at least this many words when its focus share is worked out, so that a
five-word sentence does not outrank a full lead sentence by naming two focus words."""

_TOKEN = re.compile(r"\d[\d,.:]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {word: str(10 * tens) for tens, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
_SUFFIXES = ("ing", "ies", "ed", "es", "s")
_LEAD_ENDS = (".", "!", "?", '"', "”", "’", "'", ")")


@functools.lru_cache(maxsize=1 << 16)
def terms(text: str) -> frozenset[str]:
    """The words of a text that can carry a story's focus, folded so that reports written apart meet:
    lower case, no possessive, a crude stem ('crashed', 'crashes' -> 'crash'), figures without thousands
    separators ('1,644' -> '1644') and number words as digits ('six' -> '6'); stop words left out."""
    found = set()
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            found.add(token.replace(",", "").rstrip(".:"))
            continue
        word = re.sub(r"['’]s$", "", token.lower())
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
        elif len(word) > 2 and word not in STOP_WORDS:
            found.add(_stem(word))
    return frozenset(found)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@dataclass(frozen=True)
class StoryFocus:
    """The focus words of a story with their weights, and where each article's lead ends."""

    weights: Mapping[str, float]
    sources: int  # independent sources in the story
    lead_ends: Mapping[str, int] = field(default_factory=dict)  # article id -> offset where its lead ends

    def in_lead(self, article_id: str, start: int) -> bool:
        """Whether the sentence at ``start`` is in its article's lead."""
        return start < self.lead_ends.get(article_id, 0)


def story_focus(
    articles: Iterable[Article], extractions: Mapping[str, Extraction], key: Callable[[str], str]
) -> StoryFocus:
    """The focus of the story these articles tell.

    Args:
        articles: the story's articles.
        extractions: their extractions (sentences), by article id.
        key: the independent-source key of an article id (copies share one).

    Returns:
        A ``StoryFocus``: a word weighs the share of independent sources whose lead (title and first
        ``LEAD_SENTENCES`` sentences, headings and captions skipped) uses it, when that is two or more.
    """
    by_source: dict[str, set[str]] = {}
    lead_ends: dict[str, int] = {}
    for article in articles:
        extraction = extractions.get(article.id)
        lead = _lead_sentences(extraction.sentences if extraction else ())
        lead_ends[article.id] = lead[-1].end if lead else 0
        words = by_source.setdefault(key(article.id), set())
        words |= terms(article.title or "")
        for sentence in lead:
            words |= terms(sentence.text)
    count: dict[str, int] = {}
    for words in by_source.values():
        for word in words:
            count[word] = count.get(word, 0) + 1
    total = len(by_source)
    weights = {word: n / total for word, n in count.items() if n >= 2}
    return StoryFocus(weights, total, lead_ends)


def _lead_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The first ``LEAD_SENTENCES`` sentences that read as prose: a heading, a caption without a full
    stop or a short line ('Rescues Amidst the Rubble') is no part of the lead."""
    lead = []
    for sentence in sentences:
        text = sentence.text.strip()
        if text.endswith(_LEAD_ENDS) and len(text.split()) >= 6:
            lead.append(sentence)
        if len(lead) == LEAD_SENTENCES:
            break
    return lead


@dataclass(frozen=True)
class FocusScore:
    """How strongly a fact states what the story is about; each part a share of the independent sources."""

    focus: float
    lead: float
    support: float

    @property
    def total(self) -> float:
        return self.focus + self.lead + self.support


def score(
    fact: FactLine,
    focus: StoryFocus,
    key: Callable[[str], str],
    weights: Mapping[str, float] | None = None,
    words: frozenset[str] | None = None,
) -> FocusScore:
    """A fact's ``FocusScore`` (``weights``: the focus words' weights now, after earlier picks;
    ``words``: ``terms(fact.text)`` when already worked out)."""
    weights = focus.weights if weights is None else weights
    words = terms(fact.text) if words is None else words
    total = max(1, focus.sources)
    leads = {key(c.article_id) for c in fact.citations if focus.in_lead(c.article_id, c.start)}
    return FocusScore(stated(words, weights), len(leads) / total, fact.independent_sources / total)


def stated(words: frozenset[str], weights: Mapping[str, float]) -> float:
    """How much of the focus (``weights``) a sentence of these ``terms`` states: the weights of its words
    over the square root of its word count (at least ``MIN_WORDS``)."""
    return round(sum(weights.get(word, 0.0) for word in words) / math.sqrt(max(len(words), MIN_WORDS)), 6)


def when_where(extraction: Extraction | None, start: int) -> int:
    """How many of its event's when and where the sentence at ``start`` states: 0, 1 or 2.

    Read from the extractor's frames of the sentence's main clause: a date tied to the event ('met ...
    on Tuesday') and a place it happened ('in Moscow'). A clause of speech ('the ministry said on
    Friday') or a forecast or condition dates nothing that happened."""
    if extraction is None:
        return 0
    index = next((sentence.index for sentence in extraction.sentences if sentence.start == start), None)
    when = where = False
    for frame in extraction.frames:
        if frame.sentence == index and frame.main and not (frame.reporting or frame.modal):
            when, where = when or bool(frame.dates), where or bool(frame.places)
    return int(when) + int(where)


def pick(facts: Sequence[FactLine], focus: StoryFocus, key: Callable[[str], str], *, limit: int) -> list[FactLine]:
    """Up to ``limit`` facts, best first: each the highest ``FocusScore`` on the focus words the facts
    picked before it have not stated (a restated word keeps ``RESTATED`` of its weight). A fact most of
    whose words (``RESTATES``) the facts picked before it already use says nothing new and is left out.
    Ties keep the order of ``facts``."""
    weights = dict(focus.weights)
    said: set[str] = set()
    left = [(fact, terms(fact.text)) for fact in facts]
    left = [(fact, words) for fact, words in left if words]
    chosen: list[FactLine] = []
    while left and len(chosen) < limit:
        left = [(fact, words) for fact, words in left if len(words & said) < RESTATES * len(words)]
        if not left:
            break
        totals = [score(fact, focus, key, weights, words).total for fact, words in left]
        fact, words = left.pop(max(range(len(left)), key=lambda i: (totals[i], -i)))
        chosen.append(fact)
        said |= words
        for word in words & weights.keys():
            weights[word] = focus.weights[word] * RESTATED
    return chosen


_SIDE_ANGLE = re.compile(
    r"\?\s*$|^\W*(?:explainer|analysis|opinion|comment|editorial|watch|live|factbox|q&a)\b|\bwhat (?:to|we) know\b|"
    r"\blive updates?\b|\bkey takeaways\b",
    re.IGNORECASE,
)
TITLE_WORDS = 6
"""A title counts as at least this many words when its focus is worked out, so that a three-word title
does not win by naming the story's place alone."""


def headline(titled: Sequence[tuple[str, str]], focus: StoryFocus) -> str | None:
    """The title that states what most independent sources lead with, or None without titles.

    Args:
        titled: (article id, title) in the order to prefer on a tie (earliest first).
        focus: the story's focus.

    Returns:
        The title whose words weigh most, on average, in the other sources' leads (a word in its own
        lead is not counted for it): a short title that names the main event beats a long one that
        adds a side angle ('Dam collapse: 4 of the 12 dead had gone fishing below the spillway'). A
        question or a labelled side angle ('EXPLAINER-Why did ...', '... What to know', 'WATCH LIVE:
        ...') leads only when every title is one.
    """
    if not titled:
        return None
    own = 1 / max(1, focus.sources)

    def weight(title: str) -> float:
        words = terms(title)
        found = sum(max(0.0, focus.weights.get(word, 0.0) - own) for word in words)
        return found / max(len(words), TITLE_WORDS)

    plain = [pair for pair in titled if not _SIDE_ANGLE.search(pair[1])] or list(titled)
    best = max(range(len(plain)), key=lambda i: (round(weight(plain[i][1]), 6), -i))
    return plain[best][1]
