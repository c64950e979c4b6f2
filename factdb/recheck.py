"""The date on which a new claim about something still to come is checked again.

An announced or possible claim about a period after its source's publication cannot
be checked yet; it gets a ``recheck_on`` date, the end of that period or the day a
rate is announced to apply from (factdb.due lists the claims whose date has come).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from factdb.dates import DateSpec, period_end
from factdb.figures import FigureSpec

FORWARD_MODALITIES = ("announced", "possible")

# Words that put a rate in force from a date: "from 1 September", "à partir du 1er".
_FROM = re.compile(
    r"^\s*(from|starting|as of|beginning|effective|à partir d|a partir d|dès|des le)\b",
    re.IGNORECASE,
)


def default_recheck(
    modality: str,
    dates: Iterable[DateSpec],
    figures: Iterable[FigureSpec],
    published: dt.date | None,
) -> dt.date | None:
    """The re-check date a new claim gets, or None.

    An announced or possible claim whose about-date starts after its source's
    publication is due at the end of that period ("le mois prochain" in an article of
    12 July 2025: 31 August 2025); a rate announced from a date is due on that date.
    Several such dates: the earliest.
    """
    if modality not in FORWARD_MODALITIES or published is None:
        return None
    rate = any(f.per for f in figures)
    due = [
        d.value if rate and _FROM.match(d.text or "") else period_end(d.value, d.precision)
        for d in dates
        if d.role == "about" and d.value is not None and d.value > published
    ]
    return min((d for d in due if d is not None), default=None)
