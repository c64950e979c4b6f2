"""Least-privilege PostgreSQL roles for a newsroom: an owner, writers and readers.

The owner owns the schema and every factdb object in it, so it alone runs
migrations (``factdb init``). Writers (fact-checkers) may add and change rows but
not delete claims, sources or speakers, and never update or delete history: the
privileges say so, and a trigger refuses UPDATE and DELETE on ``claim_history``
for anyone but its owner even if a broader grant slips in later. The one DELETE
writers keep is on the parts of a claim that ``claims edit`` replaces (figures,
dates, topics), and each such change is recorded in the claim's history. Readers
(editors) may only SELECT.

Setting the roles up is one transaction by a user who may create roles, on a
database already initialised; running it again re-applies the same privileges.
Passwords are sent as SCRAM verifiers computed by libpq, so the clear text never
reaches the server's statement log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from factdb.db import check_schema, display_url, make_engine, parse_url, translate_error
from factdb.errors import InvalidInput
from factdb.tables import METADATA

KINDS = ("owner", "writer", "reader")

# History is append-only; these are the claim parts `claims edit` may remove.
APPEND_ONLY = frozenset({"claim_history"})
REPLACEABLE_PARTS = frozenset({"figures", "claim_dates", "claim_topics"})
# `units merge` folds a unit into another and deletes it (its figures keep their history).
MERGEABLE = frozenset({"units"})

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

HISTORY_GUARD = """
CREATE OR REPLACE FUNCTION factdb_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                     'MEMBER') THEN
    RAISE EXCEPTION 'claim history is append-only: % refused for role %', TG_OP, current_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$
"""


@dataclass(frozen=True)
class RoleNames:
    owner: str
    writer: str
    reader: str

    @classmethod
    def with_prefix(cls, prefix: str, **overrides: str | None) -> RoleNames:
        """``PREFIX_owner`` and so on, unless a name is given for a kind."""
        return cls(**{kind: overrides.get(kind) or f"{prefix}_{kind}" for kind in KINDS})

    def items(self) -> list[tuple[str, str]]:
        return [(kind, getattr(self, kind)) for kind in KINDS]


@dataclass
class RolesReport:
    """What a run did to each role, for the command to print."""

    created: list[str] = field(default_factory=list)
    password_set: list[str] = field(default_factory=list)
    tables: int = 0


def validate_names(names: RoleNames) -> None:
    for kind, name in names.items():
        if not _ROLE_NAME.fullmatch(name):
            raise InvalidInput(
                f"invalid {kind} role name {name!r}: use lower-case letters, digits and _, "
                "starting with a letter or _, at most 63 characters"
            )
    if len({name for _, name in names.items()}) != len(KINDS):
        raise InvalidInput(f"the owner, writer and reader roles must differ: {names}")


def _postgres_url(url: str | URL) -> URL:
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() != "postgresql":
        raise InvalidInput(
            f"roles are a PostgreSQL feature and {display_url(parsed)} is a SQLite file: "
            "protect the file with file-system permissions instead"
        )
    return parsed


def missing_roles(url: str | URL, names: RoleNames) -> list[str]:
    """The roles that do not exist yet (each needs a password to be created)."""
    validate_names(names)
    engine = make_engine(_postgres_url(url))
    try:
        with engine.connect() as conn:
            existing = _existing(conn, names)
    except Exception as error:
        raise translate_error(engine.url, error, writing=False) from None
    finally:
        engine.dispose()
    return [name for _, name in names.items() if name not in existing]


def _existing(conn: Connection, names: RoleNames) -> dict[str, bool]:
    """Existing roles among ``names``, each with whether it is a superuser."""
    rows = conn.execute(
        text("SELECT rolname, rolsuper FROM pg_roles WHERE rolname = ANY(:names)"),
        {"names": [name for _, name in names.items()]},
    )
    return {name: superuser for name, superuser in rows}


def setup_roles(url: str | URL, names: RoleNames, passwords: dict[str, str]) -> RolesReport:
    """Create or update the three roles and grant each what it needs, in one transaction.

    ``passwords`` maps role names to new passwords; an existing role without one keeps
    its password, a missing role without one is an error.
    """
    validate_names(names)
    engine = make_engine(_postgres_url(url))
    try:
        check_schema(engine)
        with engine.begin() as conn:
            return _apply(conn, names, passwords)
    except Exception as error:
        raise translate_error(engine.url, error) from None
    finally:
        engine.dispose()


def _apply(conn: Connection, names: RoleNames, passwords: dict[str, str]) -> RolesReport:
    run = _runner(conn)
    report = _create_roles(conn, run, names, passwords)
    _hand_to_owner(conn, run, names.owner)
    _grant(conn, run, names)
    report.tables = len(_tables())
    return report


def _runner(conn: Connection):
    """A function running one composed statement on the driver's cursor, inside
    SQLAlchemy's transaction. Without parameters, a `%` in a function body is not
    taken for a placeholder; errors are wrapped as SQLAlchemy wraps them."""
    import psycopg
    from psycopg import sql

    driver = conn.connection.driver_connection
    assert driver is not None  # an open connection has its driver's

    def run(statement: str, *args: sql.Composable) -> None:
        try:
            with driver.cursor() as cursor:
                cursor.execute(sql.SQL(statement).format(*args))
        except psycopg.Error as error:
            raise DBAPIError.instance(statement, None, error, psycopg.Error) from error

    return run


def _tables() -> list[str]:
    return [table.name for table in METADATA.sorted_tables] + ["alembic_version"]


def _create_roles(
    conn: Connection, run, names: RoleNames, passwords: dict[str, str]
) -> RolesReport:
    from psycopg import sql

    existing = _existing(conn, names)
    for kind, name in names.items():
        if existing.get(name):
            raise InvalidInput(
                f"role {name!r} is a superuser, which no privilege can restrict: "
                f"choose another {kind} role name"
            )
        if name not in existing and not passwords.get(name):
            raise InvalidInput(f"role {name!r} does not exist yet: give it a password")

    report = RolesReport()
    driver = conn.connection.driver_connection
    assert driver is not None
    pgconn = driver.pgconn
    for _, name in names.items():
        role = sql.Identifier(name)
        if name not in existing:
            run("CREATE ROLE {} LOGIN NOCREATEDB NOCREATEROLE", role)
            report.created.append(name)
        else:  # (superusers were refused above; only a superuser may name that attribute)
            run("ALTER ROLE {} LOGIN NOCREATEDB NOCREATEROLE", role)
        if password := passwords.get(name):
            verifier = pgconn.encrypt_password(password.encode(), name.encode())
            run("ALTER ROLE {} PASSWORD {}", role, sql.Literal(verifier.decode()))
            if name in existing:
                report.password_set.append(name)
    return report


def _hand_to_owner(conn: Connection, run, owner_name: str) -> None:
    """The owner owns the schema and every factdb object; nobody else may create there."""
    from psycopg import sql

    owner = sql.Identifier(owner_name)
    # Handing objects to the owner takes membership of it: an administrator who is not
    # a superuser becomes a member, and keeps it so as to read the ledger when run again.
    if not conn.execute(
        text("SELECT pg_has_role(current_user, :owner, 'MEMBER')"), {"owner": owner_name}
    ).scalar_one():
        run("GRANT {} TO CURRENT_USER", owner)
    run("ALTER SCHEMA {} OWNER TO {}", sql.Identifier(_current(conn, "schema")), owner)
    run("REVOKE CREATE ON SCHEMA {} FROM PUBLIC", sql.Identifier(_current(conn, "schema")))
    for table in _tables():
        run("ALTER TABLE {} OWNER TO {}", sql.Identifier(table), owner)  # with its sequence
    functions = conn.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'factdb\\_%'"
        )
    ).scalars()
    for signature in list(functions):
        run(f"ALTER FUNCTION {signature} OWNER TO {{}}", owner)
    run(HISTORY_GUARD)
    run("ALTER FUNCTION factdb_history_append_only() OWNER TO {}", owner)
    for table in APPEND_ONLY:
        trigger = sql.Identifier(f"{table}_append_only")
        run("DROP TRIGGER IF EXISTS {} ON {}", trigger, sql.Identifier(table))
        run(
            "CREATE TRIGGER {} BEFORE UPDATE OR DELETE ON {} "
            "FOR EACH ROW EXECUTE FUNCTION factdb_history_append_only()",
            trigger,
            sql.Identifier(table),
        )


def _current(conn: Connection, what: str) -> str:
    return conn.execute(text(f"SELECT current_{what}()")).scalar_one()


def _grant(conn: Connection, run, names: RoleNames) -> None:
    from psycopg import sql

    owner, writer, reader = (sql.Identifier(name) for _, name in names.items())
    schema = sql.Identifier(_current(conn, "schema"))
    database = sql.Identifier(_current(conn, "database"))
    # Start from nothing, so that a re-run also takes back what was granted by hand.
    run("GRANT CONNECT ON DATABASE {} TO {}, {}, {}", database, owner, writer, reader)
    run("GRANT USAGE ON SCHEMA {} TO {}, {}", schema, writer, reader)
    run("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}, {}", schema, writer, reader)
    run("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}, {}", schema, writer, reader)
    run("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}, {}", schema, writer, reader)
    run("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}", schema, writer)
    for table in _tables():
        if table == "alembic_version":
            continue
        privileges = "INSERT" if table in APPEND_ONLY else "INSERT, UPDATE"
        if table in REPLACEABLE_PARTS | MERGEABLE:
            privileges += ", DELETE"
        run(f"GRANT {privileges} ON {{}} TO {{}}", sql.Identifier(table), writer)
    # Tables a later migration adds: readable by both, and writers may add rows; any
    # further privilege comes from running this again after the upgrade.
    defaults = "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT "
    run(defaults + "SELECT ON TABLES TO {}, {}", owner, schema, writer, reader)
    run(defaults + "INSERT ON TABLES TO {}", owner, schema, writer)
    run(defaults + "USAGE ON SEQUENCES TO {}", owner, schema, writer)
