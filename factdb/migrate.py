"""Alembic, driven from code: ``factdb init`` creates or upgrades a database.

The migration scripts live in the top-level ``migrations/`` directory of a source
checkout and are copied into the wheel as ``factdb/migrations``, so an installed
factdb can upgrade its database without the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from factdb.db import current_revision, describe_connection_error, make_engine, parse_url
from factdb.errors import DatabaseUnavailable


def migrations_dir() -> Path:
    packaged = Path(__file__).parent / "migrations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Create or upgrade the database; returns (revision before, revision after)."""
    engine = make_engine(parse_url(url), create=True, migrating=True)
    try:
        before = current_revision(engine)
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
        return before, current_revision(engine)
    except OperationalError as error:
        raise DatabaseUnavailable(describe_connection_error(engine.url, error)) from None
    finally:
        engine.dispose()


def downgrade(url: str, revision: str) -> None:
    engine = make_engine(parse_url(url), migrating=True)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
