"""history guard: no change to a claim without its version bump and its history entry

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

The database itself refuses a change to a claim that bypasses the history, whoever
makes it (a writer's raw ``UPDATE claims``, or a bug in factdb):

- Every UPDATE of a claims row must raise ``version`` by exactly one (a trigger
  BEFORE UPDATE, both backends).
- The transaction that makes that version must also add the claim's history entry
  for it, before or after the UPDATE, checked when it commits. PostgreSQL: a
  deferred constraint trigger. SQLite, which has none: a trigger AFTER UPDATE notes
  the version in ``history_due`` unless its entry exists; a trigger AFTER INSERT on
  ``claim_history`` removes the note; a note still there at COMMIT breaks a deferred
  foreign key (to a ``claim_history`` id that never exists), and the commit fails.
  Foreign keys are enforced on every connection factdb opens; a raw ``sqlite3``
  session has them off unless it runs ``PRAGMA foreign_keys = ON``, and there only
  the version rule holds.
- On SQLite ``claim_history`` refuses UPDATE and DELETE (on PostgreSQL ``factdb db
  roles`` sets up the same guard, which lets the owner through).

A later migration that updates claims rows must bump their versions and write
history, or drop these triggers for its duration. ``history_due`` is made by raw DDL
like the full-text objects of 0003: ``migrations/env.py`` keeps autogenerate off it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUMP_MESSAGE = (
    "a change to a claim must raise its version by one and add its history entry "
    "in the same transaction (use factdb, which records both)"
)

SQLITE_UP = [
    "CREATE TABLE history_due ("
    " claim_id INTEGER NOT NULL,"
    " version INTEGER NOT NULL,"
    " history_id INTEGER NOT NULL DEFAULT -1"
    " REFERENCES claim_history (id) DEFERRABLE INITIALLY DEFERRED)",
    "CREATE TRIGGER claims_version_bump BEFORE UPDATE ON claims "
    "WHEN NEW.version IS NOT OLD.version + 1 "
    f"BEGIN SELECT RAISE(ABORT, '{BUMP_MESSAGE}'); END",
    "CREATE TRIGGER claims_history_due AFTER UPDATE ON claims "
    "WHEN NOT EXISTS (SELECT 1 FROM claim_history"
    " WHERE claim_id = NEW.id AND version = NEW.version) "
    "BEGIN INSERT INTO history_due (claim_id, version) VALUES (NEW.id, NEW.version); END",
    "CREATE TRIGGER claim_history_recorded AFTER INSERT ON claim_history "
    "BEGIN DELETE FROM history_due"
    " WHERE claim_id = NEW.claim_id AND version = NEW.version; END",
    "CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history "
    "BEGIN SELECT RAISE(ABORT, 'claim history is append-only'); END",
    "CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history "
    "BEGIN SELECT RAISE(ABORT, 'claim history is append-only'); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER claim_history_no_delete",
    "DROP TRIGGER claim_history_no_update",
    "DROP TRIGGER claim_history_recorded",
    "DROP TRIGGER claims_history_due",
    "DROP TRIGGER claims_version_bump",
    "DROP TABLE history_due",
]

POSTGRES_UP = [
    f"""
CREATE FUNCTION factdb_claim_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION 'claim %: {BUMP_MESSAGE}', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$""",
    "CREATE TRIGGER claims_version_bump BEFORE UPDATE ON claims "
    "FOR EACH ROW EXECUTE FUNCTION factdb_claim_version_bump()",
    f"""
CREATE FUNCTION factdb_claim_history_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM claim_history
                 WHERE claim_id = NEW.id AND version = NEW.version) THEN
    RAISE EXCEPTION 'claim % has no history entry for its version %: {BUMP_MESSAGE}',
      NEW.id, NEW.version USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$""",
    "CREATE CONSTRAINT TRIGGER claims_history_recorded AFTER UPDATE ON claims "
    "DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION factdb_claim_history_recorded()",
]
POSTGRES_DOWN = [
    "DROP TRIGGER claims_history_recorded ON claims",
    "DROP FUNCTION factdb_claim_history_recorded()",
    "DROP TRIGGER claims_version_bump ON claims",
    "DROP FUNCTION factdb_claim_version_bump()",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_UP if sqlite else POSTGRES_UP)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_DOWN if sqlite else POSTGRES_DOWN)
