"""Reads about draws that pages share: candidates in scope, draws per county, progress."""

from dataclasses import dataclass

import sqlalchemy as sa

from workshop_credit.core.i18n import N_
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Draw,
    DrawCandidate,
    Inspection,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.models.workshop import workshop_categories
from workshop_credit.supervision.risk import LABELS, risk_level_sql


def candidates_stmt(district_id: int, category_ids: list, risk_levels: list):
    """Registered workshops of the county in the scope, with their risk level, by public code."""
    level = risk_level_sql().label("risk_level")
    stmt = sa.select(Workshop, level).where(
        Workshop.district_id == district_id, Workshop.status == WorkshopStatus.REGISTERED
    )
    if category_ids:
        stmt = stmt.where(
            sa.exists().where(
                workshop_categories.c.workshop_id == Workshop.id,
                workshop_categories.c.category_id.in_(category_ids),
            )
        )
    if risk_levels:
        stmt = stmt.where(level.in_(risk_levels))
    return stmt.order_by(Workshop.public_code)


def candidate_count(district_id: int, category_ids: list, risk_levels: list) -> int:
    """How many workshops a draw with this scope would choose from today."""
    inner = candidates_stmt(district_id, category_ids, risk_levels).order_by(None).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(inner))


def draws_in(district_id: int | None, *, made_only=False):
    """Draws of one county (or all for None), newest first."""
    stmt = sa.select(Draw).order_by(Draw.announced_at.desc(), Draw.id.desc())
    if district_id is not None:
        stmt = stmt.where(Draw.district_id == district_id)
    if made_only:
        stmt = stmt.where(Draw.made_at.is_not(None))
    return stmt


def counties_with_draws() -> list[District]:
    """The districts that have announced at least one draw, in reference order."""
    return db.session.scalars(
        sa.select(District)
        .where(sa.exists().where(Draw.district_id == District.id))
        .order_by(District.sort_order)
    ).all()


def scope_text(draw: Draw, translate=lambda text: text) -> str:
    """The scope in words: categories and risk levels, or all of them."""
    names = db.session.scalars(
        sa.select(Category.name)
        .where(Category.id.in_(draw.category_ids or []))
        .order_by(Category.sort_order)
    ).all()
    categories = "、".join(translate(n) for n in names) or translate(N_("全部类别"))
    levels = "、".join(translate(LABELS[n]) for n in sorted(draw.risk_levels or []))
    return categories + "；" + (levels or translate(N_("全部风险等级")))


@dataclass(frozen=True)
class Progress:
    """The inspections entered for a draw's drawn workshops, by workshop id."""

    inspections: dict
    drawn: int

    @property
    def done(self) -> int:
        """How many drawn workshops have their inspection entered."""
        return len(self.inspections)

    @property
    def due(self) -> int:
        """How many are still to be inspected."""
        return self.drawn - self.done


def progress(draw: Draw) -> Progress:
    """Which drawn workshops have an inspection linked to the draw (the first, if several)."""
    rows = db.session.scalars(
        sa.select(Inspection)
        .where(Inspection.draw_id == draw.id)
        .order_by(Inspection.inspected_on.desc(), Inspection.id.desc())
    ).all()
    return Progress({row.workshop_id: row for row in rows}, len(draw.picks))


def local_day(moment):
    """The date in Ji'an of a stored UTC time."""
    return moment.astimezone(SITE_TIMEZONE).date() if moment else None


def pending_picks(workshop_id: int) -> list[DrawCandidate]:
    """The made draws that picked this workshop and still wait for its inspection."""
    inspected = sa.exists().where(
        Inspection.draw_id == DrawCandidate.draw_id, Inspection.workshop_id == workshop_id
    )
    return db.session.scalars(
        sa.select(DrawCandidate)
        .join(Draw, Draw.id == DrawCandidate.draw_id)
        .where(
            DrawCandidate.workshop_id == workshop_id,
            DrawCandidate.pick_rank.is_not(None),
            Draw.made_at.is_not(None),
            ~inspected,
        )
        .order_by(Draw.due_on, Draw.id)
    ).all()
