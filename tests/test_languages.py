"""Offline language detection of imported claims: a language, or und when it cannot tell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdb.languages import CANDIDATES, UNDETERMINED, detect


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The US Centers for Disease Control lied about the number of deaths", "en"),
        ("Le gouvernement a menti sur les chiffres du chômage cette année", "fr"),
        ("George Soros é dono de fábrica de vacinas contra a covid", "pt"),
        ("Fotomontaje de un cartel publicitario en Madrid", "es"),
        ("Im Netz sorgt ein angeblich von Henriette Reker stammendes Zitat", "de"),
        ("कानपुर में पुलिस ने लोगों पर लाठीचार्ज किया", "hi"),
    ],
)
def test_a_sentence_gets_its_language(text, code):
    assert detect(text) == code


@pytest.mark.parametrize("text", ["Faux", "ok computer", "", "12 000 000", "!!! ???"])
def test_too_short_to_tell_is_und(text):
    assert detect(text) == UNDETERMINED


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_candidate_language_or_und(text):
    assert detect(text) in (*CANDIDATES, UNDETERMINED)
