"""The data that flows through crosswire: plain, frozen, typed dataclasses.

Every span (sentence, mention, figure, date, quote, claim) is a pair of character offsets into
``Article.text``, so evidence can always be quoted and highlighted exactly.

Stages never share mutable state: each takes these objects in and returns new ones.
``to_dict`` / ``from_dict`` turn any of them into JSON-ready dicts and back (the store keeps
stage outputs as JSON).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Article:
    """One stored news report. ``id`` is a hash of the normalised text."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None  # outlet / publisher
    url: str | None = None  # URL, or the file path it came from
    author: str | None = None
    published_at: str | None = None  # ISO 8601
    ingested_at: str | None = None  # ISO 8601, UTC
    language: str | None = None
    external_id: str | None = None  # the record's own id in JSON(L) input
    dup_group: str | None = None  # id of the first article of its syndication group
    dup_kind: Literal["exact", "near"] | None = None  # how it joined that group

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def independent_key(self) -> str:
        """Articles sharing this key are one independent source."""
        return self.dup_group or self.id


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that was not stored, and why. Never silently dropped."""

    input: str  # path, URL or "file.jsonl:line 7"
    stage: Literal["ingest", "normalize", "dedupe", "extract"]
    reason: str


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention: PERSON, ORG, GPE, LOC, NORP, DATE, MONEY, QUANTITY, PERCENT, CARDINAL..."""

    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Person:
    """A mention of a person, with the role/title written next to it when there is one."""

    start: int
    end: int
    text: str  # the name as written
    given: str
    family: str
    sentence: int
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    # the full name ('Steven Witkoff') this mention means in its article: its own for a full name; for
    # 'Witkoff' / "witkoff's" the nearest full name with that family name written before it, else the
    # only one in the article; None when none fits
    refers_to: str | None = None

    @property
    def full_name(self) -> str:
        """The name as written from the given name to the family name, middle names kept ('Min Aung
        Hlaing', 'Tek Bahadur KC', 'Francis Scott Key'), without a title before it or a possessive;
        ``given family`` when the written form does not show them in that order."""
        plain = f"{self.given} {self.family}".strip()
        words = [word.removesuffix("'s").removesuffix("’s") for word in self.text.split()]
        if not self.given or not self.family:
            return plain
        given = self.given.split()[0]
        family = [word.removesuffix("'s").removesuffix("’s") for word in self.family.split()]
        try:
            start = words.index(given)
            end = len(words) - words[::-1].index(family[0]) + len(family) - 1
        except ValueError:
            return plain
        return " ".join(words[start:end]) if end > start else plain


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it counts: '~5,000 lives lost weekly' -> 5000, 'lives', rate 'week'."""

    start: int
    end: int
    text: str  # the phrase it came from
    value: float
    sentence: int
    unit: str | None = None  # what is counted or measured ('lives', 'dock workers', 'litres')
    currency: str | None = None  # ISO 4217 code when money
    rate: str | None = None  # 'hour' | 'day' | 'week' | 'month' | 'year'
    approx: str | None = None  # 'about' | 'over' | 'under' | 'up to' ... (None = exact)
    low: float | None = None  # ranges: '10 to 12'
    high: float | None = None
    ordinal: bool = False  # 'third engagement'


Granularity = Literal["day", "month", "year", "relative", "unknown"]


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date or time expression, resolved against the article's publication date."""

    start: int
    end: int
    text: str
    sentence: int
    value: str | None  # ISO date '2026-03-03', month '2022-02' or year '2014'; None if unresolved
    granularity: Granularity = "unknown"
    certainty: float = 0.0  # 1.0 explicit; lower when resolved from 'Tuesday' or 'this year'
    weekday: str | None = None  # 'Tuesday' when the text names one


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str  # the quoted words, without quote marks
    sentence: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str | None = None  # 'said', 'described as', 'urging' ...
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence judged as checkable claim (or not), with the reasons."""

    sentence: int
    start: int
    end: int
    text: str
    checkable: bool
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Frame:
    """One clause's event: its predicate, the heads of its arguments, and what is attached to it.

    'no evacuation order has been issued for the Lindholt district' -> predicate 'issu' (a stem),
    objects ('order',), context ('evacuat', 'lindholt', 'district'), negated. Stems, not lemmas:
    they only have to match across articles ('issued' / 'issuing' -> 'issu', 'began' -> 'begin').
    """

    start: int  # the predicate verb as written
    end: int
    sentence: int
    predicate: str  # stem of the verb; with an xcomp, of the governing verb ('began leaking' -> 'begin')
    subjects: tuple[str, ...] = ()  # stems of the logical subject (and a relative pronoun's antecedents)
    objects: tuple[str, ...] = ()  # stems of the logical object (dobj, passive subject, xcomp verb and its object)
    context: tuple[str, ...] = ()  # stems of the arguments' modifiers and prepositional objects
    negated: bool = False  # 'not', 'never', 'no <subject/object>'
    modal: bool = False  # future, modal, conditional or question: not a statement of fact
    reporting: bool = False  # 'said', 'told', 'confirmed': the clause reports speech
    main: bool = False  # the sentence's main clause, or what its main verb of speech reports
    present: bool = False  # a present-tense state ('the rules do not require'), not a past or perfect event
    dates: tuple[int, ...] = ()  # start offsets of the DateRefs that date this event ('on Monday')
    places: tuple[str, ...] = ()  # place phrases where it happened ('Pier 7 of the east harbour')
    referents: tuple[str, ...] = ()  # family-name stems of the people a 'he' or 'she' argument stands for (version 13)


StatusState = Literal["in force", "not yet"]


@dataclass(frozen=True, slots=True)
class Status:
    """Whether a sentence takes an agreed measure to be in force: 'violating the ceasefire' -> in force,
    'get moving on a ceasefire' -> not yet. Read from what the sentence presupposes, not asserts."""

    start: int  # the words that decide it ('violating the ceasefire')
    end: int
    sentence: int
    thing: str  # 'ceasefire', 'peace deal', 'curfew', 'fishing ban'
    state: StatusState


CauseState = Literal["stated", "unknown"]


@dataclass(frozen=True, slots=True)
class Cause:
    """Whether a sentence gives its event's cause ('the crash occurred due to a technical glitch' -> stated)
    or says it is not known ('the cause of the crash is currently unknown' -> unknown)."""

    start: int  # the words that decide it ('due to a technical glitch', 'is currently unknown')
    end: int
    sentence: int
    event: str  # 'crash', 'fire', 'collapse'
    state: CauseState


@dataclass(frozen=True, slots=True)
class Measure:
    """What one figure measures, keyed so that independently written reports of one quantity meet:
    'At least 1,644 people were killed in Myanmar' and 'the death toll rose to 1,644' both give key
    'dead', scope ('myanmar',) for the first and () for the second; 'a 6.4-magnitude aftershock' gives
    key 'magnitude:aftershock'; '53 Nepali passengers' gives key 'passengers', scope ('nepali',)."""

    start: int  # the figure, as in Extraction.figures
    end: int
    sentence: int
    key: str  # what is counted or measured: 'dead', 'injured', 'missing', 'acres', 'magnitude:aftershock'
    value: float
    low: float  # the values the wording allows ('more than 3,400' -> 3400 and up; 'nearly 140' -> 126..140)
    high: float | None  # None: no upper bound
    unit: str = ""  # normalised unit or currency: 'people', 'km', 'EUR', 'acres', 'years'
    scope: tuple[str, ...] = ()  # what narrows it: a place ('bangkok'), a nationality ('nepali'), 'more'
    words: str = ""  # the words that say what is measured, as written ('people were killed')
    bound: bool = False  # the wording gives a bound ('at least 150', 'more than 1,000'), not a count
    part: bool = False  # counts part of a group or an addition ('two more', 'the other four')
    change: bool = False  # reported as a change ('rose to', 'climbed to'): a running tally
    shown: float | None = None  # the value as written, before conversion to the key's base unit (826 miles)
    earlier: bool = False  # the report gives it as an earlier value ('up from 1,002', 'announced hours earlier')


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article by one extractor version."""

    article_id: str
    version: str
    language: str | None
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = ()  # 'non-English (de): skipped', 'sentence 12 truncated' ...
    frames: tuple[Frame, ...] = ()  # clause-level events (added in extractor version 2)
    statuses: tuple[Status, ...] = ()  # whether a ceasefire, deal or ban is in force (version 6)
    measures: tuple[Measure, ...] = ()  # what each figure measures, keyed for comparison (version 7)
    causes: tuple[Cause, ...] = ()  # the event's cause given, or said to be unknown (version 13)


# --------------------------------------------------------------------------- check


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: str
    sentence: str
    start: int  # offsets of the sentence in Article.text
    end: int


EntityKind = Literal["person", "org", "place"]


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person/organisation/place resolved across articles."""

    id: str
    kind: EntityKind
    name: str  # canonical form
    article_ids: tuple[str, ...]
    variants: tuple[str, ...] = ()  # every surface form seen
    roles: tuple[str, ...] = ()


FactStatus = Literal["confirmed", "single-source", "disputed"]


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str  # canonical wording: the best-supported claim
    status: FactStatus
    independent_sources: int
    evidence: tuple[Evidence, ...]
    entity_ids: tuple[str, ...] = ()
    salience: float = 0.0


ContradictionKind = Literal["person-name", "role", "number", "date", "place", "negation", "attribution", "other"]


@dataclass(frozen=True, slots=True)
class Side:
    value: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    kind: ContradictionKind
    subject: str
    severity: Literal["high", "low"]
    confidence: float
    explanation: str
    sides: tuple[Side, ...]
    fact_id: str | None = None
    within_article: bool = False
    syndicated: bool = False  # found between copies of one syndication group
    developing: bool = False  # a running count that rose as later reports came in (66, then 68, then 70)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The cross-check of one story."""

    story_id: str
    article_ids: tuple[str, ...]
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    headline: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- (de)serialisation

T = TypeVar("T", bound="DataclassInstance")


def to_dict(obj: Any) -> Any:
    """A dataclass (or tuple/list of them) as JSON-ready dicts and lists."""
    names = _field_names(type(obj))
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    return obj


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other class; worked out once per class (an
    extraction holds thousands of small dataclasses, and ``dataclasses.fields`` is slow per call).
    A dataclass *class* passed as a value has the class ``type``, which is no dataclass: it is kept as is."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = names
        return names


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a dataclass written by ``to_dict``; unknown keys are ignored."""
    return cls(**{name: convert(data[name]) for name, convert in _field_plan(cls) if name in data})


@functools.cache
def _field_plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field's name and converter, worked out once per class (type hints are slow to resolve)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


@functools.cache
def _converter(tp: Any) -> Callable[[Any], Any]:
    """A function turning JSON data into a value of type ``tp`` (None stays None)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is tuple:
        item = _converter(typing.get_args(tp)[0])
        return lambda value: None if value is None else tuple(item(v) for v in value)
    if dataclasses.is_dataclass(tp):
        return lambda value: None if value is None else from_dict(tp, value)  # type: ignore[arg-type]  # is_dataclass also admits an instance; a type hint is a class
    return _same


def _same(value: Any) -> Any:
    return value
