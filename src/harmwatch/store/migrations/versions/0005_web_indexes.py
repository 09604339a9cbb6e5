"""web: indexes the web app's list, paging and freshness checks need at a million incidents

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_incidents_date_start_id"), "incidents", ["date_start", "id"], unique=False)
    op.create_index(op.f("ix_incidents_updated_at"), "incidents", ["updated_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_incidents_updated_at"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_date_start_id"), table_name="incidents")
