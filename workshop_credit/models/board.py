"""The contents of a workshop's information board (信息公开栏)."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, TimestampMixin, check_dates
from workshop_credit.models.workshop import Workshop


class Board(TimestampMixin, Model):
    """Management rules and the signed integrity commitment (诚信承诺), one per workshop."""

    __tablename__ = "boards"

    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), unique=True
    )
    management_rules: Mapped[str] = mapped_column(sa.Text, default="")
    commitment_text: Mapped[str] = mapped_column(sa.Text, default="")
    commitment_signed_on: Mapped[date | None]

    workshop: Mapped[Workshop] = relationship(back_populates="board")


class HealthCertificate(TimestampMixin, Model):
    """A staff member's health certificate; only the masked name is ever public."""

    __tablename__ = "health_certificates"

    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    holder_name: Mapped[str] = mapped_column(sa.String(30))
    issued_on: Mapped[date]
    expires_on: Mapped[date]

    __table_args__ = (sa.CheckConstraint("expires_on > issued_on", name="expiry_after_issue"),)

    @property
    def masked_name(self) -> str:
        """The holder's surname followed by one asterisk per remaining character."""
        name = self.holder_name or ""
        return name[:1] + "*" * max(len(name) - 1, 1)

    def check(self):
        """A health certificate cannot expire before it was issued."""
        check_dates(
            self.issued_on, self.expires_on, "健康证有效期截止日期必须晚于发证日期", "expires_on"
        )


class Supplier(TimestampMixin, Model):
    """A raw material supplier listed on the board."""

    __tablename__ = "suppliers"

    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    materials: Mapped[str] = mapped_column(sa.String(200), default="")
