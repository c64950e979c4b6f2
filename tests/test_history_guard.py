"""The database refuses a change to a claim that bypasses its history (migration 0005).

Raw SQL on SQLite here, through the sqlite3 module as any other program would; the
writer role on PostgreSQL in tests/test_roles.py. factdb's own write paths (edit,
status, evidence, imports) satisfy the guard: their tests run on the guarded schema.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.helpers import dump

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

RECORD_V2 = (
    "INSERT INTO claim_history (claim_id, version, at, actor, action, new) "
    "VALUES (1, 2, '2026-12-06 10:00:00', 'someone', 'status', '{\"status\": \"in_review\"}')"
)
BUMP = "UPDATE claims SET status = 'in_review', version = version + 1 WHERE id = 1"


def run_sql(url: str, *statements: str, foreign_keys: bool = True) -> None:
    """``statements`` in one transaction on the SQLite file of ``url``."""
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        conn.execute("BEGIN")
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


@pytest.mark.parametrize("foreign_keys", [True, False])
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE claims SET status = 'in_review' WHERE id = 1",
        "UPDATE claims SET text = 'rewritten'",
        "UPDATE claims SET version = version + 2 WHERE id = 1",
        "UPDATE claim_history SET reason = 'rewritten'",
        "DELETE FROM claim_history WHERE claim_id = 1",
    ],
)
def test_a_change_without_version_bump_is_refused(seeded, db_url, statement, foreign_keys):
    before = dump(db_url)
    with pytest.raises(sqlite3.IntegrityError, match=r"must raise its version|append-only"):
        run_sql(db_url, statement, foreign_keys=foreign_keys)
    assert dump(db_url) == before


def test_a_version_bump_without_history_fails_at_commit(seeded, db_url):
    before = dump(db_url)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
        run_sql(db_url, BUMP)
    assert dump(db_url) == before


@pytest.mark.parametrize("history_first", [True, False])
def test_a_change_with_its_history_entry_is_accepted(seeded, db_url, history_first):
    run_sql(db_url, *([RECORD_V2, BUMP] if history_first else [BUMP, RECORD_V2]))
    result = seeded("claims", "history", "1", "--format", "json")
    assert '"version": 2' in result.stdout
    conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        assert conn.execute("SELECT count(*) FROM history_due").fetchone() == (0,)
    finally:
        conn.close()


def test_factdb_changes_pass_the_guard(seeded, db_url):
    """Every kind of change factdb makes to a claim, in one ledger."""
    for command in [
        ("sources", "add", "--title", "Another", "--language", "fr"),
        ("claims", "status", "1", "in_review", "--reason", "checking"),
        ("claims", "edit", "2", "--remove-figure", "1", "--add-topic", "x", "--reason", "r"),
        ("evidence", "add", "1", "--stance", "refutes", "--url", "https://example.org/e"),
        ("claims", "cite", "3", "--source", "2", "--reason", "r"),
        ("claims", "retract", "4", "--reason", "duplicate"),
    ]:
        result = seeded(*command)
        assert result.exit_code == 0, (command, result.output)
    versions = [
        e["version"] for e in json.loads(seeded("claims", "history", "2", "-f", "json").stdout)
    ]
    assert versions == [1, 2, 3]
