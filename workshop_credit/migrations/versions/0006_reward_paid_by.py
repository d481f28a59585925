"""Who marked a reward paid: a third person, after approval

Revision ID: 0006_reward_paid_by
Revises: 0005_search
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_reward_paid_by"
down_revision = "0005_search"
branch_labels = None
depends_on = None

# Rewards paid before this revision keep a NULL payer: who paid them was never recorded.
CHECK = (
    "paid_by_id IS NULL OR (approved_by_id IS NOT NULL AND paid_on IS NOT NULL"
    " AND paid_by_id <> decided_by_id AND paid_by_id <> approved_by_id)"
)


def upgrade():
    with op.batch_alter_table("reward_decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paid_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reward_decisions_paid_by_id_users"), "users", ["paid_by_id"], ["id"]
        )
        batch_op.create_check_constraint("third_person_pays_after_approval", CHECK)


def downgrade():
    with op.batch_alter_table("reward_decisions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_reward_decisions_third_person_pays_after_approval"), type_="check"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_reward_decisions_paid_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("paid_by_id")
