"""Append entries to the audit log inside the caller's transaction."""

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, utcnow


def record(action, entity_type, entity_id, *, actor=None, actor_label="", before=None, after=None):
    """Add one audit entry; it is committed together with the change it describes."""
    entry = AuditEntry(
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        actor=actor,
        actor_label=actor_label or ("" if actor else "system"),
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry


def record_many(action, entries, *, actor=None, actor_label="") -> None:
    """Append many entries with one INSERT: ``entries`` are (entity type, id, before, after)."""
    if not entries:
        return
    when = utcnow()
    rows = [
        {
            "created_at": when,
            "action": action,
            "entity_type": entity_type,
            "entity_id": str(entity_id),
            "actor_id": actor.id if actor else None,
            "actor_label": actor_label or ("" if actor else "system"),
            "before": before,
            "after": after,
        }
        for entity_type, entity_id, before, after in entries
    ]
    db.session.execute(sa.insert(AuditEntry.__table__), rows)


def jsonable(value):
    """A column value as JSON: dates in ISO form, enumerations and decimals as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def snapshot(obj, **extra):
    """The record's column values (without bookkeeping times) for a before/after entry."""
    values = {
        column.key: jsonable(getattr(obj, column.key))
        for column in sa.inspect(obj).mapper.column_attrs
        if column.key not in ("created_at", "updated_at")
    }
    values.update(extra)
    return values
