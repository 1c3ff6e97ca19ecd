"""The story score (see the package docstring) of one new article against many stories at once.

Scoring is the per-article work that runs for every candidate story, so it is done in a handful of
array operations over all candidates (their summaries stacked) instead of a round of them per story.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy

from crosswire.stories.features import detail_id
from crosswire.stories.items import StoryItem, StoryParams
from crosswire.stories.sparse import Sparse, dots
from crosswire.stories.summary import StorySummary


def story_scores(
    item: StoryItem,
    terms: Sparse,
    names: Sparse,
    details: Sparse,
    summaries: Sequence[StorySummary],
    *,
    params: StoryParams,
) -> numpy.ndarray:
    """The score of ``item`` (with its tf-idf ``terms`` and ``names``) against each of ``summaries``.

    Args:
        item: the new article.
        terms, names: its word and name-word tf-idf vectors (``StoryState.vectors_of``).
        details: the idf of its lead's details (``StoryState.vectors_of``).
        summaries: the candidate stories.
        params: the score's weights and priors.

    Returns:
        numpy.ndarray: one float64 score per summary, in their order.
    """
    if not summaries:
        return numpy.zeros(0, dtype=numpy.float64)
    p = params
    leads = numpy.stack([s.lead for s in summaries])
    norms = numpy.maximum(numpy.sqrt(numpy.einsum("ij,ij->i", leads, leads, dtype=numpy.float64)), 1e-9)
    value = (leads @ item.vector).astype(numpy.float64) / norms
    sizes = numpy.fromiter((s.size for s in summaries), dtype=numpy.float64, count=len(summaries))
    value += _average_link(terms, [s.terms for s in summaries], sizes, p.body_weight, p.body_prior)
    value += _average_link(names, [s.names for s in summaries], sizes, p.entity_weight, p.entity_prior)
    value += _weekday_term(item, summaries, params=p)
    value -= _contrast_term(item, details, summaries, params=p)
    if item.day is not None:
        value -= _time_term(item.day, summaries, params=p)
    return value


def _average_link(
    vector: Sparse, sums: Sequence[Sparse], sizes: numpy.ndarray, weight: float, prior: float
) -> numpy.ndarray:
    """``weight * (mean cosine with the members - prior)`` where both sides have terms, else 0."""
    if not len(vector):
        return numpy.zeros(len(sums), dtype=numpy.float64)
    present = numpy.fromiter((len(s) > 0 for s in sums), dtype=bool, count=len(sums))
    return numpy.where(present, weight * (dots(vector, sums) / sizes - prior), 0.0)


def _weekday_term(item: StoryItem, summaries: Sequence[StorySummary], *, params: StoryParams) -> numpy.ndarray:
    """``weekday_weight * (share of the story's leads naming the item's weekday - 1/2)``, when undated."""
    result = numpy.zeros(len(summaries), dtype=numpy.float64)
    if item.weekday is None:
        return result
    for i, summary in enumerate(summaries):
        said = sum(summary.weekdays)
        if said and (item.day is None or summary.first_day is None):
            result[i] = params.weekday_weight * (summary.weekdays[item.weekday] / said - 0.5)
    return result


def _contrast_term(
    item: StoryItem, details: Sparse, summaries: Sequence[StorySummary], *, params: StoryParams
) -> numpy.ndarray:
    """``contrast_weight * unknown(a's lead details, S) * unknown(S's lead details, a)``, when a or S is undated.

    ``unknown(D, X)``: the idf-weighted share of details ``D`` that no text of ``X`` mentions (for a
    story's details, weighted by how many of its leads state each). Both leads must state details, and
    the term is large only when each side's are mostly absent from everything the other side wrote:
    'Sukanya', '26' and '2011' against 'Mysore', '23' and 'Gibe'. A report that adds a new name or a
    revised figure to a story still mentions most of what the story's leads say, so it keeps its score.
    Dated stories are left to the time term: on the same days, reports of one event differ in detail.
    """
    result = numpy.zeros(len(summaries), dtype=numpy.float64)
    undated = [i for i, s in enumerate(summaries) if (item.day is None or s.first_day is None) and len(s.details)]
    own = float(details.weights.sum())
    if not undated or own <= 0.0 or not params.contrast_weight:
        return result
    possessive = dict(detail_id(word) for word in item.details)
    forms = numpy.array([possessive.get(int(i), int(i)) for i in details.ids], dtype=numpy.int32)
    mentions = numpy.sort(numpy.fromiter(item.terms, dtype=numpy.int64, count=len(item.terms)).astype(numpy.int32))
    for i in undated:
        summary = summaries[i]
        theirs, stated = summary.details, float(summary.details.weights.sum())
        if stated <= 0.0:
            continue
        known = _within(summary.terms.ids, details.ids) | _within(summary.terms.ids, forms)
        new_to_story = float(details.weights[~known].sum()) / own
        new_to_item = float(theirs.weights[~_within(mentions, theirs.ids)].sum()) / stated
        result[i] = params.contrast_weight * new_to_story * new_to_item
    return result


def _within(ids: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """Whether each of ``wanted`` is in the sorted ``ids``."""
    if not len(ids):
        return numpy.zeros(len(wanted), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(ids, wanted), len(ids) - 1)
    return ids[at] == wanted


def _time_term(day: float, summaries: Sequence[StorySummary], *, params: StoryParams) -> numpy.ndarray:
    """``time_weight * gap``: 0 within the grace days of the story's span, 1 from ``time_span_days``."""
    result = numpy.zeros(len(summaries), dtype=numpy.float64)
    span = max(params.time_span_days - params.time_grace_days, 1e-9)
    for i, summary in enumerate(summaries):
        if summary.first_day is not None and summary.last_day is not None:
            gap = max(0.0, summary.first_day - day, day - summary.last_day)
            result[i] = params.time_weight * min(1.0, max(0.0, gap - params.time_grace_days) / span)
    return result
