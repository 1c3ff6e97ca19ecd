"""Figures: numbers with what they count, read from spaCy tokens, entities and the dependency parse.

Rules:

* A figure is a run of number tokens (``like_num``: digits, number words, scale words such as
  "billion") or an ordinal ("third"). Number words go through ``number_parser``; digits are read
  directly and multiplied by any scale word after them ("21 billion" -> 21e9) or scale letter written
  onto them ("103m euros", "€2.5bn" -> 103e6 EUR, 2.5e9 EUR).
* Numbers inside a date ("March 3", "2019") are dates, not figures, unless they count a duration
  ("12 years"). Numbers inside names ("Pier 7") are skipped.
* Unit: the noun the number modifies (its ``nummod`` head) with that noun's compound words before it
  ("14 dock workers" -> "dock workers"); "140-metre" gives "metres". Money has a currency instead
  (symbol or word: "€21 billion" -> EUR) and no unit; "%" and "per cent" give "percent".
* Rate: "per hour", "a day", "every week" right after the unit, or an adverb such as "weekly" within
  a few words ("5,000 lives are lost weekly").
* Approximation: the word(s) right before ("about", "approximately", "over", "nearly", "up to"...),
  mapped to one of about / over / under / nearly / at least / up to.
* Range: "10 to 12", "between 10 and 12" -> low/high, value = low; the unit is read from either end.
* Not figures of the story: numbers in a byline line ("by Viktoria Ivanova 57 views") and page counters
  (views, shares, comments...), gallery counters ("Image 12 of 33"), phone numbers and codes
  ("501-315-TIPS"), numbers inside a comparison
  ("It's like when two rival teams ..."), and "the two" / "the three" + plural noun, which refers to
  a group already named ("the two powers") rather than counting it.
* A number word or ordinal with no unit ("one of them", "First, ...") is not a figure; a bare digit
  is one only when the NER calls it CARDINAL, MONEY, PERCENT or QUANTITY.
"""

from __future__ import annotations

import re
from functools import lru_cache

from number_parser import parse_number, parse_ordinal
from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER
from spacy.tokens import Doc, Span, Token

from crosswire.extract.sentences import Sentences
from crosswire.model import Figure

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
GLUED_SCALES = {"m": 1e6, "bn": 1e9, "mn": 1e6, "k": 1e3}
"""Scale letters written onto the digits ('103m', '€2.5bn', '40k'): a scale only when glued."""
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "US$": "USD", "₹": "INR", "₽": "RUB"}
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "kronor": "SEK",
    "krone": "NOK",
    "francs": "CHF",
    "yuan": "CNY",
}
APPROX = {
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "circa": "about",
    "~": "about",
    "over": "over",
    "more than": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "at least": "at least",
    "up to": "up to",
    "as many as": "up to",
    "at most": "up to",
    "no more than": "up to",
}
RATE_WORDS = {
    "hour": "hour",
    "hourly": "hour",
    "day": "day",
    "daily": "day",
    "week": "week",
    "weekly": "week",
    "month": "month",
    "monthly": "month",
    "year": "year",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
    "night": "day",
}
RATE_LEADS = {"per", "a", "an", "each", "every"}
DURATION_UNITS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "decade",
    "decades",
    "minute",
    "minutes",
}
UNIT_FREE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}
PAGE_COUNTERS = frozenset({"views", "comments", "shares", "likes", "reads", "followers", "subscribers", "retweets"})
CODE = re.compile(r"\(?\d{3}\)?[-. ]\d{3}[-.](?:\d{4}|[A-Z]{4})\b|\d+-\d+-\d+")
GALLERY = re.compile(r"\b(?:image|photo|picture|slide)\s+\d+\s+of\s+\d+", re.IGNORECASE)
COMPARISON = re.compile(r"\b(?:like when|like if|as if|as though|imagine|just like|it['’]s like)\b", re.IGNORECASE)
REFERRING = frozenset({"the", "both", "these", "those"})
SMALL_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
RATE_WINDOW = 4
RANGE_JOINTS = {"to", "-", "–"}
DATE_WORDS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|day|week|month|year|decade|century|"
    r"hour|minute|night|morning|evening|ago|today|tonight|\d+:\d\d|[ap]\.?m\b",
    re.IGNORECASE,
)


def find_figures(doc: Doc, sentences: Sentences) -> list[Figure]:
    """Every figure in ``doc``, in text order."""
    figures = []
    for number, upper in _number_runs(doc):
        if _not_reported(doc, number, sentences):
            continue
        figure = _figure(doc, number, sentences, upper=upper)
        if figure is not None and figure.unit not in PAGE_COUNTERS:
            figures.append(figure)
    return figures


def _not_reported(doc: Doc, number: Span, sentences: Sentences) -> bool:
    """A number that is not a figure the story reports: in a byline, a phone number or code, inside a
    comparison ('like when two rival teams ...'), or a reference to a group already named ('the two
    powers')."""
    sentence = sentences.items[sentences.index(number.start)]
    if _byline(doc, sentence.start):
        return True
    around = sentences.text[max(number.start_char - 6, 0) : number.end_char + 10]
    if CODE.search(around) or GALLERY.search(sentences.text[max(number.start_char - 16, 0) : number.end_char + 8]):
        return True
    before = sentences.text[sentence.start : number.start_char]
    if COMPARISON.search(before):
        return True
    previous = doc[number.start - 1] if number.start > 0 else None
    return (
        previous is not None
        and previous.lower_ in REFERRING
        and number.text.lower() in SMALL_NUMBER_WORDS
        and number.end < len(doc)
        and doc[number.end].tag_ in {"NNS", "NNPS"}
    )


def _number_runs(doc: Doc) -> list[tuple[Span, Span | None]]:
    """Runs of number tokens ('21 billion', 'twenty - five'), each with the upper end of a range
    ('10 to 12', 'between 10 and 12') when there is one."""
    runs: list[tuple[Span, Span | None]] = []
    numbers = _numbers(doc)
    i = 0
    while i < len(doc):
        if not numbers[i]:
            i += 1
            continue
        first = _run_at(doc, i)
        upper = None
        joint = first.end
        if (
            joint + 1 < len(doc)
            and numbers[joint + 1]
            and (doc[joint].lower_ in RANGE_JOINTS or doc[joint].lower_ == "and" and doc[i - 1].lower_ == "between")
            and not _change_from(doc, i)
        ):
            upper = _run_at(doc, joint + 1)
        runs.append((first, upper))
        i = (upper or first).end
    return runs


CHANGES = frozenset(
    "rose risen rise rises increased increases climbed climbs jumped jumps grew soared surged fell falls dropped "
    "drops declined revised raised lowered up down".split()
)
"""Verbs after which 'from 1,002 to 1,644' is a count's change, two values, not a range."""


def _change_from(doc: Doc, i: int) -> bool:
    """'the toll rose from 1,002 to 1,644': the first number is an earlier value, the second the new one."""
    return i >= 2 and doc[i - 1].lower_ == "from" and doc[i - 2].lower_ in CHANGES


def _run_at(doc: Doc, i: int) -> Span:
    end = i + 1
    while end < len(doc) and (_is_number(doc[end]) or _joins_words(doc, end)):
        end += 1
    if end < len(doc) and _glued_scale(doc[end]):
        end += 1  # '103m euros': the scale letter is part of the number
    return doc[i:end]


def _glued_scale(token: Token) -> bool:
    """'m' in '103m': a scale letter written right after digits, with no space between."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        _scale_letter(token) in GLUED_SCALES
        and before is not None
        and not before.whitespace_
        and _digits(before.text) is not None
    )


def _scale_letter(token: Token) -> str:
    """'m', also 'm.' at a sentence's end ('a fee of €41m.'), which the tokenizer keeps whole."""
    return token.lower_[:-1] if token.lower_.endswith(".") and len(token.text) > 1 else token.lower_


def _is_number(token: Token) -> bool:
    return token.like_num or token.lower_ in SCALES or token.ent_type_ == "ORDINAL"


def _numbers(doc: Doc) -> list[bool]:
    """``_is_number`` of every token, read from one array of the doc's attributes (a Token object per
    word of the doc cost more than the rest of ``find_figures``)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    scales = {strings[word] for word in SCALES}
    ordinal = strings["ORDINAL"]
    like_num, lower, ent_type = (c.tolist() for c in doc.to_array([LIKE_NUM, LOWER, ENT_TYPE]).T)
    return [bool(n) or w in scales or e == ordinal for n, w, e in zip(like_num, lower, ent_type, strict=True)]


def _joins_words(doc: Doc, i: int) -> bool:
    """The hyphen in 'twenty-five' (between two number words) and in '$2-million' (digits and a scale)."""
    if doc[i].text != "-" or i + 1 >= len(doc) or i == 0:
        return False
    words = doc[i - 1].is_alpha and doc[i + 1].is_alpha and doc[i + 1].like_num
    scaled = _digits(doc[i - 1].text) is not None and doc[i + 1].lower_ in SCALES
    return words or scaled


def _byline(doc: Doc, start_char: int) -> bool:
    """A line that starts 'by <person>': the author's line, not the story."""
    span = doc.char_span(start_char, start_char + 2, alignment_mode="expand")
    if span is None or span[0].lower_ != "by" or span[0].i + 1 >= len(doc):
        return False
    return doc[span[0].i + 1].ent_type_ == "PERSON"


def _figure(doc: Doc, number: Span, sentences: Sentences, *, upper: Span | None) -> Figure | None:
    if _in_name_or_date(number):
        return None
    low = high = None
    first = number
    if upper is not None:
        low, high = _value(number, ordinal=False), _value(upper, ordinal=False)
        number = doc[number.start : upper.end]
        if low is None or high is None:
            return None
    ordinal = number[-1].ent_type_ == "ORDINAL" or number.text.lower().endswith(("st", "nd", "rd", "th"))
    if ordinal and number.end < len(doc) and doc[number.end].text == "-":
        return None  # 'third-party', 'first-hand'
    value = low if low is not None else _value(number, ordinal=ordinal)
    if value is None:
        return None
    currency, start = _currency(doc, number)
    unit_span = None if currency else _unit(doc, number) or _unit(doc, first)
    if currency is None and number.end < len(doc) and doc[number.end].lower_ in CURRENCY_WORDS:
        currency, unit_span = CURRENCY_WORDS[doc[number.end].lower_], doc[number.end : number.end + 1]
    if unit_span is None and not _stands_alone(number, ordinal=ordinal, currency=currency):
        return None
    approx, start = _approx(doc, start, sentences)
    end = unit_span.end if unit_span is not None else number.end
    rate, end = _rate(doc, end, sentences)
    unit = None if unit_span is None or currency else _unit_text(number, unit_span, value)
    return Figure(
        start=doc[start].idx,
        end=doc[end - 1].idx + len(doc[end - 1].text),
        text=doc[start:end].text,
        value=value,
        sentence=sentences.index(number.start),
        unit=unit,
        currency=currency,
        rate=rate,
        approx=approx,
        low=low,
        high=high,
        ordinal=ordinal,
    )


def _in_name_or_date(number: Span) -> bool:
    token = number[0]
    if token.ent_type_ in NAME_LABELS:
        return True
    if token.ent_type_ in {"DATE", "TIME"} and _looks_like_date(_entity(token)):
        after = number.doc[number.end] if number.end < len(number.doc) else None
        return after is None or after.lower_ not in DURATION_UNITS or token.ent_type_ != after.ent_type_
    return False


def _entity(token: Token) -> Span:
    """The entity ``token`` is part of, found from its IOB tags (not by scanning ``doc.ents``, which is
    rebuilt on each read and made one lookup per figure cost the whole doc)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _looks_like_date(ent: Span) -> bool:
    """A DATE/TIME entity that names a time ('March 3', '2019', '12 years'); 'Between 10 and 12' is not."""
    return bool(DATE_WORDS.search(ent.text)) or any(t.is_digit and len(t.text) == 4 for t in ent)


def _value(number: Span, *, ordinal: bool) -> float | None:
    words = [t.text for t in number if t.text != "-"]
    scale = 1.0
    if len(words) > 1 and _glued_scale(number[-1]):
        scale *= GLUED_SCALES[_scale_letter(number[-1])]
        words.pop()
    while words and words[-1].lower() in SCALES and len(words) > 1 and _digits(words[0]) is not None:
        scale *= SCALES[words.pop().lower()]
    digits = _digits(words[0]) if len(words) == 1 else None
    if digits is not None:
        return digits * scale
    if ordinal:
        return _ordinal(" ".join(words).lower())
    parsed = _words(" ".join(words).lower())
    return None if parsed is None else parsed * scale


def _digits(text: str) -> float | None:
    cleaned = text.replace(",", "")
    for suffix in ("st", "nd", "rd", "th"):
        cleaned = cleaned.removesuffix(suffix)
    try:
        return float(cleaned)
    except ValueError:
        return None


@lru_cache(maxsize=2048)
def _words(text: str) -> float | None:
    value = parse_number(text, language="en")
    return None if value is None else float(value)


@lru_cache(maxsize=512)
def _ordinal(text: str) -> float | None:
    value = _digits(text) if text[:1].isdigit() else parse_ordinal(text, language="en")
    return None if value is None else float(value)


def _currency(doc: Doc, number: Span) -> tuple[str | None, int]:
    before = number.start - 1
    if before >= 0 and doc[before].text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[doc[before].text], before
    return None, number.start


def _unit(doc: Doc, number: Span) -> Span | None:
    """The counted noun and its compounds: '14 dock workers' -> 'dock workers'; '140-metre' -> 'metre'."""
    last = number[-1]
    head = last.head
    if last.dep_ in {"nummod", "quantmod", "amod"} and head.i > last.i and head.tag_.startswith("NN"):
        if head.i - number.end > 4 or head.ent_type_ in NAME_LABELS - {"ORG"}:
            return None
        start = number.end + (1 if doc[number.end].text == "-" else 0)
        while start < head.i and doc[start].dep_ not in {"compound", "nmod"}:
            start += 1
        return doc[start : head.i + 1]
    nxt = number.end
    if nxt < len(doc) and doc[nxt].lower_ in {"%", "percent"}:
        return doc[nxt : nxt + 1]
    if nxt + 1 < len(doc) and doc[nxt].lower_ == "per" and doc[nxt + 1].lower_ == "cent":
        return doc[nxt : nxt + 2]
    return None


def _unit_text(number: Span, unit: Span, value: float) -> str:
    text = unit.text
    if text in {"%", "per cent", "percent"}:
        return "percent"
    hyphenated = number.end < len(number.doc) and number.doc[number.end].text == "-"
    if hyphenated and value != 1 and unit[-1].tag_ == "NN" and len(text) > 3 and not text.endswith("s"):
        return text + "s"  # '140-metre tanker' counts metres
    return text


def _stands_alone(number: Span, *, ordinal: bool, currency: str | None) -> bool:
    if currency is not None:
        return True
    if number[-1].dep_ == "conj" or len(number) > 2 and number[1].lower_ in RANGE_JOINTS | {"and"}:
        return True
    if ordinal or not any(t.is_digit or t.text[:1].isdigit() for t in number):
        return False
    return number[0].ent_type_ in UNIT_FREE_LABELS


def _approx(doc: Doc, start: int, sentences: Sentences) -> tuple[str | None, int]:
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start - size : start])
        if words.startswith("an ") and words[3:] in APPROX:
            return APPROX[words[3:]], start - size
        if words in APPROX and sentences.same(start - size, start):
            return APPROX[words], start - size
    return None, start


def _rate(doc: Doc, end: int, sentences: Sentences) -> tuple[str | None, int]:
    """'per hour' / 'a day' right after the figure (extends it), or 'weekly' a few words on."""
    if end + 1 < len(doc) and doc[end].lower_ in RATE_LEADS and doc[end + 1].lower_ in RATE_WORDS:
        return RATE_WORDS[doc[end + 1].lower_], end + 2
    sentence = sentences.index(end - 1)
    for token in doc[end : min(end + RATE_WINDOW, len(doc))]:
        if token.is_punct or sentences.index(token.i) != sentence or token.like_num:
            break
        if token.lower_ in RATE_WORDS and token.tag_ in {"RB", "JJ"} and token.lower_.endswith("ly"):
            return RATE_WORDS[token.lower_], end
    return None, end
