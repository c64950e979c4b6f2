"""The benchmark data generator: deterministic, LIAR-shaped, and a usable ledger."""

from __future__ import annotations

import json

import pytest

from tests.helpers import PG_ADMIN_URL, SHARED, load_benchmark

# The benchmark scripts, run tiny: `pytest -m benchmark` (CI runs them in their own step).
pytestmark = pytest.mark.benchmark


def test_tsv_is_deterministic_and_has_the_liar_columns(tmp_path):
    generate = load_benchmark("generate")
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    generate.main(["--claims", "300", "--tsv", str(first)])
    generate.main(["--claims", "300", "--tsv", str(second)])
    assert first.read_bytes() == second.read_bytes()
    rows = [line.split("\t") for line in first.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 300
    assert {len(r) for r in rows} == {14}
    assert {r[1] for r in rows} <= set(generate.LABELS)
    assert all(r[0] == f"{i}.json" for i, r in enumerate(rows, 1))
    liar = SHARED / "data" / "liar" / "train.tsv"
    if liar.exists():  # same shape as the real file
        real = liar.read_text(encoding="utf-8").splitlines()[0].split("\t")
        assert len(real) == 14
    generate.main(["--claims", "301", "--tsv", str(second)])
    assert second.read_text().startswith(first.read_text())  # a prefix: same seed, same records


def test_populated_ledger_works_with_every_command(cli, db_url):
    generate = load_benchmark("generate")
    counts = generate.populate(db_url, 400, seed=6, batch=150)
    assert counts["claims"] == 400 and counts["claim_dates"] == 400
    speaker = generate.speakers(generate.speaker_count(400))[0].name
    listed = cli("claims", "list", "--speaker", speaker, "--format", "json", "--limit", "500")
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.stdout)
    assert claims and all(speaker in (c["claimant"], c["relay"]) for c in claims)
    assert all(c["status"] in generate.STATUS_OF_LABEL.values() for c in claims)
    word = claims[0]["text"].split()[1]
    found = cli("claims", "list", "--text", word, "--format", "json", "--limit", "500")
    assert claims[0]["id"] in [c["id"] for c in json.loads(found.stdout)]
    added = cli("claims", "add", "--source", "1", "--text", "A new claim after the bulk load")
    assert added.exit_code == 0, added.output
    assert added.stdout.strip() == "added claim 401"


def import_benchmark(tmp_path, capsys, *args: str) -> list[dict]:
    imports = load_benchmark("imports")
    imports.main(["--claims", "300", "--workdir", str(tmp_path), "--json", *args])
    return json.loads(capsys.readouterr().out)["results"]


def test_import_benchmark_measures_the_import_and_its_floor(tmp_path, capsys):
    (sqlite,) = import_benchmark(tmp_path, capsys, "--no-postgres")
    assert (sqlite["backend"], sqlite["claims"], sqlite["floor"]) == (
        "sqlite",
        300,
        "sqlite3 executemany",
    )
    # claims, attributions, reviews and history at least; the script checks the floor
    # stored the same number of rows in every table as the import.
    assert sqlite["rows"] > 4 * 300
    assert sqlite["import_s"] > 0 and sqlite["floor_s"] > 0 and sqlite["peak_rss_mb"] > 0
    assert sqlite["ratio"] == sqlite["floor_s"] / sqlite["import_s"]
    assert sqlite["minimal_floor_s"] > 0
    assert sqlite["minimal_ratio"] == sqlite["minimal_floor_s"] / sqlite["import_s"]


@pytest.mark.postgres
def test_import_benchmark_on_postgres_copies_the_same_rows(tmp_path, capsys, postgres):
    sqlite, pg = import_benchmark(tmp_path, capsys, "--postgres", PG_ADMIN_URL)
    assert (pg["backend"], pg["floor"]) == ("postgresql", "psycopg COPY")
    assert pg["rows"] == sqlite["rows"]
    assert pg["minimal_ratio"] == pg["minimal_floor_s"] / pg["import_s"] > 0


def test_extract_finders_benchmark_prints_every_ratio(capsys):
    module = load_benchmark("extract_finders")
    module.main(["--mb", "0.02", "--hostile-mb", "0.002", "--json"])
    report = json.loads(capsys.readouterr().out)
    measures = [r["measure"] for r in report["results"]]
    assert len(measures) == 2 * (1 + len(module.HOSTILE))
    assert measures[0] == "fr: 0.02 MB of news vs 0.002 MB"
    assert all(r["seconds_per_mb"] > 0 and r["ratio"] > 0 for r in report["results"])
