"""Claims as ORM objects with every part their JSON shows: one, a page, a history.

The public way to list claims is ``factdb.listing.list_claims`` (the JSON rows that
``claims list`` prints); ``claim_page`` gives the same page as objects, for the
reports, which walk a claim's relationships.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from factdb.errors import NotFound
from factdb.models import Attribution, Claim, HistoryEntry
from factdb.query import ClaimQuery, matching, page_total


@dataclass
class ClaimPage:
    claims: list[Claim]
    total: int
    history_counts: dict[int, int] = field(default_factory=dict)


def get_claim(session: Session, claim_id: int, *, for_update: bool = False) -> Claim:
    """The claim; ``for_update`` locks its row and reloads it even if the session holds
    it already, so that the version checked is the one committed."""
    claim = session.get(
        Claim, claim_id, with_for_update=for_update or None, populate_existing=for_update
    )
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}: see `factdb claims list`")
    return claim


def claim_history(session: Session, claim_id: int) -> list[HistoryEntry]:
    get_claim(session, claim_id)
    query = select(HistoryEntry).where(HistoryEntry.claim_id == claim_id)
    return list(session.scalars(query.order_by(HistoryEntry.id)))


def claim_page(session: Session, q: ClaimQuery | None = None) -> ClaimPage:
    """The claims ``listing.list_claims`` gives, as Claim objects with all their parts
    loaded and their history counts, for code that walks them (the reports)."""
    q = q or ClaimQuery()
    query, count, params = matching(session, q, _claim_select())
    found = list(session.scalars(load_options(query), params))
    claims, total = page_total(session, count, params, q, found)
    return ClaimPage(
        claims=claims, total=total or 0, history_counts=history_counts(session, claims)
    )


@functools.cache
def _claim_select() -> Select:
    """Built once, so that ``matching`` keeps its statements for it."""
    return select(Claim)


def load_options(query: Select) -> Select:
    """Everything a claim's JSON needs, in a fixed number of queries whatever the count."""
    appearances = selectinload(Claim.attributions)
    return query.options(
        # Many-to-one: joined into the appearances' query rather than one query each.
        appearances.joinedload(Attribution.source),
        appearances.joinedload(Attribution.claimant),
        appearances.joinedload(Attribution.relay),
        selectinload(Claim.figures),
        selectinload(Claim.dates),
        selectinload(Claim.topics),
        selectinload(Claim.evidence),
        selectinload(Claim.reviews),
    )


def history_counts(session: Session, claims: Sequence[Claim]) -> dict[int, int]:
    if not claims:
        return {}
    query = (
        select(HistoryEntry.claim_id, func.count())
        .where(HistoryEntry.claim_id.in_([c.id for c in claims]))
        .group_by(HistoryEntry.claim_id)
    )
    return dict(session.execute(query).all())
