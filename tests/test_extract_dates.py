"""The date finder: absolute and relative dates in French and English, resolved against
the publication date or left unresolved without one, and properties over any text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.dates import parse_date
from factdb.errors import InvalidInput
from factdb.extract.dates import find_dates

ANCHOR = date(2025, 7, 13)


def found(text: str, lang: str, anchor: date | None = ANCHOR) -> list[tuple[str, str, str]]:
    """(words, value at its precision, role) for each date, words cut by its offsets."""
    dates = find_dates(text, lang, anchor)
    for found_date in dates:
        assert found_date.spec.text == text[found_date.start : found_date.end]
    return [(d.spec.text, d.spec.iso(), d.spec.role) for d in dates]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "signé le 19 juin 2024 à Pyongyang", [("le 19 juin 2024", "2024-06-19", "about")]),
        ("en", "signed on June 19, 2024", [("on June 19, 2024", "2024-06-19", "about")]),
        ("en", "signed on 19 June 2024", [("on 19 June 2024", "2024-06-19", "about")]),
        ("fr", "signé le 19/06/2024", [("19/06/2024", "2024-06-19", "about")]),
        ("en", "signed on 06/19/2024", [("06/19/2024", "2024-06-19", "about")]),
        ("en", "signed 2024-06-19", [("2024-06-19", "2024-06-19", "about")]),
        ("fr", "le lundi 3 mars 2025", [("le lundi 3 mars 2025", "2025-03-03", "about")]),
        ("fr", "le 1er mai 2025", [("le 1er mai 2025", "2025-05-01", "about")]),
        ("fr", "prévu en juillet 2025", [("en juillet 2025", "2025-07", "about")]),
        ("en", "planned in July 2025", [("in July 2025", "2025-07", "about")]),
        ("fr", "élu en 2024", [("en 2024", "2024", "about")]),
        ("en", "elected in 2024", [("in 2024", "2024", "about")]),
        ("fr", "attendu fin 2026", [("fin 2026", "2026", "about")]),
        # A day and month without a year takes the publication's year.
        ("fr", "le 19 juin", [("le 19 juin", "2025-06-19", "about")]),
        # Relative expressions, resolved from the anchor.
        ("fr", "signé l'année dernière", [("l'année dernière", "2024", "about")]),
        ("fr", "signé l’année dernière", [("l’année dernière", "2024", "about")]),
        ("fr", "la semaine prochaine", [("la semaine prochaine", "2025-W29", "about")]),
        ("fr", "le mois dernier", [("le mois dernier", "2025-06", "about")]),
        ("fr", "arrivé hier", [("hier", "2025-07-12", "about")]),
        ("fr", "il y a deux ans", [("il y a deux ans", "2023", "about")]),
        ("fr", "dans trois semaines", [("dans trois semaines", "2025-W31", "about")]),
        ("fr", "l'an prochain", [("l'an prochain", "2026", "about")]),
        ("en", "last year", [("last year", "2024", "about")]),
        ("en", "next week", [("next week", "2025-W29", "about")]),
        ("en", "in two weeks", [("in two weeks", "2025-W30", "about")]),
        ("en", "the vote is in two weeks", [("in two weeks", "2025-W30", "about")]),
        ("en", "it has said it will vote in two weeks", [("in two weeks", "2025-W30", "about")]),
        ("en", "two years ago", [("two years ago", "2023", "about")]),
        ("en", "yesterday", [("yesterday", "2025-07-12", "about")]),
        # The date a statement was made.
        ("en", "Lavrov said on June 19, 2024 that", [("on June 19, 2024", "2024-06-19", "made")]),
        ("fr", "Il a déclaré le 19 juin 2024 que", [("le 19 juin 2024", "2024-06-19", "made")]),
    ],
)
def test_each_pattern(lang, text, expected):
    assert found(text, lang) == expected


def test_relative_dates_keep_their_trail():
    (pact,) = find_dates("signé l'année dernière", "fr", ANCHOR)
    assert pact.spec.relative and pact.spec.anchor == ANCHOR
    assert parse_date(pact.spec.to_spec()) == pact.spec
    assert "resolved from 2025-07-13" in pact.reason


def test_without_anchor_relative_dates_stay_unresolved():
    dates = find_dates("l'année dernière, le 19 juin, le 19 juin 2024", "fr", None)
    assert [(d.spec.text, d.spec.value, d.spec.precision) for d in dates] == [
        ("l'année dernière", None, "year"),
        ("le 19 juin 2024", date(2024, 6, 19), "day"),
    ]
    assert "unresolved" in dates[0].reason


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "le 31 février 2024"),  # no such day
        ("en", "you may 5 times"),  # a modal verb, not a month
        ("fr", "25 000 soldats et 2 000 chars"),  # numbers, not years
        ("en", "the 2024 budget"),  # a bare year stays a number's business
        ("fr", "il y a treize ans"),  # a number word past twelve: left to the reviewer
        ("en", "in the early 1960s"),  # a decade
        ("en", "the lowest tax rate in 70 years"),  # durations, not dates ahead
        ("en", "prices have doubled in two years"),
    ],
)
def test_not_dates(lang, text):
    assert found(text, lang) == []


def test_unknown_language_is_a_clean_error():
    with pytest.raises(InvalidInput, match="unsupported language"):
        find_dates("2024", "es", ANCHOR)


@given(
    text=st.lists(
        st.sampled_from(
            [
                *"0123456789 /-.,'’",
                "le ",
                "en ",
                "in ",
                "juin ",
                "June ",
                "l'année dernière",
                "last year",
                "il y a ",
                "deux ",
                "ans",
                "two ",
                "years ago",
                "hier",
                "1er ",
                "\n",
                "é",
            ]
        ),
        max_size=60,
    ).map("".join),
    lang=st.sampled_from(["fr", "en"]),
    anchor=st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31))),
)
def test_any_text_gives_well_formed_spans(text, lang, anchor):
    end = 0
    for found_date in find_dates(text, lang, anchor):
        assert end <= found_date.start < found_date.end <= len(text)
        assert found_date.spec.text == text[found_date.start : found_date.end]
        assert (found_date.spec.value is None) == (found_date.spec.relative and anchor is None)
        assert parse_date(found_date.spec.to_spec()) == found_date.spec
        end = found_date.end
