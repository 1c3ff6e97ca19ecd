"""``make eval``: run every quality evaluation and rewrite docs/EVALUATION.md.

Each section is a module printing Markdown; a section whose data is absent says so instead of failing.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.report import write_sections

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "EVALUATION.md"
SECTIONS = {
    "demo": ["eval.demo"],
    "seeds": ["eval.seeds"],
    "realnews": ["eval.realnews"],
    "perturb": ["eval.perturb", "--clusters", "40", "--false-alarm-clusters", "250"],
    "cross-outlet": ["eval.perturb", "--clusters", "40", "--cross-outlet", "--skip-false-alarms"],
    "stories": ["eval.stories", "--undated"],
    "stories-cv": ["eval.stories", "--folds", "5", "--undated"],
    "copies": ["eval.copies"],
    "verify": ["eval.verify"],
    "reliability": ["eval.reliability", "--examples", "100", "--kills", "20", "--concurrent", "3"],
}
#: Headings for the modules whose output does not carry its own.
HEADINGS = {
    "perturb": (
        "## Cross-check: perturbation test on real text\n\n"
        "`python -m eval.perturb --clusters 40 --false-alarm-clusters 250`: real multi-outlet clusters from "
        "`../shared/eval/gva/dev.jsonl`; each trial copies one article and injects one controlled change of one "
        "type; the untouched originals are the negatives. Targets: precision ≥ 0.90 and recall ≥ 0.80 per type, "
        "≤ 1 false alarm per 100 unperturbed articles on GVA, ≤ 2 on ECB+ (issue #10). Every contradiction among "
        "untouched articles is listed; each was read against its sentences, and those that are real "
        "disagreements between outlets (one outlet's 11 against another's 12 for one boy's age) are marked real "
        "in `eval/alarm_reviews.json`, with why; the rest, and any not yet read, are the false alarms. They are "
        "counted on a larger sample of GVA clusters than the trials (checking a cluster once is cheap), and on "
        "the ECB+ dev clusters: general news (politics, trials, sport, disasters), one event per cluster. "
        "The GVA sample and the ECB+ clusters were read to find the classes of false alarm fixed so far, "
        "so both figures are optimistic; the held-out splits kept elsewhere are the honest test."
    ),
    "cross-outlet": (
        "## Cross-check: cross-outlet perturbation\n\n"
        "`python -m eval.perturb --clusters 40 --cross-outlet --skip-false-alarms`: as above, but the changed report "
        "*replaces* its original, so the change meets only the other outlets' independently written wording, and "
        "only changes whose original words another outlet also states are kept. Targets (issue #10): recall ≥ 0.60, "
        "precision ≥ 0.95, right kind ≥ 0.90. The last column counts the misses whose changed report still gives the "
        "replaced words in another sentence (a date, number or place changed once and left elsewhere): the report "
        "then contradicts itself, which the checks read as a total and its part or as two events, so other outlets' "
        "agreement does not decide it. A changed given name is found when both names carry one title ('District "
        "Attorney Jimmy Dunn' / 'District Attorney Desmond Dunn') or one age ('Blake Hammond, 17' / 'Marcus Hammond, "
        "17'), or when one sentence is worded alike but for the name; otherwise it is missed by design: two people "
        "who share a family name and not a given name are two people (issue #10)."
    ),
    "realnews": (
        "## Real news: disputes between independently written reports\n\n"
        "`python -m eval.realnews`: the five hand-labelled real events of `../shared/eval/realnews/` (45 articles, "
        "7-10 outlets each, 34 labelled disagreements, 48 labelled look-alikes), scored by the data set's own "
        "`score.py`. Targets (issue #10): recall ≥ 0.60, precision ≥ 0.80, look-alikes flagged ≤ 5, 0 confirmed "
        "takeaways whose sources disagree. This is the development set; other real events are held out."
    ),
    "stories": (
        "## Story clustering (B-cubed)\n\n"
        "`python -m eval.stories --undated`: ECB+ and GVA dev splits processed as one stream in publication order "
        "(undated last). Targets: B-cubed F1 ≥ 0.90 on ECB+, ≥ 0.85 on GVA. The reference is the strongest published "
        "stream clusterer on its own English news set (Miranda et al. 2018), not the same data. The rows without "
        "dates cluster the same articles on content alone (`--undated`): the lead-contrast term, which keeps "
        "apart undated leads that state names and figures the other never mentions, was designed on these dev "
        "splits, and GVA without dates shows whether it breaks up developing local reports. "
        "`python -m eval.stories --contrast 0,0.5,1,2` prints its sensitivity; the next section cross-validates it."
    ),
    "stories-cv": (
        "## Cross-validated story clustering\n\n"
        "`python -m eval.stories --folds 5 --undated` (issue #12): are the clustering constants fitted to the dev"
        " splits? The topics are dealt round-robin, in sorted order, into 5 folds (ECB+: its 13 dev topics, each "
        "with both look-alike subtopics, so a fold holds whole topics; GVA: its incidents). Each fold is "
        "clustered alone, as its own stream, at every point of a small grid (`contrast_weight` 0, 0.3, 0.5, 1, "
        "1.5, 2 × `join_threshold` 0.5, 0.55, 0.6, 0.65); for each fold the point with the best pooled B-cubed F1"
        " on the other four folds is chosen (ties to the nearest to the defaults) and the fold is scored with it."
        " Targets as above, on every held-out fold: F1 ≥ 0.90 on ECB+ (general news), ≥ 0.85 on GVA. The last two"
        " columns are for reference: the fold's F1 with the shipped defaults (1 and 0.6), and the best F1 any "
        "grid point gives on the fold itself (fitted to the fold, so not an estimate). A GVA fold holds a fifth "
        "of the incidents, so it has fewer look-alike incidents than the whole split and scores higher than it; "
        "GVA articles are all dated, so `contrast_weight` plays no part there until the dates are dropped.\n\n"
        "What the folds show. GVA meets its target on every fold, with and without dates. ECB+ does not: three of"
        " its five held-out folds are below 0.90, with dates as given and with them dropped, and the mean held-"
        "out F1 (0.912 as given, 0.896 without dates) is about what the shipped defaults give on the same folds"
        " (0.907, 0.905); with the defaults, three folds are below 0.90 too (2, 3 and 4 as given). The "
        "constants chosen "
        "on four folds are not stable (the contrast weight ranges over the grid, the join threshold goes to the "
        "grid's lowest value) and each fold's own best point is elsewhere: on ECB+ dev the constants cannot be "
        "told apart from noise, so they are neither a tuned optimum nor a validated one, and the held-out 0.89 is"
        " within the spread of these folds. Where the loss is, read topic by topic: two topics whose look-alike "
        "subtopics are "
        "merged, 9 (the Bush administration's endangered-species rules of December 2008 and Obama's reversal of "
        "them in 2009, whose leads share Bush, Obama, the Act and the Interior Department) and 38 (two "
        "earthquakes near The Geysers in Sonoma County, magnitude 4.4 and 4.6, years apart); one topic split in "
        "three, 30 (its 2011 subtopic holds both an Egyptian cable cut in August and the Seacom repairs of "
        "October, which share few words); and, clustered alone, a small fold splits off a few more single "
        "articles than the whole split does (topics 13, 26, 32, 34). Topics 9 and 38 are undated in the set; "
        "their 2009 and 2013 reports state their date in the text's head, but the other subtopic's reports do "
        "not, so reading dates from the text would not bring the time term in. No general cause that one change "
        "would fix was found, and nothing was changed to suit these folds; the constants stay as they were."
    ),
}


def section(name: str) -> str:
    command = SECTIONS[name]
    if not (ROOT / (command[0].replace(".", "/") + ".py")).exists():
        return f"## {name}\n\nNot available yet: `{command[0]}` does not exist."
    print(f"eval {name} …", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"## {name}\n\n`python -m {' '.join(command)}` failed:\n\n```\n{result.stderr[-2000:]}\n```"
    text = result.stdout.strip()
    return f"{HEADINGS[name]}\n\n{text}" if name in HEADINGS else text


TITLES = {
    "demo": "## Demo corpus",
    "seeds": "## Real seed articles",
    "realnews": "## Real news: disputes",
    "cross-outlet": "## Cross-check: cross-outlet perturbation",
    "perturb": "## Cross-check: perturbation",
    "stories": "## Story clustering",
    "stories-cv": "## Cross-validated story clustering",
    "copies": "## Copies and shared wire passages",
    "verify": "## To-verify list on real news",
    "reliability": "## Reliability",
}


def main() -> None:
    wanted = sys.argv[1:] or list(SECTIONS)
    head = [
        "# Evaluation",
        "",
        "Regenerated by `make eval` (`python -m eval.run`). Real third-party data is read from `../shared/eval/` and",
        "`../shared/corpus/seeds/` (never copied into this repository); the demo corpus is our own fiction.",
        "These are development splits: held-out splits exist elsewhere, so figures here are optimistic.",
        "",
        f"- last written: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        "(`python -m eval.run SECTION ...` refreshes only those sections), "
        f"Python {platform.python_version()}",
    ]
    fresh = {name: section(name) for name in wanted}
    write_sections(OUT, "\n".join(head), fresh, order=list(SECTIONS), titles=TITLES)
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
