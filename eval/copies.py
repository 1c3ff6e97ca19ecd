"""Copies and shared wire passages (``python -m eval.copies``; parts skipped without ../shared).

- Real news (``../shared/eval/realnews``): the key's copy pairs that de-duplication groups, with the key's
  original as the group's head, and every other pair it groups (rewrites of one agency story, which share
  about a fifth of their text, must not be); the highest containment among pairs that are not copies; the
  shared wire passages found per event after extraction.
- GVA and ECB+ dev: the copies found, and how many join an article of another cluster (a wrong group,
  unless one site filed one text under two incidents).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
import tempfile
from pathlib import Path

from datasketch import LeanMinHash, MinHashLSH

from crosswire import pipeline
from crosswire.agencies import credited_agencies, wire_agency
from crosswire.dedupe import exact_containment, from_bytes, shingles
from crosswire.model import Article
from crosswire.passages import SharedPassages, shared_passages
from crosswire.settings import Settings, load_settings
from crosswire.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
REALNEWS = SHARED / "realnews"
SETS = {"GVA dev": SHARED / "gva" / "dev.jsonl", "ECB+ dev": SHARED / "ecbplus" / "dev.jsonl"}


def realnews_rows() -> list[str]:
    settings = load_settings()
    rows = []
    for event in sorted(p for p in REALNEWS.iterdir() if (p / "_answer_key.json").is_file()):
        key = json.loads((event / "_answer_key.json").read_text("utf-8"))
        gold = {tuple(pair) for pair in key.get("copies", [])}
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "copies.db") as store:
            list(pipeline.run_ingest(store, [str(event)], settings=settings))
            articles = {a.id: a for a in store.articles()}
            name = {aid: Path(store.origins(aid)[0][0]).name for aid in articles}
            grouped = {(name[a.id], name[a.dup_group]) for a in articles.values() if a.dup_group}
            grams = {aid: shingles(a.text, size=settings.shingle_words) for aid, a in articles.items()}
            others = [
                exact_containment(grams[x], grams[y])
                for x, y in itertools.combinations(articles, 2)
                if {(name[x], name[y]), (name[y], name[x])}.isdisjoint(gold)
            ]
            pipeline.run_extract(store, list(articles))
            passages = shared_passages(articles, store.extractions(list(articles)))
            outlets = sorted(len({a for a, _ in passages.members(p)}) for p in set(passages.passage_of.values()))
            named = agencies_named(articles, passages)
        rows.append(
            f"| {event.name} | {len(articles)} | {len(gold & grouped)}/{len(gold)} | {len(grouped - gold)} "
            f"| {max(others, default=0):.2f} | {len(outlets)} ({', '.join(map(str, outlets)) or '-'}) | {named} |"
        )
    return rows


def agencies_named(articles: dict[str, Article], passages: SharedPassages) -> str:
    """The agency the brief names for each shared passage and copy group ('-' where none can be read)."""
    carriers: list[dict[str, list[int]]] = []
    for passage in sorted(set(passages.passage_of.values())):
        offsets: dict[str, list[int]] = {}
        for article_id, start in passages.members(passage):
            offsets.setdefault(article_id, []).append(start)
        carriers.append(offsets)
    groups: dict[str, dict[str, list[int]]] = {}
    for article in articles.values():
        groups.setdefault(article.independent_key, {})[article.id] = []
    carriers += [group for group in groups.values() if len(group) > 1]
    found = [wire_agency([credited_agencies(articles[a], at) for a, at in c.items()]) or "-" for c in carriers]
    return ", ".join(found) or "-"


def dataset_row(label: str, path: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "copies.db") as store:
        settings = dataclasses.replace(load_settings(), max_input_bytes=50_000_000)  # one file of all records
        outcomes = list(pipeline.run_ingest(store, [str(path)], settings=settings))
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        cluster_by_id = {r.get("id"): r.get("cluster") for r in records}
        cluster = {a.id: cluster_by_id.get(a.external_id) for a in store.articles()}
        near = [a for a in store.articles() if a.dup_group]
        exact = sum(1 for o in outcomes if o.status == "copy")
        across = sum(1 for a in near if cluster.get(a.id) != cluster.get(a.dup_group))
        before = _jaccard_copies(store, settings)
    return f"| {label} | {len(records)} | {len(near)} | {len(near) - across} | {across} | {exact} | {before} |"


def _jaccard_copies(store: Store, settings: Settings) -> int:
    """Articles the former rule (estimated Jaccard of whole texts >= 0.8) would have called a copy."""
    lsh = MinHashLSH(threshold=0.8, num_perm=settings.minhash_perm)
    seen: dict[str, LeanMinHash] = {}
    found = 0
    for article_id, _group, data, *_rest in store.signatures():
        minhash = from_bytes(data)
        found += any(minhash.jaccard(seen[other]) >= 0.8 for other in lsh.query(minhash))
        lsh.insert(article_id, minhash)
        seen[article_id] = minhash
    return found


def markdown() -> str:
    lines = [
        "## Copies and shared wire passages",
        "",
        "`python -m eval.copies`. A copy is found by containment: the share of the shorter text's "
        "word 5-grams that lie in the longer (`near_dup_threshold`, 0.5; MinHash LSH finds the candidates, the "
        "texts' shingles decide), so a republished text with inserted "
        "link lines, a cut ending, another header or mojibake still matches. Target: every copy pair of the "
        "real-news keys grouped, no rewrite grouped. The last column is the agency the brief names when "
        "several outlets are one source ('3 outlets, 1 independent (PTI)'), read from the carriers' outlet "
        "names, bylines, datelines and credit lines (`agencies.py`); '-' where none credits one (most "
        "republishers drop the credit).",
        "",
    ]
    if REALNEWS.is_dir():
        lines += [
            "| real-news event | articles | copy pairs grouped | other pairs grouped | highest containment of a "
            "non-copy pair | shared passages (outlets in each) | agency named (each passage, then each copy group) |",
            "|---|---:|---:|---:|---:|---|---|",
            *realnews_rows(),
            "",
        ]
    else:
        lines += [f"Real news skipped: {REALNEWS} is not present.", ""]
    present = {label: path for label, path in SETS.items() if path.is_file()}
    if present:
        lines += [
            "| data set | articles | near copies found | in their own cluster | joined to another cluster "
            "| exact copies | near copies by the former rule (Jaccard ≥ 0.8) |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *(dataset_row(label, path) for label, path in present.items()),
        ]
        lines += [
            "",
            "A copy joined to another cluster is almost always a page without its article: the same "
            "sign-in, e-mail alert or video-list template stored for several incidents (GVA).",
        ]
    else:
        lines.append("GVA and ECB+ skipped: ../shared/eval is not present.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown() + "\n")
