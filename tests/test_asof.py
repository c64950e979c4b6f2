"""--as-of: the ledger as it was recorded at a moment, rebuilt from the history."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from factdb import session_scope
from factdb.asof import claim_at, list_at, parse_when
from factdb.claim_objects import get_claim
from factdb.claims import (
    AttributionInput,
    add_appearance,
    add_claim,
    edit_claim,
    set_status,
)
from factdb.due import set_recheck
from factdb.errors import FactDBError, InvalidInput
from factdb.evidence import add_evidence
from factdb.listing import list_claims
from factdb.query import ClaimQuery
from factdb.sources import add_source
from tests.helpers import ROOT, dump

NOW = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)
EVERYTHING = ClaimQuery(include_retracted=True, limit=None)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-08-01", dt.datetime(2025, 8, 1, 23, 59, 59, 999999, tzinfo=dt.UTC)),
        ("2025-08-01T09:30:00+02:00", dt.datetime(2025, 8, 1, 7, 30, tzinfo=dt.UTC)),
        ("2025-08-01T07:30:00Z", dt.datetime(2025, 8, 1, 7, 30, tzinfo=dt.UTC)),
        (" 2026-01-10 ", dt.datetime(2026, 1, 10, 23, 59, 59, 999999, tzinfo=dt.UTC)),
    ],
)
def test_parse_when(text, expected):
    assert parse_when(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", "is not a date or a timestamp"),
        ("2025-02-30", "is not a calendar date"),
        ("2025-08-01T09:30:00", "has no time zone"),
        ("2026-01-11", "is in the future"),
        ("2026-01-10T12:00:01Z", "is in the future"),
        ("", "is not a date or a timestamp"),
    ],
)
def test_parse_when_refuses(text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_when(text, now=NOW)


@given(st.text(max_size=40) | st.datetimes(timezones=st.timezones()).map(str))
def test_parse_when_any_text_gives_a_moment_or_a_clean_error(text):
    try:
        moment = parse_when(text, now=NOW)
    except InvalidInput as error:
        assert "\n" not in str(error)
    else:
        assert moment.tzinfo is not None and moment <= NOW


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("command", [["claims", "list"], ["claims", "show", "1"]])
@pytest.mark.parametrize("when", ["soon", "2999-01-01", "2025-08-01T10:00"])
def test_bad_when_is_one_line_and_opens_nothing(cli, connections, command, when):
    result = cli(*command, "--as-of", when)
    assert result.exit_code != 0
    assert result.stderr.startswith("error: --as-of") and len(result.stderr.splitlines()) == 1
    assert connections == []


def test_before_the_ledger_existed_it_is_empty(seeded, db_url):
    before = dump(db_url)
    assert (
        json.loads(ok(seeded("claims", "list", "--as-of", "2000-01-01", "-f", "json")).stdout) == []
    )
    shown = seeded("claims", "show", "1", "--as-of", "2000-01-01")
    assert shown.exit_code != 0 and "was not recorded yet" in shown.stderr
    assert dump(db_url) == before


def test_show_list_and_diff_as_of(seeded):
    cli = seeded
    then = now().isoformat()
    before = json.loads(ok(cli("claims", "show", "2", "-f", "json")).stdout)
    ok(cli("claims", "edit", "2", "--text", "Autre texte", "--add-figure", "3 soldiers"))
    ok(cli("evidence", "add", "2", "--stance", "refutes", "--url", "https://example.org/x"))
    ok(cli("claims", "status", "2", "false", "--reason", "none seen"))
    ok(cli("claims", "retract", "1", "--reason", "duplicate"))
    shown = json.loads(ok(cli("claims", "show", "2", "--as-of", then, "-f", "json")).stdout)
    assert shown == before
    listed = json.loads(ok(cli("claims", "list", "--as-of", then, "-f", "json")).stdout)
    assert [c["id"] for c in listed] == list(range(1, 13))  # claim 1 not yet retracted
    assert listed[1] == before
    false_now = json.loads(ok(cli("claims", "list", "--status", "false", "-f", "json")).stdout)
    assert [c["id"] for c in false_now] == [2]
    false_then = cli("claims", "list", "--status", "false", "--as-of", then, "-f", "json")
    assert json.loads(ok(false_then).stdout) == []
    changes = json.loads(ok(cli("claims", "diff", "2", "--from", then, "-f", "json")).stdout)
    fields = {c["field"]: (c["from"], c["to"]) for c in changes}
    assert fields["status"] == ("in_review", "false")
    assert fields["text"] == (before["text"], "Autre texte")
    assert fields["verdict"] == (None, "false")
    assert len(fields["figures"][1]) == len(before["figures"]) + 1
    assert "version" not in fields
    table = ok(cli("claims", "diff", "2", "--from", then)).stdout
    assert "in_review" in table and "Autre texte" in table


def test_list_as_of_pages(seeded):
    then = now().isoformat()
    ok(seeded("claims", "add", "--source", "1", "--text", "Plus tard"))
    page = seeded("claims", "list", "--as-of", then, "--limit", "5", "--offset", "5", "-f", "json")
    assert [c["id"] for c in json.loads(ok(page).stdout)] == [6, 7, 8, 9, 10]
    assert "more follow" in page.stderr
    last = seeded("claims", "list", "--as-of", then, "--offset", "10", "-f", "json")
    assert [c["id"] for c in json.loads(ok(last).stdout)] == [11, 12]


@pytest.mark.parametrize(
    "filters",
    [
        ("--unit", "km", "--min", "10"),  # "15 miles", converted
        ("--unit", "soldiers", "--max", "26000"),
        ("--unit", "soldiers", "--min", "30000"),  # the strict "> 30000" only
        ("--min", "20 km"),
    ],
)
def test_figure_filters_as_of_agree_with_the_plain_list(seeded, filters):
    """Without changes since, --as-of now gives what the indexed query gives."""
    ok(seeded("claims", "add", "--source", "1", "--text", "Far", "--figure", "15 miles"))
    ok(seeded("claims", "add", "--source", "1", "--text", "Many", "--figure", ">30000 soldiers"))
    then = now().isoformat()
    plain = json.loads(ok(seeded("claims", "list", *filters, "-f", "json")).stdout)
    at = json.loads(ok(seeded("claims", "list", *filters, "--as-of", then, "-f", "json")).stdout)
    assert plain and [c["id"] for c in at] == [c["id"] for c in plain]


def test_review_and_repeat_filters_as_of(seeded, tmp_path):
    """--rated, --reviewer and --repeated are checked as of then, not ignored."""
    ok(seeded("import", "claimreview", str(ROOT / "tests" / "data" / "claimreview" / "afp.jsonld")))
    ok(seeded("claims", "link", "2", "3"))
    after = now().isoformat()
    ok(seeded("claims", "unlink", "2", "3"))

    def ids(*args: str) -> list[int]:
        listed = seeded("claims", "list", *args, "--as-of", after, "-f", "json")
        return [c["id"] for c in json.loads(ok(listed).stdout)]

    assert ids("--rated", "false") == ids("--rated", "any") == [13]
    assert ids("--reviewer", "afp fact check", "--rated", "false") == [13]
    assert ids("--reviewer", "Someone Else") == []
    assert ids("--repeated") == [2, 3]
    plain = seeded("claims", "list", "--repeated", "-f", "json").stdout
    assert json.loads(plain) == []
    shown = json.loads(ok(seeded("claims", "show", "2", "--as-of", after, "-f", "json")).stdout)
    assert shown["repeats"] == [3]
    refused = seeded("claims", "list", "--rated", "wrong", "--as-of", after)
    assert refused.exit_code == 1 and "wrong" in refused.stderr


class AsOfMachine(RuleBasedStateMachine):
    """Random changes through the library; after each, the ledger's JSON and the
    moment. At the end, --as-of each moment must give that JSON back."""

    url: str = ""

    @initialize()
    def start(self):
        self.user = "machine"
        self.snapshots: list[tuple[dt.datetime, list[dict]]] = []
        with session_scope(self.url) as session:
            self.sources = [
                add_source(session, title=f"Source {i}", language_code="fr", user=self.user).id
                for i in range(2)
            ]
        self.snapshot()

    def snapshot(self):
        with session_scope(self.url, write=False) as session:
            rows = list_claims(session, EVERYTHING).rows
        self.snapshots.append((now(), rows))

    def change(self, action):
        try:
            with session_scope(self.url) as session:
                action(session)
        except FactDBError:
            pass
        self.snapshot()

    def claim_id(self, session, index: int) -> int:
        ids = [r["id"] for r in list_claims(session, EVERYTHING).rows]
        if not ids:
            raise InvalidInput("no claim yet")
        return ids[index % len(ids)]

    @rule(
        text=st.sampled_from(["Le vol ouvrira", "Des soldats", "Un accord"]),
        figure=st.sampled_from([[], ["2 flights/week"], ["25000..30000 soldiers"]]),
        date=st.sampled_from([[], ["about:2025-09"], ["made:l'année dernière@2025-07-13"]]),
        modality=st.sampled_from(["asserted", "announced"]),
    )
    def add(self, text, figure, date, modality):
        self.change(
            lambda s: add_claim(
                s,
                text=text,
                appearance=AttributionInput(source_id=self.sources[0], speaker="Lavrov"),
                figures=figure,
                dates=date,
                modality=modality,
                anchor_note="from the article",
                user=self.user,
            )
        )

    @rule(
        index=st.integers(0, 9),
        text=st.sampled_from([None, "Texte revu"]),
        figure=st.sampled_from([[], ["~3000 soldiers"]]),
        remove_figure=st.booleans(),
        date=st.sampled_from([[], ["about:2024"], ["about:il y a 3 jours"]]),
        remove_date=st.booleans(),
        topic=st.sampled_from([[], ["troops"]]),
        quote=st.sampled_from([None, "selon Lavrov"]),
    )
    def edit(self, index, text, figure, remove_figure, date, remove_date, topic, quote):
        def action(session):
            claim = get_claim(session, self.claim_id(session, index))
            edit_claim(
                session,
                claim.id,
                text=text,
                add_figures=figure,
                remove_figures=[1] if remove_figure and claim.figures else [],
                add_dates=date,
                remove_dates=[1] if remove_date and claim.dates else [],
                add_topics=topic,
                quote=quote,
                user=self.user,
            )

        self.change(action)

    @rule(index=st.integers(0, 9), status=st.sampled_from(["in_review", "logged", "false"]))
    def status(self, index, status):
        def action(session):
            claim_id = self.claim_id(session, index)
            if status == "false":
                add_evidence(
                    session, claim_id, stance="refutes", url="https://example.org/e", user="m"
                )
            set_status(session, claim_id, status, reason="checked", user=self.user)

        self.change(action)

    @rule(index=st.integers(0, 9))
    def retract(self, index):
        self.change(
            lambda s: set_status(
                s, self.claim_id(s, index), "retracted", reason="duplicate", user=self.user
            )
        )

    @rule(index=st.integers(0, 9))
    def cite(self, index):
        self.change(
            lambda s: add_appearance(
                s,
                self.claim_id(s, index),
                AttributionInput(source_id=self.sources[1], speaker="Poutine"),
                user=self.user,
            )
        )

    @rule(index=st.integers(0, 9), on=st.sampled_from([None, "2025-10-01", "2026-03-31"]))
    def recheck(self, index, on):
        self.change(
            lambda s: set_recheck(
                s, self.claim_id(s, index), on=on, clear=on is None, user=self.user
            )
        )

    def teardown(self):
        if not getattr(self, "snapshots", None):
            return
        with session_scope(self.url, write=False) as session:
            for moment, rows in self.snapshots:
                found, more = list_at(session, EVERYTHING, moment)
                assert not more
                assert found == rows, moment
            moment, rows = self.snapshots[len(self.snapshots) // 2]
            for row in rows:
                assert claim_at(session, row["id"], moment) == row


def test_as_of_gives_back_every_snapshot(seeded, db_url):
    AsOfMachine.url = db_url
    run_state_machine_as_test(
        AsOfMachine,
        settings=settings(
            max_examples=3,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
