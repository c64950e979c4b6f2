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
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

PG_ADMIN_URL = os.environ.get("FACTDB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-pyongyang-moscou.yaml"
SHARED = ROOT.parent / "shared"


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

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from factdb.migrate import upgrade

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> Iterator[str]:
    from factdb.migrate import upgrade

    name = postgres.new_name() + "_template"
    upgrade(postgres.create(name))
    yield name
    postgres.drop(name)


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
    """A fresh, empty ledger at the current schema."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "factdb.sqlite"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    template_name: str = request.getfixturevalue("postgres_template")
    name = server.new_name()
    url = server.create(name, template=template_name)
    yield url
    server.drop(name)


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
    """A ledger holding the seed article's fixtures."""
    result = cli("load", str(SEED))
    assert result.exit_code == 0, result.output
    return cli


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a failed command changed nothing."""
    from sqlalchemy import create_engine, text

    from factdb.db import parse_url
    from factdb.models import Base

    engine = create_engine(parse_url(url))
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    conn.execute(text(f"SELECT * FROM {table.name}")).all(), key=repr
                )
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()
