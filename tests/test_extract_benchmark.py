"""benchmarks/extraction.py: its JSON, and the issue's floors met with rules alone."""

from __future__ import annotations

import json

import pytest

from tests.helpers import load_benchmark

# The benchmark scripts, run tiny: `pytest -m benchmark` (CI runs them in their own step).
pytestmark = pytest.mark.benchmark


def test_rules_meet_the_floors_on_every_corpus_and_language(capsys):
    benchmark = load_benchmark("extraction")
    assert benchmark.main(["--no-spacy", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(r["corpus"], r["lang"], r["mode"]) for r in rows] == [
        ("seed", "fr", "rules"),
        ("sentences", "en", "rules"),
        ("sentences", "fr", "rules"),
    ]
    assert all(r["floors_met"] for r in rows)
    seed = rows[0]
    assert seed["figures"] == {"precision": 1.0, "recall": 1.0, "matched": 3, "proposed": 3,
                               "gold": 3}  # fmt: skip
    assert seed["spans"]["gold"] == 12 and seed["speakers"]["recall"] == 1.0
    assert all(r["figures"]["gold"] >= 30 and r["dates"]["gold"] >= 20 for r in rows[1:])


def test_table_marks_a_row_below_its_floor():
    benchmark = load_benchmark("extraction")
    row = {"corpus": "sentences", "lang": "fr", "mode": "rules", "floors_met": False}
    for metric in benchmark.METRICS:
        row[metric] = {"precision": 0.5, "recall": 0.5, "matched": 1, "proposed": 2, "gold": 2}
    assert not benchmark.floors_met("sentences", row)
    assert "| sentences | fr | rules | 0.50/0.50 (1/2/2) |" in benchmark.table([row])
    assert benchmark.table([row]).splitlines()[2].endswith("| BELOW |")
