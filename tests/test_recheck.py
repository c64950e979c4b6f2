"""The re-check queue: default dates, `claims recheck`, `factdb due`, the report section."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.dates import parse_date
from factdb.figures import parse_figure
from factdb.recheck import default_recheck
from tests.helpers import dump

JULY_12 = dt.date(2025, 7, 12)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add_source(cli, published: str = "2025-07-12") -> int:
    out = ok(
        cli("sources", "add", "--title", "Annonces", "--language", "fr", "--published", published)
    ).stdout
    return int(out.split()[-1])


def add_claim(cli, source: int, text: str, *options: str) -> int:
    out = ok(cli("claims", "add", "--source", str(source), "--text", text, *options)).stdout
    return int(out.split()[-1])


def show(cli, claim_id: int, *options: str) -> dict:
    return json.loads(ok(cli("claims", "show", str(claim_id), "-f", "json", *options)).stdout)


def due(cli, *options: str) -> list[dict]:
    return json.loads(ok(cli("due", "-f", "json", *options)).stdout)


@pytest.mark.parametrize(
    ("modality", "dates", "figures", "expected"),
    [
        # "le mois prochain" in an article of 12 July 2025: the end of August.
        ("announced", ["about:le mois prochain"], [], dt.date(2025, 8, 31)),
        ("possible", ["about:2026"], [], dt.date(2026, 12, 31)),
        # A rate announced from a date: that very date.
        (
            "announced",
            ["about:2025-09-01 | à partir du 1er septembre"],
            ["5 euros/month"],
            dt.date(2025, 9, 1),
        ),
        # "from" without a rate: the end of the day's period, the day itself.
        ("announced", ["about:2025-09 | from September"], ["5 euros"], dt.date(2025, 9, 30)),
        # The earliest of several forward dates.
        ("announced", ["about:2026", "about:2025-10"], [], dt.date(2025, 10, 31)),
        # Not forward-looking: none.
        ("asserted", ["about:le mois prochain"], [], None),
        ("announced", ["about:2025-07"], [], None),
        ("announced", ["about:2024"], [], None),
        ("announced", ["made:2025-09-01"], [], None),
        ("announced", [], [], None),
    ],
)
def test_default_recheck(modality, dates, figures, expected):
    specs = [parse_date(d, default_anchor=JULY_12) for d in dates]
    assert default_recheck(modality, specs, map(parse_figure, figures), JULY_12) == expected


def test_no_default_without_publication_date():
    specs = [parse_date("about:2030")]
    assert default_recheck("announced", specs, [], None) is None


DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@given(DATES, DATES, st.sampled_from(["day", "month", "year"]))
def test_default_recheck_is_after_publication(published, about, precision):
    spec = parse_date(f"about:{about.isoformat()[: {'day': 10, 'month': 7, 'year': 4}[precision]]}")
    due_on = default_recheck("announced", [spec], [], published)
    assert due_on is None or due_on > published


def test_default_on_add_then_due_list(cli):
    source = add_source(cli)
    flight = add_claim(
        cli,
        source,
        "Le vol ouvrira le mois prochain",
        "--modality",
        "announced",
        "--date",
        "about:le mois prochain",
    )
    rate = add_claim(
        cli,
        source,
        "Le tarif passe à 5 euros par mois",
        "--modality",
        "announced",
        "--figure",
        "5 euros/month",
        "--date",
        "about:2025-09-01 | à partir du 1er septembre",
    )
    past = add_claim(cli, source, "Il a plu", "--date", "about:2025-07-01")
    assert show(cli, flight)["recheck_on"] == "2025-08-31"
    assert show(cli, rate)["recheck_on"] == "2025-09-01"
    assert show(cli, past)["recheck_on"] is None
    assert [c["id"] for c in due(cli, "--before", "2025-08-31")] == [flight]
    assert [c["id"] for c in due(cli, "--before", "2025-12-31")] == [flight, rate]
    assert due(cli, "--before", "2025-08-30") == []
    listed = json.loads(ok(cli("claims", "list", "-f", "json")).stdout)
    assert all("recheck_on" in c for c in listed)


def test_recheck_set_clear_in_history_and_due_order(seeded):
    cli = seeded
    ok(cli("claims", "recheck", "3", "--on", "2025-10-01", "--reason", "after the summit"))
    ok(cli("claims", "recheck", "2", "--on", "2025-09-01"))
    assert show(cli, 3)["recheck_on"] == "2025-10-01"
    assert [c["id"] for c in due(cli, "--before", "2025-12-31")] == [2, 3]
    history = json.loads(ok(cli("claims", "history", "3", "-f", "json")).stdout)
    assert history[-1]["action"] == "recheck"
    assert history[-1]["old"] == {"recheck_on": None}
    assert history[-1]["new"] == {"recheck_on": "2025-10-01"}
    assert history[-1]["reason"] == "after the summit"
    assert history[-1]["version"] == show(cli, 3)["version"]
    cleared = ok(cli("claims", "recheck", "3", "--clear"))
    assert "off the re-check queue" in cleared.stdout
    assert [c["id"] for c in due(cli, "--before", "2025-12-31")] == [2]
    # Filters: the troops claim (2) is Lavrov's relay and has the topic troops.
    assert [c["id"] for c in due(cli, "--before", "2025-12-31", "--speaker", "Lavrov")] == [2]
    assert due(cli, "--before", "2025-12-31", "--topic", "transport") == []
    csv = ok(cli("due", "--before", "2025-12-31", "-f", "csv")).stdout.splitlines()
    assert csv[0].startswith('"recheck_on","id"') and csv[1].startswith('"2025-09-01","2"')


def test_verdict_on_or_after_the_date_takes_a_claim_off(seeded):
    cli = seeded
    # Claim 2 is in review; a verdict today is given after a date in the past.
    ok(cli("claims", "recheck", "2", "--on", "2025-09-01"))
    ok(cli("evidence", "add", "2", "--stance", "refutes", "--url", "https://example.org/x"))
    ok(cli("claims", "status", "2", "false", "--reason", "no troops seen"))
    assert due(cli, "--before", "2099-12-31") == []
    # Reopened, it is due again.
    ok(cli("claims", "status", "2", "in_review", "--reason", "new reports"))
    assert [c["id"] for c in due(cli, "--before", "2099-12-31")] == [2]
    # A verdict given before the date does not count: the date is later than today.
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ok(cli("claims", "recheck", "2", "--on", later))
    ok(cli("claims", "status", "2", "false", "--reason", "still none"))
    assert [c["id"] for c in due(cli, "--before", "2099-12-31")] == [2]
    # Retracted claims are never due.
    ok(cli("claims", "retract", "2", "--reason", "duplicate"))
    assert due(cli, "--before", "2099-12-31") == []


def test_report_has_a_to_recheck_section(seeded):
    cli = seeded
    ok(cli("claims", "recheck", "1", "--on", "2025-08-31"))
    report = json.loads(ok(cli("report", "sourcing", "-f", "json")).stdout)
    assert report["to_recheck"] == [
        {"claim": 1, "recheck_on": "2025-08-31", "due": True, "text": show(cli, 1)["text"]}
    ]
    markdown = ok(cli("report", "sourcing")).stdout
    assert "### To re-check" in markdown and "- 2025-08-31 (due): claim 1," in markdown
    html = ok(cli("report", "sourcing", "-f", "html")).stdout
    assert 'id="to-recheck"' in html and '<a href="#claim-1">claim 1</a>' in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "recheck", "1"], "give either --on YYYY-MM-DD or --clear"),
        (["claims", "recheck", "1", "--on", "2025-01-01", "--clear"], "give either"),
        (["claims", "recheck", "1", "--on", "2025-02-30"], "not a calendar date"),
        (["claims", "recheck", "1", "--on", "soon"], "is not a date: use YYYY-MM-DD"),
        (["claims", "recheck", "999", "--on", "2025-01-01"], "no claim with id 999"),
        (["claims", "recheck", "1", "--clear"], "already not due for a re-check"),
        (["due", "--before", "tomorrow"], "is not a date: use YYYY-MM-DD"),
        (["due", "--speaker", "Nobody At All"], "Nobody At All"),
    ],
)
def test_bad_input_changes_nothing(seeded, db_url, args, message):
    before = dump(db_url)
    result = seeded(*args)
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(db_url) == before


def test_recheck_of_a_retracted_claim_is_refused(seeded, db_url):
    ok(seeded("claims", "retract", "1", "--reason", "duplicate"))
    before = dump(db_url)
    result = seeded("claims", "recheck", "1", "--on", "2025-01-01")
    assert result.exit_code != 0 and "is retracted" in result.stderr
    assert dump(db_url) == before
