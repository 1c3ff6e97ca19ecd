"""Bad input: nothing crashes, and a note says what happened."""

from __future__ import annotations

import pytest

from crosswire.extract import EXTRACTOR_VERSION, extract_articles
from crosswire.model import Article

GERMAN = (
    "Die Regierung hat am Dienstag beschlossen, dass der Hafen geschlossen bleibt. Der Minister sagte, "
    "die Lage sei unter Kontrolle und es gebe keinen Grund zur Sorge. Die Feuerwehr ist mit vielen "
    "Einsatzkräften vor Ort und die Anwohner wurden in Sicherheit gebracht."
)
FRENCH = (
    "Le gouvernement a décidé mardi que le port resterait fermé. Le ministre a déclaré que la situation "
    "était sous contrôle et qu'il n'y avait aucune raison de s'inquiéter pour les habitants de la ville "
    "et pour les travailleurs du port."
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_bad_input_non_english_is_noted_and_skipped(extract, text, code):
    extraction = extract(text)
    assert extraction.language == code
    assert extraction.sentences == () and extraction.claims == ()
    assert any("non-English" in note for note in extraction.notes)


def test_bad_input_language_from_ingest_is_trusted(extract):
    extraction = extract("Short text in English, said to be Dutch.", language="nl")
    assert extraction.language == "nl" and extraction.sentences == ()


@pytest.mark.parametrize("text", ["", "   \n\n  ", "...", "— — —"])
def test_bad_input_no_sentences(extract, text):
    extraction = extract(text)
    assert extraction.sentences == () and extraction.notes


def test_bad_input_very_long_sentence(extract):
    text = " ".join(["the harbour stayed closed while crews worked"] * 450)  # ~20k chars, no full stop
    extraction = extract(text)
    assert extraction.sentences
    assert any("very long" in note for note in extraction.notes)


def test_bad_input_flattened_table(extract):
    text = (
        "Port | Ships | Tonnes | Name Age City John 34 London Mary 28 Paris Veltmar 12 1,800 Lindholt 3 "
        "300 Total 15 2,100\nFactor | Implications |\n---|---|\nMilitary | Troops |"
    )
    extraction = extract(text)
    assert extraction.sentences and not any("failed" in note for note in extraction.notes)


def test_bad_input_odd_unicode(extract):
    text = (
        "Harbour\u200b Minister Ilse\u200d Marten \u202bsaid\u202c 14 dock workers 🚢 were hurt "
        "on Tuesday.\ufeff \u0000 Ünïcödé ﬁne."
    )
    extraction = extract(text, published_at="2026-03-04")
    assert extraction.sentences and not any("failed" in note for note in extraction.notes)
    for item in (*extraction.sentences, *extraction.people, *extraction.figures, *extraction.dates):
        assert text[item.start : item.end] == item.text


def test_bad_input_one_bad_article_does_not_stop_the_others(nlp):
    articles = [
        Article(id="a", text=""),
        Article(id="b", text=GERMAN),
        Article(id="c", text="Fire brigade commander Jonas Hale said 14 dock workers were hurt."),
    ]
    extractions = list(extract_articles(articles, nlp=nlp))
    assert [e.article_id for e in extractions] == ["a", "b", "c"]
    assert all(e.version == EXTRACTOR_VERSION for e in extractions)
    assert extractions[2].figures and extractions[2].people
