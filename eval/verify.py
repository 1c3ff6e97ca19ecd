"""The to-verify list on real news (``python -m eval.verify``; skipped without ../shared/eval/realnews).

For each real-news event, the brief's to-verify items, how many the terminal and Markdown show, and
how many another independent source may state after all. That last check is deliberately looser than
the brief's own (``report.verify``), so that it finds what the brief misses rather than agreeing with
it: a figure is "stated elsewhere" when an article of another syndication group, in a sentence that is
not the same shared wire passage, gives a figure of the same value and currency (over 12: of any unit; 12 or less:
with a unit word in common); a claim when one such sentence has all its numbers and 40% of its content
words. ``--show`` prints the items so flagged.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from crosswire import pipeline
from crosswire.passages import shared_passages
from crosswire.report.brief import VERIFY_SHOWN, Brief
from crosswire.settings import load_settings
from crosswire.store import Store

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "eval" / "realnews"
_CONTENT = re.compile(r"[a-z]{4,}")
_NUMBER = re.compile(r"\d[\d,.]*")


def event_brief(event: Path) -> tuple[Brief, dict, dict]:
    """The brief of one event folder (one story), its articles and extractions by id."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "verify.db") as store:
        list(pipeline.run_ingest(store, [str(event)], settings=load_settings()))
        ids = [a.id for a in store.articles()]
        pipeline.run_extract(store, ids)
        story = pipeline.story_of(store.articles(ids))
        check = pipeline.run_check(store, story)
        brief = pipeline.build_story_brief(store, story, check, generated_at="-")
        return brief, {a.id: a for a in store.articles(ids)}, store.extractions(ids)


def stated_elsewhere(brief: Brief, articles: dict, extractions: dict) -> list[str]:
    """The to-verify items that another independent source may state (the loose check above)."""
    passages = shared_passages(articles, extractions)
    flagged = []
    for item in brief.verify:
        here = (item.citation.article_id, item.citation.start)
        figure = next(
            (
                f
                for f in extractions[here[0]].figures
                if item.citation.start <= f.start < item.citation.end and f.text == item.text
            ),
            None,
        )
        for article_id, extraction in extractions.items():
            if article_id == here[0]:
                continue
            if item.kind == "figure" and figure is not None:
                for other in extraction.figures:
                    if other.value != figure.value or other.ordinal or other.currency != figure.currency:
                        continue
                    words = set((figure.unit or "").lower().split()) & set((other.unit or "").lower().split())
                    if (figure.value > 12 or words) and passages.independent_sources(
                        [here, (article_id, other.start)]
                    ) > 1:
                        flagged.append(
                            f"figure: {item.text} ({item.outlet}) ~ {other.text} ({articles[article_id].source})"
                        )
                        break
                else:
                    continue
                break
            if item.kind == "claim" and _claim_in(item.text, extraction, passages, here, article_id):
                flagged.append(f"claim: {item.text[:80]} ({item.outlet}) ~ {articles[article_id].source}")
                break
    return flagged


def _claim_in(text: str, extraction, passages, here: tuple[str, int], article_id: str) -> bool:  # noqa: ANN001
    numbers = set(_NUMBER.findall(text))
    words = set(_CONTENT.findall(text.lower()))
    if len(words) < 3:
        return False
    for sentence in extraction.sentences:
        if (
            numbers <= set(_NUMBER.findall(sentence.text))
            and len(words & set(_CONTENT.findall(sentence.text.lower()))) >= 0.4 * len(words)
            and passages.independent_sources([here, (article_id, sentence.start)]) > 1
        ):
            return True
    return False


def markdown(show: bool = False) -> str:
    lines = [
        "## To-verify list on real news",
        "",
        "`python -m eval.verify`: the brief's single-source items per real-news event. Targets: none that another "
        "independent source states; at most "
        f'{VERIFY_SHOWN} shown in the terminal and Markdown. "Stated elsewhere" is a looser check than the '
        "brief's own (same value of a figure in another independent source's sentence, or a sentence with the "
        "claim's numbers and 40% of its content words), so it over-counts: every item it flags is listed by "
        "`--show` to be read.",
        "",
    ]
    if not REALNEWS.is_dir():
        return "\n".join([*lines, f"Skipped: {REALNEWS} is not present."])
    lines += [
        "| event | items | shown | figures | claims | figures stated elsewhere (loose check) "
        "| claims stated elsewhere (loose check) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    details = []
    for event in sorted(p for p in REALNEWS.iterdir() if (p / "_answer_key.json").is_file()):
        brief, articles, extractions = event_brief(event)
        flagged = stated_elsewhere(brief, articles, extractions)
        figures = sum(1 for item in brief.verify if item.kind == "figure")
        flagged_figures = sum(1 for line in flagged if line.startswith("figure"))
        lines.append(
            f"| {event.name} | {len(brief.verify)} | {min(VERIFY_SHOWN, len(brief.verify))} | {figures} "
            f"| {len(brief.verify) - figures} | {flagged_figures} | {len(flagged) - flagged_figures} |"
        )
        details += [f"- {event.name}: {line}" for line in flagged]
    if show and details:
        lines += ["", *details]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown(show="--show" in sys.argv) + "\n")
