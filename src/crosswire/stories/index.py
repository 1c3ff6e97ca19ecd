"""Lead-vector search blocked by publication time: one HNSW index (faiss-cpu) per time bucket.

Buckets are ``window_days`` long. A dated article searches the buckets that hold any day within
``reach_days`` of its own and the undated articles' bucket; an undated article searches every bucket.
So every article within ``reach_days`` of it is searched, and none more than a window and a reach
away is (with the default reach, which equals the score's ``time_span_days``, the time term gives
those its full penalty anyway). An article in the middle of its window searches that one bucket;
one near an edge also searches the bucket across it. A bucket's size depends on how many articles
a period holds, not on the corpus, so the cost of placing an article stays flat as an archive
grows longer. Buckets are loaded and saved one by one (``loader``, ``dirty``), so a run touches
only the periods its new articles fall in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy

from crosswire.embed import DIM

UNDATED = "undated"
M = 16  # graph degree
EF_CONSTRUCTION = 64
EF_SEARCH = 64


def _faiss() -> Any:
    import faiss  # start-up cost: ~0.8 s on its own, paid only by the first story clustering

    faiss.omp_set_num_threads(1)  # one thread keeps insertion, hence the graph, deterministic
    return faiss


def new_bucket() -> Any:
    """An empty inner-product HNSW index whose labels are arrival positions.

    Vectors are stored as float16 (``IndexHNSWSQ``, ``QT_fp16``; no training): half the memory of
    float32, and since a search at scale is bound by reading vectors, not by arithmetic, it is
    faster too. Unit vectors lose about 1e-3 of cosine, far below any threshold in the score. Buckets
    saved as float32 (``IndexHNSWFlat``) by earlier versions load and search as before.
    """
    faiss = _faiss()
    graph = faiss.IndexHNSWSQ(DIM, faiss.ScalarQuantizer.QT_fp16, M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = EF_CONSTRUCTION
    graph.hnsw.efSearch = EF_SEARCH
    return faiss.IndexIDMap(graph)


def bucket_to_bytes(bucket: Any) -> bytes:
    return bytes(_faiss().serialize_index(bucket))


def bucket_from_bytes(blob: bytes) -> Any:
    faiss = _faiss()
    bucket = faiss.deserialize_index(numpy.frombuffer(blob, dtype=numpy.uint8))
    faiss.downcast_index(bucket.index).hnsw.efSearch = EF_SEARCH
    return bucket


@dataclass
class LeadIndex:
    """Time-bucketed nearest-neighbour search over lead vectors.

    Args:
        window_days: length of a time bucket in days.
        reach_days: a dated article's candidates include every indexed article this many days away or
            closer.
        loader: reads a saved bucket by name (None when absent), for a state restored from the store.
        known: names of the saved buckets (so an undated article can search them all).
    """

    window_days: float = 60.0
    reach_days: float = 30.0
    loader: Callable[[str], bytes | None] | None = None
    known: set[str] = field(default_factory=set)
    buckets: dict[str, Any] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)

    def bucket_name(self, day: float | None) -> str:
        return UNDATED if day is None else str(math.floor(day / self.window_days))

    def _bucket(self, name: str, *, create: bool) -> Any | None:
        if name not in self.buckets:
            blob = self.loader(name) if self.loader is not None and name in self.known else None
            if blob is not None:
                self.buckets[name] = bucket_from_bytes(blob)
            elif create:
                self.buckets[name] = new_bucket()
                self.known.add(name)
        return self.buckets.get(name)

    def _search_names(self, day: float | None) -> list[str]:
        if day is None:
            return sorted(self.known | set(self.buckets))
        first = math.floor((day - self.reach_days) / self.window_days)
        last = math.floor((day + self.reach_days) / self.window_days)
        return [*(str(b) for b in range(first, last + 1)), UNDATED]

    def add(self, vector: numpy.ndarray, position: int, day: float | None) -> None:
        """Index one article's lead vector under its arrival position."""
        name = self.bucket_name(day)
        bucket = self._bucket(name, create=True)
        assert bucket is not None  # create=True makes the bucket when it is missing
        bucket.add_with_ids(vector.reshape(1, -1).astype(numpy.float32), numpy.array([position], dtype=numpy.int64))
        self.dirty.add(name)

    def query(self, vector: numpy.ndarray, day: float | None, *, k: int) -> list[int]:
        """Positions of the ``k`` most similar earlier articles in the buckets searched, best first."""
        found: list[tuple[float, int]] = []
        query = vector.reshape(1, -1).astype(numpy.float32)
        for name in self._search_names(day):
            bucket = self._bucket(name, create=False)
            if bucket is None or bucket.ntotal == 0:
                continue
            scores, labels = bucket.search(query, min(k, bucket.ntotal))
            found.extend((float(s), int(p)) for s, p in zip(scores[0], labels[0], strict=True) if p >= 0)
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        return [position for _, position in found[:k]]

    def dump(self, names: Iterable[str] | None = None) -> dict[str, bytes]:
        """The buckets changed since loading (or ``names``), serialised (faiss's own format, not pickle)."""
        chosen = sorted(self.dirty if names is None else names)
        return {name: bucket_to_bytes(self.buckets[name]) for name in chosen if name in self.buckets}
