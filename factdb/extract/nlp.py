"""spaCy, when the ``nlp`` extra is installed: person, organisation and place names,
and a second opinion on sentence boundaries. Without it, every caller falls back on
rules; nothing here is required.
"""

from __future__ import annotations

import functools
from typing import Any

from factdb.extract.names import Mention

MODELS = {"fr": "fr_core_news_sm", "en": "en_core_web_sm"}
_NAME_LABELS: dict[str, str | None] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": None,
}
_PLACE_LABELS = {"LOC", "GPE"}


@functools.cache
def model(lang: str) -> Any | None:
    """The small spaCy pipeline for ``lang``, or None when spaCy or the model is missing."""
    name = MODELS.get(lang)
    if name is None:
        return None
    try:
        import spacy

        return spacy.load(name, disable=["lemmatizer"])
    except (ImportError, OSError, ValueError):  # not installed, or built for another spaCy
        return None


def available(lang: str) -> bool:
    return model(lang) is not None


def _loaded(lang: str) -> Any:
    """The pipeline of a language its callers checked was ``available``."""
    pipeline = model(lang)
    assert pipeline is not None, f"no spaCy pipeline for {lang}: check available() first"
    return pipeline


def sentence_starts(lang: str, paragraph: str) -> set[int]:
    """Offsets in ``paragraph`` where spaCy starts a sentence."""
    return {sentence.start_char for sentence in _loaded(lang)(paragraph).sents}


def names(lang: str, text: str) -> list[tuple[Mention, str]]:
    """Names spaCy recognises in ``text``, each with the actor kind it suggests."""
    found = []
    for entity in _loaded(lang)(text).ents:
        kind = "state" if entity.label_ in _PLACE_LABELS else _NAME_LABELS.get(entity.label_)
        if kind is None:
            continue
        if len(entity.text.strip()) > 2 and entity.text[:1].isupper():
            found.append((Mention(entity.start_char, entity.end_char, entity.text), kind))
    return found
