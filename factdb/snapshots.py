"""A claim's content as its history keeps it, and an appearance in short."""

from __future__ import annotations

from factdb.models import Attribution, Claim
from factdb.spec_rows import date_spec, figure_spec


def snapshot(claim: Claim) -> dict:
    """What the history keeps of a claim's content: enough to see every change."""
    return {
        "text": claim.text,
        "language": claim.language,
        "translation": claim.translation,
        "type": claim.claim_type,
        "modality": claim.modality,
        "status": claim.status,
        "topics": sorted(t.name for t in claim.topics),
        "figures": [figure_spec(f) for f in claim.figures],
        "dates": [date_spec(d) for d in claim.dates],
        "attributions": [attribution_summary(a) for a in claim.attributions],
    }


def attribution_summary(a: Attribution) -> dict:
    return {
        "source": a.source_id,
        "claimant": a.claimant.name if a.claimant else None,
        "relay": a.relay.name if a.relay else None,
        "attribution": a.kind,
        "quote": a.quote,
    }
