"""The records that make up a workshop's file (一户一档), listed once.

Each kind names its model and the relationship of ``Workshop`` that holds it. The file
version (and so the landing page's cache), the search outbox and the landing page's loading
all read this table: a new kind of record in the file is one more line here.
"""

from dataclasses import dataclass

from sqlalchemy.orm import joinedload, selectinload

from workshop_credit.models import (
    Board,
    HealthCertificate,
    Honour,
    Inspection,
    Interview,
    Listing,
    Penalty,
    Registration,
    Sampling,
    Supplier,
    Workshop,
)


@dataclass(frozen=True)
class FileRecord:
    """One kind of record in a workshop's file."""

    model: type
    # The relationship of Workshop that holds it; None when pages query it (listings).
    collection: str | None
    # Whether it feeds the workshop's search document (certificate numbers do).
    searched: bool = False
    # Relationships of the record itself that the landing page shows too.
    nested: tuple[str, ...] = ()


FILE = (
    FileRecord(Registration, "registrations", searched=True),
    FileRecord(Board, "board"),
    FileRecord(HealthCertificate, "health_certificates"),
    FileRecord(Supplier, "suppliers"),
    FileRecord(Inspection, "inspections"),
    FileRecord(Sampling, "samplings", nested=("failed_items",)),
    FileRecord(Penalty, "penalties", nested=("referral",)),
    FileRecord(Interview, "interviews"),
    FileRecord(Honour, "honours"),
    FileRecord(Listing, None),
)
FILE_RECORDS = tuple(kind.model for kind in FILE)
SEARCHED_RECORDS = tuple(kind.model for kind in FILE if kind.searched)


def loader_options() -> list:
    """Eager loads that read every record of a file in a fixed number of queries."""
    options = []
    for kind in FILE:
        if kind.collection is None:
            continue
        relationship = getattr(Workshop, kind.collection)
        load = selectinload if relationship.property.uselist else joinedload
        option = load(relationship)
        for name in kind.nested:
            nested = getattr(kind.model, name)
            option = (option.selectinload if nested.property.uselist else option.joinedload)(nested)
        options.append(option)
    return options
