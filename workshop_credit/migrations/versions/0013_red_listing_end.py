"""Red listings published without an end date end one year after publication

Revision ID: 0013_red_listing_end
Revises: 0012_workshop_successor
"""
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa

revision = "0013_red_listing_end"
down_revision = "0012_workshop_successor"
branch_labels = None
depends_on = None

# Old red listings get the year the city's praise was meant to last (RED_LISTING_DAYS,
# 365 by default, governs listings published from now on).
SITE_TIMEZONE = ZoneInfo("Asia/Shanghai")

listings = sa.table(
    "listings", sa.column("id", sa.Integer), sa.column("kind", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)), sa.column("expires_on", sa.Date),
)


def _local_day(value):
    """The publication's day in Ji'an (naive values are UTC, as the app stores them)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(SITE_TIMEZONE).date()


def _a_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(listings.c.id, listings.c.published_at).where(
            listings.c.kind == "red",
            listings.c.expires_on.is_(None),
            listings.c.published_at.is_not(None),
        )
    ).all()
    for listing_id, published_at in rows:
        connection.execute(
            listings.update()
            .where(listings.c.id == listing_id)
            .values(expires_on=_a_year_later(_local_day(published_at)))
        )


def downgrade():
    # The end dates given here cannot be told from ones an editor chose: they stay.
    pass
