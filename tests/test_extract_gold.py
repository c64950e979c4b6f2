"""How good the finders are: precision and recall over the hand-annotated sentences, per
language, and every figure and date of the seed article's hand-made fixtures."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from factdb.dates import parse_date
from factdb.extract.dates import find_dates
from factdb.extract.figures import find_figures
from factdb.figures import parse_figure

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "data" / "extraction_sentences.yaml"
SEED_TEXT = ROOT / "fixtures" / "article-pyongyang-moscou.txt"
SEED_FIXTURES = ROOT / "fixtures" / "seed-pyongyang-moscou.yaml"
SEED_ANCHOR = date(2025, 7, 13)
FLOOR = 0.90


def figure_key(spec):
    """What must match: kind, numbers, unit and period; the words may differ."""
    return (spec.kind, spec.value, spec.low, spec.high, spec.unit, spec.per)


def date_key(spec):
    return (spec.value, spec.precision)


def load_sentences() -> list[dict]:
    return YAML(typ="safe").load(SENTENCES.read_text(encoding="utf-8"))


def found_keys(entry: dict) -> tuple[Counter, Counter]:
    text, lang, anchor = entry["text"], entry["lang"], entry["anchor"]
    figures = Counter(figure_key(f.spec) for f in find_figures(text, lang))
    dates = Counter(date_key(d.spec) for d in find_dates(text, lang, anchor))
    return figures, dates


def gold_keys(entry: dict) -> tuple[Counter, Counter]:
    figures = Counter(figure_key(parse_figure(spec)) for spec in entry["figures"])
    dates = Counter(date_key(parse_date(spec)) for spec in entry["dates"])
    return figures, dates


def scores(lang: str) -> dict[str, tuple[float, float, list[str]]]:
    """(precision, recall, misses) for figures and dates over one language's sentences."""
    totals = {what: Counter() for what in ("figures", "dates")}
    misses: dict[str, list[str]] = {"figures": [], "dates": []}
    for entry in load_sentences():
        if entry["lang"] != lang:
            continue
        for what, found, gold in zip(totals, found_keys(entry), gold_keys(entry), strict=True):
            matched = sum((found & gold).values())
            totals[what].update(matched=matched, found=sum(found.values()), gold=sum(gold.values()))
            if found != gold:
                misses[what].append(
                    f"{entry['text']!r}: found {found - gold}, missed {gold - found}"
                )
    return {
        what: (t["matched"] / max(t["found"], 1), t["matched"] / max(t["gold"], 1), misses[what])
        for what, t in totals.items()
    }


def test_the_gold_file_is_large_and_well_formed():
    entries = load_sentences()
    languages = Counter(entry["lang"] for entry in entries)
    assert len(entries) >= 60 and languages["fr"] >= 30 and languages["en"] >= 30
    for entry in entries:
        assert set(entry) == {"lang", "anchor", "text", "speaker", "modality", "figures", "dates"}
        assert entry["modality"] in ("asserted", "reported", "possible", "announced")
        for spec in entry["figures"]:
            words = parse_figure(spec).text
            assert words is None or words in entry["text"], spec
        for spec in entry["dates"]:
            words = parse_date(spec).text
            assert words in entry["text"], spec


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("what", ["figures", "dates"])
def test_precision_and_recall_on_the_annotated_sentences(lang, what):
    precision, recall, misses = scores(lang)[what]
    assert precision >= FLOOR and recall >= FLOOR, "\n".join(misses)


def test_every_figure_and_date_of_the_seed_article_is_found():
    fixtures = YAML(typ="safe").load(SEED_FIXTURES.read_text(encoding="utf-8"))
    gold_figures = Counter(
        figure_key(parse_figure(spec))
        for claim in fixtures["claims"]
        for spec in claim.get("figures", [])
    )
    gold_dates = Counter(
        date_key(parse_date(spec))
        for claim in fixtures["claims"]
        for spec in claim.get("dates", [])
    )
    text = SEED_TEXT.read_text(encoding="utf-8")
    figures = Counter(figure_key(f.spec) for f in find_figures(text, "fr"))
    dates = Counter(date_key(d.spec) for d in find_dates(text, "fr", SEED_ANCHOR))
    assert gold_figures and gold_dates
    assert gold_figures - figures == Counter()
    assert gold_dates - dates == Counter()
