"""Claims, sources and actors as plain data: the JSON contract scripts rely on.

Field names here are public (README, "JSON contract"); add fields, never rename.
"""

from __future__ import annotations

from factdb.claims import to_date_spec
from factdb.evidence import evidence_dict
from factdb.models import Actor, Attribution, Claim, ClaimDate, FigureRow, HistoryEntry, Source
from factdb.workflow import is_verdict


def number(value: float | None) -> int | float | None:
    """25000.0 prints as 25000: figures are counted things far more often than not."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


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
    return {
        "kind": row.kind,
        "value": number(row.value),
        "low": number(row.low),
        "high": number(row.high),
        "unit": row.unit,
        "per": row.per,
        "text": row.text,
    }


def date_dict(row: ClaimDate) -> dict:
    return {
        "role": row.role,
        "text": row.text,
        "value": to_date_spec(row).iso(),
        "precision": row.precision,
        "anchor": row.anchor.isoformat() if row.anchor else None,
        "anchor_note": row.anchor_note,
        "relative": row.relative,
    }


def appearance_dict(a: Attribution) -> dict:
    return {
        "source": source_ref(a.source),
        "claimant": a.claimant.name if a.claimant else None,
        "relay": a.relay.name if a.relay else None,
        "attribution": a.kind,
        "quote": a.quote,
        "start": a.start_offset,
        "end": a.end_offset,
    }


def claim_dict(claim: Claim, history_count: int) -> dict:
    primary = claim.attributions[0]
    return {
        "id": claim.id,
        "key": claim.key,
        "version": claim.version,
        "text": claim.text,
        "language": claim.language,
        "translation": claim.translation,
        "type": claim.claim_type,
        "claimant": primary.claimant.name if primary.claimant else None,
        "relay": primary.relay.name if primary.relay else None,
        "attribution": primary.kind,
        "modality": claim.modality,
        "status": claim.status,
        "verdict": claim.status if is_verdict(claim.status) else None,
        "rationale": claim.rationale,
        "topics": [t.name for t in claim.topics],
        "source": source_ref(primary.source),
        "appearances": [appearance_dict(a) for a in claim.attributions],
        "figures": [figure_dict(f) for f in claim.figures],
        "dates": [date_dict(d) for d in claim.dates],
        "evidence": [evidence_dict(e) for e in claim.evidence],
        "note": claim.note,
        "history_count": history_count,
        "created_at": claim.created_at.isoformat(),
        "created_by": claim.created_by,
        "updated_at": claim.updated_at.isoformat(),
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
