"""The workshop's stored grade and file version, for the public site

Revision ID: 0004_public
Revises: 0003_reports
Create Date: 2026-11-29 09:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0004_public"
down_revision = "0003_reports"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("grade", sa.String(length=1), nullable=True))
        batch_op.add_column(
            sa.Column("grade_reason", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("file_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.create_index(batch_op.f("ix_workshops_grade"), ["grade"], unique=False)


def downgrade():
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshops_grade"))
        batch_op.drop_column("file_version")
        batch_op.drop_column("grade_reason")
        batch_op.drop_column("grade")
