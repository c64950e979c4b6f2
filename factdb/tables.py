"""The ledger's tables, as SQLAlchemy Core declares them.

The ORM classes (factdb.models) are mapped onto these tables; code that only reads
rows, such as ``claims list`` (factdb.listing), uses them directly and never pays
for setting the mappers up. This module therefore imports nothing from
``sqlalchemy.orm``.

Every vocabulary (kinds, statuses, modalities, precisions) is enforced by a CHECK
constraint as well as by the library, so that a row written by another tool cannot
break the invariants the reports rely on. Constraint names come from the naming
convention, so migrations can drop them on SQLite too. What each table holds is
said once, on its ORM class in factdb.models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

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
    REVIEW_ORIGINS,
    SOURCE_KINDS,
    STATUSES,
    UNIT_DIMENSIONS,
    VERDICTS,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

METADATA = MetaData(naming_convention=NAMING_CONVENTION)


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


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _created() -> tuple[Column, Column]:
    return (
        Column("created_at", UTCDateTime, nullable=False, default=utcnow),
        Column("created_by", String(200), nullable=False),
    )


SOURCES = Table(
    "sources",
    METADATA,
    _id(),
    Column("key", String(100), unique=True),
    Column("outlet", String(200), index=True),
    Column("title", String(500), nullable=False),
    Column("url", String(2000), index=True),
    Column("language", String(16), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("published", Date),
    Column("retrieved", Date),
    Column("full_text", Text),
    *_created(),
    CheckConstraint(one_of("kind", SOURCE_KINDS), name="kind"),
    CheckConstraint("length(title) > 0", name="title_not_empty"),
    CheckConstraint("length(language) BETWEEN 2 AND 16", name="language"),
)

ACTORS = Table(
    "actors",
    METADATA,
    _id(),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", String(3)),
    Column("wikidata", String(20), unique=True),
    Column("description", Text),
    # Datasets such as LIAR describe US speakers by party and state.
    Column("party", String(100)),
    Column("region", String(100)),
    *_created(),
    CheckConstraint(one_of("kind", ACTOR_KINDS), name="kind"),
    CheckConstraint("length(name) > 0", name="name_not_empty"),
    CheckConstraint("wikidata IS NULL OR wikidata LIKE 'Q%'", name="wikidata"),
)

ACTOR_ALIASES = Table(
    "actor_aliases",
    METADATA,
    _id(),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("alias", String(200), nullable=False),
    Column("key", String(200), nullable=False, unique=True),
    Column("language", String(16)),
)

ACTOR_ROLES = Table(
    "actor_roles",
    METADATA,
    _id(),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    CheckConstraint(
        "start_date IS NULL OR end_date IS NULL OR start_date <= end_date", name="period"
    ),
)

TOPICS = Table(
    "topics",
    METADATA,
    _id(),
    Column("name", String(100), nullable=False, unique=True),
)

CLAIM_TOPICS = Table(
    "claim_topics",
    METADATA,
    Column("claim_id", Integer, ForeignKey("claims.id"), primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id"), primary_key=True),
    # --topic reads claim ids straight from the index, never from the table.
    Index("ix_claim_topics_topic_claim", "topic_id", "claim_id"),
)

CLAIMS = Table(
    "claims",
    METADATA,
    _id(),
    Column("key", String(100), unique=True),
    Column("text", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("translation", Text),
    Column("claim_type", String(20), nullable=False),
    Column("modality", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("rationale", Text),
    Column("note", Text),
    # When to check again whether what was announced happened (factdb.recheck).
    Column("recheck_on", Date),
    Column("version", Integer, nullable=False),
    *_created(),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_by", String(200), nullable=False),
    CheckConstraint(one_of("claim_type", CLAIM_TYPES), name="claim_type"),
    CheckConstraint(one_of("modality", MODALITIES), name="modality"),
    CheckConstraint(one_of("status", STATUSES), name="status"),
    CheckConstraint(f"length(text) BETWEEN 1 AND {MAX_CLAIM_TEXT}", name="text_length"),
    CheckConstraint("length(language) BETWEEN 2 AND 16", name="language"),
    # --status, and the default "not retracted", in id order (pages are id-ordered).
    Index("ix_claims_status_id", "status", "id"),
    # `factdb due`: claims in order of their re-check date, read from the index.
    Index("ix_claims_recheck_on_id", "recheck_on", "id"),
)

ATTRIBUTIONS = Table(
    "attributions",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("claimant_id", Integer, ForeignKey("actors.id")),
    Column("relay_id", Integer, ForeignKey("actors.id")),
    Column("kind", String(20), nullable=False),
    Column("quote", Text),
    Column("start_offset", Integer),
    Column("end_offset", Integer),
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

UNITS = Table(
    "units",
    METADATA,
    _id(),
    Column("name", String(40), nullable=False, unique=True),
    Column("dimension", String(20), nullable=False),
    Column("base_unit", String(40), nullable=False),
    Column("factor", Float, nullable=False),
    Column("description", Text),
    *_created(),
    CheckConstraint(one_of("dimension", UNIT_DIMENSIONS), name="dimension"),
    CheckConstraint("length(name) > 0", name="name_not_empty"),
    CheckConstraint("factor > 0", name="factor"),
)

UNIT_ALIASES = Table(
    "unit_aliases",
    METADATA,
    _id(),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False, index=True),
    Column("alias", String(80), nullable=False),
    Column("key", String(80), nullable=False, unique=True),
)

FIGURES = Table(
    "figures",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("unit", String(40), ForeignKey("units.name"), nullable=False),
    Column("per", String(10)),
    Column("text", Text),
    Column("span_low", Float),
    Column("span_high", Float),
    Column("strict", Boolean, nullable=False, default=False),
    Column("increment", Boolean, nullable=False, default=False),
    Column("quantity", String(100)),
    Column("per_count", Float),
    Column("per_unit", String(40)),
    # The span in the dimension's base unit, a strict bound moved to the next float
    # (FigureSpec.base_span): what --unit --min --max compare.
    Column("base_unit", String(90), nullable=False),
    Column("base_low", Float),
    Column("base_high", Float),
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
    CheckConstraint("NOT strict OR kind IN ('lower_bound', 'upper_bound')", name="strict"),
    CheckConstraint(
        "(per_count IS NULL AND per_unit IS NULL) OR (per_count > 0 AND per_unit IS NOT NULL)",
        name="denominator",
    ),
    # --unit --min --max, by dimension: the whole filter is answered from the index.
    Index("ix_figures_base_span_claim", "base_unit", "base_low", "base_high", "claim_id"),
    # Merging a unit rewrites its figures; contradictions group by quantity.
    Index("ix_figures_unit", "unit"),
    Index("ix_figures_quantity", "quantity"),
)

DATES = Table(
    "claim_dates",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("role", String(10), nullable=False),
    Column("text", Text),
    Column("value", Date),
    # Last day of the period ``value`` starts (a year-precision date covers the year),
    # so that --since/--until select by overlap.
    Column("value_end", Date),
    Column("precision", String(10), nullable=False),
    Column("relative", Boolean, nullable=False),
    Column("anchor", Date),
    Column("anchor_note", Text),
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

# ``repeat_id`` repeats ``claim_id``: the same claim, said again or elsewhere
# (``claims link A B``). Linked claims form groups (connected components), each one
# repeated claim. A pair is stored once, in the order it was linked.
CLAIM_LINKS = Table(
    "claim_links",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False),
    Column("repeat_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    *_created(),
    UniqueConstraint("claim_id", "repeat_id"),
    CheckConstraint("claim_id <> repeat_id", name="not_itself"),
)

EVIDENCE = Table(
    "evidence",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("url", String(2000)),
    Column("document", Text),
    Column("stance", String(10), nullable=False),
    Column("note", Text),
    Column("accessed", Date),
    *_created(),
    CheckConstraint(one_of("stance", EVIDENCE_STANCES), name="stance"),
    CheckConstraint("url IS NOT NULL OR document IS NOT NULL", name="url_or_document"),
)

HISTORY = Table(
    "claim_history",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("at", UTCDateTime, nullable=False, default=utcnow, index=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("reason", Text),
    # --as-of: a claim's entries up to or after a moment, read from the index.
    Index("ix_claim_history_claim_at", "claim_id", "at"),
)

# A published fact-check of a claim (schema.org ClaimReview), as its publisher rated it:
# data about the claim, never the desk's own verdict. The original rating (value,
# scale, label) is kept verbatim next to the factdb verdict it maps to, so that an
# import never loses what the publisher said. ``key`` (factdb.reviews.review_key) is
# the review's identity: importing the same review twice adds nothing.
# ``publisher_key`` is the publisher's name folded as ``name_key`` folds it, for
# --reviewer.
REVIEWS = Table(
    "reviews",
    METADATA,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("origin", String(40), nullable=False),
    Column("publisher", String(300)),
    Column("publisher_key", String(300)),
    Column("url", String(2000)),
    Column("published", Date),
    Column("language", String(16)),
    Column("rating_value", Float),
    Column("best_rating", Float),
    Column("worst_rating", Float),
    Column("rating_name", String(300)),
    Column("verdict", String(20)),
    *_created(),
    CheckConstraint(f"verdict IS NULL OR {one_of('verdict', VERDICTS)}", name="verdict"),
    CheckConstraint(one_of("origin", REVIEW_ORIGINS), name="origin"),
    # --rated and --reviewer: the claim ids come from the index alone.
    Index("ix_reviews_verdict_claim", "verdict", "claim_id"),
    Index("ix_reviews_publisher_key_claim", "publisher_key", "claim_id"),
)
