"""factdb report: sourcing reports for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import fail, ledger

app = typer.Typer(help="Write reports on what has been logged and checked.")


@app.command("sourcing")
def sourcing(
    ctx: typer.Context,
    source: Annotated[
        int | None, typer.Option(help="Only claims appearing in this source.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only claims made or relayed by this speaker.")
    ] = None,
    include_retracted: Annotated[
        bool, typer.Option("--include-retracted", help="Also show retracted claims.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Markdown: per source, every claim with its chain of sources and how far it is checked."""
    from factdb.reports import sourcing_markdown

    with ledger(ctx, write=False) as session:
        markdown = sourcing_markdown(
            session, source_id=source, speaker=speaker, include_retracted=include_retracted
        )
    if output is None:
        typer.echo(markdown, nl=False)
        return
    try:
        output.write_text(markdown, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    typer.echo(f"wrote {output}", err=True)
