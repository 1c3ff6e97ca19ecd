"""Benchmark: crosswire's extraction stage against bare ``nlp.pipe`` of the model's full pipeline.

Both run over the same corpus, built by repeating the seed articles (../shared/corpus/seeds, when
present) and the demo corpus bodies with their paragraphs shuffled, with the same number of processes
and batch size, in the same run. Bare spaCy is the model as shipped (``spacy.load``: tok2vec, tagger,
parser, attribute_ruler, lemmatizer, ner; ``senter`` stays disabled as in the model's config since the
parser sets sentences). Prints a Markdown table row.

Usage::

    .venv/bin/python bench/bench_extract.py --n 200 --processes 1
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from crosswire.extract import extract_articles, load_nlp
from crosswire.extract.nlp import MODEL
from crosswire.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMOS = ROOT / "examples"
HEADER = (
    "| processes | articles | words | bare spaCy articles/s | bare spaCy words/s "
    "| crosswire articles/s | crosswire words/s | ratio |\n|---|---|---|---|---|---|---|---|"
)


def source_texts() -> list[str]:
    """Seed texts (if present) and demo bodies (front matter stripped)."""
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    for path in sorted(DEMOS.glob("*/*.md")):
        text = path.read_text("utf-8")
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            text = text[4:].split("\n---\n", 1)[1]
        texts.append(text)
    if not texts:
        raise SystemExit("no seed or demo texts found")
    return texts


def build_corpus(n: int, *, seed: int = 7) -> list[Article]:
    """``n`` articles: the source texts in turn, each copy with its paragraphs shuffled."""
    rng = random.Random(seed)
    texts = source_texts()
    articles = []
    for i in range(n):
        paragraphs = texts[i % len(texts)].split("\n")
        if i >= len(texts):
            rng.shuffle(paragraphs)
        articles.append(Article(id=f"bench-{i}", text="\n".join(paragraphs), published_at="2026-03-04"))
    return articles


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles in the corpus")
    parser.add_argument("--processes", type=int, default=1, choices=[1, 2])
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--header", action="store_true", help="print the table header first")
    args = parser.parse_args()

    articles = build_corpus(args.n)
    texts = [a.text for a in articles]
    words = sum(a.words for a in articles)
    bare, ours = spacy.load(MODEL), load_nlp()
    list(bare.pipe(texts[:4])), list(extract_articles(articles[:4], nlp=ours))  # warm up

    bare_s = timed(lambda: list(bare.pipe(texts, batch_size=args.batch_size, n_process=args.processes)))
    ours_s = timed(
        lambda: list(extract_articles(articles, nlp=ours, processes=args.processes, batch_size=args.batch_size))
    )
    if args.header:
        print(HEADER)
    print(
        f"| {args.processes} | {len(articles):,} | {words:,} | {len(articles) / bare_s:,.1f} "
        f"| {words / bare_s:,.0f} | {len(articles) / ours_s:,.1f} | {words / ours_s:,.0f} "
        f"| {bare_s / ours_s:.0%} |"
    )


if __name__ == "__main__":
    main()
