"""What a result row shows of each hit, read in one query per kind of record.

A page of ten results used to load ten ORM objects with their district and certificates
(three queries and thousands of attribute events) and then, for the page cache's key, read
their versions again. Here one plain query per kind reads the versions and everything a
row shows; no object enters the session. The status shown is still the models' rule
(``current_status``), applied to the latest certificate read with the row.
"""

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


@dataclass(frozen=True)
class Loaded:
    """The rows behind a page of hits, their versions and the latest change among them."""

    rows: dict
    versions: tuple
    last_change: datetime | None


def load(items, today: date) -> Loaded:
    """Rows and versions of the (kind, id) ``items``, in one query per kind.

    A workshop's version is its file version, which rises with any change to its file,
    and its stored grade, which the daily re-grading changes without touching the file.
    A listing's is its last change, which covers its text and its withdrawal.
    """
    rows, versions, changes = {}, [], []
    ids = {kind: [i for k, i in items if k == kind] for kind in ("workshop", "listing")}
    if ids["workshop"]:
        for row, version, changed in _workshops(ids["workshop"]):
            rows["workshop", row.id] = row
            versions.append(("workshop", row.id, *version))
            changes.append(changed)
    if ids["listing"]:
        for row, changed in _listings(ids["listing"], today):
            rows["listing", row.id] = row
            versions.append(("listing", row.id, changed))
            changes.append(changed)
    return Loaded(rows, tuple(versions), max(changes, default=None))


def _workshops(ids):
    """(row, version, last change) of each workshop, with its latest certificate."""
    stmt = (
        sa.select(
            Workshop.id, Workshop.public_code, Workshop.name, Workshop.operator,
            Workshop.address, Workshop.products, District.name, Workshop.grade,
            Workshop.status, Workshop.file_version, Workshop.updated_at,
            Registration.issued_on, Registration.id, Registration.status,
            Registration.expires_on, Registration.ended_on,
        )
        .join(District, Workshop.district)
        # The ids on the certificates too: without them, PostgreSQL's plan may read every
        # certificate (it did before the table's statistics were gathered: 150 ms).
        .outerjoin(Registration, sa.and_(Registration.workshop_id == Workshop.id,
                                         Registration.workshop_id.in_(ids)))
        .where(Workshop.id.in_(ids))
    )  # fmt: skip
    found = {}
    for row in db.session.execute(stmt):
        fields, (version, changed), certificate = row[:9], row[9:11], row[11:]
        latest = Latest(*certificate) if certificate[0] else None
        known = found.get(fields[0])
        # The latest is the one issued last, then saved last, as Workshop.latest_registration.
        if known is None or (latest and (not known[0] or latest[:2] > known[0][:2])):
            found[fields[0]] = (latest, fields, (version, fields[7]), changed)
    return [
        (WorkshopRow(*fields, (latest,) if latest else ()), version, changed)
        for latest, fields, version, changed in found.values()
    ]


def _listings(ids, today):
    """(row, last change) of each listing, saying whether the public may see it today."""
    stmt = sa.select(
        Listing.id, Listing.kind, Listing.title, Listing.body, Listing.published_at,
        listing_is_public(today), Listing.updated_at,
    ).where(Listing.id.in_(ids))  # fmt: skip
    return [
        (ListingRow(i, kind, title, plain_text(body), published, bool(public)), changed)
        for i, kind, title, body, published, public, changed in db.session.execute(stmt)
    ]


@lru_cache(maxsize=4096)
def plain_text(html: str | None) -> str:
    """A listing's sanitized body as plain text; the same body is stripped once."""
    return Markup(html or "").striptags()  # noqa: S704 (the template escapes it again)
