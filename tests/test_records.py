"""Track records: speakers show's record, report speaker, sources show's claims."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.helpers import dump


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def speaker(cli, name: str, *options: str) -> dict:
    return json.loads(ok(cli("speakers", "show", name, "-f", "json", *options)).stdout)


def zero(names) -> dict:
    return dict.fromkeys(names, 0)


STATUSES = ["logged", "in_review", "true", "mostly_true", "misleading", "false", "unverifiable"]
VERDICTS = STATUSES[2:]


def test_record_counts_claims_as_claimant_and_relay(seeded):
    cli = seeded
    lavrov = speaker(cli, "Lavrov")
    record = lavrov["record"]
    # Seed: Lavrov asserts claim 3 (logged) and relays claim 2 (in review).
    assert record["claimant"] == {
        "statuses": {**zero(STATUSES), "logged": 1},
        "verdicts": zero(VERDICTS),
    }
    assert record["relay"]["statuses"] == {**zero(STATUSES), "in_review": 1}
    assert record["published"] == {}
    assert record["first"] == record["last"]
    assert [c["id"] for c in lavrov["recent"]] == [3, 2]
    assert [c["role"] for c in lavrov["recent"]] == ["claimant", "relay"]
    # A verdict moves the counts; retracted claims are left out.
    ok(cli("evidence", "add", "2", "--stance", "refutes", "--url", "https://example.org/x"))
    ok(cli("claims", "status", "2", "false", "--reason", "no troops seen"))
    ok(cli("claims", "retract", "3", "--reason", "duplicate"))
    record = speaker(cli, "Sergei Lavrov")["record"]
    assert record["relay"]["verdicts"]["false"] == 1
    assert record["relay"]["statuses"]["false"] == 1
    assert sum(record["claimant"]["statuses"].values()) == 0


def test_record_as_of(seeded):
    cli = seeded
    then = dt.datetime.now(dt.UTC).isoformat()
    ok(cli("evidence", "add", "2", "--stance", "refutes", "--url", "https://example.org/x"))
    ok(cli("claims", "status", "2", "false", "--reason", "no troops seen"))
    past = speaker(cli, "Lavrov", "--as-of", then)["record"]
    assert past["relay"]["statuses"]["in_review"] == 1 and past["relay"]["verdicts"]["false"] == 0
    assert speaker(cli, "Lavrov", "--as-of", "2000-01-01")["record"]["first"] is None


def test_record_table_form(seeded):
    out = ok(seeded("speakers", "show", "Lavrov")).stdout
    assert "claimant: logged 1" in out and "relay: in_review 1" in out


def test_speaker_report_formats(seeded):
    cli = seeded
    ok(cli("claims", "recheck", "2", "--on", "2025-09-01"))
    report = json.loads(ok(cli("report", "speaker", "Lavrov", "-f", "json")).stdout)
    assert report["report"] == "speaker" and report["speaker"]["name"] == "Sergueï Lavrov"
    assert report["record"] == speaker(cli, "Lavrov")["record"]
    assert [c["id"] for c in report["claims"]] == [2, 3]
    assert report["due"] == [
        {"claim": 2, "recheck_on": "2025-09-01", "text": report["due"][0]["text"]}
    ]
    units = [g["unit"] for g in report["figures"]]
    assert units == ["soldiers"] and len(report["figures"][0]["points"]) == 2
    assert sum(p["claimant"] + p["relay"] for p in report["over_time"]) == 2
    markdown = ok(cli("report", "speaker", "Lavrov")).stdout
    assert markdown.startswith("# Speaker report: Sergueï Lavrov")
    assert "## Due for a re-check" in markdown and "- 2025-09-01: claim 2," in markdown
    html = ok(cli("report", "speaker", "Lavrov", "-f", "html")).stdout
    assert "<h1>Speaker report: Sergueï Lavrov</h1>" in html and 'id="due"' in html


def test_speaker_report_escapes_user_text(seeded):
    ok(seeded("claims", "add", "--source", "1", "--speaker", "Lavrov", "--text", "<b>x</b> *y*"))
    html = ok(seeded("report", "speaker", "Lavrov", "-f", "html")).stdout
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    markdown = ok(seeded("report", "speaker", "Lavrov")).stdout
    assert r"\<b\>x\</b\> \*y\*" in markdown


def test_sources_show_lists_its_claims(seeded):
    shown = json.loads(ok(seeded("sources", "show", "1", "-f", "json")).stdout)
    assert [c["id"] for c in shown["claims"]] == list(range(1, 13))
    assert shown["claims"][1]["claimant"] == "Corée du Nord"
    assert "#2 in_review" in ok(seeded("sources", "show", "1")).stdout


@pytest.mark.parametrize(
    "args",
    [
        ["speakers", "show", "Nobody At All"],
        ["report", "speaker", "Nobody At All"],
        ["report", "speaker", "Lavrov", "--as-of", "tomorrow"],
    ],
)
def test_bad_input(seeded, db_url, args):
    before = dump(db_url)
    result = seeded(*args)
    assert result.exit_code != 0 and result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert dump(db_url) == before
