"""What a result row shows of each hit: stored in the index with the record's document,
or, for the plain database match, read in one query per kind of record.

A results page reads no database: the index stores each record's row when it indexes the
record (``stored_workshop``, ``stored_listing``), so the rows come from the same state of
the index as the hits, at most one sync behind the database. The status shown is still the
models' rule (``current_status``), worked out for the day of the search from the latest
certificate stored with the row, so a certificate that ends overnight shows as ended the
next morning.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

import sqlalchemy as sa
from markupsafe import Markup

from workshop_credit.extensions import db
from workshop_credit.listings.queries import listing_is_public
from workshop_credit.models import (
    District,
    Listing,
    ListingKind,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)


def _rule(model, name):
    """The Python side of the model's own rule (a hybrid method), not a copy of it."""
    return vars(model)[name].func


class Latest(NamedTuple):
    """A workshop's latest certificate: as much of it as the current status needs."""

    issued_on: date
    id: int
    status: RegistrationStatus
    expires_on: date
    ended_on: date | None

    in_force_on = _rule(Registration, "in_force_on")
    valid_on = _rule(Registration, "valid_on")


@dataclass(frozen=True)
class WorkshopRow:
    """What a result shows of a workshop; ``current_status`` reads it like the model."""

    id: int
    public_code: str
    name: str
    operator: str
    address: str
    products: str
    district_name: str
    grade: str | None
    status: WorkshopStatus
    registrations: tuple[Latest, ...] = ()

    latest_valid_on = _rule(Workshop, "latest_valid_on")

    @property
    def latest_registration(self) -> Latest | None:
        """The latest certificate, read with the row."""
        return self.registrations[0] if self.registrations else None


@dataclass(frozen=True)
class ListingRow:
    """What a result shows of a listing; ``public`` says whether it may be shown today."""

    id: int
    kind: ListingKind
    title: str
    text: str
    published_at: datetime | None
    public: bool


def latest_of(certificates) -> Latest | None:
    """The latest certificate: the one issued last, then saved last, as
    ``Workshop.latest_registration``."""
    return max(certificates, key=lambda certificate: certificate[:2], default=None)


def stored_workshop(w, latest: Latest | None) -> tuple:
    """What the index stores of a workshop for its result row: plain values only."""
    certificate = (*latest[:2], latest.status.value, *latest[3:]) if latest else None
    fields = (w.public_code, w.name, w.operator, w.address, w.products, w.district_name)
    return (*fields, w.grade, w.status.value, certificate, w.updated_at)


def stored_listing(listing) -> tuple:
    """What the index stores of a published listing for its result row."""
    text = plain_text(listing.body)
    return (listing.kind.value, listing.title, text, listing.published_at, listing.updated_at)


@dataclass(frozen=True)
class Loaded:
    """The rows behind a page of hits, what they were read from, and the latest change
    among them: the page cache keys a results page by what its rows show."""

    rows: dict
    versions: tuple
    last_change: datetime | None


def from_index(items, stored) -> Loaded:
    """The rows of the (kind, id) ``items`` from what the index stored of them (``stored``,
    in the same order). Only published, unexpired listings are hits, so all are public."""
    rows, changes = {}, []
    for (kind, i), values in zip(items, stored, strict=True):
        if kind == "workshop":
            *fields, grade, status, certificate, changed = values
            registrations = ()
            if certificate:
                issued, number, state, *ends = certificate
                registrations = (Latest(issued, number, RegistrationStatus(state), *ends),)
            row = WorkshopRow(i, *fields, grade, WorkshopStatus(status), registrations)
        else:
            kind_value, title, text, published, changed = values
            row = ListingRow(i, ListingKind(kind_value), title, text, published, True)
        rows[kind, i] = row
        changes.append(changed)
    return Loaded(rows, tuple(stored), max(changes, default=None))


def load(items, today: date) -> dict:
    """The rows of the (kind, id) ``items`` read from the database, in one query per kind:
    for the plain match that answers when the index cannot."""
    ids = {kind: [i for k, i in items if k == kind] for kind in ("workshop", "listing")}
    rows = {("workshop", row.id): row for row in _workshops(ids["workshop"])}
    rows.update((("listing", row.id), row) for row in _listings(ids["listing"], today))
    return rows


def _workshops(ids):
    """The row of each workshop, with its latest certificate."""
    if not ids:
        return []
    stmt = (
        sa.select(
            Workshop.id, Workshop.public_code, Workshop.name, Workshop.operator,
            Workshop.address, Workshop.products, District.name, Workshop.grade,
            Workshop.status, Registration.issued_on, Registration.id, Registration.status,
            Registration.expires_on, Registration.ended_on,
        )
        .join(District, Workshop.district)
        # The ids on the certificates too: without them, PostgreSQL's plan may read every
        # certificate (it did before the table's statistics were gathered: 150 ms).
        .outerjoin(Registration, sa.and_(Registration.workshop_id == Workshop.id,
                                         Registration.workshop_id.in_(ids)))
        .where(Workshop.id.in_(ids))
    )  # fmt: skip
    fields, certificates = {}, defaultdict(list)
    for row in db.session.execute(stmt):
        fields[row[0]] = row[:9]
        if row[9] is not None:
            certificates[row[0]].append(Latest(*row[9:]))
    return [
        WorkshopRow(*values, tuple(filter(None, [latest_of(certificates[i])])))
        for i, values in fields.items()
    ]


def _listings(ids, today):
    """The row of each listing, saying whether the public may see it today."""
    if not ids:
        return []
    stmt = sa.select(
        Listing.id, Listing.kind, Listing.title, Listing.body, Listing.published_at,
        listing_is_public(today),
    ).where(Listing.id.in_(ids))  # fmt: skip
    return [
        ListingRow(i, kind, title, plain_text(body), published, bool(public))
        for i, kind, title, body, published, public in db.session.execute(stmt)
    ]


@lru_cache(maxsize=4096)
def plain_text(html: str | None) -> str:
    """A listing's sanitized body as plain text; the same body is stripped once."""
    return Markup(html or "").striptags()  # noqa: S704 (the template escapes it again)
