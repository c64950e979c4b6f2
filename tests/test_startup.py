"""`factdb --help` must stay light: no database layer, no Rich tables.

(pydantic is not on the list: Typer itself uses it to convert option values.)
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from factdb.cli import main
sys.argv = {argv!r}
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules
               if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg', 'ruamel')
               or m == 'rich.table')
print('@@' + json.dumps(heavy))
"""


def loaded_modules(*argv: str) -> list[str]:
    code = PROBE.format(argv=["factdb", *argv])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.rsplit("@@", 1)[1])


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
