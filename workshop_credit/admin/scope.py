"""Who is acting, and which districts they may touch."""

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from workshop_credit.accounts.scope import within_county
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Draw,
    Inspector,
    Listing,
    ProcessingZone,
    Report,
    ReportPhoto,
    TrainingSession,
    User,
    Workshop,
)

# View arguments that name a record belonging to one district, checked by the guard, and
# how to read that district from the record.
SCOPED_ARGS = {
    "workshop_id": (Workshop, lambda workshop: workshop.district_id),
    "zone_id": (ProcessingZone, lambda zone: zone.district_id),
    "report_id": (Report, lambda report: report.handling_district_id),
    "photo_id": (ReportPhoto, lambda photo: photo.report.handling_district_id),
    "draw_id": (Draw, lambda draw: draw.district_id),
    "inspector_id": (Inspector, lambda inspector: inspector.district_id),
    "training_id": (TrainingSession, lambda session: session.district_id),
    # A listing belongs to its workshop's county, else to the county it names (else the city).
    "listing_id": (
        Listing,
        lambda item: item.workshop.district_id if item.workshop else item.district_id,
    ),
}


def me() -> User:
    """The signed-in account itself (not the proxy), for the services and the audit trail."""
    return current_user._get_current_object()


def in_scope(district_id) -> bool:
    """Whether the signed-in account may act in ``district_id``: its own, or city-wide."""
    return current_user.covers(district_id)


def check_scope(view_args: dict) -> None:
    """404 for a missing record, 403 for a record of another district (URL tampering)."""
    for arg, (model, district_of) in SCOPED_ARGS.items():
        if arg in view_args:
            record = db.get_or_404(model, view_args[arg])
            if not in_scope(district_of(record)):
                abort(403)


def scoped(stmt, column):
    """``stmt`` narrowed to the rows whose ``column`` the signed-in account's scope covers."""
    return within_county(stmt, column, current_user.district_id)


def district_choices():
    """The districts the signed-in account may choose."""
    stmt = scoped(sa.select(District).order_by(District.sort_order), District.id)
    return [(d.id, d.name) for d in db.session.scalars(stmt)]


def zone_choices():
    """The processing zones in scope, after a "none" choice."""
    stmt = scoped(sa.select(ProcessingZone), ProcessingZone.district_id)
    stmt = stmt.order_by(ProcessingZone.name)
    return [(0, "不在集中加工区")] + [(z.id, z.name) for z in db.session.scalars(stmt)]


def category_choices():
    """Every food category, key categories first as in the reference data."""
    stmt = sa.select(Category).order_by(Category.sort_order)
    return [(c.id, c.name) for c in db.session.scalars(stmt)]


def workshops_named(text: str, limit: int) -> list[Workshop]:
    """Workshops in scope whose name contains ``text``, shortest names first (closest match)."""
    # "!" escapes the wildcards: a backslash means different things to each database.
    like = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
    stmt = (
        scoped(sa.select(Workshop), Workshop.district_id)
        .where(Workshop.name.like(like, escape="!"))
        .order_by(sa.func.length(Workshop.name), Workshop.name, Workshop.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
