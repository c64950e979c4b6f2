"""Alembic, driven from code: ``factdb init`` creates or upgrades a database.

The migration scripts live in the top-level ``migrations/`` directory of a source
checkout and are copied into the wheel as ``factdb/migrations``, so an installed
factdb can upgrade its database without the repository.
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from factdb.db import (
    current_revision,
    display_url,
    error_detail,
    make_engine,
    parse_url,
    translate_error,
)
from factdb.errors import DatabaseUnavailable, FactDBError, PermissionDenied
from factdb.migration_scripts import alembic_config


def upgrade(url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Create or upgrade the database; returns (revision before, revision after).

    Each migration commits on its own (see migrations/env.py): when one fails, the
    error names the revision the database was left at, the last that succeeded.
    """
    engine = make_engine(parse_url(url), create=True, migrating=True)
    try:
        before = current_revision(engine)
        _run(engine, command.upgrade, revision)
        return before, current_revision(engine)
    finally:
        engine.dispose()


def downgrade(url: str, revision: str) -> None:
    engine = make_engine(parse_url(url), migrating=True)
    try:
        _run(engine, command.downgrade, revision)
    finally:
        engine.dispose()


def _run(engine: Engine, step, revision: str) -> None:
    # A connection with no transaction open, so that each migration begins its own.
    try:
        with engine.connect() as connection:
            step(alembic_config(connection), revision)
    except Exception as error:
        translated = translate_error(engine.url, error)
        if isinstance(translated, DatabaseUnavailable | PermissionDenied):
            raise translated from None
        at = current_revision(engine) or "none (still empty)"
        raise FactDBError(
            f"migrating {display_url(engine.url)} failed ({error_detail(engine.url, error)}): "
            f"it stays at schema {at}; fix the cause and run `factdb init` again"
        ) from None
