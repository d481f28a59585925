"""Reads that several pages share."""

from datetime import date

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import (
    District,
    Inspection,
    Listing,
    ListingKind,
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


def listing_is_public(today: date):
    """The SQL condition for a listing the public may see on ``today`` (``Listing.is_public``)."""
    return Listing.is_public(today)


def select_published_listings(kind: ListingKind, today: date):
    """The statement for published listings of ``kind`` not past expiry, newest first."""
    return (
        sa.select(Listing)
        .where(Listing.kind == kind, listing_is_public(today))
        .order_by(Listing.published_at.desc(), Listing.id.desc())
    )


def published_listings(kind: ListingKind, today: date, limit: int | None = None):
    """Published listings of ``kind`` not past their expiry date, newest first."""
    return db.session.scalars(select_published_listings(kind, today).limit(limit)).all()
