"""Recording the SQL a piece of library code sends, to count it or explain it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def recorded(session) -> Iterator[list[tuple[str, object]]]:
    """Every (statement, parameters) the session's connection executes meanwhile."""
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []
    connection = session.connection()

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)
