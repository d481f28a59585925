"""The search outbox: changes that every node's index applies above its watermark

Revision ID: 0005_search
Revises: 0004_public
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_search"
down_revision = "0004_public"
branch_labels = None
depends_on = None

TABLE_OPTIONS = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade():
    op.create_table(
        "search_changes",
        sa.Column("entity", sa.String(length=10), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_changes")),
        **TABLE_OPTIONS,
    )
    with op.batch_alter_table("search_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_search_changes_created_at"), ["created_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("search_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_changes_created_at"))
    op.drop_table("search_changes")
