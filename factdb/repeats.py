"""Repeated claims: the same claim, said again or elsewhere, recorded as links.

Reading the groups needs only Core statements (the claims list calls
``repeat_groups`` without loading the ORM classes); linking imports them.

``claims link A B`` records that claim B repeats claim A; linked claims form groups
(the connected components of the links), and each group is one repeated claim: every
member's JSON lists the others in ``repeats``. Links change no claim's text, but each
link and unlink is written in the history of both claims (and bumps both versions),
so that nothing about a claim changes unrecorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, insert, or_, select, union_all
from sqlalchemy.orm import Session

from factdb.errors import InvalidInput
from factdb.tables import ACTORS, ATTRIBUTIONS, CLAIM_LINKS, CLAIMS, REVIEWS, SOURCES
from factdb.validate import clean_text

# Verdicts or published ratings that make a claim one "already rated false".
FALSE_VERDICTS = ("false",)


def link_claims(
    session: Session, claim_id: int, repeat_id: int, *, user: str, reason: str | None = None
) -> None:
    """Record that claim ``repeat_id`` repeats claim ``claim_id``."""
    from factdb import history
    from factdb.locking import lock_claim

    if claim_id == repeat_id:
        raise InvalidInput(f"claim {claim_id} cannot repeat itself: give two different ids")
    reason = clean_text(reason, "reason", max_length=2000, required=False)
    claims = [lock_claim(session, i, None) for i in (claim_id, repeat_id)]
    if _link_id(session, claim_id, repeat_id) is not None:
        raise InvalidInput(f"claims {claim_id} and {repeat_id} are already linked")
    session.execute(
        insert(CLAIM_LINKS).values(claim_id=claim_id, repeat_id=repeat_id, created_by=user)
    )
    link = {"claim": claim_id, "repeat": repeat_id}
    for claim in claims:
        history.touch(claim, user)
        history.record(session, claim, "repeat_linked", user=user, new=link, reason=reason)


def unlink_claims(
    session: Session, claim_id: int, repeat_id: int, *, user: str, reason: str | None = None
) -> None:
    """Undo a link between two claims, whichever way round it was recorded."""
    from factdb import history
    from factdb.locking import lock_claim

    reason = clean_text(reason, "reason", max_length=2000, required=False)
    claims = [lock_claim(session, i, None) for i in (claim_id, repeat_id)]
    link_id = _link_id(session, claim_id, repeat_id)
    if link_id is None:
        raise InvalidInput(
            f"claims {claim_id} and {repeat_id} are not linked: see `factdb claims show`"
        )
    old = session.execute(
        select(CLAIM_LINKS.c.claim_id, CLAIM_LINKS.c.repeat_id).where(CLAIM_LINKS.c.id == link_id)
    ).one()
    session.execute(delete(CLAIM_LINKS).where(CLAIM_LINKS.c.id == link_id))
    link = {"claim": old.claim_id, "repeat": old.repeat_id}
    for claim in claims:
        history.touch(claim, user)
        history.record(session, claim, "repeat_unlinked", user=user, old=link, reason=reason)


def _link_id(session: Session, a: int, b: int) -> int | None:
    links = CLAIM_LINKS.c
    either = or_(
        (links.claim_id == a) & (links.repeat_id == b),
        (links.claim_id == b) & (links.repeat_id == a),
    )
    return session.scalars(select(links.id).where(either)).first()


def repeat_groups(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    """For each claim in ``ids``, the other claims of its group, by id (none: [])."""
    ids = list(ids)
    result: dict[int, list[int]] = {i: [] for i in ids}
    if not ids:
        return result
    neighbours: defaultdict[int, set[int]] = defaultdict(set)
    seen: set[int] = set()
    frontier = set(ids)
    links = CLAIM_LINKS.c
    while frontier:
        seen |= frontier
        found = session.execute(
            select(links.claim_id, links.repeat_id).where(
                or_(links.claim_id.in_(frontier), links.repeat_id.in_(frontier))
            )
        ).all()
        for a, b in found:
            neighbours[a].add(b)
            neighbours[b].add(a)
        frontier = {x for pair in found for x in pair} - seen
    for i in ids:
        result[i] = sorted(_component(neighbours, i) - {i})
    return result


def _component(neighbours: dict[int, set[int]], start: int) -> set[int]:
    group, stack = {start}, [start]
    while stack:
        for other in neighbours.get(stack.pop(), ()):
            if other not in group:
                group.add(other)
                stack.append(other)
    return group


def repeated_claim_ids(session: Session) -> set[int]:
    """Every claim that belongs to a group of more than one (that is, has a link)."""
    links = CLAIM_LINKS.c
    both = union_all(select(links.claim_id), select(links.repeat_id)).subquery()
    return set(session.scalars(select(both.c[0]).distinct()))


def repeats_of_false(session: Session, actor_id: int) -> int:
    """How many of the speaker's claims repeat a claim of their group that was already
    rated false (a false verdict, or a false published rating) before they said it."""
    said = set(
        session.scalars(
            select(ATTRIBUTIONS.c.claim_id).where(
                or_(ATTRIBUTIONS.c.claimant_id == actor_id, ATTRIBUTIONS.c.relay_id == actor_id)
            )
        )
    )
    if not said:
        return 0
    groups = repeat_groups(session, said)
    others = {o for members in groups.values() for o in members}
    if not others:
        return 0
    rated_false = set(
        session.scalars(
            select(CLAIMS.c.id).where(CLAIMS.c.id.in_(others), CLAIMS.c.status.in_(FALSE_VERDICTS))
        )
    ) | set(
        session.scalars(
            select(REVIEWS.c.claim_id).where(
                REVIEWS.c.claim_id.in_(others), REVIEWS.c.verdict.in_(FALSE_VERDICTS)
            )
        )
    )
    statement = select(CLAIMS.c.id, CLAIMS.c.created_at).where(CLAIMS.c.id.in_(said | others))
    created = {claim_id: at for claim_id, at in session.execute(statement)}
    return sum(
        1
        for claim_id, members in groups.items()
        if any(m in rated_false and created[m] <= created[claim_id] for m in members)
    )


def repeat_rows(session: Session, claim_id: int) -> list[dict]:
    """The other claims of the claim's group, each with where and when it was said:
    ``{"id", "text", "status", "appearances": [{"speaker", "outlet", "title", "published"}]}``."""
    others = repeat_groups(session, [claim_id])[claim_id]
    if not others:
        return []
    rows = {
        claim_id: {"id": claim_id, "text": text, "status": status, "appearances": []}
        for claim_id, text, status in session.execute(
            select(CLAIMS.c.id, CLAIMS.c.text, CLAIMS.c.status).where(CLAIMS.c.id.in_(others))
        )
    }
    a, s, actor = ATTRIBUTIONS.c, SOURCES.c, ACTORS.c
    said = (
        select(a.claim_id, actor.name, s.outlet, s.title, s.published)
        .join(SOURCES, s.id == a.source_id)
        .outerjoin(ACTORS, actor.id == a.claimant_id)
        .where(a.claim_id.in_(others))
        .order_by(a.claim_id, a.position)
    )
    for other, speaker, outlet, title, published in session.execute(said):
        rows[other]["appearances"].append(
            {
                "speaker": speaker,
                "outlet": outlet,
                "title": title,
                "published": published.isoformat() if published else None,
            }
        )
    return [rows[i] for i in others]


def said_where(appearance: dict) -> str:
    """One appearance in words: "Kim Jong Un in Le Monde, “Title”, 2025-07-13"."""
    who = appearance["speaker"] or "an unnamed speaker"
    where = appearance["outlet"] or appearance["title"]
    when = f", {appearance['published']}" if appearance["published"] else ""
    return f"{who} in {where}{when}"
