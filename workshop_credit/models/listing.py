"""Red and black listings published by the propaganda department."""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import (
    Model,
    RecordInvalid,
    TimestampMixin,
    UTCDateTime,
    choice_type,
)
from workshop_credit.models.enums import ListingKind, ListingStatus
from workshop_credit.models.places import District
from workshop_credit.models.staff import User

if TYPE_CHECKING:
    from workshop_credit.models.workshop import Workshop


class Listing(TimestampMixin, Model):
    """A red (示范、诚信典型) or black (曝光) listing, reviewed before it is published."""

    __tablename__ = "listings"

    kind: Mapped[ListingKind] = mapped_column(choice_type(ListingKind))
    status: Mapped[ListingStatus] = mapped_column(
        choice_type(ListingStatus), default=ListingStatus.DRAFT
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")  # sanitized HTML
    reason: Mapped[str] = mapped_column(sa.String(300))
    # A registered workshop, or the name and address of an unregistered one.
    # No ON DELETE action: MariaDB forbids one on a column used in a CHECK constraint.
    workshop_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"), index=True)
    subject_name: Mapped[str] = mapped_column(sa.String(100), default="")
    subject_address: Mapped[str] = mapped_column(sa.String(200), default="")
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    approver_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_on: Mapped[date | None]
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawal_reason: Mapped[str] = mapped_column(sa.String(300), default="")

    workshop: Mapped["Workshop | None"] = relationship()
    district: Mapped[District | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])

    __table_args__ = (
        sa.CheckConstraint(
            "approver_id IS NULL OR approver_id <> author_id", name="approver_not_author"
        ),
        sa.CheckConstraint("workshop_id IS NOT NULL OR subject_name <> ''", name="names_subject"),
        sa.Index("ix_listings_public", "kind", "status", "published_at"),
    )

    @hybrid_method
    def is_public(self, today: date) -> bool:
        """Whether the public may see the listing on ``today``: published and not expired."""
        return self.status == ListingStatus.PUBLISHED and (
            self.expires_on is None or self.expires_on >= today
        )

    @is_public.expression
    def is_public(cls, today: date):  # noqa: N805 (a hybrid's SQL side receives the class)
        """The same rule as a SQL condition."""
        return sa.and_(
            cls.status == ListingStatus.PUBLISHED,
            sa.or_(cls.expires_on.is_(None), cls.expires_on >= today),
        )

    def give_default_end(self, today: date, days: int) -> None:
        """A red listing without an end date ends ``days`` after ``today``, like a black one."""
        if self.kind == ListingKind.RED and self.expires_on is None:
            self.expires_on = today + timedelta(days=days)

    @property
    def plain_title(self) -> str:
        """The title without a leading list name (红榜：), which pages put in front themselves."""
        for label in ("红榜", "黑榜"):
            for colon in ("：", ":"):
                if self.title.startswith(label + colon):
                    return self.title[len(label) + 1 :].lstrip()
        return self.title

    def check(self):
        """A listing names its subject and is never approved by its own author."""
        author_id = self.author_id or (self.author.id if self.author else None)
        if self.approver_id is not None and self.approver_id == author_id:
            raise RecordInvalid("不能审核发布自己撰写的榜单")
        if self.workshop_id is None and self.workshop is None and not self.subject_name:
            raise RecordInvalid("榜单必须指定小作坊，或填写无证作坊的名称")
        if self.status == ListingStatus.PUBLISHED and not (
            self.published_at and (self.approver_id or self.approver)
        ):
            raise RecordInvalid("发布的榜单必须有审核人和发布时间")
        if self.status == ListingStatus.WITHDRAWN and not (
            self.withdrawn_at and (self.withdrawal_reason or "").strip()
        ):
            raise RecordInvalid("撤回榜单必须填写撤回原因")
