"""factdb due and factdb claims recheck: the re-check queue."""

from typing import Annotated

import typer

from factdb.cli.common import (
    ClaimId,
    Format,
    FormatOption,
    IfVersionOption,
    ReasonOption,
    emit,
    ledger,
    user,
)

DUE_COLUMNS = [
    ("recheck_on", "due"),
    ("id", "id"),
    ("status", "status"),
    ("claimant", "claimant"),
    ("modality", "modality"),
    ("text", "text"),
]


def recheck(
    ctx: typer.Context,
    claim_id: ClaimId,
    on: Annotated[
        str | None, typer.Option("--on", help="Check the claim again on YYYY-MM-DD.")
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Take the claim off the re-check queue.")
    ] = False,
    reason: ReasonOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Set or clear the date on which a claim is due for a re-check (kept in its history)."""
    from factdb.due import set_recheck

    with ledger(ctx) as session:
        claim = set_recheck(
            session,
            claim_id,
            on=on,
            clear=clear,
            reason=reason,
            user=user(ctx),
            if_version=if_version,
        )
        day, version = claim.recheck_on, claim.version
    state = f"is due for a re-check on {day}" if day else "is off the re-check queue"
    typer.echo(f"claim {claim_id} {state} (version {version})")


def due(
    ctx: typer.Context,
    before: Annotated[
        str | None,
        typer.Option(help="Claims due on or before YYYY-MM-DD (default: today)."),
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Claims made or relayed by this speaker (any alias).")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="Claims with this topic.")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Claims due for a re-check, oldest date first; a claim whose verdict was given on
    or after its date is done."""
    from factdb.due import due_claims

    with ledger(ctx, write=False) as session:
        rows = due_claims(session, before=before, speaker=speaker, topic=topic)
    emit(
        rows,
        format,
        DUE_COLUMNS,
        title="Claims due for a re-check",
        empty="no claims due for a re-check",
    )
