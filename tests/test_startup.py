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
sys.argv = {argv!r}
try:
    main()
except SystemExit:
    pass
"""
HEAVY = """
heavy = sorted(m for m in sys.modules
               if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg', 'ruamel', 'rapidfuzz')
               or m == 'rich.table')
print('@@' + json.dumps(heavy))
"""


def probe(argv: list[str], report: str) -> tuple[str, object]:
    """Run factdb with ``argv`` in a fresh interpreter, then ``report``, which prints
    JSON after ``@@``: what the command printed, and that JSON."""
    code = RUN.format(argv=["factdb", *argv]) + report
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    printed, reported = out.rsplit("@@", 1)
    return printed, json.loads(reported)


def loaded_modules(*argv: str) -> list[str]:
    return probe(list(argv), HEAVY)[1]


def test_help_imports_no_heavy_module():
    assert loaded_modules("--help") == []


def test_subcommand_help_imports_no_heavy_module():
    assert loaded_modules("claims", "add", "--help") == []


def test_python_dash_m_works_like_the_script():
    result = subprocess.run(
        [sys.executable, "-m", "factdb", "--help"], capture_output=True, text=True, check=True
    )
    assert "claims" in result.stdout and "report" in result.stdout


def test_claims_list_help_imports_no_heavy_module():
    assert loaded_modules("claims", "list", "--help") == []


def test_import_time_of_help_is_typer_and_factdb_only():
    """`python -X importtime` lists every module a process imports, at any depth."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factdb", "claims", "list", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    heavy = sorted(
        m
        for m in imported
        if m.split(".")[0] in ("sqlalchemy", "alembic", "psycopg", "ruamel") or m == "rich.table"
    )
    assert "factdb.cli.claims" in imported
    assert heavy == []


LIST_REPORT = """
from factdb.models import Claim
loaded = sorted(m for m in sys.modules
                if m.split('.')[0] in ('alembic', 'psycopg', 'ruamel', 'rich', 'yaml'))
print('@@' + json.dumps({"loaded": loaded, "orm_configured": Claim.__mapper__.configured}))
"""


@pytest.fixture
def seed_ledger(sqlite_template, tmp_path) -> str:
    """The URL of an initialised SQLite ledger with the seed file loaded."""
    from typer.testing import CliRunner

    from factdb.cli import app
    from tests.conftest import SEED

    path = tmp_path / "seed.sqlite"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    assert CliRunner().invoke(app, ["--db", url, "load", str(SEED)]).exit_code == 0
    return url


def test_claims_list_as_json_loads_only_what_it_reads_with(seed_ledger):
    """The JSON list needs neither Rich, Alembic nor a YAML reader, nor the ORM's
    mappers set up: it reads with Core statements (factdb.listing)."""
    argv = ["--db", seed_ledger, "claims", "list", "--speaker", "Lavrov", "--format", "json"]
    listed, reported = probe(argv, LIST_REPORT)
    assert [c["id"] for c in json.loads(listed)] == [2, 3]
    assert reported == {"loaded": [], "orm_configured": False}


ORM_REPORT = """
print('@@' + json.dumps(sorted(m for m in sys.modules if m.startswith('factdb.models'))))
"""


@pytest.mark.parametrize("format", ["json", "table"])
def test_claims_list_never_imports_the_orm_classes(seed_ledger, format):
    """Declaring the mapped classes costs more start-up than the whole query: the
    list reads the tables (factdb.tables) and never imports factdb.models."""
    argv = ["--db", seed_ledger, "claims", "list", "--speaker", "Lavrov", "--format", format]
    listed, imported = probe(argv, ORM_REPORT)
    assert "Lavrov" in listed
    assert imported == []
