"""Extraction quality: precision and recall of `factdb extract` against the gold
annotations, per language, with rules only and with spaCy (the ``nlp`` extra).

    .venv/bin/python benchmarks/extraction.py            # both modes when spaCy is installed
    .venv/bin/python benchmarks/extraction.py --no-spacy # rules only
    .venv/bin/python benchmarks/extraction.py --json

Corpora: the seed article (tests/data/seed-gold.yaml, French, with claim spans and
speakers) and the annotated sentences (tests/data/extraction_sentences.yaml, French
and English, one speaker per sentence). What counts as a match is in
benchmarks/scoring.py. Floors from the issue: on the seed, figures and dates at
recall 1.0 and precision 0.8; on the sentences, figures and dates at 0.9 both ways.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).parent))
from scoring import Score, Scores, gold_claim, score

from factdb.extract import nlp
from factdb.extract.names import Actor
from factdb.extract.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.yaml"
SENTENCES = ROOT / "tests" / "data" / "extraction_sentences.yaml"
METRICS = ("figures", "dates", "speakers", "spans")
FLOORS = {
    "seed": {"figures": (0.8, 1.0), "dates": (0.8, 1.0)},
    "sentences": {"figures": (0.9, 0.9), "dates": (0.9, 0.9)},
}


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def seed_scores(use_spacy: bool) -> Scores:
    gold = load(SEED_GOLD)
    speakers = load((SEED_GOLD.parent / gold["actors"]).resolve())["speakers"]
    actors = [Actor(s["name"], tuple(s.get("aliases", ()))) for s in speakers]
    text = (SEED_GOLD.parent / gold["article"]).resolve().read_text(encoding="utf-8").strip()
    result = extract(text, lang=gold["lang"], anchor=gold["anchor"], actors=actors,
                     use_spacy=use_spacy)  # fmt: skip
    return score(result.candidates, [gold_claim(c, gold["anchor"]) for c in gold["claims"]])


def sentence_scores(use_spacy: bool) -> dict[str, Scores]:
    by_lang: dict[str, Scores] = {}
    for entry in load(SENTENCES):
        anchor, lang = entry["anchor"], entry["lang"]
        result = extract(entry["text"], lang=lang, anchor=anchor, use_spacy=use_spacy)
        gold = gold_claim(
            {"claimant": entry["speaker"], "figures": entry["figures"], "dates": entry["dates"]},
            anchor,
        )
        by_lang.setdefault(lang, Scores()).add(score(result.candidates, [gold]))
    return by_lang


def run(modes: list[bool]) -> list[dict]:
    rows = []
    for use_spacy in modes:
        mode = "spacy" if use_spacy else "rules"
        started = time.perf_counter()
        results = [("seed", "fr", seed_scores(use_spacy))]
        by_lang = sorted(sentence_scores(use_spacy).items())
        results += [("sentences", lang, s) for lang, s in by_lang]
        if use_spacy:  # a language without its model ran on rules: already in the rules rows
            results = [r for r in results if nlp.available(r[1])]
        seconds = time.perf_counter() - started
        for corpus, lang, scores in results:
            row = {"corpus": corpus, "lang": lang, "mode": mode, "seconds": round(seconds, 2)}
            for metric in METRICS:
                s: Score = getattr(scores, metric)
                row[metric] = {
                    "precision": round(s.precision, 3) if s.proposed else None,
                    "recall": round(s.recall, 3) if s.gold else None,
                    "matched": s.matched,
                    "proposed": s.proposed,
                    "gold": s.gold,
                }
            row["floors_met"] = floors_met(corpus, row)
            rows.append(row)
    return rows


def floors_met(corpus: str, row: dict) -> bool:
    return all(
        (row[m]["precision"] or 0) >= p and (row[m]["recall"] or 0) >= r
        for m, (p, r) in FLOORS[corpus].items()
    )


def table(rows: list[dict]) -> str:
    head = ["corpus", "lang", "mode", *(f"{m} P/R (n)" for m in METRICS), "floors"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [row["corpus"], row["lang"], row["mode"]]
        for metric in METRICS:
            m = row[metric]
            if not m["gold"] and not m["proposed"]:
                cells.append("n/a")
                continue
            p = "-" if m["precision"] is None else f"{m['precision']:.2f}"
            r = "-" if m["recall"] is None else f"{m['recall']:.2f}"
            cells.append(f"{p}/{r} ({m['matched']}/{m['proposed']}/{m['gold']})")
        cells.append("met" if row["floors_met"] else "BELOW")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("(n) = matched/proposed/gold")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-spacy", action="store_true", help="rules only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    modes = [False]
    if not args.no_spacy:
        if nlp.available("fr") or nlp.available("en"):
            modes.append(True)
        else:
            print("spaCy or its models are not installed: rules only", file=sys.stderr)
    rows = run(modes)
    spacy_models = {lang: nlp.available(lang) for lang in nlp.MODELS} if len(modes) > 1 else {}
    if args.json:
        print(json.dumps({"rows": rows, "spacy_models": spacy_models}, indent=2))
    else:
        print(table(rows))
        if spacy_models:
            missing = [nlp.MODELS[lang] for lang, ok in spacy_models.items() if not ok]
            if missing:
                print(f"no spacy rows for {', '.join(missing)}: not installed (rules only)")
    return 0 if all(r["floors_met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
