"""Story clustering throughput and memory at 1k, 10k and 100k articles, next to an all-pairs baseline.

The articles are synthetic: lead vectors are random unit vectors perturbed around story centres
(stories of 1-12 articles, cosine to the centre about 0.75), each with a few name words from its
story's vocabulary plus common ones, and a publication day near its story's day. This measures the
clustering stage itself (``stories.assign_stories``); embedding the leads is the embedder's cost and
is measured once at the end on real demo sentences (``--embed``).

The baseline is the same code with the time-blocked HNSW index (faiss-cpu) swapped for exact search
over all earlier vectors (one matrix product per article, so all pairs overall). Each size runs in
its own process so peak memory is that run's own::

    .venv/bin/python -m bench.bench_stories              # Markdown table, 1k/10k/100k (+ doublings)
    .venv/bin/python -m bench.bench_stories --size 10000 --json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy

from bench.report import per_doubling
from crosswire.stories import DIM, StoryItem, StoryState, assign_stories
from crosswire.stories.features import term_id
from crosswire.stories.index import new_bucket

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1000, 2000, 10000, 20000, 100000)
BASELINE_MAX = 20000  # all pairs is quadratic: stop it here


def synthetic_items(count: int, *, seed: int = 11) -> list[StoryItem]:
    """``count`` articles in stories of 1-12, as clustering sees them."""
    rng = numpy.random.default_rng(seed)
    items: list[StoryItem] = []
    story = 0
    while len(items) < count:
        size = int(rng.integers(1, 13))
        centre = rng.standard_normal(DIM).astype(numpy.float32)
        centre /= numpy.linalg.norm(centre)
        names = [f"name{story}_{i}" for i in range(6)]
        day = 19000.0 + story * 0.05
        for _ in range(min(size, count - len(items))):
            noise = rng.standard_normal(DIM).astype(numpy.float32)
            vector = centre + 0.9 * noise / numpy.linalg.norm(noise)
            vector /= numpy.linalg.norm(vector)
            keys = frozenset(rng.choice(names, 3, replace=False).tolist() + [f"common{int(rng.integers(50))}"])
            words = rng.choice(names, 4).tolist() + [f"word{int(w)}" for w in rng.zipf(1.3, 60) % 50000]
            terms = Counter(term_id(w) for w in words)
            weekday = int(rng.integers(7)) if rng.uniform() < 0.5 else None
            when = day + float(rng.uniform(0, 2))
            items.append(StoryItem(f"a{len(items)}", vector, terms, keys, when, None, weekday))
        story += 1
    order = rng.permutation(len(items))  # stories interleave in the stream
    return [items[i] for i in sorted(order, key=lambda i: items[i].day or 0.0)]


class ExactIndex:
    """All-pairs baseline with the ``LeadIndex`` calls ``StoryState`` makes: exact search over every
    earlier article, no time blocking."""

    def __init__(self) -> None:
        self.matrix = numpy.zeros((1024, DIM), dtype=numpy.float32)
        self.count = 0

    def query(self, vector: numpy.ndarray, day: float | None, *, k: int) -> list[int]:
        scores = self.matrix[: self.count] @ vector.reshape(-1)
        return numpy.argsort(-scores, kind="stable")[:k].tolist()

    def add(self, vector: numpy.ndarray, position: int, day: float | None) -> None:
        if self.count + 1 > len(self.matrix):
            self.matrix = numpy.concatenate([self.matrix, numpy.zeros_like(self.matrix)])
        self.matrix[self.count] = vector
        self.count += 1


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(count: int, *, baseline: bool) -> dict[str, float | int | None]:
    """Cluster ``count`` synthetic articles with the time-blocked index (and, if asked, the exact baseline)."""
    items = synthetic_items(count)
    new_bucket()  # imports faiss (0.15-0.18 s and 15 MB, once per process) before the clock and the memory count
    before = rss_mb()
    half = count // 2
    started = time.perf_counter()
    state = assign_stories(items[:half])
    middle = time.perf_counter()
    assign_stories(items[half:], state=state)  # the same stream, timed in two halves
    seconds = time.perf_counter() - started
    grown = max(rss_mb() - before, 0.0)
    row: dict[str, float | int | None] = {
        "articles": count,
        "seconds": round(seconds, 3),
        "articles_per_s": round(count / seconds, 1),
        "late_us_per_article": round(1e6 * (started + seconds - middle) / (count - half), 1),
        "stories": len(state.stories()),
        "peak_rss_mb": round(rss_mb(), 1),
        "state_kb_per_article": round(grown * 1024 / count, 2),
        "baseline_seconds": None,
        "agreement": None,
    }
    if baseline:
        exact = StoryState(index=ExactIndex())  # type: ignore[arg-type]
        started = time.perf_counter()
        assign_stories(items, state=exact)
        row["baseline_seconds"] = round(time.perf_counter() - started, 3)
        row["agreement"] = round(_agreement(state.stories(), exact.stories()), 4)
    return row


def _agreement(left: dict[str, list[str]], right: dict[str, list[str]]) -> float:
    """Share of articles whose story has exactly the same members in both assignments."""
    groups = {frozenset(ids) for ids in right.values()}
    same = sum(len(ids) for ids in left.values() if frozenset(ids) in groups)
    return same / max(1, sum(len(ids) for ids in left.values()))


def embed_rate(count: int = 256) -> float:
    """Lead vectors per second of the real embedder on demo-length leads."""
    from crosswire.embed import load_embedder
    from crosswire.ingest import Ingested, load_inputs
    from crosswire.settings import load_settings
    from crosswire.stories import lead_text

    folders = [str(ROOT / "examples" / "harbour-spill"), str(ROOT / "examples" / "second-story")]
    articles = [r.article for r in load_inputs(folders, settings=load_settings()) if isinstance(r, Ingested)]
    leads = [f"{i} {lead_text(articles[i % len(articles)])}" for i in range(count)]
    embedder = load_embedder()
    started = time.perf_counter()
    embedder.embed(leads)
    return count / (time.perf_counter() - started)


def table(rows: Sequence[dict]) -> str:
    """Rows as Markdown, with the growth per doubling between successive sizes."""
    lines = [
        "| articles | seconds | articles/s | time per doubling | µs per article, second half | stories "
        "| state KB/article | peak RSS MB | all-pairs s | same stories as all-pairs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in rows:
        growth = per_doubling(row, previous)
        base = f"{row['baseline_seconds']:.2f}" if row["baseline_seconds"] is not None else "not run (quadratic)"
        agree = f"{row['agreement']:.1%}" if row["agreement"] is not None else "—"
        lines.append(
            f"| {row['articles']:,} | {row['seconds']:.2f} | {row['articles_per_s']:,.0f} | {growth} "
            f"| {row['late_us_per_article']:,.0f} | {row['stories']:,} | {row['state_kb_per_article']:.2f} "
            f"| {row['peak_rss_mb']:.0f} | {base} | {agree} |"
        )
        previous = row
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, help="one size, in this process")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    parser.add_argument("--embed", action="store_true", help="also measure the embedder's lead vectors per second")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the table shows the median run")
    args = parser.parse_args(argv)
    if args.size:
        row = measure(args.size, baseline=not args.no_baseline and args.size <= BASELINE_MAX)
        print(json.dumps(row))
        return 0
    rows = []
    for size in SIZES:
        runs = []
        for run in range(args.runs):
            print(f"stories {size} ({run + 1}/{args.runs}) …", file=sys.stderr)
            command = [sys.executable, "-m", "bench.bench_stories", "--size", str(size)]
            command += ["--no-baseline"] if run else []  # the all-pairs baseline once per size
            result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
            runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
        middle = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]  # the median run
        rows.append({**middle, "baseline_seconds": runs[0]["baseline_seconds"], "agreement": runs[0]["agreement"]})
    print("\n".join(json.dumps(r) for r in rows) if args.json else table(rows))
    if args.embed:
        print(f"\nEmbedding leads (MiniLM int8, 2 threads): {embed_rate():.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
