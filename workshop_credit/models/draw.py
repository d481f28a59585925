"""Random inspection draws (双随机): announced with a seed commitment, made once, never edited.

A draw is announced with the SHA-256 of a secret seed; when it is made, the seed is revealed,
the candidate workshops and the county's roster are fixed in order, and the selection is
stored. ``supervision/draws.py`` defines the selection; nothing here may change afterwards.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from workshop_credit.models.base import Model, RecordInvalid, UTCDateTime, utcnow
from workshop_credit.models.places import District
from workshop_credit.models.roster import Inspector
from workshop_credit.models.staff import User


class Draw(Model):
    """One draw of workshops to inspect, and of inspectors for each, in one county."""

    __tablename__ = "draws"

    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"))
    subject: Mapped[str] = mapped_column(sa.String(100))
    # The scope fixed at the announcement: category ids and risk levels (empty: all).
    category_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    risk_levels: Mapped[list] = mapped_column(sa.JSON, default=list)
    workshop_count: Mapped[int]
    inspectors_per_workshop: Mapped[int]
    due_on: Mapped[date]
    seed_commitment: Mapped[str] = mapped_column(sa.String(64))
    seed: Mapped[str | None] = mapped_column(sa.String(64))
    announced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    announced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    made_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(sa.String(300), default="")

    district: Mapped[District] = relationship()
    announced_by: Mapped[User | None] = relationship(foreign_keys=[announced_by_id])
    made_by: Mapped[User | None] = relationship(foreign_keys=[made_by_id])
    candidates: Mapped[list["DrawCandidate"]] = relationship(
        back_populates="draw", order_by="DrawCandidate.position"
    )
    roster: Mapped[list["DrawInspector"]] = relationship(
        back_populates="draw", order_by="DrawInspector.position"
    )

    __table_args__ = (
        sa.CheckConstraint("workshop_count >= 1", name="some_workshops"),
        sa.CheckConstraint("inspectors_per_workshop >= 1", name="some_inspectors"),
        sa.CheckConstraint("made_at IS NULL OR cancelled_at IS NULL", name="made_or_cancelled"),
        sa.Index("ix_draws_district_announced", "district_id", "announced_at"),
    )

    @property
    def picks(self) -> list["DrawCandidate"]:
        """The drawn workshops in the order of the draw."""
        return sorted((c for c in self.candidates if c.pick_rank), key=lambda c: c.pick_rank)

    @property
    def state(self) -> str:
        """``announced``, ``made`` or ``cancelled``."""
        if self.cancelled_at:
            return "cancelled"
        return "made" if self.made_at else "announced"


class DrawCandidate(Model):
    """A workshop of the candidate list, as it stood when the draw was made."""

    __tablename__ = "draw_candidates"

    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("draws.id"), index=True)
    position: Mapped[int]
    workshop_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="SET NULL"), index=True
    )
    public_code: Mapped[str] = mapped_column(sa.String(8))
    name: Mapped[str] = mapped_column(sa.String(100))
    risk_level: Mapped[int]
    # The place in the selection, for drawn workshops; empty for the others.
    pick_rank: Mapped[int | None]

    draw: Mapped[Draw] = relationship(back_populates="candidates")
    assignments: Mapped[list["DrawAssignment"]] = relationship(
        back_populates="candidate", order_by="DrawAssignment.rank"
    )

    __table_args__ = (
        sa.UniqueConstraint("draw_id", "position", name="uq_draw_candidates_position"),
        sa.UniqueConstraint("draw_id", "public_code", name="uq_draw_candidates_code"),
    )


class DrawInspector(Model):
    """An officer of the roster as it stood when the draw was made."""

    __tablename__ = "draw_inspectors"

    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("draws.id"), index=True)
    position: Mapped[int]
    inspector_id: Mapped[int] = mapped_column(sa.ForeignKey("inspectors.id"), index=True)
    certificate_number: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(30))

    draw: Mapped[Draw] = relationship(back_populates="roster")
    inspector: Mapped[Inspector] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("draw_id", "position", name="uq_draw_inspectors_position"),
    )


class DrawAssignment(Model):
    """An officer drawn to inspect one drawn workshop."""

    __tablename__ = "draw_assignments"

    candidate_id: Mapped[int] = mapped_column(sa.ForeignKey("draw_candidates.id"), index=True)
    draw_inspector_id: Mapped[int] = mapped_column(sa.ForeignKey("draw_inspectors.id"))
    rank: Mapped[int]

    candidate: Mapped[DrawCandidate] = relationship(back_populates="assignments")
    officer: Mapped[DrawInspector] = relationship()


FROZEN = (DrawCandidate, DrawInspector, DrawAssignment)


def _was_settled(draw: Draw) -> bool:
    """Whether the draw was made or cancelled before the changes being flushed."""
    old = sa.inspect(draw).committed_state
    return any(
        old.get(name, getattr(draw, name)) is not None for name in ("made_at", "cancelled_at")
    )


@sa.event.listens_for(Session, "before_flush")
def _draws_are_immutable(session, _context, _instances):
    for obj in session.deleted:
        if isinstance(obj, (Draw, *FROZEN)):
            raise RecordInvalid("抽查记录一经生成不能删除")
    for obj in session.dirty:
        if not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, FROZEN) or (isinstance(obj, Draw) and _was_settled(obj)):
            raise RecordInvalid("抽取结果已公开，不能修改")
