"""CSV output: no cell runs as a formula in a spreadsheet, and every cell reads back."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from factdb.safe_csv import FORMULA_START, escape_cell, read_csv, unescape_cell, write_csv

# Quotes, separators and line breaks are where CSV writers go wrong: draw them often.
cells = st.text(alphabet=st.sampled_from("=+-@\t\r\n'\",;aZé0 9.e")) | st.text()


def read_back(text: str) -> list[list[str]]:
    return list(read_csv(io.StringIO(text, newline="")))


@given(cells)
def test_a_cell_reads_back_exactly(text):
    assert unescape_cell(escape_cell(text)) == text


@given(cells)
def test_no_escaped_cell_starts_like_a_formula_unless_a_plain_number(text):
    cell = escape_cell(text)
    if cell.startswith(FORMULA_START):
        assert cell == text
        float(cell)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=5))
def test_rows_read_back_exactly(rows):
    buffer = io.StringIO(newline="")
    write_csv(buffer, ["a", "b", "c"], rows)
    assert read_back(buffer.getvalue()) == [["a", "b", "c"], *rows]


def test_formulas_are_quoted_and_numbers_left_alone():
    buffer = io.StringIO()
    write_csv(
        buffer,
        ["x", "y", "z"],
        [["=1+2", -12, "-12 percent"], ["@SUM(A1)", "-0.5", "'quoted"], ["\tx", "+12", None]],
    )
    assert buffer.getvalue().splitlines() == [
        '"x","y","z"',
        '"\'=1+2","-12","\'-12 percent"',
        '"\'@SUM(A1)","-0.5","\'\'quoted"',
        '"\'\tx","\'+12",""',
    ]
    assert read_back(buffer.getvalue())[1:] == [
        ["=1+2", "-12", "-12 percent"],
        ["@SUM(A1)", "-0.5", "'quoted"],
        ["\tx", "+12", ""],
    ]


def test_every_csv_command_escapes(cli):
    """Formula-like text in a source, a speaker and a claim, through each read command."""
    title = '=HYPERLINK("http://evil.example","x")'
    assert cli("sources", "add", "--title", title, "--language", "fr").exit_code == 0
    assert cli("speakers", "add", "@evil").exit_code == 0
    added = cli(
        "claims", "add", "--source", "1", "--speaker", "@evil", "--text", "-12",
        "--figure", "-12 percent | -12 %", "--topic", "+growth",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert cli("claims", "add", "--source", "1", "--text", "+33 6 12 34").exit_code == 0

    def rows(*command: str) -> list[dict[str, str]]:
        result = cli(*command, "--format", "csv")
        assert result.exit_code == 0, result.output
        for line in result.stdout.splitlines():
            assert line.startswith('"')
            assert not line.startswith(tuple(f'"{c}' for c in FORMULA_START))
        header, *body = read_back(result.stdout)
        return [dict(zip(header, row, strict=True)) for row in body]

    assert rows("sources", "list")[0]["title"] == title
    assert rows("speakers", "list")[0]["name"] == "@evil"
    listed = rows("claims", "list")
    assert [c["text"] for c in listed] == ["-12", "+33 6 12 34"]
    assert listed[0]["claimant"] == "@evil"
    shown = rows("claims", "show", "1")[0]
    assert shown["figures_text"] == "#1 -12 percent (-12 %)"
    assert shown["source_text"].endswith(title)
    history = rows("claims", "history", "1")
    assert '"text": "-12"' in history[0]["new"]
    # The plain number stays a number for the spreadsheet; the phone number does not run.
    raw = cli("claims", "list", "--format", "csv").stdout.splitlines()
    assert '"1","logged","\'@evil","","asserted","-12",' in raw[1]
    assert '"\'+33 6 12 34"' in raw[2]
