"""Sparse term vectors (sorted term ids with float32 weights) for tf-idf scores against story sums."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy


@dataclass(frozen=True, slots=True, eq=False)
class Sparse:
    """A sparse vector: ``ids`` sorted and unique (int32), ``weights`` aligned with them (float32)."""

    ids: numpy.ndarray
    weights: numpy.ndarray

    @classmethod
    def empty(cls) -> Sparse:
        return cls(numpy.zeros(0, dtype=numpy.int32), numpy.zeros(0, dtype=numpy.float32))

    def __len__(self) -> int:
        return len(self.ids)

    def dot(self, other: Sparse) -> float:
        """The inner product; cost grows with the shorter vector (binary search in the longer)."""
        small, large = (self, other) if len(self) <= len(other) else (other, self)
        if not len(small):
            return 0.0
        at = numpy.searchsorted(large.ids, small.ids)
        at[at == len(large.ids)] = 0
        hit = large.ids[at] == small.ids
        return float(small.weights[hit] @ large.weights[at[hit]])

    def plus(self, other: Sparse, *, cap: int) -> Sparse:
        """The sum of two vectors, keeping the ``cap`` largest weights."""
        ids = numpy.concatenate([self.ids, other.ids])
        weights = numpy.concatenate([self.weights, other.weights])
        unique, inverse = numpy.unique(ids, return_inverse=True)
        summed = numpy.bincount(inverse, weights=weights).astype(numpy.float32)
        if len(unique) > cap:
            keep = numpy.sort(numpy.argpartition(-summed, cap - 1)[:cap])
            unique, summed = unique[keep], summed[keep]
        return Sparse(unique.astype(numpy.int32), summed)

    def to_bytes(self) -> bytes:
        count = len(self.ids).to_bytes(4, "little")
        return count + self.ids.astype("<i4").tobytes() + self.weights.astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, offset: int = 0) -> tuple[Sparse, int]:
        """The vector stored at ``offset`` of ``blob``, and the offset just after it."""
        count = int.from_bytes(blob[offset : offset + 4], "little")
        start = offset + 4
        ids = numpy.frombuffer(blob, dtype="<i4", count=count, offset=start).astype(numpy.int32)
        weights = numpy.frombuffer(blob, dtype="<f4", count=count, offset=start + 4 * count).astype(numpy.float32)
        return cls(ids, weights), start + 8 * count


def tfidf(
    counts: Mapping[int, int], frequency: Mapping[int, int], total: int, *, cap: int, background: int = 0
) -> Sparse:
    """The L2-normalised tf-idf vector of one article, its ``cap`` heaviest terms kept.

    Args:
        counts: term id -> occurrences in the article.
        frequency: term id -> earlier articles containing it (absent = none).
        total: how many articles came before.
        cap: at most this many terms (the rarest, most repeated ones).
        background: imagined earlier articles that contain none of the words, so that in a young
            stream (where one story's own words are in most articles) those words still count.
    """
    if not counts:
        return Sparse.empty()
    ids = numpy.fromiter(counts.keys(), dtype=numpy.int32, count=len(counts))
    tf = numpy.fromiter(counts.values(), dtype=numpy.float64, count=len(counts))
    df = numpy.fromiter((frequency.get(t, 0) for t in counts), dtype=numpy.float64, count=len(counts))
    weights = (1.0 + numpy.log(tf)) * numpy.log((2.0 + total + background) / (1.0 + df))
    if len(ids) > cap:
        keep = numpy.argpartition(-weights, cap - 1)[:cap]
        ids, weights = ids[keep], weights[keep]
    norm = math.sqrt(float(weights @ weights)) or 1.0
    order = numpy.argsort(ids)
    return Sparse(ids[order], (weights[order] / norm).astype(numpy.float32))


def idf(ids: Sequence[int], frequency: Mapping[int, int], total: int, *, background: int = 0) -> Sparse:
    """The inverse document frequency of each term (the weight ``tfidf`` gives a term seen once), unnormalised."""
    unique = numpy.unique(numpy.fromiter(ids, dtype=numpy.int64, count=len(ids))).astype(numpy.int32)
    df = numpy.fromiter((frequency.get(int(t), 0) for t in unique), dtype=numpy.float64, count=len(unique))
    return Sparse(unique, numpy.log((2.0 + total + background) / (1.0 + df)).astype(numpy.float32))


def dots(vector: Sparse, others: Sequence[Sparse]) -> numpy.ndarray:
    """``vector.dot(other)`` for every one of ``others`` at once (float64, one per other).

    One pass over all of the others' ids (binary search into ``vector``'s), so scoring a dozen
    stories costs a few array operations rather than a dozen rounds of them.
    """
    result = numpy.zeros(len(others), dtype=numpy.float64)
    if not len(vector) or not others:
        return result
    lengths = numpy.fromiter((len(o) for o in others), dtype=numpy.int64, count=len(others))
    if not lengths.sum():
        return result
    ids = numpy.concatenate([o.ids for o in others])
    weights = numpy.concatenate([o.weights for o in others])
    at = numpy.searchsorted(vector.ids, ids)
    at[at == len(vector.ids)] = 0
    hit = vector.ids[at] == ids
    owner = numpy.repeat(numpy.arange(len(others)), lengths)
    products = weights[hit].astype(numpy.float64) * vector.weights[at[hit]]
    return numpy.bincount(owner[hit], weights=products, minlength=len(others))
