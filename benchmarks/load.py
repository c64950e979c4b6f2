"""Load: N writer processes changing one ledger at once, on PostgreSQL and on SQLite.

Each writer is a process with its own connection that runs a mix of what
fact-checkers do, on a few "hot" claims every writer touches, so that they collide:

- add a claim (half of the operations), with a speaker, a topic and a figure;
- change a hot claim's status (logged <-> in_review) without --if-version: the
  change waits for the claim's row and is always applied;
- edit a hot claim's text with --if-version, after reading its version in an earlier
  transaction, as `claims show` then `claims edit --if-version N` would: applied, or
  refused with a conflict when another writer changed the claim in between.

It prints, per database, the operations applied, conflicts, other errors and the p50
and p99 latency of each kind (the write transaction, from BEGIN to COMMIT), the
throughput (operations/s and claims added/s), and the same mix run by one writer in
the same run: the floor the N writers' throughput is compared to. Then it checks that
nothing was lost: every claim's version equals its number of history entries, its
history versions run 1..version without a gap or a duplicate, and every applied
operation is in the history, and every added claim in the table, under the writer that
reported it. A failed check, or any error other than a conflict, exits 1.

    python benchmarks/load.py                     # 4 writers, 10 s, SQLite and PostgreSQL
    python benchmarks/load.py --writers 8 --seconds 30 --json
    python benchmarks/load.py --db postgresql://postgres@127.0.0.1/news --ops 200

Without --db it uses a new SQLite file in the temporary directory and a new
PostgreSQL database on the --pg-admin server (dropped afterwards; skipped with a
note when the server does not answer). A ledger given with --db is initialised or
upgraded if needed and keeps the rows the benchmark adds.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

HOT_CLAIMS = 4
SPEAKERS = 5
TOPICS = ("troops", "sanctions", "energy", "elections", "health")
MIX = {"add": 2, "status": 1, "edit": 1}
LABELS = {"add": "add claim", "status": "status change", "edit": "edit --if-version"}


def setup(url: str, tag: str) -> dict:
    """Initialise the ledger and add the source, speakers and hot claims of one run."""
    from factdb.actors import add_actor
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope
    from factdb.migrate import upgrade
    from factdb.sources import add_source

    upgrade(url)
    with session_scope(url) as session:
        source = add_source(session, title=f"load {tag}", language_code="en", user="load")
        speakers = [
            add_actor(session, name=f"Load Speaker {tag} {n}", user="load").name
            for n in range(SPEAKERS)
        ]
        hot = [
            add_claim(
                session,
                text=f"hot claim {n} of load {tag}",
                appearance=AttributionInput(source_id=source.id),
                user="load",
            ).id
            for n in range(HOT_CLAIMS)
        ]
    return {"source": source.id, "speakers": speakers, "hot": hot}


def writer(url: str, run: dict, index: int, seconds: float, ops: int, barrier, results) -> None:
    """One writer process: the mix until ``ops`` operations or ``seconds`` have passed."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from factdb.claim_objects import get_claim
    from factdb.claims import AttributionInput, add_claim, edit_claim, set_status
    from factdb.db import check_schema, make_engine, translate_error
    from factdb.errors import Conflict, FactDBError

    user = f"load-{run['tag']}-{index}"
    rng = random.Random(f"{run['tag']}-{index}")
    engine = make_engine(url)
    check_schema(engine)

    def add(n: int, _claim_id: int, _version: int | None, session: Session) -> None:
        add_claim(
            session,
            text=f"claim {n} by {user}: {rng.randint(1, 99_999)} soldiers",
            appearance=AttributionInput(
                source_id=run["source"], speaker=rng.choice(run["speakers"])
            ),
            topics=[rng.choice(TOPICS)],
            figures=[f"{rng.randint(1, 99_999)} soldiers"],
            user=user,
        )

    def status(_n: int, claim_id: int, _version: int | None, session: Session) -> None:
        current = get_claim(session, claim_id, for_update=True).status
        target = "logged" if current == "in_review" else "in_review"
        set_status(session, claim_id, target, reason="load", user=user)

    def edit(n: int, claim_id: int, version: int | None, session: Session) -> None:
        text = f"hot claim {claim_id} as {user} left it, #{n}"
        edit_claim(session, claim_id, text=text, if_version=version, user=user)

    operations = {"add": add, "status": status, "edit": edit}

    def perform(kind: str, n: int) -> tuple[str, float]:
        """The outcome ("applied", "conflict" or the error) and the write's latency."""
        claim_id = rng.choice(run["hot"])
        version = None
        if kind == "edit":
            with Session(engine) as session, session.begin():
                version = get_claim(session, claim_id).version
        began = time.perf_counter()
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                operations[kind](n, claim_id, version, session)
            outcome = "applied"
        except Conflict:
            outcome = "conflict"
        except FactDBError as error:
            outcome = f"{kind}: {error}"
        except SQLAlchemyError as error:
            outcome = f"{kind}: {translate_error(engine.url, error)}"
        return outcome, time.perf_counter() - began

    # One of each, untimed but accounted for, so that no latency includes a cold start.
    warmup = Counter(kind for n, kind in enumerate(MIX) if perform(kind, -1 - n)[0] == "applied")
    latencies: dict[str, list[float]] = {kind: [] for kind in MIX}
    applied, conflicts, errors = Counter(), Counter(), Counter()
    barrier.wait(timeout=300)
    started = time.time()
    n = 0
    while (n < ops) if ops else (time.time() - started < seconds):
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        outcome, latency = perform(kind, n)
        if outcome == "applied":
            applied[kind] += 1
        elif outcome == "conflict":
            conflicts[kind] += 1
        else:
            errors[outcome] += 1
        latencies[kind].append(latency)
        n += 1
    finished = time.time()
    engine.dispose()
    results.put(
        {
            "user": user,
            "started": started,
            "finished": finished,
            "warmup": dict(warmup),
            "applied": dict(applied),
            "conflicts": dict(conflicts),
            "errors": dict(errors),
            "latencies": latencies,
        }
    )


def run_writers(url: str, writers: int, seconds: float, ops: int) -> dict:
    """Set up a run, release ``writers`` processes at once, gather and check their work."""
    tag = uuid.uuid4().hex[:6]
    run = {"tag": tag, **setup(url, tag)}
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(writers), context.Queue()
    processes = [
        context.Process(target=writer, args=(url, run, i, seconds, ops, barrier, results))
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    reports = [results.get(timeout=seconds + 600) for _ in processes]
    for process in processes:
        process.join()
    return summarise(reports, run, verify(url, run, reports))


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)
    return 1000 * ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summarise(reports: list[dict], run: dict, problems: list[str]) -> dict:
    elapsed = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    operations = {}
    for kind in MIX:
        times = [t for r in reports for t in r["latencies"][kind]]
        operations[kind] = {
            "applied": sum(r["applied"].get(kind, 0) for r in reports),
            "conflicts": sum(r["conflicts"].get(kind, 0) for r in reports),
            "errors": sum(n for r in reports for k, n in r["errors"].items() if k.startswith(kind)),
            "p50_ms": percentile(times, 0.50),
            "p99_ms": percentile(times, 0.99),
        }
    applied = sum(o["applied"] for o in operations.values())
    return {
        "writers": len(reports),
        "seconds": round(elapsed, 3),
        "ops_per_s": applied / elapsed if elapsed else None,
        "claims_per_s": operations["add"]["applied"] / elapsed if elapsed else None,
        "conflicts": sum(o["conflicts"] for o in operations.values()),
        "operations": operations,
        "errors": dict(sum((Counter(r["errors"]) for r in reports), Counter())),
        "verified": not problems,
        "problems": problems,
    }


def verify(url: str, run: dict, reports: list[dict]) -> list[str]:
    """Everything the writers say they did is in the ledger, once, and nothing else."""
    from sqlalchemy import func, or_, select

    from factdb.db import session_scope
    from factdb.models import Claim, HistoryEntry

    problems = []
    writers = {r["user"]: r for r in reports}
    with session_scope(url, write=False) as session:
        per_claim = (
            select(
                HistoryEntry.claim_id,
                func.count().label("entries"),
                func.count(HistoryEntry.version.distinct()).label("versions"),
                func.min(HistoryEntry.version).label("first"),
                func.max(HistoryEntry.version).label("last"),
            )
            .group_by(HistoryEntry.claim_id)
            .subquery()
        )
        broken = session.execute(
            select(Claim.id, Claim.version, per_claim.c.entries)
            .outerjoin(per_claim, per_claim.c.claim_id == Claim.id)
            .where(
                or_(
                    per_claim.c.entries.is_(None),
                    per_claim.c.entries != Claim.version,
                    per_claim.c.versions != per_claim.c.entries,
                    per_claim.c.first != 1,
                    per_claim.c.last != Claim.version,
                )
            )
            .limit(10)
        ).all()
        problems += [
            f"claim {i} is at version {v} with {n or 0} history entries" for i, v, n in broken
        ]

        def rows_by_writer(column) -> dict[str, int]:
            query = select(column, func.count()).where(column.in_(writers)).group_by(column)
            return dict(session.execute(query).all())

        entries, added = rows_by_writer(HistoryEntry.actor), rows_by_writer(Claim.created_by)
        hot_changes = session.scalar(
            select(func.sum(Claim.version - 1)).where(Claim.id.in_(run["hot"]))
        )
    done = {user: Counter(r["applied"]) + Counter(r["warmup"]) for user, r in writers.items()}
    for user, applied in done.items():
        if entries.get(user, 0) != applied.total():
            problems.append(
                f"{user} applied {applied.total()} changes, the history has {entries.get(user)}"
            )
        if added.get(user, 0) != applied["add"]:
            problems.append(
                f"{user} added {applied['add']} claims, the ledger has {added.get(user, 0)}"
            )
    changed = sum(applied["status"] + applied["edit"] for applied in done.values())
    if hot_changes != changed:
        problems.append(
            f"the hot claims were changed {changed} times, their versions say {hot_changes}"
        )
    return problems


def fresh_postgres(admin_url: str) -> str | None:
    """A new, empty database on the server, or None when it does not answer."""
    import psycopg

    from factdb.db import parse_url

    admin = parse_url(admin_url)
    name = f"factdb_load_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        with psycopg.connect(_conninfo(admin), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"PostgreSQL skipped: {str(error).strip().splitlines()[0]}", file=sys.stderr)
        return None
    return admin.set(database=name).render_as_string(hide_password=False)


def drop_postgres(admin_url: str, url: str) -> None:
    import psycopg

    from factdb.db import parse_url

    name = parse_url(url).database
    with psycopg.connect(_conninfo(parse_url(admin_url)), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _conninfo(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def measure(url: str, args: argparse.Namespace) -> dict:
    from factdb.db import display_url, parse_url

    result = {
        "database": display_url(url),
        "backend": parse_url(url).get_backend_name(),
        **run_writers(url, args.writers, args.seconds, args.ops),
    }
    if args.floor:
        floor = run_writers(url, 1, args.seconds, args.ops)
        result["floor"] = {k: floor[k] for k in ("ops_per_s", "claims_per_s", "verified")}
        result["problems"] += floor["problems"]
        result["verified"] = result["verified"] and floor["verified"]
        if floor["ops_per_s"]:
            result["ratio_to_floor"] = result["ops_per_s"] / floor["ops_per_s"]
    return result


def print_table(result: dict) -> None:
    print(f"\n{result['backend']}: {result['database']}")
    print(f"{result['writers']} writers for {result['seconds']:.1f} s")
    header = ("applied", "conflicts", "errors", "p50 ms", "p99 ms")
    print(f"  {'operation':18} " + " ".join(f"{h:>9}" for h in header))
    for kind, o in result["operations"].items():
        p50, p99 = (
            f"{o[p]:9.1f}" if o[p] is not None else f"{'—':>9}" for p in ("p50_ms", "p99_ms")
        )
        print(
            f"  {LABELS[kind]:18} {o['applied']:9} {o['conflicts']:9} {o['errors']:9} {p50} {p99}"
        )
    print(f"  throughput: {result['ops_per_s']:.1f} ops/s, {result['claims_per_s']:.1f} claims/s")
    if "floor" in result:
        floor = result["floor"]
        ratio = result.get("ratio_to_floor")
        print(
            f"  floor, 1 writer: {floor['ops_per_s']:.1f} ops/s, {floor['claims_per_s']:.1f} "
            f"claims/s; {result['writers']} writers / 1 = {ratio:.2f}×"
            if ratio
            else "  floor, 1 writer: no operation applied"
        )
    for error, count in result["errors"].items():
        print(f"  error ×{count}: {error}")
    if result["verified"]:
        print("  verified: versions match the history, every operation and claim accounted for")
    for problem in result["problems"]:
        print(f"  LOST: {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=4, help="writer processes (default 4)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each run lasts")
    parser.add_argument("--ops", type=int, default=0, help="operations per writer instead")
    parser.add_argument(
        "--db", action="append", help="a ledger URL (repeatable); default: SQLite and PostgreSQL"
    )
    parser.add_argument(
        "--pg-admin",
        default=os.environ.get("FACTDB_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="server on which to create the default PostgreSQL database",
    )
    parser.add_argument(
        "--no-floor", dest="floor", action="store_false", help="skip the one-writer floor run"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.writers < 1 or args.seconds <= 0 or args.ops < 0:
        parser.error("--writers must be at least 1, --seconds positive, --ops not negative")
    from factdb.errors import FactDBError

    urls, scratch, created = list(args.db or []), None, []
    if not urls:
        scratch = Path(tempfile.gettempdir()) / f"factdb-load-{os.getpid()}.sqlite"
        urls.append(f"sqlite:///{scratch}")
        if pg := fresh_postgres(args.pg_admin):
            urls.append(pg)
            created.append(pg)
    try:
        results = [measure(url, args) for url in urls]
    except FactDBError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        for url in created:
            drop_postgres(args.pg_admin, url)
        if scratch is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    if args.json:
        print(json.dumps({"writers": args.writers, "results": results}, indent=2))
    else:
        for result in results:
            print_table(result)
    return 0 if all(r["verified"] and not r["errors"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
