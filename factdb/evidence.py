"""Evidence: the documents a verdict rests on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from factdb import history
from factdb.errors import InvalidInput, WorkflowError
from factdb.locking import lock_claim
from factdb.models import Evidence
from factdb.serialize import evidence_dict
from factdb.validate import choice, clean_text, parse_day
from factdb.vocab import EVIDENCE_STANCES


def location_problem(url: str | None, document: str | None) -> str | None:
    """What is wrong with where a piece of evidence is, or None: the one statement of
    the rule the ledger file, the JSONL restore and the database (CHECK) also apply."""
    if not url and not document:
        return "evidence needs a url or a document"
    return None


def add_evidence(
    session: Session,
    claim_id: int,
    *,
    stance: str,
    user: str,
    url: str | None = None,
    document: str | None = None,
    note: str | None = None,
    accessed: dt.date | str | None = None,
    if_version: int | None = None,
) -> Evidence:
    """Attach a URL or a document reference that supports or refutes a claim.

    A URL without an access date is taken as accessed today, since a web page can
    change and the date is part of the citation.
    """
    url = clean_text(url, "url", max_length=2000, required=False)
    document = clean_text(document, "document", max_length=2000, required=False)
    if problem := location_problem(url, document):
        raise InvalidInput(f"{problem}: give --url or --document")
    if url and not url.startswith(("http://", "https://")):
        raise InvalidInput(f"url {url!r} must start with http:// or https://")
    accessed_on = parse_day(accessed, "accessed date")
    if accessed_on and accessed_on > dt.date.today():
        raise InvalidInput(f"accessed date {accessed_on} is in the future")
    if url and accessed_on is None:
        accessed_on = dt.date.today()
    evidence = Evidence(
        url=url,
        document=document,
        stance=choice(stance, "stance", EVIDENCE_STANCES),
        note=clean_text(note, "note", max_length=5000, required=False),
        accessed=accessed_on,
        created_by=user,
    )
    claim = lock_claim(session, claim_id, if_version)
    if claim.status == "retracted":
        raise WorkflowError(f"claim {claim.id} is retracted: reinstate it before adding evidence")
    claim.evidence.append(evidence)
    history.touch(claim, user)
    session.flush()
    history.record(session, claim, "evidence_added", user=user, new=evidence_dict(evidence))
    return evidence
