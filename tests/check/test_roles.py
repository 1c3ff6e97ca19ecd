"""Roles: offices read from a role, which pairs of roles conflict, and one finding per person."""

from __future__ import annotations

import pytest
from tests.check.conftest import HashEmbedder, Line, Report, story

from crosswire.check import check_story
from crosswire.check.roles import offices, rank_of, role_conflict, role_groups


@pytest.mark.parametrize(
    ("role", "head", "ranks", "portfolio"),
    [
        ("Thurston County Chief Deputy", "deputy", {"chief"}, set()),
        ("chief deputy district attorney for Chaves County", "attorney", {"chief", "deputy"}, {"chaves", "county"}),
        ("U.S. Envoy for Ukraine", "envoy", set(), {"ukraine"}),
        ("Sgt.", "sergeant", set(), set()),
        ("Assistant State's Attorney", "attorney", {"assistant"}, set()),
    ],
)
def test_offices_read_head_ranks_and_portfolio(role, head, ranks, portfolio):
    [office] = offices(role)
    assert (office.head, set(office.ranks), set(office.portfolio)) == (head, ranks, portfolio)


@pytest.mark.parametrize("role", ["a neighbour", "17", "the boy's uncle", ""])
def test_offices_of_a_role_without_a_title_are_none(role):
    assert offices(role) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("spokesman", "chief executive of the Port Authority"),
        ("Thurston County Chief Deputy", "Thurston County Chief Sheriff"),  # two ranks of one ladder
        ("Floyd County Chief Deputy Coroner", "Floyd County Chief Judge Coroner"),  # rank words exclude each other
        ("Chattanooga Police Chief", "Chattanooga Police Judge"),
        ("Deputy", "Chief"),
        ("Sgt.", "Lt."),
        ("Officer", "Coroner"),  # a police word against an office outside the police
        ("Police Chief", "police spokesman"),  # the chief is not the department's spokesman
        ("Deputy harbour master", "chief executive of the Port Authority"),
        ("Vellmar Police Commissioner", "Corran State Police Superintendent"),  # heads of two bodies
    ],
)
def test_role_conflict_flags_titles_that_cannot_both_be_right(a, b):
    verdict = role_conflict(a, b)
    assert verdict is not None and verdict[0] >= 0.75 and verdict[1] == "high"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("US envoy", "US Special Envoy"),  # the seeds: an expansion
        ("US Special Envoy", "U.S. Envoy for Ukraine"),  # issue 4's example: compatible details
        ("US envoy", "U.S. Envoy for Ukraine"),
        ("Deputy Chief", "Chief"),  # a shortening
        ("Chief Deputy", "Deputy"),
        ("chief deputy district attorney for Chaves County", "district attorney"),
        ("Officer", "Chicago police spokeswoman"),
        ("Officer", "Sgt."),
        ("Sgt.", "sheriff's spokesman"),
        ("senior official", "foreign minister"),
        ("former mayor", "senator"),
        ("slain pharmacy owner", "pharmacist and owner"),
        ("Port Authority chief executive", "chief executive of the Port Authority"),
        ("neighbour", "Judge"),  # no title on one side: an extraction slip is likelier
        # one body's head under two names (a state's head of police is its superintendent and its secretary)
        ("Vellmar State Police superintendent", "Vellmar's secretary of state police"),
    ],
)
def test_role_conflict_leaves_compatible_roles_alone(a, b):
    assert role_conflict(a, b) is None


def test_two_portfolios_of_one_title_are_a_low_note_only():
    assert role_conflict("Envoy for Ukraine", "Envoy to the Middle East") == (0.7, "low")


def test_role_groups_join_one_office_and_not_through_a_generic_title():
    groups = role_groups(["Chief", "Greenville Police Chief", "Judge", "officer"])
    assert sorted(sorted(group) for group in groups) == [["Chief", "Greenville Police Chief"], ["Judge"], ["officer"]]


def _aden(article_id: str, role: str) -> Report:
    text = f"{role} Hassan Aden said the suspect was taken to Vidant Medical Center with injuries."
    return Report(article_id, [Line(text, people=[("Hassan Aden", "Hassan", "Aden", role)])])


def test_one_role_finding_per_person_with_a_side_per_office():
    articles, extractions = story(_aden("a", "Greenville Police Chief"), _aden("b", "Chief"), _aden("c", "Judge"))
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    roles = [c for c in found if c.kind == "role"]
    assert len(roles) == 1
    assert [sorted({e.article_id for e in side.evidence}) for side in roles[0].sides] == [["a", "b"], ["c"]]


@pytest.mark.parametrize("other", ["US Special Envoy", "U.S. Envoy for Ukraine"])
def test_envoy_role_expansions_are_not_flagged(other):
    reports = [
        Report(
            article_id,
            [
                Line(
                    f"{role} Steven Witkoff met Vladimir Putin in Moscow.",
                    people=[("Steven Witkoff", "Steven", "Witkoff", role)],
                )
            ],
        )
        for article_id, role in (("a", "US envoy"), ("b", other))
    ]
    articles, extractions = story(*reports)
    found = check_story("s", articles, extractions, embedder=HashEmbedder(), min_confidence=0.0).contradictions
    assert [c for c in found if c.kind == "role"] == []


@pytest.mark.parametrize(
    ("role", "rank"),
    [
        ("Vellmar State Police Superintendent Lt. Col.", "Lt. Col. (lieutenant colonel)"),
        ("State Police Colonel", "Colonel"),
        ("Major General", "Major General"),
        ("Brig. Gen.", "Brig. Gen. (brigadier general)"),
        ("General Secretary", None),  # a post, not a rank
        ("police chief", None),
    ],
)
def test_the_rank_a_role_gives_as_written_and_spelled_out(role, rank):
    assert rank_of(role) == rank


def test_a_rank_conflict_is_not_hidden_by_a_post_of_the_same_person():
    """'Superintendent Lt. Col.' and 'superintendent' are one office; a post says nothing of the rank, so
    that group still conflicts with 'Colonel', and the finding names the ranks."""
    reports = [
        Report(
            article_id,
            [Line(f"{role} Oskar Lind said divers would return.", people=[("Oskar Lind", "Oskar", "Lind", role)])],
        )
        for article_id, role in (
            ("a", "Vellmar State Police Superintendent Lt. Col."),
            ("b", "State Police Colonel"),
            ("c", "Vellmar State Police superintendent"),
        )
    ]
    articles, extractions = story(*reports)
    found = [
        c for c in check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions if c.kind == "role"
    ]
    assert len(found) == 1 and found[0].subject == "Oskar Lind's rank"
    assert sorted(side.value for side in found[0].sides) == ["Colonel", "Lt. Col. (lieutenant colonel)"]
    assert found[0].severity == "low"
