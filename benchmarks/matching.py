"""Claim matching benchmark: CLEF 2020 CheckThat! Task 2 (verified claim retrieval).

The 10,375 claims Snopes verified are loaded into a fresh SQLite ledger through
``factdb load`` (a fixtures file: one source per fact-check, titled with its
headline, and the verified claim on it). The tweets of train and dev then go through
``factdb claims similar --queries`` (in-process, the real command), and each tweet's
ranking is scored against the qrels: MAP@5 (the task's official measure; with one
relevant claim per tweet it is the mean of 1/rank within the top 5), MRR (over the
returned list) and P@1.

The floor runs in the same process: an SQLite FTS5 table over each verified claim
and its headline, queried with any of the tweet's words (an OR of its tokens) and
ranked by BM25.

    python benchmarks/matching.py                       # ../shared/data/clef2020_claim_retrieval
    python benchmarks/matching.py --data DIR --split dev --json
    python benchmarks/matching.py --latency 200000      # p50/p95 of similar --text

``--latency N`` times ``similar`` (the library call behind ``claims similar --text``,
in-process, warm) on a ledger of N generated claims (benchmarks/generate.py),
with 200 tweets of train as queries.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "clef2020_claim_retrieval"
TOP = 5


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a TAB-separated file with quoting off (the README's quirk), header skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line.strip()]


def verified_claims(data: Path) -> list[tuple[str, str, str]]:
    """(vclaim_id, claim, headline), skipping the lines that are not id<TAB>claim<TAB>title."""
    rows = []
    for row in read_tsv(data / "verified_claims.docs.tsv"):
        if len(row) >= 3 and row[0].strip().isdigit() and row[1].strip():
            rows.append((row[0].strip(), row[1].strip(), row[2].strip()))
    return rows


def tweets(data: Path, split: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    queries = [(r[0], r[1]) for r in read_tsv(data / split / "tweets.queries.tsv") if len(r) > 1]
    qrels = {}
    for line in (data / split / "tweet-vclaim-pairs.qrels").read_text().splitlines():
        parts = line.split()
        if len(parts) == 4:
            qrels[parts[0]] = parts[2]
    return queries, qrels


def load_ledger(url: str, claims: list[tuple[str, str, str]], workdir: Path) -> dict[int, str]:
    """The verified claims in a fresh ledger through ``factdb load``; ledger id → vclaim id."""
    from typer.testing import CliRunner

    from factdb.cli import app

    fixtures = {
        "factdb_fixtures": 1,
        "description": "CLEF 2020 CheckThat! Task 2 verified claims (Snopes)",
        "sources": [
            {"key": f"snopes-{vid}", "title": title or text[:200], "language": "en"}
            for vid, text, title in claims
        ],
        "claims": [
            {
                "key": f"vclaim-{vid}",
                "text": text[:5000],
                "language": "en",
                "appearances": [{"source": f"snopes-{vid}"}],
            }
            for vid, text, _ in claims
        ],
    }
    path = workdir / "vclaims.json"
    path.write_text(json.dumps(fixtures), encoding="utf-8")
    runner = CliRunner()
    for args in (["init"], ["load", str(path)]):
        result = runner.invoke(app, ["--db", url, *args])
        if result.exit_code != 0:
            sys.exit(f"{' '.join(args)} failed: {result.output}")
    from sqlalchemy import select

    from factdb.db import session_scope
    from factdb.tables import CLAIMS

    with session_scope(url, write=False) as session:
        rows = session.execute(select(CLAIMS.c.id, CLAIMS.c.key)).all()
    return {claim_id: key.removeprefix("vclaim-") for claim_id, key in rows}


def factdb_rankings(
    url: str, queries: list[tuple[str, str]], ids: dict[int, str], workdir: Path, limit: int
) -> tuple[dict[str, list[str]], float]:
    """Each tweet's ranking of vclaim ids from ``claims similar --queries``, and the
    seconds it took."""
    from typer.testing import CliRunner

    from factdb.cli import app

    path = workdir / "queries.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for tweet_id, text in queries:
            out.write(json.dumps({"id": tweet_id, "text": text, "lang": "en"}) + "\n")
    started = time.perf_counter()
    result = CliRunner().invoke(
        app, ["--db", url, "claims", "similar", "--queries", str(path), "--limit", str(limit)]
    )
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        sys.exit(f"claims similar failed: {result.output}")
    rankings = {}
    for line in result.stdout.splitlines():
        answer = json.loads(line)
        rankings[str(answer["id"])] = [ids[m["id"]] for m in answer["matches"]]
    return rankings, elapsed


_TOKEN = re.compile(r"[^\W_]+")


def floor_rankings(
    claims: list[tuple[str, str, str]], queries: list[tuple[str, str]], limit: int
) -> dict[str, list[str]]:
    """BM25 over claim and headline (FTS5), queried with an OR of the tweet's words."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(vid UNINDEXED, claim, title)")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", claims)
    rankings = {}
    for tweet_id, text in queries:
        words = sorted({w.lower() for w in _TOKEN.findall(text)})
        if not words:
            rankings[tweet_id] = []
            continue
        match = " OR ".join(f'"{w}"' for w in words)
        found = db.execute(
            "SELECT vid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, limit)
        )
        rankings[tweet_id] = [vid for (vid,) in found]
    return rankings


def scores(rankings: dict[str, list[str]], qrels: dict[str, str]) -> dict[str, float]:
    """MAP@5, MRR and P@1 over the tweets of ``qrels`` (one relevant claim each)."""
    ap5, rr, p1 = [], [], []
    for tweet_id, relevant in qrels.items():
        ranking = rankings.get(tweet_id, [])
        rank = ranking.index(relevant) + 1 if relevant in ranking else None
        ap5.append(1 / rank if rank and rank <= TOP else 0.0)
        rr.append(1 / rank if rank else 0.0)
        p1.append(1.0 if rank == 1 else 0.0)
    n = len(qrels) or 1
    return {"map@5": sum(ap5) / n, "mrr": sum(rr) / n, "p@1": sum(p1) / n}


def latency(data: Path, claims: int, workdir: Path) -> dict[str, float]:
    """p50/p95 (ms) of ``similar`` on a generated ledger of ``claims`` claims."""
    import subprocess

    from factdb.db import session_scope
    from factdb.matching import similar

    path = workdir / f"gen-{claims}.sqlite"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--claims", str(claims),
         "--db", str(path)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    queries = [text for _, text in tweets(data, "train")[0][:200]]
    times = []
    with session_scope(f"sqlite:///{path}", write=False) as session:
        similar(session, queries[0], limit=10)  # warm the caches
        for text in queries:
            started = time.perf_counter()
            similar(session, text, limit=10)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "claims": claims,
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", action="append", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=10, help="claims returned per tweet")
    parser.add_argument("--latency", type=int, default=0, help="claims of the latency ledger")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.data / "verified_claims.docs.tsv").exists():
        sys.exit(f"no CLEF 2020 data in {args.data}: see its README")
    claims = verified_claims(args.data)
    report: dict = {"verified_claims": len(claims), "splits": {}}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        url = f"sqlite:///{workdir / 'clef.sqlite'}"
        started = time.perf_counter()
        ids = load_ledger(url, claims, workdir)
        report["load_seconds"] = round(time.perf_counter() - started, 1)
        for split in args.split or ["train", "dev"]:
            queries, qrels = tweets(args.data, split)
            ranked, seconds = factdb_rankings(url, queries, ids, workdir, args.limit)
            floor = floor_rankings(claims, queries, args.limit)
            report["splits"][split] = {
                "tweets": len(qrels),
                "factdb": scores(ranked, qrels),
                "floor_bm25": scores(floor, qrels),
                "ms_per_tweet": round(seconds * 1000 / max(1, len(queries)), 1),
            }
        if args.latency:
            report["latency"] = latency(args.data, args.latency, workdir)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['verified_claims']} verified claims loaded in {report['load_seconds']} s")
    for split, found in report["splits"].items():
        for name in ("factdb", "floor_bm25"):
            s = found[name]
            print(
                f"{split:5} {name:10} MAP@5 {s['map@5']:.3f}  MRR {s['mrr']:.3f}  "
                f"P@1 {s['p@1']:.3f}"
            )
        print(f"{split:5} {found['tweets']} tweets, {found['ms_per_tweet']} ms per tweet")
    if "latency" in report:
        lat = report["latency"]
        print(f"similar --text on {lat['claims']} claims: p50 {lat['p50_ms']:.1f} ms, "
              f"p95 {lat['p95_ms']:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
