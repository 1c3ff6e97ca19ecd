"""Benchmark corpora built from the demo articles and (when present) the real seed articles.

Sizes are reached by composing new articles from the pool of real sentences (deterministic RNG), plus
one near-copy (a syndicated rewrite with one changed word) for every ten articles, so that
de-duplication has real work to do.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "examples"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def base_texts() -> list[str]:
    """Bodies of the demo articles (front matter removed) and the seed articles."""
    texts = []
    for path in sorted(DEMO.glob("*/*.md")):
        text = path.read_text("utf-8")
        texts.append(text.split("\n---\n", 1)[-1] if text.startswith("---") else text)
    if SEEDS.is_dir():
        texts += [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


def sentence_pool(texts: list[str]) -> list[str]:
    return [s.strip() for t in texts for s in _SENTENCE.split(t.replace("\n", " ")) if len(s.split()) >= 6]


def make_corpus(n: int, *, seed: int = 20261121, words: int = 450) -> list[str]:
    """``n`` article texts of about ``words`` words each; every tenth is a near-copy of an earlier one."""
    rng = random.Random(seed)
    pool = sentence_pool(base_texts())
    corpus: list[str] = []
    for i in range(n):
        if i % 10 == 9 and corpus:
            original = rng.choice(corpus).split(" ")
            original[rng.randrange(len(original))] = "reportedly"
            corpus.append(" ".join(original))
            continue
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < words:
            sentences.append(rng.choice(pool))
        corpus.append(f"Report {i}. " + " ".join(sentences))
    return corpus


def write_corpus(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(text, "utf-8")
