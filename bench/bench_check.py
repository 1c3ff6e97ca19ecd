"""Cross-check speed: stories of 10 to 1,000 articles, against a naive all-pairs alignment.

``python -m bench.bench_check --sizes 10 100 500 1000``

Stories are built from the demo articles and the real seed articles, extracted once; each story
article is one of them under a new id, keeping a random 80% of its claims (so facts are supported
by varying subsets). Extractions and sentence embeddings are pre-computed (the embedder's cache is
warmed before timing), so the figures measure entity resolution, blocked alignment and the
contradiction checks. The baseline, in the same run, computes every pairwise claim similarity
(what alignment costs without blocking), in row blocks to bound memory.

Prints one JSON line per size and a Markdown table.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import time
from collections.abc import Sequence

import numpy

from bench.corpus import DEMO, SEEDS
from bench.report import per_doubling
from crosswire.check import check_story
from crosswire.check.align import FACT_THRESHOLD, collect_claims
from crosswire.check.entities import resolve_entities
from crosswire.embed import load_embedder
from crosswire.model import Article, Extraction


def base_story() -> tuple[list[Article], dict[str, Extraction]]:
    """The demo and seed articles with their extractions (extracted once)."""
    from crosswire.extract import extract_articles, load_nlp

    articles = []
    for path in sorted(DEMO.glob("harbour-spill/*.md")):
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
        articles.append(Article(id=path.name, text=body.strip()))
    if SEEDS.is_dir():
        articles += [Article(id=p.name, text=p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    extractions = {e.article_id: e for e in extract_articles(articles, nlp=load_nlp())}
    return articles, extractions


def make_story(
    size: int, articles: Sequence[Article], extractions: dict[str, Extraction], *, seed: int = 7
) -> tuple[list[Article], dict[str, Extraction]]:
    """``size`` articles drawn from the base ones, each keeping a random 80% of its claims."""
    rng = random.Random(seed)
    story, found = [], {}
    for i in range(size):
        base = articles[i % len(articles)]
        extraction = extractions[base.id]
        new_id = f"a{i:05d}"
        claims = tuple(c for c in extraction.claims if rng.random() < 0.8)
        story.append(dataclasses.replace(base, id=new_id))
        found[new_id] = dataclasses.replace(extraction, article_id=new_id, claims=claims)
    return story, found


def naive_all_pairs(vectors: numpy.ndarray, *, block: int = 2048) -> tuple[float, int]:
    """Seconds to compare every claim with every other one, and the pairs over the threshold."""
    started = time.perf_counter()
    pairs = 0
    for row in range(0, len(vectors), block):
        sims = vectors[row : row + block] @ vectors.T
        pairs += int((sims >= FACT_THRESHOLD).sum())
    return time.perf_counter() - started, (pairs - len(vectors)) // 2


def run(sizes: Sequence[int], *, baseline_max: int) -> list[dict]:
    articles, extractions = base_story()
    embedder = load_embedder()
    rows: list[dict] = []
    for size in sizes:
        story, found = make_story(size, articles, extractions)
        units = collect_claims(found, resolve_entities(found), article_order=[a.id for a in story])
        vectors = embedder.embed([u.text for u in units])  # warms the cache: timing excludes the model
        started = time.perf_counter()
        result = check_story(f"bench-{size}", story, found, embedder=embedder)
        seconds = time.perf_counter() - started
        naive = naive_all_pairs(vectors) if size <= baseline_max else (None, None)
        rows.append(
            {
                "articles": size,
                "claims": len(units),
                "seconds": round(seconds, 3),
                "articles_per_s": round(size / seconds, 1),
                "facts": len(result.facts),
                "contradictions": len(result.contradictions),
                "naive_all_pairs_seconds": None if naive[0] is None else round(naive[0], 3),
                "naive_pairs_over_threshold": naive[1],
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    return rows


def table(rows: Sequence[dict]) -> str:
    """The rows as Markdown, with time growth per doubling of articles between consecutive sizes."""
    lines = [
        "| articles | claims | check s | articles/s | growth per doubling | naive all-pairs similarity s |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in rows:
        growth = per_doubling(row, previous)
        naive = row["naive_all_pairs_seconds"]
        lines.append(
            f"| {row['articles']:,} | {row['claims']:,} | {row['seconds']:.2f} | {row['articles_per_s']:.0f} | "
            f"{growth} | {naive if naive is not None else 'not run'} |"
        )
        previous = row
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cross-check speed against a naive all-pairs alignment.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500, 1000])
    parser.add_argument("--baseline-max", type=int, default=1000, help="largest size given the baseline")
    args = parser.parse_args(argv)
    print(table(run(args.sizes, baseline_max=args.baseline_max)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
