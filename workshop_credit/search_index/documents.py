"""What the index holds of each record, read from the database (the source of truth).

A document is a plain dict of field values keyed ``w<id>`` (workshop) or ``l<id>``
(published listing), with the record's result row stored beside it (``rows.stored_*``):
the results page reads its rows from the index, not the database.
"""

import re
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from markupsafe import Markup

from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Listing,
    ListingStatus,
    Registration,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.models.workshop import workshop_categories
from workshop_credit.search_index import rows
from workshop_credit.search_index.schema import PART, words_value

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


def workshop_document(w, categories, numbers, latest=None) -> dict:
    """The fields of one workshop row: its words, its pinyin, its exact codes and its row.

    ``categories`` are its (id, name) pairs, ``numbers`` its registration numbers,
    ``latest`` its latest certificate (``rows.Latest``).
    """
    names = " ".join(name for _, name in categories)
    codes = [w.public_code, w.uscc or "", w.district_code or ""]
    for number in numbers:
        # The whole number, and its digit runs for someone who types only the serial.
        codes += [number, *re.findall(r"[0-9A-Za-z]{4,}", number)]
    return {
        "key": workshop_key(w.id),
        "words": words_value(
            w.name, w.operator, w.address, w.district_name, names, w.products, _standing(w)
        ),
        # An operator's name is often cut into single characters, found only here. Products
        # are whole words: in "words".
        "chars": PART.join((w.name, w.address, w.operator or "")),
        "pinyin": PART.join((w.name, w.district_name, w.products or "", names)),
        "codes": " ".join(c for c in codes if c),
        "district_id": str(w.district_id),
        "category_ids": " ".join(str(i) for i, _ in categories),
        "row": rows.stored_workshop(w, latest),
    }


def _standing(w) -> str:
    """The label of a stored status other than registered (无证, 已注销, 被撤销): a consumer
    may search for 无证辣椒酱. The stored one only: expiry by date is not in the index."""
    return "" if w.status == WorkshopStatus.REGISTERED else w.status.label


def listing_document(listing) -> dict:
    """The fields of one published listing row: title, text and the subject it names."""
    plain = Markup(listing.body or "").striptags()  # noqa: S704 (text for the index, not shown)
    text = f"{plain} {listing.reason or ''}"
    subject = " ".join((listing.subject_name or "", listing.subject_address or ""))
    return {
        "key": listing_key(listing.id),
        "words": words_value(listing.title, text, subject, listing.district_name or ""),
        "chars": PART.join((listing.title, subject, text)),
        "pinyin": listing.title,
        "district_id": str(listing.district_id or ""),
        "expires": expiry_number(listing.expires_on) if listing.expires_on else NO_EXPIRY,
        "row": rows.stored_listing(listing),
    }


def _workshop_documents(ids) -> list[dict]:
    """The documents of the workshops with these ids."""
    found = db.session.execute(
        sa.select(
            Workshop.id,
            Workshop.name,
            Workshop.operator,
            Workshop.address,
            Workshop.products,
            Workshop.public_code,
            Workshop.uscc,
            Workshop.district_id,
            Workshop.status,
            Workshop.grade,
            Workshop.updated_at,
            District.name.label("district_name"),
            District.code.label("district_code"),
        )
        .join(District, Workshop.district)
        .where(Workshop.id.in_(ids))
        .order_by(Workshop.id)
    )
    categories, numbers, certificates = defaultdict(list), defaultdict(list), defaultdict(list)
    links = workshop_categories.c
    for workshop_id, *category in db.session.execute(
        sa.select(links.workshop_id, Category.id, Category.name)
        .join(Category, Category.id == links.category_id)
        .where(links.workshop_id.in_(ids))
        .order_by(Category.sort_order)
    ):
        categories[workshop_id].append(category)
    for workshop_id, number, *certificate in db.session.execute(
        sa.select(
            Registration.workshop_id, Registration.number, Registration.issued_on,
            Registration.id, Registration.status, Registration.expires_on, Registration.ended_on,
        ).where(Registration.workshop_id.in_(ids))
    ):  # fmt: skip
        numbers[workshop_id].append(number)
        certificates[workshop_id].append(rows.Latest(*certificate))
    return [
        workshop_document(w, categories[w.id], numbers[w.id], rows.latest_of(certificates[w.id]))
        for w in found
    ]


def _listing_documents(ids) -> list[dict]:
    """The documents of the published listings among these ids."""
    found = db.session.execute(
        sa.select(
            Listing.id,
            Listing.kind,
            Listing.title,
            Listing.body,
            Listing.reason,
            Listing.subject_name,
            Listing.subject_address,
            Listing.district_id,
            Listing.expires_on,
            Listing.published_at,
            Listing.updated_at,
            District.name.label("district_name"),
        )
        .outerjoin(District, Listing.district)
        .where(Listing.id.in_(ids), Listing.status == ListingStatus.PUBLISHED)
        .order_by(Listing.id)
    )
    return [listing_document(row) for row in found]


def documents_for(workshop_ids, listing_ids) -> tuple[list[dict], set[str]]:
    """Fresh documents for the given records, and the keys of those gone or unpublished."""
    docs, gone = [], {workshop_key(i) for i in workshop_ids} | {listing_key(i) for i in listing_ids}
    for chunk in _chunks(sorted(workshop_ids)):
        docs += _workshop_documents(chunk)
    for chunk in _chunks(sorted(listing_ids)):
        docs += _listing_documents(chunk)
    return docs, gone - {d["key"] for d in docs}


def parts(count: int) -> list[tuple[list[int], list[int]]]:
    """Every record's ids, (workshop ids, published listing ids), cut into ``count`` runs
    of about as many documents, in the order ``all_documents`` reads them.

    Each process of a rebuild reads and writes one run, so that the runs' segments, one
    after the other, number the documents as a single process would.
    """
    workshops = db.session.scalars(sa.select(Workshop.id).order_by(Workshop.id)).all()
    listings = db.session.scalars(
        sa.select(Listing.id).where(Listing.status == ListingStatus.PUBLISHED).order_by(Listing.id)
    ).all()
    ids = [(workshop_key, i) for i in workshops] + [(listing_key, i) for i in listings]
    size = max(1, -(-len(ids) // count))
    runs = [ids[start : start + size] for start in range(0, len(ids), size)] or [[]]
    return [tuple([i for kind, i in run if kind is key] for key in (workshop_key, listing_key))
            for run in runs]  # fmt: skip


def all_documents(part=None):
    """Every document, or those of ``part`` (from ``parts``), in order of kind and id, read
    in batches so that memory stays flat at province scale.

    Records are read as rows, not ORM objects: nothing piles up in the session, and
    building objects for 100,000 workshops and their certificates was most of the 14 s a
    rebuild spent reading.
    """
    workshops, listings = part or parts(1)[0]
    for ids, load in ((workshops, _workshop_documents), (listings, _listing_documents)):
        for chunk in _chunks(ids, BATCH):
            yield from load(chunk)


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
