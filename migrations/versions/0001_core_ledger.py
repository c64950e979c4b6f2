"""core ledger

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("wikidata", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'organisation', 'state')", name=op.f("ck_actors_kind")
        ),
        sa.CheckConstraint(
            "wikidata IS NULL OR wikidata LIKE 'Q%'", name=op.f("ck_actors_wikidata")
        ),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_actors_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("wikidata", name=op.f("uq_actors_wikidata")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("translation", sa.Text(), nullable=True),
        sa.Column("claim_type", sa.String(length=20), nullable=False),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "claim_type IN ('quantity', 'event', 'quote', 'forecast')",
            name=op.f("ck_claims_claim_type"),
        ),
        sa.CheckConstraint(
            "modality IN ('asserted', 'reported', 'possible', 'announced')",
            name=op.f("ck_claims_modality"),
        ),
        sa.CheckConstraint(
            "status IN ('logged', 'in_review', 'true', 'mostly_true', 'misleading', 'false', 'unverifiable', 'retracted')",
            name=op.f("ck_claims_status"),
        ),
        sa.CheckConstraint("length(language) BETWEEN 2 AND 16", name=op.f("ck_claims_language")),
        sa.CheckConstraint("length(text) BETWEEN 1 AND 5000", name=op.f("ck_claims_text_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("key", name=op.f("uq_claims_key")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_status"), ["status"], unique=False)

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("retrieved", sa.Date(), nullable=True),
        sa.Column("full_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "kind IN ('news_article', 'official_statement', 'transcript', 'dataset')",
            name=op.f("ck_sources_kind"),
        ),
        sa.CheckConstraint("length(language) BETWEEN 2 AND 16", name=op.f("ck_sources_language")),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_sources_title_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("key", name=op.f("uq_sources_key")),
    )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sources_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_sources_url"), ["url"], unique=False)

    op.create_table(
        "topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topics")),
        sa.UniqueConstraint("name", name=op.f("uq_topics_name")),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_aliases_actor_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_actor_aliases_key")),
    )
    with op.batch_alter_table("actor_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_aliases_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "actor_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date",
            name=op.f("ck_actor_roles_period"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_roles_actor_id_actors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_roles")),
    )
    with op.batch_alter_table("actor_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_roles_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=True),
        sa.Column("relay_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start_offset", sa.Integer(), nullable=True),
        sa.Column("end_offset", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(kind = 'unattributed' AND claimant_id IS NULL AND relay_id IS NULL) OR (kind <> 'unattributed' AND claimant_id IS NOT NULL)",
            name=op.f("ck_attributions_claimant"),
        ),
        sa.CheckConstraint(
            "kind IN ('direct', 'reported', 'unattributed')", name=op.f("ck_attributions_kind")
        ),
        sa.CheckConstraint(
            "(start_offset IS NULL AND end_offset IS NULL) OR (start_offset >= 0 AND end_offset > start_offset)",
            name=op.f("ck_attributions_offsets"),
        ),
        sa.CheckConstraint(
            "relay_id IS NULL OR relay_id <> claimant_id",
            name=op.f("ck_attributions_relay_not_claimant"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_attributions_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["claimant_id"], ["actors.id"], name=op.f("fk_attributions_claimant_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["relay_id"], ["actors.id"], name=op.f("fk_attributions_relay_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_attributions_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
        sa.UniqueConstraint("claim_id", "source_id", name=op.f("uq_attributions_claim_id")),
    )
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attributions_claimant_id"), ["claimant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attributions_relay_id"), ["relay_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attributions_source_id"), ["source_id"], unique=False)

    op.create_table(
        "claim_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("value", sa.Date(), nullable=True),
        sa.Column("value_end", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=10), nullable=False),
        sa.Column("relative", sa.Boolean(), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=True),
        sa.Column("anchor_note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "precision IN ('day', 'week', 'month', 'year')", name=op.f("ck_claim_dates_precision")
        ),
        sa.CheckConstraint(
            "role IN ('about', 'made', 'reported')", name=op.f("ck_claim_dates_role")
        ),
        sa.CheckConstraint(
            "(relative AND (anchor IS NOT NULL OR value IS NULL)) OR (NOT relative AND value IS NOT NULL AND anchor IS NULL)",
            name=op.f("ck_claim_dates_resolution"),
        ),
        sa.CheckConstraint(
            "value_end IS NULL OR value_end >= value", name=op.f("ck_claim_dates_period")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_dates_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_dates")),
    )
    with op.batch_alter_table("claim_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_dates_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            "ix_claim_dates_role_value", ["role", "value", "value_end"], unique=False
        )

    op.create_table(
        "claim_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_history_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_history")),
    )
    with op.batch_alter_table("claim_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_history_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_history_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "claim_topics",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_topics_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topics.id"], name=op.f("fk_claim_topics_topic_id_topics")
        ),
        sa.PrimaryKeyConstraint("claim_id", "topic_id", name=op.f("pk_claim_topics")),
    )
    with op.batch_alter_table("claim_topics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_topics_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("stance", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("accessed", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("stance IN ('supports', 'refutes')", name=op.f("ck_evidence_stance")),
        sa.CheckConstraint(
            "url IS NOT NULL OR document IS NOT NULL", name=op.f("ck_evidence_url_or_document")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_evidence_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("per", sa.String(length=10), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("span_low", sa.Float(), nullable=True),
        sa.Column("span_high", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "(kind IN ('exact', 'approximate') AND value IS NOT NULL AND low IS NULL AND high IS NULL) OR (kind = 'range' AND value IS NULL AND low IS NOT NULL AND high IS NOT NULL AND low < high) OR (kind IN ('lower_bound', 'vague') AND value IS NULL AND low IS NOT NULL AND high IS NULL) OR (kind = 'upper_bound' AND value IS NULL AND low IS NULL AND high IS NOT NULL)",
            name=op.f("ck_figures_shape"),
        ),
        sa.CheckConstraint(
            "kind IN ('exact', 'approximate', 'range', 'lower_bound', 'upper_bound', 'vague')",
            name=op.f("ck_figures_kind"),
        ),
        sa.CheckConstraint(
            "per IS NULL OR per IN ('day', 'week', 'month', 'year')", name=op.f("ck_figures_per")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_figures_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
    )
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figures_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            "ix_figures_unit_span", ["unit", "span_low", "span_high"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.drop_index("ix_figures_unit_span")
        batch_op.drop_index(batch_op.f("ix_figures_claim_id"))

    op.drop_table("figures")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_claim_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("claim_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_topics_topic_id"))

    op.drop_table("claim_topics")
    with op.batch_alter_table("claim_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_history_claim_id"))
        batch_op.drop_index(batch_op.f("ix_claim_history_at"))

    op.drop_table("claim_history")
    with op.batch_alter_table("claim_dates", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_dates_role_value")
        batch_op.drop_index(batch_op.f("ix_claim_dates_claim_id"))

    op.drop_table("claim_dates")
    with op.batch_alter_table("attributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attributions_source_id"))
        batch_op.drop_index(batch_op.f("ix_attributions_relay_id"))
        batch_op.drop_index(batch_op.f("ix_attributions_claimant_id"))

    op.drop_table("attributions")
    with op.batch_alter_table("actor_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_roles_actor_id"))

    op.drop_table("actor_roles")
    with op.batch_alter_table("actor_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_aliases_actor_id"))

    op.drop_table("actor_aliases")
    op.drop_table("topics")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_url"))
        batch_op.drop_index(batch_op.f("ix_sources_outlet"))

    op.drop_table("sources")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_status"))

    op.drop_table("claims")
    op.drop_table("actors")
