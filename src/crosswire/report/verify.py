"""The to-verify list: figures and claims that only one independent source states, by consequence.

A figure or claim is single-source only when no other independent source states the same thing:

* figures are the same when their values, currencies and rates agree and what they count is compatible
  ("€103m" = "103m euros"; "53 Nepalese" = "53 Nepali citizens"; "68 bodies" = "68 people"), or when
  they are one length or area in two units ("948-foot" = "289 meters"); a figure its own sentence gives
  in two units ("185 feet (56 meters)") is listed once; a figure that counts nothing ("3", "1") is never
  listed, unless its sentence is about people harmed;
* a claim is stated elsewhere when one sentence of another independent source carries all its numbers
  and most of its content words;
* "another independent source" is another syndication group, and not the same shared wire passage
  (``crosswire.passages``): three outlets printing one agency paragraph are one source.

Items are ranked by consequence: figures about people harmed, then money, then time, then named
accusations, then other figures and claims. Ordinals, years and list numbers are never listed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from crosswire.model import Figure
from crosswire.passages import SharedPassages
from crosswire.report.brief import Citation, FactLine, VerifyItem
from crosswire.report.sources import Sources
from crosswire.vocabulary import UNITS

HARM = re.compile(
    r"\b(?:kill|dead|die[sd]?|death|bod(?:y|ies)|injur|wound|hurt|missing|victim|casualt|fatalit|"
    r"toll|survivor|rescued|hospitali[sz]ed|trapped|displaced|homeless)",
    re.IGNORECASE,
)
ACCUSATION = re.compile(
    r"\b(?:accus|alleg|charged|blam|convicted|guilty|indict|fraud|murder|negligen|corrupt|lied|"
    r"cover(?:ed)?[- ]up|responsible for)",
    re.IGNORECASE,
)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


MEASURES = _wordset(
    "metre metres meter meters kilometre kilometres kilometer kilometers km miles mile feet foot inches "
    "tonnes tons tonne litres liters gallons acres hectares knots degree degrees percent teu"
)
TIME_UNITS = _wordset("second seconds minute minutes hour hours day days week weeks month months year years decade")
PEOPLE = _wordset("people persons person lives dead bodies body victims deaths casualties fatalities individuals")
VAGUE = _wordset("thing things point points way ways bit lot lots part kind sort example reason question matter")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_LIST_NUMBER = re.compile(r"\d{1,2}\s*[.)]\s")
_CONTENT = re.compile(r"[a-z]{4,}")
_NUMBER = re.compile(r"\d[\d,.]*")
_STOP = _wordset(
    "that this with from have been were which their there they said says will would about after before "
    "also into over than then them when where while what some more most other such only very just"
)
CLAIM_WORDS_SHARE = 0.5
"""Share of a claim's content words that one sentence of another source must carry to state it."""
NAMED_WORDS_SHARE = 0.3
"""The same share when that sentence also gives every name the claim gives."""
NUMBERED_WORDS_SHARE = 0.25
"""The same share when the claim's numbers include one that tells (not a year, not one or two digits)."""
_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")


@dataclass(frozen=True, slots=True)
class _Said:
    """One figure where it was found, with its tier (``_figure_tier``)."""

    article_id: str
    figure: Figure
    tier: int | None


def verify_items(sources: Sources, facts: Sequence[FactLine]) -> tuple[VerifyItem, ...]:
    """The single-source figures and claims to verify, most consequential first.

    Args:
        sources: the story's numbered articles, extractions and check result.
        facts: the story's fact lines (their status says which are single-source).

    Returns:
        tuple[VerifyItem, ...]: every item; the terminal and Markdown show the first ``VERIFY_SHOWN``.
    """
    passages = sources.passages
    said = [
        _Said(ref.article_id, figure, _figure_tier(sources, ref.article_id, figure))
        for ref in sources.refs
        for figure in (sources.extractions[ref.article_id].figures if ref.article_id in sources.extractions else ())
    ]
    ranked: list[tuple[int, int, int, VerifyItem]] = []
    listed: set[tuple[str, str]] = set()
    shown: list[_Said] = []
    for one in said:
        if one.tier is None or _figure_elsewhere(one, said, passages):
            continue
        partners = _conversions(one, said)
        if any(_figure_elsewhere(partner, said, passages) for partner in partners):
            continue  # '289 meters' beside '948 feet', which another source gives
        if any(partner in shown for partner in partners):
            continue  # one figure written in two units is listed once
        shown.append(one)
        span = sources.sentence_span(one.article_id, one.figure.start, one.figure.end)
        citation = sources.cite(one.article_id, *span)
        marker = (sources.key(one.article_id), _norm(one.figure.text))
        if citation is None or marker in listed:
            continue
        listed.add(marker)
        item = VerifyItem("figure", one.figure.text, _outlet(sources, citation), citation)
        ranked.append((one.tier, citation.number, one.figure.start, item))
    cited = {item.citation.anchor for *_rest, item in ranked}
    for fact in facts:
        if fact.status != "single-source" or not fact.citations:
            continue
        citation = fact.citations[0]
        if not (_NUMBER.search(fact.text) or _names(fact.text) or '"' in fact.text):
            continue  # nothing to check: no figure, name or quotation
        if citation.anchor in cited or _claim_elsewhere(sources, passages, fact.text, citation):
            continue
        cited.add(citation.anchor)
        tier = 3 if ACCUSATION.search(fact.text) and _NAME.search(fact.text) else 5
        item = VerifyItem("claim", fact.text, _outlet(sources, citation), citation)
        ranked.append((tier, citation.number, citation.start, item))
    ranked.sort(key=lambda row: row[:3])
    return tuple(item for *_rest, item in ranked)


def _figure_tier(sources: Sources, article_id: str, figure: Figure) -> int | None:
    """0 people harmed, 1 money, 2 time, 4 another counted thing; None: not worth listing (an ordinal, a
    year, a list number, a number that counts nothing outside a sentence about people harmed)."""
    if figure.ordinal or _is_year(figure):
        return None
    unit = (figure.unit or "").lower()
    head = unit.split()[-1] if unit else ""
    if figure.currency:
        return 1
    if head in TIME_UNITS:
        return 2
    if head in MEASURES or figure.rate:
        return 4
    if head in VAGUE:
        return None  # 'one thing', 'one point': a figure of speech, nothing to verify
    sentence = _sentence(sources, article_id, figure)
    if not unit and _LIST_NUMBER.match(sentence.lstrip()):
        return None  # '1. The crew ...': a list number
    if HARM.search(unit) or (HARM.search(sentence) and figure.value >= 1):
        return 0
    return 4 if unit else None


def _figure_elsewhere(one: _Said, said: Sequence[_Said], passages: SharedPassages) -> bool:
    """Whether another independent source gives the same figure."""
    return any(
        other.article_id != one.article_id
        and (
            same_figure(one.figure, other.figure)
            or same_measure(one.figure, other.figure)
            or (one.tier == other.tier == 0 and _same_count(one, other))
        )
        and passages.independent_sources([(one.article_id, one.figure.start), (other.article_id, other.figure.start)])
        > 1
        for other in said
    )


CONVERSION_SHARE = 0.03
"""Two lengths or areas this close (relative to the larger) are one figure in two units: 948 feet and 289
meters, 1.6 miles and 2.6 km (each rounded where it is written)."""
CONVERTED = frozenset({"length", "area"})


def _base(figure: Figure) -> tuple[str, float, float] | None:
    """A length or area: its dimension, its unit's factor to the base unit, its value in the base unit
    ('948 feet' -> ('length', 0.3048, 288.95)); None for any other figure."""
    words = (figure.unit or "").lower().split()
    found = UNITS.get(words[-1]) if words and not figure.rate else None
    if found is None or found[0] not in CONVERTED:
        return None
    return found[0], found[1], figure.value * found[1]


def same_measure(a: Figure, b: Figure) -> bool:
    """Whether two figures are one length or area written in two units ('948-foot' and '289 meters'). In
    one unit, only the same value is ('1,770 acres' and '1,800 acres' are two: ``same_figure``)."""
    base_a, base_b = _base(a), _base(b)
    if base_a is None or base_b is None or base_a[0] != base_b[0] or base_a[1] == base_b[1]:
        return False
    return abs(base_a[2] - base_b[2]) <= CONVERSION_SHARE * max(base_a[2], base_b[2])


def _conversions(one: _Said, said: Sequence[_Said]) -> list[_Said]:
    """The figures its own sentence gives as the same length or area in another unit: '948 feet (289 meters)'."""
    return [
        other
        for other in said
        if other is not one
        and other.article_id == one.article_id
        and other.figure.sentence == one.figure.sentence
        and other.figure.unit != one.figure.unit
        and same_measure(one.figure, other.figure)
    ]


def _same_count(a: _Said, b: _Said) -> bool:
    """Two counts of people harmed with one value ('two survivors', 'Two others' rescued)."""
    return a.figure.value == b.figure.value and (a.figure.rate or "") == (b.figure.rate or "")


def same_figure(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same number of the same thing, however written ('€103m' and
    '103m euros'; '53 Nepalese' and '53 Nepali citizens'; a bare '53' and '53 Nepalese', but not a
    bare '3' and '3 runways')."""
    if abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value)) or (a.rate or "") != (b.rate or ""):
        return False
    if a.currency or b.currency:
        return a.currency == b.currency or (not (a.currency and b.currency) and not (a.unit or b.unit))
    unit_a, unit_b = _stems(a), _stems(b)
    if not (a.unit or unit_a) or not (b.unit or unit_b):
        return a.value > 12 or unit_a == unit_b
    people = {word[:5] for word in PEOPLE}
    return bool(unit_a & unit_b) or (unit_a <= people and unit_b <= people)


_SAME_WORD = {
    "feet": "foot",
    "meter": "metre",
    "meters": "metre",
    "metres": "metre",
    "kilometers": "kilometre",
    "kilometres": "kilometre",
    "tons": "tonne",
    "tonnes": "tonne",
    "liters": "litre",
    "litres": "litre",
}
_APPROX_WORDS = _wordset(
    "about around nearly almost least more than over under less fewer some up to as many one two three four five "
    "six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
    "thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen dozens"
)  # not what a figure counts


def _stems(figure: Figure) -> set[str]:
    """What a figure counts, as words cut to five letters: its unit and the words of its phrase ('15 foreign
    nationals' -> forei, natio; 'Nepalese', 'Nepali' -> nepal; '948-foot' = '948 feet')."""
    words = re.findall(r"[a-z]+", f"{figure.unit or ''} {figure.text}".lower())
    return {_SAME_WORD.get(word, word)[:5] for word in words if len(word) > 2 and word not in _APPROX_WORDS}


def _claim_elsewhere(sources: Sources, passages: SharedPassages, text: str, citation: Citation) -> bool:
    """Whether one sentence of another independent source states the claim: it carries the claim's
    numbers and at least half its content words (three or more); or its numbers, every name it gives
    and 30% of its content words; or its numbers, one of them telling ('1,644', '7.7'), and a quarter
    of its content words; or a quotation of four words or more from it word for word."""
    claim = _Claim(
        numbers=set(_NUMBER.findall(text)),
        words={w for w in _CONTENT.findall(text.lower()) if w not in _STOP},
        quoted=_quoted_runs(text),
        names=_names(text),
    )
    # the wording first, independence only for a sentence that states the claim: the same answer, as
    # both must hold of one sentence, but the wording of each sentence is read once (_read) and the
    # passage look-up is not made for the many sentences that say something else
    return any(
        _states(claim, sentence)
        and passages.independent_sources([(citation.article_id, citation.start), (article_id, start)]) >= 2
        for article_id, start, sentence in _sentences(sources, citation.article_id)
    )


@dataclass(frozen=True, slots=True)
class _Claim:
    numbers: set[str]
    words: set[str]  # content words
    quoted: list[str]  # quotations of four words or more, folded
    names: set[str]


def _states(claim: _Claim, sentence: str) -> bool:
    """Whether ``sentence`` states the claim in words (``_claim_elsewhere`` says how)."""
    folded, numbers, content = _read(sentence)
    if any(f" {q} " in f" {folded} " for q in claim.quoted):
        return True
    words = claim.words
    if len(words) >= 3 and claim.numbers <= numbers:
        shared = len(words & content)
        if shared >= max(3, CLAIM_WORDS_SHARE * len(words)):
            return True
        if claim.names and claim.names <= _sentence_names(sentence) and shared >= NAMED_WORDS_SHARE * len(words):
            return True  # the same people and places with the same numbers, in other words
        if _telling(claim.numbers) and shared >= NUMBERED_WORDS_SHARE * len(words):
            return True  # the same telling figures ('1,644', '7.7') on the same subject
    return False


@functools.lru_cache(maxsize=32768)
def _read(sentence: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """A sentence folded for comparison, its numbers and its content words; kept, as each sentence of
    a story is compared with every claim of the other articles."""
    folded = " ".join(re.findall(r"[\w']+", sentence.lower()))
    return folded, frozenset(_NUMBER.findall(sentence)), frozenset(_CONTENT.findall(folded))


@functools.lru_cache(maxsize=32768)
def _sentence_names(sentence: str) -> frozenset[str]:
    return frozenset(_names(sentence))


def _telling(numbers: set[str]) -> bool:
    """Whether a claim's numbers include one too specific to match by chance: three digits or more, or a
    decimal, and not a year ('1,644', '7.7', '10:33'; not '5', '2023')."""
    for number in numbers:
        digits = number.rstrip(".,").replace(",", "")
        if ("." in digits and len(digits) >= 3) or (len(digits) >= 3 and not re.fullmatch(r"(1[89]|20)\d\d", digits)):
            return True
    return False


def _quoted_runs(text: str) -> list[str]:
    """The parts of a claim between quote marks (or before a lone closing one, or after a lone opening
    one: a quotation that runs over several sentences), of four words or more, folded for comparison."""
    parts = text.split('"')
    if len(parts) % 2 == 0 and parts[0].rstrip()[-1:] in {",", ".", "!", "?"}:
        inside = [parts[0], *parts[2::2]]  # the first mark closes a quotation begun before the sentence
    else:
        inside = parts[1::2]
    folded = [" ".join(re.findall(r"[\w']+", part.lower())) for part in inside]
    return [part for part in folded if len(part.split()) >= 4]


def _names(text: str) -> set[str]:
    """The capitalised words of a text after its first word ('Kamal', 'Khatiwada', 'Pokhara')."""
    return {word for word in _CAPITAL.findall(text.split(" ", 1)[-1]) if word.lower() not in _STOP}


def _sentences(sources: Sources, besides: str) -> Iterator[tuple[str, int, str]]:
    for article_id, extraction in sources.extractions.items():
        if article_id != besides and article_id in sources.articles:
            for sentence in extraction.sentences:
                yield article_id, sentence.start, sentence.text


def _sentence(sources: Sources, article_id: str, figure: Figure) -> str:
    start, end = sources.sentence_span(article_id, figure.start, figure.end)
    return sources.articles[article_id].text[start:end]


def _is_year(figure: Figure) -> bool:
    return figure.unit is None and float(figure.value).is_integer() and 1800 <= figure.value <= 2100


def _outlet(sources: Sources, citation: Citation) -> str:
    return sources.refs[citation.number - 1].outlet


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
