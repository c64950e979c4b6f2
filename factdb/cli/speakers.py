"""factdb speakers: people, organisations and states that make claims."""

from typing import Annotated

import typer

from factdb.cli.asof import AsOfOption, moment
from factdb.cli.common import Format, FormatOption, WideOption, emit, ledger, user
from factdb.cli.output import Column

app = typer.Typer(help="Add speakers (actors), their aliases and roles, and look them up.")

COLUMNS = [
    Column("id", "id"),
    Column("name", "name", cap=24),
    Column("kind", "kind"),
    Column("country", "country"),
    Column("aliases", "aliases", free=True),
    Column("wikidata", "wikidata", wide=True),
]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Canonical name, e.g. 'Sergueï Lavrov'.")],
    kind: Annotated[str, typer.Option(help="person, organisation or state.")] = "person",
    country: Annotated[str | None, typer.Option(help="ISO 3166 code: RU, KP …")] = None,
    wikidata: Annotated[str | None, typer.Option(help="Wikidata item, e.g. Q81612.")] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Another name (repeatable): 'Sergey Lavrov'.")
    ] = None,
    role: Annotated[
        str | None, typer.Option(help="A role, e.g. 'Russian foreign minister'.")
    ] = None,
    role_start: Annotated[str | None, typer.Option(help="Role start, YYYY-MM-DD.")] = None,
    role_end: Annotated[str | None, typer.Option(help="Role end, YYYY-MM-DD.")] = None,
    description: Annotated[str | None, typer.Option(help="Who this is.")] = None,
) -> None:
    """Add a speaker; prints its id."""
    from factdb.actors import add_actor, add_role

    with ledger(ctx) as session:
        actor = add_actor(
            session,
            name=name,
            kind=kind,
            country=country,
            wikidata=wikidata,
            description=description,
            aliases=alias or (),
            user=user(ctx),
        )
        if role:
            add_role(session, actor.id, role, role_start, role_end)
        actor_id = actor.id
    typer.echo(f"added speaker {actor_id}")


@app.command("alias")
def alias(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="Any name the speaker is known by.")],
    new_alias: Annotated[str, typer.Argument(metavar="ALIAS", help="The name to add.")],
    language: Annotated[str | None, typer.Option(help="Language of the alias.")] = None,
) -> None:
    """Add an alias to a speaker; any alias then finds them, ignoring case and accents."""
    from factdb.actors import add_alias

    with ledger(ctx) as session:
        actor = add_alias(session, speaker, new_alias, language)
        name = actor.name
    typer.echo(f"{new_alias!r} now names {name}")


@app.command("role")
def role(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="Any name the speaker is known by.")],
    title: Annotated[str, typer.Argument(help="The role, e.g. 'Russian foreign minister'.")],
    start: Annotated[str | None, typer.Option(help="Start, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="End, YYYY-MM-DD.")] = None,
) -> None:
    """Record a role a speaker held, with its period of validity."""
    from factdb.actors import add_role

    with ledger(ctx) as session:
        actor = add_role(session, speaker, title, start, end)
        name = actor.name
    typer.echo(f"added role {title!r} to {name}")


@app.command("list")
def list_(
    ctx: typer.Context, format: FormatOption = Format.table, wide: WideOption = False
) -> None:
    """List every speaker."""
    from factdb.actors import list_actors
    from factdb.serialize import actor_dict

    with ledger(ctx, write=False) as session:
        rows = [actor_dict(a) for a in list_actors(session)]
    emit(
        rows,
        format,
        COLUMNS,
        title="Speakers",
        empty="no speakers yet: add one with `factdb speakers add`",
        wide=wide,
    )


@app.command("show")
def show(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="Any name the speaker is known by.")],
    as_of: AsOfOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Show one speaker, found by any alias, with their track record: their claims by
    status and verdict, as claimant and as relay, and their most recent claims."""
    from factdb.records import speaker_with_record
    from factdb.repeats import repeats_of_false

    when = moment(as_of)
    with ledger(ctx, write=False) as session:
        row = speaker_with_record(session, speaker, when)
        row["repeats_of_false"] = repeats_of_false(session, row["id"])
    if format is not Format.json:
        row["roles"] = [
            f"{r['title']} ({r['start'] or '?'} – {r['end'] or 'now'})" for r in row["roles"]
        ]
        row["record_text"] = record_lines(row["record"])
        row["recent_text"] = [
            f"{c['date'] or '?'} #{c['id']} {c['status']} ({c['role']}): {c['text']}"
            for c in row["recent"]
        ]
    emit(
        row,
        format,
        [
            *COLUMNS,
            ("roles", "roles"),
            ("description", "description"),
            ("record_text", "record"),
            ("recent_text", "recent"),
            ("repeats_of_false", "repeats_of_false"),
        ],
    )


def record_lines(record: dict) -> list[str]:
    """A track record in a few lines of text, only the counts that are not zero."""

    def counts(values: dict) -> str:
        return ", ".join(f"{k} {n}" for k, n in values.items() if n) or "none"

    lines = [
        f"{role}: {counts(record[role]['statuses'])}; verdicts: {counts(record[role]['verdicts'])}"
        for role in ("claimant", "relay")
    ]
    lines.append(f"published reviews: {counts(record['published'])}")
    lines.append(f"claims from {record['first'] or '?'} to {record['last'] or '?'}")
    return lines
