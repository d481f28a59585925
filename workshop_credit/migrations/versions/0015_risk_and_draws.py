"""County rosters of inspectors, random inspection draws (双随机) and inspections linked to them

Revision ID: 0015_risk_and_draws
Revises: 0014_report_handles
"""
from alembic import op
import sqlalchemy as sa

revision = '0015_risk_and_draws'
down_revision = '0014_report_handles'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('draws',
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=100), nullable=False),
    sa.Column('category_ids', sa.JSON(), nullable=False),
    sa.Column('risk_levels', sa.JSON(), nullable=False),
    sa.Column('workshop_count', sa.Integer(), nullable=False),
    sa.Column('inspectors_per_workshop', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('seed_commitment', sa.String(length=64), nullable=False),
    sa.Column('seed', sa.String(length=64), nullable=True),
    sa.Column('announced_at', sa.DateTime(), nullable=False),
    sa.Column('announced_by_id', sa.Integer(), nullable=True),
    sa.Column('made_at', sa.DateTime(), nullable=True),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('inspectors_per_workshop >= 1', name=op.f('ck_draws_some_inspectors')),
    sa.CheckConstraint('made_at IS NULL OR cancelled_at IS NULL', name=op.f('ck_draws_made_or_cancelled')),
    sa.CheckConstraint('workshop_count >= 1', name=op.f('ck_draws_some_workshops')),
    sa.ForeignKeyConstraint(['announced_by_id'], ['users.id'], name=op.f('fk_draws_announced_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_draws_district_id_districts')),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_draws_made_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draws'))
    )
    with op.batch_alter_table('draws', schema=None) as batch_op:
        batch_op.create_index('ix_draws_district_announced', ['district_id', 'announced_at'], unique=False)

    op.create_table('inspectors',
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('certificate_number', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_inspectors_district_id_districts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inspectors_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspectors')),
    sa.UniqueConstraint('certificate_number', name=op.f('uq_inspectors_certificate_number')),
    sa.UniqueConstraint('user_id', name=op.f('uq_inspectors_user_id'))
    )
    with op.batch_alter_table('inspectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspectors_district_id'), ['district_id'], unique=False)

    op.create_table('draw_candidates',
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('public_code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('risk_level', sa.Integer(), nullable=False),
    sa.Column('pick_rank', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draw_id'], ['draws.id'], name=op.f('fk_draw_candidates_draw_id_draws')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_draw_candidates_workshop_id_workshops'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw_candidates')),
    sa.UniqueConstraint('draw_id', 'position', name='uq_draw_candidates_position'),
    sa.UniqueConstraint('draw_id', 'public_code', name='uq_draw_candidates_code')
    )
    with op.batch_alter_table('draw_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draw_candidates_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draw_candidates_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('draw_inspectors',
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=False),
    sa.Column('certificate_number', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draw_id'], ['draws.id'], name=op.f('fk_draw_inspectors_draw_id_draws')),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspectors.id'], name=op.f('fk_draw_inspectors_inspector_id_inspectors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw_inspectors')),
    sa.UniqueConstraint('draw_id', 'position', name='uq_draw_inspectors_position')
    )
    with op.batch_alter_table('draw_inspectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draw_inspectors_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draw_inspectors_inspector_id'), ['inspector_id'], unique=False)

    op.create_table('draw_assignments',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('draw_inspector_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['draw_candidates.id'], name=op.f('fk_draw_assignments_candidate_id_draw_candidates')),
    sa.ForeignKeyConstraint(['draw_inspector_id'], ['draw_inspectors.id'], name=op.f('fk_draw_assignments_draw_inspector_id_draw_inspectors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draw_assignments'))
    )
    with op.batch_alter_table('draw_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draw_assignments_candidate_id'), ['candidate_id'], unique=False)

    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draw_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_inspections_draw_id'), ['draw_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_inspections_draw_id_draws'), 'draws', ['draw_id'], ['id'])



def downgrade():
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inspections_draw_id_draws'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_inspections_draw_id'))
        batch_op.drop_column('draw_id')

    # Dropping a table drops its indexes; dropping an index first fails on MariaDB while a
    # foreign key still needs it.
    for table in ('draw_assignments', 'draw_inspectors', 'draw_candidates', 'inspectors', 'draws'):
        op.drop_table(table)
