"""The home page's and the dashboard's headline counts, computed from the records."""

from datetime import date

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import District, Inspection, Sampling, Workshop, WorkshopStatus


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
