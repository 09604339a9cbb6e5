"""web: a covering index for date-filtered incident queries (counts, timeline, map cells without table reads)
and reports by source (the sources list and a publisher's page)

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ["date_start", "id", "date_end", "redirect_to", "review_status", "country", "admin1", "perpetrator_class",
           "perpetrator", "grade", "killed_low", "killed_best", "killed_high", "lat", "lon"]


def upgrade() -> None:
    op.create_index("ix_incidents_date_cover", "incidents", COLUMNS, unique=False)
    op.create_index("ix_reports_source_id_published", "reports", ["source_id", "published"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_reports_source_id_published", table_name="reports")
    op.drop_index("ix_incidents_date_cover", table_name="incidents")
