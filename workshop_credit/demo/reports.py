"""Tip-offs with the filing service's receipts, moderated along the service's transitions.

Receipt codes and keys come from the filing service's generator, fed the load's seeded
random source, so that every demo receipt opens ``/report/status`` and the same seed gives
the same receipts. Each report follows one of the workflow's shortest routes to its status
(``workflow.routes``), so a new status gets demo reports without an edit here, and each
step leaves the time limit ``due_after_step`` gives, in working days. Rewards are computed
from the linked penalty by the configured rule (``reward_amount``) and claimed within the configured
working days (``claim_deadline``).
"""

from datetime import timedelta

from flask import current_app
from werkzeug.security import generate_password_hash

from workshop_credit.demo import names as vocab
from workshop_credit.demo.run import add, days, local_day, moment, pick, unique, weighted
from workshop_credit.demo.workshops import CATEGORY_NAMES, DISTRICTS
from workshop_credit.models import (
    IssueType,
    Report,
    ReportEvent,
    RewardDecision,
    Role,
    WorkshopStatus,
)
from workshop_credit.reports import moderation, workflow
from workshop_credit.reports.filing import new_secret, token_digest

# How often each status occurs among the generated reports; any other status: DEFAULT_WEIGHT.
STATUS_WEIGHTS = {"received": 10, "accepted": 8, "declined": 8, "duplicate": 6}
STATUS_WEIGHTS |= {"investigating": 10, "substantiated": 12, "unsubstantiated": 10, "closed": 36}
DEFAULT_WEIGHT = 8
ROUTES = workflow.routes()
REPORT_STATUSES = weighted(ROUTES, [STATUS_WEIGHTS.get(s.value, DEFAULT_WEIGHT) for s in ROUTES])
# How often a report takes another of the shortest routes to its status than the first.
OTHER_ROUTE = 0.4
# Demo keys are hashed with few iterations so that thousands of receipts take seconds; the
# demo never runs in production, where the filing service hashes each key with scrypt.
KEY_METHOD = "pbkdf2:sha256:1000"
# A rewarded report's penalty is old enough for its investigation, reward and closing.
REWARD_LEAD_DAYS = 150


def add_reports(run):
    """Tip-offs in every status, anonymous and real-name, with history and a few rewards."""
    rng, statuses = run.rng, list(ROUTES)
    count = max(len(statuses), run.size // 15)
    rewards = max(2, count // 40)
    penalties = [p for p in run.penalised if p["day"] <= run.yesterday - days(REWARD_LEAD_DAYS)]
    for i in range(count):
        scripted = i < len(statuses)
        routes = ROUTES[statuses[i] if scripted else pick(rng, REPORT_STATUSES)]
        steps = list(routes[0])
        if len(routes) > 1 and not scripted and rng.random() < OTHER_ROUTE:
            steps = list(routes[-1])
        found_true = workflow.found_true(_targets(steps))
        keen = scripted and found_true  # so that even a small load has a reward
        reporter = _reporter(rng, real=keen or rng.random() < 0.45, keen=keen)
        rewarded = (
            reporter["wants_reward"]
            and found_true
            and _targets(steps)[-1] in workflow.FINISHED
            and rewards
            and penalties
            and (scripted or rng.random() < 0.5)
        )
        penalty = rng.choice(penalties) if rewarded else None
        rewards -= bool(penalty)
        _add_report(run, steps, reporter, penalty)


def _targets(steps):
    """The statuses that ``steps`` lead to, one by one."""
    return [workflow.TRANSITIONS[name].target for name in steps]


def _reads(steps, field):
    """Whether one of ``steps`` reads the form field ``field`` (a county, a duplicate)."""
    return any(field in workflow.TRANSITIONS[name].fields for name in steps)


def _add_report(run, steps, reporter, penalty):
    """One tip-off, its receipt and its history; a reward when ``penalty`` came of it."""
    rng = run.rng
    subject, duplicate_of = _report_subject(run, penalty), None
    if _reads(steps, "duplicate_of") and run.reports:
        duplicate_of, subject = rng.choice(run.reports)
    start = penalty["day"] - days(rng.randint(10, 40)) if penalty else None
    moments = _report_moments(run, len(steps) + 1, start)
    reward = _plan_reward(run, penalty, moments[-2]) if penalty else None
    if reward:  # the report is closed once the reward is settled
        moments[-1] = reward["events"][-1]["at"] + timedelta(days=rng.randint(1, 8))
    statuses, due_on = _moderate(steps, moments)
    code, key = unique(run, lambda: new_secret(rng)), new_secret(rng)
    report_id = add(
        run,
        Report,
        moments[0],
        updated_at=moments[-1],
        **subject,
        **reporter,
        status=statuses[-1],
        receipt_code=code,
        key_hash=generate_password_hash(key, method=KEY_METHOD),
        submission_token=unique(run, lambda: token_digest(f"{rng.getrandbits(128):032x}")),
        observed_at=moments[0] - timedelta(hours=rng.randint(2, 240)),
        assigned_district_id=subject["district_id"] if _reads(steps, "district") else None,
        duplicate_of_id=duplicate_of,
        due_on=due_on,
        penalty_id=penalty["id"] if penalty else None,
    )
    run.receipts.append((code, key, statuses[-1]))
    if duplicate_of is None:
        run.reports.append((report_id, subject))
    events = _step_events(run, steps, statuses, moments, subject["district_id"])
    if reward:
        add(run, RewardDecision, reward["events"][0]["at"], report_id=report_id, **reward["row"])
        events[-1:-1] = reward["events"]
    for event in events:
        add(run, ReportEvent, event.pop("at"), report_id=report_id, **event)


def _moderate(steps, moments):
    """The status after each step, allowed by the workflow, and the time limit."""
    status = workflow.INITIAL
    statuses = [status]
    due_on = workflow.due_on_from(status, local_day(moments[0]))
    for name, when in zip(steps, moments[1:], strict=True):
        before, status = status, workflow.allowed(status, name).target or status
        due_on = workflow.due_after_step(before, status, due_on, local_day(when))
        statuses.append(status)
    return statuses, due_on


def _reporter(rng, real, keen):
    """A real-name reporter (a ``keen`` one wants a reward), or an anonymous one."""
    if not real:
        return {
            "is_anonymous": True,
            "reporter_name": None,
            "reporter_phone": None,
            "wants_reward": False,
        }
    return {
        "is_anonymous": False,
        "reporter_name": vocab.person_name(rng),
        "reporter_phone": vocab.mobile(rng),
        "wants_reward": keen or rng.random() < 0.6,
    }


def _report_subject(run, penalty=None):
    """What a tip-off is about: a known workshop, a closed-down one, or an unknown one."""
    rng, roll = run.rng, run.rng.random()
    name = address = ""
    if penalty:
        plan = penalty["plan"]
        workshop_id, district, product = plan["id"], plan["district"], plan["products"][0]
        issue = rng.choice([t for t in IssueType if t != IssueType.UNREGISTERED])
        if plan["status"] == WorkshopStatus.UNREGISTERED:
            issue = IssueType.UNREGISTERED
    elif run.workshops and roll < 0.65:
        workshop_id, district, product = rng.choice(run.workshops)
        issue = rng.choice([t for t in IssueType if t != IssueType.UNREGISTERED])
    else:
        workshop_id, issue = None, IssueType.UNREGISTERED
        if run.unregistered and roll < 0.8:
            name, address, district, product = rng.choice(run.unregistered)
        else:
            district = pick(rng, DISTRICTS)
            town = rng.choice(vocab.TOWNS[district])
            product = rng.choice(vocab.PRODUCTS[rng.choice(CATEGORY_NAMES)])
            name, address = f"{town}一家无证{product}作坊", vocab.address(rng, district, town)
    return {
        "workshop_id": workshop_id,
        "subject_name": name,
        "subject_address": address,
        "district_id": run.districts[district],
        "issue_type": issue,
        "description": vocab.REPORT_TEXT[issue.value].format(product=product),
    }


def _report_moments(run, steps, start=None):
    """When a report came in and when each later step happened, a few days apart."""
    rng = run.rng
    if start is None:
        back = rng.randint(0, 4) if steps == 1 else rng.randint(10 * steps + 30, 720)
        start = run.yesterday - days(back)
    moments = [moment(start, rng.randint(8, 20)) + timedelta(minutes=rng.randint(0, 59))]
    for _ in range(steps - 1):
        moments.append(moments[-1] + timedelta(days=rng.randint(1, 8), hours=rng.randint(0, 6)))
    return moments


def _step_events(run, steps, statuses, moments, district_id):
    """The report's history: its receipt, then each step the moderator took."""
    wording = {
        "district": run.district_name(district_id),
        "accept_days": current_app.config["REPORT_ACCEPT_WORKING_DAYS"],
    }
    return [
        {
            "at": when,
            "status": status,
            "actor_id": None if name is None else run.users[Role.MODERATOR],
            "public_reply": vocab.reply(status).format(**wording),
            "internal_note": "" if name is None else workflow.TRANSITIONS[name].label,
        }
        for name, status, when in zip([None, *steps], statuses, moments, strict=True)
    ]


def _plan_reward(run, penalty, substantiated):
    """A reward by the configured rule, approved by a second person and paid by a third:
    its row and its events, which come between the investigation and the closing."""
    rng = run.rng
    tier, basis = rng.randint(1, 3), penalty["basis"]
    decided = substantiated + timedelta(days=rng.randint(2, 10))
    approved = decided + timedelta(days=rng.randint(1, 5))
    paid_on = local_day(approved) + days(rng.randint(5, 40))
    paid_on = paid_on if paid_on <= run.yesterday and rng.random() < 0.7 else None
    approved_on = local_day(approved)
    reward = RewardDecision(
        reward_tier=tier,
        amount=moderation.reward_amount(tier, basis),
        claim_deadline=moderation.claim_deadline(approved_on),
    )
    moderator, approver = run.users[Role.MODERATOR], run.users[Role.APPROVER]
    payer = run.users["demo-reward-payer"]
    events = [
        _reward_event(decided, moderator, "决定奖励"),
        _reward_event(approved, approver, "审批奖励", moderation.approval_reply(reward)),
    ]
    if paid_on:
        events.append(_reward_event(moment(paid_on, 15), payer, "登记奖励发放"))
    row = {
        "updated_at": events[-1]["at"],
        "grade": tier,  # the column behind RewardDecision.reward_tier
        "basis_amount": basis,
        "amount": reward.amount,
        "decided_by_id": moderator,
        "approved_by_id": approver,
        "approved_at": approved,
        "claim_deadline": reward.claim_deadline,
        "paid_on": paid_on,
        "paid_by_id": payer if paid_on else None,
    }
    return {"row": row, "events": events}


def _reward_event(when, actor_id, note, reply=""):
    """A reward step in the report's history: no status change."""
    return {
        "at": when,
        "status": None,
        "actor_id": actor_id,
        "public_reply": reply,
        "internal_note": note,
    }
