"""Sentence splitting, names, attribution and modality: the rule layer of extraction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factdb.extract.attribution import statements
from factdb.extract.modality import modality
from factdb.extract.names import Actor, Directory, all_mentions, canonical
from factdb.extract.sentences import split_sentences

DIRECTORY = Directory(
    [
        Actor("Sergueï Lavrov", ("Lavrov", "Sergey Lavrov")),
        Actor("Corée du Nord", ("North Korea", "Pyongyang")),
        Actor("Russie", ("Russia", "Moscou")),
    ]
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_sentences_keep_quotes_abbreviations_and_decimals_together():
    text = (
        "M. Dupont a parlé. « Nous gagnerons. Nous tiendrons. » Il reste 1.5 million "
        "d'euros, selon le U.S. Army Corps.\nUn titre sans point\nFin !"
    )
    assert texts(text) == [
        "M. Dupont a parlé.",
        "« Nous gagnerons. Nous tiendrons. »",
        "Il reste 1.5 million d'euros, selon le U.S. Army Corps.",
        "Un titre sans point",
        "Fin !",
    ]


def test_sentence_offsets_point_into_the_text():
    text = "  First one. Second one?  \n\nThird “quoted. still” one.  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
    assert texts(text) == ["First one.", "Second one?", "Third “quoted. still” one."]


def test_a_statistical_splitter_can_only_veto_rule_boundaries():
    text = "Il a dit non. Elle a dit oui. Fin"
    # A splitter that sees one sentence start, after "non.": the boundary after "oui."
    # goes, and the one it proposes mid-sentence is never added.
    assert texts_with(text, lambda line: {0, 14, 20}) == ["Il a dit non.", "Elle a dit oui. Fin"]
    assert texts_with(text, lambda line: {0}) == [text]


def texts_with(text: str, veto) -> list[str]:
    return [s.text for s in split_sentences(text, veto)]


@given(st.text(alphabet=st.sampled_from(list('ab .!?«»“”"\n1,5MJ')), max_size=80))
def test_sentences_cover_every_word_once_whatever_the_text(text):
    sentences = split_sentences(text)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)
    joined = "".join(s.text for s in sentences)
    assert joined.replace(" ", "") == "".join(text.split())


def test_known_aliases_win_over_capitalised_runs_and_ignore_accents_and_case():
    found = all_mentions("Selon SERGUEI LAVROV, Kim Jong Un ira à Pyongyang.", DIRECTORY)
    assert [m.text for m in found] == ["SERGUEI LAVROV", "Kim Jong Un", "Pyongyang"]
    proposed: dict[str, str] = {}
    assert canonical("la Corée du Nord", DIRECTORY, proposed) == ("Corée du Nord", True)
    assert canonical("Kim Jong Un", DIRECTORY, proposed) == ("Kim Jong Un", False)
    assert canonical("Kim", DIRECTORY, proposed) == ("Kim Jong Un", False)


def parts(sentence: str, lang: str = "fr") -> list[tuple]:
    out = []
    for s in statements(sentence, lang, all_mentions(sentence, DIRECTORY)):
        out.append(
            (
                sentence[s.start : s.end],
                s.claimant and s.claimant.text,
                s.relay and s.relay.text,
                s.attribution,
            )
        )
    return out


def test_hearsay_with_a_possibility_makes_the_actor_claimant_and_the_speaker_relay():
    sentence = (
        "Selon Sergueï Lavrov, la décision appartient à la Corée du Nord, qui pourrait "
        "déployer 30 000 soldats."
    )
    assert parts(sentence) == [
        ("la décision appartient à la Corée du Nord", "Sergueï Lavrov", None, "reported"),
        (
            "la Corée du Nord, qui pourrait déployer 30 000 soldats",
            "Corée du Nord",
            "Sergueï Lavrov",
            "reported",
        ),
    ]


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (
            "Kim Jong Un a réaffirmé un soutien « inconditionnel » à la Russie, assurant que "
            "la guerre finira bientôt.",
            "fr",
            [
                ("Kim Jong Un a réaffirmé un soutien « inconditionnel » à la Russie",
                 "Kim Jong Un", None, "direct"),
                ("la guerre finira bientôt", "Kim Jong Un", None, "reported"),
            ],
        ),
        (
            "« Nous ne reculerons pas », a déclaré Emmanuel Macron.",
            "fr",
            [("« Nous ne reculerons pas »", "Emmanuel Macron", None, "direct")],
        ),
        (
            "Le Kremlin a affirmé que 200 drones avaient été abattus, renforçant ainsi sa "
            "défense.",
            "fr",
            [("200 drones avaient été abattus", "Kremlin", None, "reported")],
        ),
        (
            "According to Lavrov, Russia could send 3,000 troops.",
            "en",
            [("Russia could send 3,000 troops", "Russia", "Lavrov", "reported")],
        ),
        (
            "John Kirby told reporters that 10,000 soldiers were in Kursk.",
            "en",
            [("10,000 soldiers were in Kursk", "John Kirby", None, "reported")],
        ),
        (
            "“We will win,” Zelensky said.",
            "en",
            [("“We will win,”", "Zelensky", None, "direct")],
        ),
        (
            "Prices rose by 5% last year, the ministry said.",
            "en",
            [("Prices rose by 5% last year", "the ministry", None, "reported")],
        ),
        (
            "Selon un communiqué publié hier, 40 soldats sont morts.",
            "fr",
            [("Selon un communiqué publié hier, 40 soldats sont morts", None, None,
              "unattributed")],
        ),
        (
            "Au moins 12 drones ont été abattus, a affirmé l'armée de l'air.",
            "fr",
            [("Au moins 12 drones ont été abattus", "l'armée de l'air", None, "reported")],
        ),
        (
            "Le ministère de la Défense a annoncé la livraison de 1,5 million d'obus.",
            "fr",
            [("Le ministère de la Défense a annoncé la livraison de 1,5 million d'obus",
              "Le ministère de la Défense", None, "reported")],
        ),
        (
            "La Corée du Nord fournit des obus à la Russie, qui soutient Pyongyang.",
            "fr",
            [
                ("La Corée du Nord fournit des obus à la Russie", None, None, "unattributed"),
                ("la Russie, qui soutient Pyongyang", None, None, "unattributed"),
            ],
        ),
    ],
)  # fmt: skip
def test_statements(sentence, lang, expected):
    assert parts(sentence, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "hearsay", "expected"),
    [
        ("la Corée du Nord pourrait déployer des soldats", "fr", False, "possible"),
        ("Moscou envisage un vol direct", "fr", True, "possible"),
        ("Russia plans to open a route", "en", False, "possible"),
        ("prices are expected to rise", "en", False, "possible"),
        ("l'annonce de l'ouverture d'un vol", "fr", False, "announced"),
        ("the airline announced two flights", "en", False, "announced"),
        ("la décision appartient à Pyongyang", "fr", True, "reported"),
        ("the army took the town", "en", False, "asserted"),
    ],
)
def test_modality(text, lang, hearsay, expected):
    assert modality(text, lang, hearsay=hearsay)[0] == expected
