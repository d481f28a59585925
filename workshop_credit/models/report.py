"""Citizens' tip-off reports (举报), their photos, history and reward decisions."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.core.i18n import N_
from workshop_credit.models.base import (
    LargeBinary,
    Model,
    RecordInvalid,
    TimestampMixin,
    UTCDateTime,
    choice_type,
    utcnow,
)
from workshop_credit.models.enums import IssueType, ObservedPrecision, ReportStatus
from workshop_credit.models.places import District
from workshop_credit.models.staff import User

if TYPE_CHECKING:
    from workshop_credit.models.oversight import Inspection, Penalty
    from workshop_credit.models.referral import Referral
    from workshop_credit.models.workshop import Workshop


class Report(TimestampMixin, Model):
    """A tip-off. The reporter's identity is kept only for real-name reports."""

    __tablename__ = "reports"

    receipt_code: Mapped[str] = mapped_column(sa.String(24), unique=True)
    key_hash: Mapped[str] = mapped_column(sa.String(255))
    # SHA-256 of the form's one-time token, so a double click or a resubmission files one
    # report; the token itself stays in the reporter's browser.
    submission_token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # No ON DELETE action: MariaDB forbids one on a column used in a CHECK constraint.
    workshop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"), index=True)
    subject_name: Mapped[str] = mapped_column(sa.String(100), default="")
    subject_address: Mapped[str] = mapped_column(sa.String(200), default="")
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    issue_type: Mapped[IssueType] = mapped_column(choice_type(IssueType))
    description: Mapped[str] = mapped_column(sa.Text)
    observed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the reporter said: a time, a day (kept as its midnight) or "this week" (its Monday).
    observed_precision: Mapped[ObservedPrecision] = mapped_column(
        choice_type(ObservedPrecision), default=ObservedPrecision.EXACT, server_default="exact"
    )
    is_anonymous: Mapped[bool] = mapped_column(default=True)
    reporter_name: Mapped[str | None] = mapped_column(sa.String(50))
    reporter_phone: Mapped[str | None] = mapped_column(sa.String(20))
    wants_reward: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ReportStatus] = mapped_column(
        choice_type(ReportStatus), default=ReportStatus.RECEIVED
    )
    assigned_district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    duplicate_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="SET NULL")
    )
    # The deadline of the step the report waits for (acceptance, then the investigation
    # outcome); None once no step is pending. Overdue reports are flagged in the queue.
    due_on: Mapped[date | None] = mapped_column(index=True)
    # What the investigation produced, so the reward is computed from the real fines.
    penalty_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("penalties.id", ondelete="SET NULL")
    )
    inspection_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("inspections.id", ondelete="SET NULL")
    )

    workshop: Mapped["Workshop | None"] = relationship()
    penalty: Mapped["Penalty | None"] = relationship()
    inspection: Mapped["Inspection | None"] = relationship()
    # Set when the investigation handed the case to the police as a suspected crime.
    referral: Mapped["Referral | None"] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )
    duplicate_of: Mapped["Report | None"] = relationship(remote_side="Report.id")
    district: Mapped[District | None] = relationship(foreign_keys=[district_id])
    assigned_district: Mapped[District | None] = relationship(foreign_keys=[assigned_district_id])
    photos: Mapped[list["ReportPhoto"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportPhoto.id"
    )
    events: Mapped[list["ReportEvent"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportEvent.id"
    )
    reward: Mapped["RewardDecision | None"] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "is_anonymous OR (reporter_name IS NOT NULL AND reporter_phone IS NOT NULL)",
            name="real_name_has_contact",
        ),
        sa.CheckConstraint(
            "NOT is_anonymous OR (reporter_name IS NULL AND reporter_phone IS NULL)",
            name="anonymous_has_no_contact",
        ),
        sa.CheckConstraint("NOT wants_reward OR NOT is_anonymous", name="reward_needs_name"),
        sa.CheckConstraint("workshop_id IS NOT NULL OR subject_name <> ''", name="names_subject"),
        sa.Index("ix_reports_queue", "status", "created_at"),
        sa.Index("ix_reports_district_status", "assigned_district_id", "status"),
    )

    @hybrid_property
    def handling_district_id(self) -> int | None:
        """The county handling the report: the one it was assigned to, else where it happened.

        A moderator scoped to a county sees and acts on these reports only.
        """
        return self.assigned_district_id or self.district_id

    @handling_district_id.inplace.expression
    @classmethod
    def _handling_district_id(cls):
        return sa.func.coalesce(cls.assigned_district_id, cls.district_id)

    def check(self):
        """Real-name reports carry name and phone; anonymous ones carry neither."""
        if self.is_anonymous and (self.reporter_name or self.reporter_phone or self.wants_reward):
            raise RecordInvalid("匿名举报不保存姓名和电话，也不能申请奖励")
        if not self.is_anonymous and not (self.reporter_name and self.reporter_phone):
            raise RecordInvalid("实名举报需要填写姓名和手机号码")
        if self.workshop_id is None and self.workshop is None and not self.subject_name:
            raise RecordInvalid("请选择被举报的小作坊，或填写无证作坊的名称")


class ReportPhoto(Model):
    """A photo re-encoded without metadata; the SHA-256 is that of the original upload."""

    __tablename__ = "report_photos"

    report_id: Mapped[int] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    mime_type: Mapped[str] = mapped_column(sa.String(20))
    width: Mapped[int]
    height: Mapped[int]
    original_sha256: Mapped[str] = mapped_column(sa.String(64))

    report: Mapped[Report] = relationship(back_populates="photos")

    __table_args__ = (
        sa.CheckConstraint(
            "mime_type IN ('image/jpeg', 'image/png', 'image/webp')", name="mime_type"
        ),
    )


class ReportEvent(Model):
    """One step of a report's history: a status change, a reply or added information."""

    __tablename__ = "report_events"

    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[ReportStatus | None] = mapped_column(choice_type(ReportStatus))
    # Staff who acted; None when the reporter added information.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    public_reply: Mapped[str] = mapped_column(sa.Text, default="")
    internal_note: Mapped[str] = mapped_column(sa.Text, default="")
    reporter_addition: Mapped[str] = mapped_column(sa.Text, default="")

    report: Mapped[Report] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()

    __table_args__ = (sa.Index("ix_report_events_report", "report_id", "created_at"),)


# The reward tier (奖励等级) of a tip-off; not the workshop's credit grade.
REWARD_TIER_LABELS = {1: N_("一级"), 2: N_("二级"), 3: N_("三级")}


class RewardDecision(TimestampMixin, Model):
    """The reward for a substantiated real-name report, approved by a second person."""

    __tablename__ = "reward_decisions"

    report_id: Mapped[int] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="CASCADE"), unique=True
    )
    reward_tier: Mapped[int] = mapped_column("grade")  # the column keeps its first name
    basis_amount: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    decided_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_deadline: Mapped[date | None]
    paid_on: Mapped[date | None]
    # A third person records the payment: neither the one who decided nor the one who approved.
    paid_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    report: Mapped[Report] = relationship(back_populates="reward")
    decided_by: Mapped[User] = relationship(foreign_keys=[decided_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    paid_by: Mapped[User | None] = relationship(foreign_keys=[paid_by_id])

    __table_args__ = (
        sa.CheckConstraint("grade BETWEEN 1 AND 3", name="grade_range"),
        sa.CheckConstraint("amount >= 0 AND basis_amount >= 0", name="amounts"),
        sa.CheckConstraint(
            "approved_by_id IS NULL OR approved_by_id <> decided_by_id",
            name="second_person_approves",
        ),
        sa.CheckConstraint(
            "paid_by_id IS NULL OR (approved_by_id IS NOT NULL AND paid_on IS NOT NULL"
            " AND paid_by_id <> decided_by_id AND paid_by_id <> approved_by_id)",
            name="third_person_pays_after_approval",
        ),
    )

    @property
    def tier_label(self) -> str:
        """一级, 二级 or 三级."""
        return REWARD_TIER_LABELS[self.reward_tier]

    def check(self):
        """The person who decided a reward cannot approve it."""
        if self.approved_by_id is not None and self.approved_by_id == self.decided_by_id:
            raise RecordInvalid("奖励须由另一名工作人员审批")
        if self.paid_by_id is not None and self.paid_by_id in (
            self.decided_by_id,
            self.approved_by_id,
        ):
            raise RecordInvalid("奖励发放须由决定人和审批人以外的第三名工作人员登记")


class ReportHandle(Model):
    """What a session cookie points at instead of holding it: a receipt or a followed report.

    The cookie carries a random handle; the row keeps only its SHA-256. A receipt's key is
    kept sealed with a pad derived from the handle, so the table alone never shows it.
    """

    __tablename__ = "report_handles"

    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    purpose: Mapped[str] = mapped_column(sa.String(10))
    report_id: Mapped[int] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    sealed_key: Mapped[str | None] = mapped_column(sa.String(64))
    repeated: Mapped[bool] = mapped_column(default=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    report: Mapped[Report] = relationship()

    __table_args__ = (sa.CheckConstraint("purpose IN ('receipt', 'follow')", name="purpose"),)


class PendingPhoto(Model):
    """A photo accepted with a form that had another error, kept for the corrected form.

    Tied to the digest of the form's one-time token; the clean-up removes it after a few hours.
    """

    __tablename__ = "pending_photos"

    token_digest: Mapped[str] = mapped_column(sa.String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    mime_type: Mapped[str] = mapped_column(sa.String(20))
    width: Mapped[int]
    height: Mapped[int]
    original_sha256: Mapped[str] = mapped_column(sa.String(64))
