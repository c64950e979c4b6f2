"""claim links: claims that repeat one another

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

``claims link A B`` records that claim B repeats claim A; a group of linked claims
is one repeated claim (see factdb.repeats).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("repeat_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("claim_id <> repeat_id", name=op.f("ck_claim_links_not_itself")),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_links_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["repeat_id"], ["claims.id"], name=op.f("fk_claim_links_repeat_id_claims")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_links")),
        sa.UniqueConstraint("claim_id", "repeat_id", name=op.f("uq_claim_links_claim_id")),
    )
    op.create_index(op.f("ix_claim_links_repeat_id"), "claim_links", ["repeat_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_links_repeat_id"), table_name="claim_links")
    op.drop_table("claim_links")
