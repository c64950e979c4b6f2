"""The figure syntax: every documented form, every error, and properties over any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.figures import (
    KINDS,
    PERIODS,
    FigureSpec,
    canonical_unit,
    parse_figure,
)
from factdb.unit_vocab import BUILTIN as UNITS


def figure(kind, value=None, low=None, high=None, unit="soldiers", per=None, text=None, **more):
    return FigureSpec(kind, value, low, high, unit, per, text, **more)


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
        (">10000 soldiers", figure("lower_bound", low=10000.0, strict=True), ">10000 soldiers"),
        ("10000+ soldiers", figure("lower_bound", low=10000.0), ">=10000 soldiers"),
        ("<=500 soldiers", figure("upper_bound", high=500.0), "<=500 soldiers"),
        ("<500 soldiers", figure("upper_bound", high=500.0, strict=True), "<500 soldiers"),
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
    ("spec", "lang", "canonical"),
    [
        # Open units: any noun is counted, and keeps its name.
        ("6 reactors", None, "6 reactors"),
        ("2000 hospital beds", None, "2000 hospital beds"),
        ("25 Patriot systems", None, "25 Patriot systems"),
        ("12 000 réacteurs", "fr", "12000 réacteurs"),
        # Scale words and locale numbers.
        ("1.5 billion EUR", None, "1500000000 EUR"),
        ("10 million EUR", None, "10000000 EUR"),
        ("1,5 milliard d'euros", "fr", "1500000000 EUR"),
        ("10 millions d'euros", "fr", "10000000 EUR"),
        ("2 billions de dollars", "fr", "2000000000000 USD"),
        ("3 mille soldats", "fr", "3000 soldiers"),
        ("2k soldiers", None, "2000 soldiers"),
        ("3M people", None, "3000000 people"),
        ("5bn USD", None, "5000000000 USD"),
        ("$5 billion", "en", "5000000000 USD"),
        ("€1.5bn", "en", "1500000000 EUR"),
        ("1,500 EUR", "en", "1500 EUR"),
        ("1,500 EUR", "fr", "1.5 EUR"),
        ("1.500 EUR", "fr", "1500 EUR"),
        ("1 500 000 EUR", "fr", "1500000 EUR"),
        ("1\u202f500\u202f000,25 EUR", "fr", "1500000.25 EUR"),
        ("1,500,000.25 EUR", "en", "1500000.25 EUR"),
        ("2.5 percent", "fr", "2.5 percent"),
        ("\u22125 percent", "fr", "-5 percent"),
        # Strict and inclusive bounds, in symbols and words.
        ("more than 10,000 soldiers", "en", ">10000 soldiers"),
        ("plus de 10 000 soldats", "fr", ">10000 soldiers"),
        ("plus d'un 1 000 soldats", "fr", None),
        ("at least 10,000 soldiers", "en", ">=10000 soldiers"),
        ("au moins 10 000 soldats", "fr", ">=10000 soldiers"),
        ("fewer than 50 prisoners", "en", "<50 prisoners"),
        ("moins de 50 prisonniers", "fr", "<50 prisoners"),
        ("up to 30 missiles", "en", "<=30 missiles"),
        ("jusqu'à 30 missiles", "fr", "<=30 missiles"),
        ("about 3,000 refugees", "en", "~3000 refugees"),
        ("environ 3 000 réfugiés", "fr", "~3000 refugees"),
        ("between 25,000 and 30,000 soldiers", "en", "25000..30000 soldiers"),
        ("entre 25 000 et 30 000 soldats", "fr", "25000..30000 soldiers"),
        ("between 1 and 2 million people", "en", "1000000..2000000 people"),
        ("des milliers de soldats", "fr", "thousands of soldiers"),
        ("10000000s deaths", "fr", "10000000s deaths"),  # "de" only as a word
        # Increments and quantity keys.
        ("+6000 soldiers @nk-troops-in-russia", None, "+6000 soldiers @nk-troops-in-russia"),
        ("+ 6 000 soldats @nk-troops-in-russia | 6 000 soldats en plus", "fr",
         "+6000 soldiers @nk-troops-in-russia | 6 000 soldats en plus"),
        # Rates: per hour, and per-capita denominators.
        ("40 flights/hour", None, "40 flights/hour"),
        ("40 vols par heure", "fr", "40 flights/hour"),
        ("12 deaths/100000 people/year", None, "12 deaths/100000 people/year"),
        ("12 deaths per 100 000 inhabitants per year", "en", "12 deaths/100000 people/year"),
        ("3 doctors/1000 people", None, "3 doctors/1000 people"),
        # Measured units.
        ("15 miles", None, "15 miles"),
        ("8 000 kg", None, "8000 kg"),
        ("5 km..10 km", None, "5..10 km"),
        ("3 MWh", None, "3 MWh"),
        ("40 %", "fr", "40 percent"),
        ("2 points de pourcentage", "fr", "2 points"),
    ],
)  # fmt: skip
def test_new_forms(spec, lang, canonical):
    if canonical is None:
        with pytest.raises(InvalidInput):
            parse_figure(spec, lang)
        return
    parsed = parse_figure(spec, lang)
    assert parsed.to_spec() == canonical
    assert parse_figure(parsed.to_spec()) == parsed
    assert parse_figure(parsed.format(lang), lang) == parsed if lang else True


def test_strict_bound_is_stored_and_shown():
    strict, inclusive = parse_figure(">10000 soldiers"), parse_figure(">=10000 soldiers")
    assert strict.strict and not inclusive.strict
    assert strict != inclusive
    assert (strict.span_low, inclusive.span_low) == (10000.0, 10000.0)
    # The base span excludes the bound itself, so that --max 10000 leaves it out.
    assert strict.base_span[0] > 10000.0 and inclusive.base_span[0] == 10000.0


@pytest.mark.parametrize(
    ("spec", "base_unit", "span"),
    [
        ("15 miles", "m", (24140.16, 24140.16)),
        ("8 000 kg", "kg", (8000.0, 8000.0)),
        ("8 tonnes", "kg", (8000.0, 8000.0)),
        ("2 km2", "m2", (2e6, 2e6)),
        ("3 years", "s", (94672800.0, 94672800.0)),
        ("5 percent", "percent", (5.0, 5.0)),
        ("5 points", "points", (5.0, 5.0)),
        ("5 EUR", "EUR", (5.0, 5.0)),
        ("6 reactors", "reactors", (6.0, 6.0)),
        ("12 deaths/100000 people", "deaths/people", (0.00012, 0.00012)),
    ],
)
def test_base_unit_and_span(spec, base_unit, span):
    parsed = parse_figure(spec)
    assert parsed.base_unit == base_unit
    assert parsed.base_span == pytest.approx(span)


def test_format_uses_the_language_separators():
    figure_ = parse_figure("1500000000.5 EUR")
    assert figure_.format("fr") == "1\u202f500\u202f000\u202f000,5 EUR"
    assert figure_.format("en") == "1,500,000,000.5 EUR"
    assert figure_.format(None) == "1500000000.5 EUR"


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
        ("2 !!!", ["unit '!!!' has no letter"]),
        ("2 ***", ["unit '***' has no letter"]),
        ("2 %%%", ["unit '%%%' has no letter"]),
        ("many soldiers", ["many soldiers", "no number"]),
        ("2 flights/fortnight", ["unknown period 'fortnight'", "hour, day, week, month or year"]),
        ("2 flights per fortnight", ["unknown period 'fortnight'"]),
        ("2 flights/week/day", ["more than one period"]),
        ("30000..25000 soldiers", ["range 30000..25000 is reversed", "smaller number first"]),
        ("30000-25000 soldiers", ["reversed"]),
        ("5000..5000 soldiers", ["equal bounds", "exact figure 5000"]),
        ("-5 soldiers", ["a count of soldiers cannot be negative"]),
        ("-5..10 soldiers", ["a count of soldiers cannot be negative"]),
        ("<=-1 tanks", ["a count of tanks cannot be negative"]),
        ("10000000000000000 USD", ["too large", "1e15", "typo or a unit mistake"]),
        ("2 million billion USD", ["starts with the scale word 'billion'"]),
        ("2000000 billion USD", ["too large", "1e15"]),
        ("million soldiers", ["scale word but no number"]),
        ("milliard d'euros", ["scale word but no number"]),
        ("bn USD", ["scale word but no number"]),
        ("5 kg..10 km", ["measure different things", "mass, length"]),
        ("5 km..10 miles", ["write both ends in one unit"]),
        ("5 km..10", ["names a unit for its first number only"]),
        ("5 M", ["missing unit"]),
        ("5 soldiers @", ["empty '@' quantity"]),
        ("5 soldiers @NK Troops", ["is not a key"]),
        ("5 deaths/0 people", ["must be above zero"]),
        ("5 deaths/100000", ["has no unit"]),
        ("5 deaths/100 people/1000 people", ["two denominators"]),
        ("$5 USD", ["currency sign and a unit"]),
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
        ("nan soldiers", ["'nan' is not a number", "finite"]),
        ("inf soldiers", ["'inf' is not a number", "finite"]),
        ("-inf km", ["'-inf' is not a number"]),
        ("~NaN percent", ["'NaN' is not a number"]),
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
        ({"kind": "exact", "value": 1.0, "unit": ""}, "empty unit"),
        ({"kind": "exact", "value": 1.0, "unit": "a|b"}, "cannot contain"),
        ({"kind": "exact", "value": 1.0, "per": "fortnight"}, "unknown period"),
        ({"kind": "exact", "value": 1.0, "strict": True}, "only a bound can be strict"),
        ({"kind": "exact", "value": 1.0, "per_count": 100.0}, "both per_count and per_unit"),
        ({"kind": "exact", "value": 1.0, "quantity": "Not A Key"}, "is not a key"),
        ({"kind": "exact", "value": 1.0, "increment": "yes"}, "true or false"),
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
    assert PERIODS == ("hour", "day", "week", "month", "year")


# -- properties -----------------------------------------------------------------------

# Hypothesis times each example by default; a slow machine is not a failure.
NO_DEADLINE = settings(deadline=None)
LANGS = st.sampled_from([None, "fr", "en"])

FRAGMENTS = st.sampled_from(
    ["~", ">=", "<=", ">", "<", "+", "..", "-", "–", "/", " per ", "|", " ", "of ", "s",
     "0", "1", "25", "000", ",", ".", "_", "\u00a0", "\u202f", "1000s", "thousands", "tens",
     "dozens", "soldiers", "%", "€", "$", "km", "miles", "week", "hour", "an", "semaine", "e3",
     "nan", "inf", "\x00", "9" * 20, " million", " milliard", "k", "M", "bn", " d'euros",
     "plus de ", "more than ", "at least ", "au moins ", "@", "nk-troops", "reactors",
     "!!!", "people", " between ", " and ", "entre ", " et ", "des milliers de "]
)  # fmt: skip


def _accepts_or_refuses(spec: str, lang: str | None) -> None:
    try:
        parsed = parse_figure(spec, lang)
    except InvalidInput as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parse_figure(parsed.to_spec()) == parsed
        for other in ("fr", "en"):
            assert parse_figure(parsed.format(other), other) == parsed


@NO_DEADLINE
@given(st.text(max_size=600), LANGS)
def test_any_text_parses_or_raises_invalid_input(spec, lang):
    _accepts_or_refuses(spec, lang)


@NO_DEADLINE
@given(st.lists(FRAGMENTS, max_size=12).map("".join), LANGS)
def test_figure_like_text_parses_or_raises_invalid_input(spec, lang):
    _accepts_or_refuses(spec, lang)


WORDS = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300)
    .map(str.strip)
    .filter(bool)
)
MAGNITUDES = st.sampled_from([10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e9, 1e12])
OPEN_UNITS = ["reactors", "hospital beds", "families", "Patriot systems", "réacteurs", "MWh"]


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
    unit = draw(st.sampled_from([*sorted(UNITS), *OPEN_UNITS]))
    number = numbers(UNITS[unit].counted if unit in UNITS else True)
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
    strict = kind in ("lower_bound", "upper_bound") and draw(st.booleans())
    denominator = draw(st.none() | st.tuples(st.sampled_from([1000.0, 1e5, 2.5]), OPEN))
    return FigureSpec(
        kind=kind,
        unit=unit,
        per=per,
        text=text,
        strict=strict,
        increment=draw(st.booleans()),
        quantity=draw(st.none() | st.sampled_from(["nk-troops-in-russia", "budget.2025", "x"])),
        per_count=denominator[0] if denominator else None,
        per_unit=denominator[1] if denominator else None,
        **fields,
    )


OPEN = st.sampled_from(["people", "inhabitants", "beds"])


@NO_DEADLINE
@given(figure_specs())
def test_round_trip_through_canonical_text(spec):
    text = spec.to_spec()
    assert "e+" not in text.partition("|")[0] and "e-" not in text.partition("|")[0]
    assert parse_figure(text) == spec


@NO_DEADLINE
@given(figure_specs(), st.sampled_from(["fr", "en"]))
def test_round_trip_through_each_language(spec, lang):
    """Formatted with the language's separators ("1 500,5" in French, "1,500.5" in
    English), a figure reads back as itself in that language."""
    assert parse_figure(spec.format(lang), lang) == spec


@NO_DEADLINE
@given(figure_specs())
def test_span_is_an_interval(spec):
    if spec.span_low is not None and spec.span_high is not None:
        assert spec.span_low <= spec.span_high
    assert spec.span_low is not None or spec.span_high is not None
    low, high = spec.base_span
    if low is not None and high is not None:
        assert low <= high
