"""The bulk import's two write paths: executemany on SQLite, COPY on PostgreSQL.

Both must store the same ledger for the same files, and a row the database refuses
must end the import with one line and leave the ledger as it was, on either path.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factdb.formats.datasets
from factdb.cli import app
from tests.helpers import dump, load_benchmark

DATA = Path(__file__).parent / "data"
# LIAR, then LIAR-PLUS merging into it (notes added as history edits), then ClaimsKG
# (dates, review dates and numeric ratings, speakers from URLs).
FILES = [
    ("liar", DATA / "liar_sample.tsv"),
    ("liar", DATA / "liar_plus_sample.tsv"),
    ("claimskg", DATA / "claimskg_sample.csv"),
    ("claimskg", DATA / "claimskg_fr_sample.csv"),
]
STAMPS = {"created_at", "updated_at", "at"}


def without_stamps(value):
    """The JSON with the moments of writing removed: the two imports ran at different times."""
    if isinstance(value, dict):
        return {k: without_stamps(v) for k, v in value.items() if k not in STAMPS}
    if isinstance(value, list):
        return [without_stamps(v) for v in value]
    return value


def ledger_json(url: str, tmp_path: Path, generated: Path) -> dict:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["--db", url, "--as", "ana", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    for command, path in [*FILES, ("liar", generated)]:
        run("import", command, str(path), "--quiet", "--rejects", str(tmp_path / "rejects"))
    claims = json.loads(run("claims", "list", "--format", "json", "--limit", "1000"))
    assert len(claims) > 60
    history: dict[int, list[dict]] = {}
    for line in run("export", "jsonl", "--quiet").splitlines():
        record = json.loads(line)
        if record["type"] == "history":
            history.setdefault(record["claim_id"], []).append(record)
    return {
        "claims": claims,
        "history": history,
        "speakers": json.loads(run("speakers", "list", "--format", "json")),
    }


@pytest.mark.postgres
def test_copy_path_gives_the_same_ledger_as_the_sqlite_path(
    tmp_path, sqlite_template, postgres, postgres_template
):
    generated = tmp_path / "generated.tsv"
    load_benchmark("generate").write_tsv(generated, 60, seed=6)
    shutil.copyfile(sqlite_template, tmp_path / "ledger.sqlite")
    on_sqlite = ledger_json(f"sqlite:///{tmp_path / 'ledger.sqlite'}", tmp_path, generated)
    name = postgres.new_name()
    try:
        url = postgres.create(name, template=postgres_template)
        on_postgres = ledger_json(url, tmp_path, generated)
    finally:
        postgres.drop(name)
    assert without_stamps(on_postgres) == without_stamps(on_sqlite)
    edited = [h for h in on_sqlite["history"].values() if len(h) == 2]
    assert edited and all(h[1]["action"] == "edited" for h in edited)


def test_refused_row_ends_the_import_in_one_line_and_changes_nothing(
    cli, db_url, monkeypatch, tmp_path
):
    """A row the database refuses (here: a direct quote with no claimant, against the
    attributions' CHECK) fails the executemany or the COPY; nothing of the file stays."""
    cli("import", "liar", str(DATA / "liar_sample.tsv"), "-q", "--rejects", str(tmp_path / "r1"))
    before = dump(db_url)
    parse = factdb.formats.datasets.parse_liar

    def without_speaker(fields, *, plus):
        return dataclasses.replace(parse(fields, plus=plus), speaker=None)

    monkeypatch.setattr(factdb.formats.datasets, "parse_liar", without_speaker)
    result = cli(
        "import",
        "liar",
        str(DATA / "liar_plus_sample.tsv"),
        "-q",
        "--rejects",
        str(tmp_path / "r2"),
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert "refused by the database" in line and "claimant" in line
    assert dump(db_url) == before
