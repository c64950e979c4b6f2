"""Published reviews of a claim: what makes one review the same as another, and how
one reads in a line.

A review is the same review when it rates the same claim, comes from the same
publisher (case and accents aside), has the same URL and the same rating (words,
value and scale); its ``key`` is a hash of those, unique in the ledger, so that
importing it again, from the same file or another importer, adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache

from factdb.ratings import BEST, WORST
from factdb.validate import name_key

# An import repeats the same few publishers and ratings thousands of times.
_folded = lru_cache(maxsize=4096)(name_key)


def publisher_key(publisher: str | None) -> str | None:
    """The publisher's name as ``--reviewer`` compares it: case, accents, punctuation folded."""
    return (_folded(publisher)[:300] or None) if publisher else None


def review_key(
    claim_id: int,
    publisher: str | None,
    url: str | None,
    rating: str | None,
    value: float | None,
    best: float | None,
    worst: float | None,
) -> str:
    """The review's identity in the ledger (the ``reviews.key`` column)."""
    numbers = ("" if n is None else repr(float(n)) for n in (value, best, worst))
    parts = (str(claim_id), publisher_key(publisher) or "", url or "", _folded(rating or ""))
    return hashlib.sha256("\x1f".join((*parts, *numbers)).encode()).hexdigest()


def review_line(review: dict, escape: Callable[[str], str] = str) -> str:
    """One published review (its JSON) in words: publisher, date, the rating's words
    and value, the verdict it maps to. ``escape`` readies user text for the output."""
    rating = escape(review["rating"]) if review["rating"] else ""
    if review["rating_value"] is not None:
        worst, best = review["worst_rating"], review["best_rating"]
        scale = f"{WORST if worst is None else worst}..{BEST if best is None else best}"
        value = f"{review['rating_value']} on {scale}"
        rating = f"{rating}, {value}" if rating else value
    publisher = escape(review["publisher"]) if review["publisher"] else "unnamed publisher"
    when = f", {review['published']}" if review["published"] else ""
    verdict = review["verdict"] or "no verdict"
    return f"{publisher}{when}: “{rating or 'no rating'}” → {verdict}"
