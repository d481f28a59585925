"""The workshop file, listings, tip-off reports, staff and audit log; reference data

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 01:12:49.473504

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Chinese text and emoji need utf8mb4 on MariaDB, whatever the database's default.
TABLE_OPTIONS = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}

# The 13 county-level divisions of Ji'an and the two management zones.
DISTRICTS = [
    ("360802", "吉州区"), ("360803", "青原区"), ("360821", "吉安县"), ("360822", "吉水县"),
    ("360823", "峡江县"), ("360824", "新干县"), ("360825", "永丰县"), ("360826", "泰和县"),
    ("360827", "遂川县"), ("360828", "万安县"), ("360829", "安福县"), ("360830", "永新县"),
    ("360881", "井冈山市"), (None, "井冈山经开区"), (None, "庐陵新区"),
]

# Food categories: (name, key category of the plan, inherent risk 1-3).
CATEGORIES = [
    ("酒类", True, 3), ("肉制品", True, 3), ("食用植物油", True, 3), ("米粉", True, 2),
    ("糕点", True, 2), ("豆制品", False, 2), ("茶叶", False, 1), ("炒货", False, 1),
    ("酱腌菜", False, 2), ("面制品", False, 1), ("其他", False, 2),
]


def insert_reference_data():
    """Districts and categories, which every other record refers to."""
    districts = sa.table(
        "districts", sa.column("code", sa.String), sa.column("name", sa.String),
        sa.column("kind", sa.String), sa.column("sort_order", sa.Integer),
    )
    op.bulk_insert(districts, [
        {"code": code, "name": name, "kind": "county" if code else "zone", "sort_order": i}
        for i, (code, name) in enumerate(DISTRICTS, start=1)
    ])
    categories = sa.table(
        "categories", sa.column("name", sa.String), sa.column("is_key", sa.Boolean),
        sa.column("risk_level", sa.Integer), sa.column("sort_order", sa.Integer),
    )
    op.bulk_insert(categories, [
        {"name": name, "is_key": key, "risk_level": risk, "sort_order": i}
        for i, (name, key, risk) in enumerate(CATEGORIES, start=1)
    ])


def upgrade():
    op.create_table('categories',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('is_key', sa.Boolean(), nullable=False),
    sa.Column('risk_level', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('risk_level BETWEEN 1 AND 3', name=op.f('ck_categories_risk_level')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('name', name=op.f('uq_categories_name')),
    **TABLE_OPTIONS
    )
    op.create_table('districts',
    sa.Column('code', sa.String(length=6), nullable=True),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.Enum('county', 'zone', name='district_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_districts')),
    sa.UniqueConstraint('code', name=op.f('uq_districts_code')),
    sa.UniqueConstraint('name', name=op.f('uq_districts_name')),
    **TABLE_OPTIONS
    )
    op.create_table('processing_zones',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_processing_zones_district_id_districts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_zones')),
    sa.UniqueConstraint('name', name=op.f('uq_processing_zones_name')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('processing_zones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_zones_district_id'), ['district_id'], unique=False)

    op.create_table('users',
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('superadmin', 'regulator', 'editor', 'approver', 'moderator', 'viewer', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('totp_secret', sa.String(length=64), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_users_district_id_districts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username')),
    **TABLE_OPTIONS
    )
    op.create_table('audit_entries',
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=50), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_audit_entries_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('workshops',
    sa.Column('public_code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('operator', sa.String(length=50), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('products', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('registered', 'expired', 'cancelled', 'revoked', 'unregistered', name='workshop_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_workshops_district_id_districts')),
    sa.ForeignKeyConstraint(['zone_id'], ['processing_zones.id'], name=op.f('fk_workshops_zone_id_processing_zones')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('public_code', name=op.f('uq_workshops_public_code')),
    sa.UniqueConstraint('uscc', name=op.f('uq_workshops_uscc')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index('ix_workshops_district_status', ['district_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_name'), ['name'], unique=False)
        batch_op.create_index('ix_workshops_status', ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_zone_id'), ['zone_id'], unique=False)

    op.create_table('boards',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('management_rules', sa.Text(), nullable=False),
    sa.Column('commitment_text', sa.Text(), nullable=False),
    sa.Column('commitment_signed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_boards_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boards')),
    sa.UniqueConstraint('workshop_id', name=op.f('uq_boards_workshop_id')),
    **TABLE_OPTIONS
    )
    op.create_table('health_certificates',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('holder_name', sa.String(length=30), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('expires_on > issued_on', name=op.f('ck_health_certificates_expiry_after_issue')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_health_certificates_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_certificates')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('health_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_certificates_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('honours',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('demonstration', 'specialty', 'heritage', name='honour_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('awarded_by', sa.String(length=100), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_honours_year_range')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_honours_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_honours')),
    sa.UniqueConstraint('workshop_id', 'kind', 'title', name='uq_honours_workshop_kind_title'),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('honours', schema=None) as batch_op:
        batch_op.create_index('ix_honours_kind_year', ['kind', 'year'], unique=False)

    op.create_table('inspections',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('routine', 'double_random', 'flying', 'supervisory', name='inspection_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('result', sa.Enum('compliant', 'rectify', 'noncompliant', name='inspection_result', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('authority', sa.String(length=100), nullable=False),
    sa.Column('rectification_deadline', sa.Date(), nullable=True),
    sa.Column('rectification_status', sa.Enum('not_required', 'pending', 'done', name='rectification_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('rectification_deadline IS NULL OR rectification_deadline >= inspected_on', name=op.f('ck_inspections_deadline_after_inspection')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_inspections_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index('ix_inspections_inspected_on', ['inspected_on'], unique=False)
        batch_op.create_index('ix_inspections_workshop_date', ['workshop_id', 'inspected_on'], unique=False)

    op.create_table('interviews',
    sa.Column('kind', sa.Enum('individual', 'industry', name='interview_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind = 'industry' OR workshop_id IS NOT NULL", name=op.f('ck_interviews_individual_has_workshop')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_interviews_district_id_districts')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_interviews_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interviews_district_id'), ['district_id'], unique=False)
        batch_op.create_index('ix_interviews_workshop_date', ['workshop_id', 'held_on'], unique=False)

    op.create_table('listings',
    sa.Column('kind', sa.Enum('red', 'black', name='listing_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status', sa.Enum('draft', 'in_review', 'published', 'withdrawn', 'expired', name='listing_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('subject_name', sa.String(length=100), nullable=False),
    sa.Column('subject_address', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('approver_id', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawal_reason', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("workshop_id IS NOT NULL OR subject_name <> ''", name=op.f('ck_listings_names_subject')),
    sa.CheckConstraint('approver_id IS NULL OR approver_id <> author_id', name=op.f('ck_listings_approver_not_author')),
    sa.ForeignKeyConstraint(['approver_id'], ['users.id'], name=op.f('fk_listings_approver_id_users')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_listings_author_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_listings_district_id_districts')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_listings_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listings')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.create_index('ix_listings_public', ['kind', 'status', 'published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_listings_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('penalties',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('decision_number', sa.String(length=60), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('violation', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('penalty', sa.String(length=300), nullable=False),
    sa.Column('fine_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('confiscated_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('authority', sa.String(length=100), nullable=False),
    sa.Column('publicity_ends_on', sa.Date(), nullable=False),
    sa.Column('rectification_statement', sa.Text(), nullable=False),
    sa.Column('rectification_checked_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('fine_amount >= 0 AND confiscated_amount >= 0', name=op.f('ck_penalties_amounts')),
    sa.CheckConstraint('publicity_ends_on >= decided_on', name=op.f('ck_penalties_publicity_after_decision')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_penalties_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penalties')),
    sa.UniqueConstraint('decision_number', name=op.f('uq_penalties_decision_number')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('penalties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_penalties_publicity_ends_on'), ['publicity_ends_on'], unique=False)
        batch_op.create_index('ix_penalties_workshop_date', ['workshop_id', 'decided_on'], unique=False)

    op.create_table('registrations',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('issuing_office', sa.String(length=100), nullable=False),
    sa.Column('status', sa.Enum('valid', 'expired', 'cancelled', 'revoked', name='registration_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= issued_on', name=op.f('ck_registrations_end_after_issue')),
    sa.CheckConstraint('expires_on > issued_on', name=op.f('ck_registrations_expiry_after_issue')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_registrations_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('number', name=op.f('uq_registrations_number')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_expires_on', ['expires_on'], unique=False)
        batch_op.create_index('ix_registrations_workshop_issued', ['workshop_id', 'issued_on'], unique=False)

    op.create_table('reports',
    sa.Column('receipt_code', sa.String(length=24), nullable=False),
    sa.Column('key_hash', sa.String(length=255), nullable=False),
    sa.Column('submission_token', sa.String(length=64), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('subject_name', sa.String(length=100), nullable=False),
    sa.Column('subject_address', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('issue_type', sa.Enum('unregistered', 'non_food', 'additives', 'counterfeit', 'hygiene', 'other', name='issue_type', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('observed_at', sa.DateTime(), nullable=True),
    sa.Column('is_anonymous', sa.Boolean(), nullable=False),
    sa.Column('reporter_name', sa.String(length=50), nullable=True),
    sa.Column('reporter_phone', sa.String(length=20), nullable=True),
    sa.Column('wants_reward', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('received', 'accepted', 'declined', 'duplicate', 'investigating', 'substantiated', 'unsubstantiated', 'closed', name='report_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('assigned_district_id', sa.Integer(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("workshop_id IS NOT NULL OR subject_name <> ''", name=op.f('ck_reports_names_subject')),
    sa.CheckConstraint('NOT is_anonymous OR (reporter_name IS NULL AND reporter_phone IS NULL)', name=op.f('ck_reports_anonymous_has_no_contact')),
    sa.CheckConstraint('NOT wants_reward OR NOT is_anonymous', name=op.f('ck_reports_reward_needs_name')),
    sa.CheckConstraint('is_anonymous OR (reporter_name IS NOT NULL AND reporter_phone IS NOT NULL)', name=op.f('ck_reports_real_name_has_contact')),
    sa.ForeignKeyConstraint(['assigned_district_id'], ['districts.id'], name=op.f('fk_reports_assigned_district_id_districts')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_reports_district_id_districts')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['reports.id'], name=op.f('fk_reports_duplicate_of_id_reports'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_reports_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('receipt_code', name=op.f('uq_reports_receipt_code')),
    sa.UniqueConstraint('submission_token', name=op.f('uq_reports_submission_token')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_district_status', ['assigned_district_id', 'status'], unique=False)
        batch_op.create_index('ix_reports_queue', ['status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('samplings',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('sampled_on', sa.Date(), nullable=False),
    sa.Column('product', sa.String(length=100), nullable=False),
    sa.Column('batch', sa.String(length=50), nullable=False),
    sa.Column('testing_body', sa.String(length=100), nullable=False),
    sa.Column('report_number', sa.String(length=60), nullable=False),
    sa.Column('result', sa.Enum('pass', 'fail', name='sampling_result', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('disposal', sa.String(length=300), nullable=False),
    sa.Column('disposed_on', sa.Date(), nullable=True),
    sa.Column('follow_up_of_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("result = 'fail' OR disposed_on IS NULL", name=op.f('ck_samplings_disposal_only_when_failed')),
    sa.CheckConstraint('disposed_on IS NULL OR disposed_on >= sampled_on', name=op.f('ck_samplings_disposal_after_sampling')),
    sa.ForeignKeyConstraint(['follow_up_of_id'], ['samplings.id'], name=op.f('fk_samplings_follow_up_of_id_samplings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_samplings_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_samplings')),
    sa.UniqueConstraint('report_number', name=op.f('uq_samplings_report_number')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('samplings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_samplings_follow_up_of_id'), ['follow_up_of_id'], unique=False)
        batch_op.create_index('ix_samplings_sampled_on', ['sampled_on'], unique=False)
        batch_op.create_index('ix_samplings_workshop_date', ['workshop_id', 'sampled_on'], unique=False)

    op.create_table('suppliers',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('materials', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_suppliers_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suppliers')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('suppliers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suppliers_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_categories',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_workshop_categories_category_id_categories')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_categories_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'category_id', name=op.f('pk_workshop_categories')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('workshop_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_categories_category_id'), ['category_id'], unique=False)

    op.create_table('failed_items',
    sa.Column('sampling_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=50), nullable=False),
    sa.Column('measured_value', sa.String(length=30), nullable=False),
    sa.Column('limit_value', sa.String(length=30), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sampling_id'], ['samplings.id'], name=op.f('fk_failed_items_sampling_id_samplings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_failed_items')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('failed_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_failed_items_sampling_id'), ['sampling_id'], unique=False)

    op.create_table('report_events',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('received', 'accepted', 'declined', 'duplicate', 'investigating', 'substantiated', 'unsubstantiated', 'closed', name='report_status', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('public_reply', sa.Text(), nullable=False),
    sa.Column('internal_note', sa.Text(), nullable=False),
    sa.Column('reporter_addition', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_report_events_actor_id_users')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_events_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_events')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.create_index('ix_report_events_report', ['report_id', 'created_at'], unique=False)

    op.create_table('report_photos',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('image', sa.LargeBinary().with_variant(mysql.LONGBLOB(), 'mariadb').with_variant(mysql.LONGBLOB(), 'mysql'), nullable=False),
    sa.Column('mime_type', sa.String(length=20), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('original_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint("mime_type IN ('image/jpeg', 'image/png', 'image/webp')", name=op.f('ck_report_photos_mime_type')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_photos_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_photos')),
    **TABLE_OPTIONS
    )
    with op.batch_alter_table('report_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_photos_report_id'), ['report_id'], unique=False)

    op.create_table('reward_decisions',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('basis_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('claim_deadline', sa.Date(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount >= 0 AND basis_amount >= 0', name=op.f('ck_reward_decisions_amounts')),
    sa.CheckConstraint('approved_by_id IS NULL OR approved_by_id <> decided_by_id', name=op.f('ck_reward_decisions_second_person_approves')),
    sa.CheckConstraint('grade BETWEEN 1 AND 3', name=op.f('ck_reward_decisions_grade_range')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_reward_decisions_approved_by_id_users')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_reward_decisions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_reward_decisions_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reward_decisions')),
    sa.UniqueConstraint('report_id', name=op.f('uq_reward_decisions_report_id')),
    **TABLE_OPTIONS
    )
    insert_reference_data()


def downgrade():
    """Drop every table; their indexes and constraints go with them."""
    op.drop_table('reward_decisions')
    op.drop_table('report_photos')
    op.drop_table('report_events')
    op.drop_table('failed_items')
    op.drop_table('workshop_categories')
    op.drop_table('suppliers')
    op.drop_table('samplings')
    op.drop_table('reports')
    op.drop_table('registrations')
    op.drop_table('penalties')
    op.drop_table('listings')
    op.drop_table('interviews')
    op.drop_table('inspections')
    op.drop_table('honours')
    op.drop_table('health_certificates')
    op.drop_table('boards')
    op.drop_table('workshops')
    op.drop_table('audit_entries')
    op.drop_table('users')
    op.drop_table('processing_zones')
    op.drop_table('districts')
    op.drop_table('categories')
