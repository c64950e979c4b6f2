"""The Core claims list (factdb.listing) gives exactly claim_dict's rows and totals,
on the seed article and on a generated ledger, on both backends."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb import ClaimQuery, session_scope
from factdb.claim_objects import claim_page
from factdb.listing import _timestamp, list_claims
from factdb.serialize import claim_dict
from tests.helpers import load_benchmark

SEED_QUERIES = [
    ClaimQuery(),
    ClaimQuery(limit=None, include_retracted=True),
    ClaimQuery(limit=2),
    ClaimQuery(limit=5, offset=4),
    ClaimQuery(limit=3, offset=100),
    ClaimQuery(speaker="Lavrov"),
    ClaimQuery(topic="troops", limit=1),
    ClaimQuery(status="verdict"),
    ClaimQuery(status="retracted"),
    ClaimQuery(source_id=1, limit=4, offset=2),
    ClaimQuery(since=dt.date(2024, 1, 1), until=dt.date(2025, 12, 31)),
    ClaimQuery(date_role="made", since=dt.date(2025, 1, 1)),
    ClaimQuery(unit="soldiers", min_value=1000),
    ClaimQuery(text="coree"),
    ClaimQuery(text="soldat", limit=1),
]


def both_paths(url: str, query: ClaimQuery) -> tuple[tuple[list, int], tuple[list, int | None]]:
    with session_scope(url, write=False) as session:
        page = claim_page(session, query)
        orm = [claim_dict(c, page.history_counts.get(c.id, 0)) for c in page.claims]
        core = list_claims(session, query)
    return (orm, page.total), (core.rows, core.total)


def test_same_rows_and_totals_as_claim_dict_on_the_seed(seeded, db_url):
    # Give the seed what it lacks: a retracted claim, a second appearance, evidence
    # on a claim without a verdict, a week-precision and an unresolved date.
    for args in (
        ["claims", "retract", "4", "--reason", "duplicate"],
        ["sources", "add", "--title", "Reprise", "--language", "fr"],
        ["claims", "cite", "2", "--source", "2", "--speaker", "Lavrov"],
        ["evidence", "add", "3", "--stance", "refutes", "--document", "Note verbale"],
        ["claims", "edit", "5", "--add-date", "2025-W29", "--add-date", "reported:hier"],
    ):
        result = seeded(*args)
        assert result.exit_code == 0, result.output
    seen = 0
    for query in SEED_QUERIES:
        (orm, orm_total), (core, core_total) = both_paths(db_url, query)
        assert core == orm, query
        assert core_total == orm_total, query
        # Key order too: the CLI prints these dicts as they are.
        assert json.dumps(core) == json.dumps(orm)
        seen += len(core)
    assert seen > 40


def test_same_rows_on_a_generated_ledger(db_url):
    generate = load_benchmark("generate")
    generate.populate(db_url, 300, seed=6, batch=120)
    speaker = generate.speakers(generate.speaker_count(300))[0].name
    for query in (
        ClaimQuery(limit=None),
        ClaimQuery(speaker=speaker, limit=7, offset=3),
        ClaimQuery(status="false"),
        ClaimQuery(unit="people", min_value=10),
        ClaimQuery(text="the", limit=20),
    ):
        (orm, orm_total), (core, core_total) = both_paths(db_url, query)
        assert core and core == orm, query
        assert core_total == orm_total, query


def test_total_is_counted_only_when_claims_are_left_out(seeded, db_url):
    with session_scope(db_url, write=False) as session:
        assert list_claims(session, ClaimQuery(limit=5)).total == 12
        uncounted = list_claims(session, ClaimQuery(limit=5), count=False)
        assert len(uncounted.rows) == 5 and uncounted.total is None
        # Nothing left out after the page: the total is known without counting.
        assert list_claims(session, ClaimQuery(limit=5, offset=10), count=False).total == 12
        assert list_claims(session, ClaimQuery(limit=12), count=False).total == 12
        # Past the end nothing tells the total but a count.
        past = ClaimQuery(limit=5, offset=50)
        assert list_claims(session, past, count=False).total is None
        assert list_claims(session, past).total == 12


@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-9, minutes=-30))]),
    )
)
def test_timestamps_read_as_text_match_utc_datetime(moment):
    """The Core list reads timestamps without UTCDateTime: what SQLite stores (SQLite's
    DATETIME text of the UTC time) and what PostgreSQL gives (an aware datetime) both
    come out as the ORM path's isoformat()."""
    from sqlalchemy.dialects import sqlite

    expected = moment.astimezone(dt.UTC).isoformat()
    stored = sqlite.DATETIME().bind_processor(sqlite.dialect())(moment.astimezone(dt.UTC))
    assert _timestamp(stored) == expected
    assert _timestamp(moment) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ClaimQuery(limit=0), "--limit must be at least 1"),
        (ClaimQuery(offset=-1), "--offset cannot be negative"),
        (ClaimQuery(speaker="Nobody At All"), "unknown speaker"),
        (ClaimQuery(text="!!"), "has no words to look for"),
        (ClaimQuery(source_id=99), "no source with id 99"),
        (ClaimQuery(source_id=99, offset=5), "no source with id 99"),
    ],
)
@pytest.mark.parametrize("lister", [claim_page, list_claims], ids=["orm", "core"])
def test_bad_queries_are_refused_as_by_list_claims(seeded, db_url, query, message, lister):
    from factdb.errors import FactDBError

    with (
        session_scope(db_url, write=False) as session,
        pytest.raises(FactDBError, match=message),
    ):
        lister(session, query)


def test_cli_no_total_skips_the_count_and_still_says_more_follow(seeded):
    counted = seeded("claims", "list", "--limit", "5", "--format", "json")
    uncounted = seeded("claims", "list", "--limit", "5", "--no-total", "--format", "json")
    assert counted.exit_code == uncounted.exit_code == 0
    assert counted.stdout == uncounted.stdout
    assert "showing 5 of 12 claims from 1" in counted.stderr
    assert "showing 5 claims from 1, and more follow" in uncounted.stderr
    # Nothing left out: no note either way, and none past the end.
    for args in (["--limit", "12"], ["--offset", "50"]):
        quiet = seeded("claims", "list", "--no-total", "--format", "json", *args)
        assert quiet.exit_code == 0 and quiet.stderr == ""


def test_reading_engines_cache_more_pages_than_writing_ones(tmp_path):
    """A page of claims on a large ledger reads more than SQLite's 2 MiB default
    cache holds; an import keeps the default, so that its memory stays flat."""
    from factdb.db import SQLITE_READ_CACHE_KIB, make_engine

    url = f"sqlite:///{tmp_path / 'cache.sqlite'}"
    sizes = {}
    for write in (True, False):
        engine = make_engine(url, create=True, write=write)
        with engine.connect() as connection:
            sizes[write] = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        engine.dispose()
    assert sizes == {True: -2000, False: -SQLITE_READ_CACHE_KIB}
