"""What crosswire finds in the five real seed articles (``python -m eval.seeds``; skipped without ../shared)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from crosswire import pipeline, report
from crosswire.settings import load_settings
from crosswire.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def brief_of(folder: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The brief JSON of a folder's articles, and article id -> file name."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "seeds.db") as store:
        outcomes = list(pipeline.run_ingest(store, [str(folder)], settings=load_settings()))
        names = {o.article_id: Path(o.input).name for o in outcomes if o.article_id}
        ids = list(names)
        pipeline.run_extract(store, ids)
        story = pipeline.story_of(store.articles(ids))
        check = pipeline.run_check(store, story)
        brief = pipeline.build_story_brief(store, story, check, generated_at="-")
        return report.render_json([brief], store.articles(ids)), names  # type: ignore[return-value]


def markdown() -> str:
    if not SEEDS.is_dir():
        return "## Real seed articles\n\nSkipped: ../shared/corpus/seeds is not present."
    data, names = brief_of(SEEDS)
    [story] = data["stories"]
    lines = ["## Real seed articles", "", f"`crosswire brief` on the {len(names)} seed articles (one story).", ""]
    lines += ["| contradiction | kind | sides (articles) | confidence |", "|---|---|---|---:|"]
    for c in story["contradictions"]:
        sides = " vs ".join(
            f"{s['value']} ({', '.join(sorted({names[e['article_id']][:3] for e in s['evidence']}))})"
            for s in c["sides"]
        )
        lines.append(f"| {c['subject']} | {c['kind']} | {sides} | {c['confidence']:.2f} |")
    confirmed = sorted(
        (f for f in story["facts"] if f["status"] == "confirmed"), key=lambda f: -f["independent_sources"]
    )
    lines += ["", "Confirmed facts (top 5 by independent sources):", ""]
    lines += [f"- {f['independent_sources']} sources: {f['text'][:160]}" for f in confirmed[:5]]
    facts = {f["id"]: f for f in story["facts"]}
    lines += ["", "Key takeaways (commentary, speculation, list items and fragments are never takeaways):", ""]
    lines += [f"- {facts[i]['independent_sources']} sources: {facts[i]['text'][:160]}" for i in story["takeaways"]]
    single = [f for f in story["figures"] if f["independent_sources"] == 1]
    lines += [
        "",
        f"Single-source figures: {len(single)}, e.g. "
        + "; ".join(f"{f['text']} ({names[f['article_id']][:3]})" for f in single[:6]),
    ]
    lines += ["", "| article | words | fact density | filler share |", "|---|---:|---:|---:|"]
    words = {a["id"]: a["words"] for a in data["articles"]}
    for s in sorted(story["sources"], key=lambda s: s["filler_share"]):
        lines.append(
            f"| {names[s['article_id']]} | {words[s['article_id']]} | {s['fact_density']:.1f} | "
            f"{s['filler_share']:.0%} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
