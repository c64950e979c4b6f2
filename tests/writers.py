"""Concurrent writer processes for tests/test_concurrency.py.

Each writer is a separate process (``spawn``, so nothing is shared with pytest but
the database) that imports factdb, waits at a barrier so that all of them start
writing at the same moment, and reports what happened to each of its calls:
``("applied", value)``, or the factdb error's class name and message, or
``("unexpected", …)`` for anything factdb should never let out.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

Outcome = tuple[str, Any]


def run_writers(
    target: Callable[..., list[Outcome]], count: int, *args: Any
) -> list[list[Outcome]]:
    """Run ``target(index, *args)`` in ``count`` processes released together; their
    outcomes in writer order."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(count)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(target, index, barrier, results, args))
        for index in range(count)
    ]
    for process in processes:
        process.start()
    try:
        outcomes = dict(results.get(timeout=180) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    return [outcomes[index] for index in range(count)]


def _writer(target, index: int, barrier, results, args) -> None:
    import factdb.claims  # noqa: F401  (imported before the barrier, not timed by it)

    try:
        barrier.wait(timeout=120)
        outcomes = target(index, *args)
    except Exception as error:
        outcomes = [("unexpected", f"{type(error).__name__}: {error}")]
    results.put((index, outcomes))


def outcome(call: Callable[[], Any]) -> Outcome:
    from factdb.errors import FactDBError

    try:
        return ("applied", call())
    except FactDBError as error:
        return (type(error).__name__, str(error))
    except Exception as error:
        return ("unexpected", f"{type(error).__name__}: {error}")


def flip_status(index: int, url: str, claim_id: int, rounds: int) -> list[Outcome]:
    """Read the claim, then move it logged <-> in_review with --if-version."""
    from factdb.claim_objects import get_claim
    from factdb.claims import set_status
    from factdb.db import session_scope

    user = f"writer-{index}"

    def change(target: str, version: int) -> int:
        with session_scope(url) as session:
            claim = set_status(
                session, claim_id, target, reason=user, user=user, if_version=version
            )
            return claim.version

    outcomes = []
    for _ in range(rounds):
        with session_scope(url, write=False) as session:
            claim = get_claim(session, claim_id)
            version, status = claim.version, claim.status
        target = "logged" if status == "in_review" else "in_review"
        outcomes.append(outcome(lambda t=target, v=version: change(t, v)))
    return outcomes


def add_topics_and_evidence(index: int, url: str, claim_id: int, rounds: int) -> list[Outcome]:
    """Change the same claim without --if-version: each call must be applied in turn."""
    from factdb.claims import edit_claim
    from factdb.db import session_scope
    from factdb.evidence import add_evidence

    user = f"writer-{index}"

    def topic(n: int) -> int:
        with session_scope(url) as session:
            topics = [f"w{index}-{n}", "shared"]
            return edit_claim(session, claim_id, user=user, add_topics=topics).version

    def evidence(n: int) -> int:
        with session_scope(url) as session:
            item = add_evidence(
                session,
                claim_id,
                stance="supports",
                url=f"https://example.org/{index}/{n}",
                user=user,
            )
            return item.claim.version

    return [outcome(lambda n=n: (topic if n % 2 else evidence)(n)) for n in range(rounds)]


def add_rows(index: int, url: str, rounds: int) -> list[Outcome]:
    """Add sources, speakers, aliases and claims, some of them the same in every writer."""
    from factdb.actors import add_actor, add_alias
    from factdb.claims import AttributionInput, add_claim
    from factdb.db import session_scope
    from factdb.sources import add_source

    user = f"writer-{index}"

    def source(key: str) -> tuple[str, int]:
        with session_scope(url) as session:
            row = add_source(session, key=key, title=key, language_code="en", user=user)
            return ("source", row.id)

    def actor(name: str) -> tuple[str, int]:
        with session_scope(url) as session:
            return ("actor", add_actor(session, name=name, user=user).id)

    def alias(who: str, name: str) -> tuple[str, int]:
        with session_scope(url) as session:
            return ("alias", add_alias(session, who, name).id)

    def claim(n: int) -> tuple[str, int]:
        with session_scope(url) as session:
            row = add_claim(
                session,
                text=f"claim {n} by {user}",
                appearance=AttributionInput(source_id=1, speaker=f"Speaker {index}"),
                topics=["shared topic", f"topic {index}", f"topic {n}"],
                user=user,
            )
            return ("claim", row.id)

    outcomes = [
        outcome(lambda: source("same-source")),
        outcome(lambda: source(f"source-{index}")),
        outcome(lambda: actor("Same Speaker")),
        outcome(lambda: actor(f"Speaker {index}")),
        outcome(lambda: alias(f"Speaker {index}", "The Same Alias")),
    ]
    outcomes += [outcome(lambda n=n: claim(n)) for n in range(rounds)]
    return outcomes


def load_seed(index: int, url: str, path: str) -> list[Outcome]:
    """Load the same fixtures file as every other writer."""
    from pathlib import Path

    from factdb.db import session_scope
    from factdb.formats.ledger import load_fixtures, read_fixtures

    def load() -> dict[str, int]:
        with session_scope(url) as session:
            fixtures = read_fixtures(Path(path))
            return load_fixtures(session, fixtures, user=f"writer-{index}").created

    return [outcome(load)]
