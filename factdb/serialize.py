"""Claims, sources and actors as plain data: the JSON contract scripts rely on.

Field names here are public (README, "JSON contract"); add fields, never rename.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from factdb.dates import iso_at
from factdb.workflow import is_verdict

if TYPE_CHECKING:
    import datetime as dt

    # Annotations only: the Core claims list serialises rows without the ORM classes.
    from factdb.models import (
        Actor,
        Attribution,
        Claim,
        ClaimDate,
        Evidence,
        FigureRow,
        HistoryEntry,
        Review,
        Source,
    )


def number(value: float | None) -> int | float | None:
    """25000.0 prints as 25000: figures are counted things far more often than not."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


# The part functions read columns by name, from an ORM object or from a Core row
# (factdb.listing) with the table's column names: neither restates the other's columns.


def source_ref(source: Source) -> dict:
    return {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published": source.published.isoformat() if source.published else None,
    }


def source_dict(source: Source) -> dict:
    return {
        **source_ref(source),
        "key": source.key,
        "language": source.language,
        "kind": source.kind,
        "retrieved": source.retrieved.isoformat() if source.retrieved else None,
        "has_text": source.full_text is not None,
    }


def actor_dict(actor: Actor) -> dict:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "wikidata": actor.wikidata,
        "description": actor.description,
        "party": actor.party,
        "region": actor.region,
        "aliases": [a.alias for a in actor.aliases if a.alias != actor.name],
        "roles": [
            {
                "title": r.title,
                "start": r.start_date.isoformat() if r.start_date else None,
                "end": r.end_date.isoformat() if r.end_date else None,
            }
            for r in actor.roles
        ],
    }


def figure_dict(row: FigureRow) -> dict:
    """A figure as written, and its numbers in the base unit of its dimension
    (``value_base``, ``low_base``, ``high_base``: "15 miles" is 24140.16 m)."""
    base_low, base_high, strict = row.base_low, row.base_high, bool(row.strict)
    if strict and base_low is not None:
        base_low = math.nextafter(base_low, -math.inf)  # undo FigureSpec.base_span
    if strict and base_high is not None:
        base_high = math.nextafter(base_high, math.inf)
    exact = row.kind in ("exact", "approximate")
    return {
        "kind": row.kind,
        "value": number(row.value),
        "low": number(row.low),
        "high": number(row.high),
        "unit": row.unit,
        "per": row.per,
        "text": row.text,
        "strict": strict,
        "increment": bool(row.increment),
        "quantity": row.quantity,
        "per_count": number(row.per_count),
        "per_unit": row.per_unit,
        "base_unit": row.base_unit,
        "value_base": number(base_low) if exact else None,
        "low_base": number(base_low) if row.low is not None else None,
        "high_base": number(base_high) if row.high is not None else None,
    }


def date_dict(row: ClaimDate) -> dict:
    return {
        "role": row.role,
        "text": row.text,
        "value": iso_at(row.value, row.precision),
        "precision": row.precision,
        "anchor": row.anchor.isoformat() if row.anchor else None,
        "anchor_note": row.anchor_note,
        "relative": row.relative,
    }


def evidence_dict(e: Evidence) -> dict:
    return {
        "id": e.id,
        "url": e.url,
        "document": e.document,
        "stance": e.stance,
        "note": e.note,
        "accessed": e.accessed.isoformat() if e.accessed else None,
    }


def review_dict(r: Review) -> dict:
    """A published fact-check of the claim, as its publisher rated it: data about the
    claim, not the desk's verdict (that is the claim's own ``verdict``)."""
    return {
        "publisher": r.publisher,
        "url": r.url,
        "published": r.published.isoformat() if r.published else None,
        "language": r.language,
        "rating": r.rating_name,
        "rating_value": number(r.rating_value),
        "best_rating": number(r.best_rating),
        "worst_rating": number(r.worst_rating),
        "verdict": r.verdict,
        "origin": r.origin,
    }


def appearance_dict(a: Attribution) -> dict:
    return appearance_fields(
        a,
        source_ref(a.source),
        a.claimant.name if a.claimant else None,
        a.relay.name if a.relay else None,
    )


def appearance_fields(
    a: Attribution, source: dict, claimant: str | None, relay: str | None
) -> dict:
    """An appearance from its own columns (an Attribution or a row) and its source's
    reference and speakers' names, which the ORM and the Core list reach differently."""
    return {
        "source": source,
        "claimant": claimant,
        "relay": relay,
        "attribution": a.kind,
        "quote": a.quote,
        "start": a.start_offset,
        "end": a.end_offset,
    }


def claim_dict(claim: Claim, history_count: int, repeats: list[int] | None = None) -> dict:
    return claim_fields(
        claim,
        history_count,
        appearances=[appearance_dict(a) for a in claim.attributions],
        topics=[t.name for t in claim.topics],
        figures=[figure_dict(f) for f in claim.figures],
        dates=[date_dict(d) for d in claim.dates],
        evidence=[evidence_dict(e) for e in claim.evidence],
        reviews=[review_dict(r) for r in claim.reviews],
        created_at=claim.created_at.isoformat(),
        updated_at=claim.updated_at.isoformat(),
        repeats=repeats,
    )


def claim_fields(
    claim: Any,
    history_count: int,
    *,
    appearances: list[dict],
    topics: list[str],
    figures: list[dict],
    dates: list[dict],
    evidence: list[dict],
    reviews: list[dict],
    created_at: str,
    updated_at: str,
    repeats: list[int] | None = None,
) -> dict:
    """A claim's JSON from its own columns (a Claim or a row) and its parts, already
    serialised: ``claim_dict`` and the Core claims list (factdb.listing) share it.
    The timestamps come as ISO 8601 text: the Core list reads them without building
    datetimes. ``repeats`` are the other claims of its group of repeats
    (factdb.repeats)."""
    primary = appearances[0]
    return {
        "id": claim.id,
        "key": claim.key,
        "version": claim.version,
        "text": claim.text,
        "language": claim.language,
        "translation": claim.translation,
        "type": claim.claim_type,
        "claimant": primary["claimant"],
        "relay": primary["relay"],
        "attribution": primary["attribution"],
        "modality": claim.modality,
        "status": claim.status,
        "verdict": claim.status if is_verdict(claim.status) else None,
        "rationale": claim.rationale,
        "topics": topics,
        "source": dict(primary["source"]),
        "appearances": appearances,
        "figures": figures,
        "dates": dates,
        "evidence": evidence,
        "reviews": reviews,
        "review_count": len(reviews),
        "repeats": repeats or [],
        "note": claim.note,
        "recheck_on": _day(claim.recheck_on),
        "history_count": history_count,
        "created_at": created_at,
        "created_by": claim.created_by,
        "updated_at": updated_at,
        "updated_by": claim.updated_by,
    }


def _day(value: dt.date | str | None) -> str | None:
    """A date as ISO text; the Core claims list may read it as text already."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def history_dict(entry: HistoryEntry) -> dict:
    return {
        "version": entry.version,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "old": entry.old,
        "new": entry.new,
        "reason": entry.reason,
    }
