"""CSV that a spreadsheet opens without running anything, and that reads back exactly.

Every ``--format csv`` goes through ``write_csv``. Following OWASP's CSV injection
guidance, a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading single quote, so a spreadsheet shows it as text instead of
running it as a formula, and every cell is quoted, so no cell can smuggle a
separator. A plain number such as ``-12`` or ``-0.5`` is left alone: it cannot run,
and a spreadsheet should still read it as a number.

The quote is reversible: a cell that already begins with a quote gets one more, so
``unescape_cell`` (and ``read_csv``, which applies it to every cell) removes exactly
one leading quote and gives back the original text. An empty cell stands for no value.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Only numbers as people write them: float() would also pass "-inf" and "-1_0".
_PLAIN_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def escape_cell(value: Any) -> str:
    """The text a cell holds: lists joined with ``; ``, a quote before a formula start."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith((*FORMULA_START, QUOTE)) and not _PLAIN_NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def unescape_cell(cell: str) -> str:
    """The original text of a cell written by ``escape_cell``."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``header`` then ``rows``, every cell escaped and quoted."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([escape_cell(name) for name in header])
    writer.writerows([escape_cell(value) for value in row] for row in rows)


def read_csv(lines: Iterable[str]) -> Iterator[list[str]]:
    """Read what ``write_csv`` wrote, header first, each cell as it was given."""
    for row in csv.reader(lines):
        yield [unescape_cell(cell) for cell in row]
