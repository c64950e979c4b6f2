"""The one rating scale: every label and value gives a verdict or none, never an exception."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.ratings import BANDS, LABELS, SCALE, label_map, verdict_for
from factdb.vocab import VERDICTS
from tests.helpers import SHARED

XFACT = SHARED / "data" / "xfact_label_maps"


# --- labels and values ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "value", "best", "worst", "verdict"),
    [
        ("False", "ignored", None, None, "false"),
        ("Falso", None, None, None, "false"),
        ("FAUX", None, None, None, "false"),
        ("Engañoso", 2, 5, 1, "misleading"),
        ("enganoso", None, None, None, "misleading"),
        ("Trompeur", None, None, None, "misleading"),
        ("Mostly false", 2, 5, 1, "misleading"),
        ("Pants on Fire!", None, None, None, "false"),
        ("Globalement correct", None, None, None, "mostly_true"),
        ("Verdadeiro, mas...", None, None, None, "mostly_true"),
        ("गलत", None, None, None, "false"),
        ("ग़लत", None, None, None, "false"),  # with a nukta
        ("Größtenteils falsch", None, None, None, "misleading"),
        ("Four Pinocchios", None, None, None, "false"),
        ("भ्रामक", None, None, None, "misleading"),
        ("Non prouvé", None, None, None, "unverifiable"),
        ("Unverifiable", None, None, None, "unverifiable"),
        # The label wins over a number that says otherwise.
        ("True", 1, 5, 1, "true"),
        # Unknown label or none: the number's position on worst..best.
        ("Reker hat diesen Satz nie gesagt.", None, None, None, None),
        (None, 1, None, None, "false"),
        (None, 2, 5, 1, "misleading"),
        (None, 3, 5, 1, "misleading"),
        (None, 4, 5, 1, "mostly_true"),
        (None, 5, None, None, "true"),
        (None, 2, 6, 1, "false"),
        (None, 5, 6, 1, "mostly_true"),
        (None, 0, 10, 0, "false"),
        (None, 10, 10, 0, "true"),
        # A reversed scale (1 is best) is read the same way.
        (None, 1, 1, 5, "true"),
        (None, 7, 5, 1, None),
        (None, 3, 3, 3, None),
        ("satire", None, None, None, None),
    ],
)
def test_verdict_for_labels_in_many_languages_and_numbers(label, value, best, worst, verdict):
    number = value if isinstance(value, int) else None
    assert verdict_for(label, number, best, worst) == verdict


def test_label_table_entries_are_all_verdicts():
    table = label_map()
    assert len(table) > 150
    assert table["enganoso"] == "misleading"
    assert set(table.values()) == set(VERDICTS)


XFACT_CLASSES = {
    "true": "true",
    "mostly true": "mostly_true",
    "partly true/misleading": "misleading",
    "mostly false": "misleading",
    "false": "false",
    "complicated/hard to categorise": "unverifiable",
}
# The sites whose languages factdb's table covers (English, French, Spanish, Portuguese,
# German, and the English labels of the Indian sites).
XFACT_SITES = [
    "fr.africacheck.org",
    "chequeado.com",
    "aosfatos.org",
    "apublica.org",
    "piaui.folha.uol.com.br",
    "poligrafo.sapo.pt",
    "hindi.newschecker.in",
    "punjabi.newschecker.in",
    "aajtak.in",
    "politifact.com",
    "correctiv.org",
    "faktistfakt.com",
]


@cache
def xfact_classes() -> dict[str, str]:
    """X-Fact's English label → class, with the ambiguous ``incomplete`` left out."""
    classes: dict[str, str] = {}
    for line in (XFACT / "master_mapping.tsv").read_text(encoding="utf-8").splitlines():
        cls, labels = line.split("\t")
        for label in labels.split("|"):
            if label in classes:
                classes[label] = "ambiguous"
            else:
                classes[label] = cls
    return classes


@pytest.mark.skipif(not XFACT.is_dir(), reason=f"X-Fact label maps not found at {XFACT}")
def test_english_labels_map_to_their_xfact_class():
    for label, cls in xfact_classes().items():
        expected = XFACT_CLASSES.get(cls)
        assert verdict_for(label) == expected, (label, cls)


@pytest.mark.skipif(not XFACT.is_dir(), reason=f"X-Fact label maps not found at {XFACT}")
@pytest.mark.parametrize("site", XFACT_SITES)
def test_native_labels_map_like_xfact(site):
    checked = 0
    for line in (XFACT / f"{site}.txt").read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue  # a methodology URL heading the file
        native, english = line.split("\t")
        cls = xfact_classes().get(english.strip().lower()) or xfact_classes().get(
            english.split("/")[0].strip().lower()
        )
        subtype = english.removeprefix("other/")
        if subtype != english and xfact_classes().get(subtype, "other") != "other":
            continue  # "other/underestimated" here, "underestimated" at other sites
        if len(native) > 60 or cls == "ambiguous":
            continue
        assert verdict_for(native) == XFACT_CLASSES.get(cls or "other"), (native, english)
        checked += 1
    assert checked >= 3


RANK = {verdict: rank for rank, (_, verdict) in enumerate(BANDS)}
ratings = st.one_of(
    st.none(), st.integers(-20, 20), st.floats(allow_nan=False, allow_infinity=False)
)


@given(label=st.none() | st.text(max_size=80), value=ratings, best=ratings, worst=ratings)
def test_rating_mapper_gives_a_verdict_or_none_for_anything(label, value, best, worst):
    assert verdict_for(label, value, best, worst) in (*VERDICTS, None)


@given(
    worst=st.integers(-5, 5), span=st.integers(1, 10), a=st.integers(0, 10), b=st.integers(0, 10)
)
def test_a_higher_number_never_gets_a_worse_verdict(worst, span, a, b):
    best = worst + span
    low, high = sorted((worst + min(a, span), worst + min(b, span)))
    assert RANK[verdict_for(None, low, best, worst)] <= RANK[verdict_for(None, high, best, worst)]


@pytest.mark.parametrize(
    ("label", "value", "worst", "best", "verdict"),
    [
        ("Faux", None, None, None, "false"),
        ("FAUX", 5, 1, 5, "false"),
        ("Trompeur/faux", None, None, None, "misleading"),
        ("Contexte manquant", None, None, None, "misleading"),
        ("Infondé", None, None, None, "unverifiable"),
        ("Mostly False", None, None, None, "misleading"),
        ("Altered Image", None, None, None, "false"),
        ("Other", None, None, None, None),
        ("-", 1, 5, 1, "true"),
        ("-", 1, 1, 5, "false"),
        ("-", 3, 1, 5, "misleading"),
        ("-", 9, 1, 5, None),
        ("", None, None, 1, None),
    ],
)
def test_claimskg_labels_and_values(label, value, worst, best, verdict):
    assert verdict_for(label, value, best, worst) == verdict


@given(
    label=st.none() | st.text(max_size=80) | st.integers() | st.lists(st.text(), max_size=2),
    value=st.none() | st.text(max_size=20) | st.floats() | st.integers() | st.booleans(),
    best=st.none() | st.text(max_size=20) | st.floats() | st.integers(),
    worst=st.none() | st.text(max_size=20) | st.floats() | st.integers(),
)
def test_any_label_or_value_gives_a_verdict_or_none(label, value, best, worst):
    assert verdict_for(label, value, best, worst) in (*VERDICTS, None)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_factdb_own_scale_reads_back_as_the_verdict_written(verdict):
    assert verdict_for(LABELS[verdict]) == verdict
    if SCALE[verdict] is not None:
        assert verdict_for(None, SCALE[verdict], 5, 1) == verdict


@pytest.mark.parametrize(
    ("label", "verdict"),
    [
        ("pants-fire", "false"),
        ("barely-true", "misleading"),
        ("half-true", "misleading"),
        ("mostly-true", "mostly_true"),
        ("false", "false"),
        ("true", "true"),
    ],
)
def test_liar_labels(label, verdict):
    assert verdict_for(label) == verdict


def test_one_value_one_verdict_whichever_importer():
    """1.8 on 1..5 was false through one map and misleading through the other."""
    assert verdict_for(None, 1.8, 5, 1) == verdict_for("-", "1.8", "5", "1") == "false"
