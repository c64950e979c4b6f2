"""benchmarks/matching.py on a slice of CLEF 2020 Task 2 (skipped without ../shared)."""

from __future__ import annotations

import pytest

from tests.helpers import SHARED, load_benchmark

pytestmark = pytest.mark.benchmark
CLEF = SHARED / "data" / "clef2020_claim_retrieval"


def test_scores_count_one_relevant_claim_per_query():
    bench = load_benchmark("matching")
    rankings = {"a": ["1", "2"], "b": ["3", "4", "5", "6", "7", "8"], "c": []}
    found = bench.scores(rankings, {"a": "1", "b": "8", "c": "9"})
    assert found == {"map@5": 1 / 3, "mrr": (1 + 1 / 6) / 3, "p@1": 1 / 3}


@pytest.mark.skipif(not CLEF.exists(), reason="no ../shared/data/clef2020_claim_retrieval")
def test_tweets_find_their_verified_claim_through_the_real_commands(tmp_path):
    bench = load_benchmark("matching")
    queries, qrels = bench.tweets(CLEF, "dev")
    wanted = set(list(qrels.values())[:40])
    claims = [c for c in bench.verified_claims(CLEF) if c[0] in wanted]
    claims += bench.verified_claims(CLEF)[:200]
    claims = list({c[0]: c for c in claims}.values())
    queries = [q for q in queries if qrels[q[0]] in wanted]
    qrels = {q: v for q, v in qrels.items() if v in wanted}
    url = f"sqlite:///{tmp_path / 'clef.sqlite'}"
    ids = bench.load_ledger(url, claims, tmp_path)
    assert sorted(ids.values()) == sorted(c[0] for c in claims)
    ranked, _ = bench.factdb_rankings(url, queries, ids, tmp_path, 5)
    ours = bench.scores(ranked, qrels)
    floor = bench.scores(bench.floor_rankings(claims, queries, 5), qrels)
    assert ours["p@1"] >= 0.5 and floor["p@1"] >= 0.5
    assert all(0 <= v <= 1 for v in (*ours.values(), *floor.values()))
