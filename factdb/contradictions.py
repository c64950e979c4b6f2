"""Figures that disagree across sources: the numbers an editor should look at first.

Two figures contradict each other when all of these hold:

- they measure the same thing: both name the same quantity key
  (``@nk-troops-in-russia``), or, when neither names one, they are in the same unit
  and the claims share a claimant (a named quantity is compared with itself only).
  Units compare by dimension, converted to the base unit ("15 miles" against
  "30 km"), and rates by converting their periods to a day ("2 flights/week" against
  "1 flight/day");
- both are totals: an increment ("6 000 more soldiers") adds to a total and is never
  compared with one;
- they say the same kind of thing: statements of fact (modality ``asserted`` or
  ``reported``) are compared with each other, a possibility only with possibilities and
  an announcement only with announcements ("could send 30,000" does not contradict
  "has sent 3,000");
- they come from different sources: two claims that only ever appear in one and the
  same source are that source's own wording, not a disagreement between sources;
- they cannot both be true: their intervals (the ones ``--min``/``--max`` use, in the
  base unit) do not overlap. An approximate figure ("~3000") is widened by
  ``APPROXIMATE_MARGIN`` either side first, since "about 3,000" and "3,100" agree;
- they are about overlapping times: when both claims carry an ``about`` date, at
  least one pair of those periods overlaps (troops in 2023 and in 2025 may differ).

Two figures of the same claim never contradict each other. Retracted claims are left
out. Each contradiction says why the pair was compared (``grounds``). The check is
pairwise within each base unit, which is fine at newsroom scale.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.models import Attribution, Claim, FigureRow
from factdb.spec_rows import spec_of

APPROXIMATE_MARGIN = 0.10
# How many of each period make a day, to compare rates over different periods.
PER_DAY = {"hour": 24.0, "day": 1.0, "week": 1 / 7, "month": 12 / 365.25, "year": 1 / 365.25}


@dataclass(frozen=True)
class FigureRef:
    """One figure of one claim; ``position`` is 1-based as ``claims show`` numbers it."""

    claim_id: int
    position: int
    spec: str
    text: str | None
    source_ids: tuple[int, ...]

    def as_dict(self) -> dict:
        return {
            "claim": self.claim_id,
            "figure": self.position,
            "spec": self.spec,
            "text": self.text,
            "sources": list(self.source_ids),
        }


@dataclass(frozen=True)
class Contradiction:
    """Two figures that cannot both be right; ``grounds`` says why they are comparable."""

    figure: FigureRef
    other: FigureRef
    unit: str
    per: str | None
    grounds: tuple[str, ...]
    base_unit: str = ""
    quantity: str | None = None

    def as_dict(self) -> dict:
        return {
            "unit": self.unit,
            "per": self.per,
            "base_unit": self.base_unit,
            "quantity": self.quantity,
            "figure": self.figure.as_dict(),
            "other": self.other.as_dict(),
            "grounds": list(self.grounds),
        }


def quantity_spec(row: FigureRow, lang: str | None = None) -> str:
    """The figure in the figure syntax without its words: "25000..30000 soldiers", or
    with the separators of ``lang``: "25 000..30 000 soldiers"."""
    return dataclasses.replace(spec_of(row), text=None).format(lang)


def interval(row: FigureRow) -> tuple[float, float]:
    """The values a figure allows in its base unit (per day for a rate), infinite where
    it is unbounded."""
    low = -math.inf if row.base_low is None else row.base_low
    high = math.inf if row.base_high is None else row.base_high
    if row.kind == "approximate":
        margin = abs(low) * APPROXIMATE_MARGIN
        low, high = low - margin, high + margin
    scale = PER_DAY[row.per] if row.per else 1.0
    return low * scale, high * scale


def _disjoint(a: FigureRow, b: FigureRow) -> bool:
    a_low, a_high = interval(a)
    b_low, b_high = interval(b)
    return a_high < b_low or b_high < a_low


def _same_time(a: Claim, b: Claim) -> bool:
    periods_a = [(d.value, d.value_end) for d in a.dates if d.role == "about" and d.value]
    periods_b = [(d.value, d.value_end) for d in b.dates if d.role == "about" and d.value]
    if not periods_a or not periods_b:
        return True
    return any(
        start_a <= (end_b or start_b) and start_b <= (end_a or start_a)
        for start_a, end_a in periods_a
        for start_b, end_b in periods_b
    )


def _kind_of_statement(claim: Claim) -> str:
    return "fact" if claim.modality in ("asserted", "reported") else claim.modality


def _claimants(claim: Claim) -> set[str]:
    return {x.claimant.name for x in claim.attributions if x.claimant is not None}


def _grounds(a: Claim, fig_a: FigureRow, b: Claim, fig_b: FigureRow) -> tuple[str, ...]:
    """Why the two figures measure the same thing, or () when nothing says so."""
    claimants = sorted(_claimants(a) & _claimants(b))
    if fig_a.quantity and fig_a.quantity == fig_b.quantity:
        grounds = [f"same quantity: {fig_a.quantity}"]
    elif fig_a.quantity or fig_b.quantity:
        return ()  # a named quantity is compared with that quantity only
    elif claimants:
        grounds = [f"same unit ({fig_a.base_unit}) and claimant: {claimants[0]}"]
        claimants = claimants[1:]
    else:
        return ()
    grounds += [f"same claimant: {name}" for name in claimants]
    topics = sorted({t.name for t in a.topics} & {t.name for t in b.topics})
    grounds += [f"shared topic: {name}" for name in topics]
    if fig_a.unit != fig_b.unit:
        grounds.append(f"converted: {fig_a.unit} and {fig_b.unit} compared in {fig_a.base_unit}")
    if fig_a.per != fig_b.per:
        grounds.append(f"rates compared per day: /{fig_a.per} and /{fig_b.per}")
    if any(d.role == "about" and d.value for d in a.dates) and any(
        d.role == "about" and d.value for d in b.dates
    ):
        grounds.append("overlapping dates")
    return tuple(grounds)


def _sources(claim: Claim) -> tuple[int, ...]:
    return tuple(sorted({a.source_id for a in claim.attributions}))


def contradictions(
    claims: Iterable[Claim], *, involving: Collection[int] | None = None
) -> list[Contradiction]:
    """Every contradicting pair of figures among ``claims`` (loaded with their figures,
    topics, dates and attributions); with ``involving``, only pairs where at least one
    claim is in it."""
    groups: dict[tuple[str, bool], list[tuple[Claim, FigureRow]]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: c.id):
        if claim.status == "retracted":
            continue
        for row in claim.figures:
            if not row.increment:
                groups[(row.base_unit, row.per is not None)].append((claim, row))
    found = []
    for (base_unit, _), members in groups.items():
        for i, (a, fig_a) in enumerate(members):
            for b, fig_b in members[i + 1 :]:
                if a.id == b.id:
                    continue
                if involving is not None and a.id not in involving and b.id not in involving:
                    continue
                sources = set(_sources(a)) | set(_sources(b))
                if (
                    len(sources) < 2
                    or _kind_of_statement(a) != _kind_of_statement(b)
                    or not _disjoint(fig_a, fig_b)
                    or not _same_time(a, b)
                ):
                    continue
                grounds = _grounds(a, fig_a, b, fig_b)
                if grounds:
                    quantity = fig_a.quantity if fig_a.quantity == fig_b.quantity else None
                    found.append(
                        Contradiction(
                            _ref(a, fig_a),
                            _ref(b, fig_b),
                            fig_a.unit,
                            fig_a.per,
                            grounds,
                            base_unit,
                            quantity,
                        )
                    )
    return sorted(found, key=lambda c: (c.figure.claim_id, c.figure.position, c.other.claim_id))


def _ref(claim: Claim, row: FigureRow) -> FigureRef:
    return FigureRef(claim.id, row.position + 1, quantity_spec(row), row.text, _sources(claim))


def find_contradictions(
    session: Session, claim_ids: Collection[int] | None = None
) -> list[Contradiction]:
    """Contradictions in the whole ledger, or only those involving ``claim_ids``
    (compared against every claim, in any source). A fixed number of queries."""
    units = select(FigureRow.base_unit).distinct()
    if claim_ids is not None:
        if not claim_ids:
            return []
        units = units.where(FigureRow.claim_id.in_(list(claim_ids)))
    candidates = (
        select(Claim)
        .where(Claim.status != "retracted")
        .where(Claim.id.in_(select(FigureRow.claim_id).where(FigureRow.base_unit.in_(units))))
        .options(
            selectinload(Claim.figures),
            selectinload(Claim.topics),
            selectinload(Claim.dates),
            selectinload(Claim.attributions).selectinload(Attribution.claimant),
        )
    )
    involving = set(claim_ids) if claim_ids is not None else None
    return contradictions(session.scalars(candidates), involving=involving)
