"""Every contradiction type is found, and every look-alike that is not a contradiction is left alone."""

from __future__ import annotations

import pytest
from tests.check.conftest import Line, Report, story

from crosswire.check import check_story

MARTEN = "Harbour Minister"
LEAK = "The leak began early on Tuesday at Pier 7 of the east harbour, the port said."


def _run(embedder, *reports, **options):
    articles, extractions = story(*reports)
    return check_story("s", articles, extractions, embedder=embedder, **options)


def _minister(article_id: str, given: str) -> Report:
    written = f"{MARTEN} {given} Marten"
    return Report(
        article_id,
        [
            Line(
                f"{written} arrived at the pier shortly after the alarm was raised.",
                people=[(f"{given} Marten", given, "Marten", MARTEN)],
            )
        ],
    )


def _hospital(article_id: str, phrase: str, value: float, extra: dict | None = None, dup: str | None = None):
    text = f"A total of {phrase} were taken to St Aldric's Hospital with breathing difficulties."
    return Report(article_id, [Line(text, figures=[(phrase, value, "dock workers", extra or {})])], dup_group=dup)


def _leak(article_id: str, day: str, value: str, pier: str = "Pier 7") -> Report:
    text = LEAK.replace("Tuesday", day).replace("Pier 7", pier)
    return Report(article_id, [Line(text, dates=[(day, value, "day", day)], places=[pier])])


def _quote(article_id: str, speaker: str, given: str, family: str, role: str, words: str) -> Report:
    text = f'"{words}," {role} {speaker} told reporters at the quay on Wednesday.'
    return Report(article_id, [Line(text, people=[(speaker, given, family, role)], quotes=[(words, speaker)])])


FLAGGED = {
    "person-name across articles": (
        [_minister("a", "Ilse"), _minister("b", "Ilse"), _minister("c", "Ilka")],
        {"Ilse Marten", "Ilka Marten"},
    ),
    "person-name within one article": (
        [
            Report(
                "a",
                [
                    Line(
                        "Fire brigade commander Jonas Hale said 60 firefighters worked through the night.",
                        people=[("Jonas Hale", "Jonas", "Hale", "Fire brigade commander")],
                    ),
                    Line(
                        "Later, fire brigade commander Johan Hale said the evacuation order would stay.",
                        people=[("Johan Hale", "Johan", "Hale", "fire brigade commander")],
                    ),
                ],
            )
        ],
        {"Jonas Hale", "Johan Hale"},
    ),
    "person-name renamed in the same sentence": (
        [
            Report(
                "a",
                [
                    Line(
                        "Police identified the victim as Marcus Bell, 24, of Dayton, who died at the scene.",
                        people=[("Marcus Bell", "Marcus", "Bell", None)],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "Police identified the victim as Darius Bell, 24, of Dayton, who died at the scene.",
                        people=[("Darius Bell", "Darius", "Bell", None)],
                    )
                ],
            ),
        ],
        {"Marcus Bell", "Darius Bell"},
    ),
    "role": (
        [
            Report(
                "a",
                [
                    Line(
                        "Tomas Brandt, chief executive of the Port Authority, said the closure would stay.",
                        people=[("Tomas Brandt", "Tomas", "Brandt", "chief executive of the Port Authority")],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "Deputy harbour master Tomas Brandt said the east harbour would stay closed.",
                        people=[("Tomas Brandt", "Tomas", "Brandt", "Deputy harbour master")],
                    )
                ],
            ),
        ],
        {"chief executive of the Port Authority", "Deputy harbour master"},
    ),
    "number": ([_hospital("a", "14 dock workers", 14), _hospital("b", "41 dock workers", 41)], {"14", "41"}),
    "number, million against billion": (
        [
            Report(
                "a",
                [
                    Line(
                        "Allies promised €21 billion in military support led by the UK and Germany.",
                        figures=[("€21 billion", 21e9, None, {"currency": "EUR"})],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "Allies promised €21 million in military support led by the UK and Germany.",
                        figures=[("€21 million", 21e6, None, {"currency": "EUR"})],
                    )
                ],
            ),
        ],
        {"21000000000", "21000000"},
    ),
    "date": ([_leak("a", "Tuesday", "2026-03-03"), _leak("b", "Monday", "2026-03-02")], {"2026-03-03", "2026-03-02"}),
    "place": (
        [_leak("a", "Tuesday", "2026-03-03"), _leak("b", "Tuesday", "2026-03-03", "Pier 2")],
        {"Pier 7", "Pier 2"},
    ),
    "negation": (
        [
            Report("a", [Line("An evacuation order was issued for the Lindholt district on Tuesday evening.")]),
            # worded so the two align with a margin (cosine 0.82): the bare denial sat at 0.72, on the threshold
            Report(
                "b",
                [
                    Line(
                        "No evacuation order has been issued for the Lindholt district so far, "
                        "officials said on Tuesday evening."
                    )
                ],
            ),
        ],
        None,
    ),
    "attribution": (
        [
            _quote(
                "a", "Ilse Marten", "Ilse", "Marten", MARTEN, "The situation is under control and nobody is at risk"
            ),
            _quote(
                "b",
                "Tomas Brandt",
                "Tomas",
                "Brandt",
                "Port Authority chief executive",
                "The situation is under control and nobody is at risk",
            ),
        ],
        {"Ilse Marten", "Tomas Brandt"},
    ),
    "person-name of one age": (
        [
            Report(
                "a",
                [
                    Line(
                        "Anton Reyes, 17, died at the east pier on Tuesday, harbour police said.",
                        people=[("Anton Reyes", "Anton", "Reyes", None)],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "The coroner said Mateo Reyes, 17, was pronounced dead at a Veltmar hospital.",
                        people=[("Mateo Reyes", "Mateo", "Reyes", None)],
                    )
                ],
            ),
        ],
        {"Anton Reyes", "Mateo Reyes"},
    ),
    "person-name of one age written before the names": (
        [
            Report(
                "a",
                [
                    Line(
                        "The 16-year-old victim, identified as Anton Reyes, was found near the east pier.",
                        people=[("Anton Reyes", "Anton", "Reyes", None)],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "Police said 16-year-old Mateo Reyes died at a Veltmar hospital on Tuesday.",
                        people=[("Mateo Reyes", "Mateo", "Reyes", None)],
                    )
                ],
            ),
        ],
        {"Anton Reyes", "Mateo Reyes"},
    ),
    "person-name sharing only a middle name": (
        [
            Report(
                "a",
                [
                    Line(
                        "Seventeen-year-old Kevin Anthony Jackson died shortly after arriving at a nearby hospital.",
                        people=[("Kevin Anthony Jackson", "Kevin", "Jackson", None)],
                    )
                ],
            ),
            Report(
                "b",
                [
                    Line(
                        "Seventeen-year-old Trevor Anthony Jackson died shortly after arriving at a nearby hospital.",
                        people=[("Trevor Anthony Jackson", "Trevor", "Jackson", None)],
                    )
                ],
            ),
        ],
        {"Kevin Anthony Jackson", "Trevor Anthony Jackson"},  # the names as written, middle names kept
    ),
}


@pytest.mark.parametrize("case", sorted(FLAGGED))
def test_check_flags_each_contradiction_type(embedder, case):
    reports, values = FLAGGED[case]
    result = _run(embedder, *reports)
    kind = case.split(",")[0].split(" ")[0]
    kinds = [c.kind for c in result.contradictions]
    assert kinds == [kind], [(c.kind, c.explanation) for c in result.contradictions]
    found = result.contradictions[0]
    assert found.explanation and found.confidence >= 0.75
    assert all(side.evidence for side in found.sides)
    if values is not None:
        assert {side.value for side in found.sides} == values
    assert found.within_article == (case == "person-name within one article")


NOT_FLAGGED = {
    "two of one family and one age named in one report (twins)": [
        Report(
            "a",
            [
                Line(
                    "Anton Reyes, 17, and Mateo Reyes, 17, were wounded at the east pier.",
                    people=[("Anton Reyes", "Anton", "Reyes", None), ("Mateo Reyes", "Mateo", "Reyes", None)],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Mateo Reyes, 17, was treated at a Veltmar hospital and released.",
                    people=[("Mateo Reyes", "Mateo", "Reyes", None)],
                )
            ],
        ),
    ],
    "two of one family, two ages": [
        Report(
            "a",
            [Line("Anton Reyes, 17, died at the east pier.", people=[("Anton Reyes", "Anton", "Reyes", None)])],
        ),
        Report(
            "b",
            [Line("Mateo Reyes, 45, was wounded at the east pier.", people=[("Mateo Reyes", "Mateo", "Reyes", None)])],
        ),
    ],
    "alias Steve/Steven": [
        Report(
            "a",
            [
                Line(
                    "US envoy Steven Witkoff met Vladimir Putin in Moscow.",
                    people=[("Steven Witkoff", "Steven", "Witkoff", "US envoy")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "US Special Envoy Steve Witkoff met Vladimir Putin in Moscow.",
                    people=[("Steve Witkoff", "Steve", "Witkoff", "US Special Envoy")],
                )
            ],
        ),
    ],
    "alias Katherine/Kate and an initial": [
        Report(
            "a",
            [
                Line(
                    "Agency spokesperson Katherine Voss said there was no toxic release.",
                    people=[("Katherine Voss", "Katherine", "Voss", "Agency spokesperson")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Agency spokesperson Kate Voss said there was no toxic release.",
                    people=[("Kate Voss", "Kate", "Voss", "Agency spokesperson")],
                )
            ],
        ),
        Report(
            "c",
            [
                Line(
                    "Agency spokesperson K. Voss said there was no toxic release.",
                    people=[("K. Voss", "K.", "Voss", "Agency spokesperson")],
                )
            ],
        ),
    ],
    "same surname, different roles": [
        Report(
            "a",
            [
                Line(
                    "Tomas Brandt, chief executive of the Port Authority, said the harbour stays shut.",
                    people=[("Tomas Brandt", "Tomas", "Brandt", "chief executive of the Port Authority")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Piet Brandt, chairman of the Veltmar Dockworkers' Union, demanded compensation.",
                    people=[("Piet Brandt", "Piet", "Brandt", "chairman of the Veltmar Dockworkers' Union")],
                )
            ],
        ),
    ],
    "relatives named in both reports": [
        Report(
            "a",
            [
                Line(
                    "The victim, John Smith, was shot outside the home he shared with Mary Smith.",
                    people=[("John Smith", "John", "Smith", None), ("Mary Smith", "Mary", "Smith", None)],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "The victim, Mary Smith, was shot outside the home she shared with John Smith.",
                    people=[("Mary Smith", "Mary", "Smith", None), ("John Smith", "John", "Smith", None)],
                )
            ],
        ),
    ],
    "different speakers, different claims": [
        _quote("a", "Katherine Voss", "Katherine", "Voss", "Agency spokesperson", "There was no toxic release at all"),
        _quote("b", "Jonas Hale", "Jonas", "Hale", "Fire commander", "The clean-up could take several weeks now"),
    ],
    "approximation": [
        _hospital("a", "14 dock workers", 14),
        _hospital("b", "about 14 dock workers", 14, {"approx": "about"}),
    ],
    "rounding": [_hospital("a", "5,000 dock workers", 5000), _hospital("b", "5,012 dock workers", 5012)],
    "range": [
        _hospital("a", "10 to 12 dock workers", 11, {"low": 10, "high": 12}),
        _hospital("b", "11 dock workers", 11),
    ],
    "rate per hour against per day": [
        Report(
            "a",
            [
                Line(
                    "Styrene escaped at a rate of 3,000 litres per hour from the damaged valve.",
                    figures=[("3,000 litres", 3000, "litres", {"rate": "hour"})],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Styrene escaped at a rate of 72,000 litres a day from the damaged valve.",
                    figures=[("72,000 litres", 72000, "litres", {"rate": "day"})],
                )
            ],
        ),
    ],
    "same date in other words": [_leak("a", "Tuesday", "2026-03-03"), _leak("b", "March 3", "2026-03-03")],
    "two places named in both": [
        Report(
            "a",
            [Line("The tanker moved from Pier 7 towards Pier 2 in the east harbour on Tuesday.", places=["Pier 7"])],
        ),
        Report(
            "b",
            [Line("The tanker moved from Pier 7 towards Pier 2 in the east harbour on Tuesday.", places=["Pier 2"])],
        ),
    ],
    "a middle name used as the given name": [
        Report(
            "a",
            [
                Line(
                    "Fernando Felix Solano, 16, was found on the hillside in the park.",
                    people=[("Fernando Felix Solano", "Fernando", "Solano", None)],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Felix Solano, 16, was found dead on the hillside in the park.",
                    people=[("Felix Solano", "Felix", "Solano", None)],
                )
            ],
        ),
        Report(
            "c",
            [
                Line(
                    "Fernando Solano, 16, was found dead on the hillside in the park.",
                    people=[("Fernando Solano", "Fernando", "Solano", None)],
                )
            ],
        ),
    ],
    "a middle name used as the given name of one official": [
        Report(
            "a",
            [
                Line(
                    "Fire brigade commander Fernando Felix Hale said crews worked through the night.",
                    people=[("Fernando Felix Hale", "Fernando", "Hale", "Fire brigade commander")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Fire brigade commander Felix Hale said the clean-up could take weeks.",
                    people=[("Felix Hale", "Felix", "Hale", "Fire brigade commander")],
                )
            ],
        ),
    ],
    "two sisters of one family": [
        Report(
            "a",
            [
                Line(
                    "His 18-year-old sister Kaitlin Buckner died later in hospital, police said.",
                    people=[("Kaitlin Buckner", "Kaitlin", "Buckner", "18-year-old sister")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "A neighbour said that his little sister Emma Buckner was learning how to write.",
                    people=[("Emma Buckner", "Emma", "Buckner", "little sister")],
                )
            ],
        ),
    ],
    "initials used as a given name": [
        Report(
            "a",
            [
                Line(
                    "University police chief Gregory T. Fowler identified the shooter on Friday.",
                    people=[("Gregory T. Fowler", "Gregory", "Fowler", "University police chief")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "University police chief JT Fowler identified the suspect on Friday.",
                    people=[("JT Fowler", "JT", "Fowler", "University police chief")],
                )
            ],
        ),
    ],
    "one letter spelled differently": [
        Report(
            "a",
            [
                Line(
                    "Perez's mother, Jeannette Segarra, said she could not understand it.",
                    people=[("Jeannette Segarra", "Jeannette", "Segarra", "Perez's mother")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Perez's mother, Jeanette Segarra, said she could not understand it at all.",
                    people=[("Jeanette Segarra", "Jeanette", "Segarra", "Perez's mother")],
                )
            ],
        ),
    ],
    "a negation inside a side clause": [
        Report("a", [Line("The child was taken to Arkansas Children's Hospital in serious condition, police said.")]),
        Report(
            "b",
            [
                Line(
                    "The child, whom police did not identify, was taken to Arkansas Children's Hospital "
                    "in serious condition."
                )
            ],
        ),
    ],
    "part of a group written after the number": [
        Report(
            "a",
            [
                Line(
                    "Four other children were home in the house when the shooting happened.",
                    figures=[("Four other children", 4, "children", {})],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Six children were home in the house when the shooting happened, police said.",
                    figures=[("Six children", 6, "children", {})],
                )
            ],
        ),
    ],
    "a place inside a place of the same name": [
        Report(
            "a",
            [
                Line(
                    "A 2-year-old girl shot herself in the head inside a Sacramento County house on Monday.",
                    places=["Sacramento County"],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "A 2-year-old girl shot herself in the head inside a South Sacramento house on Monday.",
                    places=["South Sacramento"],
                )
            ],
        ),
    ],
    "not yet done, then done a week later": [
        Report(
            "a",
            [Line("The man fled before police arrived, and no arrest had been made in the shooting.")],
            published_at="2017-02-01T12:00:00Z",
        ),
        Report(
            "b",
            [Line("The man fled before police arrived, and an arrest has been made in the shooting.")],
            published_at="2017-02-10T12:00:00Z",
        ),
    ],
    "a short everyday question from two people": [
        _quote("a", "Melvin Jackson", "Melvin", "Jackson", "Neighbour", "Why would somebody do something like this"),
        _quote("b", "Melvin Powell", "Melvin", "Powell", "Pastor", "Who would do something like this"),
    ],
    "US and U.S.": [
        Report(
            "a",
            [
                Line(
                    "Obama asked Sanjay Gupta to serve as the U.S. surgeon general, a Democrat said on Tuesday.",
                    places=["U.S."],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Obama asked Sanjay Gupta to serve as the US surgeon general, a Democrat said on Tuesday.",
                    places=["US"],
                )
            ],
        ),
    ],
    "a country and a town in it": [
        Report(
            "a",
            [
                Line(
                    "Two leaders of a polygamous community in Canada were arrested and charged on Wednesday.",
                    places=["Canada"],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Two leaders of a polygamous community in Bountiful were arrested and charged on Wednesday.",
                    places=["Bountiful"],
                )
            ],
        ),
    ],
    "two scores of one game": [
        Report(
            "a",
            [
                Line(
                    "The Colts built a 14-0 lead in the first quarter of the game at home.",
                    figures=[("14-0 lead", 14, "lead", {})],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "The Colts built a 17-7 lead in the first half of the game at home.",
                    figures=[("17-7 lead", 17, "lead", {})],
                )
            ],
        ),
    ],
    "judge and justice, prosecutor and district attorney": [
        Report(
            "a",
            [
                Line(
                    "Judge Vincent Del Giudice and Prosecutor David Rossi met in court on Monday.",
                    people=[
                        ("Vincent Del Giudice", "Vincent", "Del Giudice", "Judge"),
                        ("David Rossi", "David", "Rossi", "Prosecutor"),
                    ],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Justice Vincent Del Giudice heard Assistant District Attorney David Rossi on Monday.",
                    people=[
                        ("Vincent Del Giudice", "Vincent", "Del Giudice", "Justice"),
                        ("David Rossi", "David", "Rossi", "Assistant District Attorney"),
                    ],
                )
            ],
        ),
    ],
    "a middle initial used as the given name": [
        Report(
            "a",
            [
                Line(
                    "Surgeon general nominee Regina M. Benjamin founded a rural clinic in Alabama.",
                    people=[("Regina M. Benjamin", "Regina", "Benjamin", "Surgeon general nominee")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Surgeon general nominee M. Benjamin founded a rural health clinic in Alabama.",
                    people=[("M. Benjamin", "M.", "Benjamin", "Surgeon general nominee")],
                )
            ],
        ),
    ],
    "not only ... but": [
        Report("a", [Line("A Navy warship on Saturday repulsed an attack on a merchant vessel in the Gulf of Aden.")]),
        Report(
            "b",
            [
                Line(
                    "A Navy warship on Saturday not only repulsed an attack on a merchant vessel in the Gulf "
                    "of Aden but nabbed 23 pirates."
                )
            ],
        ),
    ],
    "a title inside an organisation's name": [
        Report(
            "a",
            [
                Line(
                    "Nixon ordered interim FBI director L. Patrick Gray to fire Felt five times.",
                    people=[("L. Patrick Gray", "Patrick", "Gray", "interim FBI director")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "The president chose a politically loyal Justice Department official, L. Patrick Gray.",
                    people=[("L. Patrick Gray", "Patrick", "Gray", "politically loyal Justice Department official")],
                )
            ],
        ),
    ],
    "a country name used as an adjective": [
        Report(
            "a",
            [
                Line(
                    "Vodafone's mobile service in Egypt has been affected by the cable failure, Bloomberg said.",
                    places=["Egypt"],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Vodafone's mobile service has been affected by the cable failure, said a spokesman for "
                    "the U.K. company.",
                    places=["U.K."],
                )
            ],
        ),
    ],
    "a sum and its conversion": [  # the extractor reads only the bracketed sum of '$US1 million ($1.52 million)'
        Report(
            "a",
            [
                Line(
                    "Damage to the church was estimated at $US1 million ($1.52 million), authorities said.",
                    figures=[("$1.52 million", 1_520_000, None, {"currency": "USD"})],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Damage to the church was estimated at $1 million, authorities said on Monday.",
                    figures=[("$1 million", 1_000_000, None, {"currency": "USD"})],
                )
            ],
        ),
    ],
    "a title inside a quotation": [
        Report(
            "a",
            [
                Line(
                    "President Barack Obama announced plans on Tuesday to resume full scientific reviews.",
                    people=[("Barack Obama", "Barack", "Obama", "President")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    'A spokesman said at the time: "As president, Senator Barack Obama will fight for it."',
                    people=[("Barack Obama", "Barack", "Obama", "Senator")],
                    quotes=[("As president, Senator Barack Obama will fight for it.", "spokesman")],
                )
            ],
        ),
    ],
    "lawyer and defense attorney": [
        Report(
            "a",
            [
                Line(
                    "Joseph Gutheinz, Bentley's defense attorney, said his client was devastated.",
                    people=[("Joseph Gutheinz", "Joseph", "Gutheinz", "Bentley's defense attorney")],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "His lawyer Joe Gutheinz said his client heard the sirens.",
                    people=[("Joe Gutheinz", "Joe", "Gutheinz", "lawyer")],
                )
            ],
        ),
    ],
    "two ages of two men in one article": [
        Report(
            "a",
            [
                Line(
                    "A 36 year old man called Corpus Christi police after he heard four gunshots fired outside "
                    "his home, located in the 1300 block of Aswan Drive.",
                    figures=[("36 year", 36, "year", {})],
                ),
                Line(
                    "A 35 year old man called Corpus Christi police after two men armed with guns entered his "
                    "home, located in the 2500 block of Crews Street.",
                    figures=[("35 year", 35, "year", {})],
                ),
            ],
        ),
        Report("b", [Line("Police in Corpus Christi are investigating two break-ins this week.")]),
    ],
    "part of a group against the whole": [
        Report(
            "a",
            [
                Line(
                    "The other eight people in the Dallas group were detained for questioning.",
                    figures=[("eight people", 8, "people", {})],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "The nine people in the Dallas group were all detained for questioning.",
                    figures=[("nine people", 9, "people", {})],
                )
            ],
        ),
    ],
    "non-life-threatening injuries": [
        Report("a", [Line("The other three victims were taken to Albany Med with non-life threatening injuries.")]),
        Report("b", [Line("The other three victims were taken to Albany Med with their injuries.")]),
    ],
    "as-yet unidentified": [
        Report("a", [Line("An as-yet unidentified man was shot near the school on Friday night.")]),
        Report("b", [Line("A man was shot near the school on Friday night, police said.")]),
    ],
    "one written date resolved against two publication years": [
        Report(
            "a",
            [
                Line(
                    "Police were called to a shooting at Wolfe Enterprises on April 28 around 3 a.m.",
                    dates=[("April 28", "2013-04-28", "day", None)],
                )
            ],
        ),
        Report(
            "b",
            [
                Line(
                    "Police were called to a shooting at Wolfe Enterprises around 3 a.m. on April 28.",
                    dates=[("April 28", "2016-04-28", "day", None)],
                )
            ],
        ),
    ],
}


@pytest.mark.parametrize("case", sorted(NOT_FLAGGED))
def test_check_does_not_flag_look_alikes(embedder, case):
    result = _run(embedder, *NOT_FLAGGED[case])
    assert [(c.kind, c.explanation) for c in result.contradictions] == []


def test_reference_point_is_at_most_a_low_note(embedder):
    reports = [
        Report(
            "a",
            [Line("The conflict has persisted since 2014, officials said.", dates=[("2014", "2014", "year", None)])],
        ),
        Report(
            "b",
            [
                Line(
                    "The conflict has persisted since February 2022, officials said.",
                    dates=[("February 2022", "2022-02", "month", None)],
                )
            ],
        ),
    ]
    assert _run(embedder, *reports).contradictions == ()
    low = _run(embedder, *reports, min_confidence=0.0).contradictions
    assert all((c.kind, c.severity) == ("date", "low") for c in low)  # a note at most, never high


def test_syndicated_copy_that_changes_a_figure_is_flagged(embedder):
    result = _run(embedder, _hospital("a", "14 dock workers", 14), _hospital("b", "13 dock workers", 13, dup="a"))
    assert [(c.kind, c.syndicated) for c in result.contradictions] == [("number", True)]


def _spokesperson(article_id: str, family: str, given: str = "Marta", role: str = "police spokesperson") -> Report:
    text = f"The search resumed at dawn, {role} {given} {family} said."
    return Report(article_id, [Line(text, people=[(f"{given} {family}", given, family, role)])])


def test_person_name_family_spelled_one_letter_apart_is_a_low_finding(embedder) -> None:
    result = _run(embedder, _spokesperson("a", "Kovaro"), _spokesperson("b", "Kovara"), _spokesperson("c", "Kovaro"))
    [found] = [c for c in result.contradictions if c.kind == "person-name"]
    assert found.severity == "low"
    assert {side.value for side in found.sides} == {"Marta Kovaro", "Marta Kovara"}


@pytest.mark.parametrize(
    "other",
    [
        _spokesperson("b", "Kovara", given="Lena"),  # another given name: another person
        _spokesperson("b", "Kovara", role="harbour master"),  # another title: another person
        _spokesperson("b", "Kolaxa"),  # two letters apart: another name
    ],
)
def test_person_name_spelling_look_alikes_are_left_alone(embedder, other: Report) -> None:
    result = _run(embedder, _spokesperson("a", "Kovaro"), other)
    assert [c for c in result.contradictions if c.kind == "person-name"] == []


def test_person_name_spacing_of_a_family_name_is_no_spelling_conflict(embedder) -> None:
    """'Del Giudice' / 'DelGiudice': one spelling, written with and without the space."""
    result = _run(embedder, _spokesperson("a", "Del Kovaro"), _spokesperson("b", "DelKovaro"))
    assert [c for c in result.contradictions if c.kind == "person-name"] == []
    spelled = _run(embedder, _spokesperson("a", "Del Kovaro"), _spokesperson("b", "DelKovara"))
    assert [c.kind for c in spelled.contradictions] == ["person-name"]


def test_a_changed_count_of_the_others_is_compared_with_the_others_count(embedder) -> None:
    """'The two other victims' against 'the 5 other victims': a part against a part of one group is one
    measure (a part against the total is not, see NOT_FLAGGED)."""
    text = "The {} other crew members later turned up at the harbour clinic to be treated."
    a = Line(text.format("two"), figures=[("two other crew members", 2, "crew members", {})])
    b = Line(text.format("5"), figures=[("5 other crew members", 5, "crew members", {})])
    result = _run(embedder, Report("a", [a]), Report("b", [b], dup_group="a"))
    assert [c.kind for c in result.contradictions] == ["number"], [c.explanation for c in result.contradictions]
