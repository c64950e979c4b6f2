"""factdb import liar / claimskg: published fact-check datasets into the ledger."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from factdb.cli.common import QuietOption, user
from factdb.cli.rejects import RejectsOption, importing

FileArgument = Annotated[Path, typer.Argument(help="The dataset file.", show_default=False)]


def _run(
    ctx: typer.Context,
    file: Path,
    rejects_path: Path | None,
    quiet: bool,
    run: Callable[..., Any],
) -> None:
    try:
        size = file.stat().st_size
    except OSError:
        size = None
    with importing(ctx, file, rejects_path, quiet, size) as (session, rejects, advance):
        stats = run(session, file, user=user(ctx), rejects=rejects, progress=advance)
    typer.echo(f"imported {file}: {stats.summary()}")


def liar(
    ctx: typer.Context,
    file: FileArgument,
    plus: Annotated[
        bool | None,
        typer.Option(
            "--plus/--no-plus",
            help="Read FILE as LIAR-PLUS (16 columns) or LIAR (14); default: by column count.",
        ),
    ] = None,
    rejects: RejectsOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import a LIAR or LIAR-PLUS TSV file of PolitiFact statements; re-importing merges."""
    from factdb.formats.datasets import import_liar

    _run(ctx, file, rejects, quiet, lambda *a, **k: import_liar(*a, plus=plus, **k))


def claimskg(
    ctx: typer.Context,
    file: FileArgument,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Language of the claims (default: fr for AFP Factuel, else en).",
        ),
    ] = None,
    rejects: RejectsOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import a ClaimsKG extractor CSV (comma or semicolon delimited); re-importing merges."""
    from factdb.formats.datasets import import_claimskg

    _run(
        ctx,
        file,
        rejects,
        quiet,
        lambda *a, **k: import_claimskg(*a, language_code=language, **k),
    )
