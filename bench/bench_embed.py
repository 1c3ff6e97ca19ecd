"""Embedding throughput: the claim sentences and lead texts of real articles, the embedder's model calls
against the recipe before issue #15's fix, in the same process, alternating.

    python -m bench.bench_embed --articles 120 --reps 3

The articles are the first of ``bench.bench_news``'s corpus (GVA and ECB+ dev), extracted here (one
process) to get their claim sentences (``pipeline.claim_texts``) and lead texts (``stories.lead_text``).
*before* is the old recipe: texts sorted by characters, 32 a call, each call padded to its longest text;
*after* is ``MiniLMEmbedder.embed`` (sorted by token count, at most 32 texts and ``MAX_BATCH_TOKENS``
tokens a call). Both use one session, so only the batching differs, and the vectors are compared.
Prints one JSON line: texts/s by wall clock and by CPU second, per repeat, and the padding.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy

from crosswire.embed import MiniLMEmbedder, token_batches


def texts_of(articles: int) -> dict[str, list[str]]:
    """Claim sentences and lead texts of the first ``articles`` news articles (ingested and extracted
    into a temporary store, as ``crosswire brief`` does)."""
    from bench.bench_news import corpus, write_jsonl
    from crosswire import pipeline, stories
    from crosswire.settings import load_settings
    from crosswire.store import Store

    with tempfile.TemporaryDirectory() as name, Store.open(Path(name) / "embed.db") as store:
        source = write_jsonl(corpus(articles), Path(name) / "news.jsonl")
        list(pipeline.run_ingest(store, [str(source)], settings=load_settings()))
        pipeline.run_extract(store)
        kept = store.articles()
        extractions = store.extractions([a.id for a in kept]).values()
        claims = [text for e in extractions for text in pipeline.claim_texts(e)]
        return {"claims": list(dict.fromkeys(claims)), "leads": [stories.lead_text(a) for a in kept]}


def old_recipe(embedder: MiniLMEmbedder, texts: Sequence[str]) -> tuple[numpy.ndarray, int]:
    """The batching before the fix: sorted by characters, 32 texts a call. Returns vectors, padded tokens."""
    tokenizer = embedder.tokenizer
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = numpy.zeros((len(texts), 384), dtype=numpy.float32)
    padded = 0
    for start in range(0, len(order), 32):
        batch = order[start : start + 32]
        encodings = tokenizer.encode_batch([texts[i] for i in batch])
        padded += len(batch) * max(len(e.ids) for e in encodings)
        out[batch] = embedder._run(encodings)
    return out, padded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    sets = texts_of(args.articles)
    embedder = MiniLMEmbedder(threads=args.threads)
    row: dict[str, object] = {"articles": args.articles, "threads": args.threads}
    for name, texts in sets.items():
        runs: dict[str, list[list[float]]] = {"before": [], "after": []}
        vectors: dict[str, numpy.ndarray] = {}
        padded_before = 0
        for _ in range(args.reps):
            wall, cpu = time.perf_counter(), time.process_time()
            vectors["before"], padded_before = old_recipe(embedder, texts)
            runs["before"].append([len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)])
            embedder._cache.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            vectors["after"] = embedder.embed(texts)
            runs["after"].append([len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)])
        lengths = [len(e.ids) for e in embedder.tokenizer.encode_batch(texts)]
        batches = token_batches(lengths, embedder.batch_size, embedder.max_batch_tokens)
        padded_after = sum(len(batch) * max(lengths[i] for i in batch) for batch in batches)
        real = sum(lengths)
        row[name] = {
            "texts": len(texts),
            "mean_tokens": round(real / len(texts), 1),
            "padding_before": round(padded_before / real, 3),
            "padding_after": round(padded_after / real, 3),
            "before_per_s": [round(w, 1) for w, _ in runs["before"]],
            "after_per_s": [round(w, 1) for w, _ in runs["after"]],
            "before_per_cpu_s": [round(c, 1) for _, c in runs["before"]],
            "after_per_cpu_s": [round(c, 1) for _, c in runs["after"]],
            "ratio_wall": [round(a[0] / b[0], 2) for a, b in zip(runs["after"], runs["before"], strict=True)],
            "ratio_cpu": [round(a[1] / b[1], 2) for a, b in zip(runs["after"], runs["before"], strict=True)],
            "max_abs_diff": float(numpy.abs(vectors["after"] - vectors["before"]).max()),
        }
    row["load_average_after"] = round(os.getloadavg()[0], 1)
    print(json.dumps(row))


if __name__ == "__main__":
    main()
