"""Causes: whether a sentence gives its event's cause or says the cause is not known."""

from __future__ import annotations

import pytest

STATED = [
    ("Officials said that the crash occurred due to technical glitch.", "crash", "due to technical glitch"),
    ("The fire was caused by an electrical fault, officials said.", "fire", "caused by an electrical fault"),
    ("The plane crashed because of engine failure.", "crash", "because of engine failure"),
    ("A blaze caused by a discarded cigarette destroyed the barn.", "fire", "caused by a discarded cigarette"),
    ("The crash was blamed on a faulty sensor.", "crash", "blamed on a faulty sensor"),
    ("The cause of the explosion was a gas leak, the report found.", "explosion", "a gas leak"),
]
UNKNOWN = [
    ("The cause of the crash is currently unknown.", "crash"),
    ("It was not immediately clear what caused the crash.", "crash"),
    ("The cause of the fire has not been determined.", "fire"),
    ("Investigators have not yet determined what caused the collapse.", "collapse"),
    ("The cause of the blast remains unclear.", "explosion"),
    ("The cause of the fire is yet to be determined.", "fire"),
    ("Officials have not determined the cause of the fire.", "fire"),
    ("What caused the crash remains unclear.", "crash"),
    ("What caused the fire is still unknown, officials said.", "fire"),
]
NEITHER = [
    "The crash may have been caused by bad weather.",  # a guess
    "Investigators suspect the fire was caused by faulty wiring.",  # a guess
    "Police said the crash was not caused by speeding.",  # a cause denied is no cause given
    "The cause of the fire is under investigation.",  # an inquiry runs even when a cause is given
    "Officials did not say what caused the fire.",  # withheld, not unknown
    "The cause of death has not been determined.",  # an autopsy's timing, not the event's cause
    "The flight was delayed due to fog.",  # not an event this reads
    "Investigators are still trying to determine the cause of the crash.",  # an inquiry, not 'unknown'
    "What caused the crash was a faulty sensor, the report found.",  # a cause given (not read this way)
    "It does not sound like a fire caused by a cigarette in bed.",  # an impression, denied
]


@pytest.mark.parametrize(("text", "event", "words"), STATED)
def test_cause_stated(extract, text, event, words):
    found = extract(text).causes
    assert [(c.event, c.state) for c in found] == [(event, "stated")], found
    assert text[found[0].start : found[0].end] == words


@pytest.mark.parametrize(("text", "event"), UNKNOWN)
def test_cause_unknown(extract, text, event):
    found = extract(text).causes
    assert [(c.event, c.state) for c in found] == [(event, "unknown")], found


@pytest.mark.parametrize("text", NEITHER)
def test_cause_not_read(extract, text):
    assert extract(text).causes == ()
