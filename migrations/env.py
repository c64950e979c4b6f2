"""Alembic environment: runs on the connection factdb hands over, or on FACTDB_URL.

Each migration runs in its own transaction, together with the update of
``alembic_version`` (DDL is transactional on both SQLite and PostgreSQL): one that
fails part-way is rolled back whole, leaving the database at the revision before it,
and an upgrade can resume from there. SQLite alters tables in batch mode (copy and
move).
"""

from alembic import context

from factdb.tables import METADATA

config = context.config

# Objects made by raw DDL that no model describes: full-text search in 0003 (the FTS5
# table and its shadow tables on SQLite, the expression GIN index on PostgreSQL), and
# the history guard's table of versions awaiting their entry in 0005 (SQLite).
RAW_DDL_OBJECTS = ("claims_fts", "ix_claims_fulltext", "history_due")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (name or "").startswith(RAW_DDL_OBJECTS)


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    from factdb.db import default_url, make_engine

    engine = make_engine(default_url(), create=True, migrating=True)
    with engine.connect() as conn:
        run(conn)
    engine.dispose()
