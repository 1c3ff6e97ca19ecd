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
    .venv/bin/python -m eval.stories --folds 5 --undated    # cross-validated constants instead

``--folds K`` checks that the clustering constants are not fitted to these splits: the topics (ECB+
topics, each with its two look-alike subtopics; GVA incidents) are dealt round-robin into K folds, each
fold is clustered alone as its own stream, and for each fold ``contrast_weight`` and ``join_threshold``
are chosen from a small grid (``GRID``) by the pooled B-cubed F1 of the other folds, then the fold is
scored with them. Lead vectors, extractions and items are computed once and shared by every grid point.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy

from crosswire.model import Article, Extraction, from_dict, to_dict
from crosswire.stories import StoryParams, assign_stories, lead_text, story_item, stream_order

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CACHE = Path(__file__).resolve().parents[1] / "build" / "eval-cache"
SETS = {"ecbplus": ("ECB+", 0.90), "gva": ("GVA", 0.85)}
REFERENCE = "Miranda et al. 2018, own English news set: F1 0.940 (not the same data)"


#: The constants cross-validated by ``--folds``: each with the values tried (the shipped default among them).
GRID: dict[str, tuple[float, ...]] = {
    "contrast_weight": (0.0, 0.3, 0.5, 1.0, 1.5, 2.0),
    "join_threshold": (0.5, 0.55, 0.6, 0.65),
}


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


def topics(name: str) -> dict[str, str]:
    """The topic of each article id: the fold unit (an ECB+ topic holds both look-alike subtopics)."""
    with open(SHARED / name / "dev.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return {row["id"]: str(row.get("topic", row["cluster"])) for row in rows}


def fold_of(topic_by_id: Mapping[str, str], folds: int) -> dict[str, int]:
    """Each article's fold: the topics in sorted order dealt round-robin (no look at the labels' content)."""
    ordered = sorted(set(topic_by_id.values()), key=lambda t: (len(t), t))
    number = {topic: i % folds for i, topic in enumerate(ordered)}
    return {a: number[t] for a, t in topic_by_id.items()}


def grid_points() -> list[StoryParams]:
    """Every combination of the ``GRID`` values, the other constants at their defaults."""
    points = [StoryParams()]
    for knob, values in GRID.items():
        points = [replace(p, **{knob: v}) for p in points for v in values]
    return points


@dataclass(frozen=True)
class Fold:
    """One held-out fold: the constants chosen on the other folds and the fold's scores."""

    number: int
    topics: int
    articles: int
    chosen: StoryParams
    training_f1: float  # pooled F1 of the other folds at the chosen constants
    scores: tuple[float, float, float]  # held-out B-cubed precision, recall, F1 at the chosen constants
    default_f1: float  # held-out F1 with the shipped constants
    best: tuple[float, StoryParams]  # the fold's best F1 on the grid and where (fitted to it: a reference only)


def cross_validate(name: str, folds: int, *, entities: bool, undated: bool) -> list[Fold]:
    """Per fold: the constants chosen on the other folds, the fold's F1 with them and with the defaults.

    Each fold is clustered alone, as one stream, at every grid point; a grid point's training score is
    the B-cubed F1 of the other folds' assignments pooled (the folds share no story, so pooling is exact).
    Ties go to the grid point nearest the defaults.
    """
    articles, gold = load_set(name, undated=undated)
    vectors = lead_vectors(name, articles)
    found = extractions(name, articles) if entities else {}
    topic = topics(name)
    fold = fold_of(topic, folds)
    items = [story_item(a, vectors[a.id], found.get(a.id)) for a in stream_order(articles)]
    points = grid_points()
    predicted: dict[tuple[int, int], dict[str, str]] = {}
    for k in range(folds):
        stream = [item for item in items if fold[item.article_id] == k]
        for g, params in enumerate(points):
            state = assign_stories(stream, params=params)
            predicted[k, g] = {a: f"{k}:{story}" for story, ids in state.stories().items() for a in ids}
    default = points.index(StoryParams())
    results = []
    for k in range(folds):
        outside = {a: c for a, c in gold.items() if fold[a] != k}
        training = [
            bcubed({a: s for j in range(folds) if j != k for a, s in predicted[j, g].items()}, outside)[2]
            for g in range(len(points))
        ]
        best = max(range(len(points)), key=lambda g: (round(training[g], 6), -_steps(points[g], points[default])))
        held_out = {a: c for a, c in gold.items() if fold[a] == k}
        results.append(
            Fold(
                number=k + 1,
                topics=len({topic[a] for a in held_out}),
                articles=len(held_out),
                chosen=points[best],
                training_f1=training[best],
                scores=bcubed(predicted[k, best], held_out),
                default_f1=bcubed(predicted[k, default], held_out)[2],
                best=max(((bcubed(predicted[k, g], held_out)[2], points[g]) for g in range(len(points))), key=_first),
            )
        )
    return results


def _first(pair: tuple[float, StoryParams]) -> float:
    return pair[0]


def _steps(a: StoryParams, b: StoryParams) -> int:
    """How far apart two grid points are, in grid steps."""
    return sum(abs(GRID[knob].index(getattr(a, knob)) - GRID[knob].index(getattr(b, knob))) for knob in GRID)


def cv_table(runs: Sequence[tuple[str, str, Sequence[Fold]]]) -> str:
    """The cross-validation as a Markdown table: one row per held-out fold, then the mean of each run."""
    knobs = " / ".join(f"`{knob}`" for knob in GRID)
    lines = [
        f"| set | dates | held-out fold | topics | articles | chosen {knobs} | training F1 | B³ P / R | B³ F1 "
        "| F1 with the defaults | best F1 on the fold itself (at) |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, dates, results in runs:
        label = f"{SETS[name][0]} dev"
        for r in results:
            chosen = " / ".join(f"{getattr(r.chosen, knob):g}" for knob in GRID)
            best = " / ".join(f"{getattr(r.best[1], knob):g}" for knob in GRID)
            precision, recall, f1 = r.scores
            lines.append(
                f"| {label} | {dates} | {r.number} | {r.topics} | {r.articles} | {chosen} | {r.training_f1:.3f} | "
                f"{precision:.3f} / {recall:.3f} | **{f1:.3f}** | {r.default_f1:.3f} | {r.best[0]:.3f} ({best}) |"
            )
        f1s = [r.scores[2] for r in results]
        defaults = [r.default_f1 for r in results]
        lines.append(
            f"| {label} | {dates} | mean of {len(results)} | | | | | | **{sum(f1s) / len(f1s):.3f}** "
            f"(lowest {min(f1s):.3f}) | {sum(defaults) / len(defaults):.3f} | |"
        )
    below = [
        f"{SETS[name][0]} ({dates}) fold {r.number}: {r.scores[2]:.3f} < {SETS[name][1]:.2f}"
        for name, dates, results in runs
        for r in results
        if r.scores[2] < SETS[name][1]
    ]
    lines += ["", "Held-out folds below their set's target: " + ("; ".join(below) if below else "none") + "."]
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
    parser.add_argument(
        "--folds",
        type=int,
        metavar="K",
        help="instead of the table, K-fold cross-validation of the constants in GRID over the dev topics",
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
    if args.folds:
        dates = [("as given", False)] + ([("dropped", True)] if args.undated else [])
        runs = [
            (name, label, cross_validate(name, args.folds, entities=not args.no_entities, undated=undated))
            for name in names
            for label, undated in dates
        ]
        print(cv_table(runs))
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
