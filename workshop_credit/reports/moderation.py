"""Moderating tip-offs: taking a step of the workflow, the reward decision and the audit
trail.

The steps, their effects and their time limits are the tables of ``reports.workflow``; a
step that the report's status does not allow is refused here, whatever a page offers.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask import current_app

from workshop_credit.accounts import audit
from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.core.workdays import add_working_days
from workshop_credit.extensions import db
from workshop_credit.models import (
    RecordInvalid,
    Report,
    ReportEvent,
    RewardDecision,
    User,
    utcnow,
)
from workshop_credit.models.report import REWARD_TIER_LABELS
from workshop_credit.reports import workflow
from workshop_credit.reports.workflow import Step


def available_actions(report: Report) -> list[str]:
    """The names of the steps that the report's status allows now."""
    return workflow.available(report.status)


def act(report: Report, name: str, actor: User, step: Step) -> None:
    """Take the step ``name`` on ``report``, or raise ``RecordInvalid`` saying why not."""
    transition = workflow.allowed(report.status, name)
    _require_note(step.note)
    if transition.reply_required and not step.reply.strip():
        raise RecordInvalid("请填写给举报人的答复")
    if step.duplicate_of is not None and not actor.covers(step.duplicate_of.handling_district_id):
        raise RecordInvalid(not_yours(step.duplicate_of.id))
    before = report.status
    if transition.effect is not None:
        transition.effect.apply(report, step)
    report.status = transition.target or before
    report.due_on = workflow.due_after_step(before, report.status, report.due_on, local_today())
    report.events.append(
        ReportEvent(
            status=transition.target, actor=actor, public_reply=step.reply, internal_note=step.note
        )
    )
    links = transition.effect.links(report) if transition.effect else {}
    after, was = {"status": report.status.value, **links}, {"status": before.value}
    audit.record(f"report.{name}", "report", report.id, actor=actor, before=was, after=after)
    db.session.commit()


def not_yours(report_id: int) -> str:
    """The one refusal for a report that does not exist or that another county handles."""
    return f"没有内部编号为 {report_id} 且由您负责的举报"


def record_identity_view(report: Report, actor: User) -> None:
    """Every look at a reporter's name and phone leaves an audit entry."""
    audit.record("report.view_identity", "report", report.id, actor=actor)
    db.session.commit()


def record_export(actor: User, count: int) -> None:
    """Exports are audited too, though they never carry an identity."""
    audit.record("report.export", "report", "*", actor=actor, after={"rows": count})
    db.session.commit()


# --- rewards: decided, approved by a second person, paid -------------------------------


def reward_amount(tier: int, basis: Decimal) -> Decimal:
    """The tier's share of fines and confiscations, at least its minimum, at most the cap."""
    share, minimum = current_app.config["REPORT_REWARD_TIERS"][tier]
    amount = max(Decimal(basis) * Decimal(share), Decimal(minimum))
    amount = min(amount, Decimal(current_app.config["REPORT_REWARD_CAP"]))
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def reward_rules() -> dict:
    """The configured tiers and cap, worded for the form: ("一级", "5%", "5,000")."""
    tiers = [
        (REWARD_TIER_LABELS[tier], f"{(Decimal(share) * 100).normalize():f}%", f"{minimum:,}")
        for tier, (share, minimum) in sorted(current_app.config["REPORT_REWARD_TIERS"].items())
    ]
    return {"tiers": tiers, "cap": f"{current_app.config['REPORT_REWARD_CAP']:,}"}


def can_decide_reward(report: Report) -> bool:
    """A substantiated real-name report whose reporter asked for a reward, not yet approved."""
    substantiated = workflow.found_true(event.status for event in report.events)
    approved = report.reward is not None and report.reward.approved_by_id is not None
    return report.wants_reward and not report.is_anonymous and substantiated and not approved


def decide_reward(report: Report, actor: User, tier: int, note: str) -> RewardDecision:
    """Propose (or revise, until approved) the reward computed from the linked penalty."""
    _require_note(note)
    if not can_decide_reward(report):
        raise RecordInvalid("只有举报属实、实名并申请奖励、且尚未审批的举报可以决定奖励")
    if tier not in current_app.config["REPORT_REWARD_TIERS"]:
        raise RecordInvalid("奖励等级应为一级、二级或三级")
    penalty = report.penalty
    basis = penalty.fine_amount + penalty.confiscated_amount if penalty else Decimal(0)
    amount = reward_amount(tier, basis)
    values = {
        "reward_tier": tier,
        "basis_amount": basis,
        "amount": amount,
        "decided_by_id": actor.id,
    }
    if report.reward is None:
        report.reward = RewardDecision(**values)
    else:
        for name, value in values.items():
            setattr(report.reward, name, value)
    _reward_step(report, actor, "reward_decide", note, {"reward_tier": tier, "amount": str(amount)})
    return report.reward


def approve_reward(report: Report, actor: User, note: str) -> None:
    """A second person approves; the reporter then sees the reward and its claim deadline."""
    _require_note(note)
    reward = report.reward
    if reward is None or reward.approved_by_id is not None:
        raise RecordInvalid("没有待审批的奖励")
    if reward.decided_by_id == actor.id:
        raise RecordInvalid("奖励须由另一名工作人员审批")
    today = local_today()
    reward.approved_by_id, reward.approved_at = actor.id, utcnow()
    reward.claim_deadline = claim_deadline(today)
    reply = approval_reply(reward)
    _reward_step(report, actor, "reward_approve", note, {"amount": str(reward.amount)}, reply)


def claim_deadline(approved_on: date) -> date:
    """The last day to claim a reward approved on ``approved_on``, in working days."""
    return add_working_days(approved_on, current_app.config["REPORT_REWARD_CLAIM_WORKING_DAYS"])


def approval_reply(reward: RewardDecision) -> str:
    """What the reporter reads once the reward is approved: its amount and claim deadline."""
    return (
        f"您的举报经审批可获{reward.tier_label}奖励，金额 {reward.amount} 元。"
        f"请于 {reward.claim_deadline:%Y年%m月%d日} 前持本人身份证件和举报回执领取。"
    )


def mark_reward_paid(report: Report, actor: User, paid_on: date, note: str) -> None:
    """Record the payment of an approved reward."""
    _require_note(note)
    reward = report.reward
    if reward is None or reward.approved_by_id is None or reward.paid_on is not None:
        raise RecordInvalid("只有已审批且尚未发放的奖励可以登记发放")
    if actor.id in (reward.decided_by_id, reward.approved_by_id):
        raise RecordInvalid("奖励发放须由决定人和审批人以外的第三名工作人员登记")
    if paid_on > local_today() or paid_on < reward.approved_at.astimezone(SITE_TIMEZONE).date():
        raise RecordInvalid("发放日期应在审批之后、且不晚于今天")
    reward.paid_on, reward.paid_by_id = paid_on, actor.id
    _reward_step(report, actor, "reward_paid", note, {"paid_on": paid_on.isoformat()})


def _require_note(note: str) -> None:
    if not (note or "").strip():
        raise RecordInvalid("请填写处理说明")


def _reward_step(report, actor, name, note, after, reply="") -> None:
    """The event and audit entry of a reward step, committed with it."""
    report.events.append(
        ReportEvent(status=None, actor=actor, public_reply=reply, internal_note=note)
    )
    audit.record(f"report.{name}", "report", report.id, actor=actor, after=after)
    db.session.commit()
