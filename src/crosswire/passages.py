"""Shared wire passages: sentences that otherwise independent articles carry verbatim.

Outlets that rewrite an agency story (PTI, AFP, Reuters) in their own words often keep a few of its
sentences word for word. Those articles are not copies of each other (``dedupe`` keeps them apart),
but a fact they state only in the shared sentences has one source, the agency, however many outlets
republished it. ``shared_passages`` finds such sentences for one story: two sentences of articles
from different syndication groups are one passage when they share a run of ``run_words`` words
outside quotation marks that covers at least half the shorter sentence's own words (a quotation that
two reporters heard alike is not taken as copied). Passages are transitive: a sentence linked to
either of two linked sentences is in their passage.

``SharedPassages.independent_sources`` then counts a set of evidence sentences: the articles'
syndication groups count once each, and so does each passage, whoever republished it
(``SharedPassages.sources`` gives the sources themselves, so the brief can name the agency behind one:
``crosswire.agencies``).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from crosswire.model import Article, Extraction

RUN_WORDS = 8
"""Words in a row that two sentences must share (outside quotation marks) to be one passage."""
LONG_RUN = 10
"""Words that shared runs must cover, unless they cover the whole shorter sentence: "faces 30 years to
life in prison" in two reports of one trial is a common phrase, not a shared passage."""
MIN_SHARE = 0.5
"""Share of the shorter sentence's words outside quotation marks that shared runs must cover."""

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SharedPassages:
    """Which sentences of which articles are shared wire passages, and how to count sources with them.

    ``passage_of`` maps ``(article_id, sentence start)`` to a passage id (the first member's
    ``"article_id:start"``); ``groups`` maps article id to its independent-source key (syndication
    group). Sentences in no passage are absent.
    """

    passage_of: Mapping[tuple[str, int], str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    starts: Mapping[str, list[tuple[int, int]]] = field(default_factory=dict)  # article -> (start, end) spans

    def passage(self, article_id: str, offset: int) -> str | None:
        """The passage of the sentence of ``article_id`` that contains ``offset``, or None."""
        spans = self.starts.get(article_id, [])
        at = bisect.bisect_right(spans, (offset, float("inf"))) - 1
        if at < 0 or not spans[at][0] <= offset < max(spans[at][1], spans[at][0] + 1):
            return None
        return self.passage_of.get((article_id, spans[at][0]))

    def members(self, passage: str) -> list[tuple[str, int]]:
        """The ``(article_id, sentence start)`` sentences of one passage."""
        return sorted(key for key, value in self.passage_of.items() if value == passage)

    def independent_sources(self, evidence: Iterable[tuple[str, int]]) -> int:
        """How many independent sources a set of ``(article_id, offset)`` evidence amounts to.

        Articles of one syndication group are one source; sentences of one shared passage are one
        source, and the articles that carry it are joined to it (their other evidence sentences on
        the same fact restate the wire's, not their own reporting, when they state it in the passage too).
        """
        return len(self.sources(evidence))

    def sources(self, evidence: Iterable[tuple[str, int]]) -> list[list[tuple[str, int]]]:
        """The evidence split into its independent sources (as ``independent_sources`` counts them).

        Returns:
            list: one list of ``(article_id, offset)`` per independent source, in the order first seen;
            a source with several articles is a syndication group or a shared passage (or both).
        """
        parent: dict[str, str] = {}

        def find(node: str) -> str:
            parent.setdefault(node, node)
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        given = list(evidence)
        for article_id, offset in given:
            source = find("g:" + self.groups.get(article_id, article_id))
            passage = self.passage(article_id, offset)
            if passage is not None:
                parent[source] = find("p:" + passage)
        found: dict[str, list[tuple[str, int]]] = {}
        for article_id, offset in given:
            found.setdefault(find("g:" + self.groups.get(article_id, article_id)), []).append((article_id, offset))
        return list(found.values())


def shared_passages(
    articles: Mapping[str, Article],
    extractions: Mapping[str, Extraction],
    *,
    run_words: int = RUN_WORDS,
    min_share: float = MIN_SHARE,
) -> SharedPassages:
    """The shared wire passages among a story's articles (see the module docstring).

    Args:
        articles: the story's articles by id (their ``independent_key`` says which are copies).
        extractions: extraction per article id; its sentences are the units compared.
        run_words: words in a row two sentences must share outside quotation marks.
        min_share: share of the shorter sentence's own words the shared runs must cover.

    Returns:
        SharedPassages: the passage of every shared sentence and the groups to count with.
    """
    groups = {article_id: article.independent_key for article_id, article in articles.items()}
    units: list[tuple[str, int, list[str]]] = []  # article, sentence start, words outside quotes
    runs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    starts: dict[str, list[tuple[int, int]]] = {}
    same: dict[tuple[str, ...], int] = {}  # a sentence's words -> the first unit with exactly those words
    links: list[tuple[int, int]] = []
    for article_id in articles:
        extraction = extractions.get(article_id)
        if extraction is None:
            continue
        starts[article_id] = sorted((s.start, s.end) for s in extraction.sentences)
        for sentence in extraction.sentences:
            own = _own_words(sentence.text)
            unit = len(units)
            units.append((article_id, sentence.start, own))
            first = same.setdefault(tuple(own), unit)
            if first != unit:  # the same words again: one passage, compared once (a story of 500 copies)
                other = units[first][0]
                if _count_words(own) >= run_words and groups.get(other, other) != groups.get(article_id, article_id):
                    links.append((first, unit))
                continue
            for gram in {tuple(own[i : i + run_words]) for i in range(len(own) - run_words + 1)}:
                if "\0" not in gram:
                    runs[gram].append(unit)
    links += _links(units, runs, groups, run_words=run_words, min_share=min_share)
    return SharedPassages(_components(units, links), groups, starts)


def _own_words(sentence: str) -> list[str]:
    """The lower-cased words of a sentence, each quotation replaced by a break ("\\0"); a quote mark
    left alone (a quotation that runs over several sentences) quotes the rest of the sentence when it
    opens a quotation, and what comes before it when it closes one (after punctuation, or before a space)."""
    marked = _QUOTED.sub(" qqbreakqq ", sentence)
    if '"' in marked:
        at = marked.index('"')
        before, after = marked[:at], marked[at + 1 :]
        closes = not after[:1].strip() or (before[-1:] in ",.!?" and before[-1:] != "")
        marked = "qqbreakqq " + after if closes else before + " qqbreakqq"
    marked = marked.lower()
    return ["\0" if word == "qqbreakqq" else word for word in _WORD.findall(marked)]


def _links(
    units: list[tuple[str, int, list[str]]],
    runs: Mapping[tuple[str, ...], list[int]],
    groups: Mapping[str, str],
    *,
    run_words: int,
    min_share: float,
) -> list[tuple[int, int]]:
    """Pairs of sentences of different syndication groups whose shared runs cover enough words."""
    shared: dict[tuple[int, int], set[int]] = defaultdict(set)  # pair -> word positions covered in the left
    positions: dict[int, dict[tuple[str, ...], list[int]]] = {}
    for gram, members in runs.items():
        if len(members) < 2 or len(members) > 50:  # a run in fifty sentences is boilerplate, not a passage
            continue
        for i, left in enumerate(members):
            for right in members[i + 1 :]:
                a, b = units[left][0], units[right][0]
                if groups.get(a, a) == groups.get(b, b):
                    continue
                where = positions.get(left)
                if where is None:  # worked out once per sentence (setdefault would build it every time)
                    where = positions[left] = _gram_positions(units[left][2], run_words)
                for at in where.get(gram, ()):
                    shared[(left, right)].update(range(at, at + run_words))
    links = []
    for (left, right), covered in shared.items():
        own = min(_count_words(units[left][2]), _count_words(units[right][2]))
        long_enough = len(covered) >= LONG_RUN or len(covered) >= own  # a common phrase is neither
        if own and long_enough and len(covered) >= min_share * own:
            links.append((left, right))
    return links


def _gram_positions(words: list[str], size: int) -> dict[tuple[str, ...], list[int]]:
    found: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(words) - size + 1):
        found[tuple(words[i : i + size])].append(i)
    return found


def _count_words(words: list[str]) -> int:
    return sum(1 for word in words if word != "\0")


def _components(units: list[tuple[str, int, list[str]]], links: list[tuple[int, int]]) -> dict[tuple[str, int], str]:
    """Each linked sentence -> its passage id (the first member's ``article_id:start``)."""
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for left, right in links:
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    linked = {i for pair in links for i in pair}
    return {(units[i][0], units[i][1]): f"{units[find(i)][0]}:{units[find(i)][1]}" for i in sorted(linked)}
