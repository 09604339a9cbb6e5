"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 00:42:18.112874
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('gazetteer_imports',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_gazetteer_imports'))
    )
    op.create_table('incidents',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('redirect_to', sa.String(length=40), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=10), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(length=100), nullable=True),
    sa.Column('admin2', sa.String(length=100), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('perpetrator', sa.String(length=200), nullable=True),
    sa.Column('perpetrator_class', sa.String(length=40), nullable=True),
    sa.Column('event_type', sa.String(length=60), nullable=True),
    sa.Column('sub_event_type', sa.String(length=60), nullable=True),
    sa.Column('killed_low', sa.Integer(), nullable=True),
    sa.Column('killed_best', sa.Integer(), nullable=True),
    sa.Column('killed_high', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_low', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_best', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_high', sa.Integer(), nullable=True),
    sa.Column('injured_low', sa.Integer(), nullable=True),
    sa.Column('injured_best', sa.Integer(), nullable=True),
    sa.Column('injured_high', sa.Integer(), nullable=True),
    sa.Column('grade', sa.String(length=20), nullable=True),
    sa.Column('review_status', sa.String(length=20), server_default='unreviewed', nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_admin1'), ['admin1'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_event_type'), ['event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_killed_best'), ['killed_best'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_perpetrator'), ['perpetrator'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_redirect_to'), ['redirect_to'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.String(length=120), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('feature', sa.String(length=40), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('admin1', sa.String(length=100), nullable=True),
    sa.Column('admin2', sa.String(length=100), nullable=True),
    sa.Column('alt_names', sa.JSON(), nullable=False),
    sa.Column('population', sa.Integer(), server_default='0', nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_country'), ['country'], unique=False)

    op.create_table('review_actions',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('who', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('incident_id', sa.String(length=40), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_review_actions')),
    sa.UniqueConstraint('hash', name=op.f('uq_review_actions_hash')),
    sa.UniqueConstraint('prev_hash', name=op.f('uq_review_actions_prev_hash'))
    )
    with op.batch_alter_table('review_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_actions_incident_id'), ['incident_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('affiliation', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_table('place_names',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('place_id', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_place_names_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'place_id', name=op.f('pk_place_names'))
    )
    with op.batch_alter_table('place_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_names_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_place_names_place_id'), ['place_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ext_id', sa.String(length=300), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('content_type', sa.String(length=80), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_from', sa.String(length=20), nullable=True),
    sa.Column('retrieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('text_public', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_reports_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('ext_id', name=op.f('uq_reports_ext_id')),
    sa.UniqueConstraint('sha256', name=op.f('uq_reports_sha256'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_text_sha256'), ['text_sha256'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('main', sa.Boolean(), nullable=False),
    sa.Column('extractor', sa.String(length=40), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(length=100), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('perpetrator_class', sa.String(length=40), nullable=True),
    sa.Column('event_type', sa.String(length=60), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_claims_report_id_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    sa.UniqueConstraint('key', name=op.f('uq_claims_key'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_report_id'), ['report_id'], unique=False)

    op.create_table('report_aliases',
    sa.Column('ext_id', sa.String(length=300), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_aliases_report_id_reports')),
    sa.PrimaryKeyConstraint('ext_id', name=op.f('pk_report_aliases'))
    )
    with op.batch_alter_table('report_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_aliases_report_id'), ['report_id'], unique=False)

    op.create_table('incident_claims',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.String(length=40), nullable=False),
    sa.Column('why', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_incident_claims_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_claims_incident_id_incidents')),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_incident_claims'))
    )
    with op.batch_alter_table('incident_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_claims_incident_id'), ['incident_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('incident_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_claims_incident_id'))

    op.drop_table('incident_claims')
    with op.batch_alter_table('report_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_aliases_report_id'))

    op.drop_table('report_aliases')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_report_id'))
        batch_op.drop_index(batch_op.f('ix_claims_date_start'))

    op.drop_table('claims')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_text_sha256'))
        batch_op.drop_index(batch_op.f('ix_reports_published'))

    op.drop_table('reports')
    with op.batch_alter_table('place_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_names_place_id'))
        batch_op.drop_index(batch_op.f('ix_place_names_key'))

    op.drop_table('place_names')
    op.drop_table('sources')
    with op.batch_alter_table('review_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_actions_incident_id'))

    op.drop_table('review_actions')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_country'))

    op.drop_table('places')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_redirect_to'))
        batch_op.drop_index(batch_op.f('ix_incidents_perpetrator'))
        batch_op.drop_index(batch_op.f('ix_incidents_killed_best'))
        batch_op.drop_index(batch_op.f('ix_incidents_event_type'))
        batch_op.drop_index(batch_op.f('ix_incidents_date_start'))
        batch_op.drop_index(batch_op.f('ix_incidents_admin1'))

    op.drop_table('incidents')
    op.drop_table('gazetteer_imports')

