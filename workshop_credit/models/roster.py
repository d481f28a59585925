"""The county rosters of law-enforcement staff (执法检查人员名录库) that draws choose from."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, TimestampMixin
from .places import District
from .staff import User


class Inspector(TimestampMixin, Model):
    """A law-enforcement officer of one county, with the number of their certificate (执法证).

    Officers who leave are marked inactive, never deleted: past draws name them.
    """

    __tablename__ = "inspectors"

    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(30))
    certificate_number: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # A staff account the officer signs in with, when they have one.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    is_active: Mapped[bool] = mapped_column(default=True)

    district: Mapped[District] = relationship()
    user: Mapped[User | None] = relationship()

    def __repr__(self):
        return f"<Inspector {self.certificate_number} {self.name}>"
