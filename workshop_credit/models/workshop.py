"""The workshop and its registration certificates."""

import secrets
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship, validates

from workshop_credit.models.base import (
    Model,
    RecordInvalid,
    TimestampMixin,
    check_dates,
    choice_type,
)
from workshop_credit.models.enums import RegistrationStatus, WorkshopStatus
from workshop_credit.models.places import Category, District, ProcessingZone
from workshop_credit.workshops.uscc import normalize_uscc, uscc_problem

if TYPE_CHECKING:
    from workshop_credit.models.board import Board, HealthCertificate, Supplier
    from workshop_credit.models.honours import Honour
    from workshop_credit.models.oversight import Inspection, Interview, Penalty, Sampling

# Public codes avoid characters that are easily confused when read off a board.
PUBLIC_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PUBLIC_CODE_LENGTH = 8


def new_public_code(rng=secrets) -> str:
    """A random, non-sequential public code for ``/w/<code>`` (32**8, about 10**12 values)."""
    return "".join(rng.choice(PUBLIC_CODE_ALPHABET) for _ in range(PUBLIC_CODE_LENGTH))


# Records that belong to one workshop's file live and die with it.
_OWNED = "all, delete-orphan"

workshop_categories = sa.Table(
    "workshop_categories",
    Model.metadata,
    sa.Column("workshop_id", sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("category_id", sa.ForeignKey("categories.id"), primary_key=True, index=True),
)


class Workshop(TimestampMixin, Model):
    """A food production and processing workshop (食品生产加工小作坊), registered or not."""

    __tablename__ = "workshops"

    public_code: Mapped[str] = mapped_column(
        sa.String(PUBLIC_CODE_LENGTH), unique=True, default=new_public_code
    )
    name: Mapped[str] = mapped_column(sa.String(100), index=True)
    operator: Mapped[str] = mapped_column(sa.String(50), default="")
    uscc: Mapped[str | None] = mapped_column(sa.String(18), unique=True)
    address: Mapped[str] = mapped_column(sa.String(200))
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    products: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[WorkshopStatus] = mapped_column(choice_type(WorkshopStatus))
    zone_id: Mapped[int | None] = mapped_column(sa.ForeignKey("processing_zones.id"), index=True)
    # The grade rule's verdict (grading.py), kept here so that the directory can filter by it.
    grade: Mapped[str | None] = mapped_column(sa.String(1), index=True)
    grade_reason: Mapped[str] = mapped_column(sa.String(300), default="")
    # Raised whenever anything in the file changes: the public page's cache and ETag key.
    file_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The file under which a cancelled workshop registered again (moved into a zone, say).
    successor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("workshops.id"), index=True)

    district: Mapped[District] = relationship()
    zone: Mapped[ProcessingZone | None] = relationship()
    successor: Mapped["Workshop | None"] = relationship(
        remote_side="Workshop.id", back_populates="predecessors"
    )
    predecessors: Mapped[list["Workshop"]] = relationship(
        back_populates="successor", order_by="Workshop.id"
    )
    categories: Mapped[list[Category]] = relationship(
        secondary=workshop_categories, order_by=Category.sort_order
    )
    registrations: Mapped[list["Registration"]] = relationship(
        back_populates="workshop", order_by="Registration.issued_on.desc()", cascade=_OWNED
    )
    board: Mapped["Board | None"] = relationship(back_populates="workshop", cascade=_OWNED)
    health_certificates: Mapped[list["HealthCertificate"]] = relationship(
        order_by="HealthCertificate.id", cascade=_OWNED
    )
    suppliers: Mapped[list["Supplier"]] = relationship(order_by="Supplier.id", cascade=_OWNED)
    inspections: Mapped[list["Inspection"]] = relationship(
        back_populates="workshop", order_by="Inspection.inspected_on.desc()", cascade=_OWNED
    )
    samplings: Mapped[list["Sampling"]] = relationship(
        back_populates="workshop", order_by="Sampling.sampled_on.desc()", cascade=_OWNED
    )
    penalties: Mapped[list["Penalty"]] = relationship(
        back_populates="workshop", order_by="Penalty.decided_on.desc()", cascade=_OWNED
    )
    interviews: Mapped[list["Interview"]] = relationship(
        back_populates="workshop", order_by="Interview.held_on.desc()", cascade=_OWNED
    )
    honours: Mapped[list["Honour"]] = relationship(
        back_populates="workshop", order_by="Honour.year.desc()", cascade=_OWNED
    )

    __table_args__ = (
        sa.Index("ix_workshops_district_status", "district_id", "status"),
        sa.Index("ix_workshops_status", "status"),
    )

    @validates("uscc")
    def _validate_uscc(self, _key, value):
        if value in (None, ""):
            return None
        value = normalize_uscc(value)
        problem = uscc_problem(value)
        if problem:
            raise RecordInvalid(problem, "uscc")
        return value

    def __repr__(self):
        return f"<Workshop {self.public_code} {self.name}>"

    @property
    def latest_registration(self) -> "Registration | None":
        """The certificate issued last (the one saved last among those of one day)."""
        return max(self.registrations, key=lambda r: (r.issued_on, r.id or 0), default=None)

    @hybrid_method
    def certified_on(self, day: date) -> bool:
        """Whether one of the workshop's certificates was in force on ``day``."""
        return any(r.in_force_on(day) for r in self.registrations)

    @certified_on.expression
    def certified_on(cls, day: date):  # noqa: N805 (a hybrid's SQL side receives the class)
        """The same, as a SQL condition."""
        return sa.exists().where(Registration.workshop_id == cls.id, Registration.in_force_on(day))

    @hybrid_method
    def latest_valid_on(self, day: date) -> bool:
        """Whether the workshop's latest certificate is valid and in force on ``day``."""
        latest = self.latest_registration
        return latest is not None and latest.valid_on(day)

    @latest_valid_on.expression
    def latest_valid_on(cls, day: date):  # noqa: N805
        """The same, as a SQL condition (the latest is the one issued last)."""
        later = aliased(Registration)
        newest = sa.select(sa.func.max(later.issued_on)).where(
            later.workshop_id == Registration.workshop_id
        )
        return sa.exists().where(
            Registration.workshop_id == cls.id,
            Registration.issued_on == newest.scalar_subquery(),
            Registration.valid_on(day),
        )


class Registration(TimestampMixin, Model):
    """A registration certificate (登记证); renewals add rows, so history is kept."""

    __tablename__ = "registrations"

    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(sa.String(40), unique=True)
    issued_on: Mapped[date]
    expires_on: Mapped[date]
    issuing_office: Mapped[str] = mapped_column(sa.String(100))
    status: Mapped[RegistrationStatus] = mapped_column(choice_type(RegistrationStatus))
    # When a certificate was cancelled or revoked, and why.
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(sa.String(300), default="")

    workshop: Mapped[Workshop] = relationship(back_populates="registrations")

    __table_args__ = (
        sa.CheckConstraint("expires_on > issued_on", name="expiry_after_issue"),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= issued_on", name="end_after_issue"),
        sa.Index("ix_registrations_workshop_issued", "workshop_id", "issued_on"),
        sa.Index("ix_registrations_expires_on", "expires_on"),
    )

    def check(self):
        """Expiry and end dates cannot precede the issue date."""
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            raise RecordInvalid("登记证有效期截止日期必须晚于发证日期", "expires_on")
        check_dates(self.issued_on, self.ended_on, "注销或撤销日期不能早于发证日期", "ended_on")
        ended = self.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REVOKED)
        if not ended and self.ended_on:
            raise RecordInvalid("只有注销或撤销的登记证才有注销或撤销日期", "ended_on")

    @hybrid_method
    def in_force_on(self, day: date) -> bool:
        """A certificate in force: issued by ``day``, not expired, not ended by then."""
        return self.issued_on <= day <= self.expires_on and (
            self.ended_on is None or self.ended_on > day
        )

    @in_force_on.expression
    def in_force_on(cls, day: date):  # noqa: N805 (a hybrid's SQL side receives the class)
        """The same rule as a SQL condition."""
        return sa.and_(
            cls.issued_on <= day,
            cls.expires_on >= day,
            sa.or_(cls.ended_on.is_(None), cls.ended_on > day),
        )

    @hybrid_method
    def valid_on(self, day: date) -> bool:
        """In force on ``day`` and still called valid by the registry."""
        return self.status == RegistrationStatus.VALID and self.in_force_on(day)

    @valid_on.expression
    def valid_on(cls, day: date):  # noqa: N805
        """The same rule as a SQL condition."""
        return sa.and_(cls.status == RegistrationStatus.VALID, cls.in_force_on(day))


def current_status(workshop: Workshop, today: date) -> WorkshopStatus:
    """The workshop's status as of ``today``: registered but past expiry reads as expired."""
    if workshop.status != WorkshopStatus.REGISTERED:
        return workshop.status
    if not workshop.latest_valid_on(today):
        return WorkshopStatus.EXPIRED
    return WorkshopStatus.REGISTERED
