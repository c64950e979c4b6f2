"""What read commands print: a table fitted to the terminal, JSON, or CSV.

A table must read at 80 columns. Each table has one free-text column (a claim's
text, a title): it takes the width left over and wraps between words. Every other
column is as wide as its longest value, up to a cap, and never wraps: a value too
long is cut with an ellipsis, so that no word is split across lines ("in_revie|w").
Columns marked ``wide`` appear only with ``--wide``, which shows every column at
its full width, however wide that makes the table. The width is the terminal's,
else $COLUMNS, else 80 (Rich's rule), also when the output is piped.
"""

import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from factdb.safe_csv import write_csv

# The least width the free-text column keeps before fixed columns are narrowed.
MIN_FREE = 24


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    free: bool = False  # the free-text column: wraps between words, takes what is left
    cap: int = 28  # the widest a fixed column gets before its values are cut with "…"
    wide: bool = False  # only with --wide


WideOption = Annotated[
    bool, typer.Option("--wide", help="Every column, at full width (wider than the terminal).")
]

Columns = Sequence[Column | tuple[str, str]]


def _as_columns(columns: Columns) -> list[Column]:
    return [c if isinstance(c, Column) else Column(*c) for c in columns]


def emit(
    data: Any,
    fmt: Any,
    columns: Columns,
    *,
    title: str | None = None,
    empty: str | None = None,
    wide: bool = False,
) -> None:
    """Print ``data`` (a dict or a list of dicts); ``columns`` are the fields of the
    table and CSV forms, while JSON always has every field. An empty list prints
    ``empty`` on stderr instead of an empty table."""
    rows = data if isinstance(data, list) else [data]
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        keys = [c.key for c in _as_columns(columns)]
        write_csv(buffer, keys, ([row.get(key) for key in keys] for row in rows))
        typer.echo(buffer.getvalue(), nl=False)
    elif not rows and empty:
        typer.echo(empty, err=True)
    elif isinstance(data, dict):
        print_record(data, _as_columns(columns), title=title)
    else:
        print_table(rows, _as_columns(columns), title=title, wide=wide)


def cell_lines(value: Any) -> list[str]:
    if value is None or value == "" or value == []:
        return ["—"]
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).splitlines() or ["—"]


def print_table(
    rows: list[dict], columns: list[Column], *, title: str | None = None, wide: bool = False
) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    shown = columns if wide else [c for c in columns if not c.wide]
    cells = [[cell_lines(row.get(c.key)) for c in shown] for row in rows]
    natural = [
        max([cell_len(c.header), *(cell_len(line) for row in cells for line in row[i])])
        for i, c in enumerate(shown)
    ]
    overhead = 3 * (len(shown) - 1)  # between two columns: a space, a rule, a space
    if wide:
        widths, width = natural, sum(natural) + overhead
    else:
        width = terminal_width()
        widths = _fit(shown, natural, width - overhead)
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column, column_width in zip(shown, widths, strict=True):
        if column.free:
            table.add_column(column.header, width=column_width, overflow="fold")
        else:
            table.add_column(column.header, width=column_width, no_wrap=True, overflow="ellipsis")
    for row in cells:
        table.add_row(*(escape("\n".join(lines)) for lines in row))
    Console(width=width).print(table)


def print_record(row: dict, columns: list[Column], *, title: str | None = None) -> None:
    """One record as a two-column table: field names, then values wrapped between words."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_header=False, title=title)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for column in columns:
        table.add_row(column.header, escape("\n".join(cell_lines(row.get(column.key)))))
    Console(width=terminal_width()).print(table)


def _fit(columns: list[Column], natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: fixed columns at their natural width up to
    their cap, narrowed widest first while the free column has less than MIN_FREE."""
    free = next((i for i, c in enumerate(columns) if c.free), None)
    if free is None:
        free = max(range(len(columns)), key=natural.__getitem__)
    widths = [min(n, c.cap) for n, c in zip(natural, columns, strict=True)]
    floors = [min(n, max(len(c.header), 6)) for n, c in zip(natural, columns, strict=True)]
    widths[free] = 0

    def left() -> int:
        return room - sum(widths)

    while left() < min(MIN_FREE, natural[free]):
        shrinkable = [i for i in range(len(widths)) if i != free and widths[i] > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=widths.__getitem__)
        widths[widest] -= 1
    widths[free] = max(min(natural[free], left()), 8)
    return widths


def terminal_width() -> int:
    """The width tables and sentences are fitted to (see the module docstring)."""
    from rich.console import Console

    return Console(file=sys.stdout).width
