"""Reading an article file for extraction, refusing what is not one article's text.

The text is normalised the way the ledger stores a source's text (NFC, stripped) and
with line ends made "\\n", so the offsets of candidates point at the same characters
in the review file, in the database and in the reviewer's editor.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from factdb.errors import InvalidInput

# A long feature is 100,000 characters; five times that is a book or a dump, and would
# take a minute to extract and a reviewer a week to read: refuse it, and say so.
MAX_ARTICLE = 500_000
# UTF-8 needs at most 4 bytes a character: a larger file cannot be within the limit.
MAX_FILE_BYTES = MAX_ARTICLE * 4
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_article(path: Path) -> str:
    """The text of ``path``, or InvalidInput naming the problem and what to do."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(_too_long(path, f"{size / 1e6:.1f} MB"))
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a directory: give the article's text file") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None
    return article_text(raw, str(path))


def article_text(raw: bytes, name: str) -> str:
    """Decode and check an article's bytes; ``name`` says where they came from."""
    if b"\x00" in raw:
        raise InvalidInput(f"{name} contains NUL bytes: it is a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{name} is not UTF-8 (byte {error.start}): re-save the article as UTF-8"
        ) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise InvalidInput(f"{name} is empty: give a file with the article's text")
    control = _CONTROL.search(text)
    if control:
        raise InvalidInput(
            f"{name} has a control character (U+{ord(control.group()):04X}) at character "
            f"{control.start()}: is it a text file? remove it and retry"
        )
    if len(text) > MAX_ARTICLE:
        raise InvalidInput(_too_long(name, f"{len(text):,} characters"))
    return text


def _too_long(name: object, size: str) -> str:
    return (
        f"{name} is {size}, over the {MAX_ARTICLE:,} characters factdb extract reads: "
        "extract one article at a time"
    )
