"""People: names, given/family, roles in the shapes journalists write them, surname-only mentions."""

from __future__ import annotations

import pytest

from crosswire.extract import role_words


@pytest.mark.parametrize(
    ("text", "name", "given", "family", "role"),
    [
        (
            "The talks between US envoy Steven Witkoff and Moscow ended.",
            "Steven Witkoff",
            "Steven",
            "Witkoff",
            "US envoy",
        ),
        (
            "He met Russian President Vladimir Putin in Moscow.",
            "Vladimir Putin",
            "Vladimir",
            "Putin",
            "Russian President",
        ),
        (
            "The meeting was described as useful by Putin's aide, Yuri Ushakov, on Friday.",
            "Yuri Ushakov",
            "Yuri",
            "Ushakov",
            "Putin's aide",
        ),
        (
            "Kremlin spokesman Dmitry Peskov said no breakthroughs were expected.",
            "Dmitry Peskov",
            "Dmitry",
            "Peskov",
            "Kremlin spokesman",
        ),
        (
            "In Moscow, U.S. Envoy for Ukraine, David Witkoff, met with officials.",
            "David Witkoff",
            "David",
            "Witkoff",
            "U.S. Envoy for Ukraine",
        ),
        ("Harbour Minister Ilse Marten arrived at the pier.", "Ilse Marten", "Ilse", "Marten", "Harbour Minister"),
        (
            "Tomas Brandt, chief executive of the Port Authority, said the closure would stay.",
            "Tomas Brandt",
            "Tomas",
            "Brandt",
            "chief executive of the Port Authority",
        ),
        ("Talks between Vladimir Putin and a US envoy, Witkoff, went on.", "Witkoff", "", "Witkoff", "US envoy"),
        (
            "Port Authority CEO Tomas Brandt said the closure would stay.",
            "Tomas Brandt",
            "Tomas",
            "Brandt",
            "Port Authority CEO",
        ),
        # an abbreviated title the tokenizer splits from its full stop is still part of the role
        (
            "He met the families.\n\nVellmar State Police Superintendent Lt. Col. Oskar Lind said divers would "
            "return at dawn.",
            "Oskar Lind",
            "Oskar",
            "Lind",
            "Vellmar State Police Superintendent Lt. Col.",
        ),
        ("Gov. Ines Halvorsen signed the order on Monday.", "Ines Halvorsen", "Ines", "Halvorsen", "Gov."),
    ],
)
def test_people_role_next_to_name(extract, text, name, given, family, role):
    people = [p for p in extract(text).people if p.text == name]
    assert people, f"{name!r} not found in {extract(text).people}"
    person = people[0]
    assert (person.given, person.family, person.role) == (given, family, role)
    assert text[person.role_start : person.role_end] == role
    assert text[person.start : person.end] == name


def test_people_lowercase_possessive_surname_is_a_mention(extract):
    text = "US envoy David Witkoff met officials in Moscow. Key aspects of witkoff's approach include talks."
    people = extract(text).people
    lower = [p for p in people if p.text == "witkoff"]
    assert lower and lower[0].family == "Witkoff" and lower[0].refers_to == "David Witkoff"


def test_people_surname_refers_to_nearest_full_name(extract):
    text = (
        "Port chief Tomas Brandt spoke first. Union chairman Piet Brandt spoke next. "
        "Later, Brandt said the union would sue."
    )
    last = [p for p in extract(text).people if p.text == "Brandt"][-1]
    assert last.refers_to == "Piet Brandt"


def test_people_recovers_name_the_ner_missed_after_a_quote(extract):
    text = '"The situation is under control," Harbour Minister Ilse Marten told reporters at the quay.'
    person = next(p for p in extract(text).people if p.family == "Marten")
    assert (person.given, person.role) == ("Ilse", "Harbour Minister")


def test_people_recovers_a_name_the_ner_took_for_an_organisation_after_a_title(extract, nlp):
    """'... Police spokesperson Nadia Korsa confirmed': the NER reads the name as an organisation; a
    lower-case title right before a two-word name says it is a person."""
    text = (
        "In a text message to the news agency, Vellmar State Police spokesperson Nadia Korsa confirmed that "
        '"recovery efforts are underway."'
    )
    assert ("Nadia Korsa", "ORG") in [(e.text, e.label_) for e in nlp(text).ents]  # the NER slip this is about
    person = next((p for p in extract(text).people if p.family == "Korsa"), None)
    assert person is not None, extract(text).people
    assert (person.given, person.role) == ("Nadia", "Vellmar State Police spokesperson")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Port Authority chief executive", "chief executive of the Port Authority"),
        ("Corran Shipping Lines spokesman", "spokesman for Corran Shipping Lines"),
        ("Fire brigade commander", "fire brigade commander"),
    ],
)
def test_role_words_compare_reordered_roles(a, b):
    assert role_words(a) == role_words(b)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Putin, US Envoy Discuss Ukraine Ceasefire: Key Takeaways\nThe talks went on.", "Putin", None),  # headline
        ("Tomas Brandt, Chief Executive Of The Port Authority, Resigns\nHe left.", "Tomas Brandt", None),
        (
            "Tomas Brandt, chief executive of the Port Authority, said the closure would stay.",
            "Tomas Brandt",
            "chief executive of the Port Authority",
        ),  # a sentence keeps its appositive
    ],
)
def test_people_no_appositive_role_in_a_headline(extract, text, name, role):
    people = [p for p in extract(text).people if p.text == name]
    assert people and people[0].role == role


@pytest.mark.parametrize(
    "text",
    [
        "US envoy Steven Witkoff met Putin. Witkoff flew home on Friday.",
        "US envoy Steven Witkoff met Putin. Later, Witkoff’s team left.",
    ],
)
def test_people_family_name_tagged_as_place_is_a_person(extract, text):
    mentions = [m for m in extract(text).mentions if "Witkoff" in m.text]
    assert mentions and all(m.label == "PERSON" for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coroner Hector Alfaro", ("Coroner", "Hector", "Alfaro")),  # nameparser does not know 'Coroner'
        ("Chief Judge Coroner Gene Proctor", ("Chief Judge Coroner", "Gene", "Proctor")),
        ("Trooper Ann Lee", ("Trooper", "Ann", "Lee")),
        ("Chief Deputy Don Fiebiger", ("Chief Deputy", "Don", "Fiebiger")),
        ("Dean Roberts", ("", "Dean", "Roberts")),  # a given name that is also a title
        ("Dean Allen Roberts", ("", "Dean", "Roberts")),
        ("Coroner Alfaro", ("", "Coroner", "Alfaro")),  # too short to tell: left to nameparser
        ("Steven Witkoff", ("", "Steven", "Witkoff")),
    ],
)
def test_split_name_reads_leading_titles_as_titles(text, expected):
    from crosswire.extract.people import split_name

    assert split_name(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sandra Salgado, 14, and Felix Solano, 16, were found in the park.", "Felix Solano"),  # an age
        ("Police named the victims as Chanice Renee Reed, 21, and Annette Reed, 39.", "Renee Reed"),  # a given name
        (
            "He was charged in the deaths of 39-year-old Annette Reed, 22-year-old Chanice Reed and a boy.",
            "Annette Reed",
        ),  # a list of people
    ],
)
def test_people_no_role_from_ages_names_or_lists(extract, text, name):
    roles = [p.role for p in extract(text).people if p.text.endswith(name)]
    assert roles and all(role is None for role in roles), roles


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Read Jane Smith on Twitter for more updates.", "Jane"),
        ("Follow John Doe on Twitter for updates.", "John"),
        ("Milk prices fell.\nEnter Havel, then a Valley dairy farmer, and Bob Marten, another farmer.", ""),
    ],
)
def test_people_leading_imperative_is_no_given_name(extract, text, given):
    assert [p.given for p in extract(text).people if p.family in {"Smith", "Doe", "Havel"}] == [given]


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("District officer Ram Bahadur Thapa said the road to the gorge was closed.", "Ram Bahadur Thapa"),
        ("Poet Mary Ellen Dunmore lived by the river for decades, her family said.", "Mary Ellen Dunmore"),
    ],
)
def test_people_multi_word_names_are_kept_whole(extract, text, full):
    people = [p for p in extract(text).people if p.given]
    assert [p.refers_to for p in people] == [full]
    assert people[0].full_name == full


@pytest.mark.parametrize(
    "text",
    [
        "The fire started around 2 a.m., said Pastor Amina Greer, a harbour spokeswoman.",
        "The fire started around 2 a.m., said Coroner Amina Greer, a harbour spokeswoman.",
    ],
)
def test_people_a_title_the_ner_put_inside_the_name_is_the_role(extract, text):
    """A leading title inside the entity is written next to the name, as one before it is: it is the
    role, whichever appositive follows, so 'Officer Amina Greer' and 'Pastor Amina Greer' conflict."""
    person = next(p for p in extract(text).people if p.family == "Greer")
    assert person.role == text.split("said ")[1].split()[0]


def test_people_a_two_word_organisation_right_after_a_capitalised_title_is_a_person(extract, nlp):
    text = "Vellmar County Chief Deputy Lionel Pearsall said investigators found the boat empty."
    person = next((p for p in extract(text).people if p.family == "Pearsall"), None)
    assert person is not None, [(e.text, e.label_) for e in nlp(text).ents]
    assert person.given == "Lionel" and "Deputy" in (person.role or "")
