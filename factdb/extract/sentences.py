"""Sentences with their character offsets into the article, so every candidate claim
can point back at the exact words it came from.

Rules do the splitting: a line break always ends a sentence (headlines and paragraphs
carry no full stop), and ".", "!", "?" or "…" ends one when the next word starts a new
sentence, except after an abbreviation ("M.", "Dr.", "U.S."), an initial ("J. Smith")
or inside an open quotation (« … », “ … ”). spaCy, when the ``nlp`` extra is installed,
can only veto a rule boundary it disagrees with: the small models alone split names
("Kim Jong Un") and quotes apart, so they are never trusted to add a boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factdb.extract.words import word_set

# Lower-cased, without the final period; words that take a period and rarely end a sentence.
ABBREVIATIONS = word_set(
    """
    m mm mme mmes mlle mlles dr pr me mgr st ste cf p pp vol chap env etc art al av apr
    j.-c fig no nos vs mr mrs ms prof gen col lt sgt rep sen gov jr sr inc ltd co corp
    dept est approx jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n
    """
)

_OPENERS = {"«": "»", "“": "”"}
_CLOSERS = "»”\"'’)]"
_TERMINAL = re.compile(r"[.!?…]+")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence and its place in the article: ``article[start:end] == text``."""

    start: int
    end: int
    text: str


Vetoes = Callable[[str], set[int]]


def split_sentences(text: str, veto: Vetoes | None = None) -> list[Sentence]:
    """Sentences of ``text``, stripped of surrounding spaces, in order.

    ``veto`` maps a paragraph to the offsets (within it) where a statistical
    splitter sees a sentence start; a rule boundary with none nearby is dropped.
    """
    return list(_sentences(text, veto))


def _sentences(text: str, veto: Vetoes | None) -> Iterator[Sentence]:
    for line in re.finditer(r"[^\n]+", text):
        starts = veto(line.group()) if veto is not None else None
        base = line.start()
        begin = 0
        for cut in _boundaries(line.group()):
            if starts is not None and not any(abs(cut - s) <= 2 for s in starts):
                continue
            yield from _stripped(text, base + begin, base + cut)
            begin = cut
        yield from _stripped(text, base + begin, line.end())


def _stripped(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, text[start:end])


def _boundaries(line: str) -> Iterator[int]:
    """Offsets in ``line`` where a new sentence starts after the rules."""
    depth = 0
    position = 0
    for match in _TERMINAL.finditer(line):
        depth += _quote_depth(line[position : match.start()])
        position = match.end()
        end = match.end()
        while end < len(line) and (line[end] in _CLOSERS or line[end] in " \u00a0\u202f"):
            if line[end] in "»”":
                depth = max(0, depth - 1)
            end += 1
        position = end
        if depth > 0 or end >= len(line) or not line[end - 1].isspace():
            continue
        if not _starts_sentence(line[end:]):
            continue
        if match.group() == "." and _abbreviation(line[: match.start()]):
            continue
        yield end


def _quote_depth(segment: str) -> int:
    depth = 0
    for char in segment:
        if char in _OPENERS:
            depth += 1
        elif char in _OPENERS.values():
            depth -= 1
    return depth


def _starts_sentence(rest: str) -> bool:
    first = rest.lstrip("«“\"'‘(— -")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or rest[0] in '«“"')


def _abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    word = match.group(1).lower().strip("'’")
    if len(word) == 1 and word.isalpha():
        return True
    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:\w\.)+\w", word))
