"""factdb import liar / claimskg: published fact-check datasets into the ledger."""

from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from factdb.cli.common import QuietOption, ledger, progress_bar, user

FileArgument = Annotated[Path, typer.Argument(help="The dataset file.", show_default=False)]
RejectsOption = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        help="Where to write the records that cannot be imported, one JSON line each "
        "with its line number and reason (default: FILE's name + .rejects.jsonl, "
        "in the current directory; written only if something is rejected).",
    ),
]


@contextmanager
def _importing(ctx: typer.Context, file: Path, rejects_path: Path | None, quiet: bool):
    """The session, the rejects file and the progress bar an import runs with; a failed
    import leaves no rejects file behind, since nothing of it was kept."""
    from factdb.formats.rejects import Rejects

    rejects = Rejects(rejects_path or Path(f"{file.name}.rejects.jsonl"))
    try:
        size = file.stat().st_size
    except OSError:
        size = None
    ok = False
    try:
        with (
            ledger(ctx) as session,
            progress_bar(f"importing {file.name}", size, quiet=quiet) as advance,
        ):
            yield session, rejects, advance
        ok = True
    finally:
        rejects.close()
        if not ok and rejects.written:
            rejects.path.unlink()


def _run(
    ctx: typer.Context,
    file: Path,
    rejects_path: Path | None,
    quiet: bool,
    run: Callable[..., Any],
) -> None:
    with _importing(ctx, file, rejects_path, quiet) as (session, rejects, advance):
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
