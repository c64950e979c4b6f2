"""The claims list as JSON rows, read with Core statements instead of ORM objects.

``claims list`` only prints, so building a Claim object graph per row (identity map,
relationship collections, attribute instrumentation) is pure cost on a large
ledger. This path sends one statement for the page of claims (an index seek and a
LIMIT, see ``query.matching``), then one statement each for the page's
appearances, figures, dates, topics and evidence, whatever the page size, and
unpacks their rows straight into the JSON of ``serialize.claim_dict`` (the JSON
contract; tests/test_listing.py checks that both give the same rows).

The five statements are built and compiled once per backend, take the page's ids as
a single parameter (a JSON array read by ``json_each`` on SQLite, an array on
PostgreSQL), and run on the driver's cursor: for a page of a few dozen claims,
SQLAlchemy's per-statement work (execution context, result metadata, Row objects)
cost more than SQLite's own (benchmarks/queries.py). Their rows come back as the
driver gives them, so ``_date`` and ``bool`` do the two conversions SQLAlchemy's
types would (SQLite returns dates as ISO text and booleans as 0/1).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict, namedtuple
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ARRAY,
    Dialect,
    Integer,
    Result,
    Select,
    String,
    any_,
    bindparam,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from factdb.query import ClaimQuery, matching, page_total
from factdb.repeats import repeat_groups
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
    page, total_query, params = matching(session, q, _page_select())
    connection = session.connection()
    claims, total = page_total(
        session, total_query, params, q, _records(connection.execute(page, params)), counted=count
    )
    if not claims:
        return RowPage(rows=[], total=total)
    ids = [c.id for c in claims]
    cursor = connection.connection.cursor()
    try:
        parts = {}
        for name, (sql, positional) in _part_sql(connection.dialect).items():
            cursor.execute(sql, (json.dumps(ids),) if positional else {"ids": ids})
            parts[name] = _by_claim(cursor.fetchall())
    finally:
        cursor.close()
    groups = repeat_groups(session, ids)
    appearances, topics = parts["appearances"], parts["topics"]
    figures, dates, evidence = parts["figures"], parts["dates"], parts["evidence"]
    rows = [
        claim_fields(
            c,
            c.history_count,
            appearances=[
                appearance_fields(source_fields(*a[:4], _date(a[4])), *a[5:])
                for a in appearances[c.id]
            ],
            topics=[name for (name,) in topics[c.id]],
            figures=[figure_fields(*f) for f in figures[c.id]],
            dates=[
                date_fields(role, text, _date(value), precision, _date(anchor), note, bool(rel))
                for role, text, value, precision, anchor, note, rel in dates[c.id]
            ],
            evidence=[evidence_fields(*e[:5], _date(e[5])) for e in evidence[c.id]],
            created_at=_timestamp(c.created_at),
            updated_at=_timestamp(c.updated_at),
            repeats=groups[c.id],
        )
        for c in claims
    ]
    return RowPage(rows=rows, total=total)


@functools.cache
def _page_select() -> Select:
    """The claims' columns and their history count, the timestamps as the driver
    gives them: through UTCDateTime, a hundred claims' two timestamps took longer to
    read than all their other columns (``_timestamp`` does the same in a tenth)."""
    history_count = select(func.count()).where(HISTORY.c.claim_id == CLAIMS.c.id)
    return select(
        *(c for c in CLAIMS.c if c.name not in ("created_at", "updated_at")),
        type_coerce(CLAIMS.c.created_at, String).label("created_at"),
        type_coerce(CLAIMS.c.updated_at, String).label("updated_at"),
        history_count.scalar_subquery().label("history_count"),
    )


def _timestamp(value: dt.datetime | str) -> str:
    """A timestamp column's value in ISO 8601 and UTC, as ``UTCDateTime`` reads it.

    SQLite gives the text SQLAlchemy stored, UTC without an offset: in its usual
    form ("2026-12-03 15:46:24.123456") it is rearranged without parsing, which is
    most of the saving; PostgreSQL gives an aware datetime.
    """
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            fraction = "" if value[20:] == "000000" else value[19:]
            return f"{value[:10]}T{value[11:19]}{fraction}+00:00"
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC).isoformat()
    return value.astimezone(dt.UTC).isoformat()


def _date(value: dt.date | str | None) -> dt.date | None:
    """A date column's value as SQLAlchemy's Date type would give it."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


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


# The part statements compiled, by (dialect name, parameter style): every engine has
# its own Dialect object, and they all compile these statements alike.
_compiled_parts: dict[tuple[str, str], dict[str, tuple[str, bool]]] = {}


def _part_sql(dialect: Dialect) -> dict[str, tuple[str, bool]]:
    """Each part's statement compiled for ``dialect``, and whether it takes its one
    parameter by position (SQLite) rather than by name (psycopg)."""
    key = (dialect.name, dialect.paramstyle)
    if key not in _compiled_parts:
        positional = dialect.paramstyle in ("qmark", "numeric", "format")
        _compiled_parts[key] = {
            name: (str(statement.compile(dialect=dialect)), positional)
            for name, statement in _part_statements(dialect.name).items()
        }
    return _compiled_parts[key]


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
