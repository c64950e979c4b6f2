"""What every command shares: global options, the ledger session, errors, output.

Only typer is imported at module level; the database layer and Rich are imported
when a command runs, so ``factdb --help`` stays fast.
"""

import enum
import getpass
import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

import typer

from factdb.cli.errors import one_line
from factdb.cli.output import WideOption as WideOption
from factdb.cli.output import emit as emit
from factdb.errors import NotFound
from factdb.vocab import MAX_INTEGER


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
# Ids and counts are INTEGER columns, 32-bit on PostgreSQL: no row can have an id
# above this, and no larger number may reach a statement (SQLite refuses integers of
# 2^63 and more with an OverflowError, PostgreSQL says "integer out of range").
LARGEST = MAX_INTEGER
_DIGITS = re.compile(r"[+-]?[0-9]+")


def shown(value: str, limit: int = 40) -> str:
    """A value as an error message quotes it: in quotes, cut short past ``limit``."""
    return repr(value) if len(value) <= limit else f"{value[:limit]!r}…"


def _integer(value: str, what: str) -> tuple[int | None, str]:
    """The whole number ``value`` holds, or None past LARGEST's 10 digits (never
    converted: Python refuses to read integers of over 4300 digits), and its text."""
    text = str(value).strip()
    if not _DIGITS.fullmatch(text):
        raise ValueError(f"{shown(value)} is not {what}: give a whole number such as 12")
    if len(text.lstrip("+-").lstrip("0")) > 10:
        return None, text if len(text) <= 30 else f"{text[:30]}…"
    return int(text), str(int(text))


def record_id(kind: str, listing: str):
    """A parser for the id of a ``kind``: one outside 1..LARGEST names no row, and is
    refused as a missing one is ("no claim with id N", exit 1)."""

    def parse(value: str) -> int:
        number, text = _integer(value, f"a {kind} id")
        if number is None or not 1 <= number <= LARGEST:
            raise NotFound(f"no {kind} with id {text}: see `factdb {listing}`")
        return number

    return parse


def whole_number(low: int, what: str):
    """A parser for a whole number from ``low`` to LARGEST (a usage error otherwise)."""

    def parse(value: str) -> int:
        number, text = _integer(value, what)
        if number is None or not low <= number <= LARGEST:
            raise ValueError(f"{text} is out of range: give {what} from {low} to {LARGEST}")
        return number

    return parse


def finite_number(value: str) -> float:
    """A parser for a bound such as --min: a number, not nan or infinity."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValueError(f"{shown(value)} is not a number: give one such as 10000 or 2.5") from None
    if not math.isfinite(number):
        raise ValueError(f"{shown(value)} is not a finite number: give one such as 10000 or 2.5")
    return number


def _id_argument(kind: str, listing: str, metavar: str = "ID"):
    return Annotated[int, typer.Argument(metavar=metavar, parser=record_id(kind, listing))]


ClaimId = _id_argument("claim", "claims list")
EvidenceClaimId = _id_argument("claim", "claims list", metavar="CLAIM_ID")
SourceId = _id_argument("source", "sources list")
SOURCE_ID = record_id("source", "sources list")
COUNT = whole_number(0, "a count")
POSITION = whole_number(1, "a number")
OFFSET = whole_number(0, "a character offset")

IfVersionOption = Annotated[
    int | None,
    typer.Option(
        "--if-version",
        help="Refuse (exit 3) unless the claim is still at this version.",
        parser=whole_number(1, "a version"),
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
    typer.echo(one_line(f"error: {message}"), err=True)
    raise typer.Exit(code)


def refuse_empty(**filters: str | None) -> None:
    """An empty filter would silently match everything: say so instead."""
    for name, value in filters.items():
        if value is not None and not value.strip():
            fail(f"--{name} is empty: give a value, or leave --{name} out")


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
