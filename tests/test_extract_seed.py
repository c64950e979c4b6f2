"""Extraction on the seed article against its gold annotation (tests/data/seed-gold.yaml),
and the round trip the issue asks for: extract, load, same figures and dates as the
hand-made fixtures."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from factdb.extract.names import Actor
from factdb.extract.pipeline import extract
from tests.helpers import ROOT, SEED, load_benchmark

GOLD = ROOT / "tests" / "data" / "seed-gold.yaml"


@functools.cache
def gold() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(GOLD.read_text(encoding="utf-8"))


def seed_actors() -> list[Actor]:
    from ruamel.yaml import YAML

    speakers = YAML(typ="safe").load(SEED.read_text(encoding="utf-8"))["speakers"]
    return [Actor(s["name"], tuple(s.get("aliases", ()))) for s in speakers]


def article() -> str:
    return (GOLD.parent / gold()["article"]).resolve().read_text(encoding="utf-8").strip()


@pytest.fixture(params=[False, True], ids=["rules", "spacy"])
def use_spacy(request) -> bool:
    if request.param:
        from factdb.extract import nlp

        if not nlp.available("fr"):
            pytest.skip("spaCy and fr_core_news_sm are not installed (the nlp extra)")
    return request.param


def test_gold_spans_are_the_article_text():
    text = article()
    for claim in gold()["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["span"], claim["key"]


def test_seed_every_fixture_figure_and_date_is_proposed(use_spacy):
    data = gold()
    result = extract(article(), lang="fr", anchor=data["anchor"], actors=seed_actors(),
                     use_spacy=use_spacy)  # fmt: skip
    scoring = load_benchmark("scoring")
    claims = [scoring.gold_claim(c, data["anchor"]) for c in data["claims"]]
    proposed_figures = {(*scoring.figure_key(f.spec), f.spec.unit, f.spec.per)
                        for c in result.candidates for f in c.figures}  # fmt: skip
    for claim in claims:
        for figure in claim.figures:
            assert (*scoring.figure_key(figure), figure.unit, figure.per) in proposed_figures
    proposed_dates = {(d.spec.iso(), d.spec.precision, d.spec.anchor)
                      for c in result.candidates for d in c.dates}  # fmt: skip
    assert proposed_dates == {("2024", "year", data["anchor"])}
    scores = scoring.score(result.candidates, claims)
    assert scores.figures.recall == scores.dates.recall == 1.0
    assert scores.figures.precision >= 0.8 and scores.dates.precision >= 0.8
    assert scores.spans.recall >= 11 / 12 and scores.spans.precision >= 0.8
    assert scores.speakers.recall == 1.0 and scores.speakers.precision >= 0.8


def test_seed_speakers_relay_and_modality_of_the_troops_claim():
    result = extract(article(), lang="fr", anchor=gold()["anchor"], actors=seed_actors(),
                     use_spacy=False)  # fmt: skip
    by_text = {c.text: c for c in result.candidates}
    troops = by_text[gold()["claims"][1]["span"]]
    assert (troops.claimant.name, troops.relay.name) == ("Corée du Nord", "Sergueï Lavrov")
    assert troops.claimant.known and troops.modality == "possible"
    assert "figures" in troops.reason and troops.confidence > 0.5
    decision = by_text["la décision appartient à la Corée du Nord"]
    assert (decision.claimant.name, decision.relay, decision.modality) == (
        "Sergueï Lavrov", None, "reported")  # fmt: skip
    flights = by_text[gold()["claims"][0]["span"]]
    assert (flights.claimant.name, flights.modality) == ("Russie", "announced")
    victory = next(c for c in result.candidates if "victoire certaine" in c.text)
    assert (victory.attribution, victory.claimant.name) == ("direct", "Kim Jong Un")
    assert result.new_speakers == []


def numbers(claims: list[dict]) -> tuple[list, list]:
    figures = sorted(
        (f["kind"], f["value"], f["low"], f["high"], f["unit"], f["per"])
        for c in claims
        for f in c["figures"]
    )
    dates = sorted((d["value"], d["precision"]) for c in claims for d in c["dates"])
    return figures, dates


def test_loading_the_extracted_seed_gives_the_fixtures_figures_and_dates(cli, tmp_path: Path):
    review = tmp_path / "seed-review.yaml"
    extracted = cli("extract", str(ROOT / "fixtures" / "article-pyongyang-moscou.txt"),
                    "--published", "2025-07-13", "--title", "Pyongyang et Moscou",
                    "--no-spacy", "-o", str(review))  # fmt: skip
    assert extracted.exit_code == 0, extracted.output
    assert "wrote 13 candidate claim(s)" in extracted.stderr
    loaded = cli("load", str(review))
    assert loaded.exit_code == 0, loaded.output
    assert "created 1 sources, 4 speakers, 13 claims" in loaded.stdout
    assert cli("load", str(SEED)).exit_code == 0
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    ours = [c for c in claims if c["source"]["id"] == 1]
    fixtures = [c for c in claims if c["source"]["id"] == 2]
    assert len(ours) == 13 and len(fixtures) == 12
    assert numbers(ours) == numbers(fixtures)
    troops = next(c for c in ours if "25 000" in c["text"])
    appearance = troops["appearances"][0]
    text = (ROOT / "fixtures" / "article-pyongyang-moscou.txt").read_text(encoding="utf-8")
    assert text.strip()[appearance["start"] : appearance["end"]] == troops["text"]
    assert (troops["claimant"], troops["relay"], troops["modality"]) == (
        "Corée du Nord", "Sergueï Lavrov", "possible")  # fmt: skip
