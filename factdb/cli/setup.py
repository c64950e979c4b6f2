"""factdb init and factdb load: creating a ledger and filling it from a fixtures file."""

from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import errors_reported, fail, ledger, settings, user


def init(
    ctx: typer.Context,
    parents: Annotated[
        bool,
        typer.Option("--parents", help="Also create the SQLite file's missing parent directories."),
    ] = False,
) -> None:
    """Create the database, or upgrade it to this version's schema; safe to repeat."""
    from factdb.db import display_url, parse_url, sqlite_path
    from factdb.migrate import upgrade

    url = settings(ctx).url
    with errors_reported():
        path = sqlite_path(parse_url(url))
        # A mistyped directory is an error, not a new tree; the default database's
        # directory (the user data directory) is factdb's own to create.
        if path is not None and not path.parent.is_dir() and not parents and settings(ctx).db:
            fail(
                f"directory {path.parent} does not exist: check the path, or give "
                "`factdb init --parents` to create it"
            )
        before, after = upgrade(url)
    where = display_url(url)
    if before is None:
        typer.echo(f"created factdb database at {where} (schema {after})")
    elif before != after:
        typer.echo(f"upgraded {where} from schema {before} to {after}")
    else:
        typer.echo(f"{where} is up to date (schema {after})")


def load(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A fixtures file (YAML or JSON).")],
) -> None:
    """Load a fixtures file in one transaction; already-loaded items are left as they are."""
    from factdb.formats.ledger import load_fixtures, read_fixtures
    from factdb.matching import count_repeats, last_claim_id

    with errors_reported():
        document = read_fixtures(file)
    with ledger(ctx) as session:
        before = last_claim_id(session)
        result = load_fixtures(session, document, user=user(ctx))
        repeats = count_repeats(session, before)
    # Into an empty ledger, or adding nothing, there is nothing to repeat.
    checked = f"; {repeats.summary()}" if repeats.checked else ""
    typer.echo(f"loaded {file}: {result.summary()}{checked}")
