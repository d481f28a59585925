"""Scheduled work shared by every node: one row per day of the daily jobs."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workshop_credit.models.base import Model, UTCDateTime, utcnow


class DailyRun(Model):
    """The daily jobs of one day: claimed by the first node that starts them.

    The unique day is the claim, so that a timer enabled on every node still runs the jobs
    once; ``finished_at`` stays empty while they run, or when the node died running them.
    """

    __tablename__ = "daily_runs"

    day: Mapped[date] = mapped_column(unique=True)
    node: Mapped[str] = mapped_column(sa.String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
