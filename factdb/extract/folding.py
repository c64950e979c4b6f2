"""A case- and accent-free copy of a text with the same length, so that patterns can be
written once in plain lower-case ASCII while every match keeps offsets into the original."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Quotes, dashes and spaces that should read as their plain forms in patterns.
_PLAIN = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}  # fmt: skip


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _PLAIN:
        return _PLAIN[char]
    lower = char.lower()
    if len(lower) != 1:
        return char
    base = unicodedata.normalize("NFKD", lower)
    # "é" → "e", but "½" stays "½": only a letter with combining marks loses them.
    if len(base) > 1 and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:]):
        return base[0]
    return lower


def fold(text: str) -> str:
    """Lower case without accents, plain quotes and spaces; ``len(fold(t)) == len(t)``."""
    return text.translate({ord(c): _fold_char(c) for c in set(text)})
