"""Real concurrency, on both backends: writer processes released together by a barrier.

Whatever the interleaving, every change is either applied (and in the history) or
refused with a documented error, versions and history agree, and nothing is
duplicated or lost.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.helpers import SEED, dump
from tests.writers import (
    add_rows,
    add_topics_and_evidence,
    flip_status,
    load_seed,
    outcome,
    run_writers,
)

# Three writers on two cores: enough to collide on every run, no more (each is a process).
WRITERS = 3
DATA = Path(__file__).parent / "data"

STALE = (
    r"error: claim 1 is at version 2, not 1: last changed by ana at [-\d]{10} [:\d]{8} UTC; "
    "reload it and retry"
)


@pytest.mark.parametrize(
    "command",
    [
        ("claims", "status", "1", "retracted", "--reason", "dup"),
        ("claims", "retract", "1", "--reason", "dup"),
        ("claims", "edit", "1", "--text", "new words"),
        ("claims", "cite", "1", "--source", "2"),
        ("evidence", "add", "1", "--stance", "supports", "--url", "https://example.org/x"),
    ],
)
def test_a_stale_if_version_changes_nothing_and_names_the_last_change(seeded, db_url, command):
    added = seeded("sources", "add", "--title", "Another paper", "--language", "en")
    assert added.stdout.strip() == "added source 2"
    changed = seeded("--as", "ana", "claims", "status", "1", "in_review", "--reason", "checking")
    assert changed.exit_code == 0, changed.output
    snapshot = dump(db_url)
    result = seeded("--as", "ben", *command, "--if-version", "1")
    assert result.exit_code == 3, result.output
    assert re.fullmatch(STALE, result.stderr.strip()), result.stderr
    assert result.stdout == ""
    assert dump(db_url) == snapshot
    current = seeded("--as", "ben", *command, "--if-version", "2")
    assert current.exit_code == 0, current.output


def new_claim(url: str) -> int:
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope
    from factdb.sources import add_source

    with session_scope(url) as session:
        source = add_source(session, title="The wire", language_code="en", user="setup")
        claim = add_claim(
            session,
            text="The first claim",
            appearance=AttributionInput(source_id=source.id),
            user="setup",
        )
        return claim.id


def history_of(url: str, claim_id: int):
    from factdb.claim_objects import claim_history, get_claim
    from factdb.db import session_scope

    with session_scope(url, write=False) as session:
        claim = get_claim(session, claim_id)
        entries = [(e.version, e.actor, e.action) for e in claim_history(session, claim_id)]
        return (
            claim.version,
            claim.status,
            entries,
            sorted(t.name for t in claim.topics),
            [e.url for e in claim.evidence],
        )


def test_same_claim_status_changes_are_applied_or_conflict(db_url):
    claim_id = new_claim(db_url)
    results = run_writers(flip_status, WRITERS, db_url, claim_id, 4)
    outcomes = [(index, o) for index, writer in enumerate(results) for o in writer]
    assert {kind for _, (kind, _) in outcomes} <= {"applied", "Conflict"}, outcomes
    applied = [
        (f"writer-{index}", version) for index, (kind, version) in outcomes if kind == "applied"
    ]
    conflicts = [message for _, (kind, message) in outcomes if kind == "Conflict"]
    version, _, entries, _, _ = history_of(db_url, claim_id)
    assert applied, "at least one change goes through"
    assert version == 1 + len(applied)
    # One history entry per applied change, with the version and author the writer saw.
    assert [v for v, _, _ in entries] == list(range(1, version + 1))
    assert sorted((actor, v) for v, actor, _ in entries[1:]) == sorted(applied)
    for message in conflicts:
        assert re.fullmatch(
            rf"claim {claim_id} is at version \d+, not \d+: last changed by writer-\d "
            r"at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; reload it and retry",
            message,
        ), message


def test_changes_without_if_version_serialise_and_never_overwrite(db_url):
    claim_id = new_claim(db_url)
    rounds = 4
    results = run_writers(add_topics_and_evidence, WRITERS, db_url, claim_id, rounds)
    assert all(kind == "applied" for writer in results for kind, _ in writer), results
    version, _, entries, topics, urls = history_of(db_url, claim_id)
    changes = WRITERS * rounds
    assert version == 1 + changes
    assert [v for v, _, _ in entries] == list(range(1, version + 1))
    assert Counter(action for _, _, action in entries) == {
        "created": 1,
        "edited": changes // 2,
        "evidence_added": changes // 2,
    }
    # Each writer's topics and evidence survived every other writer's changes.
    assert topics == sorted(
        ["shared"] + [f"w{i}-{n}" for i in range(WRITERS) for n in range(rounds) if n % 2]
    )
    assert sorted(urls) == sorted(
        f"https://example.org/{i}/{n}" for i in range(WRITERS) for n in range(rounds) if n % 2 == 0
    )
    applied_versions = sorted(v for writer in results for _, v in writer)
    assert applied_versions == list(range(2, version + 1))


def test_many_writers_adding_rows_never_duplicate(db_url):
    from factdb.db import session_scope
    from factdb.models import Actor, ActorAlias, Claim, ClaimTopic, HistoryEntry, Source, Topic

    new_claim(db_url)  # source 1, which every writer's claims cite
    rounds = 3
    results = run_writers(add_rows, WRITERS, db_url, rounds)
    shared = {
        "source": "a source with key 'same-source' already exists",
        "actor": r"alias 'Same Speaker' already names Same Speaker \(actor \d+\)",
        "alias": r"alias 'The Same Alias' already names Speaker \d \(actor \d+\)",
    }
    refused = Counter()
    for writer in results:
        same_source, own_source, same_actor, own_actor, alias, *claims = writer
        assert own_source[0] == own_actor[0] == "applied", writer
        assert all(kind == "applied" for kind, _ in claims), writer
        got = {"source": same_source, "actor": same_actor, "alias": alias}
        for step, (kind, message) in got.items():
            if kind != "applied":
                assert kind == "InvalidInput" and re.fullmatch(shared[step], message), message
                refused[step] += 1
    # Exactly one writer got each shared row; every other one was told why not.
    assert refused == {"source": WRITERS - 1, "actor": WRITERS - 1, "alias": WRITERS - 1}
    with session_scope(db_url, write=False) as session:
        count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(Source) == 1 + 1 + WRITERS
        assert count(Actor) == 1 + WRITERS
        # Each actor's name, and the one shared alias.
        assert count(ActorAlias) == 1 + WRITERS + 1
        assert count(Claim) == 1 + WRITERS * rounds
        assert count(HistoryEntry) == count(Claim)
        topics = session.scalars(select(Topic.name)).all()
        assert sorted(topics) == sorted(
            {"shared-topic"} | {f"topic-{i}" for i in range(max(WRITERS, rounds))}
        )
        assert count(ClaimTopic) == sum(
            len({"shared topic", f"topic {i}", f"topic {n}"})
            for i in range(WRITERS)
            for n in range(rounds)
        )


def in_background(call) -> tuple[threading.Thread, list]:
    """Run ``call`` in a thread (its own connection); its outcome lands in the list."""
    results: list = []
    thread = threading.Thread(target=lambda: results.append(outcome(call)), daemon=True)
    thread.start()
    return thread, results


def wait_until_blocked(url: str, thread: threading.Thread) -> None:
    """Until the thread's transaction waits for a lock held by the test's.

    PostgreSQL shows the wait; a SQLite writer waits inside BEGIN IMMEDIATE, where
    nothing shows it, so the thread is given a moment to get there.
    """
    if not url.startswith("postgresql"):
        time.sleep(0.3)
        return
    from sqlalchemy import create_engine

    # Autocommit: within a transaction pg_stat_activity would stay the same snapshot.
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    waiting = (
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    try:
        with engine.connect() as conn:
            while thread.is_alive() and not conn.execute(text(waiting)).scalar():
                time.sleep(0.02)
    finally:
        engine.dispose()


def test_the_loser_of_a_race_gets_the_error_a_sequential_run_gives(db_url):
    from factdb.actors import add_actor, list_actors
    from factdb.db import session_scope

    def second() -> int:
        with session_scope(db_url) as session:
            return add_actor(session, name="same speaker", user="second").id

    with session_scope(db_url) as first:
        add_actor(first, name="Same Speaker", user="first")
        # Both have checked that the name is free; the second now waits for the first.
        thread, results = in_background(second)
        wait_until_blocked(db_url, thread)
        assert thread.is_alive()
    thread.join(timeout=60)
    assert results == [
        ("InvalidInput", "alias 'same speaker' already names Same Speaker (actor 1)")
    ]
    with session_scope(db_url, write=False) as session:
        assert [(a.name, a.created_by) for a in list_actors(session)] == [("Same Speaker", "first")]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_second_sqlite_writer_waits_instead_of_failing(db_url):
    from factdb.db import SQLITE_BUSY_TIMEOUT_MS, session_scope
    from factdb.sources import add_source, list_sources

    def second() -> int:
        with session_scope(db_url) as session:
            return add_source(session, title="second", language_code="en", user="second").id

    with session_scope(db_url) as first:
        connection = first.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        add_source(first, title="first", language_code="en", user="first")
        thread, results = in_background(second)
        wait_until_blocked(db_url, thread)
        assert thread.is_alive()  # waiting for the lock, not failed with "database is locked"
    thread.join(timeout=60)
    assert results == [("applied", 2)]
    with session_scope(db_url, write=False) as session:
        assert [s.title for s in list_sources(session)] == ["first", "second"]


def test_an_import_builds_on_an_edit_committed_while_it_waited(db_url):
    from factdb.claims import set_status
    from factdb.db import session_scope
    from factdb.formats.datasets import import_liar
    from factdb.models import Claim

    with session_scope(db_url) as session:
        import_liar(session, DATA / "liar_sample.tsv", user="ana")
        claim_id = session.scalars(select(Claim.id).where(Claim.key == "liar:101")).one()

    def plus() -> int:
        with session_scope(db_url) as session:
            return import_liar(session, DATA / "liar_plus_sample.tsv", user="ben").merged

    with session_scope(db_url) as first:
        set_status(first, claim_id, "in_review", reason="reopened", user="carl")
        # The import, which adds a note to the same claim, waits for this change.
        thread, results = in_background(plus)
        wait_until_blocked(db_url, thread)
        assert thread.is_alive()
    thread.join(timeout=60)
    assert results == [("applied", 1)]
    version, status, entries, _, _ = history_of(db_url, claim_id)
    assert (version, status) == (3, "in_review")
    assert entries == [(1, "ana", "imported"), (2, "carl", "status"), (3, "ben", "edited")]


def test_loading_the_same_file_at_once_creates_everything_once(db_url):
    from factdb.db import session_scope
    from factdb.models import Actor, Claim, Source

    results = run_writers(load_seed, WRITERS, db_url, str(SEED))
    outcomes = [o for writer in results for o in writer]
    created = [value for kind, value in outcomes if kind == "applied" and value]
    # One load creates everything; the others find it there, or (PostgreSQL, when
    # they raced past the check) stop with the error a second load would give.
    assert created == [{"sources": 1, "speakers": 5, "claims": 12}], outcomes
    for kind, value in outcomes:
        assert kind == "applied" or (kind == "InvalidInput" and "already" in value), value
    with session_scope(db_url, write=False) as session:
        count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert (count(Source), count(Actor), count(Claim)) == (1, 5, 12)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_sqlite_writer_that_waits_too_long_gives_up_cleanly(db_url, monkeypatch):
    from typer.testing import CliRunner

    import factdb.db
    from factdb.cli import app
    from factdb.db import session_scope
    from factdb.sources import add_source, list_sources

    monkeypatch.setattr(factdb.db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    with session_scope(db_url) as first:
        add_source(first, title="first", language_code="en", user="first")
        result = CliRunner().invoke(
            app, ["--db", db_url, "sources", "add", "--title", "second", "--language", "en"]
        )
    assert result.exit_code == 5, result.output
    assert result.stderr.strip() == (
        f"error: {db_url} is busy: another writer held it for over 0.2 s (the busy timeout) "
        "(database is locked): nothing was written, run the command again"
    )
    with session_scope(db_url, write=False) as session:
        assert [s.title for s in list_sources(session)] == ["first"]


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgresql"])
def test_writers_waiting_for_each_other_one_is_refused_whole(db_url):
    from factdb.claims import edit_claim
    from factdb.db import session_scope

    one, two = new_claim(db_url), new_claim(db_url)
    second_holds_two = threading.Event()

    def edit(session, claim_id: int, user: str) -> None:
        edit_claim(session, claim_id, text=f"as {user} left it", user=user)

    def second() -> None:
        with session_scope(db_url) as session:
            edit(session, two, "second")
            second_holds_two.set()
            edit(session, one, "second")

    def first() -> None:
        with session_scope(db_url) as session:
            edit(session, one, "first")
            thread, results = in_background(second)
            assert second_holds_two.wait(timeout=60)
            wait_until_blocked(db_url, thread)
            try:
                edit(session, two, "first")
            finally:
                background.extend([thread, results])

    background: list = []
    mine = outcome(first)
    thread, results = background
    thread.join(timeout=60)
    outcomes = sorted([mine[0], results[0][0]])
    assert outcomes == ["DatabaseUnavailable", "applied"], (mine, results)
    (message,) = [m for kind, m in (mine, results[0]) if kind != "applied"]
    assert "it and a concurrent one were waiting for each other (deadlock detected" in message
    assert message.endswith("nothing was written, run the command again")
    winner = "first" if mine[0] == "applied" else "second"
    for claim_id in (one, two):
        version, _, entries, _, _ = history_of(db_url, claim_id)
        assert version == 2
        assert entries == [(1, "setup", "created"), (2, winner, "edited")]
