"""re-check queue and as-of: a date on which to check a claim again, history by moment

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-06

``claims.recheck_on`` holds the date on which an announced or possible claim should be
checked again (factdb.recheck); ``ix_claims_recheck_on_id`` lets ``factdb due`` read
the claims in that order from the index. ``ix_claim_history_claim_at`` answers
``--as-of`` (factdb.asof): a claim's history entries up to, or after, a moment.

Existing claims keep no date: setting one would change their rows, and a change to a
claim goes through its version and its history (migration 0005's triggers refuse
anything else); ``factdb claims recheck ID --on DATE`` sets it through that path.
Adding a column changes no row, so no trigger fires.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("recheck_on", sa.Date(), nullable=True))
    op.create_index("ix_claims_recheck_on_id", "claims", ["recheck_on", "id"])
    op.create_index("ix_claim_history_claim_at", "claim_history", ["claim_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_claim_history_claim_at", table_name="claim_history")
    op.drop_index("ix_claims_recheck_on_id", table_name="claims")
    # Not in batch mode: rebuilding the claims table on SQLite would drop its triggers.
    op.drop_column("claims", "recheck_on")
