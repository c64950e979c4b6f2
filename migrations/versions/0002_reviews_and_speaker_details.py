"""reviews and speaker details

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=40), nullable=False),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("best_rating", sa.Float(), nullable=True),
        sa.Column("worst_rating", sa.Float(), nullable=True),
        sa.Column("rating_name", sa.String(length=300), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "verdict IS NULL OR verdict IN ('true', 'mostly_true', 'misleading', 'false', 'unverifiable')",
            name=op.f("ck_reviews_verdict"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_reviews_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_claim_id"), ["claim_id"], unique=False)

    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("party", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("region", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_column("region")
        batch_op.drop_column("party")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_claim_id"))

    op.drop_table("reviews")
