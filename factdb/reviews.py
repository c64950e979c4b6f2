"""Published reviews of a claim: what makes one review the same as another.

A review is the same review when it rates the same claim, comes from the same
publisher (case and accents aside), has the same URL and the same rating (words,
value and scale); its ``key`` is a hash of those, unique in the ledger, so that
importing it again, from the same file or another importer, adds nothing.
"""

from __future__ import annotations

import hashlib

from factdb.validate import name_key


def publisher_key(publisher: str | None) -> str | None:
    """The publisher's name as ``--reviewer`` compares it: case, accents, punctuation folded."""
    return name_key(publisher)[:300] or None if publisher else None


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
    parts = (str(claim_id), publisher_key(publisher) or "", url or "", name_key(rating or ""))
    return hashlib.sha256("\x1f".join((*parts, *numbers)).encode()).hexdigest()
