"""Extraction finders on large and hostile texts: time grows linearly with the text.

Two ratios, each between measures taken in the same run, in CPU seconds of this process
(the machines are shared: wall-clock time would measure the neighbours):

- scaling: seconds per MB of ``find_figures`` + ``find_dates`` over ``--mb`` MB of news
  text (the seed article and the annotated sentences, repeated) against the same over a
  tenth of it. Linear time gives 1; target ≤ 1.5×.
- hostile input: seconds per MB over texts built to make patterns backtrack (a run of
  digits, of grouped digits, of number words, of spaces, one endless word, endless
  "des des …", dates back to back, "a-a-a…") against the news text of the same size; target ≤ 3×.

    python benchmarks/extract_finders.py              # 5 MB of news, 1 MB hostile
    python benchmarks/extract_finders.py --mb 1 --hostile-mb 0.2 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from factdb.extract.dates import find_dates
from factdb.extract.figures import find_figures

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = date(2025, 7, 13)
HOSTILE = {
    "a run of digits": "1",
    "grouped digits": "1 000 000 ",
    "separators": "1,000,",
    "number words": "vingt-cinq mille et ",
    "spaces": " ",
    "one word": "a",
    "des des": "des ",
    "dates back to back": "le 19 juin 2024 ",
    "hyphenated word": "a-",
}


def news(lang: str) -> str:
    """The seed article (French) or nothing, and the annotated sentences of ``lang``."""
    path = ROOT / "tests" / "data" / "extraction_sentences.yaml"
    sentences = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    parts = [e["text"] for e in sentences if e["lang"] == lang]
    if lang == "fr":
        parts.insert(0, (ROOT / "fixtures" / "article-pyongyang-moscou.txt").read_text())
    return "\n".join(parts) + "\n"


def sized(unit: str, megabytes: float) -> str:
    length = int(megabytes * 1_000_000)
    return (unit * (length // len(unit) + 1))[:length]


def seconds_per_mb(text: str, lang: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        find_figures(text, lang)
        find_dates(text, lang, ANCHOR)
        runs.append(time.process_time() - start)
    return statistics.median(runs) / (len(text) / 1_000_000)


def measure(megabytes: float, hostile_mb: float, repeat: int) -> list[dict]:
    results = []
    for lang in ("fr", "en"):
        base = news(lang)
        seconds_per_mb(sized(base, 0.01), lang, 1)  # warm-up: imports and caches
        small = seconds_per_mb(sized(base, megabytes / 10), lang, repeat)
        large = seconds_per_mb(sized(base, megabytes), lang, repeat)
        results.append(
            _row(f"{lang}: {megabytes:g} MB of news vs {megabytes / 10:g} MB", large, small, 1.5)
        )
        floor = seconds_per_mb(sized(base, hostile_mb), lang, repeat)
        for name, unit in HOSTILE.items():
            hostile = seconds_per_mb(sized(unit, hostile_mb), lang, repeat)
            results.append(_row(f"{lang}: {hostile_mb:g} MB of {name} vs news", hostile, floor, 3))
    return results


def _row(measure: str, value: float, floor: float, target: float) -> dict:
    ratio = value / max(floor, 1e-9)
    return {
        "measure": measure,
        "seconds_per_mb": round(value, 3),
        "floor_seconds_per_mb": round(floor, 3),
        "ratio": round(ratio, 2),
        "target": target,
        "met": ratio <= target,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the news text")
    parser.add_argument("--hostile-mb", type=float, default=1.0, help="size of hostile texts")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure (median)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = measure(args.mb, args.hostile_mb, args.repeat)
    if args.json:
        print(json.dumps({"mb": args.mb, "hostile_mb": args.hostile_mb, "results": results}))
        return
    print(f"{'measure':52} {'s/MB':>7} {'floor':>7} {'ratio':>6} {'target':>6}  met")
    for r in results:
        print(
            f"{r['measure']:52} {r['seconds_per_mb']:7.3f} {r['floor_seconds_per_mb']:7.3f} "
            f"{r['ratio']:6.2f} {r['target']:6g}  {'yes' if r['met'] else 'NO'}"
        )


if __name__ == "__main__":
    main()
