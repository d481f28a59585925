"""A cancelled workshop's file points to the file under which it registered again

Revision ID: 0012_workshop_successor
Revises: 0011_district_offices
"""
from alembic import op
import sqlalchemy as sa

revision = "0012_workshop_successor"
down_revision = "0011_district_offices"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_workshops_successor_id"), ["successor_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_workshops_successor_id_workshops"), "workshops", ["successor_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_workshops_successor_id_workshops"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_workshops_successor_id"))
        batch_op.drop_column("successor_id")
