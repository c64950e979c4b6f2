"""The append-only history of every claim.

A change goes through ``touch`` (which makes SQLAlchemy bump the claim's version)
and ``record`` (which appends who, when, what and why). Functions that change a
claim call both, so the history and the version counter can never disagree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from factdb.models import Claim, HistoryEntry, utcnow


def touch(claim: Claim, user: str) -> None:
    claim.updated_at = utcnow()
    claim.updated_by = user


def record(
    session: Session,
    claim: Claim,
    action: str,
    *,
    user: str,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
) -> HistoryEntry:
    session.flush()  # the claim's new version number is known only after the UPDATE
    entry = HistoryEntry(
        claim_id=claim.id,
        version=claim.version,
        at=claim.updated_at,
        actor=user,
        action=action,
        old=old,
        new=new,
        reason=reason,
    )
    session.add(entry)
    session.flush()
    return entry
