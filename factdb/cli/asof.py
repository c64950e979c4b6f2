"""--as-of, shared by the commands that can show the ledger as it was, and claims diff."""

import datetime as dt
from typing import Annotated

import typer

from factdb.cli.common import ClaimId, Format, FormatOption, emit, errors_reported, ledger

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="WHEN",
        help="The ledger as recorded at WHEN: a timestamp with its zone "
        "(2025-08-01T09:30:00+02:00) or a date (the end of that day, UTC).",
    ),
]


def moment(text: str | None) -> dt.datetime | None:
    """WHEN checked before the database is opened: a bad one costs no connection."""
    if text is None:
        return None
    from factdb.asof import parse_when

    with errors_reported():
        return parse_when(text)


def diff(
    ctx: typer.Context,
    claim_id: ClaimId,
    since: Annotated[
        str, typer.Option("--from", metavar="WHEN", help="The earlier moment (see --as-of).")
    ],
    until: Annotated[
        str | None,
        typer.Option("--to", metavar="WHEN", help="The later moment (default: now)."),
    ] = None,
    format: FormatOption = Format.table,
) -> None:
    """What changed in a claim between two moments, field by field."""
    import json

    from factdb.asof import claim_diff

    start = moment(since)
    assert start is not None  # --from is required
    end = moment(until)
    with ledger(ctx, write=False) as session:
        rows = claim_diff(session, claim_id, start, end)
    if format is not Format.json:
        for row in rows:
            for key in ("from", "to"):
                value = row[key]
                row[key] = (
                    value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                )
    emit(
        rows,
        format,
        [("field", "field"), ("from", "from"), ("to", "to")],
        title=f"Claim {claim_id}: changes from {since} to {until or 'now'}",
        empty="no changes in between",
    )
