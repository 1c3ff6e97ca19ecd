"""Story clustering quality: B-cubed precision, recall and F1 on the ECB+ and GVA dev splits.

Each set is fed to ``crosswire.stories`` as one stream in publication order (undated articles last,
by id), exactly as ``pipeline.run_stories`` feeds new articles. Two runs per set: with the name words
read from the text (what ``crosswire stories`` uses before extraction), and with the extraction
stage's named entities added. Extraction over 2,200 articles takes minutes, so its output (mentions
and people only) is cached in ``build/eval-cache/``, as are the lead vectors. Prints a Markdown
table. The thresholds are round values, not fitted to these dev splits (held-out splits exist).

    .venv/bin/python -m eval.stories
    .venv/bin/python -m eval.stories --no-entities     # skip the extraction run
    .venv/bin/python -m eval.stories --undated         # also with every date removed (content alone)
    .venv/bin/python -m eval.stories --contrast 0,0.5,1,2   # F1 for each contrast_weight instead
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy

from crosswire.model import Article, Extraction, from_dict, to_dict
from crosswire.stories import StoryParams, assign_stories, lead_text, story_item, stream_order

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CACHE = Path(__file__).resolve().parents[1] / "build" / "eval-cache"
SETS = {"ecbplus": ("ECB+", 0.90), "gva": ("GVA", 0.85)}
REFERENCE = "Miranda et al. 2018, own English news set: F1 0.940 (not the same data)"


def load_set(name: str, *, undated: bool = False) -> tuple[list[Article], dict[str, str]]:
    """The dev split's articles and their gold cluster per article id (``undated``: every date dropped)."""
    articles, gold = [], {}
    with open(SHARED / name / "dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            articles.append(
                Article(
                    id=row["id"],
                    text=row["text"],
                    title=row.get("title"),
                    source=row.get("source"),
                    published_at=None if undated else row.get("date"),
                )
            )
            gold[row["id"]] = row["cluster"]
    return articles, gold


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998) of ``predicted`` against ``gold``."""
    pairs = Counter((predicted[a], gold[a]) for a in gold)
    sizes_p = Counter(predicted[a] for a in gold)
    sizes_g = Counter(gold.values())
    precision = sum(n * n / sizes_p[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / sizes_g[g] for (_, g), n in pairs.items()) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def lead_vectors(name: str, articles: Sequence[Article]) -> dict[str, numpy.ndarray]:
    """Lead vectors per article id, from the cache when the lead texts have not changed."""
    texts = [lead_text(a) for a in articles]
    digest = hashlib.sha1("\n\0".join(texts).encode("utf-8")).hexdigest()[:12]
    path = CACHE / f"{name}-leads-{digest}.npy"
    if path.is_file():
        matrix = numpy.load(path)
    else:
        from crosswire.embed import load_embedder

        matrix = load_embedder().embed(texts)
        CACHE.mkdir(parents=True, exist_ok=True)
        numpy.save(path, matrix)
    return {a.id: matrix[i] for i, a in enumerate(articles)}


def extractions(name: str, articles: Sequence[Article]) -> dict[str, Extraction]:
    """Mentions and people per article, extracted once and cached."""
    path = CACHE / f"{name}-extractions.jsonl"
    if not path.is_file():
        from crosswire.extract import extract_articles, load_nlp

        CACHE.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            for e in extract_articles(articles, nlp=load_nlp()):
                slim = Extraction(e.article_id, e.version, e.language, mentions=e.mentions, people=e.people)
                handle.write(json.dumps(to_dict(slim), ensure_ascii=False) + "\n")
    with open(path, encoding="utf-8") as handle:
        found = [from_dict(Extraction, json.loads(line)) for line in handle]
    return {e.article_id: e for e in found}


def evaluate(
    name: str, *, entities: bool = True, params: StoryParams | None = None, undated: bool = False
) -> dict[str, float]:
    """Cluster one dev split as a stream and score it (``undated``: on content alone, every date dropped)."""
    articles, gold = load_set(name, undated=undated)
    vectors = lead_vectors(name, articles)
    found = extractions(name, articles) if entities else {}
    started = time.perf_counter()
    items = [story_item(a, vectors[a.id], found.get(a.id)) for a in stream_order(articles)]
    state = assign_stories(items, params=params)
    seconds = time.perf_counter() - started
    predicted = {a: story for story, ids in state.stories().items() for a in ids}
    precision, recall, f1 = bcubed(predicted, gold)
    return {
        "articles": len(articles),
        "gold": len(set(gold.values())),
        "predicted": len(state.stories()),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "seconds": seconds,
    }


def table(rows: Sequence[tuple[str, str, dict[str, float]]]) -> str:
    """The results as a Markdown table, with the target and the published reference."""
    lines = [
        "| set | features | articles | gold stories | found | B³ precision | B³ recall | B³ F1 | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, features, r in rows:
        label, target = SETS[name]
        lines.append(
            f"| {label} dev | {features} | {r['articles']:.0f} | {r['gold']:.0f} | {r['predicted']:.0f} | "
            f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | ≥ {target:.2f} |"
        )
    lines.append(f"| reference | {REFERENCE} | | | | | | 0.940 | |")
    return "\n".join(lines)


def sensitivity(names: Sequence[str], weights: Sequence[float], *, entities: bool) -> str:
    """B-cubed P/R/F1 for each ``contrast_weight``, per set as given and with every date dropped."""
    lines = [
        "| contrast_weight | "
        + " | ".join(f"{SETS[n][0]}{d} P / R / F1" for n in names for d in ("", " no dates"))
        + " |"
    ]
    lines.append("|---:|" + "---:|" * (2 * len(names)))
    for weight in weights:
        params = StoryParams(contrast_weight=weight)
        cells = []
        for name in names:
            for undated in (False, True):
                r = evaluate(name, entities=entities, params=params, undated=undated)
                cells.append(f"{r['precision']:.3f} / {r['recall']:.3f} / **{r['f1']:.3f}**")
        lines.append(f"| {weight:g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-entities", action="store_true", help="skip the run with extracted entities (slow)")
    parser.add_argument("--sets", default="ecbplus,gva")
    parser.add_argument(
        "--undated", action="store_true", help="add rows with every date dropped: clustering on content alone"
    )
    parser.add_argument(
        "--contrast",
        metavar="W,W,...",
        help="instead of the table, F1 for each contrast_weight (as given and without dates)",
    )
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the labelled sets live in ../shared/eval)")
        return 0
    names = args.sets.split(",")
    if args.contrast:
        weights = [float(w) for w in args.contrast.split(",")]
        print(sensitivity(names, weights, entities=not args.no_entities))
        return 0
    rows = []
    for name in names:
        variants = [("lead centroid + words + name words + weekday + lead contrast + time", False, False)]
        variants += [] if args.no_entities else [("+ extracted entities", True, False)]
        variants += [(f"{f} (dates dropped)", e, True) for f, e, _ in variants] if args.undated else []
        for features, use, undated in variants:
            rows.append((name, features, evaluate(name, entities=use, undated=undated)))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
