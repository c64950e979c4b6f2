"""The bulk path of dataset imports: validated records in, batches of plain rows out.

A dataset parser turns each row into a ``ClaimRecord`` whose every value has already
passed the checks of the normal path (``clean_text``, ``topic_key``, the vocabularies),
so the writer only has to find or create the speakers, topics and sources a batch
refers to and insert its rows. Per batch it runs a handful of statements whatever its
size: one lookup of the claim keys already present (the merge key, so a re-import
merges instead of duplicating), one lookup per kind of referenced row, and one write
per table: ``executemany`` on SQLite, COPY on PostgreSQL (``BulkInserter``). No ORM
object nor parameter dict is built per record, only one tuple per row, and memory
holds one batch plus the ids of the speakers, topics and sources seen so far.

Each new claim gets the same rows the normal path writes (attribution, topics, dates,
a history entry with the same snapshot) plus the publisher's review; it starts
``logged``, since the publisher's rating is not the newsroom's verdict. A record
whose claim is already there adds its review to it, unless the claim has that very
review (``reviews.key``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from factdb import fulltext
from factdb.bulk_insert import BulkInserter
from factdb.dates import DateSpec, period_end
from factdb.formats.rejects import ImportStats
from factdb.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Attribution,
    Claim,
    ClaimDate,
    ClaimTopic,
    HistoryEntry,
    Review,
    Source,
    Topic,
    utcnow,
)
from factdb.reviews import publisher_key, review_key
from factdb.serialize import review_dict
from factdb.validate import name_key, topic_key

BATCH_SIZE = 5000

# The columns each bulk insert fills, in the order of its row tuples.
CLAIM_COLUMNS = (
    "id key text language claim_type modality status note version"
    " created_at created_by updated_at updated_by"
)
SOURCE_COLUMNS = "key title outlet url language kind published created_at created_by"
DATE_COLUMNS = "claim_id position role text value value_end precision relative anchor"
REVIEW_COLUMNS = (
    "claim_id key origin publisher publisher_key url published language rating_value"
    " best_rating worst_rating rating_name verdict created_at created_by"
)
HISTORY_COLUMNS = "claim_id version at actor action old new reason"

# Datasets repeat the same few thousand speakers, topics and contexts: each distinct
# value is checked and folded once while it is among the last CACHE_SIZE seen.
CACHE_SIZE = 1 << 12

folded_name = lru_cache(maxsize=CACHE_SIZE)(name_key)
folded_topic = lru_cache(maxsize=CACHE_SIZE)(topic_key)


@dataclass(frozen=True)
class SpeakerRecord:
    name: str
    kind: str = "person"
    party: str | None = None
    region: str | None = None
    role: str | None = None

    @property
    def key(self) -> str:
        return folded_name(self.name)


@dataclass(frozen=True)
class SourceRecord:
    key: str
    title: str
    language: str
    kind: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class ReviewRecord:
    origin: str
    publisher: str
    rating_name: str | None
    verdict: str | None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None


@dataclass(frozen=True)
class ClaimRecord:
    """One dataset row as factdb will store it; built only from validated values."""

    key: str
    text: str
    language: str
    source: SourceRecord
    review: ReviewRecord
    attribution: str
    speaker: SpeakerRecord | None = None
    topics: tuple[str, ...] = ()
    dates: tuple[DateSpec, ...] = ()
    note: str | None = None


@dataclass
class _Speaker:
    id: int
    name: str
    party: str | None
    region: str | None
    roles: set[str] = field(default_factory=set)


@dataclass
class BulkWriter:
    """Collects records and writes them in batches within the session's transaction.

    ``origin`` says where the records come from (for example ``LIAR file valid.tsv``)
    and goes into each claim's history entry with the record's line number.
    """

    session: Session
    user: str
    stats: ImportStats
    origin: str
    batch_size: int = BATCH_SIZE
    _pending: list[tuple[int, ClaimRecord]] = field(default_factory=list)
    _speakers: dict[str, _Speaker] = field(default_factory=dict)
    _topics: dict[str, int] = field(default_factory=dict)
    _sources: dict[str, int] = field(default_factory=dict)
    out: BulkInserter = field(init=False)

    def __post_init__(self) -> None:
        self.out = BulkInserter(self.session)

    def add(self, line: int, record: ClaimRecord) -> None:
        self._pending.append((line, record))
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        fresh = self._drop_known(batch)
        self.stats.merged += len(batch) - len(fresh)
        if not fresh:
            return
        records = [record for _, record in fresh]
        self._load_speakers(records)
        self._load_topics(records)
        self._load_sources(records)
        self._insert_claims(fresh)
        self.stats.imported += len(fresh)

    def _new_ids(self, table: Table, count: int) -> list[int]:
        """Reserve ``count`` ids for new rows of ``table``, in order.

        RETURNING would do, but SQLite then inserts one row per statement to keep the
        order, and COPY returns nothing. PostgreSQL hands out ids from the table's
        sequence; SQLite's write transaction began with BEGIN IMMEDIATE, so nobody else
        can take the ids after the current maximum.
        """
        if self.out.postgres:
            return list(
                self.session.scalars(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:table, 'id'))"
                        " FROM generate_series(1, :count)"
                    ),
                    {"table": table.name, "count": count},
                )
            )
        first = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        return list(range(first, first + count))

    def _drop_known(self, batch: list[tuple[int, ClaimRecord]]) -> list[tuple[int, ClaimRecord]]:
        """The records whose key is neither in the database nor earlier in the batch.

        A known claim is left as it is, except that a note it lacks is added (with a
        history entry): LIAR-PLUS brings PolitiFact's ruling to a claim LIAR created;
        and so is a published review it does not have yet.
        """
        keys = list({record.key for _, record in batch})
        known = {
            key: (claim_id, note)
            for key, claim_id, note in self.session.execute(
                select(Claim.key, Claim.id, Claim.note).where(Claim.key.in_(keys))
            )
        }
        fresh, notes, reviews = [], [], []
        for line, record in batch:
            if record.key not in known:
                known[record.key] = (0, record.note)
                fresh.append((line, record))
                continue
            claim_id, note = known[record.key]
            if claim_id and record.note and not note:
                known[record.key] = (claim_id, record.note)
                notes.append((claim_id, line, record.note))
            if claim_id:
                reviews.append((claim_id, line, record.review))
        if notes:
            self._add_notes(notes)
        if reviews:
            self._add_reviews(reviews)
        return fresh

    def _edit(self, notes: dict[int, str | None], moment: dt.datetime) -> dict[int, int]:
        """Bump the version of each claim in ``notes`` (claim id → the note to set, or
        None to leave it), as one edit made at ``moment``; returns the new versions.

        The versions are read again with the rows locked (FOR UPDATE on PostgreSQL),
        so that an editor's change committed meanwhile is built on, never overwritten.
        """
        versions = {
            claim_id: version + 1
            for claim_id, version in self.session.execute(
                select(Claim.id, Claim.version)
                .where(Claim.id.in_(list(notes)))
                .order_by(Claim.id)
                .with_for_update()
            )
        }
        table = _table(Claim)
        self.session.execute(
            update(table)
            .where(table.c.id == bindparam("claim_id"))
            .values(
                note=func.coalesce(bindparam("new_note"), table.c.note),
                version=bindparam("new_version"),
                updated_at=bindparam("now"),
                updated_by=bindparam("user"),
            ),
            [
                {
                    "claim_id": claim_id,
                    "new_note": note,
                    "new_version": versions[claim_id],
                    "now": moment,
                    "user": self.user,
                }
                for claim_id, note in notes.items()
            ],
        )
        return versions

    def _add_notes(self, found: list[tuple[int, int, str]]) -> None:
        """Add the notes (claim id, line, note) as edits, each bumping its claim's version."""
        now = utcnow()
        versions = self._edit({claim_id: note for claim_id, _, note in found}, now)
        self._insert_history(
            [
                (
                    claim_id,
                    versions[claim_id],
                    "edited",
                    {"note": None},
                    {"note": note},
                    f"note added from {self.origin}, line {line}",
                )
                for claim_id, line, note in found
            ],
            now,
        )

    def _review_row(
        self, claim_id: int, review: ReviewRecord, now: Any, day: Callable[[Any], Any]
    ) -> tuple:
        """The row of REVIEW_COLUMNS for ``review`` of the claim ``claim_id``."""
        return (
            claim_id,
            _key_of(claim_id, review),
            review.origin,
            review.publisher,
            publisher_key(review.publisher),
            review.url,
            day(review.published),
            review.language,
            review.rating_value,
            review.best_rating,
            review.worst_rating,
            review.rating_name,
            review.verdict,
            now,
            self.user,
        )

    def _add_reviews(self, found: list[tuple[int, int, ReviewRecord]]) -> None:
        """Add each review (claim id, line, review) its known claim does not have yet,
        as an edit bumping the claim's version: a published review of a claim that an
        earlier import brought in (LIAR-PLUS after LIAR brings the same one: nothing)."""
        wanted = {
            _key_of(claim_id, review): (claim_id, line, review) for claim_id, line, review in found
        }
        known = set(self.session.scalars(select(Review.key).where(Review.key.in_(list(wanted)))))
        new = [value for key, value in wanted.items() if key not in known]
        if not new:
            return
        moment = utcnow()
        versions = self._edit(dict.fromkeys(claim_id for claim_id, _, _ in new), moment)
        now = self.out.bind(_table(Claim).c.updated_at)(moment)
        day = self.out.bind(_table(Review).c.published)
        self.out.insert(
            _table(Review), REVIEW_COLUMNS, [self._review_row(c, r, now, day) for c, _, r in new]
        )
        self._insert_history(
            [
                (
                    claim_id,
                    versions[claim_id],
                    "review_added",
                    None,
                    review_dict(review),
                    f"review added from {self.origin}, line {line}",
                )
                for claim_id, line, review in new
            ],
            moment,
        )

    def _insert_history(self, entries: list[tuple], now: dt.datetime) -> None:
        """Entries as (claim id, version, action, old, new, reason), all made ``now``."""
        table = _table(HistoryEntry)
        to_json = self.out.bind(table.c.new)
        null = to_json(None)  # an import's entries have no old value
        at = self.out.bind(table.c.at)(now)
        self.out.insert(
            table,
            HISTORY_COLUMNS,
            [
                (
                    claim_id,
                    version,
                    at,
                    self.user,
                    action,
                    null if old is None else to_json(old),
                    to_json(new),
                    reason,
                )
                for claim_id, version, action, old, new, reason in entries
            ],
        )

    def _load_speakers(self, records: list[ClaimRecord]) -> None:
        wanted: dict[str, SpeakerRecord] = {}
        for r in records:  # a new speaker is created from its first record
            if r.speaker is not None:
                wanted.setdefault(r.speaker.key, r.speaker)
        missing = [key for key in wanted if key not in self._speakers]
        if missing:
            found = self.session.execute(
                select(ActorAlias.key, Actor.id, Actor.name, Actor.party, Actor.region)
                .join(Actor, Actor.id == ActorAlias.actor_id)
                .where(ActorAlias.key.in_(missing))
            )
            by_id: dict[int, _Speaker] = {}
            for key, actor_id, name, party, region in found:
                speaker = by_id.setdefault(actor_id, _Speaker(actor_id, name, party, region))
                self._speakers[key] = speaker
            if by_id:
                for actor_id, title in self.session.execute(
                    select(ActorRole.actor_id, ActorRole.title).where(
                        ActorRole.actor_id.in_(list(by_id))
                    )
                ):
                    by_id[actor_id].roles.add(title)
            new = [wanted[key] for key in missing if key not in self._speakers]
            if new:
                table = _table(Actor)
                now = self.out.bind(table.c.created_at)(utcnow())
                ids = self._new_ids(table, len(new))
                self.out.insert(
                    table,
                    "id name kind party region created_at created_by",
                    [
                        (i, s.name, s.kind, s.party, s.region, now, self.user)
                        for i, s in zip(ids, new, strict=True)
                    ],
                )
                for actor_id, s in zip(ids, new, strict=True):
                    self._speakers[s.key] = _Speaker(actor_id, s.name, s.party, s.region)
                self.out.insert(
                    _table(ActorAlias),
                    "actor_id alias key language",
                    [(i, s.name, s.key, None) for i, s in zip(ids, new, strict=True)],
                )
        # Later rows fill in what the first one left blank, and add new job titles.
        details, roles = [], []
        for r in records:
            if r.speaker is None:
                continue
            known = self._speakers[r.speaker.key]
            party = known.party or r.speaker.party
            region = known.region or r.speaker.region
            if (party, region) != (known.party, known.region):
                known.party, known.region = party, region
                details.append({"actor_id": known.id, "new_party": party, "new_region": region})
            if r.speaker.role and r.speaker.role not in known.roles:
                known.roles.add(r.speaker.role)
                roles.append((known.id, r.speaker.role))
        if details:
            table = _table(Actor)
            self.session.execute(
                update(table)
                .where(table.c.id == bindparam("actor_id"))
                .values(party=bindparam("new_party"), region=bindparam("new_region")),
                details,
            )
        self.out.insert(_table(ActorRole), "actor_id title", roles)

    def _load_topics(self, records: list[ClaimRecord]) -> None:
        missing = list({t for r in records for t in r.topics if t not in self._topics})
        if not missing:
            return
        for topic_id, name in self.session.execute(
            select(Topic.id, Topic.name).where(Topic.name.in_(missing))
        ):
            self._topics[name] = topic_id
        new = [name for name in missing if name not in self._topics]
        if new:
            ids = self._new_ids(_table(Topic), len(new))
            self.out.insert(_table(Topic), "id name", list(zip(ids, new, strict=True)))
            self._topics.update(zip(new, ids, strict=True))

    def _load_sources(self, records: list[ClaimRecord]) -> None:
        wanted: dict[str, SourceRecord] = {}
        for r in records:
            if r.source.key not in self._sources:
                wanted.setdefault(r.source.key, r.source)
        if not wanted:
            return
        for source_id, key in self.session.execute(
            select(Source.id, Source.key).where(Source.key.in_(list(wanted)))
        ):
            self._sources[key] = source_id
        new = [s for key, s in wanted.items() if key not in self._sources]
        if new:
            table = _table(Source)
            now = self.out.bind(table.c.created_at)(utcnow())
            day = self.out.bind(table.c.published)
            ids = self._new_ids(table, len(new))
            self.out.insert(
                table,
                f"id {SOURCE_COLUMNS}",
                [
                    (
                        i,
                        s.key,
                        s.title,
                        s.outlet,
                        s.url,
                        s.language,
                        s.kind,
                        day(s.published),
                        now,
                        self.user,
                    )
                    for i, s in zip(ids, new, strict=True)
                ],
            )
            self._sources.update((s.key, i) for s, i in zip(new, ids, strict=True))

    def _insert_claims(self, fresh: list[tuple[int, ClaimRecord]]) -> None:
        moment = utcnow()
        table = _table(Claim)
        now = self.out.bind(table.c.created_at)(moment)
        user = self.user
        ids = self._new_ids(table, len(fresh))
        connection = self.out.connection
        if not self.out.postgres:
            connection.exec_driver_sql("DROP TRIGGER claims_fts_insert")
        self.out.insert(
            table,
            CLAIM_COLUMNS,
            [
                (
                    i,
                    r.key,
                    r.text,
                    r.language,
                    "event" if r.dates else "quote",
                    "asserted",
                    "logged",
                    r.note,
                    1,
                    now,
                    user,
                    now,
                    user,
                )
                for i, (_, r) in zip(ids, fresh, strict=True)
            ],
        )
        if not self.out.postgres:
            connection.exec_driver_sql(fulltext.SQLITE_INDEX_CLAIMS, (ids[0], ids[-1]))
            connection.exec_driver_sql(fulltext.SQLITE_INSERT_TRIGGER)
        day = self.out.bind(_table(ClaimDate).c.value)
        flag = self.out.bind(_table(ClaimDate).c.relative)
        attributions, topics, dates, reviews, entries = [], [], [], [], []
        for claim_id, (line, r) in zip(ids, fresh, strict=True):
            source_id = self._sources[r.source.key]
            claimant = self._speakers[r.speaker.key] if r.speaker else None
            attributions.append(
                (claim_id, source_id, 0, claimant.id if claimant else None, r.attribution)
            )
            topics.extend((claim_id, self._topics[t]) for t in r.topics)
            dates.extend(
                (
                    claim_id,
                    i,
                    d.role,
                    d.text,
                    day(d.value),
                    day(period_end(d.value, d.precision)),
                    d.precision,
                    flag(d.relative),
                    day(d.anchor),
                )
                for i, d in enumerate(r.dates)
            )
            reviews.append(self._review_row(claim_id, r.review, now, day))
            entries.append(
                (
                    claim_id,
                    1,
                    "imported",
                    None,
                    _snapshot(r, source_id, claimant.name if claimant else None),
                    f"imported from {self.origin}, line {line}",
                )
            )
        self.out.insert(
            _table(Attribution),
            "claim_id source_id position claimant_id kind",
            attributions,
        )
        self.out.insert(_table(ClaimTopic), "claim_id topic_id", topics)
        self.out.insert(
            _table(ClaimDate),
            DATE_COLUMNS,
            dates,
        )
        self.out.insert(
            _table(Review),
            REVIEW_COLUMNS,
            reviews,
        )
        self._insert_history(entries, moment)


def _table(model: Any) -> Table:
    return model.__table__


def _snapshot(r: ClaimRecord, source_id: int, claimant: str | None) -> dict:
    """The same content ``snapshots.snapshot`` records for a claim created by hand,
    plus the publisher's rating the import brought in."""
    return {
        "text": r.text,
        "language": r.language,
        "translation": None,
        "type": "event" if r.dates else "quote",
        "modality": "asserted",
        "status": "logged",
        "topics": sorted(r.topics),
        "figures": [],
        "dates": [d.to_spec() for d in r.dates],
        "attributions": [
            {
                "source": source_id,
                "claimant": claimant,
                "relay": None,
                "attribution": r.attribution,
                "quote": None,
            }
        ],
        "review": _review_entry(r.review),
    }


def _review_entry(review: ReviewRecord) -> dict:
    return {"publisher": review.publisher, "rating": review.rating_name, "verdict": review.verdict}


def _key_of(claim_id: int, review: ReviewRecord) -> str:
    return review_key(
        claim_id,
        review.publisher,
        review.url,
        review.rating_name,
        review.rating_value,
        review.best_rating,
        review.worst_rating,
    )
