"""A SQLite ledger on read-only media: reading works, writing says why it cannot.

Tests run as root here, and root ignores file permissions. So each command runs in a
forked child that has dropped to the user ``nobody`` (os.setuid) after the parent ran
the same command once, so that every module it needs is already imported (the
interpreter's files may not be readable by nobody). The kernel then really refuses
the writes, as it would to a user on a read-only share. Run as another user, the
commands run directly.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factdb.cli import app
from tests.helpers import SEED

NOBODY = 65534


def run_unprivileged(db: Path, *command: str) -> tuple[int, str, str]:
    """``factdb --db DB COMMAND`` as a user the file permissions apply to:
    (exit, stdout, stderr)."""
    args = ["--db", str(db), *command]
    if os.geteuid() != 0:
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.stdout, result.stderr
    with tempfile.TemporaryDirectory() as scratch:  # as root, on a copy: the imports
        copy = Path(scratch) / db.name
        shutil.copyfile(db, copy)
        CliRunner().invoke(app, ["--db", str(copy), *command])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child reports through the pipe)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = CliRunner().invoke(app, args)
            report = [result.exit_code, result.stdout, result.stderr]
        except BaseException as error:
            report = [-1, "", repr(error)]
        os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    code, out, err = json.loads(data)
    return code, out, err


@pytest.fixture
def ledger_file(sqlite_template) -> Iterator[Path]:
    """A seeded ledger in a directory of its own that ``nobody`` can reach."""
    folder = Path(tempfile.mkdtemp(prefix="factdb-ro-"))
    folder.chmod(0o755)
    path = folder / "ledger.sqlite"
    shutil.copyfile(sqlite_template, path)
    assert CliRunner().invoke(app, ["--db", str(path), "load", str(SEED)]).exit_code == 0
    yield path
    folder.chmod(0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("locked", ["file", "directory", "both"])
def test_reading_works_on_read_only_media(ledger_file, locked):
    ledger_file.chmod(0o444 if locked in ("file", "both") else 0o666)
    if locked in ("directory", "both"):
        ledger_file.parent.chmod(0o555)
    code, out, err = run_unprivileged(ledger_file, "claims", "list", "-f", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 12
    code, out, err = run_unprivileged(ledger_file, "claims", "history", "5")
    assert code == 0, err
    assert "v4 status: in_review → true" in out


@pytest.mark.parametrize(
    ("locked", "reason"),
    [("file", "the file"), ("directory", "the directory"), ("both", "the file")],
)
def test_writing_says_what_is_not_writable(ledger_file, locked, reason):
    before = ledger_file.read_bytes()
    ledger_file.chmod(0o444 if locked in ("file", "both") else 0o666)
    if locked in ("directory", "both"):
        ledger_file.parent.chmod(0o555)
    code, out, err = run_unprivileged(
        ledger_file, "claims", "status", "1", "in_review", "--reason", "r"
    )
    assert code == 6 and out == ""
    assert err.startswith(f"error: cannot write the database: {reason} ")
    assert "not writable" in err and len(err.splitlines()) == 1
    assert ledger_file.read_bytes() == before
    assert sorted(p.name for p in ledger_file.parent.iterdir()) == ["ledger.sqlite"]
