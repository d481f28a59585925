"""Writes of the supervision tools: referrals to the police and training sessions.

Each write is checked, audited and committed here, and raises the file version of the
workshops whose public page shows it, so no cached page keeps the old state. A refusal is
raised as ``RecordInvalid`` and changes nothing.
"""

from datetime import date

import sqlalchemy as sa

from workshop_credit.accounts import audit
from workshop_credit.core.transactions import unit_of_work
from workshop_credit.extensions import db
from workshop_credit.models import Penalty, RecordInvalid, Referral, TrainingSession, Workshop
from workshop_credit.supervision import referrals, training

REFERRED_TWICE = "该案件已登记过移送记录（可能刚被他人录入），请刷新后修改"


def refer(case, referred_on: date, office: str, actor, today: date) -> Referral:
    """Record (or correct) that a penalty or a substantiated tip-off went to the police."""
    _check_referral(case, referred_on, today)
    referral = case.referral
    before = None if referral is None else audit.snapshot(referral)
    if referral is None:
        referral = case.referral = Referral(district_id=_district_of(case))
    referral.referred_on, referral.receiving_office = referred_on, office.strip()
    # The file's version also keys the counts on /stats, which include the referral.
    owners = [case.workshop_id] if case.workshop_id is not None else []
    _commit(lambda: _audit("referral", referral, before, actor), owners)
    return referral


def _district_of(case) -> int | None:
    """The county that refers: the penalised workshop's, or the one handling the tip-off."""
    return case.workshop.district_id if isinstance(case, Penalty) else case.handling_district_id


def _check_referral(case, referred_on, today) -> None:
    if not isinstance(case, Penalty):
        if not referrals.report_may_be_referred(case):
            raise RecordInvalid("只有调查结果为“举报属实”的举报才能登记移送公安机关")
        if case.handling_district_id is None:
            raise RecordInvalid("请先为该举报指定承办的县（市、区）")
    earliest = referrals.earliest_day(case)
    if referred_on > today:
        raise RecordInvalid("移送日期不能晚于今天", "referred_on")
    if referred_on < earliest:
        what = "处罚决定日期" if isinstance(case, Penalty) else "举报提交日期"
        raise RecordInvalid(f"移送日期不能早于{what}（{earliest.isoformat()}）", "referred_on")


def save_training(
    session: TrainingSession | None, values: dict, codes: list[str], actor, today: date
) -> TrainingSession:
    """Add or edit a training session and its attendees (given as public codes)."""
    if values["held_on"] > today:
        raise RecordInvalid("培训日期不能晚于今天", "held_on")
    workshops = training.attendees(codes, values["district_id"])
    before, owners = None, set()
    if session is not None:
        before = _training_snapshot(session)
        owners = {w.id for w in session.workshops}
    else:
        session = TrainingSession()
        db.session.add(session)
    for name, value in values.items():
        setattr(session, name, value)
    session.workshops = workshops
    owners |= {w.id for w in workshops}
    _commit(lambda: _audit("training", session, before, actor), owners)
    return session


def _training_snapshot(session: TrainingSession) -> dict:
    return audit.snapshot(session, attendees=[w.public_code for w in session.workshops])


def _audit(entity, record, before, actor) -> None:
    """One audit entry: created, or changed with the values before and after."""
    if isinstance(record, TrainingSession):
        after = _training_snapshot(record)
    else:
        after = audit.snapshot(record)
    if after != before:
        action = "create" if before is None else "update"
        audit.record(action, entity, record.id, actor=actor, before=before, after=after)


def _raise_file_versions(workshop_ids) -> None:
    """Raise the file version of the workshops whose public page shows the change.

    Referrals and training do not enter the grade, so unlike ``grades.files_changed``
    nothing is re-graded.
    """
    db.session.execute(
        sa.update(Workshop)
        .where(Workshop.id.in_(workshop_ids))
        .values(file_version=Workshop.file_version + 1)
        .execution_options(synchronize_session=False)
    )


def _commit(write, workshop_ids) -> None:
    """Flush (the models check themselves), audit, raise the files' versions, commit.

    On a problem everything is rolled back and ``RecordInvalid`` raised.
    """
    with unit_of_work(lambda _error: RecordInvalid(REFERRED_TWICE)):
        db.session.flush()
        write()
        if workshop_ids:
            _raise_file_versions(sorted(workshop_ids))
