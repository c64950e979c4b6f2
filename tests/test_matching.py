"""claims similar: ranked claims with a score and why, by text, by id and in batch."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump


def similar(cli, *args: str) -> list[dict]:
    result = cli("claims", "similar", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_english_words_find_the_french_claim_with_why(seeded):
    rows = similar(seeded, "--text", "North Korea could send 25,000 soldiers to Ukraine")
    best = rows[0]
    assert best["id"] == 2 and best["key"] == "seed-troops"
    assert 0 < best["score"] <= 1 and best["score"] > rows[1]["score"]
    assert "same figure: 25000 soldiers" in best["why"]
    assert "same speaker: Corée du Nord" in best["why"]
    # The claim's usual JSON contract, plus score and why.
    shown = json.loads(seeded("claims", "show", "2", "--format", "json").stdout)
    assert {k: v for k, v in best.items() if k not in ("score", "why")} == shown


def test_french_text_without_shared_words_matches_through_figure_and_speaker(seeded):
    rows = similar(seeded, "--text", "Selon Moscou, deux vols par semaine", "--lang", "fr")
    assert rows[0]["id"] == 1
    assert "same figure: 2 flights/week" in rows[0]["why"]
    assert any(w.startswith("same speaker: Russie") for w in rows[0]["why"])


def test_by_id_leaves_the_claim_itself_out(seeded):
    rows = similar(seeded, "5", "--limit", "3")
    assert 5 not in [r["id"] for r in rows] and 0 < len(rows) <= 3
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_retracted_claims_are_not_proposed(seeded):
    assert seeded("claims", "retract", "2", "--reason", "duplicate").exit_code == 0
    rows = similar(seeded, "--text", "25 000 soldats nord-coréens")
    assert 2 not in [r["id"] for r in rows]


def test_table_and_csv_show_score_and_why(seeded):
    result = seeded("claims", "similar", "--text", "vol direct Moscou Pyongyang", "-f", "csv")
    assert result.exit_code == 0, result.output
    header, first = result.stdout.splitlines()[:2]
    assert header == '"id","score","status","claimant","text","why"'
    assert first.startswith('"1",') and "shared words: " in first
    table = seeded("claims", "similar", "--text", "vol direct Moscou Pyongyang")
    assert table.exit_code == 0 and "Similar claims" in table.stdout


def test_batch_answers_each_query_in_order(seeded, tmp_path):
    queries = tmp_path / "q.jsonl"
    lines = [
        {"id": "troops", "text": "25,000 North Korean soldiers for Russia", "lang": "en"},
        {"id": 7, "text": "vol direct deux fois par semaine"},
        {"id": "nothing", "text": "zzzz qqqq"},
    ]
    queries.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = seeded("claims", "similar", "--queries", str(queries), "--limit", "2")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["troops", 7, "nothing"]
    assert answers[0]["matches"][0]["id"] == 2 and len(answers[0]["matches"]) <= 2
    assert answers[1]["matches"][0]["id"] == 1
    assert answers[2]["matches"] == []
    assert {"score", "why", "text", "status"} <= set(answers[0]["matches"][0])


def test_library_gives_the_same_ranking(seeded, db_url):
    from factdb.db import session_scope
    from factdb.matching import similar as find

    with session_scope(db_url, write=False) as session:
        matches = find(session, "Kim Jong-un: soutien inconditionnel à la Russie", limit=1)
    assert matches[0].claim_id == 6
    assert any(w.startswith("same speaker: Kim Jong Un") for w in matches[0].why)


def test_unknown_claim_is_one_line_and_changes_nothing(seeded, db_url):
    before = dump(db_url)
    result = seeded("claims", "similar", "999")
    assert result.exit_code == 1
    assert result.output == "error: claim 999 not found: see `factdb claims list`\n"
    assert dump(db_url) == before


BAD_LINES = [
    ("{not json\n", "2: Expecting property name"),
    ('{"id": 2}\n', '2: "text" must be a string'),
    ('{"id": 2, "text": "..."}\n', "2: query text '...' has no words to look for"),
    ('{"id": [2], "text": "vols"}\n', '2: "id" must be a string or an integer'),
    ('{"id": 2, "text": "vols", "lang": "de"}\n', '2: "lang" must be "fr" or "en"'),
    ('{"id": 2, "text": "vols", "extra": 1}\n', "2: unknown field 'extra'"),
    ("[1, 2]\n", "2: each line must be a JSON object"),
]


@pytest.mark.parametrize("backend", ["sqlite"])  # no backend is reached: see `connections`
@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_malformed_queries_file_names_its_line(cli, tmp_path, line, message, connections):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": 1, "text": "vols"}\n' + line, encoding="utf-8")
    result = cli("claims", "similar", "--queries", str(queries))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.output.startswith(f"error: {queries}:{message}")
    assert len(result.output.splitlines()) == 1
    assert connections == []


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", ""], "query text is empty"),
        (["--text", "?! …"], "has no words to look for"),
        ([], "give one of a claim ID, --text TEXT or --queries FILE"),
        (["3", "--text", "vols"], "give one of a claim ID"),
        (["--text", "vols", "--limit", "0"], "--limit must be at least 1"),
        (["--text", "vols", "--lang", "de"], "unsupported --lang 'de'"),
        (["--queries", "/nonexistent/q.jsonl"], "cannot read queries file"),
    ],
)
def test_bad_arguments_are_refused_before_connecting(cli, args, message, connections):
    result = cli("claims", "similar", *args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and message in result.output
    assert len(result.output.splitlines()) == 1
    assert connections == []


def add(cli, *args: str):
    result = cli("claims", "add", "--source", "1", *args)
    assert result.exit_code == 0, result.output
    return result


def test_claims_add_flags_a_repeat_with_its_verdict(seeded):
    result = add(
        seeded,
        "--language",
        "en",
        "--text",
        "Putin signed a mutual defence pact with North Korea last year during his visit",
    )
    assert result.stdout == "added claim 13\n"
    lines = result.stderr.splitlines()
    assert lines[0].startswith("possible repeat of claim 5 (score ")
    assert lines[0].endswith("où Vladimir Pout… [verdict true]")
    assert all(line.startswith("possible repeat of claim ") for line in lines)


def test_claims_add_flags_a_translation_through_figure_and_speaker(seeded):
    result = add(
        seeded,
        "--language",
        "en",
        "--speaker",
        "North Korea",
        "--figure",
        "25000..30000 soldiers",
        "--text",
        "North Korea may send 25,000 to 30,000 soldiers to help Russia in Ukraine",
    )
    assert result.stderr.startswith("possible repeat of claim 2 (score ")


def test_no_check_and_unrelated_claims_print_no_warning(seeded):
    text = "North Korea may send 25,000 to 30,000 soldiers to help Russia in Ukraine"
    quiet = add(seeded, "--language", "en", "--text", text, "--no-check")
    assert quiet.stdout == "added claim 13\n" and quiet.stderr == ""
    unrelated = add(seeded, "--text", "Le prix du pain a doublé à Lyon depuis janvier")
    assert unrelated.stdout == "added claim 14\n" and unrelated.stderr == ""


def test_extract_annotates_candidates_with_their_possible_repeats(seeded, tmp_path):
    from ruamel.yaml import YAML

    review = tmp_path / "review.yaml"
    result = seeded(
        "extract", "fixtures/article-pyongyang-moscou.txt", "--source", "1", "-o", str(review)
    )
    assert result.exit_code == 0, result.output
    claims = YAML(typ="safe").load(review.read_text(encoding="utf-8"))["claims"]
    by_text = {c["text"]: c["candidate"].get("possible_repeats", []) for c in claims}
    repeats = by_text["Kim Jong Un a réaffirmé un soutien « inconditionnel » à la Russie"]
    assert repeats[0]["id"] == 6 and 0.6 <= repeats[0]["score"] <= 1
    assert repeats[0]["verdict"] is None
    wonsan = next(r for text, r in by_text.items() if text.startswith("La rencontre à Wonsan"))
    pact = next(r for r in wonsan if r["id"] == 5)
    assert pact == {"id": 5, "score": pact["score"], "verdict": "verdict true"}
    # The annotated file still loads (the loader ignores the candidate block).
    text = review.read_text(encoding="utf-8").replace("seed-pyongyang-moscou-c", "again-c")
    review.write_text(text, encoding="utf-8")
    loaded = seeded("load", str(review))
    assert loaded.exit_code == 0, loaded.output
    assert "13 claims" in loaded.stdout
    counted = loaded.stdout.rsplit("; ", 1)[1]
    assert counted.endswith(" of 13 incoming claims look like repeats\n")
    assert int(counted.split()[0]) >= 8


def test_load_counts_repeats_by_a_sample_past_its_bound(seeded, db_url, monkeypatch):
    from factdb import matching
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope

    monkeypatch.setattr(matching, "REPEAT_SAMPLE", 2)
    texts = ["Kim Jong Un reaffirmed his unconditional support for Russia"] * 3
    texts.append("Le prix du pain a doublé à Lyon depuis janvier")
    with session_scope(db_url) as session:
        before = matching.last_claim_id(session)
        for text in texts:
            add_claim(session, text=text, appearance=AttributionInput(source_id=1), user="tester")
        counted = matching.count_repeats(session, before)
        session.rollback()
    # Claims 13 and 15 are checked against the 12 claims before the import, not each other.
    assert (counted.repeats, counted.checked, counted.incoming) == (2, 2, 4)
    assert counted.summary() == (
        "about 4 of 4 incoming claims look like repeats (2 of a sample of 2)"
    )
