"""Tip-offs: the deadline of the pending step and the penalty or inspection a report produced

Revision ID: 0003_reports
Revises: 0002_admin
Create Date: 2026-11-28 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_reports'
down_revision = '0002_admin'
branch_labels = None
depends_on = None


def upgrade():
    # Batch mode, so that SQLite (which cannot add a named foreign key in place) copies the table.
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('penalty_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('inspection_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_due_on'), ['due_on'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_reports_penalty_id_penalties'), 'penalties', ['penalty_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_reports_inspection_id_inspections'), 'inspections', ['inspection_id'],
            ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reports_inspection_id_inspections'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_reports_penalty_id_penalties'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reports_due_on'))
        batch_op.drop_column('inspection_id')
        batch_op.drop_column('penalty_id')
        batch_op.drop_column('due_on')
