"""What the search page shows: index hits loaded from the database, or a plain fallback."""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from workshop_credit import search_index
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Listing,
    ListingStatus,
    Registration,
    Workshop,
    current_status,
)
from workshop_credit.models.workshop import PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH
from workshop_credit.search_index.analysis import normalize

PER_PAGE = 10


@dataclass
class Result:
    """One workshop or listing as the page shows it, with its current status."""

    kind: str
    record: Workshop | Listing
    status: object = None


@dataclass(frozen=True)
class Outcome:
    """A page of hits, before their records are loaded; ``fallback`` says the plain
    database match answered.

    ``versions`` holds the version of every record behind the hits: with the hits, it names
    everything the page shows of them, so it can key the rendered page.
    """

    hits: tuple[tuple[str, int], ...] = ()
    total: int = 0
    page: int = 1
    pages: int = 0
    fallback: bool = False
    more: bool = False  # more matches than ``total``
    versions: tuple = ()
    last_change: datetime | None = None


def filter_choices():
    """The (id, name) rows of the districts and categories to filter by, in reference order."""
    districts = db.session.execute(
        sa.select(District.id, District.name).order_by(District.sort_order)
    ).all()
    categories = db.session.execute(
        sa.select(Category.id, Category.name).order_by(Category.sort_order)
    ).all()
    return tuple(districts), tuple(categories)


def exact_workshop(text: str) -> Workshop | None:
    """The workshop whose certificate number, USCC or public code is exactly ``text``."""
    code = re.sub(r"\s+", "", normalize(text)).upper()
    if not 6 <= len(code) <= 40:
        return None
    stmt = sa.select(Workshop).where(
        sa.or_(
            Workshop.uscc == code,
            Workshop.id.in_(sa.select(Registration.workshop_id).where(Registration.number == code)),
        )
    )
    found = db.session.scalars(stmt.limit(1)).first()
    if found is None and len(code) == PUBLIC_CODE_LENGTH and set(code) <= set(PUBLIC_CODE_ALPHABET):
        found = db.session.scalar(sa.select(Workshop).where(Workshop.public_code == code))
    return found


def search(text, *, district_id, category_id, page, today: date) -> Outcome:
    """Search the index; when it cannot answer, match the database plainly and say so."""
    try:
        hits = search_index.query(
            text, district_id=district_id, category_id=category_id, today=today,
            page=page, per_page=PER_PAGE,
        )  # fmt: skip
    except search_index.IndexUnavailable as problem:
        current_app.logger.warning("search index unavailable (%s): plain match used", problem)
        return _fallback(text, district_id, category_id, page)
    versions, last_change = _versions(hits.items)
    return Outcome(
        hits.items, hits.total, hits.page, hits.pages,
        more=hits.more, versions=versions, last_change=last_change,
    )  # fmt: skip


def _versions(items):
    """The version of each record behind ``items``, and the latest change among them.

    A workshop's file version rises with any change to its file; its stored grade is
    added, since the daily re-grading changes it without a change to the file. A listing's
    last change covers its text and its withdrawal.
    """
    found, changes, ids = [], [], _ids_by_kind(items)
    if ids["workshop"]:
        for i, version, grade, changed in db.session.execute(
            sa.select(Workshop.id, Workshop.file_version, Workshop.grade, Workshop.updated_at)
            .where(Workshop.id.in_(ids["workshop"]))
        ):  # fmt: skip
            found.append(("workshop", i, version, grade))
            changes.append(changed)
    if ids["listing"]:
        for i, changed in db.session.execute(
            sa.select(Listing.id, Listing.updated_at).where(Listing.id.in_(ids["listing"]))
        ):
            found.append(("listing", i, changed))
            changes.append(changed)
    return tuple(found), max(changes, default=None)


def results(outcome: Outcome, today: date) -> list[Result]:
    """The records behind the hits, in rank order; a listing no longer public is left out."""
    items, ids = outcome.hits, _ids_by_kind(outcome.hits)
    workshops = {
        w.id: w
        for w in db.session.scalars(
            sa.select(Workshop)
            .where(Workshop.id.in_(ids["workshop"]))
            .options(selectinload(Workshop.district), selectinload(Workshop.registrations))
        )
    }
    listings = {x.id: x for x in db.session.scalars(_public_listings(today, ids["listing"]))}
    found = []
    for kind, i in items:
        if kind == "workshop" and i in workshops:
            w = workshops[i]
            found.append(Result("workshop", w, current_status(w, today)))
        elif kind == "listing" and i in listings:
            found.append(Result("listing", listings[i]))
    return found


def _ids_by_kind(items):
    return {kind: [i for k, i in items if k == kind] for kind in ("workshop", "listing")}


def _public_listings(today, ids=None):
    stmt = sa.select(Listing).where(
        Listing.status == ListingStatus.PUBLISHED,
        sa.or_(Listing.expires_on.is_(None), Listing.expires_on >= today),
    )
    return stmt if ids is None else stmt.where(Listing.id.in_(ids))


def _fallback(text, district_id, category_id, page):
    """Workshops whose name, operator, address or products contain every word typed."""
    words = [w for w in re.split(r"\s+", normalize(text)) if w][:5]
    stmt = sa.select(Workshop.id)
    for word in words:
        stmt = stmt.where(
            sa.or_(
                *(col.contains(word, autoescape=True) for col in _FALLBACK_COLUMNS),
            )
        )
    if district_id:
        stmt = stmt.where(Workshop.district_id == district_id)
    if category_id:
        stmt = stmt.where(Workshop.categories.any(id=category_id))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    pages = math.ceil(total / PER_PAGE)
    page = max(1, min(page, pages or 1))
    ids = db.session.scalars(
        stmt.order_by(Workshop.name, Workshop.id).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    )
    return Outcome(tuple(("workshop", i) for i in ids), total, page, pages, fallback=True)


_FALLBACK_COLUMNS = (Workshop.name, Workshop.operator, Workshop.address, Workshop.products)
