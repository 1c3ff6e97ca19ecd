"""Quotes: direct and indirect shapes, speakers resolved to full names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "verb"),
    [
        (
            'Harbour Minister Ilse Marten arrived. "The situation is under control," said Marten.',
            "The situation is under control",
            "Ilse Marten",
            "said",
        ),
        (
            "Fire chief Jonas Hale spoke. “We are cooling the hull,” Hale said.",
            "We are cooling the hull",
            "Jonas Hale",
            "said",
        ),
        ('Kate Voss said: "There has been no toxic release."', "There has been no toxic release", "Kate Voss", "said"),
        (
            "This dialogue, described as “constructive” by Putin’s aide, Yuri Ushakov, signals a shift.",
            "constructive",
            "Yuri Ushakov",
            "described as",
        ),
        (
            "Kremlin spokesman Dmitry Peskov’s comments suggesting that “no breakthroughs” are expected "
            "indicate a hesitancy.",
            "no breakthroughs",
            "Dmitry Peskov",
            "suggesting",
        ),
        (
            "President Donald Trump’s recent social media statements urging Russia to “get moving on a "
            "ceasefire” underscore the pressure.",
            "get moving on a ceasefire",
            "Donald Trump",
            "urging",
        ),
        (
            'The spill is contained, "for now", according to Tomas Brandt of the port.',
            "for now",
            "Tomas Brandt",
            "according to",
        ),
        (
            'Piet Brandt, chairman of the union, was angry. "Nobody has told us when we can go home," he said.',
            "Nobody has told us when we can go home",
            "Piet Brandt",
            "said",
        ),
    ],
)
def test_quotes_speaker_and_verb(extract, text, quote, speaker, verb):
    quotes = [q for q in extract(text).quotes if q.text == quote]
    assert quotes, extract(text).quotes
    assert (quotes[0].speaker, quotes[0].verb) == (speaker, verb)
    assert text[quotes[0].start : quotes[0].end] == quote


def test_quotes_continue_previous_speaker(extract):
    text = '"The situation is under control," said Ilse Marten. "Our priority is safety."'
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Ilse Marten", "Ilse Marten"]


def test_quotes_ambiguous_pronoun_stays_unresolved(extract):
    text = 'Jonas Hale met Katherine Voss and Tomas Brandt. "We are ready," she said.'
    assert extract(text).quotes[0].speaker == "she"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the last named speaker of the paragraph before, nobody else named since
        (
            "Mayor Ines Falk told reporters she would stay at the quay until the last boat was in.\n\n"
            '"We owe these families an answer," she said.',
            "We owe these families an answer",
            "Ines Falk",
        ),
        # the named speaker of the quote just before, in the same paragraph
        (
            'The ferry had left at dawn. "We sailed together from Crale," Ruben Osei added. "The others stayed '
            'behind in the harbour office until noon," he said.',
            "The others stayed behind in the harbour office until noon",
            "Ruben Osei",
        ),
    ],
)
def test_he_said_goes_to_the_last_named_speaker(extract, text, quote, speaker):
    found = [q for q in extract(text).quotes if q.text == quote]
    assert found and found[0].speaker == speaker, extract(text).quotes


def test_he_said_stays_unattributed_when_two_people_were_named_since(extract):
    text = (
        "Mayor Ines Falk told reporters the quay would reopen.\n\nShe met harbourmaster Tomas Brandt and "
        "union leader Piet Albers at noon.\n\n" + '"Nobody will be left behind," he said.'
    )
    [quote] = [q for q in extract(text).quotes if q.text.startswith("Nobody")]
    assert quote.speaker not in {"Ines Falk", "Tomas Brandt", "Piet Albers"}


@pytest.mark.parametrize(
    "text",
    [
        'The harbour poet Anna Vell wrote the "Song of the Molvin Pier" in 1911 after the great flood.',
        'The choir sang the anthem "Rise Over Hartwell" before the mayor spoke.',
        'Her novel "Salt on the Quay" was read aloud at the vigil on Friday evening.',
    ],
)
def test_titles_of_songs_films_and_books_are_not_quotes(extract, text):
    assert extract(text).quotes == ()


def test_a_quoted_phrase_after_called_is_still_a_quote(extract):
    text = 'The mayor said the search, which she called her "top priority", would go on through the night.'
    assert [q.text for q in extract(text).quotes] == ["top priority"]
