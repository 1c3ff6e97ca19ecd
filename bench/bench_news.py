"""A day of news: many stories of real text, ingested and every story briefed, against bare spaCy.

    python -m bench.bench_news --size 2198 --processes 2 [--incremental 10]

The corpus is GVA and ECB+ dev (../shared/eval/, 2,198 real articles, 1,100 stories or so), taken in a
fixed interleaved order; a size above 2,198 is composed from them (each repeat a new text: its
paragraphs in another order, a new title and a date moved on by weeks). Nothing is copied into the
repository: the JSONL goes to a temporary folder.

In one process, as ``crosswire ingest`` then ``crosswire brief`` run them (the same library calls):
ingest, stories (lead vectors and clustering), extract, embed (claim vectors), then check and write
the brief of every story (Markdown, HTML, JSON) and the index. Then bare ``nlp.pipe`` of the model's
full pipeline on the same texts with the same processes and batch size (its load included, as ours
is). With ``--incremental N``, N more articles are then ingested and briefed by the real commands in
new processes (model loads included). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FILES = (EVAL / "gva" / "dev.jsonl", EVAL / "ecbplus" / "dev.jsonl")
FORMATS = {"md", "html", "json"}


def real_records() -> list[dict]:
    """GVA and ECB+ dev records interleaved in a fixed order (so any prefix mixes both)."""
    sets = [[json.loads(line) for line in path.open(encoding="utf-8")] for path in FILES if path.is_file()]
    if not sets:
        raise SystemExit("../shared/eval/gva and ecbplus dev.jsonl are not present")
    records: list[dict] = []
    rng = random.Random(15)
    pools = [list(s) for s in sets]
    while any(pools):
        weights = [len(p) for p in pools]
        pool = rng.choices(pools, weights=weights)[0]
        records.append(pool.pop(0))
    return records


def corpus(size: int) -> list[dict]:
    """``size`` records: the real ones, then composed repeats (shuffled paragraphs, new title and date)."""
    real = real_records()
    rng = random.Random(size)
    out = []
    for i in range(size):
        base = real[i % len(real)]
        record = {k: base.get(k) for k in ("title", "text", "date", "source", "url")}
        round_ = i // len(real)
        if round_:
            paragraphs = base["text"].split("\n")
            rng.shuffle(paragraphs)
            record["text"] = "\n".join(paragraphs)
            record["title"] = f"{base.get('title') or ''} ({round_})"
            record["url"] = f"{base.get('url') or 'composed'}#{round_}"
            if base.get("date"):
                year = int(str(base["date"])[:4]) + round_
                record["date"] = f"{year}{str(base['date'])[4:]}"
        out.append(record)
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@contextmanager
def timer(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start


def crosswire_run(records: list[dict], tmp: Path, *, processes: int) -> dict:
    """Ingest, then brief every story, stage by stage."""
    from crosswire import briefing, pipeline
    from crosswire.settings import load_settings
    from crosswire.store import Store

    seconds: dict[str, float] = {}
    source = write_jsonl(records, tmp / "news.jsonl")
    out = tmp / "out"
    with Store.open(tmp / "news.db") as store:
        with timer(seconds, "ingest"):
            outcomes = list(pipeline.run_ingest(store, [str(source)], settings=load_settings()))
        if not any(o.status == "stored" for o in outcomes):
            raise SystemExit(f"no article was stored: {outcomes[0] if outcomes else 'no input'}")
        with timer(seconds, "stories"):
            stories = pipeline.run_stories(store)
        with timer(seconds, "extract"):
            pipeline.run_extract(store, processes=processes)
        aligned = pipeline.aligned_articles(stories)
        with timer(seconds, "embed"):
            pipeline.run_embed(store, aligned)
        with timer(seconds, "check_and_write"):
            briefed = briefing.brief_stories(store, stories, out_dir=out, formats=FORMATS)
            briefing.write_index(out, briefing.index_entries(store, out, [s.id for s in stories]))
        extractions = store.extractions([a.id for a in store.articles()])
        counts = {i: len(pipeline.claim_texts(e)) for i, e in extractions.items()}
    total = sum(seconds.values())
    return {
        "articles": sum(o.status == "stored" for o in outcomes),
        "words": sum(len(r["text"].split()) for r in records),
        "stories": len(stories),
        "failed_stories": sum(o.status == "failed" for o in briefed),
        "failures": [f"{o.story_id}: {o.detail}"[:300] for o in briefed if o.status == "failed"][:5],
        "claim_sentences": sum(counts.values()),
        "claim_sentences_embedded": sum(counts.get(i, 0) for i in aligned),
        "seconds": round(total, 2),
        **{f"{name}_s": round(value, 2) for name, value in seconds.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def bare_spacy(texts: list[str], *, processes: int, batch_size: int = 16) -> float:
    """Seconds for ``spacy.load`` of the full pipeline and ``nlp.pipe`` over ``texts``."""
    import spacy

    from crosswire.extract.nlp import MODEL

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def incremental(records: list[dict], tmp: Path) -> dict:
    """``crosswire ingest`` of ``records`` into the store just briefed, then ``crosswire brief``, each a new process."""
    exe = str(ROOT / ".venv" / "bin" / "crosswire")
    source = write_jsonl(records, tmp / "new.jsonl")
    base = [exe, "--db", str(tmp / "news.db")]
    start = time.perf_counter()
    subprocess.run([*base, "ingest", str(source)], check=True, capture_output=True)
    ingest_s = time.perf_counter() - start
    done = subprocess.run(
        [*base, "brief", "--out", str(tmp / "out"), "--format", "md,html,json", "--processes", "2"],
        check=False,
        capture_output=True,
        text=True,
    )
    total = time.perf_counter() - start
    return {
        "new_articles": len(records),
        "ingest_s": round(ingest_s, 2),
        "total_s": round(total, 2),
        "summary": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2198)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--incremental", type=int, default=0, help="then ingest and brief this many more")
    parser.add_argument("--no-baseline", action="store_true", help="skip bare spaCy")
    args = parser.parse_args()
    records = corpus(args.size + args.incremental)
    main_part, new_part = records[: args.size], records[args.size :]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        row = crosswire_run(main_part, tmp, processes=args.processes)
        if new_part:
            row["incremental"] = incremental(new_part, tmp)
    if not args.no_baseline:
        bare_s = bare_spacy([r["text"] for r in main_part], processes=args.processes)
        row["bare_spacy_s"] = round(bare_s, 2)
        row["ratio"] = round(bare_s / row["seconds"], 3)
    row["processes"] = args.processes
    print(json.dumps(row))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
