"""following sources: feed URL and polling on sources, conditional-GET state per URL

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("feed_url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("poll_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_fetch_state_source_id_sources")),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_fetch_state")),
    )
    op.create_index(op.f("ix_fetch_state_source_id"), "fetch_state", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_fetch_state_source_id"), table_name="fetch_state")
    op.drop_table("fetch_state")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("enabled")
        batch.drop_column("poll_minutes")
        batch.drop_column("feed_url")
