"""The county rosters of law-enforcement staff (执法检查人员名录库): reads and audited writes."""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from workshop_credit.accounts import audit
from workshop_credit.core.transactions import unit_of_work
from workshop_credit.extensions import db
from workshop_credit.models import Inspector, RecordInvalid, Role, User

DUPLICATES = {
    "certificate_number": ("certificate_number", "该执法证号已在名录中（可能刚被他人录入）"),
    "user_id": ("user_id", "该账号已关联另一名执法人员"),
}


def roster(district_id: int | None, *, active_only=False):
    """The inspectors of one county (or of every county for None), by county and number."""
    stmt = sa.select(Inspector).order_by(Inspector.district_id, Inspector.certificate_number)
    if district_id is not None:
        stmt = stmt.where(Inspector.district_id == district_id)
    if active_only:
        stmt = stmt.where(Inspector.is_active.is_(True))
    return db.session.scalars(stmt).all()


def active_roster(district_id: int) -> list[Inspector]:
    """The county's inspectors who may be drawn, in the order of their certificate numbers."""
    return roster(district_id, active_only=True)


def linkable_accounts(district_id: int | None) -> list[User]:
    """Active regulator accounts of the county (or city-wide) that a roster entry may name."""
    return db.session.scalars(
        sa.select(User)
        .where(
            User.role == Role.REGULATOR,
            User.is_active.is_(True),
            sa.or_(User.district_id == district_id, User.district_id.is_(None)),
        )
        .order_by(User.username)
    ).all()


def save_inspector(inspector: Inspector | None, values: dict, actor) -> Inspector:
    """Add or edit a roster entry, audited before and after; raise ``RecordInvalid`` on a clash."""
    before = None if inspector is None else audit.snapshot(inspector)
    with db.session.no_autoflush:  # reading other records while filling it in
        inspector = inspector or Inspector()
        for name, value in values.items():
            setattr(inspector, name, value)
    db.session.add(inspector)
    with unit_of_work(_duplicate):
        db.session.flush()
        after = audit.snapshot(inspector)
        if after != before:
            action = "create" if before is None else "update"
            audit.record(action, "inspector", inspector.id, actor=actor, before=before, after=after)
    return inspector


def _duplicate(error: IntegrityError) -> RecordInvalid:
    text = str(error.orig)
    for column, (field, message) in DUPLICATES.items():
        if f"inspectors.{column}" in text or f"uq_inspectors_{column}" in text:
            return RecordInvalid(message, field)
    return RecordInvalid("保存失败：与已有记录重复，请检查后重试")
