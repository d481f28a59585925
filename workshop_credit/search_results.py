"""What the search page shows: index hits loaded from the database, or a plain fallback."""

import math
import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from . import search_index
from .extensions import db
from .models import (
    Category,
    District,
    Listing,
    ListingStatus,
    Registration,
    Workshop,
    current_status,
)
from .models.workshop import PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH
from .search_index.analysis import normalize

PER_PAGE = 10


@dataclass
class Result:
    """One workshop or listing as the page shows it, with its current status."""

    kind: str
    record: Workshop | Listing
    status: object = None


@dataclass
class Outcome:
    """A page of results; ``fallback`` says the plain database match answered."""

    results: list[Result] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    fallback: bool = False
    more: bool = False  # more matches than ``total``


def filter_choices():
    """The districts and categories to filter by, in their reference order."""
    districts = db.session.scalars(sa.select(District).order_by(District.sort_order)).all()
    categories = db.session.scalars(sa.select(Category).order_by(Category.sort_order)).all()
    return districts, categories


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
        return _fallback(text, district_id, category_id, page, today)
    results = _load(hits.items, today)
    return Outcome(results, hits.total, hits.page, hits.pages, more=hits.more)


def _load(items, today):
    """The records behind the hits, in rank order; a listing no longer public is left out."""
    ids = {kind: [i for k, i in items if k == kind] for kind in ("workshop", "listing")}
    workshops = {
        w.id: w
        for w in db.session.scalars(
            sa.select(Workshop)
            .where(Workshop.id.in_(ids["workshop"]))
            .options(selectinload(Workshop.district), selectinload(Workshop.registrations))
        )
    }
    listings = {x.id: x for x in db.session.scalars(_public_listings(today, ids["listing"]))}
    results = []
    for kind, i in items:
        if kind == "workshop" and i in workshops:
            w = workshops[i]
            results.append(Result("workshop", w, current_status(w, today)))
        elif kind == "listing" and i in listings:
            results.append(Result("listing", listings[i]))
    return results


def _public_listings(today, ids=None):
    stmt = sa.select(Listing).where(
        Listing.status == ListingStatus.PUBLISHED,
        sa.or_(Listing.expires_on.is_(None), Listing.expires_on >= today),
    )
    return stmt if ids is None else stmt.where(Listing.id.in_(ids))


def _fallback(text, district_id, category_id, page, today):
    """Workshops whose name, operator, address or products contain every word typed."""
    words = [w for w in re.split(r"\s+", normalize(text)) if w][:5]
    stmt = sa.select(Workshop).options(
        selectinload(Workshop.district), selectinload(Workshop.registrations)
    )
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
    rows = db.session.scalars(
        stmt.order_by(Workshop.name, Workshop.id).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    )
    results = [Result("workshop", w, current_status(w, today)) for w in rows]
    return Outcome(results, total, page, pages, fallback=True)


_FALLBACK_COLUMNS = (Workshop.name, Workshop.operator, Workshop.address, Workshop.products)
