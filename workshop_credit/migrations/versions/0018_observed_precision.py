"""Reports keep how precisely the reporter said when they saw it: a time, a day or a week

Revision ID: 0018_observed_precision
Revises: 0017_unconfirmed_offices
"""
from datetime import time
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa

revision = "0018_observed_precision"
down_revision = "0017_unconfirmed_offices"
branch_labels = None
depends_on = None

SITE_TIMEZONE = ZoneInfo("Asia/Shanghai")

reports = sa.table(
    "reports", sa.column("id", sa.Integer), sa.column("observed_at", sa.DateTime),
    sa.column("observed_precision", sa.String),
)


def _local_midnight(value):
    """Whether a stored time (naive values are UTC) is midnight in Ji'an: how the form kept
    an approximate answer before the precision had a column."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(SITE_TIMEZONE).time() == time(0, 0)


def upgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("observed_precision", sa.String(5), nullable=False, server_default="exact")
        )
        batch_op.create_check_constraint(
            "observed_precision", "observed_precision IN ('exact', 'day', 'week')"
        )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(reports.c.id, reports.c.observed_at).where(reports.c.observed_at.is_not(None))
    ).all()
    # Nobody types 00:00 exactly: such a time was an approximate day, shown as the day.
    days = [report_id for report_id, observed in rows if _local_midnight(observed)]
    for start in range(0, len(days), 500):
        connection.execute(
            reports.update()
            .where(reports.c.id.in_(days[start : start + 500]))
            .values(observed_precision="day")
        )


def downgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_reports_observed_precision"), type_="check")
        batch_op.drop_column("observed_precision")
