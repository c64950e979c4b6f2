"""The status workflow and the history it leaves behind."""

from __future__ import annotations

import json

import pytest


def history(cli, claim_id: int) -> list[dict]:
    result = cli("claims", "history", str(claim_id), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def show(cli, claim_id: int) -> dict:
    return json.loads(cli("claims", "show", str(claim_id), "--format", "json").stdout)


def test_full_verification_cycle(seeded):
    cli = seeded
    assert (
        cli("--as", "alice", "claims", "status", "1", "in_review", "--reason", "checking").exit_code
        == 0
    )
    added = cli(
        "evidence",
        "add",
        "1",
        "--stance",
        "supports",
        "--url",
        "https://example.org/aeroflot-schedule",
        "--accessed",
        "2025-07-20",
        "--note",
        "Timetable shows two weekly rotations",
    )
    assert added.exit_code == 0, added.output
    verdict = cli(
        "claims",
        "status",
        "1",
        "true",
        "--reason",
        "timetable",
        "--rationale",
        "The published timetable lists two flights a week.",
    )
    assert verdict.exit_code == 0, verdict.output
    claim = show(cli, 1)
    assert (claim["status"], claim["verdict"]) == ("true", "true")
    assert claim["rationale"] == "The published timetable lists two flights a week."
    reopen = cli("claims", "status", "1", "in_review", "--reason", "new schedule published")
    assert reopen.exit_code == 0
    assert show(cli, 1)["verdict"] is None
    entries = history(cli, 1)
    assert [e["action"] for e in entries] == [
        "created",
        "status",
        "evidence_added",
        "status",
        "status",
    ]
    assert [e["version"] for e in entries] == [1, 2, 3, 4, 5]
    assert entries[1]["actor"] == "alice" and entries[2]["actor"] == "tester"
    assert entries[3]["old"] == {"status": "in_review", "rationale": None}
    assert entries[3]["new"]["status"] == "true"
    assert entries[4]["reason"] == "new schedule published"
    assert show(cli, 1)["version"] == 5
    assert show(cli, 1)["history_count"] == 5


def test_retracted_claims_are_kept_and_hidden(seeded):
    cli = seeded
    assert cli("claims", "retract", "4", "--reason", "logged twice").exit_code == 0
    listed = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert 4 not in [c["id"] for c in listed]
    everything = json.loads(cli("claims", "list", "--include-retracted", "--format", "json").stdout)
    assert 4 in [c["id"] for c in everything]
    assert history(cli, 4)[-1]["action"] == "retracted"
    assert history(cli, 4)[-1]["reason"] == "logged twice"
    # Reinstating is an explicit, recorded step.
    assert cli("claims", "status", "4", "logged", "--reason", "not a duplicate").exit_code == 0
    assert show(cli, 4)["status"] == "logged"


def test_edit_records_old_and_new_values(seeded):
    cli = seeded
    result = cli(
        "claims",
        "edit",
        "2",
        "--remove-figure",
        "2",
        "--add-figure",
        ">=1000 soldiers | des milliers",
        "--add-topic",
        "Corée",
        "--modality",
        "reported",
        "--reason",
        "figure was too vague",
    )
    assert result.exit_code == 0, result.output
    claim = show(cli, 2)
    assert claim["figures"][1] == {
        "kind": "lower_bound",
        "value": None,
        "low": 1000,
        "high": None,
        "unit": "soldiers",
        "per": None,
        "text": "des milliers",
        "strict": False,
        "increment": False,
        "quantity": None,
        "per_count": None,
        "per_unit": None,
        "base_unit": "soldiers",
        "value_base": None,
        "low_base": 1000,
        "high_base": None,
    }
    assert "coree" in claim["topics"]
    last = history(cli, 2)[-1]
    assert last["action"] == "edited"
    assert last["old"]["modality"] == "possible" and last["new"]["modality"] == "reported"
    assert last["old"]["figures"][1] == "thousands of soldiers | des milliers déjà envoyés"
    assert last["new"]["figures"][1] == ">=1000 soldiers | des milliers"
    assert last["reason"] == "figure was too vague"


def test_change_speaker_and_relay(seeded):
    cli = seeded
    result = cli("claims", "edit", "2", "--speaker", "Lavrov", "--relay", "", "--reason", "re-read")
    assert result.exit_code == 0, result.output
    claim = show(cli, 2)
    assert (claim["claimant"], claim["relay"]) == ("Sergueï Lavrov", None)


def test_claim_in_several_sources(seeded):
    cli = seeded
    assert (
        cli(
            "sources",
            "add",
            "--title",
            "Lavrov in Wonsan",
            "--language",
            "en",
            "--outlet",
            "Reuters",
            "--published",
            "2025-07-12",
        ).exit_code
        == 0
    )
    result = cli("claims", "cite", "2", "--source", "2", "--speaker", "Lavrov")
    assert result.exit_code == 0, result.output
    claim = show(cli, 2)
    assert [a["source"]["id"] for a in claim["appearances"]] == [1, 2]
    assert claim["source"]["id"] == 1
    in_reuters = json.loads(cli("claims", "list", "--source", "2", "--format", "json").stdout)
    assert [c["id"] for c in in_reuters] == [2]
    report = cli("report", "sourcing", "--source", "2").stdout
    assert "Sergueï Lavrov (claimant) → Reuters (2025-07-12)" in report


def test_relative_date_uses_source_publication_date(cli):
    assert (
        cli(
            "sources", "add", "--title", "T", "--language", "fr", "--published", "2025-07-13"
        ).exit_code
        == 0
    )
    assert cli("sources", "add", "--title", "Undated", "--language", "fr").exit_code == 0
    assert (
        cli("claims", "add", "--source", "1", "--text", "a", "--date", "l'année dernière").exit_code
        == 0
    )
    assert (
        cli(
            "claims", "add", "--source", "2", "--text", "b", "--date", "la semaine prochaine"
        ).exit_code
        == 0
    )
    dated, undated = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert dated["dates"][0]["value"] == "2024" and dated["dates"][0]["anchor"] == "2025-07-13"
    assert dated["dates"][0]["anchor_note"] == "anchored on the source's publication date"
    assert undated["dates"][0]["value"] is None and undated["dates"][0]["anchor"] is None
    report = cli("report", "sourcing").stdout
    assert "unresolved (week; no anchor date)" in report


@pytest.mark.parametrize("status", ["true", "mostly_true", "misleading", "false", "unverifiable"])
def test_every_verdict_needs_review_first(seeded, status):
    cli = seeded
    assert (
        cli("evidence", "add", "3", "--stance", "refutes", "--document", "MFA transcript").exit_code
        == 0
    )
    assert cli("claims", "status", "3", status, "--reason", "x").exit_code == 1
    assert cli("claims", "status", "3", "in_review", "--reason", "x").exit_code == 0
    assert cli("claims", "status", "3", status, "--reason", "x").exit_code == 0
    assert show(cli, 3)["verdict"] == status
