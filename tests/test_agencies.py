"""The agency an article credits for its text, read from its outlet, byline, dateline or credit line."""

from __future__ import annotations

import pytest

from crosswire.agencies import credited_agencies, wire_agency
from crosswire.model import Article

BODY = (
    "The ferry ran aground on the sandbar at low tide.\nNo one was hurt, the coastguard said.\nTugs freed it by noon."
)


def _article(text: str = BODY, **fields: str) -> Article:
    return Article("x", text, **fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"source": "Lakeside Ledger (Reuters)"}, {"Reuters"}),
        ({"source": "Portmere Online (Reuters video)"}, {"Reuters"}),
        ({"source": "AP News"}, {"AP"}),
        ({"author": "PTI"}, {"PTI"}),
        ({"author": "By Agence France-Presse"}, {"AFP"}),
        ({"source": "Lakeside Ledger", "author": "Mara Quill"}, set()),
        ({"source": "Apex Daily"}, set()),  # "AP" only as a whole word, in its own case
    ],
)
def test_credited_agencies_reads_the_outlet_and_the_byline(fields: dict[str, str], expected: set[str]) -> None:
    assert credited_agencies(_article(**fields)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VELTMAR, Mar 3 (PTI) - " + BODY, {"PTI"}),
        ("VELTMAR, Mar. 3 (PTI) The ferry ran aground.\nTugs freed it.", {"PTI"}),
        ("PORTMERE (AP) — " + BODY, {"AP"}),
        ("AFP - " + BODY, {"AFP"}),
        (BODY + "\n(With inputs from PTI and Reuters)", {"PTI", "Reuters"}),
        (BODY + " (AFP)", {"AFP"}),
        (BODY + "\n— Xinhua", {"Xinhua"}),
        (BODY + "\nIANS", {"IANS"}),
        ("Source: Xinhua\n" + BODY, {"Xinhua"}),
        (BODY, set()),
        ("Reuters could not verify the account.\n" + BODY, set()),  # a name in running text is no credit
        ("The ferry aground at dawn.(Reuters)\nx\ny\n" + BODY, set()),  # a caption's credit mid-text
        ("A view of the sandbar (AP Photo/Ilse Marten)\n" + BODY, set()),
    ],
)
def test_credited_agencies_reads_datelines_and_credit_lines(text: str, expected: set[str]) -> None:
    assert credited_agencies(_article(text)) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "The harbour master told AFP that the channel would reopen.",
        "The channel will reopen on Friday, AFP reported.",
        "The channel will reopen on Friday, according to AFP.",
        "The channel will reopen on Friday, the AFP news agency quoting the harbour master said.",
    ],
)
def test_an_attribution_counts_only_in_the_passage_paragraph(paragraph: str) -> None:
    text = BODY + "\n" + paragraph + "\nDivers checked the hull."
    article = _article(text)
    assert credited_agencies(article, [text.index(paragraph) + 5]) == {"AFP"}
    assert credited_agencies(article, [0]) == set()
    assert credited_agencies(article) == set()


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        ([{"PTI"}, set(), set()], "PTI"),
        ([{"PTI"}, {"PTI", "Reuters"}], "PTI"),
        ([{"PTI"}, {"AFP"}], None),  # two agencies equally often: not clear whose text it is
        ([set(), set()], None),
        ([], None),
    ],
)
def test_wire_agency_is_the_one_most_carriers_credit(credits: list[set[str]], expected: str | None) -> None:
    assert wire_agency([frozenset(c) for c in credits]) == expected
