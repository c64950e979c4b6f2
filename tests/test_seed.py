"""The seed article, loaded from its fixtures file, queried and reported."""

from __future__ import annotations

import json

from tests.helpers import SEED


def claims_json(cli, *args: str) -> list[dict]:
    result = cli("claims", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_key(claims: list[dict]) -> dict[str, dict]:
    return {c["key"]: c for c in claims}


def test_load_creates_every_item(cli):
    result = cli("load", str(SEED))
    assert result.exit_code == 0, result.output
    assert "created 1 sources, 5 speakers, 12 claims" in result.stdout


def test_loading_twice_creates_nothing_new(seeded, db_url):
    from tests.helpers import dump

    before = dump(db_url)
    result = seeded("load", str(SEED))
    assert result.exit_code == 0, result.output
    assert "created 0 sources, 0 speakers, 0 claims; 18 already present" in result.stdout
    assert dump(db_url) == before


FIGURE_FIELDS = ("kind", "value", "low", "high", "unit", "per", "text")


def test_flight_frequency_is_an_announced_rate(seeded):
    claim = by_key(claims_json(seeded))["seed-flights"]
    assert claim["claimant"] == "Russie"
    assert claim["modality"] == "announced"
    assert [{k: f[k] for k in FIGURE_FIELDS} for f in claim["figures"]] == [
        {
            "kind": "exact",
            "value": 2,
            "low": None,
            "high": None,
            "unit": "flights",
            "per": "week",
            "text": "deux fois par semaine",
        }
    ]


def test_troops_are_a_possibility_relayed_by_lavrov(seeded):
    claim = by_key(claims_json(seeded))["seed-troops"]
    assert claim["claimant"] == "Corée du Nord"
    assert claim["relay"] == "Sergueï Lavrov"
    assert claim["attribution"] == "reported"
    assert claim["modality"] == "possible"
    assert claim["status"] == "in_review"
    troops, thousands = claim["figures"]
    assert (troops["kind"], troops["low"], troops["high"], troops["unit"]) == (
        "range",
        25000,
        30000,
        "soldiers",
    )
    assert (thousands["kind"], thousands["low"], thousands["high"]) == ("vague", 1000, None)
    assert thousands["text"] == "des milliers déjà envoyés"


def test_pact_date_resolves_last_year_against_the_recorded_anchor(seeded):
    claim = by_key(claims_json(seeded))["seed-pact"]
    assert claim["dates"] == [
        {
            "role": "about",
            "text": "l'année dernière",
            "value": "2024",
            "precision": "year",
            "anchor": "2025-07-13",
            "anchor_note": claim["dates"][0]["anchor_note"],
            "relative": True,
        }
    ]
    assert "11-13 July 2025" in claim["dates"][0]["anchor_note"]
    assert claim["status"] == "true" and claim["verdict"] == "true"
    assert claim["evidence"][0]["stance"] == "supports"
    assert claim["attribution"] == "unattributed" and claim["claimant"] is None


def test_munitions_supply_is_the_outlets_own_assertion(seeded):
    claim = by_key(claims_json(seeded))["seed-munitions"]
    assert (claim["attribution"], claim["claimant"], claim["relay"]) == (
        "unattributed",
        None,
        None,
    )
    assert "obus et missiles" in claim["text"]


def test_kim_quotes_are_direct(seeded):
    claims = claims_json(seeded, "--speaker", "kim jong-un")
    assert {c["key"] for c in claims} == {"seed-support", "seed-concrete-support", "seed-victory"}
    assert by_key(claims)["seed-victory"]["attribution"] == "direct"


def test_speaker_filter_finds_claims_made_or_relayed(seeded):
    keys = {c["key"] for c in claims_json(seeded, "--speaker", "Lavrov")}
    assert keys == {"seed-troops", "seed-decision"}
    for alias in ("Sergey Lavrov", "SERGUEI LAVROV", "sergueï lavrov", "Сергей Лавров"):
        assert {c["key"] for c in claims_json(seeded, "--speaker", alias)} == keys


def test_figure_filters_are_numeric(seeded):
    keys = {c["key"] for c in claims_json(seeded, "--unit", "soldiers", "--min", "10000")}
    assert keys == {"seed-troops"}
    assert claims_json(seeded, "--unit", "soldiers", "--min", "31000") == []
    assert {c["key"] for c in claims_json(seeded, "--unit", "flight", "--max", "2")} == {
        "seed-flights"
    }


def test_date_and_topic_and_status_filters(seeded):
    assert {
        c["key"] for c in claims_json(seeded, "--since", "2024-06-01", "--until", "2024-06-30")
    } == {"seed-pact"}
    assert claims_json(seeded, "--since", "2025-01-01") == []
    assert {c["key"] for c in claims_json(seeded, "--topic", "Munitions")} == {"seed-munitions"}
    assert {c["key"] for c in claims_json(seeded, "--status", "verdict")} == {"seed-pact"}
    assert len(claims_json(seeded, "--status", "logged")) == 10
    assert {c["key"] for c in claims_json(seeded, "--text", "WONSAN")} == {"seed-wonsan"}


def test_claim_json_contract(seeded):
    claim = claims_json(seeded)[0]
    for field in (
        "id",
        "version",
        "text",
        "language",
        "claimant",
        "relay",
        "attribution",
        "modality",
        "status",
        "topics",
        "source",
        "figures",
        "dates",
        "history_count",
    ):
        assert field in claim
    assert set(claim["source"]) >= {"id", "title", "outlet", "url", "published"}
    assert claim["language"] == "fr"
    assert isinstance(claim["id"], int) and isinstance(claim["version"], int)
    shown = seeded("claims", "show", str(claim["id"]), "--format", "json")
    assert json.loads(shown.stdout) == claim


def test_sourcing_report_shows_chains_and_checks(seeded):
    result = seeded("report", "sourcing", "--source", "1")
    assert result.exit_code == 0, result.output
    report = result.stdout
    assert report.startswith("# Sourcing report")
    assert "Corée du Nord (claimant) → Sergueï Lavrov (relay)" in report
    assert "**a possibility, not a fact**" in report
    assert "25 000..30 000 soldiers (range) — from “entre 25 000 et 30 000 soldats”" in report
    assert "“l'année dernière” → 2024 (year precision; anchor 2025-07-13)" in report
    assert "verdict: **true**" in report
    assert "the outlet's own assertion" in report
    assert "Claims with no evidence yet: 11 of 12." in report


def test_report_by_speaker(seeded):
    report = seeded("report", "sourcing", "--speaker", "Poutine").stdout
    assert "_0 claims" in report
    report = seeded("report", "sourcing", "--speaker", "Kim Jong Un").stdout
    assert report.count("### Claim") == 3


def test_table_and_csv_output(seeded):
    table = seeded("claims", "list", "--speaker", "Lavrov", "--wide")
    assert table.exit_code == 0
    assert "Sergueï Lavrov" in table.stdout and "25\u202f000..30\u202f000 soldiers" in table.stdout
    csv_out = seeded("claims", "list", "--format", "csv").stdout.splitlines()
    header = '"id","status","claimant","relay","modality","text","figures_text","topics"'
    assert csv_out[0] == header
    assert len(csv_out) == 13
