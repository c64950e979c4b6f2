"""Rows as tuples straight to the database driver: executemany on SQLite, COPY on PostgreSQL.

The bulk import writes millions of rows whose values it has already checked. Going
through a Core ``insert`` costs more per row in SQLAlchemy (parameter dicts, type
processing per value) than in the database itself, so this writer takes tuples in
the driver's own terms: values that need converting (timestamps, JSON, dates on
SQLite) are converted by the column's own SQLAlchemy bind processor, which the caller
asks for once with ``bind`` and applies only where a value varies.

On SQLite the statement still goes through the session's connection
(``exec_driver_sql``), so it takes part in its transaction, its events and its error
translation. On PostgreSQL a COPY replaces the INSERTs; a driver error becomes the
same SQLAlchemy exception an INSERT would have raised.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def _same(value: Any) -> Any:
    return value


class BulkInserter:
    """Inserts rows of plain tuples into tables within the session's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def connection(self) -> Connection:
        return self.session.connection()

    @property
    def postgres(self) -> bool:
        return self.connection.dialect.name == "postgresql"

    def bind(self, column: Column[Any]) -> Callable[[Any], Any]:
        """The function that turns a Python value into what the driver stores for ``column``."""
        dialect = self.connection.dialect
        return column.type.dialect_impl(dialect).bind_processor(dialect) or _same

    def insert(self, table: Table, columns: str, rows: Sequence[tuple]) -> None:
        """Insert ``rows``, tuples of the values of ``columns`` (names separated by spaces)."""
        if not rows:
            return
        names = ", ".join(columns.split())
        if not self.postgres:
            marks = ", ".join("?" * len(columns.split()))
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
            self.connection.exec_driver_sql(sql, list(rows))
            return
        import psycopg

        sql = f"COPY {table.name} ({names}) FROM STDIN"
        driver = self.connection.connection.driver_connection
        assert driver is not None, "a bulk insert runs on an open connection"
        cursor = driver.cursor()
        try:
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as error:
            raise DBAPIError.instance(sql, None, error, psycopg.Error) from None
        finally:
            cursor.close()
