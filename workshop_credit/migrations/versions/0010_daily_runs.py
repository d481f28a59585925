"""The daily jobs' runs: one claim per day, shared by every node

Revision ID: 0010_daily_runs
Revises: 0009_four_eyes_accounts
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_daily_runs"
down_revision = "0009_four_eyes_accounts"
branch_labels = None
depends_on = None

TABLE_OPTIONS = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}


def upgrade():
    op.create_table(
        "daily_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("node", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_runs")),
        sa.UniqueConstraint("day", name=op.f("uq_daily_runs_day")),
        **TABLE_OPTIONS,
    )


def downgrade():
    op.drop_table("daily_runs")
