"""Four eyes on moderator accounts; initial passwords changed at first sign-in

Revision ID: 0009_four_eyes_accounts
Revises: 0008_canonical_usernames
"""
from alembic import op
import sqlalchemy as sa

revision = "0009_four_eyes_accounts"
down_revision = "0008_canonical_usernames"
branch_labels = None
depends_on = None

TABLE_OPTIONS = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    # Whoever never chose a password of their own still signs in with the one they were given.
    op.execute(
        "UPDATE users SET must_change_password = TRUE WHERE id NOT IN ("
        " SELECT actor_id FROM audit_entries"
        " WHERE action = 'change_password' AND actor_id IS NOT NULL)"
    )
    op.create_table(
        "account_requests",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=True),
        sa.Column("password_half", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requested_by_id",
            name=op.f("ck_account_requests_four_eyes"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_account_requests_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"],
            name=op.f("fk_account_requests_requested_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_account_requests_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_requests")),
        **TABLE_OPTIONS,
    )
    with op.batch_alter_table("account_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_requests_user_id"), ["user_id"], unique=False)


def downgrade():
    op.drop_table("account_requests")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
