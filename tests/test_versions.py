"""Every change to a claim bumps its version by exactly one and adds one history entry
with that version: --if-version and the history depend on it."""

from __future__ import annotations

import json

CHANGES = [
    ("claims", "edit", "2", "--text", "Pyongyang pourrait envoyer 30 000 soldats"),
    ("claims", "edit", "2", "--modality", "asserted", "--add-topic", "nouveau"),
    ("claims", "edit", "2", "--remove-figure", "1", "--add-figure", "5 soldiers"),
    ("claims", "edit", "2", "--text", "x", "--translation", "y", "--add-date", "about:2025"),
    ("claims", "edit", "2", "--remove-topic", "nouveau", "--remove-date", "1"),
    ("evidence", "add", "2", "--stance", "supports", "--url", "https://example.org/e"),
    ("claims", "cite", "2", "--source", "2"),
    ("claims", "status", "2", "logged", "--reason", "reopened"),
    ("claims", "retract", "2", "--reason", "duplicate"),
    ("claims", "status", "2", "logged", "--reason", "reinstated"),
]


def versions(cli, claim_id: int) -> tuple[int, list[int]]:
    shown = cli("claims", "show", str(claim_id), "--format", "json")
    entries = cli("claims", "history", str(claim_id), "--format", "json")
    return json.loads(shown.stdout)["version"], [e["version"] for e in json.loads(entries.stdout)]


def test_each_change_bumps_the_version_once_with_one_history_entry(seeded):
    assert seeded("sources", "add", "--title", "Autre", "--language", "fr").exit_code == 0
    version, entries = versions(seeded, 2)
    assert entries == list(range(1, version + 1))
    for change in CHANGES:
        result = seeded(*change, "--if-version", str(version))
        assert result.exit_code == 0, (change, result.output)
        before = version
        version, entries = versions(seeded, 2)
        assert version == before + 1, change
        assert entries == list(range(1, version + 1)), change
