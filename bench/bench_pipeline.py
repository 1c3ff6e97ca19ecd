"""The whole pipeline on one large story, stage by stage: what the brief stage adds on top.

    python -m bench.bench_pipeline --size 1000 --processes 2

prints one JSON line with seconds per stage (ingest, extract, check, brief assembly and rendering of
Markdown, HTML and JSON) and the brief stage's share of the pipeline's time.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus, write_corpus
from crosswire import pipeline, report
from crosswire.settings import load_settings
from crosswire.store import Store


def run(size: int, *, processes: int) -> dict[str, float | int]:
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(make_corpus(size), folder)
        with Store.open(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            ids = [o.article_id for o in pipeline.run_ingest(store, [str(folder)], settings=load_settings())]
            seconds["ingest"] = time.perf_counter() - start
            start = time.perf_counter()
            pipeline.run_extract(store, [i for i in ids if i], processes=processes)
            seconds["extract"] = time.perf_counter() - start
            start = time.perf_counter()
            story = pipeline.story_of(store.articles([i for i in ids if i]))
            check = pipeline.run_check(store, story)
            seconds["check"] = time.perf_counter() - start
            start = time.perf_counter()
            brief = pipeline.build_story_brief(store, story, check, generated_at="-")
            articles = store.articles(story.article_ids)
            report.render_markdown(brief)
            report.render_html(brief, {a.id: a for a in articles})
            json.dumps(report.render_json([brief], articles), ensure_ascii=False)
            seconds["brief"] = time.perf_counter() - start
    total = sum(seconds.values())
    return {
        "articles": size,
        "processes": processes,
        **{f"{k}_s": round(v, 2) for k, v in seconds.items()},
        "total_s": round(total, 2),
        "brief_share": round(seconds["brief"] / total, 4),
        "brief_vs_rest": round(seconds["brief"] / (total - seconds["brief"]), 4),
        "facts": len(check.facts),
        "contradictions": len(check.contradictions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(run(args.size, processes=args.processes)))


if __name__ == "__main__":
    main()
