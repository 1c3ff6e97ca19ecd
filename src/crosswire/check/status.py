"""The status check: one report takes a measure (a ceasefire, a peace deal, a curfew) to be in force,
another takes it to be not yet agreed.

Each article's statuses (``extract.status``) are read per measure. An article that says both (the
truce collapsed, now they push for a new one) says nothing clear and is left out. The finding needs
an article on each side published within ``max_gap_days`` ([check.status]) of each other (or undated),
the 'none yet' one not written hours before the 'in force' one: a measure agreed between two reports is a development,
not a contradiction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from crosswire.check.context import (
    CheckContext,
    contemporary,
    contradiction,
    register_check,
    shortest_cue,
    worded_side,
)
from crosswire.model import Contradiction, Status


@register_check
def check_status(context: CheckContext) -> Iterator[Contradiction]:
    """A measure in force in one report and not yet agreed in another of about the same time."""
    said: dict[str, dict[str, dict[str, list[Status]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for article_id, extraction in context.extractions.items():
        for status in extraction.statuses:
            said[status.thing][article_id][status.state].append(status)
    for thing, articles in said.items():
        in_force = {a: by_state["in force"] for a, by_state in articles.items() if set(by_state) == {"in force"}}
        not_yet = {a: by_state["not yet"] for a, by_state in articles.items() if set(by_state) == {"not yet"}}
        gap, within = context.setting("status", "max_gap_days"), context.setting("status", "agreed_within_days")
        in_force, not_yet = contemporary(context, in_force, not_yet, max_gap=gap, within=within)
        if not in_force or not not_yet:
            continue
        sides = [worded_side(context, "in force", in_force), worded_side(context, "not yet", not_yet)]
        mentions = [sum(len(found) for found in side.values()) for side in (in_force, not_yet)]
        cues = [shortest_cue(context, side, thing) for side in (in_force, not_yet)]
        yield contradiction(
            context,
            kind="negation",
            subject=f"status of the {thing}",
            sides=sides,
            confidence=0.85 if min(mentions) >= 2 else 0.8,
            severity="high",
            explanation=f"The {thing} is in force in {len(in_force)} report(s) ({cues[0]!r}) "
            f"and not yet agreed in {len(not_yet)} ({cues[1]!r}).",
        )
