"""`factdb --help` must stay light: no database layer, no Rich tables.

(pydantic is not on the list: Typer itself uses it to convert option values.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

RUN = """
import json, sys
from factdb.cli import main
for argv in {argvs!r}:
    sys.argv = argv
    try:
        main()
    except SystemExit:
        pass
    print("@@", flush=True)
"""
HEAVY = """
heavy = sorted(m for m in sys.modules
               if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg', 'ruamel', 'rapidfuzz')
               or m == 'rich.table')
print(json.dumps(heavy))
"""


def probe(argvs: list[list[str]], report: str) -> tuple[list[str], object]:
    """Run factdb once per ``argvs`` item in one fresh interpreter, then ``report``, which
    prints JSON: what each command printed, and that JSON. One interpreter serves several
    commands: whatever one of them imports stays in ``sys.modules`` for the report."""
    code = RUN.format(argvs=[["factdb", *argv] for argv in argvs]) + report
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    *printed, reported = out.split("@@\n")
    return printed, json.loads(reported)


def test_help_imports_no_heavy_module():
    """The top-level, group and command help, including the heaviest command's."""
    argvs = [["--help"], ["claims", "--help"], ["claims", "add", "--help"]]
    printed, heavy = probe([*argvs, ["claims", "list", "--help"]], HEAVY)
    assert "claims" in printed[0] and "--speaker" in printed[3]
    assert heavy == []


def test_python_dash_m_works_like_the_script():
    result = subprocess.run(
        [sys.executable, "-m", "factdb", "--help"], capture_output=True, text=True, check=True
    )
    assert "claims" in result.stdout and "report" in result.stdout


LIST_REPORT = """
loaded = sorted(m for m in sys.modules
                if m.split('.')[0] in ('alembic', 'psycopg', 'ruamel', 'rich', 'yaml'))
models = sorted(m for m in sys.modules if m.startswith('factdb.models'))
print(json.dumps({"loaded": loaded, "models": models}))
"""


@pytest.fixture
def seed_ledger(sqlite_seeded_template, tmp_path) -> str:
    """A copy of the seeded SQLite ledger: start-up does not depend on the backend."""
    path = tmp_path / "seed.sqlite"
    shutil.copyfile(sqlite_seeded_template, path)
    return f"sqlite:///{path}"


def test_claims_list_loads_only_what_it_reads_with(seed_ledger):
    """The JSON list needs neither Rich, Alembic nor a YAML reader, and no list, in JSON or
    as a table, imports the ORM classes (factdb.models): declaring the mapped classes costs
    more start-up than the whole query, so the list reads with Core statements
    (factdb.listing)."""
    argv = ["--db", seed_ledger, "claims", "list", "--speaker", "Lavrov", "--format"]
    printed, reported = probe([[*argv, "json"]], LIST_REPORT)
    assert [c["id"] for c in json.loads(printed[0])] == [2, 3]
    assert reported == {"loaded": [], "models": []}
    printed, reported = probe([[*argv, "table"]], LIST_REPORT)
    assert "Lavrov" in printed[0] and reported["models"] == []


PINT_REPORT = """
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'pint')))
"""


def test_listing_by_a_measured_unit_does_not_import_pint(seed_ledger):
    """Queries convert with the factors kept in the unit table: listing by a measured
    unit, as a table or JSON, never pays for Pint's start-up (logging a figure in a
    measured unit does, once)."""
    added = probe(
        [["--db", seed_ledger, "claims", "add", "--source", "1", "--text", "x", "--figure",
          "15 miles"]],
        PINT_REPORT,
    )  # fmt: skip
    assert "pint" in added[1]
    query = ["--db", seed_ledger, "claims", "list", "--unit", "km", "--min", "10", "--wide"]
    printed, loaded = probe([query, [*query, "--format", "json"]], PINT_REPORT)
    assert loaded == []
    assert "15 miles" in printed[0] and '"unit": "miles"' in printed[1]
