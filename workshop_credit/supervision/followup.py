"""Follow-up sampling (整改后跟踪抽检): after a failed batch is disposed of, sample again.

The rule, defined once here for the public page, the worklist and the statistics: a
failed sampling whose disposal is recorded is followed up by a later sampling of the same
workshop, taken on or after the disposal day, of the same product or recorded as its
follow-up (``Sampling.follow_up_of``). The follow-up falls due ``FOLLOW_UP_SAMPLING_DAYS``
days (60 unless configured) after the disposal, and is in time when taken by then.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import aliased

from workshop_credit.core.i18n import N_
from workshop_credit.extensions import db
from workshop_credit.models import Sampling, SamplingResult, Workshop

PASSED, FAILED, DUE, OVERDUE = "passed", "failed", "due", "overdue"
# What the public page says after "整改后跟踪抽检：".
LABELS = {
    PASSED: N_("合格"),
    FAILED: N_("不合格"),
    DUE: N_("待抽检"),
    OVERDUE: N_("待抽检（已超过期限）"),
}


@dataclass(frozen=True)
class FollowUp:
    """Where one failed batch's follow-up stands: its state, due day and first follow-up."""

    state: str
    due_on: date
    sampling: object = None

    @property
    def label(self) -> str:
        """The state in words (a message id)."""
        return LABELS[self.state]


def allowed_days() -> int:
    """How many days after the disposal the follow-up sampling is due."""
    return current_app.config["FOLLOW_UP_SAMPLING_DAYS"]


def due_on(failed) -> date | None:
    """The day the follow-up of ``failed`` is due, or None while nothing is due yet."""
    if failed.result != SamplingResult.FAIL or failed.disposed_on is None:
        return None
    return failed.disposed_on + timedelta(days=allowed_days())


def follows(later, failed) -> bool:
    """Whether the sampling ``later`` is a follow-up of the disposed failed sampling ``failed``."""
    return (
        later.id != failed.id
        and later.sampled_on > failed.sampled_on
        and later.sampled_on >= failed.disposed_on
        and (later.follow_up_of_id == failed.id or later.product == failed.product)
    )


def follow_up_of(failed, samplings, today: date) -> FollowUp | None:
    """Where the follow-up of ``failed`` stands on ``today``, among the workshop's samplings."""
    due = due_on(failed)
    if due is None:
        return None
    later = [s for s in samplings if s.sampled_on <= today and follows(s, failed)]
    if later:
        first = min(later, key=lambda s: (s.sampled_on, s.id))
        return FollowUp(PASSED if first.result == SamplingResult.PASS else FAILED, due, first)
    return FollowUp(OVERDUE if today > due else DUE, due, None)


def follow_ups(samplings, today: date) -> dict[int, FollowUp]:
    """The follow-up of every disposed failed sampling of one workshop, by sampling id."""
    found = {s.id: follow_up_of(s, samplings, today) for s in samplings}
    return {key: value for key, value in found.items() if value is not None}


def awaiting_follow_up():
    """SQL condition on ``Workshop``: a disposed failed batch that nothing has followed up."""
    failed, later = aliased(Sampling), aliased(Sampling)
    followed = sa.exists().where(
        later.workshop_id == failed.workshop_id,
        later.sampled_on > failed.sampled_on,
        later.sampled_on >= failed.disposed_on,
        sa.or_(later.follow_up_of_id == failed.id, later.product == failed.product),
    )
    return sa.exists().where(
        failed.workshop_id == Workshop.id,
        failed.result == SamplingResult.FAIL,
        failed.disposed_on.is_not(None),
        ~followed,
    )


def batches_due_between(start: date, end: date) -> list[tuple[int, int, bool]]:
    """(workshop id, district id, followed up in time) of each failed batch whose follow-up
    fell due between ``start`` and ``end``: its disposal day plus the allowed days.

    Date arithmetic differs on every database, so the span is shifted here instead.
    """
    shift = timedelta(days=allowed_days())
    failed = db.session.execute(
        sa.select(Sampling, Workshop.district_id)
        .join(Workshop, Workshop.id == Sampling.workshop_id)
        .where(
            Sampling.result == SamplingResult.FAIL,
            Sampling.disposed_on.between(start - shift, end - shift),
        )
    ).all()
    later = _samplings_after(
        {s.workshop_id for s, _ in failed}, min((s.sampled_on for s, _ in failed), default=end)
    )
    return [
        (
            f.workshop_id,
            district_id,
            any(follows(s, f) and s.sampled_on <= due_on(f) for s in later[f.workshop_id]),
        )
        for f, district_id in failed
    ]


def _samplings_after(workshop_ids, day: date) -> dict[int, list]:
    """The samplings of ``workshop_ids`` taken after ``day``, per workshop."""
    found = defaultdict(list)
    if workshop_ids:
        for sampling in db.session.scalars(
            sa.select(Sampling).where(
                Sampling.workshop_id.in_(sorted(workshop_ids)), Sampling.sampled_on > day
            )
        ):
            found[sampling.workshop_id].append(sampling)
    return found
