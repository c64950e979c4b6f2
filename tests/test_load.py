"""benchmarks/load.py, run tiny on both backends: it runs, counts and verifies.

No timing is asserted: the figures are for the report, not for the tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT

# The benchmark scripts, run tiny: `pytest -m benchmark` (CI runs them in their own step).
pytestmark = pytest.mark.benchmark

WRITERS, OPS = 2, 5


def test_load_benchmark_runs_and_accounts_for_every_operation(db_url):
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--db", db_url]
    command += ["--writers", str(WRITERS), "--ops", str(OPS), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["results"]
    assert result["verified"] and result["problems"] == [] and result["errors"] == {}
    assert result["writers"] == WRITERS
    operations = result["operations"]
    attempted = sum(o["applied"] + o["conflicts"] + o["errors"] for o in operations.values())
    assert attempted == WRITERS * OPS
    # Only an edit with --if-version can be refused; the others wait for their turn.
    assert operations["add"]["conflicts"] == operations["status"]["conflicts"] == 0
    assert result["conflicts"] == operations["edit"]["conflicts"]
    assert result["claims_per_s"] > 0 and result["floor"]["verified"]
    for kind in operations.values():
        if kind["applied"] + kind["conflicts"]:
            assert 0 < kind["p50_ms"] <= kind["p99_ms"]


def test_load_benchmark_table_names_each_operation(tmp_path, sqlite_template):
    import shutil

    path = tmp_path / "load.sqlite"
    shutil.copyfile(sqlite_template, path)
    command = [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--db", str(path)]
    command += ["--writers", "2", "--ops", "2", "--no-floor"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for line in ("add claim", "status change", "edit --if-version", "claims/s", "verified:"):
        assert line in done.stdout
    assert "floor" not in done.stdout
