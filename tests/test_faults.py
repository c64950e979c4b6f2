"""Faults: a server that cannot be reached or refuses us, a URL that cannot be parsed.

Each case is one line naming the problem, the URL without its password, a non-zero
exit and no traceback. The test server trusts every local connection, so a wrong
password is produced by a stand-in that speaks just enough of the PostgreSQL wire
protocol to ask for a password and refuse it, as a real server would (SQLSTATE 28P01).
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factdb.cli import app

PASSWORD = "s3cret-Pw"


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def assert_one_line(result, expected: str, code: int = 5) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ")
    assert expected in result.stderr, result.stderr
    assert PASSWORD not in result.output
    assert "Traceback" not in result.output


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _refuse_password(conn: socket.socket) -> None:
    while True:
        header = conn.recv(8, socket.MSG_WAITALL)
        if len(header) < 8:
            return
        length, code = struct.unpack("!ii", header)
        if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: not offered
            conn.sendall(b"N")
            continue
        conn.recv(length - 8, socket.MSG_WAITALL)  # the startup parameters
        conn.sendall(b"R" + struct.pack("!ii", 8, 3))  # cleartext password, please
        conn.recv(1 << 16)  # the password message
        fields = b"".join(
            key + value.encode() + b"\0"
            for key, value in (
                (b"S", "FATAL"),
                (b"V", "FATAL"),
                (b"C", "28P01"),
                (b"M", 'password authentication failed for user "alice"'),
            )
        )
        conn.sendall(b"E" + struct.pack("!i", len(fields) + 5) + fields + b"\0")
        return


@pytest.fixture
def password_refusing_server() -> Iterator[int]:
    """A port where a 'server' refuses every password."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                _refuse_password(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    listener.close()


@pytest.mark.parametrize("command", [["claims", "list"], ["init"], ["db", "roles"]])
def test_wrong_password(password_refusing_server, command):
    url = f"postgresql://alice:{PASSWORD}@127.0.0.1:{password_refusing_server}/news"
    result = run(url, *command)
    assert_one_line(
        result,
        f"cannot connect to postgresql+psycopg://alice:***@127.0.0.1:{password_refusing_server}"
        "/news: wrong password for user 'alice'",
    )


ADD_SOURCE = ["sources", "add", "--title", "t", "--language", "fr"]


@pytest.mark.parametrize("command", [["claims", "list"], ["init"], ADD_SOURCE])
def test_server_down(command):
    port = unused_port()
    result = run(f"postgresql://alice:{PASSWORD}@127.0.0.1:{port}/news", *command)
    assert_one_line(
        result,
        f"cannot connect to postgresql+psycopg://alice:***@127.0.0.1:{port}/news: "
        "the server is down or unreachable",
    )


def test_unknown_host():
    result = run(f"postgresql://alice:{PASSWORD}@no-such-host.invalid/news", "claims", "list")
    assert_one_line(
        result,
        "cannot connect to postgresql+psycopg://alice:***@no-such-host.invalid/news: "
        "unknown host 'no-such-host.invalid'",
    )


@pytest.mark.postgres
@pytest.mark.parametrize("command", [["claims", "list"], ["init"]])
def test_wrong_database_name(postgres, command):
    from sqlalchemy.engine import make_url

    url = make_url(postgres.url(postgres.new_name())).set(password=PASSWORD)
    result = run(url.render_as_string(hide_password=False), *command)
    assert_one_line(
        result,
        f"{url.set(drivername='postgresql+psycopg').render_as_string()}: "
        f"database '{url.database}' does not exist",
    )


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql", "postgresql+psycopg", "postgres"])
def test_every_postgresql_scheme_works(postgres, scheme):
    name = postgres.new_name()
    created = postgres.create(name)
    url = scheme + created[created.index("://") :]
    try:
        assert_works(url)
    finally:
        postgres.drop(name)


def assert_works(url: str) -> None:
    assert run(url, "init").exit_code == 0
    added = run(url, "sources", "add", "--title", "Scheme", "--language", "fr")
    assert added.exit_code == 0, added.output
    assert "Scheme" in run(url, "sources", "list", "--format", "json").stdout


def test_unparsable_url_hides_the_password():
    result = run(f"postgresql://alice:{PASSWORD}@host:notaport/news", "claims", "list")
    assert_one_line(
        result, "cannot parse database URL 'postgresql://alice:***@host:notaport/news'", code=1
    )


def test_password_given_as_a_query_parameter_is_hidden():
    port = unused_port()
    result = run(f"postgresql://alice@127.0.0.1:{port}/news?password={PASSWORD}", "init")
    assert_one_line(result, f"alice@127.0.0.1:{port}/news?password=***:")


@given(password=st.text(min_size=4), rest=st.text())
def test_a_password_never_shows_whatever_the_url(password, rest):
    """Any URL with a password: parsing gives a URL or a clean error, and neither
    the error nor the URL as displayed contains the password."""
    from factdb.db import display_url, parse_url
    from factdb.errors import InvalidInput

    url = f"postgresql://alice:{password}@{rest}"
    assume(password not in "postgresql+psycopg://alice:***@" + rest)
    try:
        parsed = parse_url(url)
    except InvalidInput as error:
        assert password not in str(error)
    else:
        assert password not in display_url(parsed).replace("alice:***@", "")


FAILING_MIGRATION = '''"""A migration that fails half-way, after creating a table."""

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    raise RuntimeError("deliberate failure after creating half_done")


def downgrade() -> None:
    op.drop_table("half_done")
'''


@pytest.fixture
def failing_migration(tmp_path, monkeypatch) -> None:
    """The real migrations plus one more at the head that fails part-way."""
    import shutil

    from factdb import migration_scripts
    from factdb.db import SCHEMA_REVISION

    scripts = tmp_path / "migrations"
    shutil.copytree(
        migration_scripts.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__")
    )
    (scripts / "versions" / "0099_fails.py").write_text(
        FAILING_MIGRATION.format(head=SCHEMA_REVISION)
    )
    monkeypatch.setattr(migration_scripts, "migrations_dir", lambda: scripts)
    migration_scripts.known_revisions.cache_clear()
    yield
    migration_scripts.known_revisions.cache_clear()


def tables_and_revision(url: str) -> tuple[set[str], str | None]:
    from sqlalchemy import inspect

    from factdb.db import current_revision, make_engine

    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()), current_revision(engine)
    finally:
        engine.dispose()


def test_a_failing_migration_leaves_the_previous_revision(db_url, failing_migration):
    from factdb.db import SCHEMA_REVISION
    from tests.helpers import SEED, dump

    assert run(db_url, "load", str(SEED)).exit_code == 0
    before = dump(db_url)
    result = run(db_url, "init")
    assert_one_line(
        result,
        "failed (deliberate failure after creating half_done): "
        f"it stays at schema {SCHEMA_REVISION}; fix the cause and run `factdb init` again",
        code=1,
    )
    tables, revision = tables_and_revision(db_url)
    assert revision == SCHEMA_REVISION
    assert "half_done" not in tables
    assert dump(db_url) == before


def test_each_migration_commits_on_its_own(empty_url, failing_migration):
    """From an empty database the good migrations stay applied: init can resume."""
    from factdb.db import SCHEMA_REVISION

    result = run(empty_url, "init")
    assert result.exit_code == 1
    assert f"it stays at schema {SCHEMA_REVISION}" in result.stderr
    tables, revision = tables_and_revision(empty_url)
    assert revision == SCHEMA_REVISION
    assert "claims" in tables
    assert "half_done" not in tables


@pytest.fixture
def terminate_after_first_insert(postgres, monkeypatch):
    """Make the server end a command's session (pg_terminate_backend, from another
    connection) right after its first rows are written, mid-transaction: an INSERT
    through SQLAlchemy, or a COPY by the bulk importer's table writer."""
    from sqlalchemy import Engine, event

    from factdb.bulk_insert import BulkInserter

    terminated: list[int] = []

    def terminate(driver_connection) -> None:
        if not terminated:
            terminated.append(driver_connection.info.backend_pid)
            postgres.execute(f"SELECT pg_terminate_backend({terminated[0]}, 5000)")

    def after_execute(conn, cursor, statement, *_):
        if statement.lstrip().upper().startswith("INSERT"):
            terminate(conn.connection.driver_connection)

    insert = BulkInserter.insert

    def insert_then_terminate(self, *args):
        driver_connection = self.connection.connection.driver_connection
        insert(self, *args)
        terminate(driver_connection)

    monkeypatch.setattr(BulkInserter, "insert", insert_then_terminate)
    event.listen(Engine, "after_cursor_execute", after_execute)
    yield terminated
    event.remove(Engine, "after_cursor_execute", after_execute)


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
@pytest.mark.parametrize("command", ["load", "import liar", "import claimreview", "import jsonl"])
def test_a_connection_lost_mid_load_writes_nothing(
    backend, db_url, command, tmp_path, sqlite_template, request
):
    import shutil

    from tests.helpers import ROOT, SEED, dump

    data = ROOT / "tests" / "data"
    export = tmp_path / "seed.jsonl"
    if command == "import jsonl":  # an export of the seed ledger, made on SQLite
        seeded = tmp_path / "seeded.sqlite"
        shutil.copyfile(sqlite_template, seeded)
        assert run(str(seeded), "load", str(SEED)).exit_code == 0
        assert run(str(seeded), "export", "jsonl", "-q", "-o", str(export)).exit_code == 0
    arguments = {
        "load": [str(SEED)],
        "import liar": [str(data / "liar_sample.tsv"), "-q", "--rejects", str(tmp_path / "r")],
        "import claimreview": [str(data / "claimreview" / "afp.jsonld"), "-q"],
        "import jsonl": [str(export), "-q"],
    }
    before = dump(db_url)
    terminated = request.getfixturevalue("terminate_after_first_insert")
    result = run(db_url, *command.split(), *arguments[command])
    assert terminated, "the command never inserted anything"
    assert_one_line(result, "lost the connection to postgresql+psycopg://")
    assert "nothing was written, run the command again" in result.stderr
    assert dump(db_url) == before


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_connection_lost_while_committing_says_to_check(backend, db_url, postgres):
    """Whether a COMMIT that got no answer took effect cannot be known: say so."""
    from sqlalchemy import Engine, event

    from tests.helpers import SEED, dump

    def terminate(conn) -> None:
        pid = conn.connection.driver_connection.info.backend_pid
        postgres.execute(f"SELECT pg_terminate_backend({pid}, 5000)")

    before = dump(db_url)
    event.listen(Engine, "commit", terminate)
    try:
        result = run(db_url, "load", str(SEED))
    finally:
        event.remove(Engine, "commit", terminate)
    assert_one_line(result, "while committing")
    assert "check whether the change was saved before repeating it" in result.stderr
    assert dump(db_url) == before  # here the server ended the session before the COMMIT
