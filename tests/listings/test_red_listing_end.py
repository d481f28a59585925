"""A red listing has an end date (a year unless configured) and leaves the lists as a black one."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from factories import make_listing, make_user, make_workshop
from flask_migrate import downgrade, upgrade

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings import operations as listings
from workshop_credit.models import Listing, ListingKind, ListingStatus, Role


def test_publishing_a_red_listing_without_an_end_date_gives_it_one(app):
    app.config["RED_LISTING_DAYS"] = 200
    draft = make_listing(make_workshop(), ListingKind.RED, status=ListingStatus.IN_REVIEW)
    draft.published_at, draft.approver = None, None
    db.session.commit()
    listings.publish(draft, make_user("second-approver", Role.APPROVER))
    assert draft.expires_on == local_today() + timedelta(days=200)


def test_a_black_listing_keeps_no_end_date_unless_given_one(app):
    draft = make_listing(make_workshop(), ListingKind.BLACK, status=ListingStatus.IN_REVIEW)
    draft.published_at, draft.approver = None, None
    db.session.commit()
    listings.publish(draft, make_user("second-approver", Role.APPROVER))
    assert draft.expires_on is None


def test_old_red_listings_get_an_end_date_a_year_after_publication(app, client):
    old = make_listing(make_workshop(), ListingKind.RED, title="2019年度示范单位")
    old.published_at = datetime(2019, 6, 1, 2, tzinfo=UTC)
    db.session.commit()
    assert "2019年度示范单位" in client.get("/lists/red").get_data(as_text=True)
    # The page's reads ended with its request in production; here they share the test's
    # session, whose open transaction would hold the tables a downgrade drops (PostgreSQL).
    db.session.rollback()
    downgrade(revision="0012_workshop_successor")
    upgrade()
    db.session.rollback()  # a new transaction sees what the migration wrote (repeatable read)
    assert db.session.get(Listing, old.id).expires_on == date(2020, 6, 1)
    assert "2019年度示范单位" not in client.get("/lists/red").get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 1
