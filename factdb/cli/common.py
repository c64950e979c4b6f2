"""What every command shares: global options, the ledger session, errors, output.

Only typer is imported at module level; the database layer and Rich are imported
when a command runs, so ``factdb --help`` stays fast.
"""

import enum
import getpass
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from factdb.safe_csv import write_csv


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output as a table, JSON or CSV.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar, even on a terminal.")
]
ReasonOption = Annotated[
    str | None, typer.Option("--reason", help="Why: kept in the claim's history.")
]
IfVersionOption = Annotated[
    int | None,
    typer.Option(
        "--if-version",
        help="Refuse (exit 3) unless the claim is still at this version.",
    ),
]


@dataclass
class Settings:
    db: str | None
    user: str

    @property
    def url(self) -> str:
        from factdb.db import default_url

        return self.db or default_url()


def resolve_user(name: str | None) -> str:
    """``--as``, else ``FACTDB_USER``, else the operating-system user."""
    for candidate in (name, os.environ.get("FACTDB_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings(db=None, user=resolve_user(None))
    return root.obj


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


ROLLED_BACK = "interrupted: nothing was changed (the transaction was rolled back)"


@contextmanager
def errors_reported(on_interrupt: str = ROLLED_BACK) -> Iterator[None]:
    """Turn a factdb error into one line on stderr and its exit code, and Ctrl-C into
    one line that says what state the database was left in (exit 130, as shells do)."""
    from factdb.errors import FactDBError

    try:
        yield
    except FactDBError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail(on_interrupt, 130)


@contextmanager
def ledger(ctx: typer.Context, *, write: bool = True, on_interrupt: str = ROLLED_BACK):
    """A session in one transaction, committed only if the command succeeds."""
    from factdb.db import session_scope

    with errors_reported(on_interrupt), session_scope(settings(ctx).url, write=write) as session:
        yield session


@contextmanager
def progress_bar(description: str, total: float | None, *, quiet: bool):
    """Yield a callback that advances a progress bar drawn on stderr when it is a
    terminal; when piped or ``--quiet`` the callback does nothing."""
    from factdb.formats.rejects import no_progress

    if quiet or not sys.stderr.isatty():
        yield no_progress
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda amount: bar.advance(task, amount)


def user(ctx: typer.Context) -> str:
    return settings(ctx).user


def emit(data: Any, fmt: Format, columns: Sequence[tuple[str, str]], *, title: str | None = None):
    """Print ``data`` (a dict or a list of dicts); ``columns`` are (key, header) pairs
    for the table and CSV forms, while JSON always has every field."""
    rows = data if isinstance(data, list) else [data]
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        buffer = io.StringIO()
        keys = [key for key, _ in columns]
        write_csv(buffer, keys, ([row.get(key) for key in keys] for row in rows))
        typer.echo(buffer.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for _, header in columns:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*(_table_cell(row.get(key)) for key, _ in columns))
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _table_cell(value: Any) -> str:
    from rich.markup import escape

    if value is None:
        return "—"
    if isinstance(value, list):
        return escape("\n".join(str(v) for v in value))
    return escape(str(value))
