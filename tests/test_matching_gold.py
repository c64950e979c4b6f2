"""Cross-language matching: each French rendering in tests/data/matching_gold.yaml must
find its English claim first, among distractors sharing a speaker or a topic."""

from __future__ import annotations

from pathlib import Path

GOLD = Path(__file__).parent / "data" / "matching_gold.yaml"
TARGET = 0.8


def build_gold_ledger(url: str) -> tuple[dict[str, int], list[dict]]:
    """The gold set's speakers and English claims in the ledger at ``url``; the claim
    id of each key, and the French queries."""
    from ruamel.yaml import YAML

    from factdb.actors import add_actor
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope
    from factdb.sources import add_source

    gold = YAML(typ="safe").load(GOLD.read_text(encoding="utf-8"))
    ids = {}
    with session_scope(url) as session:
        for speaker in gold["speakers"]:
            add_actor(session, name=speaker["name"], aliases=speaker["aliases"], user="gold")
        source = add_source(session, title="Wire stories", language_code="en", user="gold")
        for claim in gold["claims"]:
            added = add_claim(
                session,
                text=claim["text"],
                appearance=AttributionInput(source_id=source.id, speaker=claim["speaker"]),
                user="gold",
            )
            ids[claim["key"]] = added.id
    return ids, gold["queries"]


def top1_accuracy(url: str) -> tuple[float, list[str]]:
    from factdb.db import session_scope
    from factdb.matching import similar

    ids, queries = build_gold_ledger(url)
    misses = []
    with session_scope(url, write=False) as session:
        for query in queries:
            found = similar(session, query["text"], lang="fr", limit=1)
            if not found or found[0].claim_id != ids[query["claim"]]:
                misses.append(query["claim"])
    return 1 - len(misses) / len(queries), misses


def test_gold_set_has_forty_pairs_and_distractors():
    from ruamel.yaml import YAML

    gold = YAML(typ="safe").load(GOLD.read_text(encoding="utf-8"))
    keys = [c["key"] for c in gold["claims"]]
    paired = {q["claim"] for q in gold["queries"]}
    assert len(paired) == len(gold["queries"]) >= 40 and paired <= set(keys)
    assert len(set(keys) - paired) >= 15


def test_french_renderings_find_their_english_claim_first(db_url):
    accuracy, misses = top1_accuracy(db_url)
    print(f"cross-language top-1 accuracy {accuracy:.3f}; missed: {', '.join(misses)}")
    assert accuracy >= TARGET, misses
