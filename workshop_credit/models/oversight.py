"""Supervision records: inspections, sampling, penalties and interviews (约谈)."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import (
    Model,
    RecordInvalid,
    TimestampMixin,
    check_dates,
    choice_type,
)
from workshop_credit.models.enums import (
    InspectionKind,
    InspectionResult,
    InterviewKind,
    RectificationStatus,
    SamplingResult,
)
from workshop_credit.models.places import District

if TYPE_CHECKING:
    from workshop_credit.models.referral import Referral
    from workshop_credit.models.workshop import Workshop

Money = sa.Numeric(14, 2)


def _workshop_fk():
    return mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))


class Inspection(TimestampMixin, Model):
    """An on-site inspection and the rectification it demanded."""

    __tablename__ = "inspections"

    workshop_id: Mapped[int] = _workshop_fk()
    inspected_on: Mapped[date]
    kind: Mapped[InspectionKind] = mapped_column(choice_type(InspectionKind))
    result: Mapped[InspectionResult] = mapped_column(choice_type(InspectionResult))
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    authority: Mapped[str] = mapped_column(sa.String(100), default="")
    rectification_deadline: Mapped[date | None]
    rectification_status: Mapped[RectificationStatus] = mapped_column(
        choice_type(RectificationStatus), default=RectificationStatus.NOT_REQUIRED
    )
    # The random draw (双随机) that sent the inspectors, when one did.
    draw_id: Mapped[int | None] = mapped_column(sa.ForeignKey("draws.id"), index=True)

    workshop: Mapped["Workshop"] = relationship(back_populates="inspections")

    __table_args__ = (
        sa.CheckConstraint(
            "rectification_deadline IS NULL OR rectification_deadline >= inspected_on",
            name="deadline_after_inspection",
        ),
        sa.Index("ix_inspections_workshop_date", "workshop_id", "inspected_on"),
        sa.Index("ix_inspections_inspected_on", "inspected_on"),
    )

    def check(self):
        """The deadline follows the inspection; pending rectification needs a deadline."""
        check_dates(
            self.inspected_on,
            self.rectification_deadline,
            "整改期限不能早于检查日期",
            "rectification_deadline",
        )
        if self.rectification_status == RectificationStatus.PENDING and not (
            self.rectification_deadline
        ):
            raise RecordInvalid("需要整改的检查必须填写整改期限", "rectification_deadline")
        if (
            self.result == InspectionResult.RECTIFY
            and self.rectification_status == RectificationStatus.NOT_REQUIRED
        ):
            raise RecordInvalid(
                "检查结果为限期整改时，整改状态不能是“无需整改”", "rectification_status"
            )


class Sampling(TimestampMixin, Model):
    """A supervisory sampling (监督抽检) and, when it failed, the disposal of the food."""

    __tablename__ = "samplings"

    workshop_id: Mapped[int] = _workshop_fk()
    sampled_on: Mapped[date]
    product: Mapped[str] = mapped_column(sa.String(100))
    batch: Mapped[str] = mapped_column(sa.String(50), default="")
    testing_body: Mapped[str] = mapped_column(sa.String(100))
    report_number: Mapped[str] = mapped_column(sa.String(60), unique=True)
    result: Mapped[SamplingResult] = mapped_column(choice_type(SamplingResult))
    disposal: Mapped[str] = mapped_column(sa.String(300), default="")
    disposed_on: Mapped[date | None]
    # A follow-up sampling points to the failed sampling that triggered it.
    follow_up_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("samplings.id", ondelete="SET NULL"), index=True
    )

    failed_items: Mapped[list["FailedItem"]] = relationship(
        back_populates="sampling", cascade="all, delete-orphan", order_by="FailedItem.id"
    )
    follow_up_of: Mapped["Sampling | None"] = relationship(
        remote_side="Sampling.id", back_populates="follow_ups"
    )
    follow_ups: Mapped[list["Sampling"]] = relationship(back_populates="follow_up_of")

    workshop: Mapped["Workshop"] = relationship(back_populates="samplings")

    __table_args__ = (
        sa.CheckConstraint(
            "disposed_on IS NULL OR disposed_on >= sampled_on", name="disposal_after_sampling"
        ),
        sa.CheckConstraint(
            "result = 'fail' OR disposed_on IS NULL", name="disposal_only_when_failed"
        ),
        sa.Index("ix_samplings_workshop_date", "workshop_id", "sampled_on"),
        sa.Index("ix_samplings_sampled_on", "sampled_on"),
    )

    def check(self):
        """Disposal follows sampling and only failed samplings are disposed of."""
        check_dates(
            self.sampled_on, self.disposed_on, "不合格食品处置日期不能早于抽检日期", "disposed_on"
        )
        if self.result == SamplingResult.PASS and self.disposed_on:
            raise RecordInvalid("合格的抽检不需要处置记录", "result")
        if self.disposed_on and not (self.disposal or "").strip():
            raise RecordInvalid("填写处置日期时须同时填写处置方式", "disposal")


class FailedItem(Model):
    """One failed test item of a sampling, with the measured value against its limit."""

    __tablename__ = "failed_items"

    sampling_id: Mapped[int] = mapped_column(
        sa.ForeignKey("samplings.id", ondelete="CASCADE"), index=True
    )
    item: Mapped[str] = mapped_column(sa.String(50))
    measured_value: Mapped[str] = mapped_column(sa.String(30))
    limit_value: Mapped[str] = mapped_column(sa.String(30))
    unit: Mapped[str] = mapped_column(sa.String(20), default="")

    sampling: Mapped[Sampling] = relationship(back_populates="failed_items")


class Penalty(TimestampMixin, Model):
    """An administrative penalty, public only until its publicity period ends (信用修复)."""

    __tablename__ = "penalties"

    workshop_id: Mapped[int] = _workshop_fk()
    decision_number: Mapped[str] = mapped_column(sa.String(60), unique=True)
    decided_on: Mapped[date]
    violation: Mapped[str] = mapped_column(sa.Text)
    legal_basis: Mapped[str] = mapped_column(sa.Text)
    penalty: Mapped[str] = mapped_column(sa.String(300))
    fine_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    confiscated_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    authority: Mapped[str] = mapped_column(sa.String(100))
    publicity_ends_on: Mapped[date] = mapped_column(index=True)
    # A rectification statement (整改说明) filed by the workshop, shown once staff checked it.
    rectification_statement: Mapped[str] = mapped_column(sa.Text, default="")
    rectification_checked_on: Mapped[date | None]

    workshop: Mapped["Workshop"] = relationship(back_populates="penalties")
    # Set when the case was handed to the police as a suspected crime.
    referral: Mapped["Referral | None"] = relationship(
        back_populates="penalty", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint("publicity_ends_on >= decided_on", name="publicity_after_decision"),
        sa.CheckConstraint("fine_amount >= 0 AND confiscated_amount >= 0", name="amounts"),
        sa.Index("ix_penalties_workshop_date", "workshop_id", "decided_on"),
    )

    def check(self):
        """Publicity ends after the decision; amounts are never negative."""
        check_dates(
            self.decided_on,
            self.publicity_ends_on,
            "公示截止日期不能早于处罚决定日期",
            "publicity_ends_on",
        )
        if (self.fine_amount or 0) < 0 or (self.confiscated_amount or 0) < 0:
            raise RecordInvalid("罚款和没收金额不能为负数")

    @hybrid_method
    def is_public(self, today: date) -> bool:
        """Whether the penalty is inside its publicity period on ``today``: the one rule."""
        return self.decided_on <= today <= self.publicity_ends_on

    @is_public.expression
    def is_public(cls, today: date):  # noqa: N805 (a hybrid's SQL side receives the class)
        """The same rule as a SQL condition, for queries."""
        return sa.and_(cls.decided_on <= today, cls.publicity_ends_on >= today)


class Interview(TimestampMixin, Model):
    """An interview (约谈) of one workshop, or of a whole trade in a district."""

    __tablename__ = "interviews"

    kind: Mapped[InterviewKind] = mapped_column(choice_type(InterviewKind))
    # No ON DELETE action: MariaDB forbids one on a column used in a CHECK constraint.
    workshop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    held_on: Mapped[date]
    subject: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.Text, default="")

    district: Mapped[District | None] = relationship()

    workshop: Mapped["Workshop | None"] = relationship(back_populates="interviews")

    __table_args__ = (
        sa.CheckConstraint(
            "kind = 'industry' OR workshop_id IS NOT NULL", name="individual_has_workshop"
        ),
        sa.Index("ix_interviews_workshop_date", "workshop_id", "held_on"),
    )

    def check(self):
        """An individual interview names its workshop."""
        if (
            self.kind == InterviewKind.INDIVIDUAL
            and self.workshop_id is None
            and (self.workshop is None)
        ):
            raise RecordInvalid("个别约谈必须指定小作坊")
