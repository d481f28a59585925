"""Referral of a suspected crime to the public security bureau (涉嫌犯罪，移送公安机关)."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, RecordInvalid, TimestampMixin
from workshop_credit.models.oversight import Penalty
from workshop_credit.models.places import District
from workshop_credit.models.report import Report


class Referral(TimestampMixin, Model):
    """A penalty case or a tip-off's investigation handed to the police, on a day, to an office.

    Exactly one of ``penalty`` and ``report`` is set; ``district`` is the county that
    referred the case, which the statistics count and the staff scope checks.
    """

    __tablename__ = "referrals"

    penalty_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("penalties.id", ondelete="CASCADE"), unique=True
    )
    report_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="CASCADE"), unique=True
    )
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    referred_on: Mapped[date]
    receiving_office: Mapped[str] = mapped_column(sa.String(100))

    district: Mapped[District] = relationship()
    penalty: Mapped[Penalty | None] = relationship(back_populates="referral")
    report: Mapped[Report | None] = relationship(back_populates="referral")

    __table_args__ = (sa.Index("ix_referrals_district_date", "district_id", "referred_on"),)

    def check(self):
        """A referral is about one penalty or one tip-off, and names the receiving office."""
        about_penalty = self.penalty_id is not None or self.penalty is not None
        about_report = self.report_id is not None or self.report is not None
        if about_penalty == about_report:
            raise RecordInvalid("移送记录须对应一项行政处罚或一件举报")
        if not (self.receiving_office or "").strip():
            raise RecordInvalid("请填写接收移送的公安机关", "receiving_office")
