"""Finding claims: the statements behind ``claims list``, in Core only.

``claims list`` (factdb.listing) reads rows with these statements and never imports
the ORM classes, whose declaration costs more start-up than the query itself;
``claims.list_claims`` loads Claim objects with the same ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from factdb import fulltext
from factdb.actors import find_actor_id
from factdb.errors import InvalidInput
from factdb.sources import check_source
from factdb.tables import ATTRIBUTIONS, CLAIM_TOPICS, CLAIMS, DATES, FIGURES, TOPICS
from factdb.validate import choice, topic_key
from factdb.vocab import STATUSES, VERDICTS

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class ClaimQuery:
    speaker: str | None = None
    topic: str | None = None
    status: str | None = None
    source_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    date_role: str = "about"
    unit: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    text: str | None = None
    include_retracted: bool = False
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0


def _conditions(session: Session, q: ClaimQuery) -> list:
    """The WHERE clauses of a claim query; each one is answered by an index (0003).

    They use the tables' columns rather than the mapped attributes, so that the same
    clauses serve the ORM path (``claims.list_claims``) and the Core one (factdb.listing).
    """
    claims, attributions, dates, figures = CLAIMS.c, ATTRIBUTIONS.c, DATES.c, FIGURES.c
    conditions = []
    if not q.include_retracted and q.status != "retracted":
        conditions.append(claims.status != "retracted")
    if q.status:
        if q.status == "verdict":
            conditions.append(claims.status.in_(VERDICTS))
        else:
            conditions.append(claims.status == choice(q.status, "status", STATUSES))
    if q.speaker:
        actor_id = find_actor_id(session, q.speaker)
        conditions.append(
            claims.id.in_(
                select(attributions.claim_id).where(
                    or_(attributions.claimant_id == actor_id, attributions.relay_id == actor_id)
                )
            )
        )
    if q.source_id is not None:
        # That the source exists is checked only when no claim is found (page_total).
        conditions.append(
            claims.id.in_(
                select(attributions.claim_id).where(attributions.source_id == q.source_id)
            )
        )
    if q.topic:
        topic_rows = TOPICS.c
        conditions.append(
            claims.id.in_(
                select(CLAIM_TOPICS.c.claim_id)
                .join(TOPICS, topic_rows.id == CLAIM_TOPICS.c.topic_id)
                .where(topic_rows.name == topic_key(q.topic))
            )
        )
    if q.since or q.until:
        if q.since and q.until and q.since > q.until:
            raise InvalidInput(f"--since {q.since} is after --until {q.until}")
        within = [dates.role == q.date_role, dates.value.is_not(None)]
        if q.since:
            within.append(dates.value_end >= q.since)
            # Implied, since no date covers more than a year (see period_end), but it
            # bounds the index range from below instead of reading every earlier date.
            within.append(dates.value >= q.since - dt.timedelta(days=366))
        if q.until:
            within.append(dates.value <= q.until)
        conditions.append(claims.id.in_(select(dates.claim_id).where(and_(*within))))
    if q.unit or q.min_value is not None or q.max_value is not None:
        if q.min_value is not None and q.max_value is not None and q.min_value > q.max_value:
            raise InvalidInput(f"--min {q.min_value:g} is above --max {q.max_value:g}")
        spans = []
        if q.unit:
            # Imported here: the figure parser compiles its patterns on import, and only
            # --unit needs it.
            from factdb.figures import parse_figure

            spans.append(figures.unit == parse_figure(f"1 {q.unit}").unit)
        if q.min_value is not None:
            spans.append(or_(figures.span_high.is_(None), figures.span_high >= q.min_value))
        if q.max_value is not None:
            spans.append(or_(figures.span_low.is_(None), figures.span_low <= q.max_value))
        conditions.append(claims.id.in_(select(figures.claim_id).where(and_(*spans))))
    return conditions


def matching(session: Session, q: ClaimQuery, columns: Select) -> tuple[Select, Select]:
    """The statement for a page of the claims matching ``q``, oldest first or best
    match first, and the statement counting all of them. ``columns`` is the bare
    SELECT of what to read: built once by the caller, it is not rebuilt per page.

    The page asks for one claim more than ``q.limit``: whether it comes back tells
    if claims were left out, so that most pages need no count (see ``page_total``).
    """
    if q.limit is not None and q.limit < 1:
        raise InvalidInput("--limit must be at least 1")
    if q.offset < 0:
        raise InvalidInput("--offset cannot be negative")
    conditions = _conditions(session, q)
    count = select(func.count()).select_from(CLAIMS).where(*conditions)
    query = columns.where(*conditions)
    order = [CLAIMS.c.id]
    if q.text:
        found = fulltext.matches(session, q.text)
        count = count.join(found, found.c.id == CLAIMS.c.id)
        query = query.join(found, found.c.id == CLAIMS.c.id)
        order.insert(0, found.c.rank)
    limit = None if q.limit is None else q.limit + 1
    return query.order_by(*order).offset(q.offset).limit(limit), count


def page_total(
    session: Session, count: Select, q: ClaimQuery, rows: list, *, counted: bool = True
) -> tuple[list, int | None]:
    """The page without its extra row, and the number of claims matching in all.

    When nothing was left out after the page, the total is known without counting;
    otherwise it is counted, unless ``counted`` is False (then it is None). A page
    of a source's claims that comes back empty may be for a source that does not
    exist: that is checked here, so that a page found costs no statement for it.
    """
    if not rows and q.source_id is not None:
        check_source(session, q.source_id)
    more = q.limit is not None and len(rows) > q.limit
    if more:
        rows = rows[: q.limit]
    elif rows or q.offset == 0:
        return rows, q.offset + len(rows)
    return rows, (session.scalar(count) or 0) if counted else None
