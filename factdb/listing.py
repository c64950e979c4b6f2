"""The claims list as JSON rows, read with Core statements instead of ORM objects.

``claims list`` only prints, so building a Claim object graph per row (identity map,
relationship collections, attribute instrumentation) is pure cost on a large
ledger. This path sends one statement for the page of claims (an index seek and a
LIMIT, see ``claims.matching``), then one statement each for the page's
appearances, figures, dates, topics and evidence, whatever the page size, and
unpacks their rows straight into the JSON of ``serialize.claim_dict`` (the JSON
contract; tests/test_listing.py checks that both give the same rows).

The five statements are built once per backend and take the page's ids as a single
parameter (a JSON array read by ``json_each`` on SQLite, an array on PostgreSQL),
so neither their construction nor an ``IN (?, ?, …)`` of a hundred parameters is
paid again for every page.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict, namedtuple
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ARRAY, Integer, Result, Select, any_, bindparam, func, select
from sqlalchemy.orm import Session

from factdb.query import ClaimQuery, matching, page_total
from factdb.serialize import (
    appearance_fields,
    claim_fields,
    date_fields,
    evidence_fields,
    figure_fields,
    source_fields,
)
from factdb.tables import (
    ACTORS,
    ATTRIBUTIONS,
    CLAIM_TOPICS,
    CLAIMS,
    DATES,
    EVIDENCE,
    FIGURES,
    HISTORY,
    SOURCES,
    TOPICS,
)


@dataclass
class RowPage:
    """A page of claims as ``claim_dict`` rows; ``total`` is None when not counted."""

    rows: list[dict]
    total: int | None


def list_claim_rows(
    session: Session, q: ClaimQuery | None = None, *, count: bool = True
) -> RowPage:
    """The page of claims ``list_claims`` gives, as JSON rows. The total is counted
    only when claims were left out and ``count`` is True."""
    q = q or ClaimQuery()
    history_count = select(func.count()).where(HISTORY.c.claim_id == CLAIMS.c.id)
    page, total_query = matching(
        session, q, *CLAIMS.c, history_count.scalar_subquery().label("history_count")
    )
    connection = session.connection()
    claims, total = page_total(
        session, total_query, q, _records(connection.execute(page)), counted=count
    )
    if not claims:
        return RowPage(rows=[], total=total)
    dialect = connection.dialect.name
    ids = [c.id for c in claims]
    parameters = {"ids": json.dumps(ids) if dialect == "sqlite" else ids}
    parts = {
        name: _by_claim(connection.execute(statement, parameters).all())
        for name, statement in _part_statements(dialect).items()
    }
    appearances, topics = parts["appearances"], parts["topics"]
    figures, dates, evidence = parts["figures"], parts["dates"], parts["evidence"]
    rows = [
        claim_fields(
            c,
            c.history_count,
            appearances=[
                appearance_fields(source_fields(*a[:5]), *a[5:]) for a in appearances[c.id]
            ],
            topics=[name for (name,) in topics[c.id]],
            figures=[figure_fields(*f) for f in figures[c.id]],
            dates=[date_fields(*d) for d in dates[c.id]],
            evidence=[evidence_fields(*e) for e in evidence[c.id]],
        )
        for c in claims
    ]
    return RowPage(rows=rows, total=total)


def _records(result: Result) -> list:
    """The rows as named tuples: reading a field of one by name takes a fraction of
    the time it takes on a Row, and claim_fields reads fifteen per claim."""
    record = _record_type(tuple(result.keys()))
    return list(map(record._make, result.all()))


@functools.cache
def _record_type(fields: tuple[str, ...]) -> type:
    return namedtuple("ClaimRecord", fields)


def _by_claim(rows: Sequence) -> defaultdict[int, list[tuple]]:
    """Rows whose first column is the claim id, grouped by it (in query order) and
    without it."""
    groups: defaultdict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


@functools.cache
def _part_statements(dialect: str) -> dict[str, Select]:
    """For each part of a claim's JSON, the statement reading it for the claims whose
    ids are the parameter ``ids``: the claim id, then the columns in the order the
    serialize.*_fields functions take them."""

    def in_page(column):
        if dialect == "sqlite":
            ids = func.json_each(bindparam("ids")).table_valued("value")
            return column.in_(select(ids.c.value))
        return column == any_(bindparam("ids", type_=ARRAY(Integer)))

    a, s, f, d, e = ATTRIBUTIONS.c, SOURCES.c, FIGURES.c, DATES.c, EVIDENCE.c
    claimant, relay = ACTORS.alias("claimant"), ACTORS.alias("relay")
    return {
        "appearances": select(
            a.claim_id,
            *(s.id, s.title, s.outlet, s.url, s.published),
            claimant.c.name,
            relay.c.name,
            *(a.kind, a.quote, a.start_offset, a.end_offset),
        )
        .join(SOURCES, s.id == a.source_id)
        .outerjoin(claimant, claimant.c.id == a.claimant_id)
        .outerjoin(relay, relay.c.id == a.relay_id)
        .where(in_page(a.claim_id))
        .order_by(a.claim_id, a.position),
        "topics": select(CLAIM_TOPICS.c.claim_id, TOPICS.c.name)
        .join(TOPICS, TOPICS.c.id == CLAIM_TOPICS.c.topic_id)
        .where(in_page(CLAIM_TOPICS.c.claim_id))
        .order_by(CLAIM_TOPICS.c.claim_id, TOPICS.c.name),
        "figures": select(f.claim_id, f.kind, f.value, f.low, f.high, f.unit, f.per, f.text)
        .where(in_page(f.claim_id))
        .order_by(f.claim_id, f.position),
        "dates": select(
            d.claim_id, d.role, d.text, d.value, d.precision, d.anchor, d.anchor_note, d.relative
        )
        .where(in_page(d.claim_id))
        .order_by(d.claim_id, d.position),
        "evidence": select(e.claim_id, e.id, e.url, e.document, e.stance, e.note, e.accessed)
        .where(in_page(e.claim_id))
        .order_by(e.claim_id, e.id),
    }
