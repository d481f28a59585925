"""What the search page shows: index hits and their rows, or a plain database match."""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from workshop_credit import search_index
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Registration,
    Workshop,
    current_status,
)
from workshop_credit.models.workshop import PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH
from workshop_credit.search_index import rows
from workshop_credit.search_index.analysis import normalize

PER_PAGE = 10


@dataclass
class Result:
    """One workshop or listing as the page shows it, with its current status."""

    kind: str
    record: rows.WorkshopRow | rows.ListingRow
    status: object = None


@dataclass(frozen=True)
class Outcome:
    """A page of hits and the rows they show; ``fallback`` says the plain
    database match answered.

    ``versions`` holds what the index stored of every hit for its row: with the hits, it
    names everything the page shows of them, so it keys the rendered page.
    """

    hits: tuple[tuple[str, int], ...] = ()
    total: int = 0
    page: int = 1
    pages: int = 0
    fallback: bool = False
    more: bool = False  # more matches than ``total``
    versions: tuple = ()
    last_change: datetime | None = None
    # The rows themselves, made from the versions: no part of the page's key.
    rows: dict = field(default_factory=dict, compare=False, repr=False)


class Choice(NamedTuple):
    """A district or category to filter by."""

    id: int
    name: str


def filter_choices():
    """The (id, name) rows of the districts and categories to filter by, in reference order.

    Read once per application: they are reference data that only a migration changes (and
    a migration comes with a restart), and every search page asks for them.
    """
    cached = current_app.extensions.get("search_filter_choices")
    if cached is None:
        stmt = sa.union_all(
            sa.select(sa.literal(0).label("kind"), District.id, District.name, District.sort_order),
            sa.select(sa.literal(1), Category.id, Category.name, Category.sort_order),
        ).order_by("kind", "sort_order")
        found = db.session.execute(stmt).all()
        cached = tuple(
            tuple(Choice(i, name) for kind, i, name, _ in found if kind == wanted)
            for wanted in (0, 1)
        )
        current_app.extensions["search_filter_choices"] = cached
    return cached


def exact_public_code(text: str) -> str | None:
    """The public code of the workshop whose certificate number, USCC or public code is
    exactly ``text``.

    Each is looked up by its own unique index, in one query: asked as one OR with a
    subquery, PostgreSQL read all 100,000 workshops on every search (65 ms).
    """
    code = re.sub(r"\s+", "", normalize(text)).upper()
    is_public_code = len(code) == PUBLIC_CODE_LENGTH and set(code) <= set(PUBLIC_CODE_ALPHABET)
    if not 6 <= len(code) <= 40 or not (is_public_code or any(c.isdigit() for c in code)):
        return None  # certificate numbers and USCCs hold digits; names do not need the query
    found = [
        sa.select(Workshop.public_code).where(Workshop.uscc == code),
        sa.select(Workshop.public_code)
        .join(Registration, Registration.workshop_id == Workshop.id)
        .where(Registration.number == code),
    ]
    if is_public_code:
        found.append(sa.select(Workshop.public_code).where(Workshop.public_code == code))
    return db.session.scalars(sa.union_all(*found).limit(1)).first()


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
    loaded = rows.from_index(hits.items, hits.shown)
    return Outcome(
        hits.items, hits.total, hits.page, hits.pages, more=hits.more,
        versions=loaded.versions, last_change=loaded.last_change, rows=loaded.rows,
    )  # fmt: skip


def results(outcome: Outcome, today: date) -> list[Result]:
    """The rows behind the hits, in rank order; a listing no longer public is left out."""
    found = []
    for kind, i in outcome.hits:
        row = outcome.rows.get((kind, i))
        if kind == "workshop" and row is not None:
            found.append(Result("workshop", row, current_status(row, today)))
        elif kind == "listing" and row is not None and row.public:
            found.append(Result("listing", row))
    return found


def _fallback(text, district_id, category_id, page, today):
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
    hits = tuple(("workshop", i) for i in ids)
    return Outcome(hits, total, page, pages, fallback=True, rows=rows.load(hits, today))


_FALLBACK_COLUMNS = (Workshop.name, Workshop.operator, Workshop.address, Workshop.products)
