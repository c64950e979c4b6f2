"""factdb export claimreview and factdb import claimreview: schema.org ClaimReview JSON-LD."""

import json
from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import QuietOption, errors_reported, fail, ledger, user
from factdb.cli.rejects import RejectsOption, importing


def export_claimreview(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(
            "--publisher",
            envvar="FACTDB_PUBLISHER",
            show_envvar=True,
            help="The fact-checking organisation named as each review's author: "
            "exports the desk's own verdicts.",
        ),
    ] = None,
    publisher_url: Annotated[
        str | None,
        typer.Option(
            "--publisher-url",
            envvar="FACTDB_PUBLISHER_URL",
            show_envvar=True,
            help="The organisation's web site.",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="FACTDB_BASE_URL",
            show_envvar=True,
            help="Each review's url is this followed by the claim id "
            "(default: the publisher url followed by /claims/).",
        ),
    ] = None,
    published: Annotated[
        bool,
        typer.Option(
            "--published",
            help="Export the published reviews imported into the ledger instead, each "
            "under its own publisher, url and date, its rating as received.",
        ),
    ] = False,
) -> None:
    """Write every claim with a verdict as schema.org ClaimReview JSON-LD, or with
    --published the fact-checks others published."""
    from factdb.formats.claimreview import Publisher, export_claimreviews, export_published_reviews

    if published:
        # Each review goes under its own publisher: --publisher and its kin (which may
        # come from the environment) name the desk, and are not used.
        with ledger(ctx, write=False) as session:
            _write(export_published_reviews(session), output)
        return
    if not publisher:
        fail("name the fact-checking organisation: --publisher NAME or FACTDB_PUBLISHER")
    if not base_url:
        if not publisher_url:
            fail("give --base-url URL (or --publisher-url): each review needs its own url")
        base_url = publisher_url.rstrip("/") + "/claims/"
    with ledger(ctx, write=False) as session:
        document = export_claimreviews(
            session, Publisher(name=publisher, url=publisher_url), base_url
        )
    _write(document, output)


def _write(document: dict, output: Path | None) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    typer.echo(f"wrote {len(document['@graph'])} ClaimReviews to {output}", err=True)


def import_claimreview(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A ClaimReview JSON-LD file.")],
    rejects: RejectsOption = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Language of claims whose markup has no inLanguage (default: detected "
            "from the claim's words; und, undetermined, when too short to tell).",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Import the fact-checks in a ClaimReview file, keeping each publisher's rating."""
    from factdb.formats.claimreview import import_claimreviews, read_document
    from factdb.formats.rejects import ImportStats

    with errors_reported():
        document = read_document(file)
    with importing(ctx, file, rejects, quiet, None) as (session, rejects_file, advance):
        stats = ImportStats(rejects=rejects_file)
        result = import_claimreviews(
            session,
            document,
            user=user(ctx),
            default_language=language,
            stats=stats,
            progress=advance,
        )
    if result.unmapped:
        labels = ", ".join(repr(label) for label in dict.fromkeys(result.unmapped))
        typer.echo(
            f"{len(result.unmapped)} rating(s) match no factdb verdict ({labels}): "
            "each is kept with its words and no verdict",
            err=True,
        )
    typer.echo(f"imported {file}: {stats.summary()}")
