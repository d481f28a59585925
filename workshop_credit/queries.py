"""Reads that several pages share."""

from datetime import date

import sqlalchemy as sa

from .extensions import db
from .models import (
    District,
    Inspection,
    Listing,
    ListingKind,
    ListingStatus,
    Sampling,
    Workshop,
    WorkshopStatus,
)


def key_figures(today: date) -> dict[str, int]:
    """Headline counts for the home page, computed from the records."""
    year_start = date(today.year, 1, 1)

    def count(stmt):
        return db.session.scalar(stmt) or 0

    return {
        "workshops": count(
            sa.select(sa.func.count(Workshop.id)).where(
                Workshop.status != WorkshopStatus.UNREGISTERED
            )
        ),
        "registered": count(
            sa.select(sa.func.count(Workshop.id)).where(
                Workshop.status == WorkshopStatus.REGISTERED
            )
        ),
        "banned": count(
            sa.select(sa.func.count(Workshop.id)).where(
                Workshop.status == WorkshopStatus.UNREGISTERED
            )
        ),
        "districts": count(sa.select(sa.func.count(District.id))),
        "inspections_this_year": count(
            sa.select(sa.func.count(Inspection.id)).where(Inspection.inspected_on >= year_start)
        ),
        "samplings_this_year": count(
            sa.select(sa.func.count(Sampling.id)).where(Sampling.sampled_on >= year_start)
        ),
    }


def published_listings(kind: ListingKind, today: date, limit: int | None = None):
    """Published listings of ``kind`` not past their expiry date, newest first."""
    stmt = (
        sa.select(Listing)
        .where(
            Listing.kind == kind,
            Listing.status == ListingStatus.PUBLISHED,
            sa.or_(Listing.expires_on.is_(None), Listing.expires_on >= today),
        )
        .order_by(Listing.published_at.desc(), Listing.id.desc())
        .limit(limit)
    )
    return db.session.scalars(stmt).all()
