"""``make_*`` helpers that build committed records for tests, with sensible defaults."""

from datetime import timedelta
from itertools import count

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.timeutil import local_today
from workshop_credit.uscc import check_character

_serial = count(1)


def district(name="峡江县"):
    """The district with ``name`` (from the reference data)."""
    return db.session.scalar(sa.select(District).where(District.name == name))


def category(name="米粉"):
    """The category with ``name`` (from the reference data)."""
    return db.session.scalar(sa.select(Category).where(Category.name == name))


def make_uscc(division="360823"):
    """A valid, unique unified social credit code for an individual business."""
    body = f"92{division}MA{next(_serial):07d}"
    return body + check_character(body)


def make_workshop(name=None, *, district_name="峡江县", categories=("米粉",),
                  status=WorkshopStatus.REGISTERED, registered_on=None, **fields):
    """A committed workshop; a registered one gets a valid three-year certificate."""
    n = next(_serial)
    where = district(district_name)
    workshop = Workshop(
        name=name or f"{district_name}测试米粉作坊{n}",
        operator=fields.pop("operator", "王建国"),
        address=fields.pop("address", f"{district_name}水边镇湖洲村 {n} 号"),
        district=where,
        status=status,
        uscc=fields.pop("uscc", make_uscc(where.code or "360800")
                        if status != WorkshopStatus.UNREGISTERED else None),
        products=fields.pop("products", "米粉"),
        categories=[category(c) for c in categories],
        **fields,
    )
    if status != WorkshopStatus.UNREGISTERED:
        issued = registered_on or local_today() - timedelta(days=200)
        workshop.registrations.append(Registration(
            number=f"JX登-{where.code or '360800'}-{n:05d}", issued_on=issued,
            expires_on=issued + timedelta(days=3 * 365),
            issuing_office=f"{district_name}市场监督管理局",
            status=RegistrationStatus.VALID))
    db.session.add(workshop)
    db.session.commit()
    return workshop


def make_listing(title, *, kind=None, body="", status=None, workshop=None, **fields):
    """A committed listing (published red by default) written by a fresh editor account."""
    from workshop_credit.models import Listing, ListingKind, ListingStatus, Role, User, utcnow

    author = User(username=f"editor{next(_serial)}", password_hash="-", role=Role.EDITOR)
    listing = Listing(
        kind=kind or ListingKind.RED,
        status=status or ListingStatus.PUBLISHED,
        title=title,
        body=body,
        reason=fields.pop("reason", "依据检查结果"),
        workshop=workshop,
        subject_name=fields.pop("subject_name", "" if workshop else title),
        author=author,
        published_at=fields.pop("published_at", utcnow()),
        **fields,
    )
    db.session.add(listing)
    db.session.commit()
    return listing
