"""The re-check queue: setting a claim's re-check date, and the claims now due.

``factdb due`` lists the claims whose ``recheck_on`` date has come, oldest first. A
claim whose verdict was given on or after its date has been re-checked and leaves
the queue; reopening it puts it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factdb import history
from factdb.actors import find_actor_id
from factdb.claim_objects import history_counts, load_options
from factdb.errors import InvalidInput, WorkflowError
from factdb.locking import lock_claim
from factdb.models import Claim
from factdb.serialize import claim_dict
from factdb.tables import ATTRIBUTIONS, CLAIM_TOPICS, CLAIMS, HISTORY, TOPICS
from factdb.validate import clean_text, parse_day, topic_key
from factdb.vocab import VERDICTS


def set_recheck(
    session: Session,
    claim_id: int,
    *,
    user: str,
    on: dt.date | str | None = None,
    clear: bool = False,
    reason: str | None = None,
    if_version: int | None = None,
) -> Claim:
    """Set (``on``) or remove (``clear``) a claim's re-check date, in its history."""
    if clear == (on is not None):
        raise InvalidInput("give either --on YYYY-MM-DD or --clear")
    day = parse_day(on, "re-check date") if on is not None else None
    if on is not None and day is None:
        raise InvalidInput("--on needs a date: use YYYY-MM-DD")
    reason = clean_text(reason, "reason", max_length=2000, required=False)
    claim = lock_claim(session, claim_id, if_version)
    if claim.status == "retracted":
        raise WorkflowError(f"claim {claim.id} is retracted: reinstate it before re-checking")
    if claim.recheck_on == day:
        state = f"due on {day}" if day else "not due for a re-check"
        raise InvalidInput(f"claim {claim.id} is already {state}")
    old = {"recheck_on": claim.recheck_on.isoformat() if claim.recheck_on else None}
    history.touch(claim, user)
    claim.recheck_on = day
    history.record(
        session,
        claim,
        "recheck",
        user=user,
        old=old,
        new={"recheck_on": day.isoformat() if day else None},
        reason=reason,
    )
    return claim


def due_ids(
    session: Session,
    *,
    before: dt.date | str | None = None,
    speaker: str | None = None,
    topic: str | None = None,
) -> list[int]:
    """Ids of the claims due for a re-check on or before ``before`` (default today),
    oldest date first; retracted claims and those whose verdict was given on or after
    their date are left out."""
    day = parse_day(before, "--before") or dt.date.today()
    claims = CLAIMS.c
    query = (
        select(claims.id, claims.recheck_on, claims.status)
        .where(claims.recheck_on <= day, claims.status != "retracted")
        .order_by(claims.recheck_on, claims.id)
    )
    if speaker:
        actor_id = find_actor_id(session, speaker)
        query = query.where(
            claims.id.in_(
                select(ATTRIBUTIONS.c.claim_id).where(
                    or_(ATTRIBUTIONS.c.claimant_id == actor_id, ATTRIBUTIONS.c.relay_id == actor_id)
                )
            )
        )
    if topic:
        query = query.where(
            claims.id.in_(
                select(CLAIM_TOPICS.c.claim_id)
                .join(TOPICS, TOPICS.c.id == CLAIM_TOPICS.c.topic_id)
                .where(TOPICS.c.name == topic_key(topic))
            )
        )
    return not_rechecked(session, session.execute(query).all())


def not_rechecked(session: Session, rows: Sequence) -> list[int]:
    """The ids, in order, of the claims (rows of id, recheck_on, status) whose verdict,
    if they have one, was given before their re-check date."""
    judged = [r.id for r in rows if r.status in VERDICTS]
    given = verdict_dates(session, judged) if judged else {}
    return [r.id for r in rows if r.id not in given or given[r.id] < r.recheck_on]


def verdict_dates(session: Session, claim_ids: list[int]) -> dict[int, dt.date]:
    """The day each claim's current status was last set (its verdict, for a claim
    that has one)."""
    query = (
        select(HISTORY.c.claim_id, func.max(HISTORY.c.at))
        .where(HISTORY.c.claim_id.in_(claim_ids), HISTORY.c.action == "status")
        .group_by(HISTORY.c.claim_id)
    )
    return {claim_id: at.date() for claim_id, at in session.execute(query)}


def due_claims(
    session: Session,
    *,
    before: dt.date | str | None = None,
    speaker: str | None = None,
    topic: str | None = None,
) -> list[dict]:
    """The claims ``due_ids`` finds, as their JSON, in its order."""
    ids = due_ids(session, before=before, speaker=speaker, topic=topic)
    if not ids:
        return []
    claims = {
        c.id: c for c in session.scalars(load_options(select(Claim).where(Claim.id.in_(ids))))
    }
    counts = history_counts(session, list(claims.values()))
    return [claim_dict(claims[i], counts.get(i, 0)) for i in ids]
