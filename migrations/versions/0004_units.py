"""units table, figures in base units, strict bounds, quantities and increments

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

The unit vocabulary becomes data: ``units`` and ``unit_aliases``, seeded with the
built-in units (factdb.unit_vocab, with the factors Pint gives), and every unit an
existing figure uses becomes a row (a unit not built in is counted). Values are
unchanged; each figure gains its interval in the base unit of its dimension, which is
what ``--unit --min --max`` query now, and a foreign key to its unit.

The seed is the vocabulary of the factdb that runs the migration (factdb.unit_vocab),
so a new ledger starts with the latest built-in units; Pint computes the factors, which
adds its start-up (under a second) to ``factdb init``.

Figures also gain ``strict`` (an open bound: "more than"), ``increment`` (a figure
adding to a total), ``quantity`` (a key naming what is measured) and a per-capita
denominator (``per_count``, ``per_unit``); periods gain ``hour``. Existing bounds were
stored inclusive, and stay so.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_PER = "per IS NULL OR per IN ('day', 'week', 'month', 'year')"
NEW_PER = "per IS NULL OR per IN ('hour', 'day', 'week', 'month', 'year')"
DIMENSIONS = (
    "dimension IN ('count', 'length', 'area', 'volume', 'mass', 'energy', 'power', "
    "'duration', 'percent', 'points', 'currency')"
)


def upgrade() -> None:
    units = op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("base_unit", sa.String(length=40), nullable=False),
        sa.Column("factor", sa.Float(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(DIMENSIONS, name=op.f("ck_units_dimension")),
        sa.CheckConstraint("factor > 0", name=op.f("ck_units_factor")),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_units_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("name", name=op.f("uq_units_name")),
    )
    aliases = op.create_table(
        "unit_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_aliases_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_unit_aliases_key")),
    )
    with op.batch_alter_table("unit_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_aliases_unit_id"), ["unit_id"], unique=False)
    _seed(units, aliases)

    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("strict", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("increment", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("quantity", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("per_count", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("per_unit", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("base_unit", sa.String(length=90), nullable=True))
        batch_op.add_column(sa.Column("base_low", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("base_high", sa.Float(), nullable=True))
        batch_op.drop_constraint(op.f("ck_figures_per"), type_="check")
        batch_op.create_check_constraint(op.f("ck_figures_per"), sa.text(NEW_PER))
        batch_op.create_check_constraint(
            op.f("ck_figures_strict"),
            sa.text("NOT strict OR kind IN ('lower_bound', 'upper_bound')"),
        )
        batch_op.create_check_constraint(
            op.f("ck_figures_denominator"),
            sa.text(
                "(per_count IS NULL AND per_unit IS NULL) OR (per_count > 0 AND per_unit IS NOT NULL)"
            ),
        )
        batch_op.drop_index("ix_figures_unit_span_claim")
        batch_op.create_foreign_key(op.f("fk_figures_unit_units"), "units", ["unit"], ["name"])

    op.execute(
        "UPDATE figures SET "
        "base_unit = (SELECT base_unit FROM units WHERE units.name = figures.unit), "
        "base_low = span_low * (SELECT factor FROM units WHERE units.name = figures.unit), "
        "base_high = span_high * (SELECT factor FROM units WHERE units.name = figures.unit)"
    )
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.alter_column("base_unit", existing_type=sa.String(length=90), nullable=False)
        batch_op.create_index(
            "ix_figures_base_span_claim",
            ["base_unit", "base_low", "base_high", "claim_id"],
            unique=False,
        )
        batch_op.create_index("ix_figures_unit", ["unit"], unique=False)
        batch_op.create_index("ix_figures_quantity", ["quantity"], unique=False)


def _seed(units: sa.Table, aliases: sa.Table) -> None:
    """The built-in units, then any other unit an existing figure uses, as counted."""
    import datetime as dt

    from factdb.unit_vocab import BUILTIN, unit_info, unit_key

    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    rows, alias_rows, keys = [], [], set()
    used = {name for (name,) in bind.execute(sa.text("SELECT DISTINCT unit FROM figures"))}
    extra = sorted(used - set(BUILTIN))
    for unit_id, name in enumerate([*BUILTIN, *extra], 1):
        builtin = BUILTIN.get(name)
        info = unit_info(name) if builtin else None
        rows.append(
            {
                "id": unit_id,
                "name": name,
                "dimension": builtin.dimension if builtin else "count",
                "base_unit": info.base_unit if info else name,
                "factor": info.factor if info else 1.0,
                "description": builtin.description if builtin else None,
                "created_at": now,
                "created_by": "factdb",
            }
        )
        for alias in (name, *(builtin.aliases if builtin else ())):
            key = unit_key(alias)
            if key not in keys:
                keys.add(key)
                alias_rows.append({"unit_id": unit_id, "alias": alias, "key": key})
    op.bulk_insert(units, rows)
    op.bulk_insert(aliases, alias_rows)
    if bind.dialect.name == "postgresql":
        op.execute("SELECT setval('units_id_seq', (SELECT max(id) FROM units))")


def downgrade() -> None:
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.drop_index("ix_figures_quantity")
        batch_op.drop_index("ix_figures_unit")
        batch_op.drop_index("ix_figures_base_span_claim")
        batch_op.drop_constraint(op.f("fk_figures_unit_units"), type_="foreignkey")
        batch_op.drop_constraint(op.f("ck_figures_denominator"), type_="check")
        batch_op.drop_constraint(op.f("ck_figures_strict"), type_="check")
        batch_op.drop_constraint(op.f("ck_figures_per"), type_="check")
        batch_op.create_check_constraint(op.f("ck_figures_per"), sa.text(OLD_PER))
        batch_op.create_index(
            "ix_figures_unit_span_claim",
            ["unit", "span_low", "span_high", "claim_id"],
            unique=False,
        )
        for column in (
            "base_high", "base_low", "base_unit", "per_unit", "per_count", "quantity",
            "increment", "strict",
        ):  # fmt: skip
            batch_op.drop_column(column)
    with op.batch_alter_table("unit_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_aliases_unit_id"))
    op.drop_table("unit_aliases")
    op.drop_table("units")
