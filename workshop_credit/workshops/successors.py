"""The "same operator, new registration" link between two workshop files, set by staff.

A workshop whose registration ended and whose operator registered again (for example after
moving into a concentrated processing zone) points to the new file; the old QR board then
leads the shopper there, and the new file lists the old one. Checked, audited, committed here;
a refusal is raised as ``RecordInvalid`` on the form's code field and changes nothing.
"""

from datetime import date

import sqlalchemy as sa

from workshop_credit.accounts import audit
from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, User, Workshop, WorkshopStatus, current_status

FIELD = "successor_code"


def find_by_code(code: str) -> Workshop | None:
    """The workshop with public code ``code`` (upper case), or None."""
    return db.session.scalar(sa.select(Workshop).where(Workshop.public_code == code))


def check_successor(workshop: Workshop, successor: Workshop, actor: User, today: date) -> None:
    """Raise ``RecordInvalid`` saying why ``successor`` cannot be ``workshop``'s new file."""
    if successor.id == workshop.id:
        raise RecordInvalid("不能把作坊自己设为它的新档案", FIELD)
    if not actor.covers(successor.district_id):
        raise RecordInvalid(
            f"新档案“{successor.name}”属于{successor.district.name}，不在您负责的县区内，"
            "请由该县区或市局的工作人员办理",
            FIELD,
        )
    if current_status(workshop, today) == WorkshopStatus.REGISTERED:
        raise RecordInvalid("本作坊的登记仍然有效：请先注销或撤销登记，再指定新档案", FIELD)
    if _leads_back(successor, workshop):
        raise RecordInvalid(
            f"“{successor.name}”的档案已经（直接或经其他档案）指向本作坊，两份档案不能互相指向",
            FIELD,
        )


def _leads_back(start: Workshop, target: Workshop) -> bool:
    """Whether following successors from ``start`` reaches ``target``."""
    seen, current = set(), start
    while current is not None and current.id not in seen:
        if current.id == target.id:
            return True
        seen.add(current.id)
        current = current.successor
    return False


def set_successor(
    workshop: Workshop, successor: Workshop | None, actor: User, today: date
) -> Workshop:
    """Link ``workshop`` to its new file (None removes the link); audited, committed."""
    if successor is not None:
        check_successor(workshop, successor, actor, today)
    before = workshop.successor.public_code if workshop.successor else None
    after = successor.public_code if successor else None
    if before == after:
        return workshop
    # The column itself, not the relationship: the file-version hook reads its history.
    workshop.successor_id = successor.id if successor else None
    audit.record(
        "update",
        "workshop",
        workshop.id,
        actor=actor,
        before={"successor": before},
        after={"successor": after},
    )
    db.session.commit()
    return workshop
