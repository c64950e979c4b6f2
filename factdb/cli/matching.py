"""factdb claims similar: has this claim, or the same claim in other words, been logged?"""

from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import (
    COUNT,
    Format,
    FormatOption,
    ReasonOption,
    emit,
    errors_reported,
    ledger,
    record_id,
    user,
)

CLAIM_ID = record_id("claim", "claims list")

SIMILAR_COLUMNS = [
    ("id", "id"),
    ("score", "score"),
    ("status", "status"),
    ("claimant", "claimant"),
    ("text", "text"),
    ("why", "why"),
]


def similar(
    ctx: typer.Context,
    claim_id: Annotated[
        int | None,
        typer.Argument(metavar="[ID]", help="Compare with this claim.", parser=CLAIM_ID),
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Compare with this text (a claim in other words).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="The text's language, fr or en (default: guessed).")
    ] = None,
    queries: Annotated[
        Path | None,
        typer.Option(
            help='A JSON Lines file of {"id", "text", "lang"?} queries: writes one line '
            '{"id", "matches"} per query, in order.'
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option(help="At most this many claims (per query).", parser=COUNT)
    ] = 10,
    format: FormatOption = Format.table,
) -> None:
    """Claims that say the same as a text or a claim, best first, with a score in [0, 1]
    and why they match (shared words, same figure, speaker, names, numbers, dates)."""
    import json

    from factdb.errors import InvalidInput
    from factdb.matching import check_query_text, read_queries, similar_batch, similar_rows

    with errors_reported():
        given = sum(x is not None for x in (claim_id, text, queries))
        if given != 1:
            raise InvalidInput("give one of a claim ID, --text TEXT or --queries FILE")
        if limit < 1:
            raise InvalidInput(f"--limit must be at least 1, not {limit}")
        if lang is not None and lang not in ("fr", "en"):
            raise InvalidInput(f"unsupported --lang {lang!r}: use fr or en")
        batch = read_queries(queries) if queries is not None else None
        if text is not None:
            text = check_query_text(text)
    with ledger(ctx, write=False) as session:
        if batch is not None:
            results = similar_batch(session, batch, limit=limit)
        else:
            rows = similar_rows(session, text, claim_id=claim_id, lang=lang, limit=limit)
    if batch is not None:
        for result in results:
            typer.echo(json.dumps(result, ensure_ascii=False))
        return
    if format is not Format.json:
        rows = [{**r, "why": "; ".join(r["why"])} for r in rows]
    emit(rows, format, SIMILAR_COLUMNS, title="Similar claims")


def link(
    ctx: typer.Context,
    claim_id: Annotated[
        int, typer.Argument(metavar="A", help="The claim said first.", parser=CLAIM_ID)
    ],
    repeat_id: Annotated[
        int, typer.Argument(metavar="B", help="The claim that repeats it.", parser=CLAIM_ID)
    ],
    reason: ReasonOption = None,
) -> None:
    """Record that claim B repeats claim A (the same claim, said again or elsewhere)."""
    from factdb.repeats import link_claims

    with ledger(ctx) as session:
        link_claims(session, claim_id, repeat_id, user=user(ctx), reason=reason)
    typer.echo(f"claim {repeat_id} now repeats claim {claim_id}")


def unlink(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="A", parser=CLAIM_ID)],
    repeat_id: Annotated[int, typer.Argument(metavar="B", parser=CLAIM_ID)],
    reason: ReasonOption = None,
) -> None:
    """Undo `claims link A B`."""
    from factdb.repeats import unlink_claims

    with ledger(ctx) as session:
        unlink_claims(session, claim_id, repeat_id, user=user(ctx), reason=reason)
    typer.echo(f"claims {claim_id} and {repeat_id} are no longer linked")
