"""What every `factdb import` command shares: the rejects file and the import's session.

One policy for every format: each record that cannot be imported goes to the rejects
file (one JSON line with its line or position and the reason), by default FILE's name
plus ``.rejects.jsonl`` in the current directory, written only if something is
rejected, and removed again when the import fails as a whole (nothing of it was kept).
"""

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import ledger, progress_bar

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
def importing(
    ctx: typer.Context, file: Path, rejects_path: Path | None, quiet: bool, total: int | None
):
    """The session, the rejects file and the progress bar (``total`` steps, None when
    unknown) an import runs with."""
    from factdb.formats.rejects import Rejects

    rejects = Rejects(rejects_path or Path(f"{file.name}.rejects.jsonl"))
    ok = False
    try:
        with (
            ledger(ctx) as session,
            progress_bar(f"importing {file.name}", total, quiet=quiet) as advance,
        ):
            yield session, rejects, advance
        ok = True
    finally:
        rejects.close()
        if not ok and rejects.written:
            rejects.path.unlink()
