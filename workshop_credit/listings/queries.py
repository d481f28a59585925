"""Who may see a listing, and the published lists the public pages show."""

from datetime import date

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import Listing, ListingKind


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
