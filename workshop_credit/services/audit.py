"""Append entries to the audit log inside the caller's transaction."""

from ..extensions import db
from ..models import AuditEntry


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
