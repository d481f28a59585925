"""The search outbox: which records changed, written in the same transaction as the change."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workshop_credit.models.base import Model, UTCDateTime, utcnow


class SearchChange(Model):
    """A workshop or listing whose index document must be refreshed on every node.

    Rows are only appended; each node applies those above its own watermark.
    """

    __tablename__ = "search_changes"

    entity: Mapped[str] = mapped_column(sa.String(10))
    entity_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
