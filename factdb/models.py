"""The ledger's tables.

Every vocabulary (kinds, statuses, modalities, precisions) is enforced by a CHECK
constraint as well as by the library, so that a row written by another tool cannot
break the invariants the reports rely on. Constraint names come from the naming
convention, so migrations can drop them on SQLite too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from factdb.vocab import (
    ACTOR_KINDS,
    ATTRIBUTION_KINDS,
    CLAIM_TYPES,
    DATE_ROLES,
    EVIDENCE_STANCES,
    FIGURE_KINDS,
    MAX_CLAIM_TEXT,
    MODALITIES,
    PERIODS,
    PRECISIONS,
    SOURCE_KINDS,
    STATUSES,
    VERDICTS,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite drops the offset of a ``DateTime(timezone=True)``; this keeps both
    backends returning the same values, which export and history comparisons need.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """A published document in which claims appear."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(one_of("kind", SOURCE_KINDS), name="kind"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        CheckConstraint("length(language) BETWEEN 2 AND 16", name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(100), unique=True)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    language: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(30))
    published: Mapped[dt.date | None] = mapped_column(Date)
    retrieved: Mapped[dt.date | None] = mapped_column(Date)
    full_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    attributions: Mapped[list[Attribution]] = relationship(back_populates="source")


class Actor(Base):
    """A person, organisation or state that makes or relays claims."""

    __tablename__ = "actors"
    __table_args__ = (
        CheckConstraint(one_of("kind", ACTOR_KINDS), name="kind"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
        CheckConstraint("wikidata IS NULL OR wikidata LIKE 'Q%'", name="wikidata"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3))
    wikidata: Mapped[str | None] = mapped_column(String(20), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    # Datasets such as LIAR describe US speakers by party and state.
    party: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", order_by="ActorAlias.id", cascade="all"
    )
    roles: Mapped[list[ActorRole]] = relationship(
        back_populates="actor", order_by="ActorRole.id", cascade="all"
    )


class ActorAlias(Base):
    """A name an actor is known by; ``key`` is the case- and accent-folded form looked up."""

    __tablename__ = "actor_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    language: Mapped[str | None] = mapped_column(String(16))

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class ActorRole(Base):
    """A position an actor held, with its period of validity (either end may be open)."""

    __tablename__ = "actor_roles"
    __table_args__ = (
        CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date", name="period"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    actor: Mapped[Actor] = relationship(back_populates="roles")


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class ClaimTopic(Base):
    __tablename__ = "claim_topics"
    # --topic reads claim ids straight from the index, never from the table.
    __table_args__ = (Index("ix_claim_topics_topic_claim", "topic_id", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), primary_key=True)


class Claim(Base):
    """A checkable statement, verbatim, with its verification state.

    ``version`` is SQLAlchemy's version counter: every change to a claim or to
    anything hanging off it bumps it, so concurrent writers detect each other.
    """

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(one_of("claim_type", CLAIM_TYPES), name="claim_type"),
        CheckConstraint(one_of("modality", MODALITIES), name="modality"),
        CheckConstraint(one_of("status", STATUSES), name="status"),
        CheckConstraint(f"length(text) BETWEEN 1 AND {MAX_CLAIM_TEXT}", name="text_length"),
        CheckConstraint("length(language) BETWEEN 2 AND 16", name="language"),
        # --status, and the default "not retracted", in id order (pages are id-ordered).
        Index("ix_claims_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(100), unique=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    translation: Mapped[str | None] = mapped_column(Text)
    claim_type: Mapped[str] = mapped_column(String(20))
    modality: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))

    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="claim", order_by="Attribution.position", cascade="all"
    )
    figures: Mapped[list[FigureRow]] = relationship(
        back_populates="claim", order_by="FigureRow.position", cascade="all"
    )
    dates: Mapped[list[ClaimDate]] = relationship(
        back_populates="claim", order_by="ClaimDate.position", cascade="all"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="claim", order_by="Evidence.id", cascade="all"
    )
    topics: Mapped[list[Topic]] = relationship(secondary="claim_topics", order_by="Topic.name")
    history: Mapped[list[HistoryEntry]] = relationship(
        back_populates="claim", order_by="HistoryEntry.id", cascade="all"
    )
    reviews: Mapped[list[Review]] = relationship(
        back_populates="claim", order_by="Review.id", cascade="all"
    )

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class Attribution(Base):
    """One appearance of a claim in a source: who said it, through whom, and where.

    An unattributed appearance is the outlet's own assertion and has no claimant;
    every other kind names one.
    """

    __tablename__ = "attributions"
    __table_args__ = (
        UniqueConstraint("claim_id", "source_id"),
        CheckConstraint(one_of("kind", ATTRIBUTION_KINDS), name="kind"),
        CheckConstraint(
            "(kind = 'unattributed' AND claimant_id IS NULL AND relay_id IS NULL)"
            " OR (kind <> 'unattributed' AND claimant_id IS NOT NULL)",
            name="claimant",
        ),
        CheckConstraint("relay_id IS NULL OR relay_id <> claimant_id", name="relay_not_claimant"),
        CheckConstraint(
            "(start_offset IS NULL AND end_offset IS NULL)"
            " OR (start_offset >= 0 AND end_offset > start_offset)",
            name="offsets",
        ),
        # --speaker (claimant or relay) and --source: covering indexes ending in claim_id.
        Index("ix_attributions_claimant_claim", "claimant_id", "claim_id"),
        Index("ix_attributions_relay_claim", "relay_id", "claim_id"),
        Index("ix_attributions_source_claim", "source_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    position: Mapped[int] = mapped_column(Integer)
    claimant_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    relay_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    kind: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    start_offset: Mapped[int | None] = mapped_column(Integer)
    end_offset: Mapped[int | None] = mapped_column(Integer)

    claim: Mapped[Claim] = relationship(back_populates="attributions")
    source: Mapped[Source] = relationship(back_populates="attributions")
    claimant: Mapped[Actor | None] = relationship(foreign_keys=[claimant_id])
    relay: Mapped[Actor | None] = relationship(foreign_keys=[relay_id])


class FigureRow(Base):
    """A number a claim asserts. ``span_low``/``span_high`` hold the interval used by
    ``--min``/``--max`` (NULL = unbounded), so every kind is queryable the same way."""

    __tablename__ = "figures"
    __table_args__ = (
        CheckConstraint(one_of("kind", FIGURE_KINDS), name="kind"),
        CheckConstraint(f"per IS NULL OR {one_of('per', PERIODS)}", name="per"),
        CheckConstraint(
            "(kind IN ('exact', 'approximate') AND value IS NOT NULL AND low IS NULL"
            " AND high IS NULL)"
            " OR (kind = 'range' AND value IS NULL AND low IS NOT NULL AND high IS NOT NULL"
            " AND low < high)"
            " OR (kind IN ('lower_bound', 'vague') AND value IS NULL AND low IS NOT NULL"
            " AND high IS NULL)"
            " OR (kind = 'upper_bound' AND value IS NULL AND low IS NULL AND high IS NOT NULL)",
            name="shape",
        ),
        # --unit --min --max: the whole filter is answered from the index.
        Index("ix_figures_unit_span_claim", "unit", "span_low", "span_high", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    per: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str | None] = mapped_column(Text)
    span_low: Mapped[float | None] = mapped_column(Float)
    span_high: Mapped[float | None] = mapped_column(Float)

    claim: Mapped[Claim] = relationship(back_populates="figures")


class ClaimDate(Base):
    """A date attached to a claim: what it is about, when it was made or reported.

    A relative expression keeps its words and anchor; without an anchor its value
    stays NULL (the check forbids a resolved value with no anchor).
    """

    __tablename__ = "claim_dates"
    __table_args__ = (
        CheckConstraint(one_of("role", DATE_ROLES), name="role"),
        CheckConstraint(one_of("precision", PRECISIONS), name="precision"),
        CheckConstraint(
            "(relative AND (anchor IS NOT NULL OR value IS NULL))"
            " OR (NOT relative AND value IS NOT NULL AND anchor IS NULL)",
            name="resolution",
        ),
        CheckConstraint("value_end IS NULL OR value_end >= value", name="period"),
        # --since/--until: the whole filter is answered from the index.
        Index("ix_claim_dates_role_value_claim", "role", "value", "value_end", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10))
    text: Mapped[str | None] = mapped_column(Text)
    value: Mapped[dt.date | None] = mapped_column(Date)
    # Last day of the period ``value`` starts (a year-precision date covers the year),
    # so that --since/--until select by overlap.
    value_end: Mapped[dt.date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(10))
    relative: Mapped[bool] = mapped_column(Boolean)
    anchor: Mapped[dt.date | None] = mapped_column(Date)
    anchor_note: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="dates")


class Evidence(Base):
    """A document or URL that supports or refutes a claim; a verdict needs one."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(one_of("stance", EVIDENCE_STANCES), name="stance"),
        CheckConstraint("url IS NOT NULL OR document IS NOT NULL", name="url_or_document"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    document: Mapped[str | None] = mapped_column(Text)
    stance: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    accessed: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    claim: Mapped[Claim] = relationship(back_populates="evidence")


class HistoryEntry(Base):
    """One change to a claim. Append-only: nothing in factdb updates or deletes these rows."""

    __tablename__ = "claim_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    old: Mapped[Any | None] = mapped_column(JSON)
    new: Mapped[Any | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="history")


class Review(Base):
    """A published fact-check of a claim (schema.org ClaimReview), as its publisher rated it.

    The original rating (value, scale, label) is kept verbatim next to the factdb
    verdict it maps to, so that an import never loses what the publisher said.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(f"verdict IS NULL OR {one_of('verdict', VERDICTS)}", name="verdict"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    origin: Mapped[str] = mapped_column(String(40))
    publisher: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(16))
    rating_value: Mapped[float | None] = mapped_column(Float)
    best_rating: Mapped[float | None] = mapped_column(Float)
    worst_rating: Mapped[float | None] = mapped_column(Float)
    rating_name: Mapped[str | None] = mapped_column(String(300))
    verdict: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))

    claim: Mapped[Claim] = relationship(back_populates="reviews")


# The tables themselves, for Core statements that read rows without building objects
# (the claims list and its filters, factdb.listing).
CLAIMS = Claim.__table__
ATTRIBUTIONS = Attribution.__table__
SOURCES = Source.__table__
ACTORS = Actor.__table__
ACTOR_ALIASES = ActorAlias.__table__
TOPICS = Topic.__table__
CLAIM_TOPICS = ClaimTopic.__table__
FIGURES = FigureRow.__table__
DATES = ClaimDate.__table__
EVIDENCE = Evidence.__table__
HISTORY = HistoryEntry.__table__
