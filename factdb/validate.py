"""Checks on user-supplied values, shared by the library, the CLI and the fixtures loader.

Each raises InvalidInput with a message naming the field, so that the same bad value
gets the same one-line explanation wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal, overload

from factdb.errors import InvalidInput

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional embeddings and overrides (U+202A..U+202E) make text display in another
# order than it is stored ("Trojan Source"); Unicode advises isolates instead.
_BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")


@overload
def clean_text(
    value: str | None, field: str, *, max_length: int, required: Literal[True] = True
) -> str: ...


@overload
def clean_text(value: str | None, field: str, *, max_length: int, required: bool) -> str | None: ...


def clean_text(
    value: str | None, field: str, *, max_length: int, required: bool = True
) -> str | None:
    """Strip ``value`` and reject what no database column should hold."""
    if value is None:
        if required:
            raise InvalidInput(f"{field} is required")
        return None
    if "\x00" in value:
        raise InvalidInput(f"{field} contains a NUL byte: remove it")
    if _CONTROL.search(value):
        raise InvalidInput(f"{field} contains control characters: remove them")
    if found := _BIDI_OVERRIDE.search(value):
        raise InvalidInput(
            f"{field} contains a bidirectional override (U+{ord(found.group()):04X}), which "
            "shows text in another order than it is stored: remove it"
        )
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        if required:
            raise InvalidInput(f"{field} is empty: give some text")
        return None
    if len(value) > max_length:
        raise InvalidInput(
            f"{field} is {len(value)} characters long, over the limit of {max_length}: shorten it"
        )
    return value


def choice(value: str, field: str, allowed: tuple[str, ...]) -> str:
    normalized = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalized not in allowed:
        raise InvalidInput(f"unknown {field} {value!r}: use one of {', '.join(allowed)}")
    return normalized


def parse_day(value: str | dt.date | None, field: str) -> dt.date | None:
    """An ISO calendar date (YYYY-MM-DD), or None."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        raise InvalidInput(f"{field} is empty: give a date, YYYY-MM-DD, or leave it out")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InvalidInput(f"{field} {value!r} is not a date: use YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{field} {value!r} is not a calendar date") from None


def language(value: str, field: str = "language") -> str:
    """A BCP 47 style language tag such as fr, en, pt-BR."""
    text = value.strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", text) or len(text) > 16:
        raise InvalidInput(f"{field} {value!r} is not a language code: use e.g. fr, en, pt-BR")
    primary, _, rest = text.partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


def name_key(name: str) -> str:
    """The form names are compared in: case, accents, hyphens and punctuation folded.

    "Sergueï Lavrov", "SERGUEI LAVROV" and "Kim Jong-un" / "Kim Jong Un" collide, which
    is what a fact-checker typing a name expects.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = re.sub(r"[\W_]+", " ", stripped.casefold())
    return " ".join(folded.split())


def topic_key(topic: str) -> str:
    key = name_key(topic).replace(" ", "-")
    if not key:
        raise InvalidInput(f"topic {topic!r} is empty once punctuation is removed: give a word")
    if len(key) > 100:
        raise InvalidInput(f"topic {topic[:30]!r}… is over 100 characters: shorten it")
    return key


def no_control(text: str, what: str) -> None:
    """Refuse a control character (tab, NUL, escape …) in ``text``, naming it."""
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise InvalidInput(f"{what} {text!r} contains the control character {bad!r}: remove it")


def original_words(text: str, what: str, max_length: int) -> None:
    """Check the words a figure or date was written in, as kept beside its value."""
    if not isinstance(text, str) or not text or text != text.strip():
        raise InvalidInput(f"{what} {text!r} must be non-empty text without outer spaces")
    if len(text) > max_length:
        raise InvalidInput(f"{what} are {len(text)} characters: keep them under {max_length}")
    no_control(text, what)
