"""Place checks: which names can be one place, and which place an edited copy changed."""

from __future__ import annotations

import pytest
from tests.check.conftest import HashEmbedder, Line, Report, story

from crosswire.check import check_story
from crosswire.check.places import abbreviates, containment, place_agree, sentence_places
from crosswire.check.text import replaced_region
from crosswire.model import Mention

SPOKESWOMAN = "The teens were on a porch when they were shot, said Officer Ana Pacheco, a Chicago Police spokeswoman."
CHARGED = "James Jenkins, of the 4300 block of West Monroe Street in West Garfield Park, was charged on Sunday."
DATELINE = "MYRTLE CREEK, Ore. - A 19-year-old Myrtle Creek man shot and killed his infant daughter, police said."
FOUND = "Three people were found dead at a home at 302 E. Reed St. in Roswell on Saturday morning."


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (SPOKESWOMAN, SPOKESWOMAN.replace("Chicago", "Spokane"), ("Chicago", "Spokane")),
        (DATELINE, DATELINE.replace("old Myrtle Creek", "old Fairbanks"), ("Myrtle Creek", "Fairbanks")),
        (
            "A boy was shot, Orange County Sheriff's Office Lt. Shane Dee said on Friday night.",
            "A boy was shot, Albuquerque Office Lt. Shane Dee said on Friday night.",
            ("Orange County Sheriff's", "Albuquerque"),
        ),
        (CHARGED, CHARGED.replace("West Garfield Park", "Savannah").replace("Sunday", "Monday"), None),  # two runs
        (CHARGED, CHARGED.replace(", was", ", who lives there, was"), None),  # words added, none replaced
        (CHARGED, CHARGED.replace("West Garfield Park", "the far west side of the city"), None),  # run too long
        ("Two men were shot in Chicago.", "Two men were shot in Spokane.", None),  # too short to tell
    ],
)
def test_replaced_region_finds_the_one_replaced_run(a, b, expected):
    region = replaced_region(a, b)
    assert (None if region is None else (a[slice(*region[0])], b[slice(*region[1])])) == expected


@pytest.mark.parametrize(
    ("a", "b", "scales", "expected"),
    [
        ("Veltmar", "the east harbour of Veltmar", True, True),  # a place and a place inside it
        ("Veltmar", "the east harbour of Veltmar", False, True),
        ("Ditchley Drive", "Ditchley Road", True, True),
        ("Main Street", "Springfield", True, True),  # a street in a town
        ("Main Street", "Springfield", False, False),  # ... unless the same slot holds either
        ("Ore.", "Oregon", True, True),
        ("N.M.", "New Mexico", True, True),
        ("St. Louis", "Saint Louis", True, True),
        ("Chicago", "Spokane", True, False),
        ("Wash.", "Tallahassee", True, False),
        ("Reno", "Redondo Beach", True, False),  # no period: not written as an abbreviation
    ],
)
def test_place_agree(a, b, scales, expected):
    assert place_agree(a, b, scales=scales) is expected


@pytest.mark.parametrize(("short", "full", "expected"), [("Fla.", "Florida", True), ("Fla.", "Oregon", False)])
def test_abbreviates(short, full, expected):
    assert abbreviates(short, full) is expected


def _places(*reports: Report) -> list[list[str]]:
    articles, extractions = story(*reports)
    found = check_story("s", articles, extractions, embedder=HashEmbedder()).contradictions
    return [sorted(side.value for side in c.sides) for c in found if c.kind == "place"]


def _copy(line: Line) -> Report:
    return Report("b", [line], dup_group="a")


@pytest.mark.parametrize(
    ("original", "copy", "expected"),
    [
        # the new name tagged only inside an organisation ('Spokane Police')
        (
            Line(SPOKESWOMAN, places=["Chicago"]),
            Line(SPOKESWOMAN.replace("Chicago", "Spokane"), orgs=["Spokane Police"]),
            ["Chicago", "Spokane"],
        ),
        # another place shared by both sides (a street and a neighbourhood: different scales)
        (
            Line(CHARGED, places=["West Monroe Street", "West Garfield Park"]),
            Line(CHARGED.replace("West Garfield Park", "Savannah"), places=["West Monroe Street", "Savannah"]),
            ["Savannah", "West Garfield Park"],
        ),
        # the old name also in the sentence's dateline, so no word of it is gone from the copy
        (
            Line(DATELINE, places=["Ore.", "Myrtle Creek"]),
            Line(DATELINE.replace("old Myrtle Creek", "old Fairbanks"), places=["Ore."]),
            ["Fairbanks", "Myrtle Creek"],
        ),
        # the street word the NER left out of the name is read back
        (
            Line(
                "Officers were called to North High School Rd and West 46th Street just after 9 p.m. on Friday.",
                places=["West 46th"],
            ),
            Line(
                "Officers were called to North High School Rd and Spokane Street just after 9 p.m. on Friday.",
                places=["Spokane Street"],
            ),
            ["Spokane Street", "West 46th Street"],
        ),
        # the new place read as a person by the NER out of its usual context
        (
            Line("Police say an Iowa man who claimed he was shot by a random gunman shot himself.", places=["Iowa"]),
            Line(
                "Police say an Albuquerque man who claimed he was shot by a random gunman shot himself.",
                people=[("Albuquerque", "", "Albuquerque", None)],
            ),
            ["Albuquerque", "Iowa"],
        ),
    ],
)
def test_place_changed_in_an_edited_copy_is_found(original, copy, expected):
    assert _places(Report("a", [original]), _copy(copy)) == [expected]


def test_place_read_once_as_a_person_elsewhere_is_still_a_place():
    """'ROSWELL, N.M.' tagged PERSON in one report makes 'Roswell' no person: it has no given name."""
    dateline = Line("ROSWELL, N.M. - Police are investigating three deaths.", people=[("ROSWELL", "", "ROSWELL", None)])
    original = Report("a", [Line(FOUND, places=["Roswell"])])
    copy = _copy(Line(FOUND.replace("Roswell", "Albuquerque"), places=["Albuquerque"]))
    assert _places(original, copy, Report("c", [dateline])) == [["Albuquerque", "Roswell"]]


@pytest.mark.parametrize(
    ("original", "copy"),
    [
        # a place and a place inside it
        (
            Line("The leak began in Veltmar early on Tuesday, the port authority said.", places=["Veltmar"]),
            Line(
                "The leak began in the east harbour of Veltmar early on Tuesday, the port authority said.",
                places=["Veltmar"],
            ),
        ),
        (
            Line(
                "The tanker began leaking in Veltmar on Tuesday, the port authority said on Wednesday.",
                places=["Veltmar"],
            ),
            Line(
                "The tanker began leaking in Veltmar's East Harbour on Tuesday, the port authority said on Wednesday.",
                places=["Veltmar", "East Harbour"],
            ),
        ),
        # an abbreviation written out
        (
            Line(DATELINE, places=["Ore.", "Myrtle Creek"]),
            Line(DATELINE.replace("Ore.", "Oregon"), places=["Oregon", "Myrtle Creek"]),
        ),
        # a renamed person whose given name the NER read as a place
        (
            Line("Talitha Bowman, 20, of Chattanooga died at the scene on Friday night.", places=["Talitha"]),
            Line(
                "Duluth Bowman, 20, of Chattanooga died at the scene on Friday night.",
                people=[("Duluth Bowman", "Duluth", "Bowman", None)],
            ),
        ),
        # a renamed person with a full name elsewhere in the story
        (
            Line("Witkoff met officials in Moscow on Thursday, the Kremlin said in a statement.", places=["Witkoff"]),
            Line(
                "Whitfield met officials in Moscow on Thursday, the Kremlin said in a statement.", places=["Whitfield"]
            ),
        ),
    ],
)
def test_place_not_flagged_in_an_edited_copy(original, copy):
    envoy = Report(
        "c",
        [
            Line(
                "Steve Witkoff and Ann Whitfield flew in.",
                people=[("Steve Witkoff", "Steve", "Witkoff", None), ("Ann Whitfield", "Ann", "Whitfield", None)],
            )
        ],
    )
    assert _places(Report("a", [original]), _copy(copy), envoy) == []


def test_two_events_at_two_places_not_flagged():
    """Each report names both places: two events, not one event placed twice."""
    a = Report(
        "a",
        [
            Line("A man was shot in Chicago on Friday.", places=["Chicago"]),
            Line("A woman was shot in Evanston on Saturday.", places=["Evanston"]),
        ],
    )
    b = Report(
        "b",
        [
            Line("A man was shot in Evanston on Saturday, police said.", places=["Evanston"]),
            Line("A man was shot in Chicago on Friday, police said.", places=["Chicago"]),
        ],
    )
    assert _places(a, b) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The mayor named Dr. Ines Halvorsen, MD to lead the Orrin clinic.", []),  # a credential, not Maryland
        ("The clinic moved from Orrin to Baltimore, MD in 2019.", ["MD"]),  # after a town, a state
    ],
)
def test_a_credential_after_a_person_is_no_place(text, places):
    from crosswire.check.places import sentence_places
    from crosswire.model import Mention

    at = text.index("MD")
    mentions = [Mention(at, at + 2, "MD", "GPE", 0)]
    assert sentence_places(text, mentions, families=frozenset({"halvorsen"})) == places


def _mentioned(text: str, *places: str, label: str = "GPE") -> tuple[str, list[Mention]]:
    """A one-sentence article with these place mentions, each found at its first occurrence."""
    return text, [Mention(text.index(p), text.index(p) + len(p), p, label, 0) for p in places]


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        ([_mentioned("The mill in Brekkton, Montana burned.", "Brekkton", "Montana")], {"brekkton": {"montana"}}),
        ([_mentioned("The mill stood in Brekkton in Montana.", "Brekkton", "Montana")], {"brekkton": {"montana"}}),
        # one facility read as 'Brekkton Montana', both of whose parts the story names as places
        (
            [
                _mentioned("A fire hit the town of Brekkton Montana.", "Brekkton Montana", label="FAC"),
                _mentioned("Crews came from Brekkton and from across Montana.", "Brekkton", "Montana"),
            ],
            {"brekkton": {"montana"}},
        ),
        # transitive: a town in a state in a country
        (
            [
                _mentioned("The mill in Brekkton, Montana burned.", "Brekkton", "Montana"),
                _mentioned("Montana, United States", "Montana", "United States"),
            ],
            {"brekkton": {"montana", "united states"}, "montana": {"united states"}},
        ),
        ([_mentioned("It serves Billings, Brekkton, Bozeman and the valley.", "Billings", "Brekkton")], {}),  # a list
        ([_mentioned("Trucks came from Billings and Brekkton.", "Billings", "Brekkton")], {}),
        ([_mentioned("Talks between Canada in Brekkton went on.", "Canada", "Brekkton")], {}),  # no country in a town
        # read both ways: no containment either way
        (
            [
                _mentioned("Brekkton, Montana", "Brekkton", "Montana"),
                _mentioned("Montana, Brekkton", "Montana", "Brekkton"),
            ],
            {},
        ),
    ],
)
def test_containment_is_learned_from_the_storys_articles(articles, expected):
    assert {key: set(outer) for key, outer in containment(articles).items() if outer} == expected


def test_place_agree_with_learned_containment():
    within = {"brekkton": frozenset({"montana"})}
    assert place_agree("Brekkton", "Montana", within=within)
    assert place_agree("Montana", "Brekkton", within=within)
    assert not place_agree("Brekkton", "Idaho", within=within)
    assert not place_agree("Brekkton", "Montana")


MILL = "A flood on Monday badly damaged the old grain mill in {place}, county officials said."


@pytest.mark.parametrize(("names_both", "expected"), [(True, []), (False, [["Brekkton", "Montana"]])])
def test_a_town_and_the_state_a_report_puts_it_in_are_one_place(names_both, expected):
    """'in Montana' / 'in Brekkton' conflict only until a report writes 'Brekkton, Montana'."""
    reports = [
        Report("a", [Line(MILL.format(place="Montana"), places=["Montana"])]),
        Report("b", [Line(MILL.format(place="Brekkton"), places=["Brekkton"])]),
    ]
    if names_both:
        reports.append(
            Report("c", [Line("The mill was built in 1921 in Brekkton, Montana.", places=["Brekkton", "Montana"])])
        )
    assert _places(*reports) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("VELLMAR — A boy was hurt on the quay, police said.", "VELLMAR", True),
        ("BREKKTON, Mont. (AP) – A boy was hurt on the quay.", "BREKKTON", True),
        ("A boy was hurt on the quay in Vellmar — police said so.", "Vellmar", False),
    ],
)
def test_a_dateline_is_no_place_of_the_event(text, name, expected):
    """Where the report was filed holds the event's street or quarter: 'VELLMAR — ...' against 'in
    Harbourside' is no conflict, so a dateline is not one of the sentence's places."""
    mention = Mention(text.index(name), text.index(name) + len(name), name, "GPE", 0)
    assert (name not in sentence_places(text, [mention], families=frozenset())) is expected
