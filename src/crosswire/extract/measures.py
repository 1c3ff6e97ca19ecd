"""Measures: what each figure counts or measures, keyed so that independently written reports meet.

'At least 1,644 people were killed in Myanmar', 'the death toll in Myanmar has risen to 1,644' and
'1,644 deaths' are three wordings of one measure. Sentence embeddings rarely put them together, so the
cross-check compares figures by this key instead (``check/measures.py``). The key is read from the
dependency parse, in this order:

* the word right after the number when it names a harm ('3,400 injured', '68 dead', '139 missing');
* the counted noun when it is one ('1,644 deaths', '10 fatalities'), else its participle or adjective
  ('people killed', 'injured people'), else the verb it is the subject or object of ('68 people were
  killed', 'killing 68 people', '10 lives were lost');
* for 'rose to 1,644' / 'hit 1,644' / 'increased to 3,408', the subject of the verb of change ('the death
  toll', 'the number of injured', 'the missing figure'); such a measure is marked ``change``;
* a unit of measurement gives a dimension and what it measures ('a 6.4-magnitude aftershock' ->
  'magnitude:aftershock', '1,330 km from the epicentre' -> 'distance', scope 'epicentre');
* money gives 'money:', what it pays and which part of it (``money.py``: 'an upfront fee of €103m' ->
  'money:price:EUR', scope 'tier:base');
* people still searched for are the missing ('the search for the remaining four bodies', 'continuing to
  find four others'), and 'two more are still missing' is what is left of them, not an addition;
* any other counted noun is its own key ('53 Nepali passengers' -> 'passengers', scope 'nepali').

Harm words fold into three keys ('dead', 'injured', 'missing'): they are the story's running counts.
The scope holds the places ('in Bangkok'), nationalities ('Nepali') and anchors ('from Kathmandu') that
narrow a measure; two measures are compared only when their scopes agree. A hypothetical figure
('could top 10,000'), an ordinal, a figure that counts part of a group ('two more', 'the other four')
and an implausible value are not measures.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from babel import Locale  # CLDR's country names, shipped with babel
from spacy.tokens import Doc, Span, Token

from crosswire.extract.durations import find_durations
from crosswire.extract.frames import stem
from crosswire.extract.money import money_key
from crosswire.extract.scopes import period_of, person_of
from crosswire.extract.sentences import Sentences
from crosswire.model import Figure, Measure
from crosswire.text import TIME_STAMP_LINE, parse_time
from crosswire.vocabulary import UNITS

# fmt: off
HARM = {
    "dead": frozenset("killed kill kills killing dead die died dies dying death deaths fatalities fatality toll "
                      "perished perish lives".split()),
    "injured": frozenset("injured injure injuring injuries injury wounded wounding hurt".split()),
    "missing": frozenset("missing unaccounted".split()),
    "shot": frozenset({"shot"}),
}
"""Harm words fold into these keys: the running counts of a disaster, a crash or a shooting."""
HARM_WORD = {word: key for key, words in HARM.items() for word in words}
PEOPLE = frozenset("people persons person individuals others victims residents civilians".split())
CHANGE_VERBS = frozenset(
    "rose risen rise rises rising increased increase increases climbed climbs climb jumped jumps reached reaches "
    "hit hits passed passes topped tops stood stands soared surged grew grown crossed".split()
)
MODALS = frozenset("could may might would should will can".split())
SPECULATIVE_MODALS = frozenset("could may might".split())
HYPOTHETICAL = frozenset("estimated estimate estimates predicted predicts feared fears expected projected".split())
PART = frozenset("more other another additional further remaining extra".split())
VERB_SYNONYMS = {"retriev": "recover", "pull": "recover", "found": "recover", "carry": "carr", "board": "carr",
                 "took": "take", "struck": "hit", "strike": "hit", "ram": "hit", "collid": "hit", "plow": "hit"}
SYNONYMS = {"crew members": "crew", "crew member": "crew", "games": "appearances", "matches": "appearances",
            "caps": "appearances", "game": "appearances", "appearance": "appearances",
            "foreigners": "nationals", "citizens": "nationals", "body": "bodies", "goal": "goals",
            "assist": "assists", "passenger": "passengers"}
DISTANCE_WORDS = frozenset("from of away southeast southwest northeast northwest south north east west".split())
NAUTICAL_MILE = 1852.0
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLAUSIBLE_COUNT = 50_000_000
"""A count of harm above this is an absurd value or a misread, never compared."""
TIME_UNITS = frozenset("year years month months week weeks day days hour hours minute minutes second seconds "
                       "decade decades century centuries gmt utc am pm".split())
QUAKES = frozenset("earthquake earthquakes quake tremor aftershock aftershocks temblor".split())
CONTAINERS = frozenset("story storey floor city lane degree degrees member members page pages".split())
SCALED = re.compile(r"\d\s?(?:million|billion|m|bn)\b", re.IGNORECASE)
"""A figure in millions or billions: in an article whose sums are in one currency, 'could rise to
135 million' is a sum in that currency when it pays something ('the transfer fee')."""
# fmt: on


def find_measures(
    doc: Doc, sentences: Sentences, figures: Sequence[Figure], *, published_at: str | None = None
) -> list[Measure]:
    """One Measure for each figure whose key can be read, and one for each clock time of an event."""
    found = []
    context = _Context(parse_time(published_at) if published_at else None, _main_currency(figures))
    for figure in figures:
        measure = measure_of(doc, sentences, figure, context)
        if measure is not None:
            found.append(measure)
    found += [m for m in (clock_time(ent, sentences) for ent in doc.ents if ent.label_ == "TIME") if m is not None]
    found += find_durations(doc, sentences)
    return _totals_named(sorted(found, key=lambda m: m.start))


TOTALS = frozenset("total tally figure count estimate".split())
"""Nouns that name a count by what it adds up to: 'the new total', 'the 1,002 total announced hours
earlier'. Without an 'of' they total what the text just counted."""


def _totals_named(measures: list[Measure]) -> list[Measure]:
    """'The death toll rose to 1,644. The new total is a sharp rise compared to the 1,002 total ...':
    a total keyed by its own noun is the count of harm the sentence before (or the one before that) gave."""
    last: Measure | None = None
    result = []
    for measure in measures:
        if measure.key in TOTALS and last is not None and measure.sentence - last.sentence <= 2:
            measure = replace(measure, key=last.key, unit=last.unit, scope=last.scope)
        elif measure.key in HARM and not measure.part:
            last = measure
        result.append(measure)
    return result


CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
CLOCK_APPROX = {
    "about": (-10, 10),
    "around": (-10, 10),
    "approximately": (-10, 10),
    "roughly": (-10, 10),
    "shortly": (0, 20),
    "just": (-10, 10),
    "nearly": (-10, 0),
    "almost": (-10, 0),
}


def clock_time(ent: Span, sentences: Sentences) -> Measure | None:
    """'took off from Kathmandu at 10:33 am' -> key 'time:take off', 633 minutes after midnight. The
    key is the verb the time is attached to (with its particle): the time of one event, not of a day."""
    found = CLOCK.search(ent.text)
    if found is None or TIME_STAMP_LINE.match(ent.sent.text):
        return None  # not a clock time, or a page's time stamp ('Published: ... @ 4:07 PM')
    hours, minutes = int(found.group(1)), int(found.group(2))
    if not (1 <= hours <= 12 and minutes < 60):
        return None
    value = (hours % 12 + (12 if found.group(3).lower() == "p" else 0)) * 60 + minutes
    verb = ent.root
    for _ in range(3):
        if verb.pos_ == "VERB":
            break
        verb = verb.head
    if verb.pos_ != "VERB" or _hypothetical(verb):
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    doc = ent.doc
    words = {t.lower_ for t in doc[max(ent.start - 2, 0) : ent.end]}
    low, high = -0.5, 0.5
    for word, (before, after) in CLOCK_APPROX.items():
        if word in words:
            low, high = before, after
    key = f"time:{VERB_SYNONYMS.get(stem(verb.text), stem(verb.text))}{' ' + particle if particle else ''}"
    return Measure(
        start=ent.start_char,
        end=ent.end_char,
        sentence=sentences.index(ent.start),
        key=key,
        value=float(value),
        low=value + low,
        high=value + high,
        unit="minutes after midnight",
        words=f"{verb.text} {particle}".strip(),
        part=any(c.lower_ == "also" for c in verb.children) or _aggregate(ent.sent),  # another incident's time
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What every figure of one article is read against."""

    published: datetime | None = None
    currency: str | None = None  # the one currency the article's sums are in, if they are in one


def _main_currency(figures: Sequence[Figure]) -> str | None:
    """The currency of at least two thirds of the article's sums (conversions in brackets are the rest)."""
    counts = Counter(f.currency for f in figures if f.currency)
    if not counts:
        return None
    currency, count = counts.most_common(1)[0]
    return currency if count * 3 >= sum(counts.values()) * 2 else None


def measure_of(doc: Doc, sentences: Sentences, figure: Figure, context: _Context | None = None) -> Measure | None:
    """What ``figure`` measures, or None when it cannot be said (or the figure is no measurement)."""
    context = context or _Context()
    if figure.ordinal or figure.rate or not math.isfinite(figure.value):
        return None
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None:
        return None
    numbers = _first_run([t for t in span if t.like_num])
    if not numbers:
        return None
    number = numbers[-1]
    noun = _counted_noun(number)
    inherited = context.currency if SCALED.search(figure.text) and not figure.unit else None
    currency = figure.currency or inherited
    money = money_key(number, noun, currency, start=span.start, published=context.published) if currency else None
    if money is None and figure.currency:
        return None  # a sum whose payment is not in reach of the parse ('a $2bn bridge')
    if _hypothetical(numbers[-1], modals=_modals_of(money)) or _model_number(numbers[0]):
        return None
    age = _age(number)
    key: str | None
    scope: list[str]
    if money is not None:
        key, scope, said = money
        unit = currency or ""
    elif age is not None:
        key, unit, scope, said = age, "years", [], "years old"
    elif figure.unit and _unit_word(figure.unit) in UNITS:
        key, unit, scope, said = _dimension(number, noun, figure)
    elif _unit_word(figure.unit or "") in TIME_UNITS or (noun is not None and noun.lower_ in TIME_UNITS):
        return None  # durations and clock times: what they time is rarely in reach of the parse
    elif noun is not None and noun.lower_ in QUAKES and _magnitude_before(number):
        key, unit, scope, said = f"magnitude:{_quake(noun.lower_)}", "magnitude", [], "magnitude"
    else:
        key, unit, scope, said = _count(number, noun)
    sought = money is None and age is None and _sought(number, noun)
    if sought:
        key, unit, said = "missing", "people", "sought"  # 'the search for the remaining four bodies'
    if key is None:
        return None
    if money is None and age is None and _plain(key):
        period = period_of(number, context.published)
        scope = [*scope, *([period] if period else []), *person_of(number, noun)]
    elif key.startswith(CHARGE_KEYS):
        scope = [*scope, *_stage(number), *person_of(number, noun)]
    elif money is not None and not key.startswith("money:price:"):
        scope = [*scope, *person_of(number, noun)]  # whose bail or fine; a deal's price is the deal's
    factor = UNITS[_unit_word(figure.unit or "")][1] if _unit_word(figure.unit or "") in UNITS else 1.0
    if "nautical" in figure.text.lower():
        factor = NAUTICAL_MILE
    value = figure.value * (factor if key.split(":")[0] in _DIMENSIONS else 1.0)
    if key in HARM:
        scope = [*scope, *_sites(number, noun)]
    if key in HARM and (value > PLAUSIBLE_COUNT or value == 1):
        return None  # an absurd count; or one person, most often one of a list ('One man, 18, was wounded ...')
    earlier = _earlier(number, noun)
    step = _half_step(numbers[0].text, figure.low if figure.low is not None else figure.value)
    low, high, bound = _interval(figure, value / figure.value if figure.value else 1.0, step=step, count=key in HARM)
    if _passed(number, noun) and not bound:
        low, high, bound = low, None, True  # 'the toll passed 1,600', 'climbed above 1,000': a bound
    if "tier:max" in scope and figure.approx == "up to":
        low, high, bound = value - step, value + step, False  # 'could rise to up to 135 million': the most
    return Measure(
        start=figure.start,
        end=figure.end,
        sentence=figure.sentence,
        key=key,
        value=value,
        shown=figure.value,
        low=low,
        high=high,
        unit=unit,
        scope=tuple(sorted(set(scope) | _places(number, noun))),
        words=said,
        bound=bound,
        part=(_part(doc, span, number, noun) and not sought and not _remainder(number, noun, key))
        or (_aggregate(number.sent) and not key.startswith(CHARGE_KEYS))  # a defendant's counts add up nothing
        or _also(number, noun),
        change=_change_verb(noun or number) is not None and not earlier,
        earlier=earlier,
    )


def _first_run(numbers: list[Token]) -> list[Token]:
    """The number tokens of a figure's own number ('1.2 million', 'twenty - five'), not those of a count
    listed with it ('12 Somali and 11 Yemeni pirates': the figure 12 runs to its unit)."""
    run = numbers[:1]
    for token in numbers[1:]:
        between = token.doc[run[-1].i + 1 : token.i]
        if any(t.text not in {"-", "–"} for t in between):
            break
        run.append(token)
    return run


_DIMENSIONS = frozenset(dimension for dimension, _ in UNITS.values()) | {"distance"}


def _modals_of(money: tuple[str, list[str], str] | None) -> frozenset[str]:
    """The modals that make a figure a projection. A sum's 'will pay' and 'would include' are the terms
    of its deal, and 'could reach' is its tier (money.py); 'the city could pay $5m' is still a guess."""
    if money is None:
        return MODALS
    return frozenset() if "tier:max" in money[1] else SPECULATIVE_MODALS


def _plain(key: str) -> bool:
    """A key that is a plain counted noun ('goals', 'appearances'), not a harm, dimension or time."""
    return ":" not in key and key not in HARM and key not in _DIMENSIONS and " of " not in key


def _model_number(first: Token) -> bool:
    """'ATR 72', 'Flight 691', 'Boeing 737': a number that names a model or route, not a count."""
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    return before.pos_ == "PROPN" and before.text[:1].isupper() and first.text[:1].isdigit()


def _age(number: Token) -> str | None:
    """'an 11-year-old boy' -> 'age:boy'; 'Jane Doe, 34,' -> 'age:doe'."""
    doc = number.doc
    following = [t.lower_ for t in doc[number.i + 1 : number.i + 5]]
    unhyphened = following[:3] in (["year", "-", "old"], ["years", "-", "old"])  # 'a 20 year-old boy'
    if following[:4] == ["-", "year", "-", "old"] or following[:2] in (["year", "old"], ["years", "old"]) or unhyphened:
        end = number.i + (5 if following[:1] == ["-"] else 4 if unhyphened else 3)
        owner = doc[end] if end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"} else None
        if owner is None:
            old = next((t for t in doc[number.i : end] if t.lower_ == "old"), None)
            owner = old.head if old is not None and old.head.pos_ in {"NOUN", "PROPN"} else None
        return f"age:{owner.lower_}" if owner is not None else None
    head = number.head
    appositive = number.dep_ in {"appos", "amod", "npadvmod"} and head.ent_type_ == "PERSON"
    if appositive and number.text.isdigit() and 0 < int(number.text) < 120 and doc[number.i - 1].text == ",":
        return f"age:{head.lower_}"
    return None


def _magnitude_before(number: Token) -> bool:
    return any(t.lower_.startswith("magnitude") for t in number.doc[max(number.i - 3, 0) : number.i + 2])


def _quake(word: str) -> str:
    return "aftershock" if word.startswith("aftershock") else "quake"


def _unit_word(unit: str) -> str:
    return unit.lower().split()[-1] if unit else ""


def _hypothetical(token: Token, *, modals: frozenset[str] = MODALS) -> bool:
    """'could top 10,000', 'estimated that the toll could exceed 10,000': a projection, not a count."""
    for ancestor in [token, *list(token.ancestors)[:4]]:
        if any(child.tag_ == "MD" and child.lower_ in modals for child in ancestor.children):
            return True
        if ancestor.lower_ in HYPOTHETICAL:
            return True
    return False


def _counted_noun(number: Token) -> Token | None:
    """The noun a number counts: '1,644 people' -> people, '7.7-magnitude earthquake' -> magnitude."""
    head = number.head
    modifies = number.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod"} and head.i > number.i
    if modifies and head.tag_.startswith("NN") and head.i - number.i <= 4:
        return head
    listed = number.doc[number.i + 1 : head.i]  # '12 Somali and 11 Yemeni pirates': all modify the noun
    if modifies and head.tag_.startswith("NN") and head.i - number.i <= 8 and all(head in t.ancestors for t in listed):
        return head
    return None


def _next_word(number: Token) -> Token | None:
    doc = number.doc
    following = number.i + 1
    while following < len(doc) and doc[following].lower_ in {"more", "others", "other"}:
        following += 1
    return doc[following] if following < len(doc) else None


def _count(number: Token, noun: Token | None) -> tuple[str | None, str, list[str], str]:
    nxt = _next_word(number)
    if nxt is not None and nxt.lower_ in HARM_WORD and nxt.lower_ != "lives":
        return HARM_WORD[nxt.lower_], "people", [], nxt.text
    if noun is not None and noun.lower_ in HARM_WORD and noun.lower_ not in {"lives", "toll"}:
        return HARM_WORD[noun.lower_], "people", _qualifiers(noun), noun.text
    if noun is not None and _demonym(noun):
        return _nationals(noun, number)
    argument = noun or number
    for child in noun.children if noun is not None else ():
        if noun is not None and child.dep_ in {"acl", "amod", "relcl"} and child.lower_ in HARM_WORD:
            return HARM_WORD[child.lower_], "people", _qualifiers(noun) + _group(noun), f"{noun.text} {child.text}"
    head = argument.head
    stated = _stated_harm(argument)
    if stated is not None:  # '6 teens are dead', 'left three people dead'
        return HARM_WORD[stated.lower_], "people", _qualifiers(noun) + _group(noun), f"{argument.text} {stated.text}"
    argued = argument.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "npadvmod"} and head.lower_ in HARM_WORD
    if argued and head.lower_ != "lives" and (argument.lower_ != "lives" or head.lower_ in {"lost"} | HARM["dead"]):
        key = "dead" if any(c.lower_ in {"fatally", "mortally"} for c in head.children) else HARM_WORD[head.lower_]
        return key, "people", _qualifiers(noun) + _group(noun), f"{argument.text} {head.text}"
    if noun is not None and noun.lower_ == "lives" and head.lower_ in {"lost", "claimed", "killed"}:
        return "dead", "people", [], f"lives {head.text}"
    if (
        argument.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lower_ in HARM_WORD
        and head.head.lower_ != "lives"
    ):
        return HARM_WORD[head.head.lower_], "people", [], f"{head.head.text} of"  # 'a death toll of 1,644'
    if noun is not None and _with_gunshot_wounds(noun):  # 'police found two men with gunshot wounds'
        return "shot", "people", _qualifiers(noun) + _group(noun), f"{noun.text} with gunshot wounds"
    if _hit_by_gunfire(argument):  # 'four people were hit when gunfire was exchanged'
        return "shot", "people", _qualifiers(noun) + _group(noun), f"{argument.text} {head.text}"
    changed = _change_subject(argument)
    if changed is not None:
        return changed
    if noun is None or not noun.is_alpha or noun.lower_ in CONTAINERS:
        return None, "", [], ""
    if number.i + 1 < len(number.doc) and number.doc[number.i + 1].text == "-":
        return None, "", [], ""  # 'a five-member team', 'a 12-storey building': describes, does not count
    if _qualifiers(noun) or _demonym(noun) or noun.lower_ == "foreigners":
        return _nationals(noun, number)
    if noun.lower_ in PEOPLE:
        return None, "", [], ""
    street = _street_of_block(noun)
    if street is not None:
        return f"address:{street}", "block", [], noun.text
    compounds = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.is_alpha]
    word = " ".join([*compounds[-1:], noun.lower_])
    word = SYNONYMS.get(word, SYNONYMS.get(noun.lower_, noun.lower_) if not compounds else word)
    verb = noun.head if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ == "VERB" else None
    if word == "bodies" and verb is not None:  # bodies recovered, identified, taken to hospital: three counts
        return f"bodies:{VERB_SYNONYMS.get(stem(verb.text), stem(verb.text))}", word, [], noun.text
    of = _of_what(noun)
    if of:  # 'one count of robbery' and 'two counts of robbery': one measure
        single = IRREGULAR_PLURALS.get(
            noun.lower_, noun.lower_.removesuffix("s") if len(noun.text) > 3 else noun.lower_
        )
        return f"{single} of {of}", word, [], noun.text
    return word, word, [], noun.text


CHARGE_KEYS = ("count of ", "counts of ", "charge of ", "charges of ")
ACCUSED = frozenset(
    "charged charge charges charging faces face facing faced indicted indict accused arrested booked "
    "held jailed".split()
)
CONVICTED = frozenset("pleaded pled pleads plead convicted guilty found sentenced acquitted".split())


def _stage(number: Token) -> list[str]:
    """Whether counts of a charge are what a defendant faces or what he was convicted of: 'charged with
    four counts of murder' and 'pleaded guilty to two counts of murder' are two measures."""
    for ancestor in list(number.ancestors)[:6]:
        if ancestor.lower_ in CONVICTED:
            return ["stage:convicted"]
        if ancestor.lower_ in ACCUSED:
            return ["stage:charged"]
    return []


LEAVE = frozenset("left leave leaves leaving".split())
COPULAS = frozenset("is are was were remain remains remained be been".split())
RECOVERING = frozenset("recovering recover recovered hospitalized hospitalised treated".split())


def _stated_harm(argument: Token) -> Token | None:
    """The harm word a count is the subject of a copula with ('6 teens are dead', 'two remain missing') or
    the object of 'left' with ('a shooting that left three people dead')."""
    head = argument.head
    if argument.dep_ == "nsubj" and head.lower_ in RECOVERING:  # 'four people are recovering after being shot'
        complements = [
            grand
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "after"
            for grand in c.children
            if grand.dep_ == "pcomp"
        ]
    elif argument.dep_ == "nsubj" and head.lower_ in COPULAS:
        complements = [c for c in head.children if c.dep_ in {"acomp", "attr"} and c.i > argument.i]
    elif argument.dep_ == "dobj" and head.lower_ in LEAVE:
        complements = [c for c in head.children if c.dep_ in {"oprd", "acomp", "ccomp", "xcomp", "amod"}]
        complements += [c for c in argument.children if c.dep_ == "amod" and c.i > argument.i]
    else:
        return None
    return next((c for c in complements if c.lower_ in HARM_WORD and c.lower_ not in {"lives", "toll"}), None)


def _of_what(noun: Token) -> str | None:
    """What a counted noun is of: 'two counts of first-degree murder' -> 'first-degree murder', so that
    counts of murder and counts of attempted murder are two measures."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.like_num or obj.pos_ == "PRON":
        return None
    tokens = list(obj.doc[obj.left_edge.i : obj.i + 1])
    if obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].lower_ == "with":  # 'assault with intent to commit murder'
        for token in obj.doc[obj.i + 1 : min(obj.sent.end, obj.i + 12)]:
            if token.is_punct or token.dep_ == "cc" or token.like_num or token.pos_ == "ADP" and token.lower_ != "with":
                break
            tokens.append(token)
    words = [t.lower_ for t in tokens if t.is_alpha or t.text == "-"]
    words = [w for w in words if w not in {"the", "a", "an", "his", "her", "their", "its"}]
    return " ".join(words).replace(" - ", "-") or None


def _street_of_block(noun: Token) -> str | None:
    """'the 4800 block of West Ferdinand Street' -> 'west ferdinand street': an address, not a count."""
    if noun.lower_ != "block":
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    street = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if street is None or not street.text[:1].isupper():
        return None
    words = [t.lower_.rstrip(".") for t in street.subtree if t.i <= street.i and (t.is_alpha or t.text.endswith("."))]
    words = [STREET_ABBREVIATIONS.get(w, w) for w in words if w]
    while len(words) > 1 and words[-1] in STREET_TYPES:
        words.pop()  # 'West Ferdinand Street' / 'W. Ferdinand': one street
    return " ".join(words) or None


STREET_ABBREVIATIONS = {
    "w": "west",
    "e": "east",
    "n": "north",
    "s": "south",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "rd": "road",
    "blvd": "boulevard",
    "dr": "drive",
    "ln": "lane",
    "ct": "court",
    "pl": "place",
    "pkwy": "parkway",
    "hwy": "highway",
    "ter": "terrace",
}
STREET_TYPES = frozenset(
    "street avenue road boulevard drive lane court place parkway highway terrace way circle trail".split()
)


LIGHT_VERBS = frozenset({"be", "have", "do", "include", "involve"})
SITES = frozenset(
    "home house apartment residence scene school hospital church mosque temple site building tower "
    "bar club restaurant party store shop mall hotel station market office factory".split()
)
"""Sites a count can be given for: 'two people dead at a south side home' counts that site, not the story."""
IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person"}


def _with_gunshot_wounds(noun: Token) -> bool:
    """'two males with gunshot wounds', 'three people suffering (from) gunshot wounds': people who were shot."""
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.lower_ == "suffering")]
    if noun.dep_ == "nsubj" and noun.head.lower_ == "suffering":
        holders.append(noun.head)  # 'found two men suffering from gunshot wounds': parsed as its subject
    wounds = [
        w
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in {"with", "from"}
        for w in prep.children
        if w.dep_ == "pobj"
    ] + [c for h in holders[1:] for c in h.children if c.dep_ == "dobj"]
    return any(
        w.lower_ in {"wound", "wounds"} and any(c.lower_ in {"gunshot", "bullet"} for c in w.children) for w in wounds
    )


HIT = frozenset("hit struck".split())
GUNFIRE = re.compile(r"\b(?:gunfire|gunshots?|bullets?|shots|gunman|gunmen|opened fire|shooting|shooter)\b", re.I)
"""Words that say what hit a count of people was gunfire (in the count's own sentence)."""


def _hit_by_gunfire(argument: Token) -> bool:
    """'four people were hit when gunfire was exchanged', 'two were struck by bullets': people who were
    shot. Without a word of gunfire in the sentence, 'hit' or 'struck' may be by a car or by debris."""
    head = argument.head
    if argument.dep_ != "nsubjpass" or head.lower_ not in HIT:
        return False
    return bool(GUNFIRE.search(argument.sent.text))


def _group(noun: Token | None) -> list[str]:
    """A count of a named group ('four teens were wounded', 'two customers killed') is that group's,
    not the story's total: 'of:teen'. People in general ('people', 'others', 'victims') narrow nothing,
    unless a clause narrows them ('six people caught in the crossfire': 'which:caught')."""
    if noun is None or not noun.is_alpha:
        return []
    narrowing = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.lower_ not in HARM_WORD]
    narrowing = [
        c for c in narrowing if c.lemma_ not in LIGHT_VERBS and not any(t.lower_ in HARM_WORD for t in c.subtree)
    ]
    if narrowing:
        return [f"which:{stem(narrowing[0].text)}"]
    if noun.lower_ in PEOPLE or noun.lower_ in HARM_WORD:
        return []
    word = noun.lower_
    word = IRREGULAR_PLURALS.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return [f"of:{word}"]


def _demonym(token: Token) -> bool:
    """'Nepalese', 'Nepalis', 'Indians': a people named after a country (CLDR's English country names)."""
    if token.ent_type_ == "NORP":
        return True
    if not token.text[:1].isupper() or not token.is_alpha:
        return False
    nation = _nation(token.lower_)
    return len(nation) >= 4 and any(name.startswith(nation) for name in _country_names())


@lru_cache(maxsize=1)
def _country_names() -> tuple[str, ...]:
    return tuple(name.lower() for code, name in Locale("en").territories.items() if code.isalpha())


def _nationals(noun: Token, number: Token | None = None) -> tuple[str | None, str, list[str], str]:
    """'53 Nepali passengers', '15 foreign nationals', 'five Indians (were killed)': people of a nation,
    whatever else is said of them; killed or not, they are counted apart from the story's totals. Of
    several nations ('12 Somali and 11 Yemeni pirates') a number counts the one written next to it."""
    qualifiers = _qualifiers(noun)
    if number is not None:
        words = number.doc[number.i + 1 : noun.i]
        own = [t.lower_ for t in words if t.lower_ in qualifiers and not any(w.like_num for w in words if w.i < t.i)]
        qualifiers = own or qualifiers[:1]  # '23 Somali and Yemeni pirates': both
    else:
        qualifiers = qualifiers[:1]
    if qualifiers:
        return "people", "people", sorted({f"of:{_nation(word)}" for word in qualifiers}), noun.text
    nation = "foreign" if noun.lower_ == "foreigners" else _nation(noun.lower_)
    return "people", "people", [f"of:{nation}"], noun.text


def _nation(word: str) -> str:
    """One form for a nationality: 'Nepali' / 'Nepalese' / 'Nepalis' -> 'nepal'; 'foreigners' -> 'foreign'."""
    word = word.lower().removesuffix("s")
    for suffix in ("ese", "ian", "an", "i", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _change_verb(argument: Token) -> Token | None:
    """The verb of change a figure is the value of: 'hit 1,644', 'rose to 1,644', 'rose from 1,002 to
    1,644' (where 'to' hangs on 'from'), 'stood at 1,644, up from 1,002'."""
    if argument.dep_ == "dobj":
        verb = argument.head
    elif argument.dep_ == "pobj" and argument.head.lower_ in {"to", "above", "over", "past", "at", "from"}:
        verb = argument.head.head
        if verb.dep_ == "prep" and verb.lower_ == "from":
            verb = verb.head
        if verb.lower_ in {"up", "down"}:
            verb = verb.head
    else:
        return None
    return verb if verb.lower_ in CHANGE_VERBS else None


def _change_subject(argument: Token) -> tuple[str, str, list[str], str] | None:
    """'the death toll rose to 1,644', 'the number of injured increased to 3,408', 'the toll hit 1,644'."""
    verb = _change_verb(argument)
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return None
    phrase = [t for t in subjects[0].subtree if t.i < verb.i]
    for token in phrase:
        if token.lower_ in HARM_WORD and token.lower_ != "lives":
            return HARM_WORD[token.lower_], "people", [], " ".join(t.text for t in phrase)
    return None


def _qualifiers(noun: Token | None) -> list[str]:
    """Words that narrow what is counted: a nationality ('Nepali passengers'), 'foreign'."""
    if noun is None:
        return []
    found = []
    for child in noun.children:
        before = child.dep_ in {"amod", "compound", "nmod"} and child.i < noun.i
        if before and (_demonym(child) or child.lower_ in {"foreign", "local", "international", "domestic"}):
            found.append(child.lower_)
            found += [c.lower_ for c in child.children if c.dep_ == "conj" and _demonym(c)]  # 'and Yemeni'
    return found


def _places(number: Token, noun: Token | None) -> set[str]:
    """Places the count is given for: 'killed in Myanmar', 'deaths in Bangkok', 'In Thailand, nine ...'."""
    places: set[str] = set()
    heads = [t for t in (noun, number) if t is not None]
    heads += [number.head, number.head.head] if number.head.i != number.i else []
    root = number.sent.root
    for token in [*heads, root]:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                        places.add(obj.lower_)
    return places


def _sites(number: Token, noun: Token | None) -> list[str]:
    """The site a count of harm is given for ('dead at a south side home', 'killed at the mosque'):
    'at:home'. Named places are scope already (``_places``)."""
    heads = [noun or number]
    while len(heads) < 4 and heads[-1].head.i != heads[-1].i:
        heads.append(heads[-1].head)  # 'found two people dead at a home': 'at' hangs on 'found'
    for token in heads:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"at", "inside"}:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and not obj.ent_type_ and obj.lower_ in SITES:
                    return [f"at:{obj.lower_}"]
    return []


def _part(doc: Doc, span: Span, number: Token, noun: Token | None) -> bool:
    """'two more victims', 'the other four', 'another 30': part of a group, or an addition."""
    before = doc[max(span.start - 2, 0) : span.start]
    after = doc[number.i + 1 : number.i + 3]
    if any(t.lower_ in PART - {"more"} for t in before):
        return True
    return any(t.lower_ in PART for t in after) and not any(t.lower_ == "than" for t in after)


SEARCHES = frozenset("search searches searching searched hunt look looking".split())
SOUGHT = frozenset(
    "others people persons individuals bodies passengers crew victims survivors workers miners "
    "climbers hikers residents fishermen sailors".split()
)
RESCUE_WORDS = frozenset(
    "rescue rescuers recovery missing trapped rubble debris wreckage bodies body survivors".split()
)


def _sought(number: Token, noun: Token | None) -> bool:
    """Whether a count is of people still searched for, which is the count of the missing: 'the search for
    the remaining four bodies', 'searching for the bodies of four others', 'continuing to find four others'.
    Only people or bodies, and only in a sentence about a rescue or recovery: 'police are looking for two
    people' seeks suspects."""
    if noun is None or noun.lower_ not in SOUGHT:
        return False
    if not any(t.lower_ in RESCUE_WORDS for t in number.sent):
        return False
    argument = noun
    of = argument.head
    if argument.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in {"bodies", "remains"}:
        argument = of.head  # 'the bodies of four others'
    head = argument.head
    if argument.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ in SEARCHES:
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    return argument.dep_ == "dobj" and head.lower_ in {"find", "locate"} and infinitive


def _remainder(number: Token, noun: Token | None, key: str | None) -> bool:
    """'Two more persons are still missing', 'four others remain missing': what is left of the missing,
    their whole count, not an addition to it."""
    if key != "missing":
        return False
    head = (noun or number).head
    return head.lower_ in {"remain", "remains", "remained"} or any(c.lower_ == "still" for c in head.children)


def _passed(number: Token, noun: Token | None) -> bool:
    argument = noun or number
    head = argument.head
    return head.lower_ in {"passed", "passes", "topped", "tops", "exceeded", "exceeds", "crossed", "surpassed"} or (
        argument.dep_ == "pobj" and head.lower_ in {"above", "over", "past"}
    )


AGGREGATE = re.compile(
    r"\b(?:shootings|attacks|incidents|crashes|accidents|separate|citywide|across the city|"
    r"from \w+day (?:through|to) \w+day|"
    r"throughout the (?:city|day|night|weekend)|over the weekend|so far this (?:year|month)|this year|"
    r"in (?:that|another|an unrelated|a different) (?:case|incident|shooting|attack)|"
    r"^\W*earlier (?:on )?(?:\w+day|today|this week)\b)",
    re.IGNORECASE,
)
"""A roundup of several events ('at least 10 wounded in Chicago shootings since Sunday', 'In that case,
officers responded ...', 'Earlier Monday, eight people were shot at a parade'): its counts and times add
up or tell several stories and are compared with none of them."""


def _also(number: Token, noun: Token | None) -> bool:
    """'Two El Centro officers also wounded': others, besides the count the story is about."""
    head = (noun or number).head
    return any(child.lower_ == "also" for child in head.children)


def _aggregate(sentence: Span) -> bool:
    return bool(AGGREGATE.search(sentence.text))


EARLIER_ADVERBS = frozenset("earlier previously initially originally".split())
EARLIER_ADJECTIVES = frozenset("previous earlier initial original preliminary prior".split())
COUNT_REPORTING_VERBS = frozenset("reported announced given put said released confirmed stated published".split())
"""Verbs a count is given with ('the toll announced hours earlier'); not ``quotes.REPORTING_VERBS``, verbs of speech."""


def _earlier(number: Token, noun: Token | None) -> bool:
    """Whether the report gives the figure as an earlier value of its count: 'rose from 1,002 to 1,644',
    'up from 1,002', 'the previous toll of 1,002', 'the 1,002 total announced just hours earlier',
    'had initially reported 1,002 deaths'. An earlier event ('had previously killed two') is not one:
    only a count's own nouns and reporting verbs say that the count was revised."""
    argument = noun or number
    if argument.dep_ == "pobj" and argument.head.lower_ == "from":
        above = argument.head.head
        return above.lower_ in CHANGE_VERBS | {"up", "down"}
    holders = [argument]
    if argument.dep_ == "pobj" and argument.head.lower_ == "of":
        holders.append(argument.head.head)  # 'the previous toll of 1,002'
    for holder in holders:
        tally = holder.lower_ in TOTALS or holder.lower_ in HARM_WORD
        if tally and any(c.dep_ == "amod" and c.lower_ in EARLIER_ADJECTIVES for c in holder.children):
            return True
        verbs = [c for c in holder.children if c.dep_ in {"acl", "relcl"}]
        verbs += [holder.head] if holder.dep_ in {"nsubj", "nsubjpass", "dobj"} else []
        for verb in verbs:
            if verb.lower_ in COUNT_REPORTING_VERBS and any(
                c.dep_ == "advmod" and c.lower_ in EARLIER_ADVERBS for c in verb.children
            ):
                return True
    return False


def _dimension(number: Token, noun: Token | None, figure: Figure) -> tuple[str | None, str, list[str], str]:
    """'a 6.4-magnitude aftershock' -> magnitude:aftershock; '1,330 km from the epicentre' -> distance."""
    word = _unit_word(figure.unit or "")
    dimension = UNITS[word][0]
    unit_token = noun if noun is not None and noun.lower_.startswith(word[:3]) else None
    if dimension == "magnitude":
        owner = _nearest(number, set(QUAKES))
        if owner is None:
            return None, "", [], ""
        return f"magnitude:{_quake(owner)}", "magnitude", [], f"magnitude {_quake(owner)}"
    if dimension == "area" or dimension == "percent":
        return (dimension if dimension == "area" else None), word, [], figure.unit or ""
    carrier = unit_token or number
    after = [t for t in carrier.doc[carrier.i + 1 : carrier.i + 4]]
    if any(t.lower_ in DISTANCE_WORDS for t in after):
        anchor = next((t for t in carrier.doc[carrier.i + 1 : carrier.i + 6] if t.dep_ == "pobj"), None)
        if anchor is None:
            return None, "", [], ""  # 'some 13 miles away': from where is not said
        return "distance", "m", [f"from:{anchor.lower_}"], carrier.doc[carrier.i : carrier.i + 4].text
    adjective = next((t for t in after[:3] if t.lower_ in {"deep", "high", "long", "tall", "wide"}), None)
    owner = _owner(adjective) if adjective is not None else None
    if adjective is not None and owner is not None:
        return f"length:{adjective.lower_}:{owner}", "m", [], f"{word} {adjective.text} {owner}"
    return None, "", [], ""


def _owner(adjective: Token) -> str | None:
    """What a '300-metre-deep' or 'nearly 1,000 feet long' describes: the noun it modifies or stands by."""
    doc = adjective.doc
    for token in doc[adjective.i + 1 : adjective.i + 3]:
        if token.pos_ == "NOUN":
            return token.lower_
    head = adjective.head
    for _ in range(3):
        if head.pos_ == "NOUN":
            return head.lower_
        if head.head is head:
            break
        head = head.head
    return None


def _nearest(number: Token, words: set[str]) -> str | None:
    sentence = number.sent
    best = None
    for token in sentence:
        if token.lower_ in words and (best is None or abs(token.i - number.i) < abs(best.i - number.i)):
            best = token
    return best.lower_ if best is not None else None


def _half_step(written: str, value: float) -> float:
    """Half the place of the last written digit, in the figure's own scale: '1,644' -> 0.5,
    '6.4' -> 0.05, '133.9' (million) -> 50,000; a number word -> 0.5."""
    digits = written.replace(",", "")
    try:
        number = float(digits)
    except ValueError:
        return 0.5
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = value / number if number else 1.0
    return 0.5 * 10.0**-decimals * scale


def _interval(figure: Figure, factor: float, *, step: float, count: bool) -> tuple[float, float | None, bool]:
    """The values a figure's wording allows, in the measure's base unit.

    A bare number allows itself, give or take half its last written digit; 'about' allows a tenth
    either way; 'nearly' a tenth below. 'At least' / 'more than' give a bound, except for a count of
    harm whose number is not round: 'at least 68 killed' reports 68, as a later 'at least 69' shows.
    """
    value = figure.value
    low = figure.low if figure.low is not None else value
    high = figure.high if figure.high is not None else value
    approx = (figure.approx or "").lower()
    bound = False
    if approx == "about":
        low, high = low * 0.9, high * 1.1
    elif approx == "nearly":
        low, high = low * 0.9, high
    elif approx in {"over", "at least"}:
        round_number = value >= 10 and value % 10 == 0
        bound = True
        if not count or round_number:
            return low * factor, None, bound
        low, high = low - step, high + step
    elif approx in {"under", "up to"}:
        return 0.0, high * factor, True
    else:
        low, high = low - step, high + step
    return low * factor, high * factor, bound
