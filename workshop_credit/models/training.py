"""Food-safety training sessions of workshop operators, per county."""

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, RecordInvalid, TimestampMixin
from workshop_credit.models.places import District

if TYPE_CHECKING:
    from workshop_credit.models.workshop import Workshop

training_attendances = sa.Table(
    "training_attendances",
    Model.metadata,
    sa.Column(
        "training_id",
        sa.ForeignKey("training_sessions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "workshop_id",
        sa.ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class TrainingSession(TimestampMixin, Model):
    """A training held by a county, and the workshops whose operators attended it."""

    __tablename__ = "training_sessions"

    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    held_on: Mapped[date]
    topic: Mapped[str] = mapped_column(sa.String(200))
    organiser: Mapped[str] = mapped_column(sa.String(100))

    district: Mapped[District] = relationship()
    workshops: Mapped[list["Workshop"]] = relationship(
        secondary=training_attendances, order_by="Workshop.name"
    )

    __table_args__ = (sa.Index("ix_training_sessions_district_date", "district_id", "held_on"),)

    def check(self):
        """Every attendee is a workshop of the county that held the training."""
        district_id = self.district_id or (self.district.id if self.district else None)
        strangers = [w.name for w in self.workshops if w.district_id != district_id]
        if strangers:
            raise RecordInvalid(
                "以下小作坊不属于举办培训的县（市、区）：" + "、".join(strangers[:5]),
                "attendees",
            )
