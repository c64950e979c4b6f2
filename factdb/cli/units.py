"""factdb units: the open vocabulary of what figures count or measure."""

from typing import Annotated

import typer

from factdb.cli.common import Format, FormatOption, ReasonOption, emit, ledger, user

app = typer.Typer(help="List, add, alias and merge the units figures count or measure.")


@app.command("list")
def list_(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """Every unit with its dimension, base unit, aliases and number of figures."""
    from factdb.units import list_units

    with ledger(ctx, write=False) as session:
        rows = list_units(session)
    emit(
        rows,
        format,
        [
            ("name", "unit"),
            ("dimension", "dimension"),
            ("base_unit", "base unit"),
            ("factor", "factor"),
            ("aliases", "aliases"),
            ("figures", "figures"),
            ("description", "description"),
        ],
        title="Units",
    )


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The unit, as figures will name it ('reactors').")],
    description: Annotated[str | None, typer.Option(help="What it counts.")] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Another name for it (repeatable): 'réacteurs'.")
    ] = None,
) -> None:
    """Add a counted unit before any figure uses it."""
    from factdb.units import add_unit

    with ledger(ctx) as session:
        unit = add_unit(session, name, user=user(ctx), description=description, aliases=alias or ())
        created = unit.name
    typer.echo(f"added unit {created!r}")


@app.command("alias")
def alias(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="The unit (any of its names).")],
    name: Annotated[str, typer.Argument(help="The new name: 'réacteurs', 'reactor'.")],
) -> None:
    """Give a unit another name; figures written with it are stored in the unit."""
    from factdb.units import add_alias

    with ledger(ctx) as session:
        row = add_alias(session, unit, name)
        target = row.unit.name
    typer.echo(f"{name!r} is now an alias of {target!r}")


@app.command("merge")
def merge(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The unit to fold away (counted).")],
    into: Annotated[str, typer.Argument(help="The unit its figures take.")],
    reason: ReasonOption = None,
) -> None:
    """Fold a unit into another: its figures change unit (with history), its names
    become aliases."""
    from factdb.units import merge_units

    with ledger(ctx) as session:
        changed = merge_units(session, old, into, user=user(ctx), reason=reason)
    typer.echo(f"merged unit {old!r} into {into!r}: {changed} claims changed")


@app.command("quantities")
def quantities(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """Every quantity key ('@nk-troops-in-russia') with its figures and claims."""
    from factdb.units import list_quantities

    with ledger(ctx, write=False) as session:
        rows = list_quantities(session)
    emit(
        rows,
        format,
        [
            ("quantity", "quantity"),
            ("figures", "figures"),
            ("claims", "claims"),
            ("base_units", "base units"),
        ],
        title="Quantities",
    )


@app.command("rename-quantity")
def rename_quantity(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The quantity key figures have now.")],
    new: Annotated[str, typer.Argument(help="Their new key; an existing one merges the two.")],
    reason: ReasonOption = None,
) -> None:
    """Rename a quantity key, or merge it into another, with history on each claim."""
    from factdb.units import rename_quantity as rename

    with ledger(ctx) as session:
        changed = rename(session, old, new, user=user(ctx), reason=reason)
    typer.echo(f"renamed quantity {old!r} to {new!r}: {changed} claims changed")
