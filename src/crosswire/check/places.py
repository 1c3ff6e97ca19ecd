"""Place names for the place checks: which names in a sentence are places, when two names can name one
place, and which place an edited copy changed.

``check_places`` (in ``slots``) compares the places of two aligned sentences; ``check_event_places``
(in ``frames``) those of two clause-level frames. Both ask ``place_agree`` whether two names can be one
place: a place and a place inside it ('Veltmar' / 'the east harbour of Veltmar') can, and so can a
street and a town (different scales). Which town lies in which state or region is learned from the
story's own articles (``containment``): 'Brekkton, Montana' or 'Brekkton in Montana' in any report puts
Brekkton inside Montana, so one report's 'in Brekkton' and another's 'in Montana' are one place.

In an edited copy (one wording with one run of at most three words replaced, ``text.replaced_region``)
the replaced run *is* the change, so ``changed_place`` compares exactly it: 'a Chicago Police
spokeswoman' against 'a Spokane Police spokeswoman' is Chicago against Spokane, even though the NER
tagged Spokane only inside an organisation, and the other places of the sentence play no part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Literal

from babel import Locale  # country names in English, from the CLDR data babel ships
from nameparser.config import CONSTANTS  # name suffixes ('MD', 'PhD'): credentials, not places

from crosswire.check.context import CheckContext
from crosswire.check.entities import ResolvedPerson
from crosswire.check.text import COUNTRIES, fold, name_key, normalise_name, replaced_region, words
from crosswire.model import Mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset(
    {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "NORP", "EVENT", "LAW"}
)
"""Labels that say a replaced run is no place name (a renamed person, a changed weekday or count)."""
FACILITY_PATTERN = re.compile(r"\b(?:Pier|Berth|Dock|Gate|Terminal|Platform|Quay)\s+\d+[A-Z]?\b")
STREET_WORDS = frozenset(
    ["street", "st", "road", "rd", "drive", "dr", "avenue", "ave", "lane", "ln", "boulevard", "blvd"]
    + ["way", "court", "ct", "place", "highway"]
)
_STREET_AFTER = re.compile(r"^\s+(street|st\b\.?|road|rd\b\.?|drive|avenue|ave\b\.?|boulevard|blvd\b\.?|lane)", re.I)
_NAME_TOKEN = re.compile(r"^[A-Z0-9]")


Containment = Mapping[str, frozenset[str]]
"""A place's key (``name_key``) -> the keys of every place the story's articles put it in (``containment``)."""


def place_agree(a: str, b: str, *, scales: bool = True, within: Containment | None = None) -> bool:
    """Whether two place names can name one place: one contains the other ('Veltmar' / 'east harbour
    of Veltmar', or, by ``within``, 'Brekkton' / 'Montana'), they differ only by street words ('Ditchley
    Drive' / 'Ditchley Road'), or, with ``scales``, one is a street and the other is not (a street in a town)."""
    words_a, words_b = set(words(name_key(a))), set(words(name_key(b)))
    if words_a <= words_b or words_b <= words_a or (words_a ^ words_b) <= STREET_WORDS:
        return True
    if within and (name_key(b) in within.get(name_key(a), ()) or name_key(a) in within.get(name_key(b), ())):
        return True  # 'Brekkton' / 'Montana': a town and the state a report puts it in
    if abbreviates(a, b) or abbreviates(b, a):
        return True
    if canonical_place(a) == canonical_place(b):
        return True  # 'Burma' / 'Myanmar': two names of one country
    if _names_in(a) & _names_in(b):
        return True  # 'a Sacramento County house' / 'South Sacramento': one may lie inside the other
    if is_country(a) != is_country(b):
        return True  # 'Canada' / 'Bountiful, B.C.': a country and a place in it
    return scales and bool(words_a & STREET_WORDS) != bool(words_b & STREET_WORDS)


CONTAINMENT_PLACE_LABELS = frozenset({"GPE", "LOC"})
"""Labels of the places that can hold another ('Brekkton, Montana'); a facility holds no town."""
_INSIDE = re.compile(r"^(?:,\s*|\s+in\s+|\s+)$")
"""What is written between a place and the place it lies in: 'Brekkton, Montana', 'Brekkton in Montana',
'Brekkton Montana'."""
_LIST_AFTER = re.compile(r"^(?:\s*,\s*[A-Z]|\s+(?:and|or|&)\s)")
_LIST_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*,|\b(?:and|or|&))\s*$")
"""A list of places ('Billings, Brekkton, Bozeman and the valley') around a pair: no containment read."""


def containment(articles: Iterable[tuple[str, Sequence[Mention]]]) -> dict[str, frozenset[str]]:
    """Which places lie in which, learned from the story's own articles (``(text, mentions)`` each): two
    place entities written 'X, Y', 'X in Y' or 'X Y' put X inside Y, and so does one place entity written
    so ('Brekkton Montana' read as one facility) when the story names both X and Y as places on their own;
    not inside a list of places, nor a country inside a place that is none. Containment is transitive; a
    pair read both ways is dropped (two reports disagree, or the pattern was no containment)."""
    articles = list(articles)
    places = {name_key(m.text) for _, mentions in articles for m in mentions if m.label in CONTAINMENT_PLACE_LABELS}
    inside: dict[str, set[str]] = defaultdict(set)
    for text, mentions in articles:
        pairs = [
            (inner.text, outer.text)
            for inner, outer in _adjacent_places(mentions)
            if _INSIDE.match(text[inner.end : outer.start]) and not _listed(text, inner, outer)
        ]
        pairs += [pair for m in mentions if m.label in PLACE_LABELS for pair in _written_inside(m.text, places)]
        for inner, outer in pairs:
            if not is_country(inner) or is_country(outer):
                inside[name_key(inner)].add(name_key(outer))
    both_ways = {(key, outer) for key, outers in inside.items() for outer in outers if key in inside.get(outer, ())}
    for key, outer in both_ways:
        inside[key].discard(outer)
    return {key: frozenset(_all_outer(key, inside)) for key in inside}


_SPLIT = re.compile(r",\s*|\s+in\s+|\s+")


def _written_inside(name: str, places: set[str]) -> Iterator[tuple[str, str]]:
    """(inner, outer) when one place name is two the story names as places: 'Brekkton Montana'."""
    for match in _SPLIT.finditer(name):
        inner, outer = name[: match.start()], name[match.end() :]
        if name_key(inner) in places and name_key(outer) in places:
            yield inner, outer


def story_containment(context: CheckContext) -> Containment:
    """The story's ``containment``, learned once and shared by the place checks of sentences and frames."""
    return context.memoised(
        "places.containment",
        lambda: containment(
            (context.articles[article_id].text, extraction.mentions)
            for article_id, extraction in context.extractions.items()
            if article_id in context.articles
        ),
    )


def _adjacent_places(mentions: Sequence[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Pairs of place mentions next to each other in one sentence, in text order."""
    places = sorted((m for m in mentions if m.label in CONTAINMENT_PLACE_LABELS and name_key(m.text)), key=_start)
    for first, second in zip(places, places[1:], strict=False):
        if first.sentence == second.sentence and first.end <= second.start:
            yield first, second


def _start(mention: Mention) -> int:
    return mention.start


def _listed(text: str, inner: Mention, outer: Mention) -> bool:
    """Whether two places are items of a list ('Billings, Brekkton, Bozeman'), not a town and its state."""
    before, after = text[max(0, inner.start - 40) : inner.start], text[outer.end : outer.end + 8]
    return bool(_LIST_AFTER.match(after) or _LIST_BEFORE.search(before))


def _all_outer(key: str, inside: Mapping[str, set[str]]) -> set[str]:
    """Every place ``key`` lies in, through any chain ('Brekkton' in 'Montana' in 'United States')."""
    found: set[str] = set()
    todo = list(inside.get(key, ()))
    while todo:
        outer = todo.pop()
        if outer not in found and outer != key:
            found.add(outer)
            todo += inside.get(outer, ())
    return found


GENERIC_PLACE_WORDS = frozenset(
    ["county", "city", "town", "north", "south", "east", "west", "northern", "southern", "eastern", "western"]
    + ["new", "saint", "lake", "river", "park", "mount", "port", "pier", "harbour", "harbor", "bay", "island"]
    + ["beach", "hill", "hills", "valley", "springs", "center", "centre", "district", "state", "upper", "lower"]
    + ["school", "church", "hospital", "station", "airport", "mall", "hotel", "club", "village", "township"]
)
"""Words many place names share: sharing one of these says nothing about two places being one."""


@lru_cache(maxsize=1)
def country_names() -> tuple[str, ...]:
    """CLDR's English country names, as written ('Nepal', 'Myanmar (Burma)')."""
    return tuple(name for code, name in Locale("en").territories.items() if code.isalpha())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    names = {name.lower() for name in country_names()}
    return frozenset(names | {name.lower() for name in COUNTRIES.values()})


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, str]:
    """Other names of a country, from CLDR's English names written 'Myanmar (Burma)': 'burma' -> 'myanmar'."""
    aliases = {}
    for code, name in Locale("en").territories.items():
        found = re.fullmatch(r"(.+?) \((.+)\)", name)
        if code.isalpha() and found and not any(c.isdigit() for c in found.group(2)):
            main, other = found.group(1).lower(), found.group(2).lower()
            aliases[other] = main
            aliases[main] = main
            aliases[name.lower()] = main
    return aliases


def canonical_place(place: str) -> str:
    """One name per place for comparison: 'Burma' and 'Myanmar (Burma)' -> 'myanmar'; others lower-cased."""
    name = normalise_name(place).lower().removeprefix("the ")
    return _country_aliases().get(name, name)


def is_country(place: str) -> bool:
    """Whether a place name names a country ('U.K.', 'Egypt', 'the United States')."""
    return normalise_name(place).lower() in _countries()


def _names_in(place: str) -> set[str]:
    """The distinctive capitalised words of a place name ('Sacramento County house' -> {'sacramento'})."""
    return {
        w.lower()
        for w in re.findall(r"[A-Z][A-Za-z'’-]{3,}", place)
        if w.lower() not in GENERIC_PLACE_WORDS and w.lower() not in STREET_WORDS
    }


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is written as an abbreviation of ``full`` ('Ore.' / 'Oregon', 'Fla.' / 'Florida',
    'N.M.' / 'New Mexico', 'St. Louis' / 'Saint Louis'): it has a period, and its letters, in order
    and from the same first letter, are fewer than and inside the full name's."""
    if "." not in short:
        return False
    letters_short = [c for c in fold(short) if c.isalpha()]
    letters_full = [c for c in fold(full) if c.isalpha()]
    if len(letters_short) < 2 or len(letters_short) >= len(letters_full) or letters_short[0] != letters_full[0]:
        return False
    remaining = iter(letters_full)
    return all(letter in remaining for letter in letters_short)


def person_families(people: Sequence[ResolvedPerson]) -> frozenset[str]:
    """Family names that are people in this story: written with a given name somewhere ('Steve
    Witkoff'), so a lone 'Witkoff' tagged GPE is the person. A lone word the NER once read as a
    person ('ROSWELL, N.M.') and nowhere with a given name stays a place."""
    return frozenset(person.family for person in people if any(ref.person.given for ref in person.refs))


def sentence_places(text: str, mentions: Sequence[Mention], *, families: frozenset[str]) -> list[str]:
    """The place names of one sentence (``text``): place entities that are not people's family names,
    nor the ends of a route ('flew to Pokhara from Kathmandu': where it left from and was bound for are
    not where it happened), and numbered facilities ('Pier 7')."""
    found: dict[str, str] = {}
    for mention in mentions:
        key = name_key(mention.text)
        if mention.label not in PLACE_LABELS or not key or key in families or _adjective(text, mention.text):
            continue
        if _route_end(text, mention.text) or _credential(text, mention.text, families) or _dateline(text, mention.text):
            continue
        found.setdefault(key, mention.text)
    for match in FACILITY_PATTERN.finditer(text):
        found.setdefault(name_key(match.group()), match.group())
    return list(found.values())


_DATELINE = re.compile(r"^\W*(?P<place>[A-Z][\w.'’ -]*?)(?:,\s*[A-Z][\w. ]*)?\s*(?:\([^)]*\)\s*)?[—–-]+\s")


def _dateline(sentence: str, name: str) -> bool:
    """Whether a place is the sentence's dateline ('CHICAGO — A boy was shot ...', 'LOUISVILLE, KY (WAVE) –'):
    where the report was filed, which holds the event's street or neighbourhood, not a place of its own."""
    found = _DATELINE.match(sentence)
    return found is not None and name_key(found.group("place")) == name_key(name)


_AFTER_NAME = re.compile(r"([A-Z][\w'’-]+),\s*$")


def _credential(sentence: str, name: str, families: frozenset[str]) -> bool:
    """Whether a 'place' is a credential after a person's name ('Regina Benjamin, MD'): one of nameparser's
    name-suffix acronyms, right after the family name of a person in the story and a comma."""
    if name.lower().replace(".", "") not in CONSTANTS.suffix_acronyms:
        return False
    at = sentence.find(name)
    before = _AFTER_NAME.search(sentence[:at]) if at > 0 else None
    return before is not None and name_key(before.group(1)) in families


_ROUTE = re.compile(r"\b(?:from|to|for|bound for|en route to|towards|via)\s+(?:the\s+)?$", re.IGNORECASE)


def _route_end(sentence: str, name: str) -> bool:
    """Whether a place is named as where a journey started or was headed ('from Kathmandu', 'for Pokhara')."""
    at = sentence.find(name)
    return at > 0 and bool(_ROUTE.search(sentence[:at]))


_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]*)")
AFTER_A_PLACE = frozenset(
    ["has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "may", "and", "or", "but"]
    + ["on", "in", "at", "to", "for", "of", "with", "by", "after", "before", "when", "where", "which", "who", "that"]
    + ["said", "says", "as", "from", "near", "since", "until", "during", "while", "over", "under", "into", "amid"]
    + ["against", "because", "so", "yesterday", "today", "tonight", "last", "this", "earlier", "later", "early"]
    + ["again", "too", "also", "recently", "now", "then", "alone", "itself"]
)
"""Words that can follow a place named as a place; any other lower-case word makes a country name an
adjective ('the U.K. company', 'the US surgeon general'), not where something happened."""


def _adjective(sentence: str, name: str) -> bool:
    """Whether a country name modifies the noun after it in this sentence."""
    at = sentence.find(name)
    if at < 0 or not is_country(name):
        return False
    following = _NEXT_WORD.match(sentence, at + len(name))
    return following is not None and following.group(1) not in AFTER_A_PLACE


def with_street_word(article_text: str, mention: Mention) -> str:
    """A place mention with the street word written right after it ('West 46th' -> 'West 46th Street')."""
    match = _STREET_AFTER.match(article_text[mention.end : mention.end + 12])
    return mention.text + match.group(0) if match and not set(words(mention.text)) & STREET_WORDS else mention.text


def changed_place(
    article_texts: tuple[str, str],
    spans: tuple[tuple[int, int], tuple[int, int]],
    mentions: tuple[Sequence[Mention], Sequence[Mention]],
    *,
    families: frozenset[str],
    within: Containment | None = None,
) -> tuple[str, str] | None | Literal[False]:
    """The place an edited copy changed, as (name on the left, name on the right).

    Args:
        article_texts: the two articles' texts.
        spans: the two sentences' character spans in their articles.
        mentions: the two sentences' entity mentions.
        families: family names of people in the story (never places).
        within: which places the story's articles put inside which (``containment``).

    Returns:
        The two names; None when the two wordings are an edited copy whose change is no place (then
        no place conflict is read from them); False when they are not one wording with one run replaced.
    """
    texts = tuple(article[start:end] for article, (start, end) in zip(article_texts, spans, strict=True))
    region = replaced_region(texts[0], texts[1])
    if region is None:
        return False
    names: list[str] = []
    placed = False
    for article, (sentence_start, _), found, (start, end) in zip(article_texts, spans, mentions, region, strict=True):
        written = article[sentence_start + start : sentence_start + end]
        if not all(_NAME_TOKEN.match(token) for token in written.split()) or name_key(written) in families:
            return None  # not a proper name ('in the city'), or a person's name
        low, high = sentence_start + start, sentence_start + end
        overlapping = [m for m in found if m.start < high and low < m.end]
        if any(m.label in NOT_PLACE_LABELS and not _just(m, low, high) for m in overlapping):
            return None  # part of a person's name ('Talitha' in 'Talitha Bowman'), a date, a count
        place = next((m for m in overlapping if m.label in PLACE_LABELS), None)
        placed = placed or place is not None or FACILITY_PATTERN.search(written) is not None
        names.append(with_street_word(article, place) if place is not None else written)
    if not placed or place_agree(names[0], names[1], scales=False, within=within):
        return None  # the same slot with another name: a street for a town is a change too
    return names[0], names[1]


def _just(mention: Mention, low: int, high: int) -> bool:
    """Whether a mention is exactly the replaced run and a name: a new place name the NER, out of its
    usual context, read as a person ('an Albuquerque man'); the other side must then be a place."""
    return mention.label == "PERSON" and mention.start == low and mention.end == high
