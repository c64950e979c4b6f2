"""The sourcing report and time: earlier verdicts, figures placed at their about-date."""

from __future__ import annotations

import json


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def report(cli, *options: str) -> dict:
    return json.loads(ok(cli("report", "sourcing", "-f", "json", *options)).stdout)


def claim(data: dict, claim_id: int) -> dict:
    return next(c for c in data["claims"] if c["id"] == claim_id)


def test_earlier_verdicts_with_rationales(seeded):
    cli = seeded
    ok(cli("evidence", "add", "2", "--stance", "refutes", "--url", "https://example.org/x"))
    ok(
        cli(
            "--as",
            "ana",
            "claims",
            "status",
            "2",
            "false",
            "--reason",
            "r",
            "--rationale",
            "None seen",
        )
    )
    assert claim(report(cli), 2)["earlier_verdicts"] == []
    ok(cli("claims", "status", "2", "in_review", "--reason", "new reports"))
    reopened = claim(report(cli), 2)["earlier_verdicts"]
    assert [(v["verdict"], v["rationale"], v["by"]) for v in reopened] == [
        ("false", "None seen", "ana")
    ]
    ok(
        cli(
            "--as",
            "ben",
            "claims",
            "status",
            "2",
            "misleading",
            "--reason",
            "r",
            "--rationale",
            "Some",
        )
    )
    entry = claim(report(cli), 2)
    assert entry["rationale"] == "Some"
    assert [v["verdict"] for v in entry["earlier_verdicts"]] == ["false"]
    assert len(entry["earlier_verdicts"][0]["date"]) == 10
    markdown = ok(cli("report", "sourcing", "--topic", "troops")).stdout
    assert "**Earlier verdict:** false on " in markdown and "by ana: None seen" in markdown
    html = ok(cli("report", "sourcing", "--topic", "troops", "-f", "html")).stdout
    assert "<dt>Earlier verdicts</dt>" in html and "by ana: None seen" in html


def test_figures_placed_at_their_about_date_with_span(seeded):
    cli = seeded
    ok(cli("sources", "add", "--title", "Bilan", "--language", "fr", "--published", "2025-07-12"))
    ok(
        cli(
            "claims",
            "add",
            "--source",
            "2",
            "--text",
            "a",
            "--figure",
            "5000 soldiers",
            "--date",
            "about:2024-06",
        )
    )
    ok(cli("claims", "add", "--source", "2", "--text", "b", "--figure", "6000 soldiers"))
    [chart] = report(cli)["charts"]
    points = {p["claim"]: p for p in chart["points"]}
    about = points[13]
    assert (about["date"], about["date_end"], about["precision"]) == (
        "2024-06",
        "2024-06-30",
        "month",
    )
    assert about["date_basis"] == "claim about" and about["series"] == "S2"
    assert (points[14]["date"], points[14]["date_basis"]) == ("2025-07-12", "source published")
    assert chart["date_bases"] == ["claim about", "source published"]
    markdown = ok(cli("report", "sourcing")).stdout
    assert "placed at the date their claim is about" in markdown
    assert "where a claim has none, at the source's publication date" in markdown
    assert "| 2024-06 | claim about | S2: Bilan |" in markdown
