"""Contradiction checks about people: given names and who said a quote (roles: ``roles.py``).

Each check takes the ``CheckContext`` and yields ``Contradiction`` objects; they are registered
in ``CHECKS`` (see ``context.register_check``), so a plugin can add its own with the same
signature. The checks about figures, dates, places and negation live in ``slots.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from crosswire.check.context import CheckContext, contradiction, ref_evidence, register_check
from crosswire.check.entities import NameGroup, PersonRef, middle_names, roles_compatible, same_given_name
from crosswire.check.text import evidence, family_key, fold, overlap, words
from crosswire.model import Contradiction, Side
from crosswire.vocabulary import SUBJECT_PRONOUNS

PRONOUNS = SUBJECT_PRONOUNS | {"his", "her", "their"} | {"police", "officials", "authorities"}  # speakers, unnamed


def _written_name(refs: list[PersonRef]) -> str:
    names = Counter(ref.person.full_name for ref in refs if ref.person.given)
    return names.most_common(1)[0][0]


@register_check
def check_person_names(context: CheckContext) -> Iterator[Contradiction]:
    """One resolved person (same family name, matching role) written with different given names."""
    middles = _middles(context)
    for person in context.index.people:
        groups = [g for g in person.groups if not _middle_of_another(person.family, g, person.groups, middles)]
        if len(groups) < 2:
            continue
        sides = [Side(_written_name(g.refs), ref_evidence(context, g.refs)) for g in groups]
        sides.sort(key=lambda side: -len({e.article_id for e in side.evidence}))
        roles = Counter(" ".join(words(r)) for g in groups for r in g.roles)
        ages = set().union(*(g.ages for g in groups))
        role = roles.most_common(1)[0][0] if roles else f"{min(ages):g}-year-old" if len(ages) == 1 else "person"
        counts = ", ".join(f"{side.value} in {len({e.article_id for e in side.evidence})}" for side in sides)
        yield contradiction(
            context,
            kind="person-name",
            subject=f"{person.family_text} ({role})",
            sides=sides,
            confidence=0.9,
            severity="high",
            explanation=f"The same {role} is named differently: {counts} article(s).",
        )
    yield from _renamed_in_aligned_claims(context)
    yield from _family_spellings(context)


def _family_spellings(context: CheckContext) -> Iterator[Contradiction]:
    """One person whose family name two reports spell one letter apart ('Elena Russo' / 'Elena Russa',
    'Fathi' / 'Fatih'): the same given name and a shared title make it one person, so it is a
    low-severity spelling finding, not two people."""
    named = [
        (person, group)
        for person in context.index.people
        for group in person.groups
        if group.given and len(person.family) >= 4 and not _is_initial_name(group.given)
    ]
    for i, (person_a, group_a) in enumerate(named):
        for person_b, group_b in named[i + 1 :]:
            if person_a is person_b or not _one_letter_apart(person_a.family, person_b.family):
                continue
            if fold(group_a.given) != fold(group_b.given):
                continue
            if not (group_a.roles and group_b.roles and roles_compatible(group_a.roles, group_b.roles)):
                continue
            articles_a = {ref.article_id for ref in group_a.refs}
            articles_b = {ref.article_id for ref in group_b.refs}
            if articles_a & articles_b or context.syndicated(articles_a, articles_b):
                continue
            sides = [Side(_written_name(g.refs), ref_evidence(context, g.refs)) for g in (group_a, group_b)]
            yield contradiction(
                context,
                kind="person-name",
                subject=f"{group_a.given} {person_a.family_text} / {person_b.family_text}",
                sides=sides,
                confidence=context.setting("names", "spelling_confidence"),
                severity="low",
                explanation=f"Reports spell one person's family name {person_a.family_text!r} and "
                f"{person_b.family_text!r} (same given name, same title).",
            )


"""A one-letter spelling variant of a family name, with the same given name and title: a likely slip."""


def _is_initial_name(given: str) -> bool:
    return len(given.strip(". ")) <= 1


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped or two swapped, in names of four letters or more that start
    alike ('Russo' / 'Russa', 'Fathi' / 'Fatih', 'Vaishnav' / 'Vaishnaw'). Spacing and joining marks are
    no letters: 'Del Giudice' / 'DelGiudice' and "O'Neal" / 'ONeal' are one spelling, written two ways."""
    a, b = (re.sub(r"[\s'’-]+", "", fold(name).lower()) for name in (a, b))
    if a == b or min(len(a), len(b)) < 4 or a[:2] != b[:2] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _middles(context: CheckContext) -> set[tuple[str, str, str]]:
    return context.memoised("middle_names", lambda: middle_names(context.extractions))


def _middle_of_another(family: str, group: NameGroup, groups: list[NameGroup], middles: set) -> bool:
    """Whether every given name of a group is the middle name of a mention in another group."""
    others = {fold(given).strip(". ") for other in groups if other is not group for given in other.givens}
    return bool(group.givens) and all(
        any((family, given, fold(name).strip(". ")) in middles for given in others) for name in group.givens
    )


def _givens_by_article(context: CheckContext) -> dict[tuple[str, str], set[str]]:
    givens: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article_id, extraction in context.extractions.items():
        for person in extraction.people:
            if person.given:
                givens[(article_id, family_key(person.family))].add(fold(person.given))
    return givens


def _renamed_in_aligned_claims(context: CheckContext) -> Iterator[Contradiction]:
    """Near-identical sentences that name a person of one family with incompatible given names."""
    givens = _givens_by_article(context)
    middles = _middles(context)
    people_at: dict[tuple[str, int], list] = defaultdict(list)
    for article_id, extraction in context.extractions.items():
        for person in extraction.people:
            if person.given and person.family:
                people_at[(article_id, person.sentence)].append(person)
    for pair in context.pairs:
        threshold = context.setting("names", "pair_name_similarity")
        similarity = context.closeness(pair, threshold)
        if similarity is None:
            continue
        left, right = context.units[pair.left], context.units[pair.right]
        for a in people_at.get((left.article_id, left.sentence), []):
            for b in people_at.get((right.article_id, right.sentence), []):
                family = family_key(a.family)
                if family != family_key(b.family) or same_given_name(a.given, b.given):
                    continue
                given_a, given_b = fold(a.given).strip(". "), fold(b.given).strip(". ")
                if {(family, given_a, given_b), (family, given_b, given_a)} & middles:
                    continue  # 'Felix Solano' and 'Fernando Felix Solano': a middle name used as given name
                if (
                    fold(b.given) in givens[(left.article_id, family)]
                    and fold(a.given) in givens[(right.article_id, family)]
                ):
                    continue  # both articles name both people: two relatives, not one renamed person
                if _same_resolved(context, left.article_id, a.start, right.article_id, b.start):
                    continue  # already reported by the role-based check
                yield contradiction(
                    context,
                    kind="person-name",
                    subject=a.family,
                    sides=[
                        Side(a.full_name, context.evidence_of(pair.left)),
                        Side(b.full_name, context.evidence_of(pair.right)),
                    ],
                    confidence=0.8 + 0.1 * min(1.0, (similarity - threshold) / 0.1),
                    severity="high",
                    explanation=f"The same sentence names {a.full_name} in one report and {b.full_name} in another.",
                    fact=pair.fact,
                )


def _same_resolved(context: CheckContext, article_a: str, start_a: int, article_b: str, start_b: int) -> bool:
    person_a = context.index.person_of.get((article_a, start_a))
    return person_a is not None and person_a == context.index.person_of.get((article_b, start_b))


def _speaker_key(context: CheckContext, article_id: str, speaker: str | None, start: int | None) -> str | None:
    """A comparison key for a named speaker; None for pronouns, groups and unnamed speakers."""
    if not speaker:
        return None
    if start is not None:
        person = context.index.person_of.get((article_id, start))
        if person:
            return person
    tokens = words(speaker)
    if not tokens or tokens[-1] in PRONOUNS or not speaker.strip()[:1].isupper():
        return None
    family = tokens[-1]
    matches = context.index.ids_by_family.get(family, [])
    return matches[0] if len(matches) == 1 else None


@register_check
def check_attribution(context: CheckContext) -> Iterator[Contradiction]:
    """The same quote (>= 80% of its words) given to two different named speakers.

    One finding per pair of speakers and pair of articles: a report that gives a whole passage (two or
    three quotes) to another speaker makes one disagreement about who spoke, not one per quote.
    """
    grouped: dict[frozenset[tuple[str, frozenset[str]]], Contradiction] = {}
    for item in _attributions(context):
        key = frozenset((side.value, frozenset(e.article_id for e in side.evidence)) for side in item.sides)
        seen = grouped.get(key)
        if seen is None:
            grouped[key] = item
            continue
        pooled = [
            Side(side.value, tuple(dict.fromkeys(side.evidence + other.evidence)))
            for side in seen.sides
            for other in item.sides
            if other.value == side.value
        ]
        grouped[key] = dataclasses.replace(seen, sides=tuple(pooled), confidence=max(seen.confidence, item.confidence))
    yield from grouped.values()


def _attributions(context: CheckContext) -> Iterator[Contradiction]:
    """Every quote given to two different named speakers, one finding per pair of quotes."""
    quotes: list[tuple[str, object, str, frozenset[str]]] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    for article_id, extraction in context.extractions.items():
        for quote in extraction.quotes:
            key = _speaker_key(context, article_id, quote.speaker, quote.speaker_start)
            tokens = frozenset(words(quote.text))
            if key is None or len(tokens) < 4:
                continue
            number = len(quotes)
            candidates: Counter[int] = Counter()
            for token in tokens:
                candidates.update(by_word[token][-64:])
                by_word[token].append(number)
            quotes.append((article_id, quote, key, tokens))
            for other, shared in candidates.items():
                if shared >= 0.8 * min(len(tokens), len(quotes[other][3])):
                    yield from _attribution(context, quotes[other], quotes[number])


def _attribution(context: CheckContext, first: tuple, second: tuple) -> Iterator[Contradiction]:
    (article_a, quote_a, key_a, tokens_a), (article_b, quote_b, key_b, tokens_b) = first, second
    if key_a == key_b or overlap(tokens_a, tokens_b) < 0.8:
        return
    if min(len(tokens_a), len(tokens_b)) < 8 and len(tokens_a & tokens_b) < 0.8 * max(len(tokens_a), len(tokens_b)):
        return  # short everyday words ('Who'd do something like this?') are not one quote unless near-identical
    people, names = context.index.person_by_id, context.index.person_names
    family_a = people[key_a].family if key_a in people else (words(quote_a.speaker or "") or [""])[-1]
    family_b = people[key_b].family if key_b in people else (words(quote_b.speaker or "") or [""])[-1]
    if family_a == family_b:
        return  # one family name, two given names: the person-name check reports that
    side_a = Side(
        names.get(key_a, quote_a.speaker),
        (evidence(context.extractions[article_a], quote_a.sentence),),
    )
    side_b = Side(
        names.get(key_b, quote_b.speaker),
        (evidence(context.extractions[article_b], quote_b.sentence),),
    )
    yield contradiction(
        context,
        kind="attribution",
        subject=f"“{quote_a.text[:80]}”",
        sides=[side_a, side_b],
        confidence=0.75 + 0.2 * overlap(tokens_a, tokens_b),
        severity="high",
        explanation=f"The same words are attributed to {side_a.value} and to {side_b.value}.",
    )
