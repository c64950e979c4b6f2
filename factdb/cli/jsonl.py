"""factdb export jsonl and factdb import jsonl: the whole ledger, losslessly."""

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import QuietOption, fail, ledger, progress_bar

NOT_WRITTEN = "interrupted: the export was not written"


def export_jsonl(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Write the whole ledger as JSON lines, to restore with `factdb import jsonl`."""
    from factdb.formats.jsonl import export_jsonl as export

    if output is None:
        # UTF-8 whatever the locale: the file is UTF-8 by definition.
        stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
        try:
            with ledger(ctx, write=False, on_interrupt=NOT_WRITTEN) as session:
                export(session, stdout)
            stdout.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`): nothing more to say to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except OSError as error:
            fail(f"cannot write the export: {error.strerror or error}")
        finally:
            with contextlib.suppress(OSError):
                stdout.detach()
        return
    # Written beside FILE and renamed at the end: FILE is never left half-written.
    partial = output.with_name(f".{output.name}.partial")
    try:
        with (
            ledger(ctx, write=False, on_interrupt=NOT_WRITTEN) as session,
            partial.open("w", encoding="utf-8", newline="\n") as out,
            progress_bar(f"exporting to {output.name}", None, quiet=quiet) as advance,
        ):
            written = export(session, out, advance)
        os.replace(partial, output)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    finally:
        partial.unlink(missing_ok=True)
    typer.echo(f"exported {written} records to {output}", err=True)


def import_jsonl(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file written by `factdb export jsonl`.")],
    quiet: QuietOption = False,
) -> None:
    """Restore a `factdb export jsonl` file into an empty database: ids, history and all."""
    from factdb.formats.jsonl import KINDS
    from factdb.formats.jsonl import import_jsonl as restore

    try:
        size = file.stat().st_size
    except OSError:
        size = None
    with (
        ledger(ctx) as session,
        progress_bar(f"importing {file.name}", size, quiet=quiet) as advance,
    ):
        counts = restore(session, file, advance)
    summary = ", ".join(f"{counts[kind.name]} {kind.plural}" for kind in KINDS)
    typer.echo(f"imported {file}: {summary}")
