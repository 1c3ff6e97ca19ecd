from __future__ import annotations

import pytest

from crosswire.text import content_hash, guess_language, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("U. S. -Russia talks", "U.S.-Russia talks"),
        ("the U. S. and Russia", "the U.S. and Russia"),
        ("John F. Kennedy", "John F. Kennedy"),
        ("\u201cconstructive\u201d by Putin\u2019s aide", '"constructive" by Putin\'s aide'),
        ("a\u200bb\ufeffc", "abc"),
        ("too   many\t spaces", "too many spaces"),
        ("one\r\n\r\n\r\n\r\ntwo", "one\n\ntwo"),
        ("\uff21\uff22\uff23 full width", "ABC full width"),
        ("bell\x07 char", "bell char"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_content_hash_is_stable_and_short() -> None:
    assert content_hash("abc") == content_hash("abc")
    assert content_hash("abc") != content_hash("abd")
    assert len(content_hash("abc")) == 16


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said on Tuesday that the harbour was closed and that the ship has left.", "en"),
        ("Der Minister sagte am Dienstag, dass der Hafen geschlossen ist und das Schiff nicht mit uns fährt.", "de"),
        ("Le ministre a dit mardi que le port est fermé et que le navire ne part pas pour la ville.", "fr"),
        ("short", None),
    ],
)
def test_guess_language(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("the ferry鈥檚 deck", "the ferry's deck"),  # UTF-8 ’ read as GBK
        ("鈥淲e will stay,鈥 she said", '"We will stay," she said'),
        ("HARTWELL 鈥 Crews searched", "HARTWELL \u2014 Crews searched"),
        ("the cafÃ© reopened", "the café reopened"),  # UTF-8 read as Windows-1252 (ftfy)
        ("东京 鈥 大阪", "东京 鈥 大阪"),  # a CJK text is left alone
    ],
)
def test_normalize_text_repairs_mojibake(broken: str, fixed: str) -> None:
    assert normalize_text(broken) == fixed
