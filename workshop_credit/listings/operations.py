"""Red and black listings: draft, review, publication by a second person, withdrawal."""

from datetime import date

import sqlalchemy as sa
from flask import current_app

from workshop_credit.accounts import audit
from workshop_credit.core.sanitize import clean_html
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Listing, ListingStatus, RecordInvalid, Workshop, utcnow

EDITABLE = ("kind", "title", "reason", "body", "subject_name", "subject_address")


def display_status(listing: Listing, today: date) -> ListingStatus:
    """The status people see: a published listing past its expiry date reads as expired."""
    if listing.status == ListingStatus.PUBLISHED and not listing.is_public(today):
        return ListingStatus.EXPIRED
    return listing.status


def find_workshop(public_code: str) -> Workshop | None:
    """The workshop with this public code (as printed on its board), or None."""
    code = (public_code or "").strip().upper()
    return db.session.scalar(sa.select(Workshop).where(Workshop.public_code == code))


def _district_id(values: dict) -> int | None:
    """The county a listing belongs to: the one chosen, else its workshop's; None is city-wide."""
    workshop = values["workshop"]
    return values["district_id"] or (workshop.district_id if workshop else None)


def _apply(listing: Listing, values: dict) -> None:
    for name in EDITABLE:
        setattr(listing, name, values[name])
    listing.body = clean_html(values["body"])
    listing.workshop = values["workshop"]
    listing.district_id = _district_id(values)
    listing.expires_on = values["expires_on"]


def _check_scope(listing: Listing | None, values: dict, actor) -> None:
    """A county editor writes its own county's listings, about its own county's workshops."""
    workshop = values["workshop"]
    if listing is not None and not actor.covers(listing.district_id):
        raise RecordInvalid("只能修改本县（市、区）的榜单")
    if workshop is not None and not actor.covers(workshop.district_id):
        raise RecordInvalid("只能为本县（市、区）的小作坊撰写榜单")
    if not actor.covers(_district_id(values)):
        raise RecordInvalid("只能撰写本县（市、区）的榜单；全市榜单请由市级编辑撰写")


def save_draft(listing: Listing | None, values: dict, actor) -> Listing:
    """Create or change a draft of the actor's scope; the body is sanitized before storing."""
    if listing is not None and listing.status != ListingStatus.DRAFT:
        raise RecordInvalid("只有草稿可以修改；已提交或已发布的榜单请先退回或撤回")
    _check_scope(listing, values, actor)
    before = None if listing is None else audit.snapshot(listing)
    if listing is None:
        listing = Listing(author=actor, status=ListingStatus.DRAFT)
        db.session.add(listing)
    _apply(listing, values)
    db.session.flush()
    action = "create" if before is None else "update"
    audit.record(
        action, "listing", listing.id, actor=actor, before=before, after=audit.snapshot(listing)
    )
    db.session.commit()
    return listing


def _move(listing, expected, new_status, actor, action, **changes):
    if listing.status != expected:
        raise RecordInvalid(f"该榜单当前为“{listing.status.label}”，不能执行此操作")
    before = audit.snapshot(listing)
    listing.status = new_status
    for name, value in changes.items():
        setattr(listing, name, value)
    audit.record(
        action, "listing", listing.id, actor=actor, before=before, after=audit.snapshot(listing)
    )
    db.session.commit()


def submit(listing: Listing, actor) -> None:
    """The editor sends a draft for review."""
    _move(listing, ListingStatus.DRAFT, ListingStatus.IN_REVIEW, actor, "submit")


def publish(listing: Listing, approver) -> None:
    """An approver other than the author publishes; the public pages show it at once."""
    if listing.author_id == approver.id:
        raise RecordInvalid("不能审核发布自己撰写的榜单，请由其他审核人发布")
    listing.give_default_end(local_today(), current_app.config["RED_LISTING_DAYS"])
    _move(
        listing,
        ListingStatus.IN_REVIEW,
        ListingStatus.PUBLISHED,
        approver,
        "publish",
        approver_id=approver.id,
        published_at=utcnow(),
    )


def send_back(listing: Listing, approver, note: str) -> None:
    """An approver returns a listing to its author as a draft, saying why."""
    _move(
        listing,
        ListingStatus.IN_REVIEW,
        ListingStatus.DRAFT,
        approver,
        "send_back",
        withdrawal_reason=note,
    )


def withdraw(listing: Listing, approver, reason: str) -> None:
    """An approver takes a published listing down, with the reason on record."""
    _move(
        listing,
        ListingStatus.PUBLISHED,
        ListingStatus.WITHDRAWN,
        approver,
        "withdraw",
        withdrawn_at=utcnow(),
        withdrawal_reason=reason,
    )
