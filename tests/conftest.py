"""Test isolation: every test gets a fresh database, on SQLite and on PostgreSQL.

A database migrated once per session serves as a template: SQLite tests copy the
file, PostgreSQL tests ``CREATE DATABASE … TEMPLATE``, so each test starts from an
empty ledger at head without paying for the migrations each time.

PostgreSQL comes from FACTDB_TEST_PG (default: the local server, user postgres).
Without a reachable server those tests skip with the reason; under CI=true they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from tests.helpers import PG_ADMIN_URL, load_seed

# Hypothesis profiles: HYPOTHESIS_PROFILE=dev (the default), ci, or thorough. Property
# tests that touch a database take a fifth of the examples (``settings.default`` is the
# loaded profile by the time test modules are imported).
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
settings.register_profile("dev", max_examples=40, **_COMMON)
settings.register_profile("ci", max_examples=60, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path) -> None:
    """No test may touch a user's real database or depend on who runs it."""
    monkeypatch.delenv("FACTDB_URL", raising=False)
    monkeypatch.setenv("FACTDB_USER", "tester")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("COLUMNS", "200")


class PostgresServer:
    def __init__(self, admin_url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        self.admin = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.conninfo = self.admin.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        self.psycopg = psycopg
        self.tag = uuid.uuid4().hex[:8]
        self.counter = itertools.count()
        # Several at once: concurrent drops share the checkpoint each of them waits for.
        self.dropper = ThreadPoolExecutor(max_workers=8, thread_name_prefix="drop")
        self.drops: list[Future] = []

    def execute(self, sql: str) -> None:
        with self.psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def url(self, name: str) -> str:
        return self.admin.set(database=name).render_as_string(hide_password=False)

    def new_name(self) -> str:
        return f"factdb_test_{self.tag}_{next(self.counter)}"

    def create(self, name: str, template: str | None = None) -> str:
        suffix = f" TEMPLATE {template}" if template else ""
        self.execute(f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def drop(self, name: str, *, roles: Iterable[str] = ()) -> None:
        """Drop a database, then roles that had rights in it, in the background:
        ``DROP DATABASE`` waits for a checkpoint, which need not hold up the next test.
        ``close`` waits for every drop and raises what failed."""
        statements = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']
        statements += [f'DROP ROLE IF EXISTS "{role}"' for role in roles]
        self.drops.append(self.dropper.submit(lambda: [self.execute(s) for s in statements]))

    def close(self) -> None:
        self.dropper.shutdown(wait=True)
        for drop in self.drops:
            drop.result()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    import psycopg

    server = PostgresServer(PG_ADMIN_URL)
    try:
        server.execute("SELECT 1")
    except psycopg.Error as error:
        reason = f"PostgreSQL not reachable at {PG_ADMIN_URL} ({str(error).strip()[:120]})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run the PostgreSQL tests")
        pytest.skip(reason)
    yield server
    server.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from factdb.migrate import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def sqlite_seeded_template(sqlite_template: Path) -> Path:
    """The seed article loaded once per session; each test that asks for it gets a copy."""
    path = sqlite_template.with_name("seeded.sqlite")
    shutil.copyfile(sqlite_template, path)
    load_seed(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> Iterator[str]:
    from factdb.migrate import upgrade

    name = postgres.new_name() + "_template"
    upgrade(postgres.create(name))
    yield name
    postgres.drop(name)


class ReusedLedger:
    """One PostgreSQL ledger per test session, put back into a known state before each
    test instead of a new database each time: ``DROP DATABASE`` waits for a checkpoint
    (most of a second here), while emptying the tables and copying a snapshot back takes
    milliseconds.

    Two snapshots are kept in memory, as binary COPY data: the ledger just migrated
    (``empty``) and with the seed article loaded (``seeded``). Sequences are put back
    too, so ids are those of a fresh copy. A test that changes the schema or its
    privileges (the fingerprint says so) gets the database rebuilt from the template.
    """

    FINGERPRINT = """
        SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
            SELECT c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, '')
                   || ':' || coalesce(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = 'public'
            UNION ALL SELECT 'trigger:' || tgname FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'function:' || p.proname FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        ) AS schema_items(item)
    """

    def __init__(self, server: PostgresServer, template: str) -> None:
        self.server = server
        self.template = template
        self.snapshots: dict[str, dict[str, bytes]] = {}
        self.sequences: dict[str, dict[str, int | None]] = {}
        self._create()

    @property
    def url(self) -> str:
        return self.server.url(self.name)

    def _connect(self):
        conninfo = self.server.admin.set(drivername="postgresql", database=self.name)
        return self.server.psycopg.connect(
            conninfo.render_as_string(hide_password=False), autocommit=True
        )

    def _create(self) -> None:
        self.name = self.server.new_name() + "_reused"
        self.server.create(self.name, template=self.template)
        with self._connect() as conn:
            self.tables = {
                table: [
                    column
                    for (column,) in conn.execute(
                        "SELECT column_name FROM information_schema.columns WHERE "
                        "table_schema = 'public' AND table_name = %s AND is_generated = 'NEVER' "
                        "ORDER BY ordinal_position",
                        (table,),
                    )
                ]
                for (table,) in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            }
            self.fingerprint = conn.execute(self.FINGERPRINT).fetchone()[0]
            self._snapshot(conn, "empty")
        load_seed(self.url)
        with self._connect() as conn:
            self._snapshot(conn, "seeded")

    def _snapshot(self, conn, state: str) -> None:
        data = {}
        for table, columns in self.tables.items():
            names = ", ".join(f'"{c}"' for c in columns)
            with conn.cursor().copy(f'COPY "{table}" ({names}) TO STDOUT (FORMAT binary)') as copy:
                data[table] = b"".join(bytes(chunk) for chunk in copy)
        self.snapshots[state] = data
        self.sequences[state] = dict(
            conn.execute(
                "SELECT quote_ident(sequencename), last_value FROM pg_sequences "
                "WHERE schemaname = 'public'"
            ).fetchall()
        )

    def reset(self, state: str) -> str:
        """Put the ledger in ``state`` and return its URL."""
        with self._connect() as conn:
            changed = conn.execute(self.FINGERPRINT).fetchone()[0] != self.fingerprint
        if changed:
            self.server.drop(self.name)
            self._create()
        with self._connect() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")
                tables = ", ".join(f'"{table}"' for table in self.tables)
                conn.execute(f"TRUNCATE {tables} RESTART IDENTITY")
                for table, data in self.snapshots[state].items():
                    if len(data) <= 21:  # a binary COPY's header and trailer: no row
                        continue
                    columns = ", ".join(f'"{c}"' for c in self.tables[table])
                    sql = f'COPY "{table}" ({columns}) FROM STDIN (FORMAT binary)'
                    with conn.cursor().copy(sql) as copy:
                        copy.write(data)
                for sequence, value in self.sequences[state].items():
                    if value is None:
                        conn.execute(f"SELECT setval('{sequence}', 1, false)")
                    else:
                        conn.execute(f"SELECT setval('{sequence}', {int(value)})")
        return self.url


@pytest.fixture(scope="session")
def postgres_ledger(postgres: PostgresServer, postgres_template: str) -> Iterator[ReusedLedger]:
    ledger = ReusedLedger(postgres, postgres_template)
    yield ledger
    postgres.drop(ledger.name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_url(backend, request, tmp_path) -> Iterator[str]:
    """A URL where no factdb database exists yet (for init and migration tests)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.new_name()
    url = server.create(name)
    yield url
    server.drop(name)


@pytest.fixture
def db_url(backend, request, tmp_path) -> Iterator[str]:
    """A fresh ledger at the current schema: empty, or holding the seed article when the
    test also asks for ``seeded`` (a copy of a ledger seeded once per session)."""
    if backend == "sqlite":
        kind = "seeded_template" if "seeded" in request.fixturenames else "template"
        template: Path = request.getfixturevalue(f"sqlite_{kind}")
        path = tmp_path / "factdb.sqlite"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    ledger: ReusedLedger = request.getfixturevalue("postgres_ledger")
    yield ledger.reset("seeded" if "seeded" in request.fixturenames else "empty")


Invoke = Callable[..., "object"]


@pytest.fixture
def cli(db_url) -> Invoke:
    """Run ``factdb --db URL ARGS…`` in-process and return typer's Result."""
    from factdb.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, db: str | None = None):
        return runner.invoke(app, ["--db", db or db_url, *args], input=input)

    return invoke


@pytest.fixture
def seeded(cli) -> Invoke:
    """The CLI on a ledger holding the seed article's fixtures (see ``db_url``)."""
    return cli


@pytest.fixture
def connections(monkeypatch) -> list[str]:
    """The databases factdb connected to during the test. A refusal that needs no data
    must leave it empty: such refusals are then tested on SQLite alone, since no backend
    is ever reached."""
    from sqlalchemy import event

    from factdb import db

    made: list[str] = []
    real = db.make_engine

    def recording(url, *args, **kwargs):
        engine = real(url, *args, **kwargs)
        event.listen(engine, "connect", lambda *_: made.append(str(engine.url)))
        return engine

    monkeypatch.setattr(db, "make_engine", recording)
    return made
