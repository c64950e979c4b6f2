"""Speakers' track records: what they claimed and relayed, and how it was rated.

A record is counted from the claims' JSON rows, so that the same code gives the
record now and as it was recorded at a past moment (factdb.asof). Retracted claims
are left out: a retraction says the claim should not be held against anyone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from sqlalchemy.orm import Session

from factdb.actors import find_actor
from factdb.listing import list_claims
from factdb.query import ClaimQuery
from factdb.serialize import actor_dict
from factdb.vocab import STATUSES, VERDICTS

RECENT = 5


def speaker_claims(session: Session, name: str, when: dt.datetime | None = None) -> list[dict]:
    """Every claim the speaker made or relayed (not retracted), as JSON rows, oldest
    first; ``when``: as recorded then."""
    query = ClaimQuery(speaker=name, limit=None)
    if when is None:
        return list_claims(session, query, count=False).rows
    from factdb.asof import list_at

    return list_at(session, query, when)[0]


def claim_day(row: dict) -> str | None:
    """When the claim was made, as precisely as known: its ``made`` date, else its
    ``reported`` date, else its source's publication, else the day it was logged."""
    for role in ("made", "reported"):
        for date in row["dates"]:
            if date["role"] == role and date["value"]:
                return date["value"]
    return row["source"]["published"] or row["created_at"][:10]


def record(name: str, rows: Iterable[dict]) -> dict:
    """The ``record`` of a speaker (their canonical name) over their claims' rows."""
    roles: dict[str, dict[str, Counter]] = {
        role: {"statuses": Counter(), "verdicts": Counter()} for role in ("claimant", "relay")
    }
    published: Counter = Counter()
    days = []
    for row in rows:
        for role in ("claimant", "relay"):
            if any(a[role] == name for a in row["appearances"]):
                roles[role]["statuses"][row["status"]] += 1
                if row["verdict"]:
                    roles[role]["verdicts"][row["verdict"]] += 1
        published.update(r["verdict"] for r in row.get("reviews", ()) if r.get("verdict"))
        if day := claim_day(row):
            days.append(day)
    return {
        **{
            role: {
                "statuses": {s: counts["statuses"][s] for s in STATUSES if s != "retracted"},
                "verdicts": {v: counts["verdicts"][v] for v in VERDICTS},
            }
            for role, counts in roles.items()
        },
        "published": dict(sorted(published.items())),
        "first": min(days, default=None),
        "last": max(days, default=None),
    }


def recent(name: str, rows: list[dict], count: int = RECENT) -> list[dict]:
    """The speaker's most recent claims, newest first, in short."""
    latest = sorted(rows, key=lambda r: (claim_day(r) or "", r["id"]), reverse=True)[:count]
    return [
        {
            "id": r["id"],
            "date": claim_day(r),
            "role": "claimant" if any(a["claimant"] == name for a in r["appearances"]) else "relay",
            "status": r["status"],
            "text": r["text"],
        }
        for r in latest
    ]


def speaker_with_record(session: Session, name: str, when: dt.datetime | None = None) -> dict:
    """A speaker's details, ``record`` and ``recent`` claims (``speakers show``)."""
    actor = find_actor(session, name)
    rows = speaker_claims(session, actor.name, when)
    return {
        **actor_dict(actor),
        "record": record(actor.name, rows),
        "recent": recent(actor.name, rows),
    }
