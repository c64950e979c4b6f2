"""The figure finder: one case per pattern in French and English, the false positives it
must leave out, and properties over any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.errors import InvalidInput
from factdb.extract.figures import find_figures
from factdb.figures import parse_figure


def found(text: str, lang: str) -> list[str]:
    """Each figure as its canonical spec, with the words cut from the text by its offsets."""
    figures = find_figures(text, lang)
    for figure in figures:
        assert figure.spec.text == text[figure.start : figure.end]
    return [f.spec.to_spec() for f in figures]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Digits in French and English styles.
        ("fr", "Il y a 25\u202f000 soldats.", ["25000 soldiers | 25\u202f000 soldats"]),
        ("fr", "Il y a 25\u00a0000 obus.", ["25000 shells | 25\u00a0000 obus"]),
        ("fr", "Il y a 25 000 obus.", ["25000 shells | 25 000 obus"]),
        ("en", "They sent 25,000 troops.", ["25000 soldiers | 25,000 troops"]),
        ("fr", "Ils ont 25.000 missiles.", ["25000 missiles | 25.000 missiles"]),
        ("fr", "1,5 million d'habitants", ["1500000 people | 1,5 million d'habitants"]),
        ("en", "1.5 million people", ["1500000 people | 1.5 million people"]),
        ("fr", "un taux de 30 %", ["30 percent | 30 %"]),
        ("en", "a 30% rise", ["30 percent | 30%"]),
        ("en", "2.5 per cent", ["2.5 percent | 2.5 per cent"]),
        ("fr", "une hausse de 3 points de pourcentage", ["3 points | 3 points de pourcentage"]),
        ("en", "1,000.5 tonnes", ["1000.5 tonnes | 1,000.5 tonnes"]),
        # Number words.
        ("fr", "vingt-cinq mille soldats", ["25000 soldiers | vingt-cinq mille soldats"]),
        ("en", "twenty-five thousand soldiers", ["25000 soldiers | twenty-five thousand soldiers"]),
        ("fr", "deux soldats blessés", ["2 soldiers | deux soldats"]),
        ("en", "one hundred and five drones", ["105 drones | one hundred and five drones"]),
        ("en", "a dozen ships", ["12 ships | a dozen ships"]),
        # Ranges.
        (
            "fr",
            "entre 25 000 et 30 000 soldats",
            ["25000..30000 soldiers | entre 25 000 et 30 000 soldats"],
        ),
        (
            "en",
            "between 25,000 and 30,000 soldiers",
            ["25000..30000 soldiers | between 25,000 and 30,000 soldiers"],
        ),
        (
            "fr",
            "de 25 000 à 30 000 soldats",
            ["25000..30000 soldiers | de 25 000 à 30 000 soldats"],
        ),
        ("en", "25,000-30,000 soldiers", ["25000..30000 soldiers | 25,000-30,000 soldiers"]),
        (
            "fr",
            "entre vingt-cinq mille et trente mille soldats",
            ["25000..30000 soldiers | entre vingt-cinq mille et trente mille soldats"],
        ),
        (
            "en",
            "between 1 and 2 million people",
            ["1000000..2000000 people | between 1 and 2 million people"],
        ),
        ("fr", "entre 20 % et 30 %", ["20..30 percent | entre 20 % et 30 %"]),
        ("fr", "deux ou trois navires", ["2..3 ships | deux ou trois navires"]),
        # Bounds and approximations.
        ("fr", "plus de 10 000 morts", [">10000 deaths | plus de 10 000 morts"]),
        ("fr", "près de 3 000 réfugiés", ["~3000 refugees | près de 3 000 réfugiés"]),
        ("fr", "au moins 12 drones", [">=12 drones | au moins 12 drones"]),
        ("fr", "environ 500 chars", ["~500 tanks | environ 500 chars"]),
        ("fr", "jusqu'à 40 missiles", ["<=40 missiles | jusqu'à 40 missiles"]),
        ("fr", "moins de 100 victimes", ["<100 casualties | moins de 100 victimes"]),
        ("fr", "une vingtaine de navires", ["~20 ships | une vingtaine de navires"]),
        ("fr", "3 000 soldats environ", ["~3000 soldiers | 3 000 soldats environ"]),
        ("en", "more than 10,000 deaths", [">10000 deaths | more than 10,000 deaths"]),
        ("en", "about 500 tanks", ["~500 tanks | about 500 tanks"]),
        ("en", "up to 30 missiles", ["<=30 missiles | up to 30 missiles"]),
        ("en", "at least 12 drones", [">=12 drones | at least 12 drones"]),
        ("en", "nearly 3,000 refugees", ["~3000 refugees | nearly 3,000 refugees"]),
        ("en", "fewer than 50 prisoners", ["<50 prisoners | fewer than 50 prisoners"]),
        # Vague magnitudes.
        ("fr", "des milliers de soldats", ["thousands of soldiers | des milliers de soldats"]),
        ("fr", "des dizaines de drones", ["tens of drones | des dizaines de drones"]),
        ("fr", "des centaines de missiles", ["hundreds of missiles | des centaines de missiles"]),
        (
            "fr",
            "des dizaines de milliers de civils",
            ["tens of thousands of people | des dizaines de milliers de civils"],
        ),
        ("en", "thousands of soldiers", ["thousands of soldiers | thousands of soldiers"]),
        ("en", "hundreds of drones", ["hundreds of drones | hundreds of drones"]),
        ("en", "dozens of missiles", ["tens of missiles | dozens of missiles"]),
        # Rates and frequencies; the counted noun may stand before the number.
        (
            "fr",
            "un vol direct deux fois par semaine",
            ["2 flights/week | deux fois par semaine"],
        ),
        ("en", "a direct flight twice a week", ["2 flights/week | twice a week"]),
        ("en", "3 per day", ["3 items/day | 3 per day"]),
        ("en", "three times a month", ["3 items/month | three times a month"]),
        ("fr", "10 000 obus chaque mois", ["10000 shells/month | 10 000 obus chaque mois"]),
        ("fr", "trois vols hebdomadaires", ["3 flights/week | trois vols hebdomadaires"]),
        ("en", "two weekly flights", ["2 flights/week | two weekly flights"]),
        ("fr", "40 vols par heure", ["40 flights/hour | 40 vols par heure"]),
        ("en", "300 shells an hour", ["300 shells/hour | 300 shells an hour"]),
        # Money.
        ("fr", "10 millions d'euros", ["10000000 EUR | 10 millions d'euros"]),
        ("en", "$5 billion in aid", ["5000000000 USD | $5 billion"]),
        ("en", "$932-million of spending", ["932000000 USD | $932-million"]),
        ("en", "8.2 billion gallons", ["8200000000 gallons | 8.2 billion gallons"]),
        ("en", "the lowest rate in 70 years", ["70 years | 70 years"]),
        ("en", "for eight years we cut taxes every year", ["8 years | eight years"]),
        ("fr", "5 milliards de dollars", ["5000000000 USD | 5 milliards de dollars"]),
        ("en", "more than €2 million", [">2000000 EUR | more than €2 million"]),
        # What is counted, after adjectives; a generic unit when nothing says.
        ("en", "25,000 North Korean soldiers", ["25000 soldiers | 25,000 North Korean soldiers"]),
        ("fr", "les 27 pays", ["27 pays | 27 pays"]),
        ("fr", "trois essais nucléaires", ["3 essais | trois essais"]),
        ("en", "three ballistic missile tests", ["3 items | three"]),
        ("en", "40 fighter jets", ["40 aircraft | 40 fighter jets"]),
        # Nouns no unit knows are proposed as new units.
        ("fr", "12 000 réacteurs", ["12000 réacteurs | 12 000 réacteurs"]),
        ("en", "2,000 beds were added", ["2000 beds | 2,000 beds"]),
        ("fr", "3 nouveaux chars", ["3 tanks | 3 nouveaux chars"]),
        ("en", "25 Patriot systems", ["25 Patriot systems | 25 Patriot systems"]),
        # Strict bounds and increments.
        ("en", "over 300 drones", [">300 drones | over 300 drones"]),
        ("en", "at least 300 drones", [">=300 drones | at least 300 drones"]),
        ("en", "6,000 more troops", ["+6000 soldiers | 6,000 more troops"]),
        ("en", "an additional 6,000 troops", ["+6000 soldiers | 6,000 troops"]),
        (
            "fr",
            "6 000 soldats supplémentaires",
            ["+6000 soldiers | 6 000 soldats supplémentaires"],
        ),
        ("fr", "6 000 soldats en plus", ["+6000 soldiers | 6 000 soldats en plus"]),
        # People killed are deaths.
        ("fr", "La guerre a tué 300 civils.", ["300 deaths | 300 civils"]),
        ("fr", "300 civils ont été tués.", ["300 deaths | 300 civils"]),
        ("en", "The strike killed more than 40 people.", [">40 deaths | more than 40 people"]),
        ("fr", "deux ont été blessés", ["2 casualties | deux ont été blessés"]),
        ("fr", "un accident tue 11 militants", ["11 deaths | 11 militants"]),
        # Repetitions without a period are counted; ratios are not figures.
        ("fr", "partagée plus de 30.000 fois", [">30000 items | plus de 30.000 fois"]),
        ("en", "shared 5,000 times", ["5000 items | 5,000 times"]),
        # A period after the thing counted and its complement.
        (
            "fr",
            "environ 200 tonnes de marchandises chaque semaine",
            ["~200 tonnes/week | environ 200 tonnes de marchandises chaque semaine"],
        ),
    ],
)
def test_each_pattern(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le 19 juin 2024, en 2024, en juillet 2025."),  # years and days of dates
        ("en", "On June 19, 2024 and in July 2025."),
        ("fr", "La réunion est à 14h30 ou à 9 h."),  # times of day
        ("en", "The call is at 3 pm or 10:30."),
        ("fr", "Appelez le 01 23 45 67 89 ou le +33 1 23 45 67 89."),  # phone numbers
        ("fr", "L'article 4 du traité et la résolution 2231."),  # references
        ("en", "Article 51 of the Charter, page 12."),
        ("fr", "Le 1er ministre et le 3e régiment."),  # ordinals
        ("en", "The 21st century, the 2nd battalion."),
        ("en", "The F-16 and COVID-19."),  # names with digits
        ("fr", "les deux nations, un vol direct, deux fois plus"),  # articles and ratios
        ("en", "one of them, the two countries, twice as many, three times more"),
        ("fr", "le covid 19 dure 10 mn"),
        ("en", "more than two-thirds, nearly a third, 3 out of 10, the 2011-13 budget"),
        ("fr", "un tiers, deux tiers, 3 sur 10"),
        ("en", "Six out of 10 states, since 9/11, the 20/20 program, 24/7, a 40-year low"),
        ("en", "nearly two decades"),
        ("fr", "près d'un tiers, deux ont parlé"),
        ("en", "nearly a third, two were heard"),
        ("fr", "il y a deux ans, dans trois semaines"),  # numbers inside relative dates
        ("en", "two years ago, in three weeks"),
        ("en", "the 2024 budget"),  # a bare year
        ("fr", "pendant six mois"),  # a duration with no unit in the vocabulary
    ],
)
def test_false_positives_left_out(lang, text):
    assert found(text, lang) == []


def test_spans_and_order_in_a_sentence():
    text = "Il a envoyé plus de 20 chars et 3 000 soldats, en plus des milliers déjà envoyés."
    figures = find_figures(text, "fr")
    assert [text[f.start : f.end] for f in figures] == [
        "plus de 20 chars",
        "3 000 soldats",
        "des milliers",
    ]
    assert figures[2].spec.unit == "soldiers"
    assert "earlier in the sentence" in figures[2].reason


def test_unknown_language_is_a_clean_error():
    with pytest.raises(InvalidInput, match="unsupported language 'de': use one of fr, en"):
        find_figures("25 000", "de")


@given(
    text=st.lists(
        st.sampled_from(
            [
                *"0123456789 ,.-%€$'’\u202f\u00a0/:h+",
                "de ",
                "et ",
                "entre ",
                "plus de ",
                "millions ",
                "mille ",
                "vingt",
                "-cinq ",
                "soldats",
                "par semaine",
                "fois ",
                "des milliers ",
                "between ",
                "and ",
                "twice",
                "a week ",
                "thousands of ",
                "about ",
                "deux ",
                "é",
                "\n",
                "\x00",
            ]
        ),
        max_size=80,
    ).map("".join),
    lang=st.sampled_from(["fr", "en"]),
)
def test_any_text_gives_well_formed_spans(text, lang):
    figures = find_figures(text, lang)
    end = 0
    for figure in figures:
        assert end <= figure.start < figure.end <= len(text)
        assert figure.spec.text == text[figure.start : figure.end]
        assert parse_figure(figure.spec.to_spec()) == figure.spec
        assert figure.reason
        end = figure.end


@given(text=st.text(max_size=200), lang=st.sampled_from(["fr", "en"]))
def test_any_unicode_text_never_raises(text, lang):
    for figure in find_figures(text, lang):
        assert figure.spec.text == text[figure.start : figure.end]
