"""Inserting rows that must be unique while other writers insert the same ones.

Library functions check a unique name (an alias, a source key, a Wikidata id) with a
SELECT before inserting, so that a duplicate gets a clear error. On SQLite that check
cannot race: a write transaction begins with BEGIN IMMEDIATE, so writers run one at a
time. On PostgreSQL two transactions can both pass the check; the unique constraint
then refuses the second INSERT as soon as the first commits. ``checked`` runs the
check and the insert in a savepoint and, when a unique constraint refuses them, runs
them again: the check now sees the committed row and raises the error a sequential
run would have raised. Rows that are merely shared (topics) are inserted with
``ON CONFLICT DO NOTHING`` instead, so that either writer may create them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

T = TypeVar("T")

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE
RETRIES = 2


def checked(session: Session, insert: Callable[[], T]) -> T:
    """``insert()`` in a savepoint, run again when a concurrent writer took a unique value."""
    for _ in range(RETRIES):
        try:
            with session.begin_nested():
                return insert()
        except IntegrityError as error:
            if getattr(error.orig, "sqlstate", None) != UNIQUE_VIOLATION:
                raise
    with session.begin_nested():
        return insert()


def rows_by_name(session: Session, model: Any, names: Iterable[str]) -> dict[str, Any]:
    """The rows of ``model`` named ``names``, inserting those missing.

    The names are inserted in sorted order, so that two writers inserting
    overlapping sets wait for each other instead of deadlocking.
    """
    wanted = sorted(set(names))
    if not wanted:
        return {}
    insert_missing(session, model, [{"name": name} for name in wanted], "name")
    return {row.name: row for row in session.scalars(select(model).where(model.name.in_(wanted)))}


def insert_missing(session: Session, table: Any, rows: list[dict], key: str) -> None:
    """Insert ``rows`` into ``table`` (a table or a mapped class), leaving out those whose
    unique ``key`` is taken, by this writer or a concurrent one (ON CONFLICT DO NOTHING)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        session.execute(
            postgresql.insert(table).values(rows).on_conflict_do_nothing(index_elements=[key])
        )
    else:
        from sqlalchemy.dialects import sqlite

        session.execute(
            sqlite.insert(table).values(rows).on_conflict_do_nothing(index_elements=[key])
        )
