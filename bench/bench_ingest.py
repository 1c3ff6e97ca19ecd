"""Ingest + de-duplication throughput, and how its cost grows as the corpus doubles.

Run one size per process (so peak memory is that size's own):
    python -m bench.bench_ingest --size 1000
prints one JSON line: articles, median seconds of --repeat runs (3), articles/s, peak RSS, and the same-process baseline
(naive all-pairs Jaccard over the same shingle sets) for comparison.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus, write_corpus
from crosswire import pipeline
from crosswire.dedupe import shingles
from crosswire.settings import load_settings
from crosswire.store import Store


def naive_all_pairs(texts: list[str], *, size: int, threshold: float) -> int:
    """The baseline: exact Jaccard of every pair of shingle sets. Returns the pairs over threshold."""
    sets = [shingles(t, size=size) for t in texts]
    return sum(1 for a, b in itertools.combinations(sets, 2) if len(a & b) / len(a | b) >= threshold)


def run(size: int, *, baseline: bool, repeat: int = 3) -> dict[str, float | int | None]:
    settings = load_settings()
    texts = make_corpus(size)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(texts, folder)
        for attempt in range(repeat):  # a fresh store each time; the median damps disk and machine noise
            start = time.perf_counter()
            with Store.open(Path(tmp) / f"bench{attempt}.db") as store:
                outcomes = list(pipeline.run_ingest(store, [str(folder)], settings=settings))
            times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    grouped = sum(1 for o in outcomes if o.detail.startswith("near copy"))
    naive = None
    if baseline:
        start = time.perf_counter()
        naive_all_pairs(texts, size=settings.shingle_words, threshold=settings.near_dup_threshold)
        naive = time.perf_counter() - start
    return {
        "articles": size,
        "seconds": round(seconds, 3),
        "runs": repeat,
        "articles_per_s": round(size / seconds, 1),
        "near_copies_grouped": grouped,
        "near_copies_planted": size // 10,
        "naive_all_pairs_seconds": round(naive, 3) if naive is not None else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--no-baseline", action="store_true", help="skip the all-pairs baseline")
    parser.add_argument("--repeat", type=int, default=3, help="ingest runs per size; the median is reported")
    args = parser.parse_args()
    print(json.dumps(run(args.size, baseline=not args.no_baseline, repeat=args.repeat)))


if __name__ == "__main__":
    main()
