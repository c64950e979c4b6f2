"""What the tests share besides fixtures: paths, a dump of a ledger, the benchmark
scripts. The fixtures are in conftest.py, which pytest loads itself: tests import
this module, never conftest.py or one another."""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from pathlib import Path

PG_ADMIN_URL = os.environ.get("FACTDB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-pyongyang-moscou.yaml"
SHARED = ROOT.parent / "shared"


def load_seed(url: str) -> None:
    """Load the seed article as the test user, the way ``factdb load`` does."""
    from typer.testing import CliRunner

    from factdb.cli import app

    result = CliRunner().invoke(
        app, ["--db", url, "load", str(SEED)], env={"FACTDB_USER": "tester", "FACTDB_URL": None}
    )
    assert result.exit_code == 0, result.output


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a failed command changed nothing."""
    from sqlalchemy import create_engine, text

    from factdb.db import parse_url
    from factdb.models import Base

    engine = create_engine(parse_url(url))
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    conn.execute(text(f"SELECT * FROM {table.name}")).all(), key=repr
                )
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


@functools.cache
def load_benchmark(name: str):
    """benchmarks/ holds scripts, not a package: load one by its path."""
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"factdb_benchmarks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
