"""Claims: logging them, changing them, moving them through verification.

Every function validates all of its input before it changes anything, and every
change bumps the claim's version and appends to its history in the caller's
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb import history, units
from factdb.actors import find_actor
from factdb.dates import DateSpec, parse_date
from factdb.errors import InvalidInput, WorkflowError
from factdb.figures import FigureSpec, parse_figure
from factdb.locking import lock_claim
from factdb.models import (
    Attribution,
    Claim,
    Source,
    Topic,
)
from factdb.recheck import default_recheck
from factdb.snapshots import attribution_summary, snapshot
from factdb.sources import get_source
from factdb.spec_rows import date_row, figure_row
from factdb.uniqueness import checked, rows_by_name
from factdb.validate import choice, clean_text, language, topic_key
from factdb.vocab import (
    ATTRIBUTION_KINDS,
    CLAIM_TYPES,
    MAX_CLAIM_TEXT,
    MODALITIES,
    STATUSES,
)
from factdb.workflow import check_transition, is_verdict


@dataclass(frozen=True)
class AttributionInput:
    """Who made a claim and how it reached a source; ``kind`` None means inferred:
    ``reported`` when a speaker is named, ``unattributed`` otherwise."""

    source_id: int
    speaker: str | None = None
    relay: str | None = None
    kind: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None


def _figures(specs: Iterable[str | FigureSpec], lang: str | None = None) -> list[FigureSpec]:
    """Parsed figures, their numbers read in the claim's language ("1,5" in French)."""
    return [s if isinstance(s, FigureSpec) else parse_figure(s, lang) for s in specs]


SOURCE_ANCHOR_NOTE = "anchored on the source's publication date"


def _dates(
    specs: Iterable[str | DateSpec], anchor: dt.date | None, note: str | None = None
) -> list[tuple[DateSpec, str | None]]:
    """Parsed dates with the note on how each relative date's anchor was chosen."""
    dates = []
    for spec in specs:
        if isinstance(spec, DateSpec):
            dates.append((spec, note if spec.relative and spec.anchor else None))
            continue
        parsed = parse_date(spec, default_anchor=anchor)
        if not (parsed.relative and parsed.anchor):
            dates.append((parsed, None))
        elif parse_date(spec).anchor is None:
            dates.append((parsed, SOURCE_ANCHOR_NOTE))
        else:
            dates.append((parsed, note))
    return dates


def _topics(session: Session, names: Iterable[str]) -> list[Topic]:
    keys = list(dict.fromkeys(topic_key(n) for n in names))
    rows = rows_by_name(session, Topic, keys)
    return [rows[key] for key in keys]


def _attribution(session: Session, given: AttributionInput) -> dict:
    """The validated column values of an appearance, before any row is created."""
    source = get_source(session, given.source_id)
    claimant = find_actor(session, given.speaker) if given.speaker else None
    relay = find_actor(session, given.relay) if given.relay else None
    kind = (
        choice(given.kind, "attribution", ATTRIBUTION_KINDS)
        if given.kind
        else ("reported" if claimant else "unattributed")
    )
    if kind == "unattributed" and (claimant or relay):
        raise InvalidInput(
            "an unattributed claim is the outlet's own assertion: drop --speaker/--relay "
            "or choose --attribution direct|reported"
        )
    if kind != "unattributed" and claimant is None:
        raise InvalidInput(f"a {kind} claim needs its speaker: add --speaker NAME")
    if relay is not None and claimant is not None and relay.id == claimant.id:
        raise InvalidInput(f"{relay.name} cannot be both the speaker and the relay")
    quote = clean_text(given.quote, "quote", max_length=MAX_CLAIM_TEXT, required=False)
    if (given.start is None) != (given.end is None):
        raise InvalidInput("give both character offsets (start and end) or neither")
    if given.start is not None and given.end is not None:
        if given.start < 0 or given.end <= given.start:
            raise InvalidInput(
                f"offsets {given.start}..{given.end} are not a span: 0 <= start < end"
            )
        if source.full_text is not None and given.end > len(source.full_text):
            raise InvalidInput(
                f"offset {given.end} is past the end of source {source.id}'s text "
                f"({len(source.full_text)} characters)"
            )
        if (
            quote
            and source.full_text is not None
            and source.full_text[given.start : given.end] != quote
        ):
            raise InvalidInput(
                f"the quote does not match source {source.id}'s text at {given.start}..{given.end}"
            )
    elif quote and source.full_text is not None and _squash(quote) not in _squash(source.full_text):
        raise InvalidInput(
            f"the quote {quote[:40]!r}… is not in source {source.id}'s text: copy it exactly"
        )
    return {
        "source": source,
        "claimant": claimant,
        "relay": relay,
        "kind": kind,
        "quote": quote,
        "start_offset": given.start,
        "end_offset": given.end,
    }


def _squash(text: str) -> str:
    return " ".join(text.split())


def add_claim(
    session: Session,
    *,
    text: str,
    appearance: AttributionInput,
    user: str,
    language_code: str | None = None,
    translation: str | None = None,
    claim_type: str | None = None,
    modality: str = "asserted",
    topics: Iterable[str] = (),
    figures: Iterable[str | FigureSpec] = (),
    dates: Iterable[str | DateSpec] = (),
    anchor_note: str | None = None,
    key: str | None = None,
    note: str | None = None,
    new_unit: bool = False,
    notify: units.Notify | None = None,
) -> Claim:
    """Log a claim as it appears in one source. Relative dates resolve against the
    source's publication date unless they carry their own anchor. Figures are read in
    the claim's language; a unit the ledger lacks is created (``notify`` is told) unless
    it looks like a typo of a known one and ``new_unit`` is False."""
    text = clean_text(text, "claim text", max_length=MAX_CLAIM_TEXT)
    attribution = _attribution(session, appearance)
    source: Source = attribution["source"]
    claim_language = language(language_code) if language_code else source.language
    planned = units.plan(session, _figures(figures, claim_language), new_unit=new_unit)
    figure_specs = planned.specs
    anchor_note = clean_text(anchor_note, "anchor note", max_length=1000, required=False)
    date_specs = _dates(dates, source.published, anchor_note)
    if claim_type is None:
        claim_type = "quantity" if figure_specs else "event" if date_specs else "quote"
    key = clean_text(key, "claim key", max_length=100, required=False)
    values = {
        "key": key,
        "text": text,
        "language": claim_language,
        "translation": clean_text(
            translation, "translation", max_length=MAX_CLAIM_TEXT, required=False
        ),
        "claim_type": choice(claim_type, "claim type", CLAIM_TYPES),
        "modality": choice(modality, "modality", MODALITIES),
        "status": "logged",
        "note": clean_text(note, "note", max_length=MAX_CLAIM_TEXT, required=False),
        "recheck_on": default_recheck(
            modality, (d for d, _ in date_specs), figure_specs, source.published
        ),
        "created_by": user,
        "updated_by": user,
    }
    topic_rows = _topics(session, topics)

    def insert() -> Claim:
        if key and session.scalars(select(Claim.id).where(Claim.key == key)).first():
            raise InvalidInput(f"a claim with key {key!r} already exists")
        claim = Claim(**values)
        claim.attributions.append(Attribution(position=0, **attribution))
        claim.figures.extend(figure_row(f, i) for i, f in enumerate(figure_specs))
        claim.dates.extend(date_row(d, i, note) for i, (d, note) in enumerate(date_specs))
        claim.topics.extend(topic_rows)
        session.add(claim)
        session.flush()
        return claim

    # Only a key can be taken by another writer meanwhile.
    created = units.create(session, planned, user)
    claim = checked(session, insert) if key else insert()
    history.record(session, claim, "created", user=user, new=snapshot(claim))
    units.notify_new(created, notify)
    return claim


def edit_claim(
    session: Session,
    claim_id: int,
    *,
    user: str,
    reason: str | None = None,
    if_version: int | None = None,
    text: str | None = None,
    translation: str | None = None,
    language_code: str | None = None,
    claim_type: str | None = None,
    modality: str | None = None,
    add_topics: Sequence[str] = (),
    remove_topics: Sequence[str] = (),
    add_figures: Sequence[str] = (),
    remove_figures: Sequence[int] = (),
    add_dates: Sequence[str] = (),
    remove_dates: Sequence[int] = (),
    speaker: str | None = None,
    relay: str | None = None,
    attribution: str | None = None,
    quote: str | None = None,
    new_unit: bool = False,
    notify: units.Notify | None = None,
) -> Claim:
    """Change a claim; figures and dates are removed by their 1-based position as
    ``claims show`` lists them. One history entry records everything that changed."""
    claim = lock_claim(session, claim_id, if_version)
    if claim.status == "retracted":
        raise WorkflowError(
            f"claim {claim.id} is retracted: reinstate it with `factdb claims status {claim.id} "
            "logged --reason WHY` before editing"
        )
    reason = clean_text(reason, "reason", max_length=2000, required=False)
    before = snapshot(claim) | _details(claim)
    changes: dict = {}
    if text is not None:
        changes["text"] = clean_text(text, "claim text", max_length=MAX_CLAIM_TEXT)
    if translation is not None:
        changes["translation"] = clean_text(
            translation, "translation", max_length=MAX_CLAIM_TEXT, required=False
        )
    if language_code is not None:
        changes["language"] = language(language_code)
    if claim_type is not None:
        changes["claim_type"] = choice(claim_type, "claim type", CLAIM_TYPES)
    if modality is not None:
        changes["modality"] = choice(modality, "modality", MODALITIES)
    for positions, rows, what in (
        (remove_figures, claim.figures, "figure"),
        (remove_dates, claim.dates, "date"),
    ):
        for position in positions:
            if not 1 <= position <= len(rows):
                raise InvalidInput(
                    f"claim {claim.id} has no {what} #{position}: it has {len(rows)} "
                    f"(see `factdb claims show {claim.id}`)"
                )
    planned = units.plan(
        session, _figures(add_figures, changes.get("language", claim.language)), new_unit=new_unit
    )
    new_figures = planned.specs
    primary = claim.attributions[0]
    new_dates = _dates(add_dates, primary.source.published)
    topics_to_add = _topics(session, add_topics)
    topic_keys_to_remove = {topic_key(t) for t in remove_topics}
    unknown = topic_keys_to_remove - {t.name for t in claim.topics}
    if unknown:
        raise InvalidInput(f"claim {claim.id} has no topic {', '.join(sorted(unknown))}")
    new_attribution = None
    if any(v is not None for v in (speaker, relay, attribution, quote)):
        current = primary
        new_attribution = _attribution(
            session,
            AttributionInput(
                source_id=current.source_id,
                speaker=speaker if speaker is not None else _name(current.claimant),
                relay=relay if relay is not None else _name(current.relay),
                kind=attribution or (None if speaker is not None else current.kind),
                quote=quote if quote is not None else current.quote,
                start=current.start_offset if quote is None else None,
                end=current.end_offset if quote is None else None,
            ),
        )

    # Everything is valid: apply. The claim's row is touched along with its first
    # change, so that it is updated (and its version bumped) once however many
    # flushes follow.
    history.touch(claim, user)
    created = units.create(session, planned, user)
    for name, value in changes.items():
        setattr(claim, name, value)
    for position in sorted(remove_figures, reverse=True):
        session.delete(claim.figures.pop(position - 1))
    for position in sorted(remove_dates, reverse=True):
        session.delete(claim.dates.pop(position - 1))
    session.flush()
    for i, figure in enumerate(claim.figures):
        figure.position = i
    for figure_spec in new_figures:
        claim.figures.append(figure_row(figure_spec, len(claim.figures)))
    for i, date in enumerate(claim.dates):
        date.position = i
    for date_spec, note in new_dates:
        claim.dates.append(date_row(date_spec, len(claim.dates), note))
    claim.topics[:] = [t for t in claim.topics if t.name not in topic_keys_to_remove]
    claim.topics.extend(t for t in topics_to_add if t not in claim.topics)
    if new_attribution is not None:
        for name, value in new_attribution.items():
            setattr(primary, name, value)
    session.flush()
    session.expire(claim, ["topics"])
    after = snapshot(claim) | _details(claim)
    old = {k: v for k, v in before.items() if after[k] != v}
    new = {k: after[k] for k in old}
    if not new:
        raise InvalidInput(f"nothing to change in claim {claim.id}: give at least one new value")
    history.record(session, claim, "edited", user=user, old=old, new=new, reason=reason)
    units.notify_new(created, notify)
    return claim


def _details(claim: Claim) -> dict:
    """What an edit records besides the snapshot, so that the claim as it was can be
    rebuilt from its history (factdb.asof): the dates' anchor notes and the
    appearances' quote offsets. Like every field, recorded only when it changed."""
    return {
        "date_notes": [d.anchor_note for d in claim.dates],
        "offsets": [[a.start_offset, a.end_offset] for a in claim.attributions],
    }


def _name(actor) -> str | None:
    return actor.name if actor is not None else None


def add_appearance(
    session: Session,
    claim_id: int,
    appearance: AttributionInput,
    *,
    user: str,
    reason: str | None = None,
    if_version: int | None = None,
) -> Claim:
    """Record that a claim also appears in another source."""
    claim = lock_claim(session, claim_id, if_version)
    if any(a.source_id == appearance.source_id for a in claim.attributions):
        raise InvalidInput(
            f"claim {claim.id} already appears in source {appearance.source_id}; "
            "edit that appearance instead"
        )
    row = Attribution(position=len(claim.attributions), **_attribution(session, appearance))
    claim.attributions.append(row)
    history.touch(claim, user)
    session.flush()  # the summary names the source by id, set by the flush
    history.record(
        session,
        claim,
        "appearance_added",
        user=user,
        new=attribution_summary(row),
        reason=clean_text(reason, "reason", max_length=2000, required=False),
    )
    return claim


def set_status(
    session: Session,
    claim_id: int,
    status: str,
    *,
    reason: str,
    user: str,
    rationale: str | None = None,
    if_version: int | None = None,
) -> Claim:
    """Move a claim through the workflow (see factdb.workflow). A verdict needs a
    rationale (the reason is used when none is given) and at least one evidence item."""
    reason = clean_text(reason, "reason", max_length=2000)
    status = status.strip().lower().replace("-", "_").replace(" ", "_")
    if status not in STATUSES:
        raise WorkflowError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    claim = lock_claim(session, claim_id, if_version)
    check_transition(claim.status, status)
    old = {"status": claim.status, "rationale": claim.rationale}
    if is_verdict(status):
        rationale = clean_text(rationale or reason, "rationale", max_length=MAX_CLAIM_TEXT)
        if not claim.evidence:
            raise WorkflowError(
                f"a verdict needs evidence: add some with `factdb evidence add {claim.id} "
                "--url URL --stance supports|refutes` first"
            )
        claim.rationale = rationale
    claim.status = status
    history.touch(claim, user)
    history.record(
        session,
        claim,
        "retracted" if status == "retracted" else "status",
        user=user,
        old=old,
        new={"status": claim.status, "rationale": claim.rationale},
        reason=reason,
    )
    return claim


def retract(
    session: Session, claim_id: int, *, reason: str, user: str, if_version: int | None = None
) -> Claim:
    return set_status(
        session, claim_id, "retracted", reason=reason, user=user, if_version=if_version
    )
