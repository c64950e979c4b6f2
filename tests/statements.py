"""Recording the SQL a piece of library code sends, to count it or explain it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class _RecordingCursor:
    """A driver cursor that notes each statement before running it."""

    def __init__(self, cursor, statements: list[tuple[str, object]]) -> None:
        self._cursor = cursor
        self._statements = statements

    def execute(self, statement, parameters=None, *args, **kwargs):
        self._statements.append((statement, parameters))
        if parameters is None:
            return self._cursor.execute(statement, *args, **kwargs)
        return self._cursor.execute(statement, parameters, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)


@contextmanager
def recorded(session) -> Iterator[list[tuple[str, object]]]:
    """Every (statement, parameters) sent on the session's connection meanwhile.

    Recorded where the driver's cursors are made, not through SQLAlchemy's events:
    factdb.listing runs its fixed statements on the driver's cursor directly.
    """
    statements: list[tuple[str, object]] = []
    pooled = session.connection().connection
    make_cursor = pooled.cursor
    pooled.cursor = lambda *args, **kwargs: _RecordingCursor(
        make_cursor(*args, **kwargs), statements
    )
    try:
        yield statements
    finally:
        del pooled.cursor
