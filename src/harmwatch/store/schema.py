"""The database schema: reports (raw bytes), claims, incidents, links, the audit log and places."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(300), nullable=False, unique=True),
    sa.Column("kind", sa.String(40)),
    sa.Column("affiliation", sa.String(200)),
    sa.Column("url", sa.Text),
)

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("ext_id", sa.String(300), nullable=False, unique=True),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("content_type", sa.String(80), nullable=False),
    sa.Column("origin", sa.Text),  # file path or URL it was read from
    sa.Column("url", sa.Text),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_from", sa.String(20)),  # where the date came from: metadata, option, dateline
    sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("language", sa.String(8)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_sha256", sa.String(64), nullable=False, index=True),
    sa.Column("text_public", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("meta", sa.JSON),
)

report_aliases = sa.Table(
    "report_aliases", metadata,
    sa.Column("ext_id", sa.String(300), primary_key=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("sha256", sa.String(64), nullable=False),  # the alias's own bytes' hash
    sa.Column("origin", sa.Text),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(100), nullable=False, unique=True),  # <report sha256 prefix>:<n>
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("main", sa.Boolean, nullable=False),
    sa.Column("extractor", sa.String(40), nullable=False),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(100)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("perpetrator_class", sa.String(40)),
    sa.Column("event_type", sa.String(60)),
    sa.Column("data", sa.JSON, nullable=False),  # the whole claim in the extraction contract format
)

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("redirect_to", sa.String(40), index=True),  # set when merged into another incident
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String(10)),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(100), index=True),
    sa.Column("admin2", sa.String(100)),
    sa.Column("location", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("perpetrator", sa.String(200), index=True),
    sa.Column("perpetrator_class", sa.String(40)),
    sa.Column("event_type", sa.String(60), index=True),
    sa.Column("sub_event_type", sa.String(60)),
    sa.Column("killed_low", sa.Integer),
    sa.Column("killed_best", sa.Integer, index=True),
    sa.Column("killed_high", sa.Integer),
    sa.Column("civilians_killed_low", sa.Integer),
    sa.Column("civilians_killed_best", sa.Integer),
    sa.Column("civilians_killed_high", sa.Integer),
    sa.Column("injured_low", sa.Integer),
    sa.Column("injured_best", sa.Integer),
    sa.Column("injured_high", sa.Integer),
    sa.Column("grade", sa.String(20)),
    sa.Column("review_status", sa.String(20), nullable=False, server_default="unreviewed"),
    sa.Column("data", sa.JSON, nullable=False),  # sources, perpetrators side by side, overrides applied
)

incident_claims = sa.Table(
    "incident_claims", metadata,
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False, index=True),
    sa.Column("why", sa.JSON),  # the rule or decision that put the claim here
)

review_actions = sa.Table(
    "review_actions", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("incident_id", sa.String(40), index=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),  # one successor per entry
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
)

places = sa.Table(
    "places", metadata,
    sa.Column("id", sa.String(120), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(2), nullable=False, index=True),
    sa.Column("feature", sa.String(40), nullable=False),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("admin1", sa.String(100)),
    sa.Column("admin2", sa.String(100)),
    sa.Column("alt_names", sa.JSON, nullable=False),
    sa.Column("population", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source", sa.Text),
)

place_names = sa.Table(
    "place_names", metadata,
    sa.Column("key", sa.String(300), nullable=False, index=True),  # geo.name_key of one of its names
    sa.Column("place_id", sa.String(120), sa.ForeignKey("places.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.PrimaryKeyConstraint("key", "place_id"),
)

gazetteer_imports = sa.Table(
    "gazetteer_imports", metadata,
    sa.Column("key", sa.String(300), primary_key=True),  # "shipped:SY:<version>" or "file:<sha256>"
    sa.Column("origin", sa.Text),
    sa.Column("places", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# ---------------------------------------------------------------- following sources (migration 0002)
sources.append_column(sa.Column("feed_url", sa.Text))           # RSS/Atom feed or page to poll
sources.append_column(sa.Column("poll_minutes", sa.Integer))    # how often `harmwatch watch` polls it
sources.append_column(sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()))

fetch_state = sa.Table(
    "fetch_state", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), index=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_status", sa.Integer),
    sa.Column("fetched_at", sa.DateTime(timezone=True)),
    sa.Column("next_due_at", sa.DateTime(timezone=True)),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
)

# ---------------------------------------------------------------- people and what they may see (0003)
users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),  # reviewer | admin
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
)

sensitive_spans = sa.Table(
    "sensitive_spans", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# ---------------------------------------------------------------- probabilistic linking (0004)
link_pairs = sa.Table(
    "link_pairs", metadata,
    sa.Column("claim_a", sa.String(100), primary_key=True),
    sa.Column("claim_b", sa.String(100), primary_key=True),
    sa.Column("match_weight", sa.Float, nullable=False),
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),  # the comparisons and their levels / partial weights
)

link_models = sa.Table(
    "link_models", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("params", sa.JSON, nullable=False),
)

# ---------------------------------------------------------------- web paging and freshness (0005)
sa.Index("ix_incidents_date_start_id", incidents.c.date_start, incidents.c.id)
sa.Index("ix_incidents_updated_at", incidents.c.updated_at)

# ---------------------------------------------------------------- date-filtered web queries (0006)
# every column a filtered count, timeline or map-cell query reads, in (date_start, id) order: a month is one
# index range scan, and a page of ids in list order is read from the index alone
sa.Index("ix_incidents_date_cover", *(incidents.c[n] for n in (
    "date_start", "id", "date_end", "redirect_to", "review_status", "country", "admin1", "perpetrator_class",
    "perpetrator", "grade", "killed_low", "killed_best", "killed_high", "lat", "lon")))
sa.Index("ix_reports_source_id_published", reports.c.source_id, reports.c.published)
