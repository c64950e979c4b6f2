"""The ORM classes, mapped onto the tables of factdb.tables.

The columns, types, constraints and indexes are declared once, in factdb.tables;
here each class adds its typed attributes and relationships. Reading with Core
statements (``claims list``) needs only the tables, so importing this module, and
setting the mappers up, is left to the code that builds objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, relationship

from factdb.tables import (
    ACTOR_ALIASES,
    ACTOR_ROLES,
    ACTORS,
    ATTRIBUTIONS,
    CLAIM_TOPICS,
    CLAIMS,
    DATES,
    EVIDENCE,
    FIGURES,
    HISTORY,
    METADATA,
    NAMING_CONVENTION,
    REVIEWS,
    SOURCES,
    TOPICS,
    UNIT_ALIASES,
    UNITS,
    UTCDateTime,
    utcnow,
)

# Re-exported: code that uses the ORM imports the tables and helpers from here too.
__all__ = [
    "ACTORS",
    "ACTOR_ALIASES",
    "ACTOR_ROLES",
    "ATTRIBUTIONS",
    "CLAIMS",
    "CLAIM_TOPICS",
    "DATES",
    "EVIDENCE",
    "FIGURES",
    "HISTORY",
    "NAMING_CONVENTION",
    "REVIEWS",
    "SOURCES",
    "TOPICS",
    "UNITS",
    "UNIT_ALIASES",
    "Actor",
    "ActorAlias",
    "ActorRole",
    "Attribution",
    "Base",
    "Claim",
    "ClaimDate",
    "ClaimTopic",
    "Evidence",
    "FigureRow",
    "HistoryEntry",
    "Review",
    "Source",
    "Topic",
    "UTCDateTime",
    "Unit",
    "UnitAlias",
    "utcnow",
]


class Base(DeclarativeBase):
    metadata = METADATA


class Source(Base):
    """A published document in which claims appear."""

    __table__ = SOURCES

    id: Mapped[int]
    key: Mapped[str | None]
    outlet: Mapped[str | None]
    title: Mapped[str]
    url: Mapped[str | None]
    language: Mapped[str]
    kind: Mapped[str]
    published: Mapped[dt.date | None]
    retrieved: Mapped[dt.date | None]
    full_text: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]

    attributions: Mapped[list[Attribution]] = relationship(back_populates="source")


class Actor(Base):
    """A person, organisation or state that makes or relays claims."""

    __table__ = ACTORS

    id: Mapped[int]
    name: Mapped[str]
    kind: Mapped[str]
    country: Mapped[str | None]
    wikidata: Mapped[str | None]
    description: Mapped[str | None]
    party: Mapped[str | None]
    region: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", order_by="ActorAlias.id", cascade="all"
    )
    roles: Mapped[list[ActorRole]] = relationship(
        back_populates="actor", order_by="ActorRole.id", cascade="all"
    )


class ActorAlias(Base):
    """A name an actor is known by; ``key`` is the case- and accent-folded form looked up."""

    __table__ = ACTOR_ALIASES

    id: Mapped[int]
    actor_id: Mapped[int]
    alias: Mapped[str]
    key: Mapped[str]
    language: Mapped[str | None]

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class ActorRole(Base):
    """A position an actor held, with its period of validity (either end may be open)."""

    __table__ = ACTOR_ROLES

    id: Mapped[int]
    actor_id: Mapped[int]
    title: Mapped[str]
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]

    actor: Mapped[Actor] = relationship(back_populates="roles")


class Topic(Base):
    __table__ = TOPICS

    id: Mapped[int]
    name: Mapped[str]


class ClaimTopic(Base):
    __table__ = CLAIM_TOPICS

    claim_id: Mapped[int]
    topic_id: Mapped[int]


class Claim(Base):
    """A checkable statement, verbatim, with its verification state.

    ``version`` is SQLAlchemy's version counter: every change to a claim or to
    anything hanging off it bumps it, so concurrent writers detect each other.
    """

    __table__ = CLAIMS

    id: Mapped[int]
    key: Mapped[str | None]
    text: Mapped[str]
    language: Mapped[str]
    translation: Mapped[str | None]
    claim_type: Mapped[str]
    modality: Mapped[str]
    status: Mapped[str]
    rationale: Mapped[str | None]
    note: Mapped[str | None]
    recheck_on: Mapped[dt.date | None]
    version: Mapped[int]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str]

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

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": CLAIMS.c.version}


class Attribution(Base):
    """One appearance of a claim in a source: who said it, through whom, and where.

    An unattributed appearance is the outlet's own assertion and has no claimant;
    every other kind names one.
    """

    __table__ = ATTRIBUTIONS

    id: Mapped[int]
    claim_id: Mapped[int]
    source_id: Mapped[int]
    position: Mapped[int]
    claimant_id: Mapped[int | None]
    relay_id: Mapped[int | None]
    kind: Mapped[str]
    quote: Mapped[str | None]
    start_offset: Mapped[int | None]
    end_offset: Mapped[int | None]

    claim: Mapped[Claim] = relationship(back_populates="attributions")
    source: Mapped[Source] = relationship(back_populates="attributions")
    claimant: Mapped[Actor | None] = relationship(foreign_keys=[ATTRIBUTIONS.c.claimant_id])
    relay: Mapped[Actor | None] = relationship(foreign_keys=[ATTRIBUTIONS.c.relay_id])


class FigureRow(Base):
    """A number a claim asserts. ``span_low``/``span_high`` hold the interval used by
    ``--min``/``--max`` (NULL = unbounded), so every kind is queryable the same way."""

    __table__ = FIGURES

    id: Mapped[int]
    claim_id: Mapped[int]
    position: Mapped[int]
    kind: Mapped[str]
    value: Mapped[float | None]
    low: Mapped[float | None]
    high: Mapped[float | None]
    unit: Mapped[str]
    per: Mapped[str | None]
    text: Mapped[str | None]
    span_low: Mapped[float | None]
    span_high: Mapped[float | None]
    strict: Mapped[bool]
    increment: Mapped[bool]
    quantity: Mapped[str | None]
    per_count: Mapped[float | None]
    per_unit: Mapped[str | None]
    base_unit: Mapped[str]
    base_low: Mapped[float | None]
    base_high: Mapped[float | None]

    claim: Mapped[Claim] = relationship(back_populates="figures")


class Unit(Base):
    """What figures count or measure, with how its values convert to the base unit."""

    __table__ = UNITS

    id: Mapped[int]
    name: Mapped[str]
    dimension: Mapped[str]
    base_unit: Mapped[str]
    factor: Mapped[float]
    description: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]

    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", order_by="UnitAlias.id", cascade="all, delete-orphan"
    )


class UnitAlias(Base):
    """A name a unit is known by; ``key`` is the folded form looked up."""

    __table__ = UNIT_ALIASES

    id: Mapped[int]
    unit_id: Mapped[int]
    alias: Mapped[str]
    key: Mapped[str]

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class ClaimDate(Base):
    """A date attached to a claim: what it is about, when it was made or reported.

    A relative expression keeps its words and anchor; without an anchor its value
    stays NULL (the check forbids a resolved value with no anchor).
    """

    __table__ = DATES

    id: Mapped[int]
    claim_id: Mapped[int]
    position: Mapped[int]
    role: Mapped[str]
    text: Mapped[str | None]
    value: Mapped[dt.date | None]
    value_end: Mapped[dt.date | None]
    precision: Mapped[str]
    relative: Mapped[bool]
    anchor: Mapped[dt.date | None]
    anchor_note: Mapped[str | None]

    claim: Mapped[Claim] = relationship(back_populates="dates")


class Evidence(Base):
    """A document or URL that supports or refutes a claim; a verdict needs one."""

    __table__ = EVIDENCE

    id: Mapped[int]
    claim_id: Mapped[int]
    url: Mapped[str | None]
    document: Mapped[str | None]
    stance: Mapped[str]
    note: Mapped[str | None]
    accessed: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]

    claim: Mapped[Claim] = relationship(back_populates="evidence")


class HistoryEntry(Base):
    """One change to a claim. Append-only: nothing in factdb updates or deletes these rows."""

    __table__ = HISTORY

    id: Mapped[int]
    claim_id: Mapped[int]
    version: Mapped[int]
    at: Mapped[dt.datetime]
    actor: Mapped[str]
    action: Mapped[str]
    old: Mapped[Any | None]
    new: Mapped[Any | None]
    reason: Mapped[str | None]

    claim: Mapped[Claim] = relationship(back_populates="history")


class Review(Base):
    """A published fact-check of a claim (schema.org ClaimReview), as its publisher rated it.

    The original rating (value, scale, label) is kept verbatim next to the factdb
    verdict it maps to, so that an import never loses what the publisher said. It is
    data about the claim: it never changes the claim's own status or verdict.
    """

    __table__ = REVIEWS

    id: Mapped[int]
    claim_id: Mapped[int]
    key: Mapped[str]
    origin: Mapped[str]
    publisher: Mapped[str | None]
    publisher_key: Mapped[str | None]
    url: Mapped[str | None]
    published: Mapped[dt.date | None]
    language: Mapped[str | None]
    rating_value: Mapped[float | None]
    best_rating: Mapped[float | None]
    worst_rating: Mapped[float | None]
    rating_name: Mapped[str | None]
    verdict: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str]

    claim: Mapped[Claim] = relationship(back_populates="reviews")
