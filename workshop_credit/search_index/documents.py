"""What the index holds of each record, read from the database (the source of truth).

A document is a plain dict of field values keyed ``w<id>`` (workshop) or ``l<id>``
(published listing). Display never reads the index: pages load the rows by key, so a
status or grade shown is always the database's current one.
"""

import re
from datetime import date

import sqlalchemy as sa
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Listing, ListingStatus, Workshop

NO_EXPIRY = 99991231
BATCH = 2000


def workshop_key(workshop_id: int) -> str:
    """The index key of a workshop."""
    return f"w{workshop_id}"


def listing_key(listing_id: int) -> str:
    """The index key of a listing."""
    return f"l{listing_id}"


def parse_key(key: str) -> tuple[str, int]:
    """("workshop" or "listing", id) for an index key."""
    return ("workshop" if key[0] == "w" else "listing"), int(key[1:])


def workshop_document(w: Workshop) -> dict:
    """The fields of one workshop: its words, its pinyin and its exact codes."""
    categories = " ".join(c.name for c in w.categories)
    codes = [w.public_code, w.uscc or "", w.district.code or ""]
    for number in [r.number for r in w.registrations]:
        # The whole number, and its digit runs for someone who types only the serial.
        codes += [number, *re.findall(r"[0-9A-Za-z]{4,}", number)]
    return {
        "key": workshop_key(w.id),
        "kind": "workshop",
        "name": w.name,
        "words": " | ".join(
            (w.name, w.operator or "", w.address, w.district.name, categories, w.products or "")
        ),
        "chars": f"{w.name} | {w.address}",  # products are whole words: in "words"
        "pinyin": " | ".join((w.name, w.district.name, w.products or "", categories)),
        "codes": " ".join(c for c in codes if c),
        "district_id": str(w.district_id),
        "category_ids": " ".join(str(c.id) for c in w.categories),
        "expires": NO_EXPIRY,
    }


def listing_document(listing: Listing) -> dict:
    """The fields of one published listing: title, text and the subject it names."""
    plain = Markup(listing.body or "").striptags()  # noqa: S704 (text for the index, not shown)
    text = f"{plain} {listing.reason or ''}"
    subject = " ".join((listing.subject_name or "", listing.subject_address or ""))
    return {
        "key": listing_key(listing.id),
        "kind": "listing",
        "name": listing.title,
        "words": " | ".join(
            (listing.title, text, subject, listing.district.name if listing.district else "")
        ),
        "chars": f"{listing.title} | {subject} | {text}",
        "pinyin": listing.title,
        "district_id": str(listing.district_id or ""),
        "expires": expiry_number(listing.expires_on) if listing.expires_on else NO_EXPIRY,
    }


def _workshops(where):
    stmt = (
        sa.select(Workshop)
        .where(where)
        .options(
            selectinload(Workshop.district),
            selectinload(Workshop.categories),
            selectinload(Workshop.registrations),
        )
    )
    return db.session.scalars(stmt).all()


def _listings(where):
    stmt = sa.select(Listing).where(where, Listing.status == ListingStatus.PUBLISHED)
    return db.session.scalars(stmt.options(selectinload(Listing.district))).all()


def documents_for(workshop_ids, listing_ids) -> tuple[list[dict], set[str]]:
    """Fresh documents for the given records, and the keys of those gone or unpublished."""
    docs, gone = [], {workshop_key(i) for i in workshop_ids} | {listing_key(i) for i in listing_ids}
    for chunk in _chunks(sorted(workshop_ids)):
        docs += [workshop_document(w) for w in _workshops(Workshop.id.in_(chunk))]
    for chunk in _chunks(sorted(listing_ids)):
        docs += [listing_document(x) for x in _listings(Listing.id.in_(chunk))]
    return docs, gone - {d["key"] for d in docs}


def all_documents():
    """Every document, in batches of ids so that memory stays flat at province scale."""
    for model, load, make in (
        (Workshop, _workshops, workshop_document),
        (Listing, _listings, listing_document),
    ):
        last = 0
        while True:
            ids = db.session.scalars(
                sa.select(model.id).where(model.id > last).order_by(model.id).limit(BATCH)
            ).all()
            if not ids:
                break
            yield from (make(row) for row in load(model.id.in_(ids)))
            last = ids[-1]
            db.session.expunge_all()


def count_documents() -> int:
    """How many documents a complete index holds."""
    workshops = db.session.scalar(sa.select(sa.func.count(Workshop.id)))
    listings = db.session.scalar(
        sa.select(sa.func.count(Listing.id)).where(Listing.status == ListingStatus.PUBLISHED)
    )
    return workshops + listings


def expiry_number(day: date) -> int:
    """A date as the number the ``expires`` field holds."""
    return int(day.strftime("%Y%m%d"))


def _chunks(ids, size=500):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
