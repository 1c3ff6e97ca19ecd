"""Resolve people, organisations and places across (and within) the articles of one story.

People are grouped by family name. Inside a family, mentions whose given names are compatible
(equal, a nickname or short form via the ``nicknames`` data, an initial, or absent) form a *name
group*. Name groups of one family are then joined into one person only when their roles share a
specific word ("US envoy" and "US Special Envoy" share "envoy"): the envoy called Steven in one
article and David in another is one person with a conflicting given name, while a "defence minister"
and a "singer" who share a surname stay two people. Two name groups are also one person when reports that
never name both give each one and the same age next to the name ("Blake Hammond, 17" and "17-year-old
Marcus Hammond"); an article that names both names two people.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

from nicknames import NickNamer

from crosswire.check.text import content_words, family_key, fold, name_key, normalise_name, words
from crosswire.model import Entity, Extraction, Person
from crosswire.roles import head_title

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ORG_LABELS = frozenset({"ORG"})
GENERIC_ROLE_WORDS = frozenset(
    [
        "us",
        "u",
        "s",
        "united",
        "states",
        "america",
        "american",
        "russian",
        "ukrainian",
        "british",
        "uk",
        "former",
        "then",
        "current",
        "acting",
        "senior",
        "top",
        "new",
        "chief",
        "deputy",
        "assistant",
        "mr",
        "mrs",
        "ms",
        "dr",
        "the",
        "of",
        "for",
        "to",
        "and",
    ]
)


RELATIONS = frozenset(
    ["mother", "father", "sister", "brother", "son", "daughter", "wife", "husband", "uncle", "aunt", "cousin"]
    + ["grandmother", "grandfather", "grandson", "granddaughter", "nephew", "niece", "boyfriend", "girlfriend"]
    + ["fiance", "fiancee", "stepfather", "stepmother", "stepson", "stepdaughter", "parent", "parents", "child"]
    + ["relative", "friend", "neighbor", "neighbour", "victim", "suspect", "sibling", "grandparent", "mom", "dad"]
)
"""Words of a role that relate a person to someone else, or to the event: they do not tell one person
from another of the same family."""


@dataclass(frozen=True, slots=True)
class PersonRef:
    """One person mention, placed in its article."""

    article_id: str
    person: Person


@dataclass
class NameGroup:
    """Mentions of one family name whose given names are compatible."""

    given: str  # the preferred given name as written ("Steven")
    refs: list[PersonRef] = field(default_factory=list)
    ages: set[float] = field(default_factory=set)  # ages written next to its mentions ('Blake Hammond, 17')

    @property
    def givens(self) -> Counter[str]:
        return Counter(ref.person.given for ref in self.refs if ref.person.given)

    @property
    def roles(self) -> list[str]:
        return [ref.person.role for ref in self.refs if ref.person.role]


@dataclass
class ResolvedPerson:
    """One real-world person: one or more name groups (more than one = a given-name conflict)."""

    id: str
    family: str
    groups: list[NameGroup]
    surname_refs: list[PersonRef] = field(default_factory=list)

    @property
    def refs(self) -> list[PersonRef]:
        return [ref for group in self.groups for ref in group.refs] + self.surname_refs

    @property
    def name(self) -> str:
        if not self.groups:
            return self.family_text
        best = max(self.groups, key=lambda group: len(group.refs))
        written = Counter(ref.person.full_name for ref in best.refs if ref.person.given)  # middle names kept
        return written.most_common(1)[0][0] if written else f"{best.given} {self.family_text}".strip()

    @property
    def family_text(self) -> str:
        counts = Counter(ref.person.family for ref in self.refs if ref.person.family)
        return counts.most_common(1)[0][0] if counts else self.family


@dataclass
class EntityIndex:
    """Resolved entities of a story and where they occur."""

    people: list[ResolvedPerson]
    entities: list[Entity]
    by_sentence: dict[tuple[str, int], set[str]]  # (article_id, sentence) -> entity ids
    person_of: dict[tuple[str, int], str]  # (article_id, mention start) -> person entity id

    @cached_property
    def person_by_id(self) -> dict[str, ResolvedPerson]:
        """Resolved people by entity id."""
        return {person.id: person for person in self.people}

    @cached_property
    def person_names(self) -> dict[str, str]:
        """Each resolved person's display name ('Steven Witkoff') by entity id, worked out once."""
        return {person.id: person.name for person in self.people}

    @cached_property
    def ids_by_family(self) -> dict[str, list[str]]:
        """Entity ids of the resolved people of each family name key."""
        found: dict[str, list[str]] = defaultdict(list)
        for person in self.people:
            found[person.family].append(person.id)
        return dict(found)


@lru_cache(maxsize=1)
def _namer() -> NickNamer:
    return NickNamer()


def _is_initial(given: str) -> bool:
    return len(given.replace(".", "").replace(" ", "")) <= 2


def middle_names(extractions: Mapping[str, Extraction]) -> set[tuple[str, str, str]]:
    """(family key, given, middle) of every mention written with a full middle name, folded: a
    mention whose given name is another's middle name names the same person ('Felix Solano' and
    'Fernando Felix Solano'); two that only share a middle name need not ('Kevin Anthony Jackson' and
    'Trevor Anthony Jackson')."""
    return {
        (family_key(person.family), fold(person.given).strip(". "), fold(middle))
        for extraction in extractions.values()
        for person in extraction.people
        for middle in _middle_names(person)
    }


def _middle_names(person: Person) -> list[str]:
    """The middle names and initials written between a mention's given and family name. A group is
    explained only by one equal to its given name: 'Donald J. Trump' explains 'J. Trump', not 'John Trump'."""
    if not person.given or not person.family or person.text.count(" ") < 2:
        return []
    written = person.text.split()
    try:
        start = written.index(person.given) + 1
        end = len(written) - 1 - written[::-1].index(person.family.split()[0])
    except ValueError:
        return []
    return [w.rstrip(".") for w in written[start:end] if w.rstrip(".").isalpha()]


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names can denote the same person: 'Steve'/'Steven', 'S.'/'Steven', ''/'Amos',
    'JT' (initials used as a name) and anything, 'Jeannette'/'Jeanette' and 'O'Neil'/'O’Neal' (one letter
    inside the name spelled differently)."""
    if any(2 <= len(n) <= 3 and n.isalpha() and n.isupper() for n in (a, b)):
        return True
    a, b = fold(a).replace("’", "'").strip(" ."), fold(b).replace("’", "'").strip(" .")
    if not a or not b or a == b:
        return True
    if _is_initial(a) or _is_initial(b):
        return a[0] == b[0]
    a, b = a.split()[0], b.split()[0]
    if a == b or _spelled_alike(a, b):
        return True
    namer = _namer()
    a_forms = namer.canonicals_of(a) | namer.nicknames_of(a) | {a}
    b_forms = namer.canonicals_of(b) | namer.nicknames_of(b) | {b}
    return b in a_forms or a in b_forms or bool(namer.canonicals_of(a) & namer.canonicals_of(b))


def _spelled_alike(a: str, b: str) -> bool:
    """One letter inside names of five letters or more added, dropped or changed; the first and last
    letters equal ('Maria' / 'Mario' and 'Daniel' / 'Daniela' stay apart)."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 1))


def role_words(role: str | None) -> set[str]:
    """The specific words of a role: 'U.S. Special Envoy' -> {'special', 'envoy'}. None for a relation
    ('Callahan's 31-year-old sister', 'her mother'): two sisters of one family are two people."""
    if not role:
        return set()
    found = {w for w in content_words(role) if w not in GENERIC_ROLE_WORDS and len(w) > 1 and not w.isdigit()}
    return set() if found & RELATIONS else found


def roles_compatible(roles_a: list[str], roles_b: list[str]) -> bool:
    """Whether any role of one group shares a specific word with a role of the other. When both name
    titles, the shared word must be the title itself: 'Chief District Officer of the Kaski district' and
    'Kaski Police Chief Superintendent' share a place and a rank word, but are two posts, two people."""
    heads_a = {head_title(role) for role in roles_a} - {None}
    heads_b = {head_title(role) for role in roles_b} - {None}
    if heads_a and heads_b:
        return bool(heads_a & heads_b)
    words_a = set().union(*(role_words(role) for role in roles_a)) if roles_a else set()
    words_b = set().union(*(role_words(role) for role in roles_b)) if roles_b else set()
    return bool(words_a & words_b)


def _name_groups(refs: list[PersonRef]) -> tuple[list[NameGroup], list[PersonRef]]:
    """Split one family's mentions into name groups, plus the surname-only mentions."""
    full = [ref for ref in refs if ref.person.given and not _is_initial(ref.person.given)]
    partial = [ref for ref in refs if ref.person.given and _is_initial(ref.person.given)]
    surname_only = [ref for ref in refs if not ref.person.given]
    groups: list[NameGroup] = []
    for ref in full:
        match = [g for g in groups if any(same_given_name(ref.person.given, n) for n in g.givens)]
        if not match:
            groups.append(NameGroup(given=ref.person.given, refs=[ref]))
            continue
        target = match[0]
        target.refs.append(ref)
        for other in match[1:]:  # a name that bridges two groups joins them
            target.refs.extend(other.refs)
            groups.remove(other)
    for ref in partial:
        match = [g for g in groups if any(same_given_name(ref.person.given, n) for n in g.givens)]
        if match:
            max(match, key=lambda g: len(g.refs)).refs.append(ref)
        else:
            groups.append(NameGroup(given=ref.person.given, refs=[ref]))
    for group in groups:
        counts = group.givens
        group.given = max(counts, key=lambda n: (counts[n], len(n))) if counts else group.given
    return groups, surname_only


def _join_by_role(groups: list[NameGroup]) -> list[list[NameGroup]]:
    """Join name groups whose roles share a specific word, or that give one person's age (union-find
    over groups)."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            if roles_compatible(groups[i].roles, groups[j].roles) or _same_age(groups[i], groups[j]):
                parent[root(j)] = root(i)
    joined: dict[int, list[NameGroup]] = defaultdict(list)
    for i, group in enumerate(groups):
        joined[root(i)].append(group)
    return list(joined.values())


def _same_age(a: NameGroup, b: NameGroup) -> bool:
    """Two given names of one family, each written with the same single age ('Blake Hammond, 17' and
    'Marcus Hammond, 17'), in reports that never name both: one person named two ways. An article that
    names both names two people (siblings, twins); so do two roles that are two posts."""
    if len(a.ages) != 1 or a.ages != b.ages:
        return False
    if {r.article_id for r in a.refs} & {r.article_id for r in b.refs}:
        return False
    return not (a.roles and b.roles) or roles_compatible(a.roles, b.roles)


AGE_AFTER_NAME = re.compile(r"\A,\s*(\d{1,3})(?=\s*(?:[,.;)]|and\b|$))")
"""An age written as an apposition right after a name: 'Blake Hammond, 17, died', 'and Mira Kell, 20.'"""
AGE_BEFORE_NAME = re.compile(
    r"\b(\d{1,3})-year-old,?\s+(?:[a-z]+,?\s+(?:(?:has|had)\s+been\s+|was\s+|is\s+)?identified\s+as\s+)?\Z"
)
"""An age written just before a name: '17-year-old Blake Hammond', 'the 15-year-old victim, identified as
Jimmy Vasquez', 'the 15-year-old victim has been identified as Jimmy Vasquez'."""


def stated_ages(extractions: Mapping[str, Extraction]) -> dict[tuple[str, int], float]:
    """(article id, mention start) -> the age written right after a person mention ('Blake Hammond, 17,')
    or just before it ('17-year-old Blake Hammond')."""
    ages: dict[tuple[str, int], float] = {}
    for article_id, extraction in extractions.items():
        sentences = {s.index: s for s in extraction.sentences}
        for person in extraction.people:
            sentence = sentences.get(person.sentence)
            if sentence is None:
                continue
            found = AGE_AFTER_NAME.match(sentence.text[person.end - sentence.start :]) or AGE_BEFORE_NAME.search(
                sentence.text[: person.start - sentence.start]
            )
            if found and 0 < int(found.group(1)) < 120:
                ages[(article_id, person.start)] = float(found.group(1))
    return ages


def _entity_id(kind: str, key: str) -> str:
    return f"{kind}:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def resolve_people(extractions: Mapping[str, Extraction]) -> list[ResolvedPerson]:
    """Group the person mentions of all articles into resolved people."""
    by_family: dict[str, list[PersonRef]] = defaultdict(list)
    for article_id, extraction in extractions.items():
        for person in extraction.people:
            surname = person.family or (person.text.split() or [""])[-1]
            key = family_key(surname)
            if key:
                by_family[key].append(PersonRef(article_id, person))
    people: list[ResolvedPerson] = []
    ages = stated_ages(extractions)
    for family, refs in sorted(by_family.items()):
        groups, surname_only = _name_groups(refs)
        for group in groups:
            group.ages = {ages[at] for r in group.refs if (at := (r.article_id, r.person.start)) in ages}
        clusters = _join_by_role(groups) if groups else [[]]
        for n, cluster in enumerate(clusters):
            label = "+".join(sorted(fold(g.given) for g in cluster))
            people.append(ResolvedPerson(_entity_id("person", f"{family}|{label}|{n}"), family, cluster))
        _attach_surnames(people[len(people) - len(clusters) :], surname_only)
    return people


def _attach_surnames(candidates: list[ResolvedPerson], refs: list[PersonRef]) -> None:
    """Give each surname-only mention to the person named in its article, else the most mentioned."""
    if not candidates:
        return
    articles = [{r.article_id for r in person.refs} for person in candidates]
    for ref in refs:
        local = [p for p, seen in zip(candidates, articles, strict=True) if ref.article_id in seen]
        pool = local if len(local) == 1 else candidates
        chosen = max(pool, key=lambda p: len(p.refs))
        chosen.surname_refs.append(ref)
        articles[candidates.index(chosen)].add(ref.article_id)


def _person_entity(person: ResolvedPerson) -> Entity:
    refs = person.refs
    roles = sorted({ref.person.role for ref in refs if ref.person.role})
    return Entity(
        id=person.id,
        kind="person",
        name=person.name,
        article_ids=tuple(sorted({ref.article_id for ref in refs})),
        variants=tuple(sorted({ref.person.text for ref in refs})),
        roles=tuple(roles),
    )


def resolve_entities(extractions: Mapping[str, Extraction]) -> EntityIndex:
    """Resolve people, organisations and places of one story.

    Returns:
        EntityIndex: the entities plus, per sentence, the ids of the entities it mentions.
    """
    people = resolve_people(extractions)
    entities = [_person_entity(person) for person in people if person.refs]
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    person_of: dict[tuple[str, int], str] = {}
    for person in people:
        for ref in person.refs:
            by_sentence[(ref.article_id, ref.person.sentence)].add(person.id)
            person_of[(ref.article_id, ref.person.start)] = person.id
    names: dict[tuple[Literal["place", "org"], str], tuple[str, set[str], set[str]]] = {}
    for article_id, extraction in extractions.items():
        for mention in extraction.mentions:
            kind: Literal["place", "org"] | None = (
                "place" if mention.label in PLACE_LABELS else "org" if mention.label in ORG_LABELS else None
            )
            key = name_key(mention.text)
            if kind is None or not key or not words(key):
                continue
            entity_id = _entity_id(kind, key)
            _, seen_in, variants = names.setdefault((kind, key), (normalise_name(mention.text), set(), set()))
            seen_in.add(article_id)
            variants.add(mention.text)
            by_sentence[(article_id, mention.sentence)].add(entity_id)
    for (kind, key), (name, seen_in, variants) in sorted(names.items()):
        entities.append(Entity(_entity_id(kind, key), kind, name, tuple(sorted(seen_in)), tuple(sorted(variants))))
    return EntityIndex(people, entities, dict(by_sentence), person_of)
