"""The cause check: one report gives the cause of the story's event, another says it is not known.

Each article's causes (``extract.causes``) are read per event ('crash', 'fire'). An article that says
both ('officials blamed a glitch; the cause is under study and not yet known') says nothing clear and
is left out. The finding needs an article on each side published within ``max_gap_days`` ([check.causes])
of each other (or undated), the 'not known' one not written ``found_within_days`` or more before the
one that gives a cause: a cause found between two reports is a development, not a contradiction.
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
from crosswire.model import Cause, Contradiction


@register_check
def check_causes(context: CheckContext) -> Iterator[Contradiction]:
    """The event's cause given in one report and said to be unknown in another of about the same time."""
    said: dict[str, dict[str, dict[str, list[Cause]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for article_id, extraction in context.extractions.items():
        for cause in extraction.causes:
            said[cause.event][article_id][cause.state].append(cause)
    gap, within = context.setting("causes", "max_gap_days"), context.setting("causes", "found_within_days")
    for event, articles in said.items():
        stated = {a: by_state["stated"] for a, by_state in articles.items() if set(by_state) == {"stated"}}
        unknown = {a: by_state["unknown"] for a, by_state in articles.items() if set(by_state) == {"unknown"}}
        stated, unknown = contemporary(context, stated, unknown, max_gap=gap, within=within)
        if not stated or not unknown:
            continue
        given, not_known = shortest_cue(context, stated, event), shortest_cue(context, unknown, event)
        yield contradiction(
            context,
            kind="negation",
            subject=f"cause of the {event}",
            sides=[worded_side(context, given, stated), worded_side(context, not_known, unknown)],
            confidence=context.setting("causes", "confidence"),
            severity="high",
            explanation=f"The cause of the {event} is given in {len(stated)} report(s) ({given!r}) "
            f"and said to be unknown in {len(unknown)} ({not_known!r}).",
        )
