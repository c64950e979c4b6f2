"""One rating scale: publishers' ratings onto factdb's verdicts, for every importer and export.

A rating is words (``alternateName``, a Truth-O-Meter label, "Faux") and/or a value
on the publisher's own worst..best scale. The words decide when ``ratings.tsv`` knows
them (exactly, else by their first words: "Faux, cette image montre…" is "faux");
a value counts by its position between worst and best, banded once (``BANDS``,
documented in docs/reviews.md). A rating that maps to nothing keeps its words and
gets no verdict: it is never guessed.

factdb's own verdicts go out on the same scale (``SCALE``, ``LABELS``), so that an
exported verdict read back by ``verdict_for`` is the verdict written.
"""

from __future__ import annotations

import math
from functools import cache
from importlib.resources import files
from typing import Any

from factdb.validate import name_key
from factdb.vocab import VERDICTS

# schema.org's default scale, and factdb's own: 1 false, 2 misleading, 4 mostly true,
# 5 true; an unverifiable claim has a label and no value (it has no place on a scale).
WORST, BEST = 1, 5
SCALE: dict[str, int | None] = {
    "false": 1,
    "misleading": 2,
    "mostly_true": 4,
    "true": 5,
    "unverifiable": None,
}
LABELS = {
    "true": "True",
    "mostly_true": "Mostly true",
    "misleading": "Misleading",
    "false": "False",
    "unverifiable": "Unverifiable",
}
# Where a value sits between worst (0) and best (1): each verdict up to, not including,
# its bound. On 1..5: 1 false, 2-3 misleading, 4 mostly true, 5 true.
BANDS = (
    (0.25, "false"),
    (0.625, "misleading"),
    (0.875, "mostly_true"),
    (math.inf, "true"),
)
# How many first words of a longer label are tried, longest first.
_MAX_PREFIX_WORDS = 6


@cache
def label_map() -> dict[str, str]:
    """The folded label → verdict table shipped as data in ``ratings.tsv``."""
    table: dict[str, str] = {}
    text = files("factdb").joinpath("ratings.tsv").read_text(encoding="utf-8")
    for line_number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, verdict = line.split("\t")
        key = name_key(label)
        if not key or verdict not in VERDICTS or table.get(key, verdict) != verdict:
            raise ValueError(f"ratings.tsv line {line_number}: bad entry {line!r}")
        table[key] = verdict
    return table


def number(value: Any) -> float | None:
    """A rating value written as a JSON number or a string ("1", "2.5", "2,5")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            result = float(value)
        except OverflowError:
            return None
    elif isinstance(value, str):
        try:
            result = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def label_verdict(label: Any) -> str | None:
    """The verdict a rating's words stand for: the whole label, else its first words."""
    if not isinstance(label, str):
        return None
    words = name_key(label).split()
    table = label_map()
    if verdict := table.get(" ".join(words)):
        return verdict
    for size in range(min(len(words) - 1, _MAX_PREFIX_WORDS), 0, -1):
        if verdict := table.get(" ".join(words[:size])):
            return verdict
    return None


def value_verdict(value: Any, best: Any = None, worst: Any = None) -> str | None:
    """The verdict of a value by its position between ``worst`` and ``best``
    (schema.org's 1 and 5 when missing); a reversed scale (1 best) reads the same way."""
    value, best, worst = number(value), number(best), number(worst)
    if value is None:
        return None
    best = BEST if best is None else best
    worst = WORST if worst is None else worst
    if best == worst:
        return None
    position = (value - worst) / (best - worst)
    if not 0 <= position <= 1:  # also NaN, when the scale overflows
        return None
    return next(verdict for bound, verdict in BANDS if position < bound)


def verdict_for(label: Any, value: Any = None, best: Any = None, worst: Any = None) -> str | None:
    """factdb's verdict for a publisher's rating, or None when it maps to nothing.

    The words win: numeric scales differ between publishers, and their words do not
    lie about the verdict. Never raises, whatever it is given.
    """
    return label_verdict(label) or value_verdict(value, best, worst)
