"""factdb evidence: the documents verdicts rest on."""

from typing import Annotated

import typer

from factdb.cli.common import (
    EvidenceClaimId,
    Format,
    FormatOption,
    IfVersionOption,
    WideOption,
    emit,
    ledger,
    user,
)
from factdb.cli.output import Column

app = typer.Typer(help="Attach evidence (URLs or documents) to claims.")


@app.command("add")
def add(
    ctx: typer.Context,
    claim_id: EvidenceClaimId,
    stance: Annotated[str, typer.Option(help="supports or refutes.")],
    url: Annotated[str | None, typer.Option(help="Where the evidence is published.")] = None,
    document: Annotated[
        str | None, typer.Option(help="A document reference when there is no URL.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="What it shows.")] = None,
    accessed: Annotated[
        str | None, typer.Option(help="When it was consulted, YYYY-MM-DD (default: today).")
    ] = None,
    if_version: IfVersionOption = None,
) -> None:
    """Attach evidence to a claim; prints its id."""
    from factdb.evidence import add_evidence

    with ledger(ctx) as session:
        item = add_evidence(
            session,
            claim_id,
            stance=stance,
            url=url,
            document=document,
            note=note,
            accessed=accessed,
            user=user(ctx),
            if_version=if_version,
        )
        item_id = item.id
    typer.echo(f"added evidence {item_id} to claim {claim_id}")


@app.command("list")
def list_(
    ctx: typer.Context,
    claim_id: EvidenceClaimId,
    format: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """List a claim's evidence."""
    from factdb.claim_objects import get_claim
    from factdb.serialize import evidence_dict

    with ledger(ctx, write=False) as session:
        rows = [evidence_dict(e) for e in get_claim(session, claim_id).evidence]
    emit(
        rows,
        format,
        [
            Column("id", "id"),
            Column("stance", "stance"),
            Column("url", "url", cap=30),
            Column("document", "document", cap=20),
            Column("accessed", "accessed"),
            Column("note", "note", free=True),
        ],
        title=f"Evidence for claim {claim_id}",
        empty=f"claim {claim_id} has no evidence yet: add some with `factdb evidence add`",
        wide=wide,
    )
