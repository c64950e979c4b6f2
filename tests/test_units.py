"""Figures in the ledger: open units and `factdb units`, conversions in queries, strict
bounds stored and queried exactly, bad input refused cleanly, and the contradiction
check on the seed article with quantities and increments."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factdb
from tests.helpers import dump


def add(cli, *figures: str, text: str = "A claim", source: str = "1", extra=()):
    """`claims add` without the repeat check: these claims repeat one another on purpose."""
    args = ["claims", "add", "--source", source, "--text", text, "--no-check"]
    for figure in figures:
        args += ["--figure", figure]
    return cli(*args, *extra)


def listed(cli, *args: str) -> list[int]:
    result = cli("claims", "list", "--format", "json", "--limit", "500", *args)
    assert result.exit_code == 0, result.output
    return [c["id"] for c in json.loads(result.stdout)]


# Refusals and parsing do not depend on the backend: SQLite alone keeps the suite fast.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])


def refused(cli, db_url, args, fragment: str) -> None:
    before = dump(db_url)
    result = cli(*args)
    assert result.exit_code != 0, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert dump(db_url) == before


@SQLITE_ONLY
def test_the_other_grammatical_number_is_the_same_unit(cli):
    assert cli("sources", "add", "--title", "T", "--language", "en").exit_code == 0
    assert cli("units", "add", "hospital bed").exit_code == 0
    result = add(cli, "2000 hospital beds")
    assert result.exit_code == 0 and result.stderr == ""
    rows = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert rows[0]["figures"][0]["unit"] == "hospital bed"


@SQLITE_ONLY
def test_new_unit_is_accepted_with_a_notice(seeded):
    for figure, unit in [
        ("6 reactors", "reactors"),
        ("2000 beds", "beds"),
        ("25 systems", "systems"),
        ("1200 families", "families"),
        ("40 shelters", "shelters"),
    ]:
        result = add(seeded, figure)
        assert result.exit_code == 0, result.output
        assert result.stderr == f"new unit {unit!r}\n"
    # Known now, singular included: no notice.
    again = add(seeded, "1 reactor")
    assert again.exit_code == 0 and again.stderr == ""
    claim = json.loads(seeded("claims", "show", "18", "--format", "json").stdout)
    assert claim["figures"][0]["unit"] == "reactors"


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("figure", "typo"),
    [
        ("2 soldeirs", "soldiers"),  # swapped letters
        ("2 sodleirs", "soldiers"),  # two edits on a long word
        ("2 tnaks", "tanks"),
        ("2 tannks", "tanks"),
        ("2 missles", "missiles"),
        ("300 mines", None),  # another letter: another word, not "miles"
        ("40 towns", None),  # not "tons"
        ("12 dams", None),  # not "days"
        ("3 bases", None),  # not "cases"
    ],
)
def test_typo_check(cli, db_url, figure, typo):
    assert cli("sources", "add", "--title", "T", "--language", "en").exit_code == 0
    result = add(cli, figure)
    if typo is None:
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith("new unit")
    else:
        assert result.exit_code == 1
        assert f"did you mean {typo}?" in result.stderr


@SQLITE_ONLY
def test_likely_typo_is_refused_unless_new_unit(seeded, db_url):
    args = ["claims", "add", "--source", "1", "--text", "x", "--figure", "2 soldeirs"]
    refused(seeded, db_url, args, "did you mean soldiers? If it is a new unit, give --new-unit")
    result = add(seeded, "2 soldeirs", extra=["--new-unit"])
    assert result.exit_code == 0, result.output
    assert "new unit 'soldeirs'" in result.stderr


def test_units_list_add_alias_merge(seeded, db_url):
    assert seeded("units", "add", "reactors", "--description", "nuclear reactors",
                  "--alias", "réacteurs").exit_code == 0  # fmt: skip
    result = add(seeded, "12 000 réacteurs", source="1")
    assert result.exit_code == 0 and result.stderr == ""
    [claim] = [c for c in json.loads(seeded("claims", "list", "--format", "json").stdout)
               if c["id"] == 13]  # fmt: skip
    assert claim["figures"][0]["unit"] == "reactors" and claim["figures"][0]["value"] == 12000
    assert add(seeded, "3 atomic plants", extra=["--new-unit"]).exit_code == 0
    units = json.loads(seeded("units", "list", "--format", "json").stdout)
    by_name = {u["name"]: u for u in units}
    assert by_name["reactors"]["aliases"] == ["reactor", "réacteurs"]
    assert by_name["reactors"]["figures"] == 1
    assert by_name["km"] == {**by_name["km"], "dimension": "length", "base_unit": "m",
                             "factor": 1000.0}  # fmt: skip
    alias = seeded("units", "alias", "reactors", "nuclear reactors")
    assert alias.exit_code == 0, alias.output
    merged = seeded("units", "merge", "atomic plants", "reactors", "--reason", "same thing")
    assert merged.exit_code == 0, merged.output
    assert "1 claims changed" in merged.stdout
    assert listed(seeded, "--unit", "reactors") == [13, 14]
    assert listed(seeded, "--unit", "atomic plant") == [13, 14]  # old names are aliases
    history = json.loads(seeded("claims", "history", "14", "--format", "json").stdout)
    assert history[-1]["action"] == "unit_merged"
    assert history[-1]["old"] == {"figures": ["3 atomic plants"]}
    assert history[-1]["new"] == {"figures": ["3 reactors"]}
    assert history[-1]["reason"] == "same thing"
    units = {u["name"] for u in json.loads(seeded("units", "list", "--format", "json").stdout)}
    assert "atomic plants" not in units


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["units", "add", "soldats"], "exists already (an alias of 'soldiers')"),
        (["units", "add", "!!!"], "has no letter"),
        (["units", "alias", "nothing", "x"], "no unit 'nothing'"),
        (["units", "alias", "soldiers", "tanks"], "already names unit 'tanks'"),
        (["units", "merge", "km", "soldiers"], "only a counted unit can be merged"),
        (["units", "merge", "troops", "soldiers"], "are the same unit already"),
    ],
)
def test_units_commands_refuse_cleanly(seeded, db_url, args, fragment):
    refused(seeded, db_url, args, fragment)


def test_queries_convert_within_the_dimension(cli, backend):
    assert cli("sources", "add", "--title", "T", "--language", "en").exit_code == 0
    for figure in ("15 miles", "8 000 kg", "3 km", "5 tonnes", "12 soldiers"):
        assert add(cli, figure).exit_code == 0
    assert listed(cli, "--unit", "km", "--min", "10") == [1]
    assert listed(cli, "--unit", "kilometres", "--max", "10") == [3]
    assert listed(cli, "--unit", "t", "--min", "6") == [2]
    assert listed(cli, "--unit", "kg", "--max", "6000") == [4]
    assert listed(cli, "--unit", "km", "--min", "20 miles") == []
    assert listed(cli, "--min", "20 km") == [1]  # the bound's own unit
    assert listed(cli, "--unit", "m") == [1, 3]
    # Per-capita rates compare per head, whatever the denominator written.
    assert add(cli, "12 deaths/100000 people/year").exit_code == 0
    assert add(cli, "0.1 deaths/1000 people/year").exit_code == 0
    assert add(cli, "40 deaths").exit_code == 0
    assert listed(cli, "--unit", "deaths/100000 people", "--min", "11") == [6]
    assert listed(cli, "--unit", "deaths per 1000 inhabitants", "--max", "0.11") == [7]
    assert listed(cli, "--unit", "deaths") == [8]


def test_strict_bounds_are_stored_shown_exported_and_queried_exactly(cli, db_url, tmp_path):
    assert cli("sources", "add", "--title", "T", "--language", "en").exit_code == 0
    assert add(cli, "more than 10,000 soldiers").exit_code == 0
    assert add(cli, "at least 10,000 soldiers").exit_code == 0
    assert add(cli, "<500 tanks").exit_code == 0
    rows = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert [r["figures"][0]["strict"] for r in rows] == [True, False, True]
    assert rows[0]["figures"][0]["low_base"] == 10000
    table = cli("claims", "list", "--wide").stdout
    assert ">10,000 soldiers" in table and ">=10,000 soldiers" in table
    assert listed(cli, "--unit", "soldiers", "--max", "10000") == [2]
    assert listed(cli, "--unit", "soldiers", "--max", "10000.5") == [1, 2]
    assert listed(cli, "--unit", "tanks", "--min", "500") == []
    assert listed(cli, "--unit", "tanks", "--min", "499") == [3]
    export = tmp_path / "x.jsonl"
    assert cli("export", "jsonl", "-o", str(export)).exit_code == 0
    figures = [json.loads(line) for line in export.read_text().splitlines() if '"figure"' in line]
    assert [f["strict"] for f in figures] == [True, False, True]
    history = json.loads(cli("claims", "history", "1", "--format", "json").stdout)
    assert history[0]["new"]["figures"] == [">10000 soldiers"]


@SQLITE_ONLY
def test_numbers_read_and_shown_in_the_claims_language(cli):
    assert cli("sources", "add", "--title", "T", "--language", "fr").exit_code == 0
    assert add(cli, "1,5 milliard d'euros").exit_code == 0
    assert add(cli, "1,5 EUR", extra=["--language", "en"]).exit_code != 0
    assert add(cli, "1,500 EUR", extra=["--language", "en"]).exit_code == 0
    rows = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert [r["figures"][0]["value"] for r in rows] == [1500000000, 1500]
    table = cli("claims", "list", "--wide").stdout
    assert "1\u202f500\u202f000\u202f000 EUR" in table and "1,500 EUR" in table


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("figure", "fragment"),
    [
        ("nan soldiers", "'nan' is not a number"),
        ("inf soldiers", "'inf' is not a number"),
        ("10000000000000000 USD", "beyond which a number is a typo or a unit mistake"),
        ("2 ", "missing unit"),
        ("2 !!!", "has no letter"),
        ("2 ?!", "has no letter"),
        ("million soldiers", "scale word but no number"),
        ("5 kg..10 km", "measure different things"),
    ],
)
def test_bad_figures_are_one_line_and_change_nothing(seeded, db_url, figure, fragment):
    refused(seeded, db_url, ["claims", "add", "--source", "1", "--text", "x", "--figure", figure],
            fragment)  # fmt: skip


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--unit", "soldiers", "--min", "nan"], "'nan' is not a finite number"),
        (["--unit", "soldiers", "--max", "inf"], "'inf' is not a finite number"),
        (["--unit", "km", "--min", "3 kg"], "give both in one dimension"),
        (["--min", "3 kg", "--max", "5 km"], "give both in one dimension"),
        (["--unit", "km", "--min", "20", "--max", "10"], "is above --max"),
        (["--unit", "!!!"], "has no letter"),
    ],
)
def test_bad_queries_are_one_line(seeded, db_url, args, fragment):
    refused(seeded, db_url, ["claims", "list", *args], fragment)


@SQLITE_ONLY
def test_library_refuses_nan_bounds(seeded, db_url):
    with (
        factdb.session_scope(db_url, write=False) as session,
        pytest.raises(factdb.InvalidInput, match="finite"),
    ):
        factdb.list_claims(session, factdb.ClaimQuery(unit="soldiers", min_value=float("nan")))


def test_seed_with_quantities_and_increments_has_no_false_alarm(seeded, db_url):
    """The issue's claims next to the seed article: an increment and named quantities
    are not compared with totals of other things; a real disagreement still is."""
    for title in ("Reuters", "AP"):
        assert seeded("sources", "add", "--title", title, "--language", "en").exit_code == 0
    for source, text, figure, modality in [
        ("2", "North Korea may send 6,000 more troops", "+6000 soldiers | 6,000 more troops",
         "possible"),
        ("2", "North Korea could deploy 50,000 soldiers",
         "50000 soldiers @nk-troops-deployable", "possible"),
        ("2", "Thousands of North Korean troops are already in Russia",
         "thousands of soldiers @nk-troops-in-russia", "asserted"),
    ]:  # fmt: skip
        result = add(seeded, figure, text=text, source=source,
                     extra=["--speaker", "Corée du Nord", "--modality", modality])  # fmt: skip
        assert result.exit_code == 0, result.output
    with factdb.session_scope(db_url, write=False) as session:
        assert factdb.find_contradictions(session) == []
    result = add(seeded, "12000 soldiers @nk-troops-in-russia", text="12,000 troops", source="3",
                 extra=["--speaker", "Corée du Nord"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with factdb.session_scope(db_url, write=False) as session:
        [found] = factdb.find_contradictions(session)
    assert (found.figure.claim_id, found.other.claim_id) == (15, 16)
    assert found.grounds[0] == "same quantity: nk-troops-in-russia"
    assert found.quantity == "nk-troops-in-russia"


def test_contradictions_compare_converted_values(seeded, db_url):
    assert seeded("sources", "add", "--title", "B", "--language", "en").exit_code == 0
    for source, figure in (("1", "15 miles"), ("2", "40 km")):
        result = add(seeded, figure, source=source, extra=["--speaker", "Kim Jong Un"])
        assert result.exit_code == 0, result.output
    with factdb.session_scope(db_url, write=False) as session:
        [found] = factdb.find_contradictions(session)
    assert found.base_unit == "m"
    assert "converted: miles and km compared in m" in found.grounds


FIGURE_BITS = st.sampled_from(
    ["6", "1,5", "1.500", " ", "milliard", "k", ">", ">=", "~", "..", "+", "nan", "soldiers",
     "reactors", "km", "miles", "kg", "!!!", "/", "week", "100000 people", "@", "q-1", "|",
     "mots", "soldeirs", "€", "d'euros", "entre ", " et ", "9" * 17]
)  # fmt: skip


@SQLITE_ONLY
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spec=st.lists(FIGURE_BITS, min_size=1, max_size=8).map("".join))
def test_any_figure_is_logged_or_refused_in_one_line(seeded, db_url, spec):
    before = dump(db_url)
    result = seeded("claims", "add", "--source", "1", "--text", "x", "--figure", spec)
    if result.exit_code == 0:
        claim_id = int(result.stdout.split()[-1])
        shown = json.loads(seeded("claims", "show", str(claim_id), "--format", "json").stdout)
        assert len(shown["figures"]) == 1
        assert seeded("claims", "retract", str(claim_id), "--reason", "test").exit_code == 0
    else:
        assert result.exit_code == 1 and result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1, result.stderr
        assert dump(db_url) == before


def log_reactors(index: int, url: str) -> list:
    """A writer process logging a figure in a unit no one has created yet."""
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope
    from tests.writers import outcome

    def log() -> int:
        with session_scope(url) as session:
            claim = add_claim(
                session,
                text=f"reactors {index}",
                appearance=AttributionInput(source_id=1),
                figures=["6 reactors"],
                user=f"writer-{index}",
            )
            return claim.id

    return [outcome(log)]


def test_writers_creating_the_same_new_unit_at_once_all_succeed(cli, db_url):
    """A new unit is shared like a topic: concurrent writers never trip over it."""
    from sqlalchemy import func, select

    from factdb.db import session_scope
    from factdb.models import Unit, UnitAlias
    from tests.writers import run_writers

    assert cli("sources", "add", "--title", "T", "--language", "en").exit_code == 0
    results = run_writers(log_reactors, 3, db_url)
    assert all(kind == "applied" for [(kind, _)] in results), results
    with session_scope(db_url, write=False) as session:
        assert session.scalar(select(func.count()).where(Unit.name == "reactors")) == 1
        keys = session.scalars(select(UnitAlias.key).join(Unit).where(Unit.name == "reactors"))
        assert sorted(keys) == ["reactor", "reactors"]


@SQLITE_ONLY
def test_claimreview_export_gives_the_figures_in_text_with_strict_bounds(seeded, db_url):
    from factdb.formats.claimreview import Publisher, export_claimreviews

    added = add(seeded, "plus de 10 000 soldats", "au moins 2 000 chars", text="Deux chiffres")
    assert added.exit_code == 0, added.output
    for args in (
        ("claims", "status", "13", "in_review", "--reason", "checking"),
        ("evidence", "add", "13", "--stance", "refutes", "--url", "https://proof.example.org"),
        ("claims", "status", "13", "false", "--reason", "wrong"),
    ):
        assert seeded(*args).exit_code == 0
    with factdb.session_scope(db_url, write=False) as session:
        graph = export_claimreviews(session, Publisher(name="Desk"), "https://c.example/")["@graph"]
    [review] = [r for r in graph if r["url"].endswith("/13")]
    assert review["itemReviewed"]["description"] == (
        "Figures: >10\u202f000 soldiers; >=2\u202f000 tanks"
    )
