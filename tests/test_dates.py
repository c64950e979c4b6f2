"""The date syntax: absolute and relative forms, anchors, errors, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factdb.dates import PRECISIONS, ROLES, DateSpec, parse_date, resolve
from factdb.errors import InvalidInput

SUNDAY = date(2025, 7, 13)


@pytest.mark.parametrize(
    ("spec", "role", "text", "value", "precision", "iso"),
    [
        ("2024-06-19", "about", None, date(2024, 6, 19), "day", "2024-06-19"),
        (
            "about:2024-06-19 | le 19 juin 2024",
            "about",
            "le 19 juin 2024",
            date(2024, 6, 19),
            "day",
            "2024-06-19",
        ),
        ("made:2024-06", "made", None, date(2024, 6, 1), "month", "2024-06"),
        ("reported:2024", "reported", None, date(2024, 1, 1), "year", "2024"),
        ("2025-W29", "about", None, date(2025, 7, 14), "week", "2025-W29"),
        ("2025-w01", "about", None, date(2024, 12, 30), "week", "2025-W01"),
        ("2026-W53", "about", None, date(2026, 12, 28), "week", "2026-W53"),
        (" Made : 2024-02-29 ", "made", None, date(2024, 2, 29), "day", "2024-02-29"),
        ("1000", "about", None, date(1000, 1, 1), "year", "1000"),
        ("2999-12-31", "about", None, date(2999, 12, 31), "day", "2999-12-31"),
    ],
)
def test_absolute_dates(spec, role, text, value, precision, iso):
    parsed = parse_date(spec, default_anchor=SUNDAY)
    assert parsed == DateSpec(role, text, value, precision, anchor=None, relative=False)
    assert parsed.iso() == iso
    assert parse_date(parsed.to_spec()) == parsed


def test_seed_article_last_year():
    parsed = parse_date("about:l'année dernière@2025-07-13")
    assert parsed == DateSpec(
        role="about",
        text="l'année dernière",
        value=date(2024, 1, 1),
        precision="year",
        anchor=SUNDAY,
        relative=True,
    )
    assert parsed.iso() == "2024"
    assert parsed.to_spec() == "about:l'année dernière@2025-07-13"


def test_next_week_from_a_sunday_is_the_following_iso_week():
    parsed = parse_date("la semaine prochaine@2025-07-13")
    assert (parsed.value, parsed.precision, parsed.iso()) == (date(2025, 7, 14), "week", "2025-W29")


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("today", SUNDAY, "day"),
        ("aujourd'hui", SUNDAY, "day"),
        ("Aujourd’hui", SUNDAY, "day"),
        ("yesterday", date(2025, 7, 12), "day"),
        ("hier", date(2025, 7, 12), "day"),
        ("tomorrow", date(2025, 7, 14), "day"),
        ("demain", date(2025, 7, 14), "day"),
        ("last week", date(2025, 6, 30), "week"),
        ("this week", date(2025, 7, 7), "week"),
        ("next week", date(2025, 7, 14), "week"),
        ("la semaine dernière", date(2025, 6, 30), "week"),
        ("la semaine passée", date(2025, 6, 30), "week"),
        ("cette semaine", date(2025, 7, 7), "week"),
        ("LA SEMAINE PROCHAINE", date(2025, 7, 14), "week"),
        ("last month", date(2025, 6, 1), "month"),
        ("this month", date(2025, 7, 1), "month"),
        ("next month", date(2025, 8, 1), "month"),
        ("le mois dernier", date(2025, 6, 1), "month"),
        ("le mois passé", date(2025, 6, 1), "month"),
        ("ce mois-ci", date(2025, 7, 1), "month"),
        ("le mois prochain", date(2025, 8, 1), "month"),
        ("last year", date(2024, 1, 1), "year"),
        ("this year", date(2025, 1, 1), "year"),
        ("next year", date(2026, 1, 1), "year"),
        ("l'année dernière", date(2024, 1, 1), "year"),
        ("l’annee passee", date(2024, 1, 1), "year"),
        ("l'année prochaine", date(2026, 1, 1), "year"),
        ("l'an dernier", date(2024, 1, 1), "year"),
        ("l'an passé", date(2024, 1, 1), "year"),
        ("l'an prochain", date(2026, 1, 1), "year"),
        ("cette année", date(2025, 1, 1), "year"),
        ("3 days ago", date(2025, 7, 10), "day"),
        ("1 day ago", date(2025, 7, 12), "day"),
        ("in 3 days", date(2025, 7, 16), "day"),
        ("two weeks ago", date(2025, 6, 23), "week"),
        ("in 2 weeks", date(2025, 7, 21), "week"),
        ("a month ago", date(2025, 6, 1), "month"),
        ("in twelve months", date(2026, 7, 1), "month"),
        ("5 years ago", date(2020, 1, 1), "year"),
        ("in one year", date(2026, 1, 1), "year"),
        ("il y a 3 jours", date(2025, 7, 10), "day"),
        ("il y a trois jours", date(2025, 7, 10), "day"),
        ("il y a une semaine", date(2025, 6, 30), "week"),
        ("il y a deux mois", date(2025, 5, 1), "month"),
        ("il y a un an", date(2024, 1, 1), "year"),
        ("il y a dix ans", date(2015, 1, 1), "year"),
        ("il y a 2 années", date(2023, 1, 1), "year"),
        ("dans 4 jours", date(2025, 7, 17), "day"),
        ("dans douze semaines", date(2025, 9, 29), "week"),
        ("dans onze mois", date(2026, 6, 1), "month"),
        ("dans 2 ans", date(2027, 1, 1), "year"),
        ("0 days ago", SUNDAY, "day"),
    ],
)
def test_relative_expressions(expression, value, precision):
    assert resolve(expression, SUNDAY) == (value, precision)
    parsed = parse_date(f"{expression}@2025-07-13")
    assert parsed == DateSpec("about", expression, value, precision, SUNDAY, relative=True)
    assert parse_date(parsed.to_spec()) == parsed


def test_month_arithmetic_from_the_end_of_a_month():
    assert resolve("last month", date(2025, 3, 31)) == (date(2025, 2, 1), "month")
    assert resolve("in 1 month", date(2024, 1, 31)) == (date(2024, 2, 1), "month")


def test_week_across_a_year_boundary():
    parsed = parse_date("next week@2024-12-25")
    assert (parsed.value, parsed.iso()) == (date(2024, 12, 30), "2025-W01")


def test_default_anchor_is_used_when_no_anchor_is_given():
    parsed = parse_date("made:yesterday", default_anchor=date(2025, 1, 1))
    assert (parsed.value, parsed.anchor, parsed.relative) == (
        date(2024, 12, 31),
        date(2025, 1, 1),
        True,
    )
    assert parsed.to_spec() == "made:yesterday@2025-01-01"


def test_explicit_anchor_wins_over_the_default():
    parsed = parse_date("last year@2025-07-13", default_anchor=date(2000, 1, 1))
    assert parsed.value == date(2024, 1, 1)


def test_without_any_anchor_a_relative_date_stays_unresolved():
    parsed = parse_date("reported:la semaine dernière")
    assert parsed == DateSpec(
        "reported", "la semaine dernière", None, "week", anchor=None, relative=True
    )
    assert parsed.iso() is None
    assert resolve("il y a 3 jours", None) == (None, "day")
    assert parse_date(parsed.to_spec()) == parsed


def test_words_with_a_relative_expression():
    parsed = parse_date("last year@2025-07-13 | l’an passé")
    assert (parsed.text, parsed.value, parsed.relative) == ("l’an passé", date(2024, 1, 1), True)
    assert parsed.to_spec() == "about:l’an passé@2025-07-13"
    parsed = parse_date("2 years ago@2025-07-13 | naguère")
    assert parsed.to_spec() == "about:2 years ago@2025-07-13 | naguère"


@pytest.mark.parametrize(
    ("spec", "fragments"),
    [
        ("", ["empty date"]),
        ("   ", ["empty date"]),
        ("about:", ["empty date"]),
        ("| hier", ["empty date"]),
        ("2024-02-30", ["2024-02-30 is not a calendar date"]),
        ("2023-02-29", ["2023-02-29 is not a calendar date"]),
        ("2024-13", ["2024-13", "month 13"]),
        ("2024-00-10", ["month 0"]),
        ("0999", ["year 999", "1000..2999"]),
        ("3000-01-01", ["year 3000", "1000..2999"]),
        ("2025-W53", ["no ISO week 53"]),
        ("2025-W00", ["no ISO week 0"]),
        ("when:2024", ["unknown date role 'when'", "about, made or reported"]),
        ("next fortnight", ["unrecognised date 'next fortnight'", "YYYY-MM-DD", "last year"]),
        ("19 juin 2024", ["unrecognised date"]),
        ("2024-6-19", ["unrecognised date"]),
        ("thirteen days ago@2025-07-13", ["unrecognised date"]),
        ("last year@2025-13-01", ["bad anchor", "month 13"]),
        ("last year@2025-02-30", ["bad anchor", "not a calendar date"]),
        ("last year@yesterday", ["anchor 'yesterday' is not a date", "@YYYY-MM-DD"]),
        ("last year@", ["anchor '' is not a date"]),
        ("2024-06-19@2025-07-13", ["an anchor only applies to a relative expression"]),
        ("2024\x00", ["control character"]),
        ("hier | la\nveille", ["control character"]),
        ("x" * 301, ["keep it under 300"]),
        ("2024 | " + "x" * 250, ["keep them under 200"]),
        ("2024 |", ["empty '| words' part"]),
        ("2024 |   ", ["empty '| words' part"]),
        ("last year | l'an passé", ["no anchor", "@YYYY-MM-DD"]),
        ("1000000 days ago@2025-07-13", ["too many"]),
        ("999999 years ago@2025-07-13", ["outside the years 1000..2999"]),
        ("l'an dernier@1000-06-01", ["outside the years 1000..2999"]),
    ],
)
def test_errors_name_the_problem_and_the_fix(spec, fragments):
    with pytest.raises(InvalidInput) as caught:
        parse_date(spec)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_resolve_refuses_what_is_not_relative():
    with pytest.raises(InvalidInput, match="unrecognised relative date"):
        resolve("2024-06-19", SUNDAY)


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"role": "when"}, "unknown date role"),
        ({"precision": "hour"}, "unknown precision"),
        ({"value": date(2024, 6, 19), "precision": "month"}, "does not start a month"),
        ({"value": None}, "needs a value"),
        ({"anchor": SUNDAY}, "takes no anchor"),
        ({"value": date(3000, 1, 1), "precision": "year"}, "outside the years"),
        ({"text": " padded "}, "without outer spaces"),
        ({"relative": True, "text": None, "anchor": SUNDAY}, "keeps its expression"),
        ({"relative": True, "text": "hier"}, "both a value and an anchor"),
        ({"relative": True, "text": "soon", "value": None}, "not an expression"),
        ({"relative": True, "text": "hier", "value": None, "precision": "year"}, "precision"),
    ],
)
def test_constructor_refuses_what_parse_refuses(fields, fragment):
    base = {
        "role": "about",
        "text": None,
        "value": date(2024, 1, 1),
        "precision": "year",
        "anchor": None,
        "relative": False,
    }
    with pytest.raises(InvalidInput, match=fragment):
        DateSpec(**{**base, **fields})


def test_vocabularies():
    assert PRECISIONS == ("day", "week", "month", "year")
    assert ROLES == ("about", "made", "reported")


# -- properties -----------------------------------------------------------------------

# Hypothesis times each example by default; a slow machine is not a failure.
NO_DEADLINE = settings(deadline=None)

FRAGMENTS = st.sampled_from(
    ["about", "made", "when", ":", "@", "|", " ", "-", "W", "2024", "2025-07-13", "02", "13",
     "30", "53", "last", "next", "week", "year", "ago", "in", "il y a", "dans", "3", "trois",
     "jours", "l'année", "dernière", "’", "hier", "999999", "\x00"]
)  # fmt: skip
ANCHORS = st.dates(date(1000, 1, 1), date(2999, 12, 31))


def _accepts_or_refuses(spec: str, anchor: date | None) -> None:
    try:
        parsed = parse_date(spec, default_anchor=anchor)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parse_date(parsed.to_spec()) == parsed


@NO_DEADLINE
@given(st.text(max_size=400), st.none() | st.dates())
def test_any_text_parses_or_raises_invalid_input(spec, anchor):
    _accepts_or_refuses(spec, anchor)


@NO_DEADLINE
@given(st.lists(FRAGMENTS, max_size=10).map("".join), st.none() | ANCHORS)
def test_date_like_text_parses_or_raises_invalid_input(spec, anchor):
    _accepts_or_refuses(spec, anchor)


WORDS = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200)
    .map(str.strip)
    .filter(bool)
)
EXPRESSIONS = st.sampled_from(
    ["today", "hier", "demain", "last week", "cette semaine", "la semaine prochaine",
     "le mois dernier", "ce mois-ci", "next month", "l'année dernière", "l’an prochain",
     "this year", "3 days ago", "in two weeks", "il y a 5 mois", "dans 10 ans"]
)  # fmt: skip


def period_start(moment: date, precision: str) -> date:
    if precision == "week":
        return moment - timedelta(days=moment.weekday())
    if precision == "month":
        return moment.replace(day=1)
    if precision == "year":
        return moment.replace(month=1, day=1)
    return moment


@st.composite
def date_specs(draw) -> DateSpec:
    role = draw(st.sampled_from(ROLES))
    form = draw(st.sampled_from(("absolute", "resolved", "expression", "unresolved")))
    if form == "unresolved":
        text = draw(EXPRESSIONS)
        return DateSpec(role, text, None, resolve(text, None)[1], None, relative=True)
    if form == "expression":
        text, anchor = draw(EXPRESSIONS), draw(ANCHORS)
        try:
            value, precision = resolve(text, anchor)
        except InvalidInput:
            assume(False)
        return DateSpec(role, text, value, precision, anchor, relative=True)
    precision = draw(st.sampled_from(PRECISIONS))
    # Week values stay clear of the range ends, where an ISO year can differ from the date's.
    value = period_start(draw(st.dates(date(1000, 1, 8), date(2999, 12, 24))), precision)
    if form == "absolute":
        return DateSpec(role, draw(st.none() | WORDS), value, precision, None, relative=False)
    return DateSpec(role, draw(WORDS), value, precision, draw(ANCHORS), relative=True)


@NO_DEADLINE
@given(date_specs())
def test_round_trip_through_canonical_text(spec):
    assert parse_date(spec.to_spec()) == spec


@NO_DEADLINE
@given(date_specs())
def test_iso_matches_the_precision(spec):
    iso = spec.iso()
    if spec.value is None:
        assert iso is None
    else:
        assert len(iso) == {"day": 10, "week": 8, "month": 7, "year": 4}[spec.precision]
