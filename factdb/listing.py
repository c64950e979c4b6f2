"""Listing claims, the public way (``factdb.list_claims``): JSON rows read with Core
statements instead of ORM objects.

``claims list`` only prints, so building a Claim object graph per row (identity map,
relationship collections, attribute instrumentation) is pure cost on a large
ledger. This path sends one statement for the page of claims (an index seek and a
LIMIT, see ``query.matching``), then one statement each for the page's
appearances, figures, dates, topics, evidence and published reviews, whatever the
page size, and unpacks their rows straight into the JSON of ``serialize.claim_dict`` (the JSON
contract; tests/test_listing.py checks that it gives the rows ``claim_dict`` gives
for the Claim objects of ``claim_objects.claim_page``).

The six statements are built and compiled once per backend, take the page's ids as
a single parameter (a JSON array read by ``json_each`` on SQLite, an array on
PostgreSQL), and run on the driver's cursor: for a page of a few dozen claims,
SQLAlchemy's per-statement work (execution context, result metadata, Row objects)
cost more than SQLite's own (benchmarks/queries.py). Each part reads the columns its
serialize function reads (``_read_by``) into named tuples, which that function reads
by name as it reads ORM objects: a new column needs no change here. The rows come back as the
driver gives them, so ``_Part`` does the two conversions SQLAlchemy's types would
(SQLite returns dates as ISO text and booleans as 0/1).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    ColumnElement,
    Date,
    Dialect,
    FromClause,
    Integer,
    Result,
    Select,
    String,
    Table,
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
    date_dict,
    evidence_dict,
    figure_dict,
    review_dict,
    source_ref,
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
    REVIEWS,
    SOURCES,
    TOPICS,
)


@dataclass
class RowPage:
    """A page of claims as ``claim_dict`` rows; ``total`` is None when not counted."""

    rows: list[dict]
    total: int | None


def list_claims(session: Session, q: ClaimQuery | None = None, *, count: bool = True) -> RowPage:
    """Claims matching every filter given, as the JSON rows ``claims list`` prints:
    oldest first, or best match first when searching for words. The total is counted
    only when claims were left out and ``count`` is True."""
    q = q or ClaimQuery()
    page, total_query, params = matching(session, q, page_select())
    connection = session.connection()
    claims, total = page_total(
        session, total_query, params, q, records(connection.execute(page, params)), counted=count
    )
    return RowPage(rows=claim_rows(session, claims), total=total)


def claim_rows(session: Session, claims: Sequence) -> list[dict]:
    """The JSON rows of claims read with ``page_select``, their parts read with one
    statement each (factdb.asof rebuilds past states from these rows too)."""
    if not claims:
        return []
    connection = session.connection()
    ids = [c.id for c in claims]
    cursor = connection.connection.cursor()
    try:
        parts = {}
        for name, (sql, positional) in _part_sql(connection.dialect).items():
            cursor.execute(sql, (json.dumps(ids),) if positional else {"ids": ids})
            parts[name] = _by_claim(cursor.fetchall(), _PARTS[name])
    finally:
        cursor.close()
    groups = repeat_groups(session, ids)
    appearances, topics = parts["appearances"], parts["topics"]
    figures, dates, evidence = parts["figures"], parts["dates"], parts["evidence"]
    reviews = parts["reviews"]
    return [
        claim_fields(
            c,
            c.history_count,
            appearances=[
                appearance_fields(a, source_ref(source), claimant.name, relay.name)
                for a, source, claimant, relay in appearances[c.id]
            ],
            topics=[topic.name for topic in topics[c.id]],
            figures=[figure_dict(f) for f in figures[c.id]],
            dates=[date_dict(d) for d in dates[c.id]],
            evidence=[evidence_dict(e) for e in evidence[c.id]],
            reviews=[review_dict(r) for r in reviews[c.id]],
            created_at=_timestamp(c.created_at),
            updated_at=_timestamp(c.updated_at),
            repeats=groups[c.id],
        )
        for c in claims
    ]


@functools.cache
def page_select() -> Select:
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


def records(result: Result) -> list:
    """The rows as named tuples: reading a field of one by name takes a fraction of
    the time it takes on a Row, and claim_fields reads fifteen per claim."""
    record = _record_type(tuple(result.keys()))
    return list(map(record._make, result.all()))


@functools.cache
def _record_type(fields: tuple[str, ...]) -> type[Any]:
    return namedtuple("ClaimRecord", fields)


class _Part:
    """What one part of a claim's JSON reads after the claim id: groups of columns,
    each read into a named tuple with the columns' names (one record, or a tuple of
    them when there are several groups).

    ``read`` turns a driver row into (claim id, records) in one call, generated once
    from the columns: a loop over the columns of every row cost as much as the
    statements. The driver gives dates as ISO text and booleans as 0/1 on SQLite, so
    the columns whose types say so are converted as SQLAlchemy's types would."""

    def __init__(self, *groups: Iterable[ColumnElement]):
        self.columns: list[ColumnElement] = []
        names: dict[str, object] = {"D": _date, "B": bool}
        records = []
        for g, group in enumerate(map(list, groups)):
            names[f"R{g}"] = namedtuple("Row", [c.name for c in group])
            values = []
            for i, column in enumerate(group, start=len(self.columns) + 1):
                convert = "D" if isinstance(column.type, Date) else ""
                convert = "B" if isinstance(column.type, Boolean) else convert
                values.append(f"{convert}(r[{i}])" if convert else f"r[{i}]")
            records.append(f"R{g}({', '.join(values)})")
            self.columns += group
        body = records[0] if len(records) == 1 else f"({', '.join(records)},)"
        # The source is made of our own columns' positions and converters, nothing read.
        self.read = eval(f"lambda r: (r[0], {body})", names)


def _by_claim(rows: Sequence, part: _Part) -> defaultdict[int, list]:
    """The part's records grouped by claim id, in query order."""
    groups: defaultdict[int, list] = defaultdict(list)
    for claim_id, records in map(part.read, rows):
        groups[claim_id].append(records)
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


_CLAIMANT, _RELAY = ACTORS.alias("claimant"), ACTORS.alias("relay")
# What each part of a claim's JSON reads, after the claim id.


def _read_by(function: Callable, table: FromClause) -> list[ColumnElement]:
    """The table's columns that ``function`` reads by name (``row.unit``): the serialize
    function is the one place that says which columns a part of the JSON shows.
    tests/test_listing.py compares the result with the ORM's, so a column read some
    other way fails there."""
    return [c for c in table.c if c.name in function.__code__.co_names]


_PARTS = {
    "appearances": _Part(
        _read_by(appearance_fields, ATTRIBUTIONS),
        _read_by(source_ref, SOURCES),
        [_CLAIMANT.c.name],
        [_RELAY.c.name],
    ),
    "topics": _Part([TOPICS.c.name]),
    "figures": _Part(_read_by(figure_dict, FIGURES)),
    "dates": _Part(_read_by(date_dict, DATES)),
    "evidence": _Part(_read_by(evidence_dict, EVIDENCE)),
    "reviews": _Part(_read_by(review_dict, REVIEWS)),
}


def _part_statements(dialect: str) -> dict[str, Select]:
    """For each part of a claim's JSON, the statement reading it for the claims whose
    ids are the parameter ``ids``: the claim id, then the columns of ``_PARTS``."""

    def in_page(column):
        if dialect == "sqlite":
            ids = func.json_each(bindparam("ids")).table_valued("value")
            return column.in_(select(ids.c.value))
        return column == any_(bindparam("ids", type_=ARRAY(Integer)))

    def columns(name: str) -> list[ColumnElement]:
        return _PARTS[name].columns

    def own_rows(name: str, table: Table, order: ColumnElement) -> Select:
        """A part read from one table with a claim_id column."""
        claim_id = table.c.claim_id
        return select(claim_id, *columns(name)).where(in_page(claim_id)).order_by(claim_id, order)

    a = ATTRIBUTIONS.c
    return {
        "appearances": select(a.claim_id, *columns("appearances"))
        .join(SOURCES, SOURCES.c.id == a.source_id)
        .outerjoin(_CLAIMANT, _CLAIMANT.c.id == a.claimant_id)
        .outerjoin(_RELAY, _RELAY.c.id == a.relay_id)
        .where(in_page(a.claim_id))
        .order_by(a.claim_id, a.position),
        "topics": select(CLAIM_TOPICS.c.claim_id, *columns("topics"))
        .join(TOPICS, TOPICS.c.id == CLAIM_TOPICS.c.topic_id)
        .where(in_page(CLAIM_TOPICS.c.claim_id))
        .order_by(CLAIM_TOPICS.c.claim_id, TOPICS.c.name),
        "figures": own_rows("figures", FIGURES, FIGURES.c.position),
        "dates": own_rows("dates", DATES, DATES.c.position),
        "evidence": own_rows("evidence", EVIDENCE, EVIDENCE.c.id),
        "reviews": own_rows("reviews", REVIEWS, REVIEWS.c.id),
    }
