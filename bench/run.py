"""``make bench``: run every benchmark and rewrite docs/BENCHMARKS.md with the figures.

Each size runs in its own process (peak memory is then that run's own). Timings never go in tests.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.report import per_doubling, write_sections

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "BENCHMARKS.md"
INGEST_SIZES = (250, 500, 1000, 2000)  # 1x, 2x, 4x, 8x
BASELINE_MAX = 1000  # the all-pairs baseline is quadratic: stop it here
NEWS_SIZES = (550, 1100)  # real articles; CROSSWIRE_BENCH_NEWS=550,1100,2198,10000,50000 for more (slow)
NEWS_NEW = 10  # articles ingested into the largest store for the incremental case


def run_module(module: str, *args: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def ingest_section() -> str:
    rows = []
    for size in INGEST_SIZES:
        extra = () if size <= BASELINE_MAX else ("--no-baseline",)
        print(f"ingest {size} …", file=sys.stderr)
        rows += run_module("bench.bench_ingest", "--size", str(size), *extra)
    lines = [
        "## Ingest + de-duplication",
        "",
        "`python -m bench.bench_ingest --size N`: N articles of ~450 words composed from demo and seed sentences,",
        "one in ten a near-copy with one changed word, ingested from a folder into a fresh store (read, normalise,",
        "MinHash, LSH lookup, one SQLite transaction per article); seconds are the median of 3 runs. Baseline,",
        "same process: exact Jaccard of all pairs of shingle sets (what de-duplication costs without LSH).",
        "",
        "| articles | seconds | articles/s | time per doubling | near copies grouped / planted | "
        "all-pairs baseline s | crosswire / baseline time | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in rows:
        growth = per_doubling(row, previous)
        naive = row["naive_all_pairs_seconds"]
        ratio = f"{row['seconds'] / naive:.2f}" if naive else "not run (quadratic)"
        lines.append(
            f"| {row['articles']:,} | {row['seconds']:.2f} | {row['articles_per_s']:.0f} | {growth} | "
            f"{row['near_copies_grouped']} / {row['near_copies_planted']} | {naive if naive else '—'} | {ratio} | "
            f"{row['peak_rss_mb']:.0f} |"
        )
        previous = row
    return "\n".join(lines)


def run_text(module: str, *args: str) -> str:
    print(f"{module} {' '.join(args)} …", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def extract_section() -> str:
    one = run_text("bench.bench_extract", "--n", "400", "--processes", "1", "--header")
    two = run_text("bench.bench_extract", "--n", "400", "--processes", "2")
    return "\n".join(
        [
            "## Extraction",
            "",
            "`python -m bench.bench_extract --n 400 --processes 1|2`: crosswire's whole extraction stage (spaCy",
            "without the lemmatizer, plus people/roles, figures, dates, quotes, claims) against bare `nlp.pipe` of",
            "the model's full pipeline (all components), same texts, same processes and batch size, same run.",
            "Target: at least 70%. What each of crosswire's extractors costs: [extractors.md](extractors.md).",
            "",
            one,
            two.splitlines()[-1],
        ]
    )


def check_section() -> str:
    table = run_text("bench.bench_check", "--sizes", "10", "100", "500", "1000")
    return "\n".join(
        [
            "## Cross-check",
            "",
            "`python -m bench.bench_check`: one story of N articles (pre-extracted), entity resolution, blocked claim",
            "alignment with embeddings, all contradiction checks. Growth per doubling of articles (target at most",
            "2.2x); the naive baseline computes every pair's similarity in the same run.",
            "",
            "\n".join(line for line in table.splitlines() if line.startswith("|")),
        ]
    )


def pipeline_section() -> str:
    [row] = run_module("bench.bench_pipeline", "--size", "1000", "--processes", "2")
    stages = ("ingest", "extract", "check", "brief")
    return "\n".join(
        [
            "## Whole pipeline, and what the brief adds",
            "",
            "`python -m bench.bench_pipeline --size 1000 --processes 2`: one story of 1,000 composed articles,",
            "stage by stage; *brief* is assembly plus Markdown, HTML and JSON rendering. Target: the brief adds at",
            "most 10%.",
            "",
            "| articles | " + " | ".join(f"{s} s" for s in stages) + " | total s | brief / rest of pipeline |",
            "|---:|" + "---:|" * (len(stages) + 2),
            f"| {row['articles']:,} | "
            + " | ".join(f"{row[s + '_s']:.1f}" for s in stages)
            + f" | {row['total_s']:.1f} | {row['brief_vs_rest']:.1%} |",
        ]
    )


def stories_section() -> str:
    table = run_text("bench.bench_stories", "--embed")
    return "\n".join(
        [
            "## Story clustering",
            "",
            "`python -m bench.bench_stories --embed`: incremental clustering of 1k to 100k articles, one size per",
            "process, the median of 3 runs per size (single runs of one size swung 1.95x-2.48x per doubling on this",
            "machine). Synthetic at every size (lead vectors drawn around story centres, with name words and dates),",
            "so that 100k articles need no 100k embeddings; the real embedder's rate for lead vectors is measured",
            "separately below. Target: at most 2.2x time per doubling. Baseline: exact all-pairs neighbour search.",
            "The µs per article over the second half of each stream is the cost of one more article at that size:",
            "it rises while the first 60-day time bucket of the HNSW index fills (about 7,800 synthetic articles),",
            "then stays flat, since a bucket holds the articles of 60 days, not the whole archive.",
            "",
            table,
        ]
    )


def news_section() -> str:
    """A day of real news (many stories), end to end, against bare spaCy in the same run."""
    sizes = [int(n) for n in os.environ.get("CROSSWIRE_BENCH_NEWS", "").split(",") if n] or list(NEWS_SIZES)
    rows = []
    for size in sizes:
        extra = ("--incremental", str(NEWS_NEW)) if size == sizes[-1] else ()
        print(f"news {size} …", file=sys.stderr)
        rows += run_module("bench.bench_news", "--size", str(size), "--processes", "2", *extra)
    return news_table(rows, sizes)


def news_table(rows: list[dict], sizes: list[int]) -> str:
    stages = ("ingest", "stories", "extract", "embed", "check_and_write")
    lines = [
        "## A day of news: many stories",
        "",
        f"`python -m bench.bench_news --size N --processes 2`, N = {', '.join(f'{n:,}' for n in sizes)}: real articles",
        "from GVA and ECB+ dev (../shared/eval/, 2,198 articles; larger sizes are composed from them), ingested",
        "and every story briefed (Markdown, HTML, JSON and the index), in one process with the library calls",
        "`crosswire ingest` and `crosswire brief` make; then bare `nlp.pipe` of the model's full pipeline on the",
        "same texts, 2 processes, its load included, in the same run. Targets: at least 0.7x bare spaCy; growth",
        "per doubling at most 2.1x. The default sizes took "
        f"{sum(r['seconds'] + r.get('bare_spacy_s', 0) for r in rows) / 60:.0f} minutes here in all; set",
        "`CROSSWIRE_BENCH_NEWS=550,1100,2198,10000,50000` for the full real corpus and the composed sizes (hours).",
        "Why the embedding stage costs what it does, and what was changed: [embedding.md](embedding.md); the same",
        "for crosswire's own extractors in the extract stage: [extractors.md](extractors.md).",
        "",
        "| articles | stories | seconds | articles/s | bare spaCy s | ratio to bare spaCy | growth per doubling "
        "| claim sentences per article | claim sentences embedded/s | peak RSS MB (main process) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in rows:
        embedded = row.get("claim_sentences_embedded", row["claim_sentences"])
        lines.append(
            f"| {row['articles']:,} | {row['stories']:,} | {row['seconds']:.1f} "
            f"| {row['articles'] / row['seconds']:.1f} "
            f"| {row.get('bare_spacy_s', 0):.1f} | {row.get('ratio', 0):.2f}x | {per_doubling(row, previous)} "
            f"| {row['claim_sentences'] / row['articles']:.1f} | {embedded / row['embed_s']:.0f} "
            f"| {row['peak_rss_mb']:.0f} |"
        )
        previous = row
    lines += [
        "",
        "Stage shares (of crosswire's seconds):",
        "",
        "| articles | " + " | ".join(stages) + " |",
        "|---:|" + "---:|" * len(stages),
    ]
    for row in rows:
        shares = " | ".join(f"{row[s + '_s'] / row['seconds']:.0%} ({row[s + '_s']:.1f} s)" for s in stages)
        lines.append(f"| {row['articles']:,} | {shares} |")
    for row in rows:
        if row["failed_stories"]:
            details = "; ".join(f"`{d}`" for d in row.get("failures", []))
            count = row["failed_stories"]
            noun = "story" if count == 1 else "stories"
            lines += [
                "",
                f"At {row['articles']:,} articles {count} {noun} failed their check "
                "(reported on one line each and skipped; the other briefs were written)"
                + (f": {details}" if details else "."),
            ]
    last = rows[-1].get("incremental")
    if last:
        lines += [
            "",
            f"Incremental: {last['new_articles']} new articles into the {rows[-1]['articles']:,}-article store,",
            f"`crosswire ingest` then `crosswire brief`, each a new process (model loads included): "
            f"{last['total_s']:.1f} s in all ({last['ingest_s']:.1f} s ingest). The brief said: "
            f'"{last["summary"].split("; start at")[0]}".',
        ]
    return "\n".join(lines)


def cold_section(runs: int = 3) -> str:
    """`crosswire brief` on the seeds from a cold start (new process, empty store), as a user runs it."""
    import resource
    import statistics
    import tempfile
    import time

    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        return "## Cold start\n\nSkipped: ../shared/corpus/seeds is not present."
    walls = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            command = [
                str(ROOT / ".venv" / "bin" / "crosswire"),
                "--db",
                f"{tmp}/b.db",
                "brief",
                str(seeds),
                "--out",
                f"{tmp}/out",
            ]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return "\n".join(
        [
            "## Cold start",
            "",
            "`crosswire brief ../shared/corpus/seeds` in a new process with an empty store (model loading, ingest,",
            f"extraction, cross-check, all four formats), {runs} runs. Target: under 15 s on 2 cores.",
            "",
            "| runs | median wall s | min | max | peak RSS MB (largest child) |",
            "|---:|---:|---:|---:|---:|",
            f"| {runs} | {statistics.median(walls):.1f} | {min(walls):.1f} | {max(walls):.1f} | {peak:.0f} |",
        ]
    )


def serve_section() -> str:
    from bench.serve_report import RUNS, section

    rows = []
    for think, writers, _ in RUNS:
        print(f"serve, pause {think} s, writers {writers} …", file=sys.stderr)
        rows += run_module(
            "bench.bench_serve",
            "--articles",
            "2000",
            "--readers",
            "50",
            "--seconds",
            "30",
            "--think",
            str(think),
            "--writers",
            writers,
        )
    return section(rows)


SECTIONS = {
    "cold": cold_section,
    "ingest": ingest_section,
    "extract": extract_section,
    "check": check_section,
    "pipeline": pipeline_section,
    "stories": stories_section,
    "news": news_section,
    "serve": serve_section,
}


TITLES = {
    "ingest": "## Ingest",
    "extract": "## Extraction",
    "check": "## Cross-check",
    "pipeline": "## Whole pipeline",
    "stories": "## Story clustering",
    "news": "## A day of news",
    "cold": "## Cold start",
    "serve": "## Web app under load",
}


def header() -> str:
    return "\n".join(
        [
            "# Benchmarks",
            "",
            "Regenerated by `make bench` (`python -m bench.run`). Figures are from runs on the machine below;",
            "quote ratios, not absolute times (the machines are shared and noisy).",
            "",
            f"- last written: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
            "(`python -m bench.run SECTION ...` refreshes only those sections), "
            f"Python {platform.python_version()}, "
            f"{os.cpu_count()} cores, {platform.machine()}",
        ]
    )


def main() -> None:
    wanted = sys.argv[1:] or list(SECTIONS)
    fresh = {name: SECTIONS[name]() for name in wanted}
    write_sections(OUT, header(), fresh, order=list(SECTIONS), titles=TITLES)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
