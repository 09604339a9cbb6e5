"""probabilistic linking: scored claim pairs with their comparisons, and trained model parameters

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_pairs",
        sa.Column("claim_a", sa.String(length=100), nullable=False),
        sa.Column("claim_b", sa.String(length=100), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("claim_a", "claim_b", name=op.f("pk_link_pairs")),
    )
    op.create_table(
        "link_models",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_link_models")),
    )


def downgrade() -> None:
    op.drop_table("link_models")
    op.drop_table("link_pairs")
