"""Food-safety training of workshop operators: who attended, and the year's coverage.

A workshop counts as trained in a year when its operator attended a training session
held that year by the county (``TrainingSession.workshops``). The attendees are entered
as the workshops' public codes, the same codes as on their boards.
"""

import re
from datetime import date

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, TrainingSession, Workshop, training_attendances

# Codes may be typed one per line or separated by spaces, commas or 、.
CODE_SEPARATORS = re.compile(r"[\s,，、;；]+")
MAX_ATTENDEES = 1000
FIELD = "attendees"  # the form field the codes are typed into


def latest_training(workshop_id: int, today: date) -> TrainingSession | None:
    """The most recent training up to ``today`` that the workshop's operator attended."""
    return db.session.scalar(
        sa.select(TrainingSession)
        .join(training_attendances, training_attendances.c.training_id == TrainingSession.id)
        .where(
            training_attendances.c.workshop_id == workshop_id,
            TrainingSession.held_on <= today,
        )
        .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())
        .limit(1)
    )


def trained_between(start: date, end: date):
    """SQL condition on ``Workshop``: its operator attended a training held in the span."""
    return sa.exists().where(
        training_attendances.c.workshop_id == Workshop.id,
        training_attendances.c.training_id == TrainingSession.id,
        TrainingSession.held_on.between(start, end),
    )


def split_codes(text: str) -> list[str]:
    """The distinct public codes in ``text``, upper-cased, in the order typed."""
    codes = [code.upper() for code in CODE_SEPARATORS.split(text or "") if code]
    return list(dict.fromkeys(codes))


def attendees(codes: list[str], district_id: int) -> list[Workshop]:
    """The workshops of ``district_id`` with these codes; raise ``RecordInvalid`` if one is off."""
    if len(codes) > MAX_ATTENDEES:
        raise RecordInvalid(f"一次最多登记 {MAX_ATTENDEES} 家小作坊", FIELD)
    found = {
        w.public_code: w
        for w in db.session.scalars(sa.select(Workshop).where(Workshop.public_code.in_(codes)))
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise RecordInvalid("找不到以下公示码的小作坊：" + "、".join(unknown[:10]), FIELD)
    elsewhere = [code for code in codes if found[code].district_id != district_id]
    if elsewhere:
        raise RecordInvalid(
            "以下小作坊不属于举办培训的县（市、区）：" + "、".join(elsewhere[:10]), FIELD
        )
    return [found[code] for code in codes]
