"""Dates for the date checks: when two dates of one event can both be right.

A helper module, not a check: ``slots`` (aligned sentences) and ``frames`` (clause-level events) both
read it, so neither check imports the other.
"""

from __future__ import annotations

from crosswire import vocabulary
from crosswire.check.text import fold
from crosswire.model import DateRef

WEEKDAYS = frozenset(vocabulary.WEEKDAYS)


def date_agree(a: DateRef, b: DateRef) -> bool:
    """Whether two dates can both be right: one contains the other, unless both name a weekday and
    the weekdays differ ('Wednesday, June 22' against 'Friday, June 22')."""
    day_a, day_b = fold(a.weekday or ""), fold(b.weekday or "")
    if day_a in WEEKDAYS and day_b in WEEKDAYS and day_a != day_b:
        return False
    if not (a.weekday or b.weekday) and fold(a.text) == fold(b.text):
        return True  # written alike ('April 28'): resolved apart only by the reports' own dates
    if a.value and b.value and (a.value.startswith(b.value) or b.value.startswith(a.value)):
        return True
    if a.weekday and b.weekday:
        return True
    if a.value and b.value:
        return False
    return fold(a.text) == fold(b.text) or not (a.weekday or b.weekday) or bool(a.value or b.value)


def on_own_days(published_a: str | None, a: DateRef, published_b: str | None, b: DateRef) -> bool:
    """Whether each report dates the event to its own, different, day of publication ('announced today (14
    October)' / 'announced today (20 October)'): two reports of a developing story, each of the day's news,
    not two dates of one event."""
    if not (published_a and published_b and a.value and b.value and len(a.value) >= 10 and len(b.value) >= 10):
        return False
    day_a, day_b = published_a[:10], published_b[:10]
    return day_a != day_b and a.value[:10] == day_a and b.value[:10] == day_b
