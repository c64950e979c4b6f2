"""The ``factdb`` command: a thin layer over the library, one module per command group.

Global options (``--db``, ``--as``) come before the command:
``factdb --db postgresql://localhost/news claims list``.

The command modules evaluate their annotations when imported (no ``from __future__
import annotations``, except extract.py, whose hints name lazily imported types):
Typer reads every command's parameters at each start, and with annotations kept as
strings it compiled each one again, 40 to 60 ms of every command's start-up.
"""

import gc
from typing import Annotated

import typer

from factdb.cli import (
    asof,
    claimreview,
    claims,
    database,
    datasets,
    due,
    evidence,
    extract,
    jsonl,
    matching,
    report,
    setup,
    sources,
    speakers,
    units,
)
from factdb.cli.common import Settings, resolve_user
from factdb.cli.errors import LedgerGroup

app = typer.Typer(
    name="factdb",
    cls=LedgerGroup,
    help="Log, verify and report on the checkable claims in the news.",
    no_args_is_help=True,
    # Locals can hold a database URL with its password: never print them.
    pretty_exceptions_show_locals=False,
    # Plain help: Rich tables would double the start-up time of `factdb --help`.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"factdb {version('factdb')}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="FACTDB_URL",
            show_envvar=True,
            help="Database URL (sqlite:///PATH or postgresql://USER@HOST/DB); "
            "default: factdb.sqlite in your user data directory.",
        ),
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as", help="Who is making the changes (default: $FACTDB_USER, else your login)."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    if db is not None and not db.strip():
        raise typer.BadParameter(
            "the database URL is empty: give sqlite:///PATH, a path or "
            "postgresql://USER@HOST/DB, or leave --db out for the default",
            param_hint="--db",
        )
    from factdb.errors import InvalidInput
    from factdb.validate import clean_text

    if as_user is not None and not as_user.strip():
        raise typer.BadParameter(
            "the user name is empty: give one, or leave --as out for $FACTDB_USER or your login",
            param_hint="--as",
        )
    try:  # the name goes into every history entry: no control characters, no overflow
        user = clean_text(resolve_user(as_user), "user name", max_length=200) or ""
    except InvalidInput as error:
        raise typer.BadParameter(
            f"{error} (from --as, else $FACTDB_USER)", param_hint="--as"
        ) from None
    ctx.obj = Settings(db=db, user=user)


app.command("init")(setup.init)
app.command("load")(setup.load)
app.command("extract")(extract.extract)
app.add_typer(sources.app, name="sources")
app.add_typer(speakers.app, name="speakers")
claims.app.command("recheck")(due.recheck)
claims.app.command("diff")(asof.diff)
app.add_typer(claims.app, name="claims")
claims.app.command("similar")(matching.similar)
claims.app.command("link")(matching.link)
claims.app.command("unlink")(matching.unlink)
app.command("due")(due.due)
app.add_typer(evidence.app, name="evidence")
app.add_typer(units.app, name="units")
app.add_typer(report.app, name="report")
app.add_typer(database.app, name="db")

export_app = typer.Typer(help="Write the ledger out for other tools.", no_args_is_help=True)
import_app = typer.Typer(help="Read claims in from other tools and datasets.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")
import_app.command("liar")(datasets.liar)
import_app.command("claimskg")(datasets.claimskg)
export_app.command("claimreview")(claimreview.export_claimreview)
import_app.command("claimreview")(claimreview.import_claimreview)
export_app.command("jsonl")(jsonl.export_jsonl)
import_app.command("jsonl")(jsonl.import_jsonl)


def main() -> None:
    # What is imported by now (Typer, the command modules) lives as long as the
    # process. Frozen, it is left out of the collector's full passes, which a
    # command's own imports (SQLAlchemy) set off several times: `claims list` spent
    # about 50 ms of CPU walking it again in them.
    gc.freeze()
    app(prog_name="factdb")
