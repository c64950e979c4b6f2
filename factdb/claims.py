"""Claims: logging them, changing them, moving them through verification, finding them.

Every function validates all of its input before it changes anything, and every
change bumps the claim's version and appends to its history in the caller's
transaction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from factdb import history, units
from factdb.actors import find_actor
from factdb.dates import DateSpec, parse_date
from factdb.errors import Conflict, InvalidInput, NotFound, WorkflowError
from factdb.figures import FigureSpec, parse_figure
from factdb.models import (
    Attribution,
    Claim,
    ClaimDate,
    FigureRow,
    HistoryEntry,
    Source,
    Topic,
)
from factdb.query import ClaimQuery, matching, page_total
from factdb.sources import get_source
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


@dataclass
class ClaimPage:
    claims: list[Claim]
    total: int
    history_counts: dict[int, int] = field(default_factory=dict)


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


def period_end(value: dt.date | None, precision: str) -> dt.date | None:
    if value is None:
        return None
    if precision == "year":
        return dt.date(value.year, 12, 31)
    if precision == "month":
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    if precision == "week":
        return value + dt.timedelta(days=6)
    return value


def figure_row(spec: FigureSpec, position: int) -> FigureRow:
    return FigureRow(position=position, **units.figure_columns(spec))


def date_row(spec: DateSpec, position: int, anchor_note: str | None = None) -> ClaimDate:
    return ClaimDate(
        position=position,
        role=spec.role,
        text=spec.text,
        value=spec.value,
        value_end=period_end(spec.value, spec.precision),
        precision=spec.precision,
        relative=spec.relative,
        anchor=spec.anchor,
        anchor_note=anchor_note,
    )


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

    created = units.create(session, planned, user)
    # Only a key can be taken by another writer meanwhile.
    claim = checked(session, insert) if key else insert()
    history.record(session, claim, "created", user=user, new=snapshot(claim))
    units.notify_new(created, notify)
    return claim


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


def figure_spec(row: FigureRow) -> str:
    return units.spec_of(row).to_spec()


def date_spec(row: ClaimDate) -> str:
    return to_date_spec(row).to_spec()


def to_date_spec(row: ClaimDate) -> DateSpec:
    return DateSpec(
        role=row.role,
        text=row.text,
        value=row.value,
        precision=row.precision,
        anchor=row.anchor,
        relative=row.relative,
    )


def attribution_summary(a: Attribution) -> dict:
    return {
        "source": a.source_id,
        "claimant": a.claimant.name if a.claimant else None,
        "relay": a.relay.name if a.relay else None,
        "attribution": a.kind,
        "quote": a.quote,
    }


def get_claim(session: Session, claim_id: int, *, for_update: bool = False) -> Claim:
    """The claim; ``for_update`` locks its row and reloads it even if the session holds
    it already, so that the version checked is the one committed."""
    claim = session.get(
        Claim, claim_id, with_for_update=for_update or None, populate_existing=for_update
    )
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}: see `factdb claims list`")
    return claim


def lock_claim(session: Session, claim_id: int, if_version: int | None) -> Claim:
    """Load a claim to change it, locked where the backend can lock rows (on SQLite
    the write transaction itself is the lock)."""
    claim = get_claim(session, claim_id, for_update=True)
    if if_version is not None and claim.version != if_version:
        raise Conflict(conflict_message(session, claim, if_version))
    return claim


def conflict_message(session: Session, claim: Claim, expected: int) -> str:
    """Which version the claim is at, and who made the change the caller missed."""
    last = session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.claim_id == claim.id)
        .order_by(HistoryEntry.version.desc(), HistoryEntry.id.desc())
        .limit(1)
    ).first()
    who, when = (last.actor, last.at) if last else (claim.updated_by, claim.updated_at)
    return (
        f"claim {claim.id} is at version {claim.version}, not {expected}: "
        f"last changed by {who} at {when:%Y-%m-%d %H:%M:%S} UTC; reload it and retry"
    )


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
    before = snapshot(claim)
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
    for i, row in enumerate(claim.figures):
        row.position = i
    for spec in new_figures:
        claim.figures.append(figure_row(spec, len(claim.figures)))
    for i, row in enumerate(claim.dates):
        row.position = i
    for spec, note in new_dates:
        claim.dates.append(date_row(spec, len(claim.dates), note))
    claim.topics[:] = [t for t in claim.topics if t.name not in topic_keys_to_remove]
    claim.topics.extend(t for t in topics_to_add if t not in claim.topics)
    if new_attribution is not None:
        for name, value in new_attribution.items():
            setattr(primary, name, value)
    session.flush()
    session.expire(claim, ["topics"])
    after = snapshot(claim)
    old = {k: v for k, v in before.items() if after[k] != v}
    new = {k: after[k] for k in old}
    if not new:
        raise InvalidInput(f"nothing to change in claim {claim.id}: give at least one new value")
    history.record(session, claim, "edited", user=user, old=old, new=new, reason=reason)
    units.notify_new(created, notify)
    return claim


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


def claim_history(session: Session, claim_id: int) -> list[HistoryEntry]:
    get_claim(session, claim_id)
    query = select(HistoryEntry).where(HistoryEntry.claim_id == claim_id)
    return list(session.scalars(query.order_by(HistoryEntry.id)))


def list_claims(session: Session, q: ClaimQuery | None = None) -> ClaimPage:
    """Claims matching every filter given, with the total before paging: oldest first,
    or best match first when searching for words."""
    q = q or ClaimQuery()
    query, count, params = matching(session, q, _claim_select())
    found = list(session.scalars(load_options(query), params))
    claims, total = page_total(session, count, params, q, found)
    return ClaimPage(
        claims=claims, total=total or 0, history_counts=history_counts(session, claims)
    )


@functools.cache
def _claim_select() -> Select:
    """Built once, so that ``matching`` keeps its statements for it."""
    return select(Claim)


def load_options(query: Select) -> Select:
    """Everything a claim's JSON needs, in a fixed number of queries whatever the count."""
    appearances = selectinload(Claim.attributions)
    return query.options(
        # Many-to-one: joined into the appearances' query rather than one query each.
        appearances.joinedload(Attribution.source),
        appearances.joinedload(Attribution.claimant),
        appearances.joinedload(Attribution.relay),
        selectinload(Claim.figures),
        selectinload(Claim.dates),
        selectinload(Claim.topics),
        selectinload(Claim.evidence),
    )


def history_counts(session: Session, claims: Sequence[Claim]) -> dict[int, int]:
    if not claims:
        return {}
    query = (
        select(HistoryEntry.claim_id, func.count())
        .where(HistoryEntry.claim_id.in_([c.id for c in claims]))
        .group_by(HistoryEntry.claim_id)
    )
    return dict(session.execute(query).all())
