"""Dates: spaCy's DATE/TIME entities resolved with dateparser against the publication date.

Rules:

* Durations ("12 years", "over a year") and frequencies ("weekly") are not dates: they are figures.
  A bare one- or two-digit number the NER calls a date ("Cody Throneberry, 2,") is an age.
* A bare weekday ("on Tuesday", "Tuesday night") is the latest one on or before publication, or the one
  on or after it when the verb it belongs to is about the future ("is expected to visit ... on
  Thursday", "will"); a weekday that dates a noun ("the collapse at 1:27 a.m. Tuesday") is past:
  granularity day, certainty 0.7 (0.6 for the future), ``weekday`` set.
* Everything else goes to dateparser with ``RELATIVE_BASE`` = publication date and
  ``PREFER_DATES_FROM`` = past; its period gives the granularity: '2026-03-03' (day), '2022-02'
  (month), '2014' (year), ISO week '2026-W09' (granularity "relative").
* Certainty: 1.0 when the text carries the year; 0.9 for a day or month without year ("March 3");
  0.8 for relative phrases ("this year", "last week", "yesterday").
* A clock time without a day ("at 1:30 p.m.", "about noon") is not resolved: it names no day, and
  resolving it to the publication day would set two reports of one event published on different
  days against each other.
* Without a publication date only texts that carry their own year are resolved; the rest keep
  value None and certainty 0.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from crosswire.extract.sentences import Sentences
from crosswire.model import DateRef, Granularity
from crosswire.text import parse_time
from crosswire.vocabulary import WEEKDAYS

LEAD_WORDS = re.compile(r"^(on|in|since|by|until|till|from|during|early|late|earlier|later|the|mid-?)\s+", re.I)
TIME_OF_DAY = re.compile(r"\s+(morning|afternoon|evening|night|noon|midday)$", re.I)
YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")
DECADE = re.compile(r"\b\d{2,3}0s\b|\b(19|20)\d0s\b")
RELATIVE = re.compile(r"\b(this|last|next|past|ago|yesterday|today|tomorrow|tonight|coming|previous)\b", re.I)
DAY_WORDS = re.compile(
    r"\b(" + "|".join(WEEKDAYS) + r"|jan(uary)?|feb(ruary)?|march|april|june|july|"
    r"aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|yesterday|overnight)\b",
    re.I,
)
FREQUENCY = {"weekly", "daily", "monthly", "yearly", "annually", "hourly", "nightly"}
DURATION_UNIT = re.compile(r"\b(years?|months?|weeks?|days?|hours?|decades?|minutes?)\b", re.I)
WEEKDAY_NAMES = tuple((w.title(), re.compile(rf"\b{w}\b", re.I)) for w in WEEKDAYS)  # in WEEKDAYS order
SLASHED = re.compile(r"\d+/\d+")
DATE_LABELS = frozenset({"DATE", "TIME"})
FUTURE_WORDS = {"will", "'ll", "shall", "expected", "due", "scheduled", "set", "planned", "plans", "going", "would"}


def find_dates(doc: Doc, sentences: Sentences, *, published_at: str | None) -> list[DateRef]:
    """Every date expression in ``doc`` with its resolution."""
    base = _base(published_at)
    dates = []
    for ent in doc.ents:
        if ent.label_ not in DATE_LABELS or _is_duration(ent) or _bare_number(ent):
            continue
        date_ref = _resolve(ent, base, sentences)
        if date_ref.value is None and (ent.label_ == "TIME" or date_ref.granularity == "unknown"):
            continue  # 'the end of the day', 'years': nothing a reader could check
        dates.append(date_ref)
    return dates


def _base(published_at: str | None) -> datetime | None:
    parsed = parse_time(published_at) if published_at else None
    return parsed.replace(tzinfo=None) if parsed is not None else None


def _bare_number(ent: Span) -> bool:
    """A number of one or two digits alone ('Cody Throneberry, 2,'; 'Mason, 37,'): an age, not a date."""
    text = ent.text.strip(" ,.")
    return text.isdigit() and len(text) <= 2


def _is_duration(ent: Span) -> bool:
    if ent.text.lower() in FREQUENCY:
        return True
    if RELATIVE.search(ent.text):
        return False
    counted = any(t.like_num or t.lower_ in {"a", "an", "several", "few", "many"} for t in ent)
    return counted and DURATION_UNIT.search(ent.text) is not None


def _resolve(ent: Span, base: datetime | None, sentences: Sentences) -> DateRef:
    text = ent.text
    core = TIME_OF_DAY.sub("", LEAD_WORDS.sub("", text.strip())).strip()
    weekday = next((name for name, pattern in WEEKDAY_NAMES if pattern.search(text)), None)
    value: str | None = None
    granularity: Granularity = "unknown"
    certainty = 0.0
    if DECADE.search(core) or (ent.label_ == "TIME" and not _names_a_day(text)):
        pass  # a decade, or a clock time ('at 1:30 p.m.'): no day to resolve
    elif core.lower() in WEEKDAYS and base is not None:
        future = _future(ent)
        value = _weekday(base.date(), WEEKDAYS.index(core.lower()), future=future).isoformat()
        granularity, certainty = "day", 0.6 if future else 0.7
    elif base is not None or YEAR.search(core):
        value, granularity, certainty = _parse(core, base or datetime(2000, 1, 1))
    elif RELATIVE.search(core) or weekday:
        granularity = "relative"
    return DateRef(
        start=ent.start_char,
        end=ent.end_char,
        text=text,
        sentence=sentences.index(ent.start),
        value=value,
        granularity=granularity,
        certainty=certainty,
        weekday=weekday,
    )


def _names_a_day(text: str) -> bool:
    """Whether a time expression says which day ('Tuesday night', 'last night', 'March 3 at noon')."""
    return bool(DAY_WORDS.search(text) or YEAR.search(text) or RELATIVE.search(text) or SLASHED.search(text))


def _weekday(base: date, weekday: int, *, future: bool) -> date:
    if future:
        return base + timedelta(days=(weekday - base.weekday()) % 7)
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def _future(ent: Span) -> bool:
    """Whether the verb the date belongs to speaks of the future ('will', 'is expected to').

    Only the nearest verb counts, and a date that dates a noun ("the bridge's collapse at 1:27 a.m.
    Tuesday") belongs to no verb: a 'would' further up, in reported speech ("said they would
    transition ... after the collapse at 1:27 a.m. Tuesday"), does not move the day into the future.
    """
    token = ent.root
    for _ in range(4):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "npadvmod":
            return False
        if token.pos_ in {"VERB", "AUX"}:
            words = {c.lower_ for c in token.children} | {token.lower_}
            words |= {t.lower_ for t in token.doc[max(token.i - 3, 0) : token.i]}
            return bool(words & FUTURE_WORDS)
    return False


@lru_cache(maxsize=4096)
def _parse(text: str, base: datetime) -> tuple[str | None, Granularity, float]:
    data = _parser(base).get_date_data(text)
    if data.date_obj is None:
        return None, "relative" if RELATIVE.search(text) else "unknown", 0.0
    day = data.date_obj.date()
    has_year = YEAR.search(text) is not None
    relative = RELATIVE.search(text) is not None
    certainty = 1.0 if has_year else 0.8 if relative else 0.9
    if data.period == "year":
        return f"{day.year:04d}", "year", certainty
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month", certainty
    if data.period == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}", "relative", min(certainty, 0.8)
    return day.isoformat(), "day", certainty


@lru_cache(maxsize=64)
def _parser(base: datetime) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)
