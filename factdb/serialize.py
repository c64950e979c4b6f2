"""Claims, sources and actors as plain data: the JSON contract scripts rely on.

Field names here are public (README, "JSON contract"); add fields, never rename.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from factdb.dates import iso_at
from factdb.workflow import is_verdict

if TYPE_CHECKING:
    # Annotations only: the Core claims list serialises rows without the ORM classes.
    from factdb.models import (
        Actor,
        Attribution,
        Claim,
        ClaimDate,
        Evidence,
        FigureRow,
        HistoryEntry,
        Source,
    )


def number(value: float | None) -> int | float | None:
    """25000.0 prints as 25000: figures are counted things far more often than not."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


# The *_fields functions take the columns positionally, in the order the Core claims
# list (factdb.listing) selects them, so that it can unpack rows straight into them.


def source_ref(source: Source) -> dict:
    return source_fields(source.id, source.title, source.outlet, source.url, source.published)


def source_fields(
    id: int, title: str, outlet: str | None, url: str | None, published: dt.date | None
) -> dict:
    return {
        "id": id,
        "title": title,
        "outlet": outlet,
        "url": url,
        "published": published.isoformat() if published else None,
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
    return figure_fields(row.kind, row.value, row.low, row.high, row.unit, row.per, row.text)


def figure_fields(
    kind: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str,
    per: str | None,
    text: str | None,
) -> dict:
    return {
        "kind": kind,
        "value": number(value),
        "low": number(low),
        "high": number(high),
        "unit": unit,
        "per": per,
        "text": text,
    }


def date_dict(row: ClaimDate) -> dict:
    return date_fields(
        row.role, row.text, row.value, row.precision, row.anchor, row.anchor_note, row.relative
    )


def date_fields(
    role: str,
    text: str | None,
    value: dt.date | None,
    precision: str,
    anchor: dt.date | None,
    anchor_note: str | None,
    relative: bool,
) -> dict:
    return {
        "role": role,
        "text": text,
        "value": iso_at(value, precision),
        "precision": precision,
        "anchor": anchor.isoformat() if anchor else None,
        "anchor_note": anchor_note,
        "relative": relative,
    }


def evidence_dict(e: Evidence) -> dict:
    return evidence_fields(e.id, e.url, e.document, e.stance, e.note, e.accessed)


def evidence_fields(
    id: int,
    url: str | None,
    document: str | None,
    stance: str,
    note: str | None,
    accessed: dt.date | None,
) -> dict:
    return {
        "id": id,
        "url": url,
        "document": document,
        "stance": stance,
        "note": note,
        "accessed": accessed.isoformat() if accessed else None,
    }


def appearance_dict(a: Attribution) -> dict:
    return appearance_fields(
        source_ref(a.source),
        a.claimant.name if a.claimant else None,
        a.relay.name if a.relay else None,
        a.kind,
        a.quote,
        a.start_offset,
        a.end_offset,
    )


def appearance_fields(
    source: dict,
    claimant: str | None,
    relay: str | None,
    kind: str,
    quote: str | None,
    start: int | None,
    end: int | None,
) -> dict:
    return {
        "source": source,
        "claimant": claimant,
        "relay": relay,
        "attribution": kind,
        "quote": quote,
        "start": start,
        "end": end,
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
        "repeats": repeats or [],
        "note": claim.note,
        "history_count": history_count,
        "created_at": created_at,
        "created_by": claim.created_by,
        "updated_at": updated_at,
        "updated_by": claim.updated_by,
    }


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
