"""Import benchmark: `factdb import liar` against the database's own floor, in one run.

For each backend, the LIAR-shaped file made by generate.py is imported by the real
command (``factdb import liar``, a subprocess: its wall time and peak RSS are what a
user sees, start-up and file reading included). The floor then stores exactly the
rows that import stored, read back from its ledger, into a second freshly migrated
ledger: same schema (indexes, foreign keys, the FTS5 triggers on SQLite, the GIN
index on PostgreSQL), same batches of claims, one transaction, values already in the
driver's form in memory. Only the writing is timed:

- SQLite: plain ``sqlite3`` ``executemany`` per table and batch, then COMMIT, on a
  connection with factdb's pragmas (WAL, foreign keys on).
- PostgreSQL: psycopg ``COPY … FROM STDIN`` with ``write_row`` per table and batch,
  then COMMIT.

The ratio is the import's rate over the floor's (target ≥ 0.5); peak RSS of the
import process has a target under 200 MB whatever the file size.

The minimal floor (SQLite) is what storage allows for the same information: the TSV
read and split on tabs in plain Python, then claim text, speaker, label, subjects,
context and date written with ``sqlite3`` ``executemany`` into a minimal normalised
schema (speakers, claims, one index on the speaker), the FTS5 index over the text
built after the rows (``'rebuild'``), one transaction. The import's rate over it has
a target of ≥ 0.25 (issue 15). On PostgreSQL the same rows go in with psycopg
``COPY`` and the full-text GIN index is built after them.

    python benchmarks/imports.py                      # 200,000 claims, both backends
    python benchmarks/imports.py --claims 1000000 --json
    python benchmarks/imports.py --no-postgres
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import generate

PG_ADMIN_URL = os.environ.get("FACTDB_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
RATE_TARGET = 0.5
MINIMAL_TARGET = 0.25
MINIMAL_SCHEMA = """
CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY, text TEXT NOT NULL, speaker_id INTEGER REFERENCES speakers (id),
    label TEXT NOT NULL, subjects TEXT, context TEXT, date TEXT
);
CREATE INDEX ix_claims_speaker ON claims (speaker_id);
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""
RSS_TARGET_MB = 200
# The tables a LIAR import fills, parents first; those keyed by claim are copied per batch.
LOOKUP_TABLES = ("topics", "sources", "actors", "actor_aliases", "actor_roles")
CLAIM_TABLES = ("claims", "attributions", "claim_topics", "claim_dates", "reviews", "claim_history")


def run_import(url: str, tsv: Path, workdir: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``factdb import liar`` in its own process."""
    factdb = Path(sys.executable).with_name("factdb")
    command = [str(factdb), "--db", url, "--as", "benchmark", "import", "liar", str(tsv)]
    command += ["--quiet", "--rejects", str(workdir / "rejects.jsonl")]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"import failed ({process.returncode}): {err or out}")
    print(out.strip(), file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024  # Linux gives kilobytes


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


class Floor(ABC):
    """Copies the import's rows from its ledger into a fresh one, timing only the writes."""

    source: Any

    @abstractmethod
    def columns(self, table: str) -> list[tuple[str, str]]:
        """(name, type) of each column, in order."""

    @abstractmethod
    def begin(self) -> None:
        """Start the transaction the whole load runs in."""

    @abstractmethod
    def write(self, table: str, names: list[str], rows: list[tuple]) -> None:
        """See the subclasses."""

    @abstractmethod
    def commit(self) -> None:
        """See the subclasses."""

    @abstractmethod
    def read(self, table: str, names: list[str], types: list[str], where: str) -> list[tuple]:
        """See the subclasses."""

    def run(self, batch: int) -> tuple[float, int]:
        last = self.source.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        work = [(t, "ORDER BY id") for t in LOOKUP_TABLES]
        for low in range(1, last + 1, batch):
            high = min(last, low + batch - 1)
            for table in CLAIM_TABLES:
                key = "id" if table == "claims" else "claim_id"
                work.append((table, f"WHERE {key} BETWEEN {low} AND {high} ORDER BY {key}"))
        spent, count = timed(self.begin), 0
        for table, where in work:
            names, types = zip(*self.columns(table), strict=True)
            rows = self.read(table, list(names), list(types), where)
            spent += timed(lambda t=table, n=names, r=rows: self.write(t, list(n), r))
            count += len(rows)
        return spent + timed(self.commit), count


class SqliteFloor(Floor):
    """executemany of the import's rows into a fresh ledger with factdb's pragmas."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source = sqlite3.connect(source)
        self.target = sqlite3.connect(target, isolation_level=None)
        for pragma in ("foreign_keys = ON", "journal_mode = WAL", "busy_timeout = 30000"):
            self.target.execute(f"PRAGMA {pragma}")

    def columns(self, table: str) -> list[tuple[str, str]]:
        return [(row[1], row[2]) for row in self.source.execute(f"PRAGMA table_info({table})")]

    def read(self, table: str, names: list[str], types: list[str], where: str) -> list[tuple]:
        return self.source.execute(f"SELECT {', '.join(names)} FROM {table} {where}").fetchall()

    def begin(self) -> None:
        self.target.execute("BEGIN IMMEDIATE")

    def write(self, table: str, names: list[str], rows: list[tuple]) -> None:
        marks = ", ".join("?" * len(names))
        self.target.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)

    def commit(self) -> None:
        self.target.execute("COMMIT")


class PostgresFloor(Floor):
    """COPY of the import's rows into a fresh ledger; JSON travels as its text."""

    def __init__(self, source_url: str, target_url: str) -> None:
        import psycopg

        self.source = psycopg.connect(source_url)
        self.target = psycopg.connect(target_url)

    def columns(self, table: str) -> list[tuple[str, str]]:
        return self.source.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            (table,),
        ).fetchall()

    def read(self, table: str, names: list[str], types: list[str], where: str) -> list[tuple]:
        selected = [f"{n}::text" if t == "json" else n for n, t in zip(names, types, strict=True)]
        return self.source.execute(f"SELECT {', '.join(selected)} FROM {table} {where}").fetchall()

    def begin(self) -> None:
        """Nothing to do: psycopg opens the transaction with the first COPY."""

    def write(self, table: str, names: list[str], rows: list[tuple]) -> None:
        with self.target.cursor().copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def commit(self) -> None:
        self.target.commit()


def minimal_rows(tsv: Path) -> tuple[dict[str, int], list[tuple]]:
    """The file's speakers (name → id) and claims, as the minimal schema's rows."""
    speakers: dict[str, int] = {}
    claims = []
    with tsv.open(encoding="utf-8") as file:
        for line in file:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 14:
                continue
            label, text, subjects, slug, context = (fields[i] for i in (1, 2, 3, 4, 13))
            speaker = speakers.setdefault(slug, len(speakers) + 1) if slug else None
            claims.append((len(claims) + 1, text, speaker, label, subjects, context, None))
    return speakers, claims


def minimal_floor(tsv: Path, path: Path) -> float:
    """Seconds to store the file's claims in the minimal schema (see the docstring)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(MINIMAL_SCHEMA)
    started = time.perf_counter()
    speakers, claims = minimal_rows(tsv)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO speakers VALUES (?, ?)", [(i, n) for n, i in speakers.items()])
    conn.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", claims)
    conn.execute("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    spent = time.perf_counter() - started
    conn.close()
    return spent


def minimal_floor_postgres(tsv: Path, url: str) -> float:
    """The minimal floor on PostgreSQL: psycopg COPY into the minimal schema, the
    full-text GIN index (as factdb's, 'simple' configuration) built after the rows."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(
            "CREATE TABLE speakers (id integer PRIMARY KEY, name text NOT NULL UNIQUE);"
            " CREATE TABLE claims (id integer PRIMARY KEY, text text NOT NULL,"
            " speaker_id integer REFERENCES speakers (id), label text NOT NULL,"
            " subjects text, context text, date date);"
            " CREATE INDEX ix_claims_speaker ON claims (speaker_id)"
        )
        conn.commit()
        started = time.perf_counter()
        speakers, claims = minimal_rows(tsv)
        with conn.cursor().copy("COPY speakers (id, name) FROM STDIN") as copy:
            for name, speaker_id in speakers.items():
                copy.write_row((speaker_id, name))
        with conn.cursor().copy("COPY claims FROM STDIN") as copy:
            for row in claims:
                copy.write_row(row)
        conn.execute(
            "CREATE INDEX ix_claims_fulltext ON claims USING gin (to_tsvector('simple', text))"
        )
        conn.commit()
        return time.perf_counter() - started


def minimal_result(claims: int, imported: float, minimal: float) -> dict:
    return {
        "minimal_floor_s": minimal,
        "minimal_claims_per_s": claims / minimal,
        "minimal_ratio": minimal / imported,
        "minimal_target": MINIMAL_TARGET,
        "minimal_met": minimal / imported >= MINIMAL_TARGET,
    }


def counts_sqlite(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = (*LOOKUP_TABLES, *CLAIM_TABLES)
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def result(backend: str, claims: int, imported: float, rss: float, floor: float, rows: int):
    ratio = floor / imported  # the import's rate over the floor's
    return {
        "backend": backend,
        "claims": claims,
        "rows": rows,
        "import_s": imported,
        "import_claims_per_s": claims / imported,
        "floor": "sqlite3 executemany" if backend == "sqlite" else "psycopg COPY",
        "floor_s": floor,
        "floor_claims_per_s": claims / floor,
        "ratio": ratio,
        "target": RATE_TARGET,
        "met": ratio >= RATE_TARGET,
        "peak_rss_mb": rss,
        "rss_target_mb": RSS_TARGET_MB,
        "rss_met": rss < RSS_TARGET_MB,
    }


def bench_sqlite(tsv: Path, claims: int, workdir: Path, batch: int) -> dict:
    from factdb.migrate import upgrade

    ledger, floor_db = workdir / "import.sqlite", workdir / "floor.sqlite"
    for path in (ledger, floor_db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        upgrade(f"sqlite:///{path}")
    imported, rss = run_import(f"sqlite:///{ledger}", tsv, workdir)
    floor, rows = SqliteFloor(ledger, floor_db).run(batch)
    if counts_sqlite(ledger) != counts_sqlite(floor_db):
        raise SystemExit("the floor did not store the same rows as the import")
    minimal = minimal_floor(tsv, workdir / "minimal.sqlite")
    return result("sqlite", claims, imported, rss, floor, rows) | minimal_result(
        claims, imported, minimal
    )


def bench_postgres(admin_url: str, tsv: Path, claims: int, workdir: Path, batch: int) -> dict:
    import psycopg
    from sqlalchemy.engine import make_url

    from factdb.migrate import upgrade

    admin = make_url(admin_url)
    roles = ("import", "floor", "minimal")
    names = [f"factdb_bench_{uuid.uuid4().hex[:8]}_{role}" for role in roles]
    urls = [admin.set(database=n).render_as_string(hide_password=False) for n in names]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        for url in urls[:2]:
            upgrade(url)
        imported, rss = run_import(urls[0], tsv, workdir)
        floor, rows = PostgresFloor(urls[0], urls[1]).run(batch)
        minimal = minimal_floor_postgres(tsv, urls[2])
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return result("postgresql", claims, imported, rss, floor, rows) | minimal_result(
        claims, imported, minimal
    )


def print_table(results: list[dict]) -> None:
    print(
        f"{'backend':11} {'claims':>9} {'import':>9} {'claims/s':>9} {'floor':>9} {'claims/s':>9}"
        f" {'ratio':>6} {'target':>7} met {'peak RSS':>9} met  floor"
    )
    for r in results:
        print(
            f"{r['backend']:11} {r['claims']:9,} {r['import_s']:8.1f}s"
            f" {r['import_claims_per_s']:9,.0f} {r['floor_s']:8.1f}s"
            f" {r['floor_claims_per_s']:9,.0f} {r['ratio']:5.2f}x {'>=':>3}{r['target']:.1f}x"
            f" {'yes' if r['met'] else 'NO ':3} {r['peak_rss_mb']:6.0f} MB"
            f" {'yes' if r['rss_met'] else 'NO ':3}  {r['floor']}"
        )
        if "minimal_floor_s" in r:
            print(
                f"{'':11} {'':9} {'':9} {'':9} {r['minimal_floor_s']:8.1f}s"
                f" {r['minimal_claims_per_s']:9,.0f} {r['minimal_ratio']:5.2f}x"
                f" {'>=':>3}{r['minimal_target']:.2f}x"
                f" {'yes' if r['minimal_met'] else 'NO ':3} {'':13}minimal floor: "
                + (
                    "sqlite3 executemany, FTS5 rebuilt after"
                    if r["backend"] == "sqlite"
                    else "psycopg COPY, GIN index built after"
                )
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000, help="how many LIAR records")
    parser.add_argument("--seed", type=int, default=6, help="same seed, same data")
    parser.add_argument("--batch", type=int, default=5000, help="claims per floor batch")
    parser.add_argument("--workdir", type=Path, help="where files go (default: a temp dir)")
    parser.add_argument("--postgres", default=PG_ADMIN_URL, help="admin URL of the server")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.gettempdir()) / "factdb-bench-imports"
    workdir.mkdir(parents=True, exist_ok=True)
    tsv = workdir / f"liar-{args.claims}-seed{args.seed}.tsv"
    if not tsv.exists():
        generate.write_tsv(tsv, args.claims, args.seed)
    results = [bench_sqlite(tsv, args.claims, workdir, args.batch)]
    if not args.no_postgres:
        results.append(bench_postgres(args.postgres, tsv, args.claims, workdir, args.batch))
    if args.json:
        print(json.dumps({"file": str(tsv), "results": results}, indent=2))
    else:
        print(f"{args.claims:,} LIAR claims from {tsv}")
        print_table(results)


if __name__ == "__main__":
    main()
