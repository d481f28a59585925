"""Honours: demonstration units (示范单位), specialty brands and heritage items."""

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, TimestampMixin, choice_type
from workshop_credit.models.enums import HonourKind

if TYPE_CHECKING:
    from workshop_credit.models.workshop import Workshop


class Honour(TimestampMixin, Model):
    """An honour held by a workshop; demonstration units count towards the plan by year."""

    __tablename__ = "honours"

    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    kind: Mapped[HonourKind] = mapped_column(choice_type(HonourKind))
    title: Mapped[str] = mapped_column(sa.String(100))
    year: Mapped[int]
    awarded_by: Mapped[str] = mapped_column(sa.String(100), default="")
    revoked_on: Mapped[date | None]

    workshop: Mapped["Workshop"] = relationship(back_populates="honours")

    __table_args__ = (
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        sa.UniqueConstraint("workshop_id", "kind", "title", name="uq_honours_workshop_kind_title"),
        sa.Index("ix_honours_kind_year", "kind", "year"),
    )

    @hybrid_method
    def held_on(self, day: date) -> bool:
        """Whether the honour is still held on ``day`` (not revoked by then)."""
        return self.revoked_on is None or self.revoked_on > day

    @held_on.expression
    def held_on(cls, day: date):  # noqa: N805 (a hybrid's SQL side receives the class)
        """The same rule as a SQL condition."""
        return sa.or_(cls.revoked_on.is_(None), cls.revoked_on > day)
