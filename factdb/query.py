"""Finding claims: the statements behind ``claims list``, in Core only.

``claims list`` (factdb.listing) reads rows with these statements and never imports
the ORM classes, whose declaration costs more start-up than the query itself;
``claim_objects.claim_page`` loads Claim objects with the same ones.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from factdb import fulltext
from factdb.actors import find_actor_id
from factdb.errors import InvalidInput
from factdb.reviews import publisher_key
from factdb.sources import check_source
from factdb.tables import (
    ATTRIBUTIONS,
    CLAIM_LINKS,
    CLAIM_TOPICS,
    CLAIMS,
    DATES,
    FIGURES,
    REVIEWS,
    TOPICS,
)
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
    # A number in --unit, or text with its own unit ("15 miles"); compared in the
    # dimension's base unit, so that --unit km --min 10 finds "15 miles".
    min_value: float | str | None = None
    max_value: float | str | None = None
    text: str | None = None
    rated: str | None = None
    reviewer: str | None = None
    include_retracted: bool = False
    # Only claims linked as repeats (factdb.repeats): groups of more than one.
    repeated: bool = False
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0


def _filters(session: Session, q: ClaimQuery) -> tuple[tuple, dict]:
    """Check ``q`` and split it in two: its shape (which filters it uses), which
    decides the statement, and the values of those filters, its parameters.

    Every page of one shape then runs the same statement object (``_statements``):
    building a SELECT and computing its cache key cost more than running it on a
    page of a few dozen claims, and SQLAlchemy's compiled form is reused anyway.
    """
    if q.limit is not None and q.limit < 1:
        raise InvalidInput("--limit must be at least 1")
    if q.offset < 0:
        raise InvalidInput("--offset cannot be negative")
    params: dict = {"offset": q.offset}
    if q.limit is not None:
        # One claim more than asked: whether it comes back tells if claims were left
        # out, so that most pages need no count (see page_total).
        params["limit"] = q.limit + 1
    status = None
    if q.status == "verdict":
        status = "verdict"
    elif q.status:
        status = "one"
        params["status"] = choice(q.status, "status", STATUSES)
    if q.speaker:
        params["actor_id"] = find_actor_id(session, q.speaker)
    if q.source_id is not None:
        # That the source exists is checked only when no claim is found (page_total).
        params["source_id"] = q.source_id
    if q.topic:
        params["topic"] = topic_key(q.topic)
    if q.since or q.until:
        if q.since and q.until and q.since > q.until:
            raise InvalidInput(f"--since {q.since} is after --until {q.until}")
        params["date_role"] = q.date_role
        if q.since:
            params["since"] = q.since
            # Implied, since no date covers more than a year (see period_end), but it
            # bounds the index range from below instead of reading every earlier date.
            params["since_floor"] = q.since - dt.timedelta(days=366)
        if q.until:
            params["until"] = q.until
    if q.unit or q.min_value is not None or q.max_value is not None:
        # Imported here: the figure parser compiles its patterns on import, and only
        # the figure filters need it.
        from factdb.figure_query import figure_filter

        params.update(figure_filter(session.connection(), q.unit, q.min_value, q.max_value))
    if q.text:
        params["words"] = fulltext.query_text(session, q.text)
    rated = None
    if q.rated is not None:
        rated = choice(q.rated, "--rated verdict", (*VERDICTS, "any"))
        if rated != "any":
            params["rated"] = rated
    if q.reviewer is not None:
        params["reviewer"] = publisher_key(q.reviewer)
        if not params["reviewer"]:
            raise InvalidInput("--reviewer needs a publisher's name: letters or digits")
    hide_retracted = not q.include_retracted and q.status != "retracted"
    shape = (
        session.get_bind().dialect.name,
        hide_retracted,
        status,
        rated,
        q.repeated,
        *sorted(params),
    )
    return shape, params


@functools.lru_cache(maxsize=256)
def _statements(columns: Select, shape: tuple) -> tuple[Select, Select]:
    """The page and count statements of one shape of query (see ``_filters``), with
    a bound parameter for each filter's value. Each condition is answered by an
    index (0003); they use the tables' columns rather than the mapped attributes, so
    that the same clauses serve the ORM path (``claim_objects.claim_page``) and the Core
    one (factdb.listing)."""
    dialect, hide_retracted, status, rated, repeated, *names = shape
    has = set(names)
    claims, attributions, dates, figures = CLAIMS.c, ATTRIBUTIONS.c, DATES.c, FIGURES.c
    conditions = []
    if hide_retracted:
        conditions.append(claims.status != "retracted")
    if status == "verdict":
        conditions.append(claims.status.in_(VERDICTS))
    elif status == "one":
        conditions.append(claims.status == bindparam("status"))
    if "actor_id" in has:
        actor_id: BindParameter[Any] = bindparam("actor_id")
        conditions.append(
            claims.id.in_(
                select(attributions.claim_id).where(
                    or_(attributions.claimant_id == actor_id, attributions.relay_id == actor_id)
                )
            )
        )
    if "source_id" in has:
        conditions.append(
            claims.id.in_(
                select(attributions.claim_id).where(
                    attributions.source_id == bindparam("source_id")
                )
            )
        )
    if "topic" in has:
        conditions.append(
            claims.id.in_(
                select(CLAIM_TOPICS.c.claim_id)
                .join(TOPICS, TOPICS.c.id == CLAIM_TOPICS.c.topic_id)
                .where(TOPICS.c.name == bindparam("topic"))
            )
        )
    if "date_role" in has:
        within = [dates.role == bindparam("date_role"), dates.value.is_not(None)]
        if "since" in has:
            within.append(dates.value_end >= bindparam("since"))
            within.append(dates.value >= bindparam("since_floor"))
        if "until" in has:
            within.append(dates.value <= bindparam("until"))
        conditions.append(claims.id.in_(select(dates.claim_id).where(and_(*within))))
    if repeated:
        links = CLAIM_LINKS.c
        conditions.append(
            or_(
                claims.id.in_(select(links.claim_id)),
                claims.id.in_(select(links.repeat_id)),
            )
        )
    spans = []
    if "base_unit" in has:
        spans.append(figures.base_unit == bindparam("base_unit"))
    if "min_value" in has:
        spans.append(or_(figures.base_high.is_(None), figures.base_high >= bindparam("min_value")))
    if "max_value" in has:
        spans.append(or_(figures.base_low.is_(None), figures.base_low <= bindparam("max_value")))
    if spans:
        conditions.append(claims.id.in_(select(figures.claim_id).where(and_(*spans))))
    # --rated and --reviewer together: one review by that publisher with that verdict.
    reviews = []
    if "rated" in has:
        reviews.append(REVIEWS.c.verdict == bindparam("rated"))
    if "reviewer" in has:
        reviews.append(REVIEWS.c.publisher_key == bindparam("reviewer"))
    if reviews or rated == "any":
        conditions.append(claims.id.in_(select(REVIEWS.c.claim_id).where(*reviews)))
    count = select(func.count()).select_from(CLAIMS).where(*conditions)
    query = columns.where(*conditions)
    order: list[ColumnElement[Any]] = [claims.id]
    if "words" in has:
        found = fulltext.matches(dialect, bindparam("words", type_=String))
        count = count.join(found, found.c.id == claims.id)
        query = query.join(found, found.c.id == claims.id)
        order.insert(0, found.c.rank)
    query = query.order_by(*order).offset(bindparam("offset"))
    if "limit" in has:
        query = query.limit(bindparam("limit"))
    return query, count


def matching(session: Session, q: ClaimQuery, columns: Select) -> tuple[Select, Select, dict]:
    """The statement for a page of the claims matching ``q``, oldest first or best
    match first, the statement counting all of them, and the parameters of both.

    ``columns`` is the bare SELECT of what to read, built once by the caller: the
    statements are kept per ``columns`` and shape of query, not rebuilt per page.
    The page asks for one claim more than ``q.limit`` (see ``page_total``).
    """
    shape, params = _filters(session, q)
    page, count = _statements(columns, shape)
    return page, count, params


def page_total(
    session: Session,
    count: Select,
    params: dict,
    q: ClaimQuery,
    rows: list,
    *,
    counted: bool = True,
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
    return rows, (session.scalar(count, params) or 0) if counted else None
