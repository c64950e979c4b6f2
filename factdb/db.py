"""Connecting to a ledger, migrating it, and refusing one whose schema does not match.

SQLite is the embedded default (a file in the user's data directory); PostgreSQL
is the shared newsroom server. Both go through the same engine factory so that
foreign keys, WAL and busy timeouts are never forgotten on SQLite.

The schema check reads ``alembic_version`` with plain SQL against a revision id
kept in code (``SCHEMA_REVISION``, tested against the migration scripts), so that
ordinary commands never pay for importing Alembic.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from factdb.errors import (
    Conflict,
    DatabaseUnavailable,
    FactDBError,
    InvalidInput,
    PermissionDenied,
    SchemaMismatch,
)

# The head of migrations/versions; tests/test_migrations.py keeps the two in step.
SCHEMA_REVISION = "0009"

SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLite's page cache per reading connection, in KiB (a negative cache_size). The
# default, 2 MiB, is smaller than what one page of `claims list` reads on a
# million-claim ledger (a hundred claims' rows, parts and index pages, scattered
# over the file), so a long-lived engine read them again from the OS for every page.
# The cache grows only as pages are read, so a small ledger never fills it; writing
# engines keep the default, so that an import's memory stays flat.
SQLITE_READ_CACHE_KIB = 32_768


def default_url() -> str:
    """``FACTDB_URL``, else a SQLite file in the user's data directory."""
    if env := os.environ.get("FACTDB_URL"):
        return env
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('factdb') / 'factdb.sqlite'}"


def parse_url(url: str) -> URL:
    """Turn a user's URL into one SQLAlchemy can use, with psycopg 3 for PostgreSQL.

    Plain paths are accepted as SQLite files, since that is what users type.
    """
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise InvalidInput(
            f"cannot parse database URL {_without_password(url)!r}: "
            "use sqlite:///PATH or postgresql://USER@HOST/DB"
        ) from None
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername == "sqlite":
        return parsed
    raise InvalidInput(
        f"unsupported database {parsed.drivername!r} in {display_url(parsed)}: "
        "use sqlite:///PATH or postgresql://USER@HOST/DB"
    )


def _without_password(url: str) -> str:
    """A URL SQLAlchemy could not parse, with whatever sits where its password would be
    (between ``USER:`` and the last ``@``) masked."""
    url = re.sub(r"(://[^:/?#@]*:).*@", r"\1***@", url, flags=re.S)
    return re.sub(r"(password=)[^&]*", r"\1***", url, flags=re.S | re.I)


def display_url(url: URL | str) -> str:
    """The URL as it may be shown to a user: never with its password."""
    if isinstance(url, str):
        try:
            url = parse_url(url)
        except InvalidInput:
            return "<unparsable URL>"
    if "password" not in url.query:
        return url.render_as_string(hide_password=True)
    # libpq also takes the password as a query parameter.
    shown = url.update_query_dict({"password": "***"}).render_as_string(hide_password=True)
    return shown.replace("password=%2A%2A%2A", "password=***")


def sqlite_path(url: URL) -> Path | None:
    if url.drivername != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def read_only_reason(path: Path) -> str | None:
    """Why factdb cannot write the SQLite file at ``path`` (None when it can): SQLite
    writes the file, and beside it the journal (WAL's -wal and -shm files)."""
    if not _writable(path):
        return f"the file {path} is not writable"
    if not _writable(path.parent):
        return (
            f"the directory {path.parent} is not writable "
            "(SQLite keeps its journal files beside the database)"
        )
    return None


def _read_only_url(parsed: URL, path: Path) -> URL:
    """The URL that opens ``path`` for reading only. In a directory that is not
    writable, WAL cannot create its -shm file, so the file is opened as immutable
    (no locks, no journal), unless a -wal file holds changes not yet in it."""
    query = {"mode": "ro", "uri": "true"}
    wal = path.with_name(path.name + "-wal")
    if not _writable(path.parent) and not (wal.exists() and wal.stat().st_size):
        query["immutable"] = "1"
    return parsed.set(database=f"file:{quote(str(path.resolve()))}", query=query)


def _sqlite_pragmas(foreign_keys: bool, write: bool, read_only: bool = False):
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not read_only:  # setting the journal mode writes the file
            cursor.execute("PRAGMA journal_mode = WAL")
        if not write:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_READ_CACHE_KIB}")
        cursor.close()

    return on_connect


def make_engine(
    url: str | URL, *, create: bool = False, write: bool = True, migrating: bool = False
) -> Engine:
    """An engine for ``url``; a missing SQLite file is an error unless ``create``.

    On SQLite a writing engine begins every transaction with BEGIN IMMEDIATE: it takes
    the write lock before reading, so a second writer waits (up to the busy timeout)
    instead of failing half-way with "database is locked". A ``migrating`` engine
    has foreign-key enforcement off, since batch migrations copy and move tables. A
    file that cannot be written (or whose directory cannot) is opened read-only for
    reading, and refused for writing with the reason.
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    path = sqlite_path(parsed)
    if path is not None:
        try:
            exists = path.exists()
        except OSError as error:  # a name too long for the file system, say
            raise InvalidInput(f"cannot use {str(path)[:60]!r}…: {error.strerror}") from None
        if not exists:
            if not create:
                raise SchemaMismatch(f"no factdb database at {path}: run `factdb init` first")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif reason := read_only_reason(path):
            if write or create:
                raise PermissionDenied(f"cannot write the database: {reason}")
            parsed = _read_only_url(parsed, path)
        read_only = parsed.query.get("mode") == "ro"
        engine = create_engine(parsed)
        event.listen(
            engine,
            "connect",
            _sqlite_pragmas(foreign_keys=not migrating, write=write, read_only=read_only),
        )
        begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
        return engine
    return create_engine(parsed, pool_pre_ping=False)


# SQLSTATEs of a server that ended the session: terminated by an administrator, shut
# down, or crashed. The connection is gone and the transaction with it.
_TERMINATED = {"57P01", "57P02", "57P03"}


def error_detail(url: URL | None, error: BaseException) -> str:
    """The first line of the driver's message (or the exception's), with the
    password of ``url`` masked."""
    cause = getattr(error, "orig", None)
    text = str(cause if cause is not None else error).strip()
    line = text.splitlines()[0] if text else type(error).__name__
    # Drivers do not echo passwords; this is a second guard. A password of one to
    # three characters would match inside ordinary words and garble the message.
    if url is not None and url.password and len(str(url.password)) > 3:
        line = line.replace(str(url.password), "***")
    return line


def describe_connection_error(url: URL, error: DBAPIError) -> str:
    """Which problem stopped the connection: one line, with the URL but not its password."""
    message = error_detail(None, error)  # masked below, where it is shown
    where = display_url(url)
    lowered = message.lower()
    if "password authentication failed" in lowered:
        return f"cannot connect to {where}: wrong password for user {url.username!r}"
    if "does not exist" in lowered and "database" in lowered:
        return f"cannot connect to {where}: database {url.database!r} does not exist"
    if "failed to resolve host" in lowered or "could not translate host name" in lowered:
        return f"cannot connect to {where}: unknown host {url.host!r}"
    if "no pg_hba.conf entry" in lowered:
        return (
            f"cannot connect to {where}: the server does not accept user {url.username!r} "
            "from this machine (pg_hba.conf)"
        )
    if "connection refused" in lowered or "could not connect" in lowered or "timeout" in lowered:
        return f"cannot connect to {where}: the server is down or unreachable"
    if "role" in lowered and "does not exist" in lowered:
        return f"cannot connect to {where}: user {url.username!r} does not exist"
    return f"cannot connect to {where}: {error_detail(url, error)}"


# What psycopg says when the connection died earlier, for errors raised by the driver
# directly (COPY), which SQLAlchemy has not classified as disconnects.
_GONE = ("the connection is lost", "the connection is closed", "server closed the connection")


def connection_lost(error: DBAPIError) -> bool:
    """Whether the connection died under a statement (rather than never opening)."""
    if error.connection_invalidated or _sqlstate(error) in _TERMINATED:
        return True
    return any(phrase in str(error.orig).lower() for phrase in _GONE)


def _roll_back(session: Session) -> None:
    """Roll back; when the connection is gone the server has discarded the transaction
    already, and the session only has to forget the connection."""
    try:
        session.rollback()
    except DBAPIError:
        session.invalidate()


def _contention(error: DBAPIError) -> str | None:
    """What went wrong when concurrent writers, not the connection, stopped a command."""
    if _sqlstate(error) == "40P01":
        return "refused the change: it and a concurrent one were waiting for each other"
    if "database is locked" in str(error.orig):
        return (
            f"is busy: another writer held it for over {SQLITE_BUSY_TIMEOUT_MS / 1000:g} s "
            "(the busy timeout)"
        )
    return None


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


def current_revision(bind: Engine | Connection) -> str | None:
    """The revision the database is at, or None when it has never been initialised."""

    def read(conn: Connection) -> str | None:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    try:
        if isinstance(bind, Connection):
            return read(bind)
        with bind.connect() as conn:
            return read(conn)
    except DBAPIError as error:
        raise translate_error(bind.engine.url, error, writing=False) from None


def check_schema(bind: Engine | Connection) -> None:
    """Refuse a database whose schema is not exactly the one this code expects."""
    revision = current_revision(bind)
    where = display_url(bind.engine.url)
    if revision is None:
        raise SchemaMismatch(f"{where} is not a factdb database yet: run `factdb init`")
    if revision != SCHEMA_REVISION:
        from factdb.migration_scripts import known_revisions

        if revision in known_revisions():
            raise SchemaMismatch(
                f"{where} is at schema {revision}, this factdb needs {SCHEMA_REVISION}: "
                "run `factdb init` to upgrade it"
            )
        raise SchemaMismatch(
            f"{where} is at schema {revision}, newer than this factdb knows: "
            "upgrade factdb before using this database"
        )


def translate_error(
    url: URL, error: BaseException, *, writing: bool = True, committing: bool = False
) -> BaseException:
    """Database exceptions as the one-line errors factdb reports (passwords hidden)."""
    if isinstance(error, FactDBError | KeyboardInterrupt | SystemExit | GeneratorExit):
        return error
    if isinstance(error, StaleDataError):
        return Conflict("the claim was changed by someone else meanwhile: reload it and retry")
    if not isinstance(error, DBAPIError):
        return error
    where = display_url(url)
    detail = error_detail(url, error)
    if connection_lost(error):
        if committing:
            return DatabaseUnavailable(
                f"lost the connection to {where} while committing ({detail}): "
                "check whether the change was saved before repeating it"
            )
        return DatabaseUnavailable(
            f"lost the connection to {where} ({detail}): nothing was written, run the command again"
        )
    if _sqlstate(error) == "42501":
        return PermissionDenied(
            f"database role {url.username!r} cannot {'write' if writing else 'read'} this "
            f"({detail}): connect as a role that may (see `factdb db roles`)"
        )
    if busy := _contention(error):
        return DatabaseUnavailable(
            f"{where} {busy} ({detail}): nothing was written, run the command again"
        )
    if isinstance(error, OperationalError):
        return DatabaseUnavailable(describe_connection_error(url, error))
    if isinstance(error, IntegrityError):
        return InvalidInput(f"the change was refused by the database: {detail}")
    return FactDBError(f"database error on {where}: {detail}")


@contextmanager
def session_scope(url: str | URL, *, write: bool = True) -> Iterator[Session]:
    """One transaction on a ledger at the expected schema: committed on success,
    rolled back on any error, so a failed command leaves the database as it was."""
    engine = make_engine(url, write=write)
    try:
        with Session(engine, expire_on_commit=False) as session:
            # Checked on the transaction's own connection, when the command first reads
            # or writes: a command that refuses its input before that never connects.
            event.listen(session, "after_begin", lambda _s, _t, conn: check_schema(conn))
            committing = False
            try:
                yield session
                committing = True
                session.commit()
            except BaseException as error:
                _roll_back(session)
                raise translate_error(
                    engine.url, error, writing=write, committing=committing
                ) from None

    finally:
        engine.dispose()
