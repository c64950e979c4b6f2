"""indexes for every claims-list filter, and full-text search

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Each filter of ``claims list`` becomes an index lookup: the indexes end in the claim
id (or, for claims, the id is the order of the pages), so the ids come from the
index alone.

Full-text search is accent-insensitive and language-neutral (French and English
claims share one ledger), so neither backend stems words:

- SQLite: ``claims_fts``, an FTS5 table with external content (the claims table
  itself) over text and translation, tokenizer ``unicode61 remove_diacritics 2``,
  kept in step by triggers on claims. A later migration that rebuilds the claims
  table in batch mode drops these triggers and must create them again.
- PostgreSQL: a GIN index on ``factdb_claim_tsvector(text, translation)``, an
  IMMUTABLE SQL function ('simple' configuration over ``unaccent``), which the
  index maintains by itself. The function's name is what queries call, so index
  and query always compute the same vector.

These objects are invisible to autogenerate; ``migrations/env.py`` skips them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, old index, old columns, new index, new columns)
INDEXES = [
    ("claims", "ix_claims_status", ["status"], "ix_claims_status_id", ["status", "id"]),
    (
        "claim_topics",
        "ix_claim_topics_topic_id",
        ["topic_id"],
        "ix_claim_topics_topic_claim",
        ["topic_id", "claim_id"],
    ),
    (
        "attributions",
        "ix_attributions_claimant_id",
        ["claimant_id"],
        "ix_attributions_claimant_claim",
        ["claimant_id", "claim_id"],
    ),
    (
        "attributions",
        "ix_attributions_relay_id",
        ["relay_id"],
        "ix_attributions_relay_claim",
        ["relay_id", "claim_id"],
    ),
    (
        "attributions",
        "ix_attributions_source_id",
        ["source_id"],
        "ix_attributions_source_claim",
        ["source_id", "claim_id"],
    ),
    (
        "figures",
        "ix_figures_unit_span",
        ["unit", "span_low", "span_high"],
        "ix_figures_unit_span_claim",
        ["unit", "span_low", "span_high", "claim_id"],
    ),
    (
        "claim_dates",
        "ix_claim_dates_role_value",
        ["role", "value", "value_end"],
        "ix_claim_dates_role_value_claim",
        ["role", "value", "value_end", "claim_id"],
    ),
]

SQLITE_UP = [
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, translation, content='claims', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text, translation) "
    "VALUES (new.id, new.text, new.translation); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text, translation) "
    "VALUES ('delete', old.id, old.text, old.translation); END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, translation ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text, translation) "
    "VALUES ('delete', old.id, old.text, old.translation); "
    "INSERT INTO claims_fts(rowid, text, translation) "
    "VALUES (new.id, new.text, new.translation); END",
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER claims_fts_update",
    "DROP TRIGGER claims_fts_delete",
    "DROP TRIGGER claims_fts_insert",
    "DROP TABLE claims_fts",
]

POSTGRES_UP = [
    # unaccent is a trusted extension: a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE (it reads its dictionary by name); naming the
    # dictionary, schema-qualified, makes a wrapper safe to declare IMMUTABLE.
    """
    DO $$
    DECLARE schema text := (SELECT extnamespace::regnamespace::text
                            FROM pg_extension WHERE extname = 'unaccent');
    BEGIN
      EXECUTE 'CREATE FUNCTION factdb_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE '
        'PARALLEL SAFE STRICT RETURN ' || quote_ident(schema) || '.unaccent('
        || quote_literal(quote_ident(schema) || '.unaccent') || '::regdictionary, $1)';
    END $$
    """,
    "CREATE FUNCTION factdb_claim_tsvector(text, text) RETURNS tsvector LANGUAGE sql "
    "IMMUTABLE PARALLEL SAFE RETURN to_tsvector('simple'::regconfig, "
    "factdb_unaccent(coalesce($1, '') || ' ' || coalesce($2, '')))",
    "CREATE INDEX ix_claims_fulltext ON claims "
    "USING gin (factdb_claim_tsvector(text, translation))",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_claims_fulltext",
    "DROP FUNCTION factdb_claim_tsvector(text, text)",
    "DROP FUNCTION factdb_unaccent(text)",
]


def upgrade() -> None:
    for table, old, _, new, columns in INDEXES:
        op.drop_index(old, table_name=table)
        op.create_index(new, table, columns)
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN
    for statement in statements:
        op.execute(statement)
    for table, old, old_columns, new, _ in reversed(INDEXES):
        op.drop_index(new, table_name=table)
        op.create_index(old, table, old_columns)
