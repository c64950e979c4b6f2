"""published reviews: a unique key per review, its origin checked, --rated and --reviewer indexed

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

A published review is data about a claim. ``key`` (factdb.reviews.review_key: claim,
folded publisher, url, rating) makes importing the same review twice add nothing;
``publisher_key`` is the folded publisher name that ``--reviewer`` looks up. LIAR-PLUS
reviews were filed under origin ``liar-plus``: they are PolitiFact's LIAR reviews,
now ``liar``. Reviews already in the ledger that share a key (the same review
imported twice) are all kept: the later ones' keys end in ``:<id>``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from factdb.reviews import publisher_key, review_key

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORIGINS = "origin IN ('liar', 'claimskg', 'claimreview', 'jsonl')"


def upgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("publisher_key", sa.String(length=300), nullable=True))
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE reviews SET origin = 'liar' WHERE origin = 'liar-plus'"))
    rows = connection.execute(
        sa.text(
            "SELECT id, claim_id, publisher, url, rating_name, rating_value, best_rating,"
            " worst_rating FROM reviews ORDER BY id"
        )
    )
    seen: set[str] = set()
    updates = []
    for review_id, claim_id, publisher, url, rating, value, best, worst in rows:
        key = review_key(claim_id, publisher, url, rating, value, best, worst)
        if key in seen:
            key = f"{key[:50]}:{review_id}"
        seen.add(key)
        updates.append({"id": review_id, "key": key, "publisher_key": publisher_key(publisher)})
    if updates:
        connection.execute(
            sa.text("UPDATE reviews SET key = :key, publisher_key = :publisher_key WHERE id = :id"),
            updates,
        )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_reviews_key"), ["key"])
        batch_op.create_check_constraint(batch_op.f("ck_reviews_origin"), sa.text(ORIGINS))
        batch_op.create_index(
            batch_op.f("ix_reviews_verdict_claim"), ["verdict", "claim_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reviews_publisher_key_claim"),
            ["publisher_key", "claim_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_publisher_key_claim"))
        batch_op.drop_index(batch_op.f("ix_reviews_verdict_claim"))
        batch_op.drop_constraint(batch_op.f("ck_reviews_origin"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_reviews_key"), type_="unique")
        batch_op.drop_column("publisher_key")
        batch_op.drop_column("key")
