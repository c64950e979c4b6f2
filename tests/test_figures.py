"""The figure syntax: every documented form, every error, and properties over any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.figures import (
    KINDS,
    PERIODS,
    UNITS,
    FigureSpec,
    canonical_unit,
    parse_figure,
)


def figure(kind, value=None, low=None, high=None, unit="soldiers", per=None, text=None):
    return FigureSpec(kind, value, low, high, unit, per, text)


@pytest.mark.parametrize(
    ("spec", "expected", "canonical"),
    [
        # The seed article's figures.
        (
            "2 flights/week | deux fois par semaine",
            figure("exact", 2.0, unit="flights", per="week", text="deux fois par semaine"),
            "2 flights/week | deux fois par semaine",
        ),
        (
            "25000..30000 soldiers | entre 25 000 et 30 000 soldats",
            figure("range", low=25000.0, high=30000.0, text="entre 25 000 et 30 000 soldats"),
            "25000..30000 soldiers | entre 25 000 et 30 000 soldats",
        ),
        (
            "thousands of soldiers | des milliers déjà envoyés",
            figure("vague", low=1000.0, text="des milliers déjà envoyés"),
            "thousands of soldiers | des milliers déjà envoyés",
        ),
        # Quantities.
        ("3 missiles", figure("exact", 3.0, unit="missiles"), "3 missiles"),
        ("~3000 soldiers", figure("approximate", 3000.0), "~3000 soldiers"),
        ("~ 3000 troops", figure("approximate", 3000.0), "~3000 soldiers"),
        ("25000-30000 soldiers", figure("range", low=25000.0, high=30000.0), None),
        ("25 000 - 30 000 soldiers", figure("range", low=25000.0, high=30000.0), None),
        ("-5..-2.5 percent", figure("range", low=-5.0, high=-2.5, unit="percent"), None),
        (">=10000 soldiers", figure("lower_bound", low=10000.0), ">=10000 soldiers"),
        (">10000 soldiers", figure("lower_bound", low=10000.0), ">=10000 soldiers"),
        ("10000+ soldiers", figure("lower_bound", low=10000.0), ">=10000 soldiers"),
        ("<=500 soldiers", figure("upper_bound", high=500.0), "<=500 soldiers"),
        ("<500 soldiers", figure("upper_bound", high=500.0), "<=500 soldiers"),
        # Vague magnitudes, as words and as "1000s".
        ("1000s soldiers", figure("vague", low=1000.0), "thousands of soldiers"),
        ("1000s of soldiers", figure("vague", low=1000.0), "thousands of soldiers"),
        ("dozens of drones", figure("vague", low=10.0, unit="drones"), "tens of drones"),
        ("tens of shells", figure("vague", low=10.0, unit="shells"), "tens of shells"),
        ("10s km", figure("vague", low=10.0, unit="km"), "tens of km"),
        ("hundreds of people", figure("vague", low=100.0, unit="people"), None),
        ("Tens of Thousands of refugees", figure("vague", low=1e4, unit="refugees"), None),
        ("hundreds of thousands of people", figure("vague", low=1e5, unit="people"), None),
        ("millions of EUR", figure("vague", low=1e6, unit="EUR"), "millions of EUR"),
        ("billions of USD", figure("vague", low=1e9, unit="USD"), "billions of USD"),
        ("10000000s shells", figure("vague", low=1e7, unit="shells"), "10000000s shells"),
        # Number grouping and decimals.
        ("25 000 soldiers", figure("exact", 25000.0), "25000 soldiers"),
        ("25,000 soldiers", figure("exact", 25000.0), "25000 soldiers"),
        ("25_000 soldiers", figure("exact", 25000.0), "25000 soldiers"),
        ("25\u00a0000 soldiers", figure("exact", 25000.0), "25000 soldiers"),
        ("25\u202f000 soldiers", figure("exact", 25000.0), "25000 soldiers"),
        ("1,000,000 people", figure("exact", 1e6, unit="people"), "1000000 people"),
        ("2.5 percent", figure("exact", 2.5, unit="percent"), "2.5 percent"),
        ("0.00001 percent", figure("exact", 1e-05, unit="percent"), "0.00001 percent"),
        ("1000000000000000 USD", figure("exact", 1e15, unit="USD"), "1000000000000000 USD"),
        ("-1.5 points", figure("exact", -1.5, unit="points"), "-1.5 points"),
        # Units: aliases, symbols, case, glued to the number.
        ("30%", figure("exact", 30.0, unit="percent"), "30 percent"),
        ("30 %", figure("exact", 30.0, unit="percent"), "30 percent"),
        ("1 soldier", figure("exact", 1.0), "1 soldiers"),
        ("3000 TROOPS", figure("exact", 3000.0), "3000 soldiers"),
        ("300 €", figure("exact", 300.0, unit="EUR"), "300 EUR"),
        ("300€", figure("exact", 300.0, unit="EUR"), "300 EUR"),
        ("300 eur", figure("exact", 300.0, unit="EUR"), "300 EUR"),
        ("5 $", figure("exact", 5.0, unit="USD"), "5 USD"),
        ("5 usd", figure("exact", 5.0, unit="USD"), "5 USD"),
        ("7 tonnes", figure("exact", 7.0, unit="tonnes"), "7 tonnes"),
        ("12 km", figure("exact", 12.0, unit="km"), "12 km"),
        ("3 years", figure("exact", 3.0, unit="years"), "3 years"),
        # Periods and their aliases.
        ("2 flights per week", figure("exact", 2.0, unit="flights", per="week"), None),
        ("2 flights/wk", figure("exact", 2.0, unit="flights", per="week"), None),
        ("2 flights / semaine", figure("exact", 2.0, unit="flights", per="week"), None),
        ("3 visits/d", figure("exact", 3.0, unit="visits", per="day"), "3 visits/day"),
        ("3 visits/jour", figure("exact", 3.0, unit="visits", per="day"), None),
        ("4 meetings/mo", figure("exact", 4.0, unit="meetings", per="month"), None),
        ("4 meetings/mois", figure("exact", 4.0, unit="meetings", per="month"), None),
        ("5 doses/yr", figure("exact", 5.0, unit="doses", per="year"), "5 doses/year"),
        ("5 doses/an", figure("exact", 5.0, unit="doses", per="year"), None),
        ("5 doses/année", figure("exact", 5.0, unit="doses", per="year"), None),
        ("5 doses PER YEAR", figure("exact", 5.0, unit="doses", per="year"), None),
        # Words: trimmed, and may hold any character but a control one.
        ("2 tanks |  deux chars ", figure("exact", 2.0, unit="tanks", text="deux chars"), None),
        ("2 tanks|a|b/c", figure("exact", 2.0, unit="tanks", text="a|b/c"), "2 tanks | a|b/c"),
    ],
)
def test_parse_documented_forms(spec, expected, canonical):
    parsed = parse_figure(spec)
    assert parsed == expected
    assert parsed.to_spec() == (canonical or parsed.to_spec())
    assert parse_figure(parsed.to_spec()) == parsed


@pytest.mark.parametrize(
    ("spec", "span"),
    [
        ("2 flights/week", (2.0, 2.0)),
        ("~3000 soldiers", (3000.0, 3000.0)),
        ("25000..30000 soldiers", (25000.0, 30000.0)),
        (">=10000 soldiers", (10000.0, None)),
        ("<=500 soldiers", (None, 500.0)),
        ("thousands of soldiers", (1000.0, 9999.0)),
        ("tens of soldiers", (10.0, 99.0)),
        ("tens of thousands of soldiers", (10000.0, 99999.0)),
    ],
)
def test_span_used_by_min_max(spec, span):
    parsed = parse_figure(spec)
    assert (parsed.span_low, parsed.span_high) == span


@pytest.mark.parametrize(
    ("spec", "fragments"),
    [
        ("", ["empty figure"]),
        ("   ", ["empty figure"]),
        ("| des milliers", ["empty figure"]),
        ("2", ["missing unit", "'2'"]),
        ("~3000", ["missing unit"]),
        ("1000s", ["missing unit"]),
        ("2 widgets", ["unknown unit 'widgets'"]),
        ("2 xyzzy", ["unknown unit 'xyzzy'", "use one of", "soldiers", "UAH"]),
        ("2 soldats", ["unknown unit 'soldats'", "did you mean", "soldiers"]),
        ("2 flighs/week", ["unknown unit 'flighs'", "flights"]),
        ("many soldiers", ["many soldiers", "no number"]),
        ("2 flights/fortnight", ["unknown period 'fortnight'", "day, week, month or year"]),
        ("2 flights per fortnight", ["unknown period 'fortnight'"]),
        ("2 flights/week/day", ["more than one period"]),
        ("30000..25000 soldiers", ["range 30000..25000 is reversed", "smaller number first"]),
        ("30000-25000 soldiers", ["reversed"]),
        ("5000..5000 soldiers", ["equal bounds", "exact figure 5000"]),
        ("-5 soldiers", ["a count of soldiers cannot be negative"]),
        ("-5..10 soldiers", ["a count of soldiers cannot be negative"]),
        ("<=-1 tanks", ["a count of tanks cannot be negative"]),
        ("10000000000000000 USD", ["too large", "1e15"]),
        ("1" + "0" * 400 + "s soldiers", ["too large", "1e15"]),
        ("0.0000001 km", ["too small"]),
        ("1.5e3 km", ["cannot read the number", "no exponent"]),
        ("2,5 percent", ["cannot read the number", "'.' for decimals"]),
        ("50s soldiers", ["cannot read the number", "power of ten"]),
        ("2 flights\x00/week", ["control character"]),
        ("2 flights\n", ["control character"]),
        ("2 flights | deux\tfois", ["control character"]),
        ("2 flights |", ["empty '| words' part"]),
        ("2 flights |   ", ["empty '| words' part"]),
        ("2 flights | " + "x" * 400, ["keep them under 300"]),
        ("2 flights | " + "x" * 500, ["keep it under 500"]),
        ("nan soldiers", ["no number"]),
        ("inf soldiers", ["no number"]),
    ],
)
def test_errors_name_the_problem_and_the_fix(spec, fragments):
    with pytest.raises(InvalidInput) as caught:
        parse_figure(spec)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"kind": "guess", "value": 1.0}, "unknown figure kind"),
        ({"kind": "exact", "value": 1.0, "unit": "widgets"}, "unknown unit"),
        ({"kind": "exact", "value": 1.0, "per": "hour"}, "unknown period"),
        ({"kind": "exact"}, "takes value, not nothing"),
        ({"kind": "range", "low": 1.0}, "takes low and high, not low"),
        ({"kind": "exact", "value": float("nan")}, "finite"),
        ({"kind": "exact", "value": float("inf")}, "finite"),
        ({"kind": "exact", "value": True}, "must be numbers"),
        ({"kind": "vague", "low": 5000.0}, "power of ten"),
        ({"kind": "vague", "low": 1.0}, "power of ten"),
        ({"kind": "exact", "value": 1.0, "text": " padded "}, "without outer spaces"),
        ({"kind": "exact", "value": 1.0, "text": ""}, "non-empty"),
    ],
)
def test_constructor_refuses_what_parse_refuses(fields, fragment):
    with pytest.raises(InvalidInput, match=fragment):
        figure(**fields)


def test_integers_from_json_equal_parsed_floats():
    built = figure("range", low=25000, high=30000)
    assert built == parse_figure("25000..30000 soldiers")
    assert built.to_spec() == "25000..30000 soldiers"
    assert isinstance(built.low, float)


def test_negative_zero_prints_as_zero():
    assert parse_figure("-0 percent").to_spec() == "0 percent"


@pytest.mark.parametrize(
    ("name", "unit"),
    [("troops", "soldiers"), ("%", "percent"), ("€", "EUR"), ("Usd", "USD"), ("KPW", "KPW")],
)
def test_canonical_unit(name, unit):
    assert canonical_unit(name) == unit


def test_vocabulary():
    required = {
        "soldiers", "flights", "shells", "missiles", "drones", "tanks", "aircraft", "ships",
        "weapons", "vehicles", "people", "deaths", "casualties", "refugees", "prisoners",
        "visits", "meetings", "cases", "doses", "votes", "jobs", "items", "tonnes", "km", "days",
        "years", "percent", "points", "EUR", "USD", "RUB", "KPW", "KRW", "CNY", "GBP", "UAH",
    }  # fmt: skip
    assert required <= set(UNITS)
    assert UNITS["soldiers"].counted
    assert not any(UNITS[u].counted for u in ("percent", "points", "EUR", "km", "tonnes"))
    assert all(u.description for u in UNITS.values())
    assert PERIODS == ("day", "week", "month", "year")


# -- properties -----------------------------------------------------------------------

# Hypothesis times each example by default; a slow machine is not a failure.
NO_DEADLINE = settings(deadline=None)

FRAGMENTS = st.sampled_from(
    ["~", ">=", "<=", ">", "<", "+", "..", "-", "–", "/", " per ", "|", " ", "of ", "s",
     "0", "1", "25", "000", ",", ".", "_", "\u00a0", "1000s", "thousands", "tens", "dozens",
     "soldiers", "%", "€", "km", "week", "an", "semaine", "e3", "nan", "\x00", "9" * 20]
)  # fmt: skip


def _accepts_or_refuses(spec: str) -> None:
    try:
        parsed = parse_figure(spec)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parse_figure(parsed.to_spec()) == parsed


@NO_DEADLINE
@given(st.text(max_size=600))
def test_any_text_parses_or_raises_invalid_input(spec):
    _accepts_or_refuses(spec)


@NO_DEADLINE
@given(st.lists(FRAGMENTS, max_size=12).map("".join))
def test_figure_like_text_parses_or_raises_invalid_input(spec):
    _accepts_or_refuses(spec)


WORDS = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300)
    .map(str.strip)
    .filter(bool)
)
MAGNITUDES = st.integers(1, 15).map(lambda k: 10.0**k)


def numbers(non_negative: bool) -> st.SearchStrategy[float]:
    low = 0 if non_negative else -(10**15)
    integers = st.integers(low, 10**15).map(float)
    positive = st.floats(min_value=1e-6, max_value=1e15)
    negative = st.floats(min_value=-1e15, max_value=-1e-6)
    return (
        st.one_of(integers, positive) if non_negative else st.one_of(integers, positive, negative)
    )


@st.composite
def figure_specs(draw) -> FigureSpec:
    kind = draw(st.sampled_from(KINDS))
    unit = draw(st.sampled_from(sorted(UNITS)))
    number = numbers(UNITS[unit].counted)
    fields = {"value": None, "low": None, "high": None}
    if kind in ("exact", "approximate"):
        fields["value"] = draw(number)
    elif kind == "range":
        pair = draw(st.lists(number, min_size=2, max_size=2, unique=True))
        fields["low"], fields["high"] = sorted(pair)
    elif kind == "lower_bound":
        fields["low"] = draw(number)
    elif kind == "upper_bound":
        fields["high"] = draw(number)
    else:
        fields["low"] = draw(MAGNITUDES)
    per = draw(st.sampled_from((None, *PERIODS)))
    text = draw(st.none() | WORDS)
    return FigureSpec(kind=kind, unit=unit, per=per, text=text, **fields)


@NO_DEADLINE
@given(figure_specs())
def test_round_trip_through_canonical_text(spec):
    text = spec.to_spec()
    assert "e+" not in text.partition("|")[0] and "e-" not in text.partition("|")[0]
    assert parse_figure(text) == spec


@NO_DEADLINE
@given(figure_specs())
def test_span_is_an_interval(spec):
    if spec.span_low is not None and spec.span_high is not None:
        assert spec.span_low <= spec.span_high
    assert spec.span_low is not None or spec.span_high is not None
