"""factdb db: administering the PostgreSQL server a newsroom shares."""

import os
from typing import Annotated

import typer

from factdb.cli.common import errors_reported, settings

app = typer.Typer(help="Administer a newsroom's PostgreSQL server.", no_args_is_help=True)

PASSWORD_ENV = {kind: f"FACTDB_{kind.upper()}_PASSWORD" for kind in ("owner", "writer", "reader")}


def _role(kind: str, does: str):
    return typer.Option(f"--{kind}", help=f"The role that {does} (default: PREFIX_{kind}).")


OwnerOption = Annotated[str | None, _role("owner", "owns the schema and runs `factdb init`")]
WriterOption = Annotated[str | None, _role("writer", "adds and changes claims, never deletes")]
ReaderOption = Annotated[str | None, _role("reader", "only reads")]


@app.command("roles")
def roles(
    ctx: typer.Context,
    prefix: Annotated[
        str, typer.Option("--prefix", help="Role names are PREFIX_owner, _writer and _reader.")
    ] = "factdb",
    owner: OwnerOption = None,
    writer: WriterOption = None,
    reader: ReaderOption = None,
    keep_passwords: Annotated[
        bool,
        typer.Option(
            "--keep-passwords",
            help="Roles that exist keep their password (no prompt); new roles still need one.",
        ),
    ] = False,
) -> None:
    """Create or update the owner, writer and reader roles and their privileges; safe to repeat.

    Run it as a PostgreSQL user that may create roles, on a database made by `factdb
    init`. Each role's password comes from FACTDB_OWNER_PASSWORD, FACTDB_WRITER_PASSWORD
    and FACTDB_READER_PASSWORD, else it is asked for; it is never printed.
    """
    from factdb.db import display_url
    from factdb.roles import RoleNames, missing_roles, setup_roles

    url = settings(ctx).url
    with errors_reported():
        names = RoleNames.with_prefix(prefix, owner=owner, writer=writer, reader=reader)
        missing = missing_roles(url, names)
    passwords = {}
    for kind, name in names.items():
        if keep_passwords and name not in missing:
            continue
        password = os.environ.get(PASSWORD_ENV[kind]) or typer.prompt(
            f"password for {kind} role {name}", hide_input=True, confirmation_prompt=True
        )
        passwords[name] = password
    with errors_reported():
        report = setup_roles(url, names, passwords)
    for kind, name in names.items():
        if name in report.created:
            done = "created"
        elif name in report.password_set:
            done = "updated, new password"
        else:
            done = "updated, password kept"
        typer.echo(f"{kind} role {name}: {done}")
    typer.echo(
        f"privileges set on {report.tables} tables of {display_url(url)}: "
        f"{names.reader} reads, {names.writer} adds and changes (no deletes, history "
        f"append-only), {names.owner} owns the schema and runs `factdb init`"
    )
