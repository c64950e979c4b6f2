"""Full-text search (`claims list --text`): accents, both languages, ranking, sync, filters.

Seed claim ids: 2 troops, 3 decision, 4 munitions, 5 pact, 9 Lavrov's visit,
10 Wonsan, 11 SCO (see fixtures/seed-pyongyang-moscou.yaml, loaded in order).
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.fulltext import fts5_query, search_terms
from tests.helpers import dump


def ids(cli, *args: str) -> list[int]:
    result = cli("claims", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [c["id"] for c in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Serguei", [9]),
        ("SERGUEÏ", [9]),
        ("sergueï lavrov", [9]),
        ("coree", [2, 3, 4, 5, 9, 11]),
        ("Corée", [2, 3, 4, 5, 9, 11]),
        ("hégémonistes", [12]),
        ("hegemonistes", [12]),
    ],
)
def test_accents_and_case_do_not_matter(seeded, words, expected):
    assert sorted(ids(seeded, "--text", words)) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("soldats", [2]),  # French text
        ("soldiers", [2]),  # English translation
        ("obus", [4]),
        ("shells missiles", [4]),
        ("pacte défense", [5, 10]),  # every word must match
        ("pacte Wonsan", [10]),
        ("soldat", [2]),  # the last word also matches as a prefix
        ("soldat ukraine", []),  # earlier words must match whole
        ("Pyongyang tanks", []),
    ],
)
def test_french_and_english_words_all_must_match(seeded, words, expected):
    assert sorted(ids(seeded, "--text", words)) == expected


def test_best_match_comes_first_whatever_the_id(seeded):
    added = seeded(
        "claims",
        "add",
        "--source",
        "1",
        "--text",
        "Wonsan, Wonsan, toujours Wonsan",
        "--translation",
        "Wonsan again",
    )
    assert added.exit_code == 0, added.output
    assert ids(seeded, "--text", "wonsan") == [13, 10]
    # Without words the order is the id order.
    assert ids(seeded, "--topic", "troops")[:2] == sorted(ids(seeded, "--topic", "troops"))[:2]


def test_index_follows_text_and_translation_edits(seeded):
    assert ids(seeded, "--text", "Wonsan") == [10]
    edited = seeded("claims", "edit", "10", "--text", "La rencontre à Kalma", "--reason", "typo")
    assert edited.exit_code == 0, edited.output
    assert ids(seeded, "--text", "Wonsan") == [10]  # still in the translation
    edited = seeded("claims", "edit", "10", "--translation", "The meeting in Kalma")
    assert edited.exit_code == 0, edited.output
    assert ids(seeded, "--text", "Wonsan") == []
    assert ids(seeded, "--text", "Kalma") == [10]
    assert ids(seeded, "--text", "rencontre kalma") == [10]


def test_retracted_claims_are_found_only_when_asked(seeded):
    assert seeded("claims", "retract", "4", "--reason", "duplicate").exit_code == 0
    assert ids(seeded, "--text", "obus") == []
    assert ids(seeded, "--text", "obus", "--include-retracted") == [4]
    assert ids(seeded, "--text", "obus", "--status", "retracted") == [4]
    reinstated = seeded("claims", "status", "4", "logged", "--reason", "not a duplicate")
    assert reinstated.exit_code == 0, reinstated.output
    assert ids(seeded, "--text", "obus") == [4]


def test_text_combines_with_other_filters_and_paging(seeded):
    assert sorted(ids(seeded, "--text", "coree", "--speaker", "Lavrov")) == [2, 3]
    assert ids(seeded, "--text", "coree", "--status", "true") == [5]
    assert ids(seeded, "--text", "coree", "--unit", "soldiers", "--min", "10000") == [2]
    assert sorted(ids(seeded, "--text", "coree", "--source", "1")) == [2, 3, 4, 5, 9, 11]
    everything = ids(seeded, "--text", "coree")
    result = seeded("claims", "list", "--format", "json", "--text", "coree", "--limit", "2")
    assert [c["id"] for c in json.loads(result.stdout)] == everything[:2]
    assert "showing 2 of 6 claims" in result.stderr
    second = ids(seeded, "--text", "coree", "--limit", "2", "--offset", "2")
    assert second == everything[2:4]


def test_text_without_words_is_refused_in_one_line(seeded, db_url):
    before = dump(db_url)
    result = seeded("claims", "list", "--text", "« ! »")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: search text") and result.stderr.count("\n") == 1
    assert dump(db_url) == before


def test_library_gives_the_total_before_paging(seeded, db_url):
    from factdb import ClaimQuery, list_claims, session_scope

    with session_scope(db_url, write=False) as session:
        page = list_claims(session, ClaimQuery(text="russie coree", limit=1))
        assert page.total == 2
        assert [row["id"] for row in page.rows] == ids(seeded, "--text", "russie coree")[:1]


@given(st.text(max_size=60))
def test_any_words_give_a_valid_fts5_query_or_a_clean_error(words):
    try:
        terms = search_terms(words)
    except InvalidInput as error:
        assert str(error)
        return
    assert terms and all(t.isalnum() and t == t.lower() for t in terms)
    with sqlite3.connect(":memory:") as conn:
        conn.execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (fts5_query(terms),)).fetchall()
