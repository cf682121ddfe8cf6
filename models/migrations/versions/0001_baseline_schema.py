"""Baseline schema: commune, units, people, plan, periods, updates, register, audit, upper level.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('action', sa.Enum('create', 'update', 'delete', 'login', 'login_failed', 'logout', 'lock_period', 'unlock_period', 'issue_report', 'reissue_report', 'cancel_report', 'export', 'import', 'backup', 'restore', 'migrate', 'key_change_accepted', 'password_reset', name='auditaction', native_enum=False, length=32), nullable=False),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_uuid', sa.String(length=36), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_entity_uuid'), ['entity_uuid'], unique=False)

    op.create_table('bundle_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bundle_sha256', sa.String(length=64), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('commune_name', sa.String(length=100), nullable=False),
    sa.Column('period_code', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.Column('format_version', sa.Integer(), nullable=False),
    sa.Column('program_version', sa.String(length=30), nullable=False),
    sa.Column('key_fingerprint', sa.String(length=100), nullable=False),
    sa.Column('current', sa.Boolean(), nullable=False),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('manifest', sa.JSON(), nullable=False),
    sa.Column('report_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('report_xlsx', sa.LargeBinary(), nullable=True),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['bundle_import.id'], name=op.f('fk_bundle_import_superseded_by_id_bundle_import')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_import')),
    sa.UniqueConstraint('bundle_sha256', name=op.f('uq_bundle_import_bundle_sha256')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bundle_import_uuid'))
    )
    with op.batch_alter_table('bundle_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bundle_import_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_import_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index('ix_bundle_import_commune_period', ['commune_code', 'period_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_import_period_code'), ['period_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_import_province_code'), ['province_code'], unique=False)

    op.create_table('commune',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.Integer(), nullable=False),
    sa.Column('province_name', sa.String(length=100), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('commune_name', sa.String(length=100), nullable=False),
    sa.Column('division_type', sa.String(length=20), nullable=False),
    sa.Column('is_local', sa.Boolean(), nullable=False),
    sa.Column('superior_line', sa.String(length=200), nullable=True),
    sa.Column('agency_line1', sa.String(length=200), nullable=False),
    sa.Column('agency_line2', sa.String(length=200), nullable=False),
    sa.Column('agency_name', sa.String(length=200), nullable=False),
    sa.Column('place_name', sa.String(length=100), nullable=False),
    sa.Column('report_symbol', sa.String(length=40), nullable=False),
    sa.Column('drafting_unit_code', sa.String(length=20), nullable=True),
    sa.Column('period_convention', sa.Enum('calendar', 'cutoff_15', name='periodconvention', native_enum=False, length=32), nullable=False),
    sa.Column('unit_deadline_day', sa.Integer(), nullable=False),
    sa.Column('report_deadline_day', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune')),
    sa.UniqueConstraint('commune_code', name=op.f('uq_commune_commune_code')),
    sa.UniqueConstraint('uuid', name=op.f('uq_commune_uuid'))
    )
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commune_province_code'), ['province_code'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('uuid', name=op.f('uq_plan_uuid'))
    )
    op.create_table('recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=300), nullable=False),
    sa.Column('upward', sa.Boolean(), nullable=False),
    sa.Column('default_selected', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recipient')),
    sa.UniqueConstraint('uuid', name=op.f('uq_recipient_uuid'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('signer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('authority', sa.Enum('TM.', 'KT.', 'Q.', 'TL.', 'TUQ.', name='signingauthority', native_enum=False, length=32), nullable=False),
    sa.Column('body', sa.String(length=100), nullable=False),
    sa.Column('on_behalf_of', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signer')),
    sa.UniqueConstraint('uuid', name=op.f('uq_signer_uuid'))
    )
    op.create_table('trusted_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('public_key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_key'))
    )
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trusted_key_commune_code'), ['commune_code'], unique=False)

    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('office', 'department', 'board', 'centre', 'police', 'military', 'village', 'mass_org', 'party', 'external', 'other', name='unitkind', native_enum=False, length=32), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('reports', sa.Boolean(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_unit_code')),
    sa.UniqueConstraint('uuid', name=op.f('uq_unit_uuid'))
    )
    op.create_table('consolidated_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('commune_code', sa.Integer(), nullable=False),
    sa.Column('period_code', sa.String(length=10), nullable=False),
    sa.Column('element_kind', sa.String(length=10), nullable=False),
    sa.Column('element_code', sa.String(length=30), nullable=False),
    sa.Column('element_name', sa.Text(), nullable=False),
    sa.Column('unit_label', sa.String(length=40), nullable=False),
    sa.Column('numeric', sa.Float(), nullable=True),
    sa.Column('yes', sa.Boolean(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('comparator', sa.String(length=10), nullable=True),
    sa.Column('evaluation', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['bundle_import.id'], name=op.f('fk_consolidated_value_import_id_bundle_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consolidated_value'))
    )
    with op.batch_alter_table('consolidated_value', schema=None) as batch_op:
        batch_op.create_index('ix_consolidated_value_commune_period', ['commune_code', 'period_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_consolidated_value_import_id'), ['import_id'], unique=False)
        batch_op.create_index('ix_consolidated_value_period_element', ['period_code', 'element_kind', 'element_code'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('group_name', sa.String(length=300), nullable=False),
    sa.Column('measure_unit', sa.Enum('percent', 'count', 'index', 'million_vnd', 'yesno', 'other', name='measureunit', native_enum=False, length=32), nullable=False),
    sa.Column('unit_label', sa.String(length=40), nullable=False),
    sa.Column('comparator', sa.Enum('ge', 'le', 'eq', 'yesno', name='comparator', native_enum=False, length=32), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('cumulative', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_indicator_lead_unit_id_unit')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_indicator_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('plan_id', 'code', name='uq_indicator_plan_code'),
    sa.UniqueConstraint('uuid', name=op.f('uq_indicator_uuid'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_plan_id'), ['plan_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('group_name', sa.String(length=300), nullable=False),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.Column('expected_output', sa.Text(), nullable=False),
    sa.Column('timeframe_text', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('recurrence', sa.Enum('none', 'continuous', 'monthly', 'quarterly', 'semiannual', 'yearly', name='recurrence', native_enum=False, length=32), nullable=False),
    sa.Column('timeframe_flagged', sa.Boolean(), nullable=False),
    sa.Column('is_group', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_task_lead_unit_id_unit')),
    sa.ForeignKeyConstraint(['parent_id'], ['task.id'], name=op.f('fk_task_parent_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_task_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task')),
    sa.UniqueConstraint('plan_id', 'code', name='uq_task_plan_code'),
    sa.UniqueConstraint('uuid', name=op.f('uq_task_uuid'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_lead_unit_id'), ['lead_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_plan_id'), ['plan_id'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.Enum('admin', 'officer', 'unit_staff', 'leader', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_user_account_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username')),
    sa.UniqueConstraint('uuid', name=op.f('uq_user_account_uuid'))
    )
    op.create_table('indicator_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('comparator', sa.Enum('ge', 'le', 'eq', 'yesno', name='comparator', native_enum=False, length=32), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('raw_text', sa.String(length=60), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_target_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_target')),
    sa.UniqueConstraint('indicator_id', 'year', name='uq_indicator_target_year'),
    sa.UniqueConstraint('uuid', name=op.f('uq_indicator_target_uuid'))
    )
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_target_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('indicator_unit',
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('co_lead', 'cooperating', name='unitrole', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_unit_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_indicator_unit_unit_id_unit')),
    sa.PrimaryKeyConstraint('indicator_id', 'unit_id', name=op.f('pk_indicator_unit'))
    )
    op.create_table('period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.Enum('month', 'quarter', 'half_year', 'year', name='periodkind', native_enum=False, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('locked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('locked_by_id', sa.Integer(), nullable=True),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['locked_by_id'], ['user_account.id'], name=op.f('fk_period_locked_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period')),
    sa.UniqueConstraint('code', name=op.f('uq_period_code')),
    sa.UniqueConstraint('kind', 'year', 'number', name='uq_period_kind_year_number'),
    sa.UniqueConstraint('uuid', name=op.f('uq_period_uuid'))
    )
    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_period_end_date'), ['end_date'], unique=False)

    op.create_table('task_unit',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('co_lead', 'cooperating', name='unitrole', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_unit_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_task_unit_unit_id_unit')),
    sa.PrimaryKeyConstraint('task_id', 'unit_id', name=op.f('pk_task_unit'))
    )
    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('yes', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_name', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_indicator_value_period_id_period')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_indicator_value_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'period_id', name='uq_indicator_value_indicator_period'),
    sa.UniqueConstraint('uuid', name=op.f('uq_indicator_value_uuid'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_period_id'), ['period_id'], unique=False)

    op.create_table('issued_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('symbol', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('month', 'quarter', 'half_year', 'year', name='reportkind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('draft', 'issued', 'cancelled', 'superseded', name='documentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('signer_id', sa.Integer(), nullable=True),
    sa.Column('signer_snapshot', sa.JSON(), nullable=True),
    sa.Column('recipients', sa.JSON(), nullable=False),
    sa.Column('narrative', sa.JSON(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_name', sa.String(length=100), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_issued_document_period_id_period')),
    sa.ForeignKeyConstraint(['replaces_id'], ['issued_document.id'], name=op.f('fk_issued_document_replaces_id_issued_document')),
    sa.ForeignKeyConstraint(['signer_id'], ['signer.id'], name=op.f('fk_issued_document_signer_id_signer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_document')),
    sa.UniqueConstraint('uuid', name=op.f('uq_issued_document_uuid')),
    sa.UniqueConstraint('year', 'symbol', 'number', name='uq_issued_document_year_symbol_number')
    )
    op.create_table('task_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('progress', sa.Enum('not_started', 'in_progress', 'completed', name='progress', native_enum=False, length=32), nullable=False),
    sa.Column('percent', sa.Float(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('difficulties', sa.Text(), nullable=False),
    sa.Column('proposals', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_name', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_task_update_period_id_period')),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_update_task_id_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_task_update_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_update')),
    sa.UniqueConstraint('task_id', 'period_id', name='uq_task_update_task_period'),
    sa.UniqueConstraint('uuid', name=op.f('uq_task_update_uuid'))
    )
    with op.batch_alter_table('task_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_update_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_update_task_id'), ['task_id'], unique=False)

    op.create_table('unit_submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by_name', sa.String(length=100), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_unit_submission_period_id_period')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_submission_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_submission')),
    sa.UniqueConstraint('unit_id', 'period_id', name='uq_unit_submission_unit_period'),
    sa.UniqueConstraint('uuid', name=op.f('uq_unit_submission_uuid'))
    )
    with op.batch_alter_table('unit_submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_submission_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_submission_unit_id'), ['unit_id'], unique=False)

    op.create_table('document_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('fmt', sa.String(length=10), nullable=False),
    sa.Column('path', sa.String(length=1000), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['issued_document.id'], name=op.f('fk_document_file_document_id_issued_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_file'))
    )
    with op.batch_alter_table('document_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_file_document_id'), ['document_id'], unique=False)

    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_update_id', sa.Integer(), nullable=True),
    sa.Column('indicator_value_id', sa.Integer(), nullable=True),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_by_name', sa.String(length=100), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['indicator_value_id'], ['indicator_value.id'], name=op.f('fk_evidence_file_indicator_value_id_indicator_value'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_update_id'], ['task_update.id'], name=op.f('fk_evidence_file_task_update_id_task_update'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_file')),
    sa.UniqueConstraint('uuid', name=op.f('uq_evidence_file_uuid'))
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_indicator_value_id'), ['indicator_value_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_task_update_id'), ['task_update_id'], unique=False)

    # consolidated_value.measure_unit: how the upper level aggregates an indicator (bundles).
    with op.batch_alter_table('consolidated_value', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measure_unit', sa.String(length=20), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('consolidated_value', schema=None) as batch_op:
        batch_op.drop_column('measure_unit')

    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_file_task_update_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_sha256'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_indicator_value_id'))

    op.drop_table('evidence_file')
    with op.batch_alter_table('document_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_file_document_id'))

    op.drop_table('document_file')
    with op.batch_alter_table('unit_submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_submission_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_submission_period_id'))

    op.drop_table('unit_submission')
    with op.batch_alter_table('task_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_update_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_update_period_id'))

    op.drop_table('task_update')
    op.drop_table('issued_document')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_period_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_indicator_id'))

    op.drop_table('indicator_value')
    op.drop_table('task_unit')
    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_period_end_date'))

    op.drop_table('period')
    op.drop_table('indicator_unit')
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_target_indicator_id'))

    op.drop_table('indicator_target')
    op.drop_table('user_account')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_plan_id'))
        batch_op.drop_index(batch_op.f('ix_task_parent_id'))
        batch_op.drop_index(batch_op.f('ix_task_lead_unit_id'))

    op.drop_table('task')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_plan_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_lead_unit_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('consolidated_value', schema=None) as batch_op:
        batch_op.drop_index('ix_consolidated_value_period_element')
        batch_op.drop_index(batch_op.f('ix_consolidated_value_import_id'))
        batch_op.drop_index('ix_consolidated_value_commune_period')

    op.drop_table('consolidated_value')
    op.drop_table('unit')
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_key_commune_code'))

    op.drop_table('trusted_key')
    op.drop_table('signer')
    op.drop_table('setting')
    op.drop_table('recipient')
    op.drop_table('plan')
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commune_province_code'))

    op.drop_table('commune')
    with op.batch_alter_table('bundle_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bundle_import_province_code'))
        batch_op.drop_index(batch_op.f('ix_bundle_import_period_code'))
        batch_op.drop_index('ix_bundle_import_commune_period')
        batch_op.drop_index(batch_op.f('ix_bundle_import_commune_code'))
        batch_op.drop_index(batch_op.f('ix_bundle_import_bundle_id'))

    op.drop_table('bundle_import')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_entity_uuid'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')

