"""factdb sources: the documents claims appear in."""

from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.common import (
    Format,
    FormatOption,
    SourceId,
    WideOption,
    emit,
    fail,
    ledger,
    user,
)
from factdb.cli.output import Column

app = typer.Typer(help="Add and look up sources (articles, statements, transcripts, datasets).")

COLUMNS = [
    Column("id", "id"),
    Column("outlet", "outlet", cap=16),
    Column("title", "title", free=True),
    Column("published", "published"),
    Column("language", "lang"),
    Column("kind", "kind", wide=True),
    Column("url", "url", cap=60, wide=True),
]


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="Headline or title of the document.")],
    language: Annotated[str, typer.Option(help="Language code of the document: fr, en …")],
    outlet: Annotated[str | None, typer.Option(help="Publisher, e.g. Le Monde.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it is published.")] = None,
    kind: Annotated[
        str,
        typer.Option(help="news_article, official_statement, transcript or dataset."),
    ] = "news_article",
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD; omit if unknown.")
    ] = None,
    retrieved: Annotated[str | None, typer.Option(help="Retrieval date, YYYY-MM-DD.")] = None,
    text_file: Annotated[
        Path | None, typer.Option(help="UTF-8 file holding the document's full text.")
    ] = None,
    key: Annotated[str | None, typer.Option(help="Your own stable identifier.")] = None,
) -> None:
    """Add a source; prints its id."""
    from factdb.sources import add_source

    full_text = None
    if text_file is not None:
        try:
            full_text = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(f"cannot read {text_file}: {getattr(error, 'strerror', None) or error}")
    with ledger(ctx) as session:
        source = add_source(
            session,
            title=title,
            language_code=language,
            outlet=outlet,
            url=url,
            kind=kind,
            published=published,
            retrieved=retrieved,
            full_text=full_text,
            key=key,
            user=user(ctx),
        )
        source_id = source.id
    typer.echo(f"added source {source_id}")


@app.command("list")
def list_(
    ctx: typer.Context, format: FormatOption = Format.table, wide: WideOption = False
) -> None:
    """List every source."""
    from factdb.serialize import source_dict
    from factdb.sources import list_sources

    with ledger(ctx, write=False) as session:
        rows = [source_dict(s) for s in list_sources(session)]
    emit(
        rows,
        format,
        COLUMNS,
        title="Sources",
        empty="no sources yet: add one with `factdb sources add`",
        wide=wide,
    )


@app.command("show")
def show(
    ctx: typer.Context,
    source_id: SourceId,
    format: FormatOption = Format.table,
) -> None:
    """Show one source and the claims that appear in it."""
    from factdb.listing import list_claims
    from factdb.query import ClaimQuery
    from factdb.serialize import source_dict
    from factdb.sources import get_source

    with ledger(ctx, write=False) as session:
        row = source_dict(get_source(session, source_id))
        claims = list_claims(
            session, ClaimQuery(source_id=source_id, include_retracted=True, limit=None)
        ).rows
    row["claims"] = [
        {"id": c["id"], "status": c["status"], "claimant": c["claimant"], "text": c["text"]}
        for c in claims
    ]
    if format is not Format.json:
        row["claims"] = [f"#{c['id']} {c['status']}: {c['text']}" for c in row["claims"]]
    emit(
        row,
        format,
        [*COLUMNS, ("retrieved", "retrieved"), ("key", "key"), ("claims", "claims")],
    )
