"""Migrations: upgrade from nothing, stay in sync with the models, round-trip with data."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from factdb.cli import app
from tests.helpers import SEED, dump


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def test_code_revision_is_the_migrations_head():
    from alembic.script import ScriptDirectory

    from factdb.db import SCHEMA_REVISION
    from factdb.migration_scripts import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [SCHEMA_REVISION]


def test_init_creates_then_is_idempotent(empty_url):
    first = run(empty_url, "init")
    assert first.exit_code == 0, first.output
    assert "created factdb database" in first.stdout
    second = run(empty_url, "init")
    assert second.exit_code == 0
    assert "is up to date" in second.stdout
    assert run(empty_url, "claims", "list", "--format", "json").stdout.strip() == "[]"


def test_models_and_migrations_agree(db_url):
    from alembic import command
    from sqlalchemy import create_engine

    from factdb.db import parse_url
    from factdb.migration_scripts import alembic_config

    engine = create_engine(parse_url(db_url))
    try:
        with engine.connect() as connection:
            command.check(alembic_config(connection))  # raises if autogenerate finds anything
    finally:
        engine.dispose()


def test_downgrade_and_upgrade_round_trip_with_data(db_url):
    from factdb.migrate import downgrade, upgrade

    assert run(db_url, "load", str(SEED)).exit_code == 0
    before = json.loads(run(db_url, "claims", "list", "--format", "json").stdout)
    downgrade(db_url, "base")
    assert run(db_url, "claims", "list").exit_code == 4
    upgrade(db_url)
    assert run(db_url, "load", str(SEED)).exit_code == 0
    after = json.loads(run(db_url, "claims", "list", "--format", "json").stdout)
    strip = lambda claims: [  # noqa: E731
        {k: v for k, v in c.items() if k not in ("created_at", "updated_at")} for c in claims
    ]
    assert strip(after) == strip(before)


def test_database_behind_or_ahead_is_refused(db_url):
    from sqlalchemy import create_engine, text

    from factdb.db import parse_url

    engine = create_engine(parse_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()
    ahead = run(db_url, "claims", "list")
    assert ahead.exit_code == 4
    assert "newer than this factdb knows" in ahead.stderr
    snapshot = dump(db_url)
    assert run(db_url, "sources", "add", "--title", "t", "--language", "fr").exit_code == 4
    assert dump(db_url) == snapshot


def test_0006_keys_the_reviews_already_there(db_url):
    """LIAR-PLUS reviews become ``liar``; a review imported twice keeps both rows, the
    second with its own key; every review gets its folded publisher."""
    from sqlalchemy import create_engine, text

    from factdb.db import parse_url
    from factdb.migrate import downgrade, upgrade

    assert run(db_url, "load", str(SEED)).exit_code == 0
    downgrade(db_url, "0003")
    engine = create_engine(parse_url(db_url))
    insert = text(
        "INSERT INTO reviews (claim_id, origin, publisher, rating_name, verdict, created_at,"
        " created_by) VALUES (1, :origin, :publisher, 'False', 'false', :at, 'tester')"
    )
    at = "2026-01-01 00:00:00+00:00"
    with engine.begin() as conn:
        for origin, publisher in [("liar-plus", "PolitiFact"), ("claimreview", "Le Monde")] * 2:
            conn.execute(insert, {"origin": origin, "publisher": publisher, "at": at})
    upgrade(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, origin, publisher_key, key FROM reviews ORDER BY id")
        ).all()
    engine.dispose()
    assert [(origin, folded) for _, origin, folded, _ in rows] == [
        ("liar", "politifact"),
        ("claimreview", "le monde"),
        ("liar", "politifact"),
        ("claimreview", "le monde"),
    ]
    keys = [key for *_, key in rows]
    assert len(set(keys)) == 4
    assert keys[2] == f"{keys[0][:50]}:{rows[2][0]}"
