"""claims link / unlink: repeated claims as groups, in JSON, show, list, report, speakers."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump


def ok(cli, *args: str):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


def as_json(cli, *args: str):
    return json.loads(ok(cli, *args, "--format", "json").stdout)


def test_link_and_unlink_are_in_both_histories_and_groups_are_components(seeded):
    assert ok(seeded, "claims", "link", "2", "4", "--reason", "same claim").stdout == (
        "claim 4 now repeats claim 2\n"
    )
    ok(seeded, "claims", "link", "4", "6")
    assert as_json(seeded, "claims", "show", "2")["repeats"] == [4, 6]
    assert as_json(seeded, "claims", "show", "6")["repeats"] == [2, 4]
    assert as_json(seeded, "claims", "show", "1")["repeats"] == []
    listed = {c["id"]: c["repeats"] for c in as_json(seeded, "claims", "list", "--repeated")}
    assert listed == {2: [4, 6], 4: [2, 6], 6: [2, 4]}
    for claim in ("2", "4"):
        actions = [h["action"] for h in as_json(seeded, "claims", "history", claim)]
        assert actions[-1] == "repeat_linked" or "repeat_linked" in actions
    linked = as_json(seeded, "claims", "history", "4")
    assert [h["new"] for h in linked if h["action"] == "repeat_linked"] == [
        {"claim": 2, "repeat": 4},
        {"claim": 4, "repeat": 6},
    ]
    assert linked[1]["reason"] == "same claim"
    ok(seeded, "claims", "unlink", "4", "2")  # either order
    assert as_json(seeded, "claims", "show", "2")["repeats"] == []
    assert as_json(seeded, "claims", "show", "6")["repeats"] == [4]
    for claim in ("2", "4"):
        last = as_json(seeded, "claims", "history", claim)[-1]
        assert last["action"] == "repeat_unlinked" and last["old"] == {"claim": 2, "repeat": 4}
    assert [c["id"] for c in as_json(seeded, "claims", "list", "--repeated")] == [4, 6]


def test_show_report_and_similar_name_the_repeats(seeded):
    ok(seeded, "claims", "link", "2", "6")
    table = ok(seeded, "claims", "show", "2").stdout
    assert "#6 (logged): Kim Jong Un in Pyongyang et Moscou" in table
    report = ok(seeded, "report", "sourcing").stdout
    assert "- **Also said by** Kim Jong Un in Pyongyang et Moscou renforcent" in report
    entry = next(
        c
        for c in json.loads(ok(seeded, "report", "sourcing", "--format", "json").stdout)["claims"]
        if c["id"] == 6
    )
    assert entry["repeats"] == [2]
    assert entry["also_said"][0]["claim"] == 2
    assert entry["also_said"][0]["speaker"] == "Corée du Nord"
    found = as_json(seeded, "claims", "similar", "--text", "25 000 soldats nord-coréens")
    assert next(r for r in found if r["id"] == 2)["repeats"] == [6]


def test_speakers_show_counts_repeats_of_claims_rated_false(seeded):
    ok(seeded, "evidence", "add", "4", "--stance", "refutes", "--url", "https://example.org/x")
    ok(seeded, "claims", "status", "4", "in_review", "--reason", "checking")
    ok(seeded, "claims", "status", "4", "false", "--reason", "refuted")
    assert as_json(seeded, "speakers", "show", "Kim Jong Un")["repeats_of_false"] == 0
    added = ok(
        seeded,
        "claims",
        "add",
        "--source",
        "1",
        "--speaker",
        "Kim Jong Un",
        "--text",
        "La Corée du Nord fournit des obus et des missiles à la Russie",
    )
    assert "possible repeat of claim 4" in added.stderr and "[verdict false]" in added.stderr
    ok(seeded, "claims", "link", "4", "13")
    assert as_json(seeded, "speakers", "show", "Kim Jong Un")["repeats_of_false"] == 1
    assert as_json(seeded, "speakers", "show", "Lavrov")["repeats_of_false"] == 0


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ([], ["link", "3", "3"], "error: claim 3 cannot repeat itself: give two different ids"),
        ([], ["link", "3", "99"], "error: no claim with id 99: see `factdb claims list`"),
        ([["link", "3", "5"]], ["link", "5", "3"], "error: claims 5 and 3 are already linked"),
        (
            [],
            ["unlink", "3", "5"],
            "error: claims 3 and 5 are not linked: see `factdb claims show`",
        ),
    ],
)
def test_bad_links_are_one_line_and_change_nothing(seeded, db_url, setup, args, message):
    for step in setup:
        ok(seeded, "claims", *step)
    before = dump(db_url)
    result = seeded("claims", *args)
    assert result.exit_code == 1
    assert result.output == message + "\n"
    assert dump(db_url) == before
