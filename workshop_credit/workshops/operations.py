"""Keeping the workshop file: every change is checked, audited and committed here."""

from sqlalchemy.exc import IntegrityError

from workshop_credit.accounts import audit
from workshop_credit.core.transactions import unit_of_work
from workshop_credit.extensions import db
from workshop_credit.models import (
    ProcessingZone,
    RecordInvalid,
    Registration,
    RegistrationStatus,
    Sampling,
    Workshop,
    WorkshopStatus,
)

# What a workshop's latest certificate says about the workshop.
STATUS_OF_CERTIFICATE = {
    RegistrationStatus.VALID: WorkshopStatus.REGISTERED,
    RegistrationStatus.EXPIRED: WorkshopStatus.EXPIRED,
    RegistrationStatus.CANCELLED: WorkshopStatus.CANCELLED,
    RegistrationStatus.REVOKED: WorkshopStatus.REVOKED,
}
DUPLICATE = "保存失败：与已有记录重复（可能刚被他人录入），请检查编号后重试"
# Unique columns a clerk types in: (table, column) -> the form field and what to say beside it.
UNIQUE_FIELDS = {
    ("workshops", "uscc"): ("uscc", "该统一社会信用代码已属于另一家作坊（可能刚被他人录入）"),
    ("registrations", "number"): ("number", "该登记证编号已被其他作坊使用（可能刚被他人录入）"),
    ("samplings", "report_number"): ("report_number", "该检验报告编号已登记过（可能刚被他人录入）"),
    ("processing_zones", "name"): ("name", "已有同名的集中加工区（可能刚被他人录入）"),
}


def workshop_snapshot(workshop: Workshop) -> dict:
    """The workshop's own values and its category names, for the audit trail."""
    return audit.snapshot(workshop, categories=[c.name for c in workshop.categories])


def record_snapshot(record) -> dict:
    """A file record's values; a sampling's failed items are part of it."""
    if isinstance(record, Sampling):
        items = [
            f"{i.item} {i.measured_value}（限量 {i.limit_value}）{i.unit}"
            for i in record.failed_items
        ]
        return audit.snapshot(record, failed_items=items)
    return audit.snapshot(record)


def sync_status(workshop: Workshop) -> None:
    """Derive the workshop's status from its latest certificate, so the public page follows."""
    latest = workshop.latest_registration
    if latest is not None:
        workshop.status = STATUS_OF_CERTIFICATE[latest.status]


def duplicate_problem(error: IntegrityError) -> RecordInvalid:
    """Which typed-in value clashed with a record already saved, as a problem on its field.

    Each database names the constraint differently in its message, but all name the
    table and column: ``workshops.uscc`` (SQLite) or ``uq_workshops_uscc`` (the others).
    """
    text = str(error.orig)
    for (table, column), (field, message) in UNIQUE_FIELDS.items():
        if f"{table}.{column}" in text or f"uq_{table}_{column}" in text:
            return RecordInvalid(message, field)
    return RecordInvalid(DUPLICATE)


def _apply(record, values: dict) -> None:
    for name, value in values.items():
        setattr(record, name, value)


def _commit(*audit_entries) -> None:
    """Flush (the models check themselves), audit, commit; on a problem roll back wholly.

    A problem is raised as ``RecordInvalid``, whose ``field`` says where to show it.
    """
    with unit_of_work(duplicate_problem):
        db.session.flush()
        for write in audit_entries:
            write()


def create_workshop(values: dict, first_registration: Registration | None, status, actor):
    """Add a workshop (and its first certificate) and return it; raise ``RecordInvalid``."""
    workshop = Workshop(status=status)
    _apply(workshop, values)
    if first_registration is not None:
        workshop.registrations.append(first_registration)
    db.session.add(workshop)

    def write():
        _created(workshop, "workshop", actor)
        if first_registration is not None:
            _created(first_registration, "registration", actor)

    _commit(write)
    return workshop


def _created(record, entity, actor):
    after = workshop_snapshot(record) if entity == "workshop" else record_snapshot(record)
    audit.record("create", entity, record.id, actor=actor, after=after)


def update_workshop(workshop: Workshop, values: dict, actor) -> Workshop:
    """Apply an edit; audit the values before and after when anything changed."""
    before = workshop_snapshot(workshop)
    _apply(workshop, values)
    _commit(lambda: _record_change(workshop, "workshop", before, actor))
    return workshop


def _record_change(record, entity, before, actor):
    after = workshop_snapshot(record) if entity == "workshop" else record_snapshot(record)
    if after != before:
        audit.record("update", entity, record.id, actor=actor, before=before, after=after)


def close_workshop(workshop: Workshop, outcome, ended_on, reason, actor) -> Registration:
    """Cancel or revoke the latest certificate; the public page shows it at once."""
    latest = workshop.latest_registration
    if latest is None:
        raise RecordInvalid("该作坊没有登记证，无需注销或撤销")
    if latest.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REVOKED):
        raise RecordInvalid("该作坊的登记证已注销或撤销")
    before, workshop_before = record_snapshot(latest), workshop.status.value
    latest.status, latest.ended_on, latest.end_reason = outcome, ended_on, reason
    sync_status(workshop)
    _commit(
        lambda: audit.record(
            outcome.value, "registration", latest.id, actor=actor,
            before=before, after=record_snapshot(latest),
        ),
        lambda: audit.record(
            "update", "workshop", workshop.id, actor=actor,
            before={"status": workshop_before}, after={"status": workshop.status.value},
        ),
    )  # fmt: skip
    return latest


def save_record(workshop, collection: str, entity: str, record, values: dict, actor):
    """Add or edit one record of the workshop's file, keeping the workshop's status in step."""
    before = None if record is None else record_snapshot(record)
    if record is None:
        record = _new_record(workshop, collection)
    _apply(record, values)
    if isinstance(record, Registration):
        sync_status(workshop)
    if before is None:
        _commit(lambda: _created(record, entity, actor))
    else:
        _commit(lambda: _record_change(record, entity, before, actor))
    return record


def _new_record(workshop, collection):
    relationship = getattr(Workshop, collection).property
    record = relationship.mapper.class_()
    if relationship.uselist:
        getattr(workshop, collection).append(record)
    else:
        setattr(workshop, collection, record)
    return record


def delete_record(workshop, collection: str, entity: str, record, actor) -> Workshop:
    """Remove a record entered by mistake; the audit entry keeps its values."""
    before = record_snapshot(record)
    getattr(workshop, collection).remove(record)
    if isinstance(record, Registration):
        sync_status(workshop)
    _commit(lambda: audit.record("delete", entity, record.id, actor=actor, before=before))
    return workshop


def save_zone(zone: ProcessingZone | None, values: dict, actor) -> ProcessingZone:
    """Add or edit a concentrated processing zone (集中加工区), audited before and after."""
    before = None if zone is None else audit.snapshot(zone)
    if zone is None:
        zone = ProcessingZone()
        db.session.add(zone)
    _apply(zone, values)

    def write():
        after = audit.snapshot(zone)
        if after != before:
            action = "create" if before is None else "update"
            audit.record(action, "zone", zone.id, actor=actor, before=before, after=after)

    _commit(write)
    return zone
