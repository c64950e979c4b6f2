"""A whole ledger as JSON lines: the lossless export, and its import into an empty database.

The file is one JSON object per line, each with a ``type``. The first line is the
header (``{"type": "header", "format": "factdb-jsonl", "format_version": 1}``), the
last one the end record with the number of records in between, so that a file cut
at a line boundary is still caught. In between come the records, by type in the
order of ``KINDS`` and by id within a type, so that the same ledger always gives
the same bytes and every reference points to an earlier line.

Each record holds its table's columns under their own names, ids included, so an
import restores ids, versions, timestamps and history exactly. Columns derived from
others (an alias's folded key, a figure's query interval, the last day of a date's
period) are left out and computed again on import. A claim's topics are the list
of topic ids in its ``topics`` field.

Importing checks every line before it is written (typed models that refuse unknown
fields, the same rules as the database's constraints, references to earlier lines,
unique keys) and stops at the first problem with ``FILE:LINE: problem``; the caller's
transaction then rolls everything back.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, TextIO

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from sqlalchemy import Date, DateTime, Table, delete, literal, select, text
from sqlalchemy.orm import Session

from factdb.bulk_insert import BulkInserter
from factdb.dates import DateSpec, period_end
from factdb.errors import InvalidInput
from factdb.evidence import location_problem
from factdb.figures import FigureSpec
from factdb.formats.reading import decode, open_file
from factdb.formats.rejects import Progress, no_progress
from factdb.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Attribution,
    Base,
    Claim,
    ClaimDate,
    ClaimTopic,
    Evidence,
    FigureRow,
    HistoryEntry,
    Review,
    Source,
    Topic,
    Unit,
    UnitAlias,
    UTCDateTime,
)
from factdb.reviews import publisher_key, review_key
from factdb.spec_rows import figure_values
from factdb.tables import CLAIM_LINKS
from factdb.unit_vocab import unit_key
from factdb.units import ensure_units
from factdb.validate import name_key, topic_key
from factdb.validation_words import describe
from factdb.vocab import (
    MAX_CLAIM_TEXT,
    MAX_INTEGER,
    ActorKind,
    AttributionKind,
    ClaimType,
    EvidenceStance,
    Modality,
    ReviewOrigin,
    SourceKind,
    Status,
    UnitDimension,
    Verdict,
)

FORMAT = "factdb-jsonl"
FORMAT_VERSION = 1
BATCH_SIZE = 2000


def _storable(value: str) -> str:
    """Text any database column can hold: PostgreSQL refuses NUL, UTF-8 lone surrogates."""
    if "\x00" in value:
        raise ValueError("contains a NUL character, which the database cannot store")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains a lone surrogate, which is not Unicode text") from None
    return value


def _storable_json(value: Any) -> Any:
    """JSON (a history entry's old and new values) that both databases store: every
    string storable text, every number finite (PostgreSQL's JSON has no Infinity or NaN)."""
    if isinstance(value, str):
        return _storable(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("JSON has no Infinity or NaN: give a finite number")
    if isinstance(value, list):
        for item in value:
            _storable_json(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable_json(item)
    return value


Str = Annotated[str, AfterValidator(_storable)]
Json = Annotated[JsonValue, AfterValidator(_storable_json)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_storable)]
Language = Annotated[str, Field(min_length=2, max_length=16), AfterValidator(_storable)]
# The database's INTEGER is 32 bits on PostgreSQL.
Int = Annotated[int, Field(ge=-MAX_INTEGER - 1, le=MAX_INTEGER)]
Id = Annotated[int, Field(ge=1, le=MAX_INTEGER)]


def _utc(value: dt.datetime) -> dt.datetime:
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("is out of range once in UTC") from None


Timestamp = Annotated[AwareDatetime, AfterValidator(_utc)]


class Line(BaseModel):
    """One line of the file; ``table`` is where it goes, ``refs`` what it points to."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)
    type: str
    id: Id
    table: ClassVar[Table]
    refs: ClassVar[dict[str, str]] = {}
    derived: ClassVar[tuple[str, ...]] = ()

    def row(self) -> dict[str, Any]:
        """The values to insert: the record's fields plus what is derived from them."""
        return self.model_dump(exclude={"type"})

    def unique_keys(self) -> list[tuple[str, Any]]:
        """(what, value) pairs no other record may share, as the database's unique keys."""
        return []


class Header(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    type: Literal["header"]
    format: str
    format_version: int


class End(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    type: Literal["end"]
    records: int


class SourceLine(Line):
    table = Source.__table__
    type: Literal["source"]
    id: Id
    key: Str | None
    outlet: Str | None
    title: Name
    url: Str | None
    language: Language
    kind: SourceKind
    published: dt.date | None
    retrieved: dt.date | None
    full_text: Str | None
    created_at: Timestamp
    created_by: Str

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("source key", self.key)]


class ActorLine(Line):
    table = Actor.__table__
    type: Literal["actor"]
    id: Id
    name: Name
    kind: ActorKind
    country: Str | None
    wikidata: Annotated[str, Field(pattern=r"^Q")] | None
    description: Str | None
    party: Str | None
    region: Str | None
    created_at: Timestamp
    created_by: Str

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("actor wikidata id", self.wikidata)]


class AliasLine(Line):
    table = ActorAlias.__table__
    refs = {"actor_id": "actor"}
    derived = ("key",)
    type: Literal["alias"]
    id: Id
    actor_id: Id
    alias: Str
    language: Str | None

    def row(self) -> dict[str, Any]:
        return super().row() | {"key": name_key(self.alias)}

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("alias (ignoring case and accents)", name_key(self.alias))]


class RoleLine(Line):
    table = ActorRole.__table__
    refs = {"actor_id": "actor"}
    type: Literal["role"]
    id: Id
    actor_id: Id
    title: Str
    start_date: dt.date | None
    end_date: dt.date | None

    @model_validator(mode="after")
    def _period(self) -> RoleLine:
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"the role ends ({self.end_date}) before it starts")
        return self


class TopicLine(Line):
    table = Topic.__table__
    type: Literal["topic"]
    id: Id
    name: Str

    @model_validator(mode="after")
    def _folded(self) -> TopicLine:
        try:
            folded = topic_key(self.name)
        except InvalidInput as error:
            raise ValueError(str(error)) from None
        if folded != self.name:
            raise ValueError(f"topic {self.name!r} is not folded: write it {folded!r}")
        return self

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("topic", self.name)]


class ClaimLine(Line):
    table = Claim.__table__
    refs = {"topics": "topic"}
    type: Literal["claim"]
    id: Id
    key: Str | None
    text: Annotated[str, Field(min_length=1, max_length=MAX_CLAIM_TEXT), AfterValidator(_storable)]
    language: Language
    translation: Str | None
    claim_type: ClaimType
    modality: Modality
    status: Status
    rationale: Str | None
    note: Str | None
    # Absent from files written before the re-check queue existed.
    recheck_on: dt.date | None = None
    version: Id
    created_at: Timestamp
    created_by: Str
    updated_at: Timestamp
    updated_by: Str
    topics: list[Id]

    @model_validator(mode="after")
    def _distinct_topics(self) -> ClaimLine:
        if len(set(self.topics)) != len(self.topics):
            raise ValueError("topics lists a topic twice")
        return self

    def row(self) -> dict[str, Any]:
        return self.model_dump(exclude={"type", "topics"})

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("claim key", self.key)]


class AppearanceLine(Line):
    table = Attribution.__table__
    refs = {"claim_id": "claim", "source_id": "source", "claimant_id": "actor", "relay_id": "actor"}
    type: Literal["appearance"]
    id: Id
    claim_id: Id
    source_id: Id
    position: Int
    claimant_id: Id | None
    relay_id: Id | None
    kind: AttributionKind
    quote: Str | None
    start_offset: Int | None
    end_offset: Int | None

    @model_validator(mode="after")
    def _consistent(self) -> AppearanceLine:
        if self.kind == "unattributed" and (self.claimant_id or self.relay_id):
            raise ValueError("an unattributed appearance names no claimant and no relay")
        if self.kind != "unattributed" and self.claimant_id is None:
            raise ValueError(f"a {self.kind} appearance names its claimant")
        if self.relay_id is not None and self.relay_id == self.claimant_id:
            raise ValueError("the relay is the claimant")
        offsets = (self.start_offset, self.end_offset)
        if offsets != (None, None) and (
            None in offsets or not 0 <= self.start_offset < self.end_offset  # type: ignore[operator]
        ):
            raise ValueError("start_offset and end_offset are both null, or 0 <= start < end")
        return self

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("appearance of a claim in a source", (self.claim_id, self.source_id))]


class UnitLine(Line):
    table = Unit.__table__
    type: Literal["unit"]
    id: Id
    name: Str
    dimension: UnitDimension
    base_unit: Str
    factor: Annotated[float, Field(gt=0)]
    description: Str | None
    created_at: Timestamp
    created_by: Str

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("unit", self.name)]


class UnitAliasLine(Line):
    table = UnitAlias.__table__
    refs = {"unit_id": "unit"}
    derived = ("key",)
    type: Literal["unit_alias"]
    id: Id
    unit_id: Id
    alias: Str

    def row(self) -> dict[str, Any]:
        return super().row() | {"key": unit_key(self.alias)}

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("unit alias (ignoring case and accents)", unit_key(self.alias))]


class FigureLine(Line):
    table = FigureRow.__table__
    refs = {"claim_id": "claim"}
    derived = ("span_low", "span_high", "base_unit", "base_low", "base_high")
    type: Literal["figure"]
    id: Id
    claim_id: Id
    position: Int
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    per: str | None
    text: Str | None
    # Added with the units table: absent from older exports, hence the defaults.
    strict: bool = False
    increment: bool = False
    quantity: Str | None = None
    per_count: float | None = None
    per_unit: Str | None = None

    def spec(self) -> FigureSpec:
        """The figure as the library knows it; building it checks its shape and unit."""
        return FigureSpec(
            self.kind, self.value, self.low, self.high, self.unit, self.per, self.text,
            strict=self.strict, quantity=self.quantity, increment=self.increment,
            per_count=self.per_count, per_unit=self.per_unit,
        )  # fmt: skip

    def row(self) -> dict[str, Any]:
        spec = self.spec()
        if spec.unit != self.unit:
            raise InvalidInput(f"unit {self.unit!r} is not a unit's name: write {spec.unit!r}")
        return super().row() | figure_values(spec)


class DateLine(Line):
    table = ClaimDate.__table__
    refs = {"claim_id": "claim"}
    derived = ("value_end",)
    type: Literal["date"]
    id: Id
    claim_id: Id
    position: Int
    role: str
    text: Str | None
    value: dt.date | None
    precision: str
    relative: bool
    anchor: dt.date | None
    anchor_note: Str | None

    def row(self) -> dict[str, Any]:
        DateSpec(self.role, self.text, self.value, self.precision, self.anchor, self.relative)
        return super().row() | {"value_end": period_end(self.value, self.precision)}


class EvidenceLine(Line):
    table = Evidence.__table__
    refs = {"claim_id": "claim"}
    type: Literal["evidence"]
    id: Id
    claim_id: Id
    url: Str | None
    document: Str | None
    stance: EvidenceStance
    note: Str | None
    accessed: dt.date | None
    created_at: Timestamp
    created_by: Str

    @model_validator(mode="after")
    def _located(self) -> EvidenceLine:
        if problem := location_problem(self.url, self.document):
            raise ValueError(problem)
        return self


class ReviewLine(Line):
    table = Review.__table__
    refs = {"claim_id": "claim"}
    derived = ("key", "publisher_key")
    type: Literal["review"]
    id: Id
    claim_id: Id
    # Exports written before migration 0006 filed LIAR-PLUS reviews as "liar-plus".
    origin: Annotated[
        ReviewOrigin | Literal["liar-plus"],
        AfterValidator(lambda origin: "liar" if origin == "liar-plus" else origin),
    ]
    publisher: Str | None
    url: Str | None
    published: dt.date | None
    language: Str | None
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    rating_name: Str | None
    verdict: Verdict | None
    created_at: Timestamp
    created_by: Str

    @property
    def key(self) -> str:
        return review_key(
            self.claim_id,
            self.publisher,
            self.url,
            self.rating_name,
            self.rating_value,
            self.best_rating,
            self.worst_rating,
        )

    def row(self) -> dict[str, Any]:
        return super().row() | {"key": self.key, "publisher_key": publisher_key(self.publisher)}

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("review (same claim, publisher, url and rating)", self.key)]


class LinkLine(Line):
    """Claim ``repeat_id`` repeats claim ``claim_id`` (factdb.repeats)."""

    table = CLAIM_LINKS
    refs = {"claim_id": "claim", "repeat_id": "claim"}
    type: Literal["link"]
    id: Id
    claim_id: Id
    repeat_id: Id
    created_at: Timestamp
    created_by: Str

    @model_validator(mode="after")
    def _two_claims(self) -> LinkLine:
        if self.claim_id == self.repeat_id:
            raise ValueError("a claim cannot repeat itself")
        return self

    def unique_keys(self) -> list[tuple[str, Any]]:
        return [("link between two claims", (self.claim_id, self.repeat_id))]


class HistoryLine(Line):
    table = HistoryEntry.__table__
    refs = {"claim_id": "claim"}
    type: Literal["history"]
    id: Id
    claim_id: Id
    version: Id
    at: Timestamp
    actor: Str
    action: Str
    old: Json
    new: Json
    reason: Str | None


@dataclass(frozen=True)
class Kind:
    """A record type: its ``type`` value, its model, and its name in counts."""

    name: str
    model: type[Line]
    plural: str


# File order: every record refers only to kinds listed before its own.
KINDS = (
    Kind("unit", UnitLine, "units"),
    Kind("unit_alias", UnitAliasLine, "unit aliases"),
    Kind("source", SourceLine, "sources"),
    Kind("actor", ActorLine, "actors"),
    Kind("alias", AliasLine, "aliases"),
    Kind("role", RoleLine, "roles"),
    Kind("topic", TopicLine, "topics"),
    Kind("claim", ClaimLine, "claims"),
    Kind("appearance", AppearanceLine, "appearances"),
    Kind("figure", FigureLine, "figures"),
    Kind("date", DateLine, "dates"),
    Kind("evidence", EvidenceLine, "evidence"),
    Kind("review", ReviewLine, "reviews"),
    Kind("link", LinkLine, "repeat links"),
    Kind("history", HistoryLine, "history entries"),
)
_BY_NAME = {kind.name: kind for kind in KINDS}
_LINE = TypeAdapter(
    Annotated[
        Header
        | End
        | UnitLine
        | UnitAliasLine
        | SourceLine
        | ActorLine
        | AliasLine
        | RoleLine
        | TopicLine
        | ClaimLine
        | AppearanceLine
        | FigureLine
        | DateLine
        | EvidenceLine
        | ReviewLine
        | LinkLine
        | HistoryLine,
        Field(discriminator="type"),
    ]
)
_TYPES = ", ".join(["header", *_BY_NAME, "end"])


def columns(kind: Kind) -> list[str]:
    """The table columns a record of ``kind`` holds, in file order."""
    return [name for name in kind.model.model_fields if name not in ("type", "topics")]


# Export -----------------------------------------------------------------------------


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(record: dict[str, Any]) -> str:
    """One line of the file: compact, UTF-8 rather than escapes, keys in column order."""
    return _ENCODER.encode(record) + "\n"


def _records(session: Session, kind: Kind) -> Iterator[dict[str, Any]]:
    table = kind.model.table
    names = columns(kind)
    keys = ["type", *names]
    # Dates and timestamps (UTC-aware) as ISO 8601; every other value is JSON as read.
    moments = [i for i, name in enumerate(names, 1) if _is_moment(table.c[name].type)]
    query = select(*(table.c[name] for name in names)).order_by(table.c.id)
    result = session.execute(query.execution_options(yield_per=BATCH_SIZE))
    for rows in result.partitions():
        topics: dict[int, list[int]] = {}
        if kind.model is ClaimLine:
            claim_topics = ClaimTopic.__table__
            for claim_id, topic_id in session.execute(
                select(claim_topics.c.claim_id, claim_topics.c.topic_id)
                .where(claim_topics.c.claim_id.between(rows[0].id, rows[-1].id))
                .order_by(claim_topics.c.claim_id, claim_topics.c.topic_id)
            ):
                topics.setdefault(claim_id, []).append(topic_id)
        for row in rows:
            values = [kind.name, *row]
            for i in moments:
                if values[i] is not None:
                    values[i] = values[i].isoformat()
            record = dict(zip(keys, values, strict=True))
            if kind.model is ClaimLine:
                record["topics"] = topics.get(row.id, [])
            yield record


def _is_moment(column_type: Any) -> bool:
    return isinstance(column_type, Date | DateTime | UTCDateTime)


def export_jsonl(session: Session, out: TextIO, progress: Progress = no_progress) -> int:
    """Write the whole ledger to ``out``; returns the number of records written.

    On PostgreSQL the reads share one REPEATABLE READ snapshot, so a claim added while
    the export runs can never leave a history entry pointing at a claim not written.
    """
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    out.write(dumps({"type": "header", "format": FORMAT, "format_version": FORMAT_VERSION}))
    written = 0
    for kind in KINDS:
        for record in _records(session, kind):
            out.write(dumps(record))
            written += 1
            progress(1)
    out.write(dumps({"type": "end", "records": written}))
    return written


# Import -----------------------------------------------------------------------------


def parse_line(raw: bytes) -> Header | End | Line:
    """One line of the file as a typed record; raises InvalidInput saying what is wrong."""
    line = decode(raw)
    if not line.strip():
        raise InvalidInput("empty line: every line holds one record")
    try:
        record = _LINE.validate_json(line)
    except ValidationError as error:
        raise InvalidInput(_describe(error)) from None
    if isinstance(record, FigureLine | DateLine):
        try:
            record.row()  # the library's own checks of a figure's or a date's shape
        except InvalidInput as error:
            raise InvalidInput(f"{record.type} record: {error}") from None
    return record


def _describe(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    kind, loc = first["type"], first["loc"]
    if kind == "json_invalid":
        problem = re.sub(r" at line 1 column (\d+)$", r" at column \1", str(first["ctx"]["error"]))
        hint = "is the line cut short?" if problem.startswith("EOF") else "export the file again"
        return f"not valid JSON ({problem}): {hint}"
    if kind == "union_tag_not_found":
        return f'a record without a "type": give one of {_TYPES}'
    if kind == "union_tag_invalid":
        return f"unknown record type {first['ctx']['tag']!r}: use one of {_TYPES}"
    if not loc:
        return "not a JSON object: every line is one record, {...}"
    record_type, *path = loc
    where = ".".join(str(part) for part in path)
    if kind == "extra_forbidden":
        return f"unknown field {where!r} in a {record_type} record: remove it"
    if kind == "missing":
        return f"{record_type} record has no {where!r}: add it"
    message = describe(first)
    if not where:
        return f"{record_type} record: {message}"
    return f"{record_type} record, {where}: {message} (got {first['input']!r:.60})"


class _Importer:
    """Checks each record against the ones before it, and inserts in batches."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[str, set[int]] = {name: set() for name in _BY_NAME}
        self.keys: dict[tuple[str, Any], int] = {}
        self.pending: dict[Table, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = dict.fromkeys(_BY_NAME, 0)
        self.size = 0
        self.out = BulkInserter(session)
        self.units: set[str] | None = None

    def add(self, number: int, record: Line) -> None:
        kind = record.type
        self._units_for(record)
        self._check_lengths(record)
        for field, target in record.refs.items():
            value = getattr(record, field)
            for ref in value if isinstance(value, list) else [value]:
                if ref is not None and ref not in self.ids[target]:
                    raise InvalidInput(
                        f"dangling reference: {field} {ref} names no {target} on an earlier line"
                    )
        if record.id in self.ids[kind]:
            raise InvalidInput(f"a second {kind} with id {record.id}")
        for what, value in record.unique_keys():
            if value is None:
                continue
            if (first := self.keys.setdefault((what, value), number)) != number:
                raise InvalidInput(f"{what} {value!r} is already on line {first}")
        self.ids[kind].add(record.id)
        self.counts[kind] += 1
        self._queue(record.table, record.row())
        if isinstance(record, ClaimLine):
            for topic_id in record.topics:
                self._queue(ClaimTopic.__table__, {"claim_id": record.id, "topic_id": topic_id})

    def _units_for(self, record: Line) -> None:
        """The file's units replace those ``init`` seeded; a file from before the
        units table gets a unit row for each unit its figures use."""
        if isinstance(record, UnitLine):
            if self.units is None:
                self.session.execute(delete(UnitAlias.__table__))
                self.session.execute(delete(Unit.__table__))
                self.units = set()
            self.units.add(record.name)
        elif isinstance(record, FigureLine) and self.counts["unit"] == 0:
            if self.units is None:
                self.units = set(self.session.scalars(select(Unit.name)))
            missing = {u for u in (record.unit, record.per_unit) if u and u not in self.units}
            if missing:
                self.flush()
                ensure_units(self.session, missing, "import")
                self.units |= missing

    def _check_lengths(self, record: Line) -> None:
        for name in columns(_BY_NAME[record.type]):
            value = getattr(record, name)
            limit = getattr(record.table.c[name].type, "length", None)
            if isinstance(value, str) and limit and len(value) > limit:
                raise InvalidInput(
                    f"{record.type} record, {name}: {len(value)} characters, "
                    f"over the column's {limit}"
                )

    def _queue(self, table: Table, row: dict[str, Any]) -> None:
        self.pending.setdefault(table, []).append(row)
        self.size += 1
        if self.size >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Insert what is queued, parents before children (each references earlier lines),
        through the bulk writer (executemany on SQLite, COPY on PostgreSQL)."""
        for table in Base.metadata.sorted_tables:
            if rows := self.pending.pop(table, None):
                names = list(rows[0])
                binds = [self.out.bind(table.c[name]) for name in names]
                self.out.insert(
                    table,
                    " ".join(names),
                    [
                        tuple(bind(row[name]) for bind, name in zip(binds, names, strict=True))
                        for row in rows
                    ],
                )
        self.size = 0


def import_jsonl(session: Session, path: Path, progress: Progress = no_progress) -> dict[str, int]:
    """Restore an export into the session's empty ledger; returns the records per type.

    Everything happens in the caller's transaction: any problem raises InvalidInput
    as ``FILE:LINE: problem`` and the caller rolls back. ``progress`` gets bytes read.
    """
    _require_empty(session)
    file = open_file(path)
    importer = _Importer(session)
    number, end = 0, None
    with file:
        for number, raw in enumerate(file, 1):
            progress(len(raw))
            line = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
            try:
                if number == 1:
                    _check_header(line.rstrip(b"\r\n"))
                    continue
                record = parse_line(line.rstrip(b"\r\n"))
                if end is not None:
                    raise InvalidInput("a line after the end record: remove it")
                elif isinstance(record, Header):
                    raise InvalidInput("a second header: only the first line is one")
                elif isinstance(record, End):
                    end = record
                    if record.records != number - 2:
                        raise InvalidInput(
                            f"the end record counts {record.records} records but "
                            f"{number - 2} came before it: the file was cut or edited"
                        )
                else:
                    importer.add(number, record)
            except InvalidInput as error:
                raise InvalidInput(f"{path}:{number}: {error}") from None
    if number == 0:
        raise InvalidInput(f"{path}: the file is empty: give a `factdb export jsonl` file")
    if end is None:
        raise InvalidInput(
            f"{path}: ends after line {number} with no end record: "
            "the file is truncated; export it again"
        )
    importer.flush()
    _move_sequences(session)
    return importer.counts


def _check_header(line: bytes) -> None:
    try:
        record = parse_line(line)
    except InvalidInput:
        record = None
    if not isinstance(record, Header) or record.format != FORMAT:
        raise InvalidInput(
            f"not a factdb JSONL export: the first line must be the header "
            f'{{"type":"header","format":"{FORMAT}","format_version":{FORMAT_VERSION}}}'
        )
    if record.format_version != FORMAT_VERSION:
        raise InvalidInput(
            f"format version {record.format_version}, this factdb reads version "
            f"{FORMAT_VERSION}: use the factdb that wrote the file"
        )


# Seeded by `factdb init`: a new ledger is empty but for its built-in units.
SEEDED = frozenset({"units", "unit_aliases"})


def _require_empty(session: Session) -> None:
    used = [
        table.name
        for table in Base.metadata.sorted_tables
        if table.name not in SEEDED
        and session.execute(select(literal(1)).select_from(table).limit(1)).first()
    ]
    if used:
        raise InvalidInput(
            f"the database is not empty (it has {', '.join(used[:3])}"
            f"{', …' if len(used) > 3 else ''}): "
            "import jsonl restores a whole ledger, so run `factdb init` on a new database "
            "and import into that"
        )


def _move_sequences(session: Session) -> None:
    """Rows came with their ids: PostgreSQL's sequences must start after them.
    SQLite gives the next row max(id) + 1 by itself."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
                )
            )
