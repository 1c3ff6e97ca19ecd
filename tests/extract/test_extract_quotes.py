"""Quotes: direct and indirect shapes, speakers resolved to full names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "verb"),
    [
        ('Harbour Minister Ilse Marten arrived. "The situation is under control," said Marten.',
         "The situation is under control", "Ilse Marten", "said"),
        ("Fire chief Jonas Hale spoke. “We are cooling the hull,” Hale said.", "We are cooling the hull",
         "Jonas Hale", "said"),
        ('Kate Voss said: "There has been no toxic release."', "There has been no toxic release", "Kate Voss",
         "said"),
        ("This dialogue, described as “constructive” by Putin’s aide, Yuri Ushakov, signals a shift.",
         "constructive", "Yuri Ushakov", "described as"),
        ("Kremlin spokesman Dmitry Peskov’s comments suggesting that “no breakthroughs” are expected "
         "indicate a hesitancy.", "no breakthroughs", "Dmitry Peskov", "suggesting"),
        ("President Donald Trump’s recent social media statements urging Russia to “get moving on a "
         "ceasefire” underscore the pressure.", "get moving on a ceasefire", "Donald Trump", "urging"),
        ('The spill is contained, "for now", according to Tomas Brandt of the port.', "for now", "Tomas Brandt",
         "according to"),
        ('Piet Brandt, chairman of the union, was angry. "Nobody has told us when we can go home," he said.',
         "Nobody has told us when we can go home", "Piet Brandt", "said"),
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
