"""An import's new workshops, written with a few bulk INSERT statements once every row passed.

Creating ten thousand workshops through the unit of work costs most of an import's time,
so new rows go in as Core ``executemany`` statements instead. The ORM's session hooks do
not see them, so this module does their part by hand: the stored grade, the search outbox
and the audit trail, all inside the caller's transaction.
"""

import sqlalchemy as sa

from workshop_credit.accounts import audit
from workshop_credit.extensions import db
from workshop_credit.models import Registration, Workshop
from workshop_credit.models.workshop import new_public_code, workshop_categories
from workshop_credit.search_index import outbox
from workshop_credit.workshops import grading
from workshop_credit.workshops.operations import STATUS_OF_CERTIFICATE

CHUNK = 500
SKIPPED = ("created_at", "updated_at")
REGISTRATION_FIELDS = ("number", "issued_on", "expires_on", "issuing_office", "status")


def insert_new(rows, categories, actor=None, label="") -> None:
    """Insert the workshops, categories and certificates of ``rows``; audit and announce them."""
    if not rows:
        return
    workshops = [_workshop_row(v, categories) for v in rows]
    db.session.execute(sa.insert(Workshop.__table__), workshops)
    ids = _ids(Workshop.uscc, [v["uscc"] for v in rows])
    links = [
        {"workshop_id": ids[v["uscc"]], "category_id": c} for v in rows for c in v["category_ids"]
    ]
    db.session.execute(sa.insert(workshop_categories), links)
    certificates = [
        {"workshop_id": ids[v["uscc"]], "end_reason": "", **{k: v[k] for k in REGISTRATION_FIELDS}}
        for v in rows
    ]
    db.session.execute(sa.insert(Registration.__table__), certificates)
    certificate_ids = _ids(Registration.number, [v["number"] for v in rows])
    outbox.announce(db.session, "workshop", ids.values())
    entries = []
    for v, workshop, certificate in zip(rows, workshops, certificates, strict=True):
        names = [categories[c].name for c in v["category_ids"]]
        after = _snapshot(Workshop, {**workshop, "id": ids[v["uscc"]]}, categories=names)
        entries.append(("workshop", ids[v["uscc"]], None, after))
        number_id = certificate_ids[v["number"]]
        entries.append(("registration", number_id, None, _snapshot(
            Registration, {**certificate, "id": number_id, "ended_on": None})))  # fmt: skip
    audit.record_many("import", entries, actor=actor, actor_label=label)


def _workshop_row(v, categories):
    """The columns of a new workshop, its grade included (a new file holds only a certificate)."""
    status = STATUS_OF_CERTIFICATE[v["status"]]
    risk = max((categories[c].risk_level for c in v["category_ids"]), default=2)
    verdict = grading.grade(grading.GradeFacts(status=status, risk_level=risk))
    return {
        "public_code": new_public_code(),
        "name": v["name"],
        "operator": v["operator"],
        "uscc": v["uscc"],
        "address": v["address"],
        "district_id": v["district_id"],
        "products": v["products"],
        "status": status,
        "zone_id": None,
        "grade": verdict.letter if verdict else None,
        "grade_reason": verdict.reason if verdict else "",
        "file_version": 1,
    }


def _ids(column, keys):
    """The ids of the rows just inserted, by their unique key."""
    model_id = column.class_.id
    found = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        found.update(db.session.execute(sa.select(column, model_id).where(column.in_(chunk))).all())
    return found


def _snapshot(model, values, **extra):
    """The same values ``audit.snapshot`` takes from a loaded record."""
    columns = model.__table__.columns
    snapshot = {c.key: audit.jsonable(values.get(c.key)) for c in columns if c.key not in SKIPPED}
    snapshot.update(extra)
    return snapshot
