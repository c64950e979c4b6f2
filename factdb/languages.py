"""Telling the language of an imported claim whose source does not say, offline.

py3langid (a maintained fork of langid.py) ships its model inside its PyPI package,
4.6 MB, and classifies a sentence in well under a millisecond once loaded: nothing is
downloaded at run time. The model knows 97 languages, several of them close
neighbours of a common one (Galician of Portuguese, Nigerian Pidgin of English) that
a claim is far less likely to be in; candidates are limited to ``CANDIDATES``, the
languages fact-checkers publish in. A text too short to tell (``MIN_LETTERS``,
``MIN_WORDS``), or one the model is unsure of (``MIN_PROBABILITY``), stays ``und``:
a wrong language is worse than an unknown one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

UNDETERMINED = "und"
MIN_LETTERS = 15
MIN_WORDS = 3
MIN_PROBABILITY = 0.5
# The languages of the IFCN's signatories and of the X-Fact sites.
# fmt: off
CANDIDATES = (
    "af", "am", "ar", "az", "bg", "bn", "bs", "cs", "da", "de", "el", "en", "es", "et", "fa",
    "fi", "fr", "he", "hi", "hr", "hu", "id", "it", "ja", "ka", "kk", "kn", "ko", "lt", "lv",
    "mk", "ml", "mr", "ms", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "si", "sk", "sl",
    "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
)
# fmt: on
_WORD = re.compile(r"\w+")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in CANDIDATES if code in identifier.nb_classes])
    return identifier


def detect(text: str) -> str:
    """The BCP 47 code of ``text``'s language, or ``und`` when it cannot be told."""
    words = _WORD.findall(text)
    letters = sum(1 for c in text if c.isalpha())
    if len(words) < MIN_WORDS or letters < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _identifier().classify(text)
    return code if probability >= MIN_PROBABILITY else UNDETERMINED
