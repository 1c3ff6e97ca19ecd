"""Publication dates as inputs give them -> ISO 8601, validated, or no date with a note.

A date is kept only when it names a real day (no 31 February), a plausible year (1900-2100) and,
for numbers, a plausible Unix time stamp in seconds or milliseconds (1990-2100). Relative phrases ("yesterday",
"2 days ago") and dates without a day ("March 2026", "31 Feb") are not completed from today: the
article keeps no date, and the note says why. Nothing is invented.

Example::

    parse_published("Tue, 03 Mar 2026 08:00:00 GMT")  # ("2026-03-03T08:00:00Z", None)
    parse_published("31 Feb")                         # (None, "date '31 Feb' not understood; stored without a date")
"""

from __future__ import annotations

import email.utils
import math
import re
from datetime import UTC, datetime
from typing import Any

FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_TIMESTAMP_YEAR = 1990  # a Unix time stamp before this is a small number, not a news date
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATEPARSER = {
    "STRICT_PARSING": True,  # day, month and year must all be given
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # no "yesterday", no "2 days ago"
}


def parse_published(value: Any) -> tuple[str | None, str | None]:
    """``(ISO date, None)`` for a date that can be trusted, ``(None, note)`` for one that cannot.

    Args:
        value: what the input gave: a string, or a JSON number (a Unix time stamp).
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"date field holds a {type(value).__name__}, not a date; stored without a date"
    shown = _shown(value)
    if isinstance(value, (int, float)) or _NUMBER.fullmatch(value.strip()):
        parsed = _from_timestamp(float(value))
    else:
        parsed = _from_text(value.strip())
    if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        return None, f"date {shown} not understood; stored without a date"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed.isoformat().replace("+00:00", "Z"), None


def _shown(value: str | int | float) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _from_timestamp(number: float) -> datetime | None:
    """Seconds (or milliseconds) since 1970 that fall in the plausible years; else None."""
    if not math.isfinite(number):
        return None
    for seconds in (number, number / 1000):
        try:
            when = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            continue
        if FIRST_TIMESTAMP_YEAR <= when.year <= LAST_YEAR and (seconds == number or number >= 1e11):
            return when
    return None


def _from_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        if _ISO_DAY.match(text):
            return None  # written as ISO but no such day ("2026-02-30"): not guessed
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # start-up cost: ~0.4 s on its own, paid only for dates the parsers above reject

    try:
        return dateparser.parse(text, settings=_DATEPARSER)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd strings
        return None
