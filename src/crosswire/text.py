"""Text normalisation shared by every input format, plus a cheap language guess.

``normalize_text`` is applied once, at ingest; every offset stored later points into its output.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

TIME_STAMP_LINE = re.compile(r"^\W*(updated|posted|published|last modified|created)\b", re.IGNORECASE)
"""A page's time stamp ('Updated 3:04 PM', 'Published: ... @ 4:07 PM'): not a claim about the event."""

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")
# "U. S." / "U. S. -Russia" -> "U.S." / "U.S.-Russia": broken spacing inside initialisms.
_INITIALISM = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
_INITIALISM_DASH = re.compile(r"\b((?:[A-Z]\.){2,}) -(?=[A-Z])")


def normalize_text(text: str) -> str:
    """Mojibake repaired, NFKC, straight quotes, no invisible or control characters, tidy whitespace,
    mended initialisms."""
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_QUOTES)
    text = _CONTROL.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    while _INITIALISM.search(text):
        text = _INITIALISM.sub(r"\1.", text)
    text = _INITIALISM_DASH.sub(r"\1-", text)
    return text.strip()


# A run of CJK characters in Latin text: UTF-8 punctuation read as GBK ("bridge鈥檚" for "bridge’s").
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[A-Za-z]")


def repair_mojibake(text: str) -> str:
    """Text decoded with the wrong codec, put right: ftfy's ``fix_encoding`` for UTF-8 read as Latin-1
    or Windows-1252 ("cafÃ©"), and here UTF-8 punctuation read as GBK in Latin-script text ("鈥檚"
    for "’s", "鈥淭he" for "“The"), which ftfy leaves alone. Text in a CJK script is left as it is.
    """
    import ftfy  # start-up cost: ~0.3 s on its own, paid only when text is normalised (ingest)

    text = ftfy.fix_encoding(text)
    if "\u9225" not in text:  # 鈥: the GBK reading of E2 80, the lead bytes of UTF-8 punctuation
        return text
    cjk = sum(len(run) for run in _CJK_RUN.findall(text))
    if cjk * 2 > len(_LATIN.findall(text)):  # a text in a CJK script, not Latin text with mojibake
        return text
    return _CJK_RUN.sub(_from_gbk, text)


def _from_gbk(match: re.Match[str]) -> str:
    run = match.group()
    if "\u9225" not in run:
        return run
    try:
        fixed = run.encode("gb18030").decode("utf-8", errors="replace")
    except UnicodeEncodeError:
        return run
    if _CJK_RUN.search(fixed):
        return run
    # a lone 鈥 lost its third byte to the decoder: a closing quote after a word, else a dash
    text, at = match.string, match.start()
    lost = '"' if at > 0 and not text[at - 1].isspace() else "\u2014"
    return fixed.replace("\ufffd", lost)


def content_hash(text: str) -> str:
    """The article id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_STOPWORDS = {
    "en": "the of and to in is that for on with as was by it are from at this be has have said",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "fr": "le la les de des et en un une du est que pour dans qui au sur par pas plus",
    "es": "el la de que y en los del se las por un para con una su al es lo como",
    "it": "il di che e la per un in è non una sono della del con si da al le",
    "nl": "de het een van en in is dat op te zijn voor met niet aan er die",
    "pt": "o de a que e do da em um para com não uma os no se na por mais",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, *, sample_words: int = 400) -> str | None:
    """Best stopword match among a few European languages; None when too little text to tell."""
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 8])][:sample_words]
    if len(words) < 8:
        return None
    scores = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOPSETS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return lang if score >= 0.08 else None


def parse_time(text: str) -> datetime | None:
    """An ISO 8601 time stamp as stored (``published_at``, ``ingested_at``, ``--since``), time-zone
    aware (UTC when it names no zone); None when it is not one."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# ANSI CSI / OSC / other escape sequences, then any C0/C1 control, line or paragraph separator and bidi control
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]+")


def one_line(text: object) -> str:
    """Untrusted text made safe for a terminal line: escape sequences, control and bidi characters and
    line breaks become single spaces. (Console markup is escaped separately, by ``rich.markup.escape``.)"""
    flat = _UNPRINTABLE.sub(" ", _ESCAPES.sub(" ", str(text)))
    return re.sub(r" {2,}", " ", flat).strip() if flat != str(text) else flat
