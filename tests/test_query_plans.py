"""Every `claims list` filter is an index lookup, on both backends.

The statements both listings really send (the total and the page) are recorded and
explained. PostgreSQL's planner would scan a table this small sequentially whatever
the indexes, so it runs with enable_seqscan off: an index is then used if, and only
if, one can answer the filter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from factdb import ClaimQuery, session_scope
from factdb.claim_objects import claim_page
from factdb.listing import list_claims
from tests.statements import recorded

FILTERS = {
    "speaker": (
        ClaimQuery(speaker="Lavrov"),
        ["ix_attributions_claimant_claim", "ix_attributions_relay_claim"],
    ),
    "topic": (ClaimQuery(topic="troops"), ["ix_claim_topics_topic_claim"]),
    "status": (ClaimQuery(status="in_review"), ["ix_claims_status_id"]),
    "verdict": (ClaimQuery(status="verdict"), ["ix_claims_status_id"]),
    "dates": (
        ClaimQuery(since=dt.date(2024, 1, 1), until=dt.date(2025, 12, 31)),
        ["ix_claim_dates_role_value_claim"],
    ),
    "figures": (
        ClaimQuery(unit="soldiers", min_value=1000, max_value=50000),
        ["ix_figures_base_span_claim"],
    ),
    "source": (ClaimQuery(source_id=1), ["ix_attributions_source_claim"]),
    "text": (
        ClaimQuery(text="coree"),
        {"sqlite": ["claims_fts"], "postgresql": ["ix_claims_fulltext"]},
    ),
    # These run on the seed plus AFP's published fact-check (rated False).
    "rated": (ClaimQuery(rated="false"), ["ix_reviews_verdict_claim"]),
    # Every claim with a review: the answer is a whole index of the reviews, read once
    # (on SQLite a covering index scan, which assert_no_scan lets through; PostgreSQL
    # takes whichever of the reviews' indexes is smallest).
    "rated any": (
        ClaimQuery(rated="any"),
        {"sqlite": ["ix_reviews_claim_id"], "postgresql": ["Index Scan on ix_reviews_"]},
    ),
    "reviewer": (ClaimQuery(reviewer="AFP fact-check"), ["ix_reviews_publisher_key_claim"]),
    "rated by": (
        ClaimQuery(rated="false", reviewer="afp fact check", topic=None, status="logged"),
        ["ix_claims_status_id"],
    ),
}
REVIEWED = Path(__file__).parent / "data" / "claimreview" / "afp.jsonld"


def explain(connection, statement: str, parameters) -> list[str]:
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return [row[-1] for row in rows]
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    return [row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)]


def claims_of(lister, session, query) -> list[int]:
    if lister is claim_page:
        return [c.id for c in claim_page(session, query).claims]
    return [row["id"] for row in list_claims(session, query).rows]


@pytest.mark.parametrize("lister", [claim_page, list_claims], ids=["orm", "core"])
@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_uses_its_index(seeded, db_url, backend, name, lister):
    query, indexes = FILTERS[name]
    if isinstance(indexes, dict):
        indexes = indexes[backend]
    if query.rated or query.reviewer:
        assert seeded("import", "claimreview", str(REVIEWED), "-q").exit_code == 0
    with session_scope(db_url, write=False) as session:
        with recorded(session) as statements:
            assert claims_of(lister, session, dataclasses.replace(query, limit=1))
        # Past the end: the page is empty, so the total is counted.
        with recorded(session) as counted:
            assert not claims_of(lister, session, dataclasses.replace(query, offset=10_000))
        connection = session.connection()
        rows = next((s, p) for s, p in statements if "FROM claims" in s)
        total = next((s, p) for s, p in counted if s.startswith("SELECT count(*)"))
        whole = indexes if name == "rated any" else []
        for statement, parameters in (total, rows):
            plan = "\n".join(explain(connection, statement, parameters))
            assert_no_scan(plan, backend, whole)
            # PostgreSQL may fetch a one-row page by walking the primary key in id
            # order instead: still an index, and the count shows the filter's own.
            if backend == "sqlite" or statement is total[0]:
                for index in indexes:
                    assert index in plan, plan
        # The page's parts (appearances, figures, dates…) are index lookups too.
        for statement, parameters in statements:
            assert_no_scan("\n".join(explain(connection, statement, parameters)), backend, whole)


def assert_no_scan(plan: str, backend: str, whole: list[str] | tuple = ()) -> None:
    """No table is scanned; ``whole`` names indexes that may be read whole."""
    if backend == "sqlite":
        scans = [
            line
            for line in plan.splitlines()
            if line.startswith("SCAN")
            and "VIRTUAL TABLE" not in line
            and not any(line.endswith(f"USING COVERING INDEX {index}") for index in whole)
        ]
        assert not scans, plan
    else:
        assert "Seq Scan" not in plan, plan


@pytest.mark.parametrize(
    ("since", "until", "found"),
    [
        ("2009-12-31", None, True),  # the last day of a year-precision date
        ("2010-01-01", None, False),
        ("2008-01-01", "2009-01-01", True),
        (None, "2008-12-31", False),
    ],
)
def test_date_bound_that_helps_the_index_loses_no_year_long_date(seeded, since, until, found):
    added = seeded("claims", "add", "--source", "1", "--text", "Un an", "--date", "2009")
    assert added.exit_code == 0, added.output
    args = [a for k, v in (("--since", since), ("--until", until)) if v for a in (k, v)]
    result = seeded("claims", "list", "--format", "json", "--limit", "500", *args)
    assert result.exit_code == 0, result.output
    assert (13 in [c["id"] for c in json.loads(result.stdout)]) is found


def test_due_reads_the_recheck_index(seeded, db_url, backend):
    from factdb.due import due_ids

    for claim_id, day in ((2, "2025-09-01"), (1, "2025-08-31")):
        result = seeded("claims", "recheck", str(claim_id), "--on", day)
        assert result.exit_code == 0, result.output
    with session_scope(db_url, write=False) as session:
        with recorded(session) as statements:
            assert due_ids(session, before=dt.date(2025, 12, 31)) == [1, 2]
        connection = session.connection()
        query = next((s, p) for s, p in statements if "recheck_on <=" in s)
        plan = "\n".join(explain(connection, *query))
        assert "ix_claims_recheck_on_id" in plan, plan
        assert_no_scan(plan, backend)


def test_as_of_reads_the_history_by_claim_and_moment(seeded, db_url, backend):
    from factdb.asof import claim_at, list_at

    result = seeded("claims", "edit", "2", "--text", "Changed since")
    assert result.exit_code == 0, result.output
    when = dt.datetime.now(dt.UTC) - dt.timedelta(microseconds=1)
    with session_scope(db_url, write=False) as session:
        with recorded(session) as statements:
            rows, _ = list_at(session, ClaimQuery(limit=5), when)
            assert [r["id"] for r in rows] == [1, 2, 3, 4, 5]
            assert claim_at(session, 2, when)["text"] == "Changed since"
        connection = session.connection()
        history = 0
        for statement, parameters in statements:
            plan = "\n".join(explain(connection, statement, parameters))
            assert_no_scan(plan, backend)
            if re.search(r"claim_history\.at [<>]", statement):
                history += 1
                # PostgreSQL's planner picks among the indexes by cost on a table
                # this small; that it uses one is what assert_no_scan checked.
                if backend == "sqlite":
                    assert "ix_claim_history_claim_at" in plan, plan
        assert history >= 4


@pytest.mark.parametrize(
    "query",
    [
        ClaimQuery(unit="km", min_value=10),  # "15 miles", converted to metres
        ClaimQuery(unit="kilomètres", min_value="10 miles", max_value="30000 m"),
        ClaimQuery(unit="troops", max_value=26000),  # an alias of soldiers
    ],
    ids=["converted", "own units", "alias"],
)
def test_converted_unit_queries_use_the_base_span_index(seeded, db_url, backend, query):
    added = seeded("claims", "add", "--source", "1", "--text", "Far", "--figure", "15 miles")
    assert added.exit_code == 0, added.output
    with session_scope(db_url, write=False) as session:
        with recorded(session) as statements:
            assert claims_of(list_claims, session, query)
        connection = session.connection()
        statement, parameters = next((s, p) for s, p in statements if "FROM claims" in s)
        plan = "\n".join(explain(connection, statement, parameters))
    assert_no_scan(plan, backend)
    if backend == "sqlite":
        assert "ix_figures_base_span_claim" in plan, plan
