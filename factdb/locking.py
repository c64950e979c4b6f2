"""Loading a claim to change it: locked, and at the version the caller last saw."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.claim_objects import get_claim
from factdb.errors import Conflict
from factdb.models import Claim, HistoryEntry


def lock_claim(session: Session, claim_id: int, if_version: int | None) -> Claim:
    """Load a claim to change it, locked where the backend can lock rows (on SQLite
    the write transaction itself is the lock)."""
    claim = get_claim(session, claim_id, for_update=True)
    if if_version is not None and claim.version != if_version:
        raise Conflict(conflict_message(session, claim, if_version))
    return claim


def conflict_message(session: Session, claim: Claim, expected: int) -> str:
    """Which version the claim is at, and who made the change the caller missed."""
    last = session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.claim_id == claim.id)
        .order_by(HistoryEntry.version.desc(), HistoryEntry.id.desc())
        .limit(1)
    ).first()
    who, when = (last.actor, last.at) if last else (claim.updated_by, claim.updated_at)
    return (
        f"claim {claim.id} is at version {claim.version}, not {expected}: "
        f"last changed by {who} at {when:%Y-%m-%d %H:%M:%S} UTC; reload it and retry"
    )
