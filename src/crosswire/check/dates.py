"""Dates for the date checks: when two dates of one event can both be right.

A helper module, not a check: ``slots`` (aligned sentences) and ``frames`` (clause-level events) both
read it, so neither check imports the other. Both skip two dates that are each their report's own day
(``on_own_days``): a report's 'today' is when it was written, and two reports written on two days
disagree about nothing.
"""

from __future__ import annotations

import re

from crosswire import vocabulary
from crosswire.check.context import CheckContext
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


def on_own_days(context: CheckContext, article_a: str, a: DateRef, article_b: str, b: DateRef) -> bool:
    """Whether each report dates the event to its own, different, day (``report_day``: 'announced today
    (14 October)' / 'announced today (20 October)'): two reports of a developing story, each of the day's
    news, not two dates of one event. A report's own day against another's dated event is compared as usual."""
    day_a = report_day(context.published_at(article_a), _text(context, article_a), a)
    day_b = report_day(context.published_at(article_b), _text(context, article_b), b)
    return day_a is not None and day_b is not None and day_a != day_b


def report_day(published_at: str | None, article_text: str, date: DateRef) -> str | None:
    """The day a date gives as its own report's day, or None: the day the report was published, or a
    day written as the report's own ('today', 'this morning', 'today (14 October 2011)'), which is when
    the report was written whether or not its publication date is known."""
    if not date.value or len(date.value) < 10:
        return None
    day = date.value[:10]
    if published_at and published_at[:10] == day:
        return day
    return day if written_as_today(article_text, date) else None


REPORT_DAY = r"(?:today|tonight|this\s+(?:morning|afternoon|evening))"
"""The words that give a report's own day."""
_REPORT_DAY_TEXT = re.compile(rf"^(?:earlier\s+|later\s+)?{REPORT_DAY}\b", re.IGNORECASE)
_REPORT_DAY_BEFORE = re.compile(rf"\b{REPORT_DAY}\s*[(,]\s*$", re.IGNORECASE)  # 'today (14 October 2011)'
_REPORT_DAY_AFTER = re.compile(rf"^\s*\(\s*{REPORT_DAY}\s*\)", re.IGNORECASE)  # '14 October (today)'


def written_as_today(article_text: str, date: DateRef) -> bool:
    """Whether a date is written as its report's own day: 'today', 'this morning', or a day set beside
    one ('today (14 October 2011)', 'this morning, 14 October', '14 October (today)')."""
    before = article_text[max(0, date.start - 24) : date.start]
    after = article_text[date.end : date.end + 24]
    return bool(
        _REPORT_DAY_TEXT.match(date.text) or _REPORT_DAY_BEFORE.search(before) or _REPORT_DAY_AFTER.match(after)
    )


def _text(context: CheckContext, article_id: str) -> str:
    article = context.articles.get(article_id)
    return article.text if article is not None else ""
