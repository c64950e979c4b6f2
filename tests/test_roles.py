"""Least-privilege roles on the real PostgreSQL server: readers read, writers never
delete or rewrite history, the owner migrates.

Each test makes its own database and roles (unique names) and drops them after,
even when it fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from factdb.cli import app
from tests.helpers import ROOT, SEED, dump

pytestmark = pytest.mark.postgres

PASSWORDS = {"owner": "owner-pw-1", "writer": "writer-pw-2", "reader": "reader-pw-3"}
LIAR = ROOT / "tests" / "data" / "liar_sample.tsv"


def run(url: str, *args: str, input: str | None = None):
    return CliRunner().invoke(app, ["--db", url, *args], input=input)


@dataclass
class Newsroom:
    admin: str
    prefix: str

    def url(self, kind: str) -> str:
        name = f"{self.prefix}_{kind}"
        parsed = make_url(self.admin).set(username=name, password=PASSWORDS[kind])
        return parsed.render_as_string(hide_password=False)


@pytest.fixture
def password_env(monkeypatch) -> None:
    for kind, password in PASSWORDS.items():
        monkeypatch.setenv(f"FACTDB_{kind.upper()}_PASSWORD", password)


@pytest.fixture
def unroled(postgres, postgres_template) -> Iterator[Newsroom]:
    """An empty ledger and a unique role prefix; the database and any roles with that
    prefix are dropped afterwards, whatever the test did."""
    name = postgres.new_name()
    prefix = f"{name}_role"
    try:
        yield Newsroom(postgres.create(name, template=postgres_template), prefix)
    finally:
        postgres.drop(name, roles=[f"{prefix}_{kind}" for kind in PASSWORDS])


@pytest.fixture
def newsroom(unroled: Newsroom, password_env) -> Newsroom:
    """A seeded ledger whose roles were set up by `factdb db roles`."""
    assert run(unroled.admin, "load", str(SEED)).exit_code == 0
    result = run(unroled.admin, "db", "roles", "--prefix", unroled.prefix)
    assert result.exit_code == 0, result.output
    return unroled


def sql_as(url: str, *statements: str) -> None:
    """Run ``statements`` in one transaction, as the user of ``url``."""
    from sqlalchemy import create_engine, text

    from factdb.db import parse_url

    engine = create_engine(parse_url(url))
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_setup_reports_each_role_and_hides_passwords(unroled, password_env):
    admin, prefix = unroled.admin, unroled.prefix
    first = run(admin, "db", "roles", "--prefix", prefix)
    assert first.exit_code == 0, first.output
    assert f"owner role {prefix}_owner: created" in first.stdout
    assert f"reader role {prefix}_reader: created" in first.stdout
    again = run(admin, "db", "roles", "--prefix", prefix, "--keep-passwords")
    assert again.exit_code == 0, again.output
    assert f"writer role {prefix}_writer: updated, password kept" in again.stdout
    renewed = run(admin, "db", "roles", "--prefix", prefix)
    assert f"writer role {prefix}_writer: updated, new password" in renewed.stdout
    for result in (first, again, renewed):
        assert not any(p in result.output for p in PASSWORDS.values())


def test_passwords_are_asked_for_when_not_in_the_environment(unroled):
    answers = "".join(f"{PASSWORDS[kind]}\n" * 2 for kind in ("owner", "writer", "reader"))
    result = run(unroled.admin, "db", "roles", "--prefix", unroled.prefix, input=answers)
    assert result.exit_code == 0, result.output
    assert not any(p in result.output for p in PASSWORDS.values())
    reader = unroled.url("reader")
    assert run(reader, "claims", "list", "--format", "json").stdout.strip() == "[]"


WRITES = [
    ["sources", "add", "--title", "Reader's source", "--language", "fr"],
    ["claims", "status", "1", "in_review", "--reason", "checking"],
    ["claims", "edit", "2", "--remove-figure", "1", "--reason", "wrong"],
    ["speakers", "alias", "Lavrov", "Lavrov S."],
    ["evidence", "add", "1", "--stance", "supports", "--url", "https://example.org/t"],
    ["load", str(SEED.parent / "seed-pyongyang-moscou.yaml")],
]


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_a_reader_cannot_write(newsroom, command):
    reader = newsroom.url("reader")
    before = dump(newsroom.admin)
    result = run(reader, *command)
    if command[0] == "load":  # everything is already there: nothing to write
        assert result.exit_code == 0, result.output
        assert dump(newsroom.admin) == before
        return
    assert result.exit_code == 6, result.output
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"error: database role '{newsroom.prefix}_reader' cannot write this (permission denied"
    )
    assert "Traceback" not in result.output
    assert PASSWORDS["reader"] not in result.output
    assert dump(newsroom.admin) == before


def test_a_reader_cannot_import(newsroom, tmp_path):
    before = dump(newsroom.admin)
    rejects = str(tmp_path / "rejects.jsonl")
    result = run(newsroom.url("reader"), "import", "liar", str(LIAR), "-q", "--rejects", rejects)
    assert result.exit_code == 6, result.output
    assert "cannot write this" in result.stderr
    assert dump(newsroom.admin) == before


def test_a_reader_reads(newsroom):
    reader = newsroom.url("reader")
    claims = json.loads(run(reader, "claims", "list", "--format", "json").stdout)
    assert len(claims) == 12
    assert run(reader, "report", "sourcing").exit_code == 0
    assert run(reader, "claims", "history", "1").exit_code == 0


def test_a_writer_does_claim_work(newsroom, tmp_path):
    writer = newsroom.url("writer")
    for command in WRITES[:5]:
        result = run(writer, *command)
        assert result.exit_code == 0, (command, result.output)
    shown = json.loads(run(writer, "claims", "show", "2", "--format", "json").stdout)
    assert len(shown["figures"]) == 1
    assert run(writer, "claims", "retract", "3", "--reason", "duplicate").exit_code == 0
    rejects = str(tmp_path / "rejects.jsonl")
    imported = run(writer, "import", "liar", str(LIAR), "--quiet", "--rejects", rejects)
    assert imported.exit_code == 0, imported.output
    claims = json.loads(run(writer, "claims", "list", "--limit", "1000", "-f", "json").stdout)
    assert len(claims) > 12


def test_a_writer_manages_units(newsroom):
    """A fact-checker's new unit, alias and merge need no owner: they are claim work."""
    writer = newsroom.url("writer")
    for command in (
        ("units", "add", "reactors", "--alias", "réacteurs"),
        ("claims", "add", "--source", "1", "--text", "6 centrales", "--figure", "6 centrales"),
        ("units", "merge", "centrales", "reactors"),
    ):
        result = run(writer, *command)
        assert result.exit_code == 0, (command, result.output)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM claims",
        "DELETE FROM sources",
        "DELETE FROM claim_history",
        "UPDATE claim_history SET reason = 'rewritten'",
        "UPDATE alembic_version SET version_num = '0001'",
        "TRUNCATE claim_history",
        "CREATE TABLE sneaky (id integer)",
        "DROP TABLE evidence",
        "ALTER TABLE claims ADD COLUMN sneaky integer",
    ],
)
def test_a_writer_cannot_delete_rewrite_history_or_change_the_schema(newsroom, statement):
    from sqlalchemy.exc import ProgrammingError

    before = dump(newsroom.admin)
    with pytest.raises(ProgrammingError, match="InsufficientPrivilege"):
        sql_as(newsroom.url("writer"), statement)
    assert dump(newsroom.admin) == before


RECORD_V2 = (
    "INSERT INTO claim_history (claim_id, version, at, actor, action, new) "
    "VALUES (1, 2, now(), 'writer', 'status', '{\"status\": \"in_review\"}')"
)


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (["UPDATE claims SET status = 'in_review' WHERE id = 1"], "must raise its version"),
        (["UPDATE claims SET text = 'rewritten'"], "must raise its version"),
        (
            ["UPDATE claims SET status = 'in_review', version = version + 1 WHERE id = 1"],
            "claim 1 has no history entry for its version 2",
        ),
        (
            ["UPDATE claims SET status = 'in_review', version = version + 2 WHERE id = 1"],
            "must raise its version",
        ),
    ],
)
def test_a_writer_cannot_change_a_claim_without_its_history(newsroom, statements, message):
    from sqlalchemy.exc import IntegrityError

    before = dump(newsroom.admin)
    with pytest.raises(IntegrityError, match=message):
        sql_as(newsroom.url("writer"), *statements)
    assert dump(newsroom.admin) == before


@pytest.mark.parametrize("history_first", [True, False])
def test_a_change_with_its_history_entry_is_accepted(newsroom, history_first):
    bump = "UPDATE claims SET status = 'in_review', version = version + 1 WHERE id = 1"
    statements = [RECORD_V2, bump] if history_first else [bump, RECORD_V2]
    sql_as(newsroom.url("writer"), *statements)
    history = run(newsroom.admin, "claims", "history", "1", "--format", "json").stdout
    assert [e["version"] for e in json.loads(history)] == [1, 2]


@pytest.mark.parametrize(
    "statement", ["UPDATE claim_history SET reason = 'x'", "DELETE FROM claim_history"]
)
def test_history_stays_append_only_even_if_granted_by_mistake(newsroom, statement):
    """The trigger holds when a later grant gives writers UPDATE and DELETE on history."""
    from sqlalchemy.exc import ProgrammingError

    writer = f"{newsroom.prefix}_writer"
    sql_as(newsroom.admin, f'GRANT UPDATE, DELETE ON claim_history TO "{writer}"')
    before = dump(newsroom.admin)
    with pytest.raises(ProgrammingError, match="claim history is append-only"):
        sql_as(newsroom.url("writer"), statement)
    assert dump(newsroom.admin) == before


def test_the_owner_migrates(newsroom):
    from factdb.db import SCHEMA_REVISION
    from factdb.migrate import downgrade

    owner = newsroom.url("owner")
    downgrade(owner, "0002")
    writer_init = run(newsroom.url("writer"), "init")
    assert writer_init.exit_code == 6, writer_init.output
    assert f"database role '{newsroom.prefix}_writer' cannot write this" in writer_init.stderr
    result = run(owner, "init")
    assert result.exit_code == 0, result.output
    assert f"from schema 0002 to {SCHEMA_REVISION}" in result.stdout
    assert run(newsroom.url("writer"), *WRITES[1]).exit_code == 0
    assert len(json.loads(run(newsroom.url("reader"), "claims", "list", "-f", "json").stdout)) == 12


def test_roles_are_refused_on_sqlite(tmp_path):
    path = tmp_path / "ledger.sqlite"
    assert run(str(path), "init").exit_code == 0
    result = run(str(path), "db", "roles")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: roles are a PostgreSQL feature")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--prefix", "Bad-Name"], "invalid owner role name 'Bad-Name_owner'"),
        (["--writer", "x_same", "--reader", "x_same"], "the owner, writer and reader roles"),
        (["--owner", "postgres"], "role 'postgres' is a superuser"),
    ],
)
def test_bad_role_names_are_refused(unroled, password_env, options, message):
    before = dump(unroled.admin)
    result = run(unroled.admin, "db", "roles", *options, "--keep-passwords")
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump(unroled.admin) == before


def test_only_a_role_that_may_create_roles_sets_them_up(newsroom):
    before = dump(newsroom.admin)
    result = run(newsroom.url("writer"), "db", "roles", "--prefix", newsroom.prefix)
    assert result.exit_code == 6, result.output
    assert result.stderr.count("\n") == 1
    assert f"database role '{newsroom.prefix}_writer' cannot write this" in result.stderr
    assert dump(newsroom.admin) == before


def test_an_administrator_need_not_be_a_superuser(postgres, password_env):
    """A role with CREATEROLE that owns the database sets the roles up, and again."""
    name = postgres.new_name()
    prefix = f"{name}_role"
    admin_role = f"{prefix}_admin"
    try:
        postgres.execute(f'CREATE ROLE "{admin_role}" LOGIN CREATEROLE')
        postgres.execute(f'CREATE DATABASE "{name}" OWNER "{admin_role}"')
        admin = make_url(postgres.url(name)).set(username=admin_role)
        admin = admin.render_as_string(hide_password=False)
        assert run(admin, "init").exit_code == 0
        for _ in range(2):
            result = run(admin, "db", "roles", "--prefix", prefix, "--keep-passwords")
            assert result.exit_code == 0, result.output
        room = Newsroom(admin, prefix)
        assert run(room.url("writer"), *WRITES[0]).exit_code == 0
        assert run(room.url("reader"), *WRITES[0]).exit_code == 6
    finally:
        postgres.drop(name, roles=[f"{prefix}_{kind}" for kind in (*PASSWORDS, "admin")])
